"""The reporters of `glossary check`: one list of findings, several audiences.

People read `text` in a terminal; CI systems read the others (`github`
annotations, `json` for scripts, `sarif` for code-scanning viewers, `junit`
for GitLab/Jenkins test reports). Each reporter is a pure function of the
findings, so the same run can be shown any way and tested without a terminal.
Every format is sorted by `Finding.sort_key()` so output is stable across runs
and diffs of reports stay small. Every result ends with one newline, ready to
be written to a stream or file as it is.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from itertools import groupby
from typing import Any, TextIO

from ..errors import TERMINAL_CONTROLS
from . import FORMATS
from .findings import SEVERITIES, Finding, summary
from .registry import all_rules

_ANSI = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m"}
_RESET = "\033[0m"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
# Control characters would let a message move the cursor or recolour the
# terminal, and a newline would break the one-finding-per-line layout.
_CONTROL = TERMINAL_CONTROLS | {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
# Characters XML 1.0 cannot contain at all, even escaped; ElementTree would
# write them and produce a file CI refuses to parse.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def use_color(stream: TextIO) -> bool:
    """Colour only for a person at a terminal that can show it.

    Follows https://no-color.org (any non-empty NO_COLOR disables colour) and
    the convention that TERM=dumb terminals do not understand escape codes.
    """
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def render(findings: list[Finding], fmt: str, *, color: bool = False, tool_version: str = "0.1.0") -> str:
    """The findings as one output format; raises ValueError for an unknown format."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    ordered = sorted(findings, key=Finding.sort_key)
    return _RENDERERS[fmt](ordered, color=color, tool_version=tool_version)


def summary_line(findings: list[Finding]) -> str:
    """'3 errors, 1 warning, 0 info in 2 files', or 'no findings'."""
    if not findings:
        return "no findings"
    counts = summary(findings)
    files = len({f.file for f in findings})
    return (
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{counts['info']} info in {_plural(files, 'file')}"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _context(f: Finding) -> str:
    """' (concept ID, LANG)' with whichever parts are set, so a finding can be traced to its entry."""
    parts = ([f"concept {f.concept}"] if f.concept else []) + ([f.lang] if f.lang else [])
    return f" ({', '.join(parts)})" if parts else ""


def _text(findings: list[Finding], *, color: bool, **_: Any) -> str:
    """Grouped by file like compiler output, severities padded so messages line up."""

    def paint(s: str, style: str) -> str:
        return f"{_ANSI[style]}{s}{_RESET}" if color else s

    width = max(map(len, SEVERITIES))
    lines: list[str] = []
    for file, group in groupby(findings, key=lambda f: f.file):
        lines.append(paint(file.translate(_CONTROL), "bold"))
        for f in group:
            severity = paint(f.severity, f.severity) + " " * (width - len(f.severity))
            lines.append(
                f"  {f.line}:{f.column}  {severity}  {f.message.translate(_CONTROL)}"
                f"  [{f.rule}]{_context(f).translate(_CONTROL)}"
            )
        lines.append("")
    lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"


def _gh_data(s: str) -> str:
    """Escape a workflow command's message exactly as @actions/core's escapeData does."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(s: str) -> str:
    """Escape a workflow command's property value exactly as @actions/core's escapeProperty does."""
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def _github(findings: list[Finding], **_: Any) -> str:
    """GitHub Actions annotations; the plain last line is shown in the log as it is."""
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    lines = [
        f"::{kind[f.severity]} file={_gh_property(f.file)},line={f.line},col={f.column},"
        f"title={_gh_property(f.rule)}::{_gh_data(f.message)}"
        for f in findings
    ]
    lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"


def _json(findings: list[Finding], **_: Any) -> str:
    """A stable document for scripts: fixed keys in a fixed order, nulls rather than missing keys."""
    keys = ("rule", "severity", "file", "line", "column", "concept", "lang", "message")
    doc = {"findings": [{k: getattr(f, k) for k in keys} for f in findings], "summary": summary(findings)}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _sarif(findings: list[Finding], *, tool_version: str, **_: Any) -> str:
    """SARIF 2.1.0 for code-scanning viewers; every rule is listed so viewers can show its help."""
    known = all_rules()
    index = {rule_id: i for i, rule_id in enumerate(known)}
    rules = [
        {
            "id": r.id,
            "shortDescription": {"text": r.summary},
            "help": {"text": r.help},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        }
        for r in known.values()
    ]
    results = []
    for f in findings:
        result: dict[str, Any] = {"ruleId": f.rule}
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        result |= {
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.file.replace("\\", "/")},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        properties = {k: v for k, v in (("concept", f.concept), ("lang", f.lang)) if v}
        if properties:
            result["properties"] = properties
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "glossary", "version": tool_version, "rules": rules}},
                # Columns are counted in Python characters, not SARIF's default UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _junit(findings: list[Finding], **_: Any) -> str:
    """JUnit XML for CI test reports: errors and warnings fail, info passes with its note as output."""
    import xml.etree.ElementTree as ET  # here, not at the top: the command line imports FORMATS at every start

    def xml(s: str) -> str:
        return _NOT_XML.sub("\ufffd", s)

    failures = sum(1 for f in findings if f.severity != "info")
    tests = max(len(findings), 1)
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", {"name": "glossary", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "glossary check", **counts})
    for f in findings:
        case = ET.SubElement(suite, "testcase", classname=xml(f.file), name=f"{f.rule} {f.line}:{f.column}")
        body = xml(f"{f.file}:{f.line}:{f.column}: {f.severity}: {f.message}{_context(f)}")
        if f.severity == "info":
            ET.SubElement(case, "system-out").text = body
        else:
            ET.SubElement(case, "failure", type=f.rule, message=xml(f.message)).text = body
    if not findings:
        ET.SubElement(suite, "testcase", classname="glossary", name="glossary check")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_RENDERERS: dict[str, Callable[..., str]] = {
    "text": _text,
    "github": _github,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
}
