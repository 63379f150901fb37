"""What every importer and exporter shares.

Exporters take the model (`TermBase`) and return bytes. Importers take bytes
and return an `ImportResult`: a term base in the structure of
`terms/termbase.yaml` (a plain dict that `termbase.writer.dump` writes and
`termbase.loader` validates), and a report of what the input held that the model
cannot, entry by entry (kept as notes, or dropped and said so). Input that
cannot be read raises `TermBaseError` with the position and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem


@dataclass
class ImportResult:
    data: dict[str, Any]
    reports: list[Problem] = field(default_factory=list)
