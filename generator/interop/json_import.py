"""JSON import: our own JSON export (see `json_export` and termbase.export.schema.json) back into a term base."""

from __future__ import annotations

import json
from typing import Any

from ..errors import Problem, TermBaseError
from .json_export import FORMAT_VERSION
from .result import ImportResult, Note, note

TERM_KEYS = ("term", "status", "pos", "gender", "plural", "type", "note", "same_as_source")
RELATIONS = ("broader", "narrower", "related", "homonyms")


def import_json(raw: bytes, display: str) -> ImportResult:
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise TermBaseError([Problem(display, 1, exc.start + 1, "the file is not UTF-8: save it as UTF-8")]) from None
    except json.JSONDecodeError as exc:
        raise TermBaseError(
            [Problem(display, exc.lineno, exc.colno, f"not valid JSON ({exc.msg}): fix it here")]
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("concepts"), dict) or "languages" not in doc:
        raise TermBaseError(
            [
                Problem(
                    display,
                    1,
                    1,
                    (
                        "this is not a term base exported by glossary export --format json: it needs 'languages' and "
                        "'concepts' at the top level"
                    ),
                )
            ]
        )
    notes: list[Note] = []
    version = doc.get("format_version")
    if version not in (None, FORMAT_VERSION):
        notes.append(
            note(
                Problem(
                    display,
                    1,
                    1,
                    (
                        f"format_version {version} is not {FORMAT_VERSION}, the one this import reads: fields it does not "
                        "know are left out"
                    ),
                ),
                "warning",
            )
        )
    data: dict[str, Any] = {}
    if doc.get("title"):
        data["title"] = dict(doc["title"])
    data["source_language"] = doc.get("source_language")
    data["languages"] = {code: {"name": name} for code, name in _mapping(doc.get("languages")).items()}
    sources = {sid: dict(spec) for sid, spec in _mapping(doc.get("sources")).items()}
    concepts: dict[str, Any] = {}
    for cid, raw_concept in doc["concepts"].items():
        concept: dict[str, Any] = {}
        raw_concept = _mapping(raw_concept)
        if raw_concept.get("subject"):
            concept["subject"] = raw_concept["subject"]
        for name in RELATIONS:
            if raw_concept.get(name):
                concept[name] = list(raw_concept[name])
        cited = []
        for source in raw_concept.get("sources") or []:
            if not isinstance(source, dict):
                continue
            sid = source.get("id")
            if sid and sid not in sources:
                sources[sid] = {k: v for k, v in source.items() if k != "id"}
            if sid:
                cited.append(sid)
        if cited:
            concept["sources"] = cited
        if raw_concept.get("diagrams"):
            concept["diagrams"] = list(raw_concept["diagrams"])
        for lang, section in _mapping(raw_concept.get("languages")).items():
            out: dict[str, Any] = {
                "terms": [
                    {k: t[k] for k in TERM_KEYS if k in t and t[k] not in (None, False)}
                    for t in section.get("terms") or []
                    if isinstance(t, dict)
                ]
            }
            for key in ("definition", "notes", "examples"):
                if section.get(key):
                    out[key] = section[key]
            concept[lang] = out
        concepts[str(cid)] = concept
    if sources:
        data["sources"] = sources
    data["concepts"] = concepts
    return ImportResult(data, notes, f"{display} (JSON, format_version {version})")


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
