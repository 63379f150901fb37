"""Terms that differ by a number stay distinct everywhere, and what a reader is shown never grows with the term base.

A term base of thousands of concepts has "ITIL 3" and "ITIL 4", "Tier 1 support"
and "Tier 2 support", and entries copied and numbered ("Kunde 1" ... "Kunde 60")
whose plural still reads "Kunden". None of them may turn every "Kunde" on every
page into a choice between 61 senses.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import markdown
from conftest import write

from generator.checks.runner import run_checks
from generator.language.matching import TermIndex
from generator.site.link_targets import SENSES_IN_TOOLTIP, page_linker
from generator.site.pages import SiteRenderer
from generator.termbase import loader
from generator.translation.labels import labels

HEAD = "source_language: en\nlanguages:\n  en: {name: English}\n  de: {name: Deutsch}\nconcepts:\n"


def numbered(count: int = 60) -> str:
    body = HEAD + "  kunde:\n    de:\n      terms: [{term: Kunde, status: preferred, plural: Kunden}]\n"
    for i in range(1, count + 1):
        body += f"  kunde-{i}:\n    de:\n      terms: [{{term: Kunde {i}, status: preferred, plural: Kunden}}]\n"
    for name, term in (
        ("itil-3", "ITIL 3"),
        ("itil-4", "ITIL 4"),
        ("tier-1", "Tier 1 support"),
        ("tier-2", "Tier 2 support"),
        ("layer-2", "Layer 2"),
        ("layer-3", "Layer 3"),
    ):
        body += f"  {name}:\n    en:\n      terms: [{{term: {term}, status: preferred}}]\n"
    return body


def senses(index: TermIndex, text: str) -> list[tuple[str, list[str]]]:
    return [(m.text, sorted(s.concept for s in m.senses)) for m in index.mentions(text)]


def test_numbered_terms_are_distinct_in_linking():
    tb = loader.load_text(numbered(), "tb.yaml")
    de, en = TermIndex(tb, "de"), TermIndex(tb, "en")
    assert senses(de, "Der Kunde, die Kunden, Kunde 7 und Kunde 60.") == [
        ("Kunde", ["kunde"]),
        ("Kunden", ["kunde"]),
        ("Kunde 7", ["kunde-7"]),
        ("Kunde 60", ["kunde-60"]),
    ]
    assert senses(en, "From ITIL 3 to ITIL 4, Tier 1 support and Tier 2 support on Layer 2 and Layer 3.") == [
        ("ITIL 3", ["itil-3"]),
        ("ITIL 4", ["itil-4"]),
        ("Tier 1 support", ["tier-1"]),
        ("Tier 2 support", ["tier-2"]),
        ("Layer 2", ["layer-2"]),
        ("Layer 3", ["layer-3"]),
    ]
    assert de.ambiguous() == {}


def test_numbered_terms_are_distinct_in_lookup(tmp_path):
    path = write(tmp_path, "tb.yaml", numbered())

    def lookup(word: str) -> list[str]:
        run = subprocess.run(
            [sys.executable, "-m", "generator.cli", "lookup", word, "--json", "--termbase", str(path)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        return [m["concept"] for m in json.loads(run.stdout)["matches"]]

    assert lookup("Kunden") == ["kunde"]
    assert lookup("Kunde 7") == ["kunde-7"]
    assert lookup("ITIL 4") == ["itil-4"]


def test_a_plural_that_is_not_the_whole_terms_is_a_finding_at_its_position(tmp_path):
    path = write(tmp_path, "tb.yaml", numbered(2))
    found = [f for f in run_checks(loader.load(path), None) if f.rule == "plural-mismatch"]
    assert [(f.concept, f.line, f.severity) for f in found] == [("kunde-1", 11, "warning"), ("kunde-2", 14, "warning")]
    assert "the plural 'Kunden' has 1 words, the term 'Kunde 1' 2" in found[0].message


def test_a_tooltip_names_a_bounded_number_of_senses():
    body = HEAD
    for i in range(40):  # forty concepts truly share the term: a homonym with forty senses
        body += f"  bank-{i}:\n    homonyms: [{'bank-0' if i else 'bank-1'}]\n    en:\n      terms: [{{term: bank, status: preferred}}]\n"
    tb = loader.load_text(body, "tb.yaml")
    renderer = SiteRenderer(tb)
    linker = page_linker(renderer, "en", "page/", None, labels("en"))
    html = linker.link(markdown.Markdown().convert("The bank."))
    title = re.search(r'title="([^"]*)"', html).group(1)
    assert title.count("·") == SENSES_IN_TOOLTIP and title.endswith(f"and {40 - SENSES_IN_TOOLTIP} more")
