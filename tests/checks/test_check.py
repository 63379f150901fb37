"""`glossary check`: one small failing fixture per rule, with rule id, severity and exact position."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT

from generator.checks.runner import failed, run_checks
from generator.termbase import loader
from generator.translation.reviews import Reviews, concept_hash, page_hash, record_path

BASE = """\
source_language: en
languages:
  en: {name: English}
  de: {name: Deutsch}
  nl: {name: Nederlands}
concepts:
  customer:
    narrower: [end-customer]
    en:
      terms:
        - {term: customer, status: preferred}
        - {term: client, status: admitted}
      definition: Party that receives services.
    de:
      terms:
        - {term: Kunde, status: preferred}
        - {term: Auftraggeber, status: admitted}
        - {term: Klient, status: deprecated}
      definition: Partei, die Services erhält.
    nl:
      terms:
        - {term: klant, status: preferred}
      definition: Partij die services ontvangt.
  end-customer:
    broader: [customer]
    en:
      terms: [{term: end customer, status: preferred}]
      definition: Customer of a customer.
    de:
      terms: [{term: Endkunde, status: preferred}]
      definition: Kunde eines Kunden.
    nl:
      terms: [{term: eindklant, status: preferred}]
      definition: Klant van een klant.
"""


def project(
    tmp_path: Path, termbase: str = BASE, pages: dict[str, str] | None = None, review: bool = True
) -> tuple[Path, Path]:
    terms = tmp_path / "terms"
    terms.mkdir(exist_ok=True)
    path = terms / "termbase.yaml"
    path.write_text(termbase, "utf-8")
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, text in (pages or {}).items():
        (docs / name).write_text(textwrap.dedent(text), "utf-8")
    record_path(path).unlink(missing_ok=True)
    if review:
        tb = loader.load(path)
        reviews = Reviews(record_path(path))
        for cid, concept in tb.concepts.items():
            if "en" in concept.langs:
                for lang in concept.langs:
                    if lang != "en":
                        reviews.concepts.setdefault(cid, {})[lang] = concept_hash(concept.langs["en"])
        for page in docs.glob("*.md"):
            if page.name.count(".") == 1:
                for lang in ("de", "nl"):
                    if (docs / page.name.replace(".md", f".{lang}.md")).exists():
                        reviews.pages.setdefault(f"docs/{page.name}", {})[lang] = page_hash(page.read_text("utf-8"))
        reviews.save()
    return path, docs


def check(tmp_path, termbase=BASE, pages=None, review=True):
    path, docs = project(tmp_path, termbase, pages, review)
    return run_checks(loader.load(path), docs, "docs")


def only(findings, rule):
    found = [(f.rule, f.severity, f.line, f.column, f.concept, f.lang, f.message) for f in findings if f.rule == rule]
    assert len(found) == 1, findings
    return found[0]


def test_a_sound_reviewed_project_has_no_findings(tmp_path):
    assert check(tmp_path) == []


def test_missing_translation(tmp_path):
    text = BASE.replace(
        "    nl:\n      terms: [{term: eindklant, status: preferred}]\n      definition: Klant van een klant.\n", ""
    )
    rule, severity, line, column, concept, lang, message = only(check(tmp_path, text), "missing-translation")
    assert (severity, line, column, concept, lang) == ("warning", 24, 3, "end-customer", "nl")
    assert "no Nederlands (nl) section" in message


def test_missing_preferred_and_deprecated_only(tmp_path):
    text = BASE.replace("{term: klant, status: preferred}", "{term: klant, status: admitted}")
    assert only(check(tmp_path, text), "missing-preferred")[1:6] == ("error", 21, 7, "customer", "nl")
    text = BASE.replace("{term: klant, status: preferred}", "{term: klant, status: deprecated}")
    assert only(check(tmp_path, text), "deprecated-only")[1:6] == ("error", 21, 7, "customer", "nl")


def test_missing_definition(tmp_path):
    text = BASE.replace("      definition: Partij die services ontvangt.\n", "")
    assert only(check(tmp_path, text, review=False), "missing-definition")[1:6] == ("error", 20, 5, "customer", "nl")


def test_undeclared_homonym_and_declared_one(tmp_path):
    text = BASE.replace("{term: eindklant, status: preferred}", "{term: klant, status: preferred}")
    rule, severity, line, column, concept, lang, message = only(check(tmp_path, text), "undeclared-homonym")
    assert (severity, line, column, concept, lang) == ("warning", 22, 18, "customer", "nl")
    assert "'klant' (nl) names both 'customer' and 'end-customer'" in message
    declared = text.replace(
        "    narrower: [end-customer]\n", "    narrower: [end-customer]\n    homonyms: [end-customer]\n"
    )
    assert not [f for f in check(tmp_path, declared) if f.rule == "undeclared-homonym"]


def test_relations_that_disagree_or_loop(tmp_path):
    text = BASE.replace("    broader: [customer]\n", "")
    rule, severity, line, column, concept, lang, message = only(check(tmp_path, text), "relation-mismatch")
    assert (severity, line, column, concept) == ("warning", 8, 16, "customer")
    loop = BASE.replace("    narrower: [end-customer]\n", "    broader: [end-customer]\n    narrower: [end-customer]\n")
    loop = loop.replace("    broader: [customer]\n", "    broader: [customer]\n    narrower: [customer]\n")
    found = only(check(tmp_path, loop), "relation-cycle")
    assert found[1] == "error" and found[4] == "customer" and "customer → end-customer → customer" in found[6]


def test_same_as_source_unless_marked(tmp_path):
    text = BASE.replace("{term: klant, status: preferred}", "{term: customer, status: preferred}")
    assert only(check(tmp_path, text), "same-as-source")[1:6] == ("warning", 22, 18, "customer", "nl")
    marked = text.replace(
        "{term: customer, status: preferred}", "{term: customer, status: preferred, same_as_source: true}"
    )
    assert not [f for f in check(tmp_path, marked) if f.rule == "same-as-source"]


def test_outdated_and_unreviewed_translations(tmp_path):
    path, docs = project(tmp_path)
    path.write_text(
        BASE.replace("Party that receives services.", "Party that receives and pays for services."), "utf-8"
    )
    findings = run_checks(loader.load(path), docs, "docs")
    outdated = [(f.rule, f.line, f.column, f.lang) for f in findings if f.rule == "translation-outdated"]
    assert outdated == [("translation-outdated", 14, 5, "de"), ("translation-outdated", 20, 5, "nl")]
    assert "glossary review customer --lang de" in findings[0].message
    assert {f.rule for f in check(tmp_path, review=False)} == {"translation-unreviewed"}


def test_text_quality_is_checked_against_the_source(tmp_path):
    text = BASE.replace("Partei, die Services erhält.", "Partei, die Services Services (erhält.")
    found = {f.rule: (f.line, f.column) for f in check(tmp_path, text, review=False)}
    assert found["doubled-word"] == (19, 40)
    assert found["unbalanced-brackets"] == (19, 49)


def test_pages_missing_outdated_and_structure(tmp_path):
    pages = {
        "guide.md": "# Guide\n\n## One\n\nSee [the index](index.md).\n\n## Two\n",
        "guide.de.md": "# Anleitung\n\n## Eins\n\nSiehe [Index](index.md).\n",
    }
    findings = check(tmp_path, pages=pages)
    assert only(findings, "page-missing")[1:6] == ("warning", 1, 1, None, "nl")
    assert only(findings, "page-headings")[1:4] == ("warning", 3, 1)
    path, docs = project(tmp_path, pages=pages)
    (docs / "guide.md").write_text(pages["guide.md"] + "\nMore.\n", "utf-8")
    outdated = [f for f in run_checks(loader.load(path), docs, "docs") if f.rule == "page-outdated"]
    assert [(f.file, f.line, f.lang) for f in outdated] == [("docs/guide.de.md", 1, "de")]
    assert "glossary review docs/guide.de.md" in outdated[0].message


def test_pages_with_deprecated_or_mixed_terms(tmp_path):
    pages = {
        "page.md": "# Page\n\nThe customer pays.\n",
        "page.de.md": "# Seite\n\nDer Kunde zahlt. Viele Klienten\nund ein Auftraggeber. Das Wort „Klient“ ist nur zitiert.\n",
    }
    findings = check(tmp_path, pages=pages)
    rule, severity, line, column, concept, lang, message = only(findings, "deprecated-term")
    assert (severity, line, column, concept, lang) == ("error", 3, 24, "customer", "de")
    assert "“Klienten” is a deprecated term (Klient): use “Kunde” instead" in message
    rule, severity, line, column, concept, lang, message = only(findings, "inconsistent-terms")
    assert (severity, line, column) == ("warning", 4, 9) and "“Auftraggeber”" in message


def test_errors_fail_warnings_fail_only_when_strict(tmp_path):
    findings = check(tmp_path, review=False)
    assert findings and not failed(findings, strict=False) and failed(findings, strict=True)


def test_the_project_own_content_passes():
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--strict", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    data = json.loads(result.stdout)
    assert result.returncode == 0, [f for f in data["findings"] if f["severity"] != "info"][:10]
    assert data["summary"]["error"] == 0 and data["summary"]["warning"] == 0


def test_check_cli_exit_codes_and_formats(tmp_path):
    path, docs = project(
        tmp_path, BASE.replace("Partei, die Services erhält.", "Partei, die Services Services erhält.")
    )
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--termbase", str(path), "--docs", str(docs), *a],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run().returncode == 0
    assert run("--strict").returncode == 1
    github = run("--format", "github").stdout
    assert f"::warning file={path},line=19," in github and "title=doubled-word::" in github
    sarif = json.loads(run("--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"][0]["ruleId"] == "doubled-word"
    assert run("--format", "xml").returncode == 2
    broken = path.with_name("broken.yaml")
    broken.write_text("concepts: [", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check", "--termbase", str(broken)], capture_output=True, text=True
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_review_records_and_clears_outdated(tmp_path):
    path, docs = project(tmp_path, review=False)
    cli = lambda *a: subprocess.run(
        [sys.executable, "-m", "generator.cli", *a, "--termbase", str(path), "--docs", str(docs)],
        capture_output=True,
        text=True,
    )
    before = path.read_bytes()
    assert cli("review", "customer", "--lang", "de").returncode == 0
    assert path.read_bytes() == before, "review must not touch the term base"
    left = {
        (f.concept, f.lang) for f in run_checks(loader.load(path), docs, "docs") if f.rule == "translation-unreviewed"
    }
    assert ("customer", "de") not in left and ("customer", "nl") in left
    assert cli("review", "nobody").returncode == 2
    assert cli("review", "--all").returncode == 0
    assert run_checks(loader.load(path), docs, "docs") == []
    status = json.loads(cli("status", "--json").stdout)
    assert status["de"]["concepts"]["percent"]["complete"] == 100.0


def test_page_links_and_diagrams_must_correspond(tmp_path):
    pages = {
        "page.md": "# Page\n\nSee [one](one.md) and [two](two.md).\n\n<!-- glossary:diagram supply-chain -->\n",
        "page.de.md": "# Seite\n\nSiehe [eins](one.md) und [drei](three.md).\n",
        "page.nl.md": "# Pagina\n\nZie [een](one.md) en [twee](two.md).\n\n<!-- glossary:diagram supply-chain -->\n",
    }
    findings = check(tmp_path, pages=pages)
    rule, severity, line, column, concept, lang, message = only(findings, "page-links")
    assert (severity, line, column, lang) == ("warning", 3, 26, "de")
    assert "missing two.md" in message and "not in the source: three.md" in message
    assert only(findings, "page-diagrams")[1:6] == ("warning", 1, 1, None, "de")


def test_unreviewed_page_translation(tmp_path):
    pages = {"page.md": "# Page\n", "page.de.md": "# Seite\n", "page.nl.md": "# Pagina\n"}
    path, docs = project(tmp_path, pages=pages, review=False)
    found = [
        (f.rule, f.file, f.line) for f in run_checks(loader.load(path), docs, "docs") if f.rule == "page-unreviewed"
    ]
    assert found == [("page-unreviewed", "docs/page.de.md", 1), ("page-unreviewed", "docs/page.nl.md", 1)]


def test_the_seeds_mixed_vocabulary_is_caught_in_pages(tmp_path):
    """The German seed says Anbieter, Provider and Serviceprovider side by side; the Dutch one mixes
    dienstverlener and leverancier. With the project's term base, a page doing the same is reported."""
    termbase = (ROOT / "terms" / "termbase.yaml").read_text("utf-8")
    pages = {
        "p.md": "# P\n\nThe service provider delivers.\n",
        "p.de.md": "# P\n\nDer Serviceprovider liefert, der Anbieter rechnet ab, der Provider haftet.\n",
        "p.nl.md": "# P\n\nDe dienstverlener levert; de leveranciers factureren.\n",
    }
    path, docs = project(tmp_path, termbase, pages)
    findings = [
        (f.rule, f.file, f.line, f.column, f.message)
        for f in run_checks(loader.load(path), docs, "docs")
        if f.rule in ("deprecated-term", "inconsistent-terms")
    ]
    assert (
        "deprecated-term",
        "docs/p.de.md",
        3,
        59,
        "“Provider” is a deprecated term (Provider): use “Serviceanbieter” instead",
    ) in findings
    assert (
        "deprecated-term",
        "docs/p.nl.md",
        3,
        30,
        "“leveranciers” is a deprecated term (leverancier): use “dienstverlener” instead",
    ) in findings
    mixed = [f for f in findings if f[0] == "inconsistent-terms"]
    assert len(mixed) == 1 and mixed[0][1] == "docs/p.de.md" and "“Anbieter”, “Serviceprovider”" in mixed[0][4]


def test_an_explicit_reference_to_no_concept_is_an_error_at_its_line_and_column(tmp_path):
    pages = {
        "guide.md": "# Guide\n\nAsk the [[customer]] and [[end-custmer|their customers]].\n",
        "guide.de.md": "# Leitfaden\n\nFrag den [[customer]].\n\n```\n[[not-a-reference]]\n```\n`[[nor-this]]`\n",
    }
    findings = check(tmp_path, pages=pages)
    found = [
        (f.rule, f.severity, f.file, f.line, f.column, f.lang, f.message)
        for f in findings
        if f.rule == "unknown-reference"
    ]
    assert found == [
        (
            "unknown-reference",
            "error",
            "docs/guide.md",
            3,
            26,
            "en",
            "[[end-custmer]] names no concept: did you mean [[end-customer]]?",
        )
    ]


def test_check_and_the_build_report_unknown_references_by_the_same_rule(tmp_path):
    from generator.site.build import BuildOptions, PageInfo, SiteBuild
    from generator.site.pages import SiteRenderer

    text = "Ask the [[custmer]].\n"
    path, docs = project(tmp_path, pages={"guide.md": text})
    reported = [
        f"{f.file}:{f.line}:{f.column}: {f.message}"
        for f in run_checks(loader.load(path), docs, "docs")
        if f.rule == "unknown-reference"
    ]
    warnings: list[str] = []
    build = SiteBuild(BuildOptions(), warnings.append)
    build.termbase = loader.load(path)
    build.renderer = SiteRenderer(build.termbase)
    build.page_markdown(text, PageInfo("guide.md", "en", "en", None))
    assert reported == warnings == ["docs/guide.md:1:9: [[custmer]] names no concept: did you mean [[customer]]?"]


def test_an_untitled_admonition_that_would_be_headed_in_english(tmp_path):
    pages = {
        "page.md": "# Page\n\n!!! note\n    One.\n\n!!! grading\n    Two.\n",
        "page.de.md": '# Seite\n\n!!! note\n    Eins.\n\n  !!! grading inline\n    Zwei.\n\n!!! grading "Bewertung"\n    Drei.\n\n'
        "```\n!!! grading\n```\n",
    }
    findings = check(tmp_path, pages=pages)
    rule, severity, line, column, concept, lang, message = only(findings, "admonition-title")
    assert (severity, line, column, lang) == ("warning", 6, 7, "de")
    assert "'grading' admonition has no title" in message and "headed 'Grading'" in message
    assert 'give it a title: !!! grading "…"' in message
