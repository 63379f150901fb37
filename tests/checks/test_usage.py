"""Which concepts the pages use, in which language, by which term; and a translation that
leaves a concept out or adds one (`concept-parity`)."""

from __future__ import annotations

import json
import subprocess
import sys

from test_check import check, project

from generator.language.matching import TermIndex
from generator.termbase import loader
from generator.translation.pages import Pages
from generator.translation.usage import usage

PAGES = {
    "page.md": "# Page\n\nThe customer and the customers. An end customer.\n\n## More\n\nA client, not a „customer“.\n",
    "page.de.md": "# Seite\n\nDer Kunde und die Kunden. Ein Endkunde.\n\n## Mehr\n\nEin Klient, kein „Kunde“.\n",
    "page.nl.md": "# Pagina\n\nDe klant en de klanten.\n\n## Meer\n\nEen klant.\n",
}


def counted(tmp_path):
    path, docs = project(tmp_path, pages=PAGES)
    tb = loader.load(path)
    found = usage(tb, Pages(docs, list(tb.languages), "en"), lambda lang: TermIndex(tb, lang), ["en", "de", "nl"])
    return tb, found


def test_usage_counts_every_mention_by_language_term_and_page(tmp_path):
    tb, found = counted(tmp_path)
    customer = found.concepts["customer"]
    assert (customer["en"].count, customer["de"].count, customer["nl"].count) == (3, 3, 3)
    assert {t: u.count for t, u in customer["en"].terms.items()} == {"customer": 2, "client": 1}
    assert {t: u.count for t, u in customer["de"].terms.items() if u.count} == {"Kunde": 2, "Klient": 1}
    assert customer["de"].terms["Klient"].status == "deprecated"
    assert customer["nl"].pages == {"docs/page.nl.md": 3}
    assert found.concepts["end-customer"]["nl"].count == 0 and found.concepts["end-customer"]["en"].count == 1
    assert found.unused_concepts("nl") == ["end-customer"] and found.unused_concepts() == []
    assert ("customer", "de", "Auftraggeber", "admitted") in found.unused_terms(tb)  # the quoted „Kunde“ does not count


def test_usage_command_prints_the_table_and_json(tmp_path):
    path, docs = project(tmp_path, pages=PAGES)
    run = [sys.executable, "-m", "generator.cli", "usage", "--termbase", str(path), "--docs", str(docs)]
    text = subprocess.run(run, capture_output=True, text=True)
    assert text.returncode == 0
    assert text.stdout.splitlines()[1].split() == [
        "customer",
        "3",
        "3",
        "3",
        "en:",
        "customer;",
        "de:",
        "Kunde;",
        "nl:",
        "klant",
    ]
    assert "nl  eindklant  (preferred, end-customer)" in text.stdout
    data = json.loads(subprocess.run([*run, "--json", "--lang", "de"], capture_output=True, text=True).stdout)
    assert data["languages"] == ["de"] and data["concepts"]["customer"]["de"]["terms"]["Kunde"]["count"] == 2


def test_a_translation_that_drops_a_concept_is_reported_in_its_section(tmp_path):
    findings = [f for f in check(tmp_path, pages=PAGES) if f.rule == "concept-parity"]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column, f.concept) for f in findings] == [
        ("page.nl.md", 1, 1, "end-customer")
    ]
    assert "the source page names 'end-customer' once, this translation not in the section “Pagina”" in (
        findings[0].message
    )


def test_a_concept_the_translation_adds_is_reported_where_it_appears(tmp_path):
    pages = {**PAGES, "page.nl.md": PAGES["page.nl.md"] + "\nEen eindklant en een eindklant.\n"}
    pages["page.md"] = pages["page.md"].replace(" An end customer.", "")
    pages["page.de.md"] = pages["page.de.md"].replace(" Ein Endkunde.", "")
    findings = [f for f in check(tmp_path, pages=pages) if f.rule == "concept-parity"]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column, f.concept) for f in findings] == [
        ("page.nl.md", 9, 5, "end-customer")
    ]
    assert "which the source page never does" in findings[0].message


# --- rules on and off ---------------------------------------------------------------

SUGGESTIONS = {
    "page.md": "# Page\n\nThe customer uses the Customer-Provider Interaction Model and the word “handshake”.\n",
}


def test_unlinkable_terms_are_off_by_default_and_suggested_when_turned_on(tmp_path):
    from generator.checks.settings import load_settings

    path, docs = project(tmp_path, pages=SUGGESTIONS)
    tb = loader.load(path)
    from generator.checks.runner import run_checks

    assert [f for f in run_checks(tb, docs, "docs") if f.rule == "unlinkable-term"] == []
    (path.parent / "checks.yaml").write_text("rules:\n  unlinkable-term: info\n  concept-parity: off\n", "utf-8")
    found = [f for f in run_checks(tb, docs, "docs", settings=load_settings(path)) if f.rule == "unlinkable-term"]
    assert [(f.line, f.column, f.severity) for f in found] == [(3, 23, "info"), (3, 73, "info")]
    assert found[0].message.startswith("“Customer-Provider Interaction Model” looks like a term but is in no concept")
    assert "“handshake”" in found[1].message


def test_a_rule_turned_off_or_raised_in_checks_yaml_and_on_the_command_line(tmp_path):
    from generator.checks.runner import run_checks
    from generator.checks.settings import load_settings

    path, docs = project(tmp_path, pages=PAGES)
    tb = loader.load(path)
    assert [f.severity for f in run_checks(tb, docs, "docs") if f.rule == "concept-parity"] == ["warning"]
    (path.parent / "checks.yaml").write_text("rules:\n  concept-parity: off\n", "utf-8")
    assert not [f for f in run_checks(tb, docs, "docs", settings=load_settings(path)) if f.rule == "concept-parity"]
    raised = load_settings(path, ["concept-parity=error"])
    assert [f.severity for f in run_checks(tb, docs, "docs", settings=raised) if f.rule == "concept-parity"] == [
        "error"
    ]


def test_a_mistake_in_checks_yaml_is_placed_and_the_command_exits_2(tmp_path):
    path, docs = project(tmp_path, pages=PAGES)
    (path.parent / "checks.yaml").write_text(
        "rules:\n  concept-parity: off\n  noun-cases: warning\n  numbers: loud\n", "utf-8"
    )
    run = [sys.executable, "-m", "generator.cli", "check", "--termbase", str(path), "--docs", str(docs)]
    result = subprocess.run(run, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{path.parent / 'checks.yaml'}:3:3: no rule 'noun-cases': did you mean 'noun-case'?" in result.stderr
    assert (
        f"{path.parent / 'checks.yaml'}:4:12: 'loud' is not a level: use error, warning, info or off" in result.stderr
    )
