"""How the lookup index keys a written form; shared by the index builder and the queries.

Standard library only: `glossary lookup` imports it on every run.
"""

from __future__ import annotations

import unicodedata

FORMAT = "1"  # raise when the index layout or its matching rules change


def normal(text: str) -> str:
    """Case and accent insensitive form: 'Übersicht' and 'ubersicht' are the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def code_version() -> str:
    """The code that builds and reads the index (the term base, language and lookup packages)
    and the library versions it ran with: a new version means a new index."""
    from ..fingerprint import fingerprint

    return FORMAT + fingerprint("termbase", "language", "lookup")[:15]
