"""The term base's JSON Schema, and its complaints explained in a terminologist's words.

The schema (`generator/termbase.schema.json`, also used by editors) is checked
by a compiled validator on the fast path; only when it fails does the slower
jsonschema library walk the data again to say, for each problem, where it is
and what to do.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from . import ids
from .model import RELATIONS

Finding = tuple[tuple[Any, ...], bool, str]  # (path into the data, at the key?, message)


def schema_text() -> str:
    return resources.files("generator").joinpath("termbase.schema.json").read_text("utf-8")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(schema_text())


@lru_cache(maxsize=1)
def _fast_validator():
    import fastjsonschema

    return fastjsonschema.compile(schema())


def term_values(name: str) -> list[str]:
    """The values the schema allows for a term field (pos, gender, type)."""
    return schema()["definitions"]["term"]["properties"][name]["enum"]


def findings(data: Any) -> Iterable[Finding]:
    """Every schema problem of the data, explained; nothing when it is valid."""
    import fastjsonschema

    try:
        _fast_validator()(data)
        return []
    except fastjsonschema.JsonSchemaException:
        return list(_explained(data))


def where(path: tuple[Any, ...]) -> str:
    """A path as a reader follows it in the file: concept 'x', en › terms › 2 › status."""
    parts = [str(p + 1) if isinstance(p, int) else str(p) for p in path]
    if len(path) >= 2 and path[0] == "concepts":
        rest = " › ".join(parts[2:])
        return f"concept '{path[1]}'" + (f", {rest}" if rest else "")
    return " › ".join(parts) or "the top level"


def _explained(data: Any) -> Iterable[Finding]:
    import jsonschema  # only on the error path: it is slow to import and to run

    validator = jsonschema.Draft7Validator(schema())
    seen: set[tuple[tuple[Any, ...], str]] = set()
    for error in validator.iter_errors(data):
        for finding in _explain(error):
            key = (finding[0], finding[2])
            if key not in seen:
                seen.add(key)
                yield finding


def _explain(error: Any) -> Iterable[Finding]:
    path = tuple(error.absolute_path)
    kind = error.validator
    here = where(path)
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
            yield path + (key,), True, f"unknown field '{key}' in {here}: {hint}"
        return
    if kind == "propertyNames" or (error.relative_schema_path and "propertyNames" in error.relative_schema_path):
        name = error.instance
        if path and path[-1] == "concepts":
            yield (
                path + (name,),
                True,
                (
                    f"concept id '{name}' is not a lowercase slug: use lowercase letters, digits and single hyphens, "
                    f"e.g. '{ids.suggestion(str(name))}'"
                ),
            )
        else:
            yield path + (name,), True, f"'{name}' is not a valid name in {here}: {error.message}"
        return
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        field = missing[0] if missing else "a required field"
        yield path, bool(path), f"{here} is missing '{field}': add it"
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
        yield path, False, f"{here} must be {want}, not {got}{hint}"
        return
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        yield path, False, f"'{error.instance}' is not allowed for {here}: use one of {options}"
        return
    if kind == "pattern":
        yield path, False, _pattern_message(path, error.instance, here)
        return
    if kind == "maxLength" and isinstance(error.instance, str):
        yield (
            path,
            False,
            (
                f"{here} is {len(error.instance):,} characters long, over the "
                f"{error.validator_value:,} a text may have: shorten it"
            ),
        )
        return
    if kind in ("minLength", "minItems"):
        yield path, False, f"{here} is empty: fill it in or remove the field"
        return
    if kind == "uniqueItems":
        yield path, False, f"{here} lists the same entry twice: remove the repeat"
        return
    if kind == "minProperties":
        yield path, False, f"{here} is empty: declare at least one entry"
        return
    yield path, False, f"{here}: {error.message}"


def _pattern_message(path: tuple[Any, ...], value: Any, here: str) -> str:
    last = path[-1] if path else ""
    if last == "url":
        return f"{here} must start with http:// or https://"
    if last == "date":
        return f"{here} must be a date like 2019-08-27 (or 2019-08, 2019)"
    if last in ("source_language", "lang"):
        return f"'{value}' is not a language code: use a code like en, de, nl or pt-BR"
    if last in RELATIONS or (len(path) >= 2 and path[-2] in (*RELATIONS, "homonyms", "sources")):
        return f"'{value}' in {here} is not a concept id: ids are lowercase slugs like '{ids.suggestion(str(value))}'"
    return f"'{value}' is not valid for {here}"


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a text",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)
