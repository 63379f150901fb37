"""The whole term base as one JSON document, described by termbase.export.schema.json.

The body is `termbase.data.termbase_data`, the structure the built site
publishes as glossary.json, so a consumer of one reads the other. What that
leaves out of the term base is added beside it, never in place of it:

* `title`: the term base's title per language;
* `sources`: the whole sources table by id (including sources no concept cites);
* per concept `diagrams`.

(termbase_data already carries every term field, each concept's sources in full
with their ids, and the language names.)

Wrapped with "$schema" (the schema file's name, beside the export) and
"format_version" (raised when a field changes meaning or goes away; added
fields do not raise it). Output is deterministic: the term base's own order
(languages in display order, concepts in file order), two-space indent,
UTF-8, a final newline.
"""

from __future__ import annotations

import json
from typing import Any

from ..termbase.data import source_fields, termbase_data
from ..termbase.model import TermBase

SCHEMA_NAME = "termbase.export.schema.json"
FORMAT_VERSION = 1


def export_data(termbase: TermBase) -> dict[str, Any]:
    """The export as plain data (what `export_json` writes)."""
    body = termbase_data(termbase)
    for cid, concept_out in body["concepts"].items():
        concept_out["diagrams"] = list(termbase.concepts[cid].diagrams)
    return {
        "$schema": SCHEMA_NAME,
        "format_version": FORMAT_VERSION,
        "title": dict(termbase.title),
        "source_language": body.pop("source_language"),
        "languages": body.pop("languages"),
        "sources": {sid: source_fields(source) for sid, source in termbase.sources.items()},
        **body,
    }


def export_json(termbase: TermBase) -> bytes:
    """The whole term base as JSON (see the module docstring and termbase.export.schema.json)."""
    return (json.dumps(export_data(termbase), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
