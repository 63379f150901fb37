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
        text = raw.decode("utf-8-sig")
        doc = json.loads(text)
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
    _validate(data, text, display)
    return ImportResult(data, notes, f"{display} (JSON, format_version {version})")


def _validate(data: dict[str, Any], text: str, display: str) -> None:
    """The loader's rules, each refusal placed at the concept (or top-level key) it is about."""
    from ..termbase import loader, schema

    try:
        findings = loader.data_findings(data)
    except RecursionError:
        raise TermBaseError([Problem(display, 1, 1, "the JSON nests too deeply to be a term base")]) from None
    if not findings:
        return
    concepts_at = text.find('"concepts"')
    problems = []
    for path, _, message in findings:
        if len(path) > 1 and path[0] == "concepts":
            at = text.find(json.dumps(str(path[1]), ensure_ascii=False) + ":", max(concepts_at, 0))
            if at < 0:
                at = text.find(json.dumps(str(path[1])) + ":", max(concepts_at, 0))
        else:
            at = text.find(json.dumps(str(path[0])) + ":") if path else 0
        at = max(at, 0)
        line = text.count("\n", 0, at) + 1
        problems.append(
            Problem(display, line, at - (text.rfind("\n", 0, at) + 1) + 1, f"{schema.where(path)}: {message}")
        )
    raise TermBaseError(problems)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
