"""Load a term base file into the model, or explain every problem in it.

The fast path is what a sound file costs: libyaml's parse, one compiled schema
check and a few dictionary walks. Positions are only worked out when there is
something to report, by composing the file again (see `Locator`), so a sound
term base pays almost nothing for good error messages.
"""
from __future__ import annotations

import difflib
import gc
import json
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import fastjsonschema
import yaml

from . import yamlsafe
from .model import RELATIONS, TermBase, build_termbase, nfc
from .problems import Problem, TermBaseError

LANG_KEY = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("termbase.schema.json").read_text("utf-8"))


def schema_text() -> str:
    return resources.files(__package__).joinpath("termbase.schema.json").read_text("utf-8")


@lru_cache(maxsize=1)
def _fast_validator():
    return fastjsonschema.compile(schema())


MAX_TERMBASE_MB = 128  # about 75,000 concepts; GLOSSARY_MAX_TERMBASE_MB raises it


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a file too large to be a term base before reading it."""
    limit = _size_limit()
    try:
        size = path.stat().st_size
        if size > limit:
            raise TermBaseError([Problem(str(path), 1, 1, (
                f"the file is {size / 2**20:.0f} MB, over the {limit // 2**20} MB a term base may have: "
                "check that it is the term base, or raise the limit with GLOSSARY_MAX_TERMBASE_MB"))])
        return path.read_bytes()
    except FileNotFoundError:
        raise TermBaseError([Problem(str(path), 1, 1, "file not found: check the path or pass --termbase")]) from None
    except OSError as exc:
        raise TermBaseError([Problem(str(path), 1, 1, f"cannot read the file: {exc.strerror}")]) from None


def _size_limit() -> int:
    value = os.environ.get("GLOSSARY_MAX_TERMBASE_MB", "")
    return (int(value) if value.isdigit() else MAX_TERMBASE_MB) * 2**20


def decode(raw: bytes, display: str) -> str:
    """Decode UTF-8, accepting a BOM and CRLF line ends."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise TermBaseError([Problem(display, line, column, "the file is not valid UTF-8: save it as UTF-8")]) from None
    return text.replace("\r\n", "\n")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a term base.

    Loading creates hundreds of thousands of containers and no cycles, and the
    collections those allocations trigger cost more than the parse itself on a
    large term base (measured: 14.5 s with, 5.7 s without, for 10,000 concepts).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_text(text: str, display: str) -> TermBase:
    """Parse, validate and build the model; raise TermBaseError with all problems."""
    with paused_gc():
        return _load_text(text, display)


def _load_text(text: str, display: str) -> TermBase:
    try:
        data, noticed, concept_lines = yamlsafe.load(text)
    except yamlsafe.YamlProblem as exc:
        raise TermBaseError([Problem(display, exc.line, exc.column, exc.message)]) from None
    problems = [Problem(display, d.line, d.column, d.message) for d in noticed]
    if not isinstance(data, dict):
        raise TermBaseError(problems or [Problem(
            display, 1, 1,
            "a term base is a mapping with 'source_language', 'languages' and 'concepts'; see terms/termbase.yaml",
        )])
    try:
        findings = data_findings(data, display)
    except RecursionError:  # nesting the parser survived but the checks cannot walk
        deep = yamlsafe.too_deep(text)
        line, column = (deep.line, deep.column) if deep else (1, 1)
        raise TermBaseError([Problem(display, line, column, yamlsafe.TOO_DEEP)]) from None
    if findings or problems:
        locator = Locator(text)
        problems.extend(Problem(display, *locator.position(path, at_key), message) for path, at_key, message in findings)
        raise TermBaseError(problems)
    termbase = build_termbase(data, display)
    termbase.concept_lines = concept_lines
    return termbase


def data_findings(data: dict[str, Any], display: str) -> list[tuple[tuple[Any, ...], bool, str]]:
    """Everything wrong with term base data: (path, at key?, message), unpositioned."""
    try:
        _fast_validator()(data)
        schema_ok = True
    except fastjsonschema.JsonSchemaException:
        schema_ok = False
    findings: list[tuple[tuple[Any, ...], bool, str]] = []
    if not schema_ok:
        findings.extend(_schema_findings(data))
    findings.extend(_semantic_findings(data))
    return findings


def check_data(data: dict[str, Any], display: str) -> TermBase:
    """Validate term base data that did not come from a file (an import) by the same rules.

    Problems name the path in the data, as there is no line to point at yet.
    """
    with paused_gc():
        try:
            findings = data_findings(data, display)
        except RecursionError:
            raise TermBaseError([Problem(display, 1, 1, yamlsafe.TOO_DEEP)]) from None
        if findings:
            raise TermBaseError([Problem(display, 1, 1, f"{_where(path)}: {message}") for path, _, message in findings])
        return build_termbase(data, display)


def load(path: str | Path) -> TermBase:
    path = Path(path)
    return load_text(decode(read_bytes(path), str(path)), str(path))


# --- schema problems, explained --------------------------------------------

def _schema_findings(data: Any) -> Iterable[tuple[tuple[Any, ...], bool, str]]:
    import jsonschema  # only on the error path: it is slow to import and to run

    validator = jsonschema.Draft7Validator(schema())
    seen: set[tuple[tuple[Any, ...], str]] = set()
    for error in validator.iter_errors(data):
        for finding in _explain(error):
            key = (finding[0], finding[2])
            if key not in seen:
                seen.add(key)
                yield finding


def _where(path: tuple[Any, ...]) -> str:
    """A path as a reader follows it in the file: concept 'x', en › terms › 2 › status."""
    parts = [str(p + 1) if isinstance(p, int) else str(p) for p in path]
    if len(path) >= 2 and path[0] == "concepts":
        rest = " › ".join(parts[2:])
        return f"concept '{path[1]}'" + (f", {rest}" if rest else "")
    return " › ".join(parts) or "the top level"


def _explain(error: Any) -> Iterable[tuple[tuple[Any, ...], bool, str]]:
    path = tuple(error.absolute_path)
    kind = error.validator
    where = _where(path)
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        for key in error.instance:
            if key in allowed or any(re.search(p, str(key)) for p in patterns):
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
            if patterns and not close:
                hint += " or a language code"
            yield path + (key,), True, f"unknown field '{key}' in {where}: {hint}"
        return
    if kind == "propertyNames" or (error.relative_schema_path and "propertyNames" in error.relative_schema_path):
        name = error.instance
        if path and path[-1] == "concepts" or (len(path) == 1 and path[0] == "concepts"):
            yield path + (name,), True, (
                f"concept id '{name}' is not a lowercase slug: use lowercase letters, digits and single hyphens, "
                f"e.g. '{_slugify(str(name))}'"
            )
        else:
            yield path + (name,), True, f"'{name}' is not a valid name in {where}: {error.message}"
        return
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        field = missing[0] if missing else "a required field"
        yield path, True if path else False, f"{where} is missing '{field}': add it"
        return
    if kind == "type":
        expected = error.validator_value
        names = {"object": "a mapping (key: value)", "array": "a list", "string": "a text", "integer": "a number"}
        want = names.get(expected, str(expected)) if isinstance(expected, str) else " or ".join(expected)
        got = _kind_of(error.instance)
        hint = ""
        if isinstance(error.instance, (bool, int, float)) or error.instance is None:
            hint = " (YAML reads yes/no/on/off/null and bare numbers and dates as values: put the text in quotes)"
        if expected == "array" and isinstance(error.instance, str):
            hint = f" (write [{error.instance}])"
        yield path, False, f"{where} must be {want}, not {got}{hint}"
        return
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        yield path, False, f"'{error.instance}' is not allowed for {where}: use one of {options}"
        return
    if kind == "pattern":
        yield path, False, _pattern_message(path, error.instance, where)
        return
    if kind == "maxLength" and isinstance(error.instance, str):
        yield path, False, (f"{where} is {len(error.instance):,} characters long, over the "
                            f"{error.validator_value:,} a text may have: shorten it")
        return
    if kind in ("minLength", "minItems"):
        yield path, False, f"{where} is empty: fill it in or remove the field"
        return
    if kind == "uniqueItems":
        yield path, False, f"{where} lists the same entry twice: remove the repeat"
        return
    if kind == "minProperties":
        yield path, False, f"{where} is empty: declare at least one entry"
        return
    yield path, False, f"{where}: {error.message}"


def _pattern_message(path: tuple[Any, ...], value: Any, where: str) -> str:
    last = path[-1] if path else ""
    if last == "url":
        return f"{where} must start with http:// or https://"
    if last == "date":
        return f"{where} must be a date like 2019-08-27 (or 2019-08, 2019)"
    if last in ("source_language", "lang"):
        return f"'{value}' is not a language code: use a code like en, de, nl or pt-BR"
    if last in RELATIONS or (len(path) >= 2 and path[-2] in (*RELATIONS, "homonyms", "sources")):
        return f"'{value}' in {where} is not a concept id: ids are lowercase slugs like '{_slugify(str(value))}'"
    return f"'{value}' is not valid for {where}"


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    return {bool: "true/false", int: "a number", float: "a number", str: "a text", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )


def _slugify(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "my-concept"


# --- meaning problems: what a schema cannot say ------------------------------

def _semantic_findings(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], bool, str]]:
    """Checks a schema cannot express. Written defensively: they also run on data
    that failed the schema, so that one load reports every problem at once."""
    found: list[tuple[tuple[Any, ...], bool, str]] = []
    languages = _mapping(data.get("languages"))
    declared = ", ".join(map(str, languages))
    source_language = data.get("source_language")
    if languages and isinstance(source_language, str) and source_language not in languages:
        found.append((("source_language",), False,
                      f"source language '{source_language}' is not declared under 'languages' ({declared})"))
    for code in _mapping(data.get("title")):
        if languages and code not in languages:
            found.append((("title", code), True, f"unknown language '{code}': declare it under 'languages' ({declared})"))
    sources = _mapping(data.get("sources"))
    concepts = _mapping(data.get("concepts"))
    ids = [str(i) for i in concepts]
    for cid, concept in concepts.items():
        if cid in RESERVED_IDS:
            found.append((("concepts", cid), True,
                          f"'{cid}' cannot be a concept id: the site uses glossary/{cid} for its own pages; "
                          f"choose another id, e.g. '{cid}-term'"))
        elif cid in DEVICE_NAMES:
            found.append((("concepts", cid), True,
                          f"'{cid}' cannot be a concept id: Windows reserves the name, so its page could not be "
                          f"saved or checked out there; choose another id, e.g. '{cid}-term'"))
        concept = _mapping(concept)
        for key, section in concept.items():
            if not isinstance(key, str) or not LANG_KEY.match(key) or key in CONCEPT_FIELDS:
                continue
            if languages and key not in languages:
                found.append((("concepts", cid, key), True,
                              f"unknown language '{key}' in concept '{cid}': declare it under 'languages' "
                              f"({declared}) or correct the code"))
                continue
            terms = _mapping(section).get("terms")
            preferred = [i for i, t in enumerate(terms if isinstance(terms, list) else ())
                         if isinstance(t, dict) and t.get("status") == "preferred"]
            for extra in preferred[1:]:
                found.append((("concepts", cid, key, "terms", extra, "status"), False,
                              f"concept '{cid}' has more than one preferred term in '{key}': keep one preferred "
                              "and mark the others admitted or deprecated"))
            first: dict[str, int] = {}
            for i, t in enumerate(terms if isinstance(terms, list) else ()):
                text = nfc(t["term"]) if isinstance(t, dict) and isinstance(t.get("term"), str) else None
                if text is not None and first.setdefault(text, i) != i:
                    found.append((("concepts", cid, key, "terms", i, "term"), False,
                                  f"concept '{cid}' lists '{text}' twice in '{key}' (first as term "
                                  f"{first[text] + 1}): remove the repeat"))
        for relation in (*RELATIONS, "homonyms"):
            for i, target in enumerate(_list(concept.get(relation))):
                if not isinstance(target, str):
                    continue
                if target == cid:
                    found.append((("concepts", cid, relation, i), False,
                                  f"concept '{cid}' lists itself under '{relation}': remove it"))
                elif target not in concepts:
                    close = difflib.get_close_matches(target, ids, n=1)
                    hint = f"did you mean '{close[0]}'?" if close else "add the concept or remove the reference"
                    found.append((("concepts", cid, relation, i), False,
                                  f"'{target}' under '{relation}' of concept '{cid}' is not a concept: {hint}"))
        for i, sid in enumerate(_list(concept.get("sources"))):
            if isinstance(sid, str) and sid not in sources:
                close = difflib.get_close_matches(sid, [str(s) for s in sources], n=1)
                hint = f"did you mean '{close[0]}'?" if close else "declare it under the top-level 'sources'"
                found.append((("concepts", cid, "sources", i), False,
                              f"source '{sid}' of concept '{cid}' is not declared: {hint}"))
    return found


# Ids whose page would take the place of one the site generates itself (glossary/index, glossary/senses/).
RESERVED_IDS = frozenset(("index", "senses"))
# Names Windows reserves for devices in any folder: a page folder glossary/con/ cannot exist there.
DEVICE_NAMES = frozenset(("con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))))
CONCEPT_FIELDS = frozenset(("broader", "narrower", "related", "homonyms", "sources", "subject", "diagrams"))


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# --- positions ---------------------------------------------------------------

class Locator:
    """Finds the line and column of a path of keys and indexes in YAML text."""

    def __init__(self, text: str):
        try:
            self.root = yamlsafe.compose(text)
        except yaml.YAMLError:
            self.root = None

    def position(self, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
        node = self.root
        if node is None:
            return 1, 1
        mark = node.start_mark
        for depth, part in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                # the last of duplicate keys is the one the loaded data kept
                match = next((kv for kv in reversed(node.value) if _same_key(kv[0], part)), None)
                if match is None:
                    break
                mark = match[0].start_mark if (last and at_key) else match[1].start_mark
                node = match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return mark.line + 1, mark.column + 1


def _same_key(key_node: yaml.Node, part: Any) -> bool:
    if not isinstance(key_node, yaml.ScalarNode):
        return False
    if key_node.value == str(part):
        return True
    if isinstance(part, bool):
        return key_node.value.lower() in (("true", "yes", "on", "y") if part else ("false", "no", "off", "n"))
    return False
