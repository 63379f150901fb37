"""The term base as plain data (dicts, lists, texts): one shape for every consumer that wants JSON.

`glossary show` prints it, the built site publishes it as glossary.json and the
JSON export wraps it, so a script that reads one reads the others.
"""

from __future__ import annotations

from typing import Any

from .model import Concept, Source, TermBase

RELATION_FIELDS = ("broader", "narrower", "related", "homonyms")


def source_fields(source: Source) -> dict[str, str]:
    """A source's given fields, without its id (the key it is filed under)."""
    return {k: v for k, v in source._asdict().items() if v is not None and k != "id"}


def concept_data(termbase: TermBase, concept: Concept) -> dict[str, Any]:
    return {
        "id": concept.id,
        "subject": concept.subject,
        **{name: list(getattr(concept, name)) for name in RELATION_FIELDS},
        "sources": [{"id": s, **source_fields(termbase.sources[s])} for s in concept.sources if s in termbase.sources],
        "languages": {
            lang: {
                "terms": [
                    {("term" if k == "text" else k): v for k, v in t._asdict().items() if v not in (None, False)}
                    for t in section.terms
                ],
                "definition": section.definition,
                "notes": list(section.notes),
                "examples": list(section.examples),
            }
            for lang, section in concept.langs.items()
        },
    }


def termbase_data(termbase: TermBase) -> dict[str, Any]:
    """The whole term base: languages by name and every concept by id."""
    return {
        "source_language": termbase.source_language,
        "languages": {code: lang.name for code, lang in termbase.languages.items()},
        "concepts": {cid: concept_data(termbase, c) for cid, c in termbase.concepts.items()},
    }
