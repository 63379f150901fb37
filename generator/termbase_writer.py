"""Write a term base (the plain-data structure of terms/termbase.yaml) as YAML in the house layout.

Importers produce data; this turns it into a file a terminologist can read and
edit: one concept per block, one term per line as a flow mapping, texts in
double quotes (JSON's escaping is valid YAML), and the schema comment that
editors use for completion.
"""
from __future__ import annotations

import json
from typing import Any

TERM_FIELDS = ("term", "status", "pos", "gender", "plural", "type", "note", "same_as_source")
CONCEPT_LISTS = ("broader", "narrower", "related", "homonyms", "sources", "diagrams")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)


def _ids(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _mapping(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_text(v)}" for k, v in values.items() if v is not None) + "}"


def dump(data: dict[str, Any], comment: str | None = None) -> str:
    out = ["# yaml-language-server: $schema=termbase.schema.json"]
    if comment:
        out += [f"# {line}" for line in comment.splitlines()]
    if data.get("title"):
        out.append(f"title: {_mapping(data['title'])}")
    out.append(f"source_language: {data['source_language']}")
    out.append("languages:")
    out += [f"  {code}: {_mapping(spec)}" for code, spec in data["languages"].items()]
    if data.get("sources"):
        out.append("sources:")
        out += [f"  {sid}: {_mapping(spec)}" for sid, spec in data["sources"].items()]
    out.append("concepts:")
    for cid, concept in data["concepts"].items():
        out.append(f"  {cid}:")
        if concept.get("subject"):
            out.append(f"    subject: {_text(concept['subject'])}")
        for name in CONCEPT_LISTS:
            if concept.get(name):
                out.append(f"    {name}: {_ids(concept[name])}")
        for lang in data["languages"]:
            section = concept.get(lang)
            if not section:
                continue
            out.append(f"    {lang}:")
            out.append("      terms:")
            for term in section["terms"]:
                fields = {k: term[k] for k in TERM_FIELDS if term.get(k) not in (None, False)}
                out.append("        - {" + ", ".join(
                    f"{k}: {v if k == 'status' else _text(v)}" for k, v in fields.items()) + "}")
            if section.get("definition"):
                out.append(f"      definition: {_text(section['definition'])}")
            for name in ("notes", "examples"):
                if section.get(name):
                    out.append(f"      {name}:")
                    out += [f"        - {_text(text)}" for text in section[name]]
    return "\n".join(out) + "\n"
