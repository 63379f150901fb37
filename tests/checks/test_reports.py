"""`glossary check` reporters: each output format has the structure its reader expects."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from generator.checks.findings import Finding
from generator.checks.registry import all_rules
from generator.checks.reports import FORMATS, render, use_color

FINDINGS = [
    Finding(
        rule="missing-translation",
        severity="warning",
        file="terms/termbase.yaml",
        line=40,
        column=5,
        message="'invoice' has no 'nl' section.",
        concept="invoice",
        lang="nl",
    ),
    Finding(
        rule="missing-preferred",
        severity="error",
        file="terms/termbase.yaml",
        line=12,
        column=7,
        message="No preferred term.",
        concept="customer",
        lang="de",
    ),
    Finding(
        rule="deprecated-term",
        severity="error",
        file="docs/intro.de.md",
        line=3,
        column=14,
        message="'Klient' is deprecated; use 'Kunde'.",
        concept="customer",
        lang="de",
    ),
    Finding(
        rule="translation-unreviewed",
        severity="info",
        file="terms/termbase.yaml",
        line=12,
        column=7,
        message="No review recorded.",
        concept="customer",
    ),
]


def test_text_groups_by_file_in_order_with_summary():
    out = render(FINDINGS, "text")
    lines = out.splitlines()
    assert lines[0] == "docs/intro.de.md"
    assert lines[1].startswith("  3:14  error")
    assert lines[1].endswith("'Klient' is deprecated; use 'Kunde'.  [deprecated-term] (concept customer, de)")
    assert "terms/termbase.yaml" in lines
    body = lines[lines.index("terms/termbase.yaml") + 1 :]
    # Same position: ordered by rule id; a missing lang is simply left out.
    assert body[0].startswith("  12:7  error") and "[missing-preferred]" in body[0]
    assert body[1].startswith("  12:7  info") and body[1].endswith("[translation-unreviewed] (concept customer)")
    assert body[2].startswith("  40:5  warning") and "[missing-translation] (concept invoice, nl)" in body[2]
    assert lines[-1] == "2 errors, 1 warning, 1 info in 2 files"
    assert "\x1b" not in out
    assert render([], "text").strip() == "no findings"
    assert render(FINDINGS[:1], "text").splitlines()[-1] == "0 errors, 1 warning, 0 info in 1 file"


def test_text_colours_only_when_asked_and_never_passes_escapes_through():
    coloured = render(FINDINGS, "text", color=True)
    assert "\x1b[31merror" in coloured and "\x1b[33mwarning" in coloured and "\x1b[36minfo" in coloured
    assert "\x1b[1mdocs/intro.de.md" in coloured
    hostile = Finding(
        rule="whitespace", severity="warning", file="a.yaml", line=1, column=1, message="bad \x1b[2J text\nsecond line"
    )
    out = render([hostile], "text")
    assert "\x1b" not in out
    assert "bad \\u001b[2J text\\nsecond line" in out


class FakeStream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_use_color_respects_tty_no_color_and_dumb_terminals(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color(FakeStream(True))
    assert not use_color(FakeStream(False))
    assert not use_color(object())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(FakeStream(True))
    monkeypatch.setenv("NO_COLOR", "")  # empty means unset, per no-color.org
    assert use_color(FakeStream(True))
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(FakeStream(True))


def test_github_annotations_escape_like_the_actions_toolkit():
    finding = Finding(
        rule="placeholders",
        severity="error",
        file="docs/a,b:c.md",
        line=7,
        column=2,
        message="100% wrong\nsee {name}\r",
    )
    lines = render([finding, *FINDINGS], "github").splitlines()
    assert lines[0] == "::error file=docs/a%2Cb%3Ac.md,line=7,col=2,title=placeholders::100%25 wrong%0Asee {name}%0D"
    assert (
        lines[1]
        == "::error file=docs/intro.de.md,line=3,col=14,title=deprecated-term::'Klient' is deprecated; use 'Kunde'."
    )
    kinds = [line.split(" ", 1)[0] for line in lines[1:5]]
    assert kinds == ["::error", "::error", "::notice", "::warning"]
    assert not lines[-1].startswith("::")


def test_json_has_exactly_the_documented_keys_and_counts():
    doc = json.loads(render(FINDINGS, "json"))
    assert list(doc) == ["findings", "summary"]
    for item in doc["findings"]:
        assert list(item) == ["rule", "severity", "file", "line", "column", "concept", "lang", "message"]
    assert doc["findings"][0]["file"] == "docs/intro.de.md"
    assert doc["findings"][1]["lang"] == "de" and doc["findings"][2]["lang"] is None
    assert doc["summary"] == {"error": 2, "warning": 1, "info": 1, "total": 4}
    assert json.loads(render([], "json")) == {
        "findings": [],
        "summary": {"error": 0, "warning": 0, "info": 0, "total": 0},
    }
    umlaut = Finding(rule="numbers", severity="warning", file="ä.yaml", line=1, column=1, message="Größe")
    assert "Größe" in render([umlaut], "json")


def test_sarif_lists_every_rule_and_points_results_at_them():
    doc = json.loads(render(FINDINGS, "sarif", tool_version="9.9.9"))
    assert doc["version"] == "2.1.0"
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "glossary" and driver["version"] == "9.9.9"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(all_rules())
    for descriptor in rules:
        rule = all_rules()[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["help"]["text"] == rule.help
        assert (
            descriptor["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        )
    results = run["results"]
    assert len(results) == len(FINDINGS)
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in results] == ["error", "error", "note", "warning"]
    first = results[0]
    assert first["message"]["text"] == "'Klient' is deprecated; use 'Kunde'."
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "docs/intro.de.md"
    assert location["region"] == {"startLine": 3, "startColumn": 14}
    assert first["properties"] == {"concept": "customer", "lang": "de"}
    windows = Finding(rule="urls", severity="warning", file="docs\\x.md", line=1, column=1, message="m")
    plain = json.loads(render([windows], "sarif"))["runs"][0]["results"][0]
    assert plain["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/x.md"
    assert "properties" not in plain


def test_junit_is_well_formed_with_matching_counts_and_escaping():
    tricky = Finding(
        rule="unbalanced-quotes",
        severity="warning",
        file="terms/termbase.yaml",
        line=50,
        column=3,
        message='Quote <"> & more \x01',
        concept="x",
        lang="nl",
    )
    out = render([*FINDINGS, tricky], "junit")
    assert out.startswith("<?xml")
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "glossary check"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == (
        "5",
        "4",
        "0",
        "0",
    )
    cases = suite.findall("testcase")
    assert len(cases) == 5
    assert cases[0].get("classname") == "docs/intro.de.md" and cases[0].get("name") == "deprecated-term 3:14"
    failure = cases[0].find("failure")
    assert failure.get("type") == "deprecated-term"
    assert failure.text.startswith("docs/intro.de.md:3:14: error: 'Klient' is deprecated")
    info = cases[2]
    assert info.find("failure") is None and "info: No review recorded." in info.find("system-out").text
    quoted = cases[-1].find("failure")
    # A control character XML cannot hold at all is replaced rather than breaking the file.
    assert quoted.get("message") == 'Quote <"> & more \ufffd'
    assert len(suite.findall("testcase/failure")) == 4


def test_junit_without_findings_is_a_passing_suite():
    root = ET.fromstring(render([], "junit").encode("utf-8"))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("1", "0")
    (case,) = suite.findall("testcase")
    assert case.get("name") == "glossary check" and len(case) == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_sorts_its_input(fmt):
    assert render(FINDINGS, fmt) == render(list(reversed(FINDINGS)), fmt)


def test_unknown_format_names_the_allowed_ones():
    with pytest.raises(ValueError, match="text, github, json, sarif, junit"):
        render(FINDINGS, "xml")
