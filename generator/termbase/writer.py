"""Write a term base (the plain-data structure of terms/termbase.yaml) as YAML in the house layout.

Importers produce data; this turns it into a file a terminologist can read and
edit: one concept per block, one term per line as a flow mapping, texts in
double quotes (JSON's escaping is valid YAML), and the schema comment that
editors use for completion.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

# json.dumps leaves these as they are, but YAML refuses DEL and the C1 controls in a
# file and reads NEL, LS and PS as line breaks (folded to spaces): write them escaped.
YAML_RAW_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")

_RESOLVER = yaml.resolver.Resolver()

TERM_FIELDS = ("term", "status", "pos", "gender", "plural", "type", "note", "same_as_source")
CONCEPT_LISTS = ("broader", "narrower", "related", "homonyms", "sources", "diagrams")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = json.dumps(str(value), ensure_ascii=False)
    return YAML_RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _name(value: str) -> str:
    """An id or language code, plain unless YAML would read it as a number, boolean, date
    or null (concept 1, language no, source 2019-08-27): then quoted."""
    plain = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    return value if plain else _text(value)


def _ids(values: list[str]) -> str:
    return "[" + ", ".join(map(_name, values)) + "]"


def _mapping(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{_name(k)}: {_text(v)}" for k, v in values.items() if v is not None) + "}"


def dump(data: dict[str, Any], comment: str | None = None) -> str:
    out = ["# yaml-language-server: $schema=termbase.schema.json"]
    if comment:
        out += [f"# {line}" for line in comment.splitlines()]
    if data.get("title"):
        out.append(f"title: {_mapping(data['title'])}")
    out.append(f"source_language: {_name(data['source_language'])}")
    out.append("languages:")
    out += [language_line(code, spec) for code, spec in data["languages"].items()]
    if data.get("sources"):
        out.append("sources:")
        out += [source_line(sid, spec) for sid, spec in data["sources"].items()]
    out.append("concepts:" if data["concepts"] else "concepts: {}")  # a bare key would read as null
    for cid, concept in data["concepts"].items():
        out += concept_lines(cid, concept, list(data["languages"]))
    return "\n".join(out) + "\n"


def language_line(code: str, spec: dict[str, Any]) -> str:
    return f"  {_name(code)}: {_mapping(spec)}"


def source_line(sid: str, spec: dict[str, Any]) -> str:
    return f"  {_name(sid)}: {_mapping(spec)}"


def term_item(term: dict[str, Any]) -> str:
    """A term as the house layout writes it in a `terms:` list: a flow mapping on one line."""
    fields = {k: term[k] for k in TERM_FIELDS if term.get(k) not in (None, False)}
    return "{" + ", ".join(f"{k}: {v if k == 'status' else _text(v)}" for k, v in fields.items()) + "}"


def text(value: Any) -> str:
    return _text(value)


def ids(values: list[str]) -> str:
    return _ids(values)


def section_lines(lang: str, section: dict[str, Any], indent: str = "    ") -> list[str]:
    """One language section, its key at `indent`."""
    out = [f"{indent}{_name(lang)}:", f"{indent}  terms:"]
    out += [f"{indent}    - {term_item(term)}" for term in section["terms"]]
    if section.get("definition"):
        out.append(f"{indent}  definition: {_text(section['definition'])}")
    for name in ("notes", "examples"):
        if section.get(name):
            out.append(f"{indent}  {name}:")
            out += [f"{indent}    - {_text(item)}" for item in section[name]]
    return out


def concept_lines(cid: str, concept: dict[str, Any], languages: list[str]) -> list[str]:
    """One concept in the house layout, indented as under `concepts:`."""
    out = [f"  {_name(cid)}:"]
    if concept.get("subject"):
        out.append(f"    subject: {_text(concept['subject'])}")
    for name in CONCEPT_LISTS:
        if concept.get(name):
            out.append(f"    {name}: {_ids(concept[name])}")
    for lang in languages:
        if concept.get(lang):
            out += section_lines(lang, concept[lang])
    if len(out) == 1:
        out[0] += " {}"  # a concept with no field yet: a bare key would read as null
    return out
