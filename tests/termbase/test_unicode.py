"""Issue 9, Unicode: the NFC and NFD spellings of a term are one term in lookup, checks and reviews.

An editor or an operating system may write "Ä" as one code point (NFC) or as
"A" plus a combining diaeresis (NFD); both are the same text to a reader. The
decomposed spellings are built with `unicodedata.normalize` so that this file
stays readable.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import HEADER, ROOT

from generator.checks.runner import run_checks
from generator.errors import TermBaseError
from generator.termbase import loader
from generator.translation.reviews import Reviews, concept_hash, page_hash, record_path


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


FORMS = {"NFC": nfc, "NFD": nfd}

# Every term with an accent sits in a section of its own language; `spell` writes them all one way.
TERMBASE = (
    HEADER
    + """\
  change:
    en:
      terms: [{term: change, status: preferred}]
      definition: A modification of something.
    de:
      terms:
        - {term: Änderung, status: preferred, plural: Änderungen}
        - {term: Modifikation, status: admitted}
        - {term: Abänderung, status: deprecated}
      definition: Eine Umgestaltung von etwas.
    nl:
      terms: [{term: wijziging, status: preferred}]
      definition: Een modificatie van iets.
  handover:
    en:
      terms: [{term: handover, status: preferred}]
      definition: Passing something on.
    de:
      terms: [{term: Übergabe, status: preferred}]
      definition: Das Weitergeben von etwas.
    nl:
      terms: [{term: overdracht, status: preferred}]
      definition: Het doorgeven van iets.
  stakeholder:
    en:
      terms: [{term: interested party, status: preferred}]
      definition: Someone with an interest.
    de:
      terms: [{term: Interessent, status: preferred}]
      definition: Jemand mit einem Interesse.
    nl:
      terms: [{term: geïnteresseerde, status: preferred}]
      definition: Iemand met een belang.
  cafe:
    en:
      terms: [{term: café, status: preferred}]
      definition: A small restaurant.
    de:
      terms: [{term: Kaffeehaus, status: preferred}]
      definition: Ein kleines Restaurant.
    nl:
      terms: [{term: koffiehuis, status: preferred}]
      definition: Een klein restaurant.
"""
)


def write_termbase(folder: Path, text: str) -> Path:
    terms = folder / "terms"
    terms.mkdir(exist_ok=True)
    path = terms / "termbase.yaml"
    path.write_text(text, "utf-8")
    return path


def glossary(*args: str, termbase: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args, "--termbase", str(termbase)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


# --- the model --------------------------------------------------------------


def test_a_decomposed_term_base_loads_as_composed_text(tmp_path):
    """Normalizing once, where text enters the model, is what makes every consumer agree."""
    tb = loader.load(write_termbase(tmp_path, nfd(TERMBASE)))
    de = tb.concepts["change"].langs["de"]
    assert [t.text for t in de.terms] == ["Änderung", "Modifikation", "Abänderung"]
    assert de.preferred.plural == "Änderungen"
    assert tb.concepts["stakeholder"].langs["nl"].preferred.text == "geïnteresseerde"
    assert all(
        unicodedata.is_normalized("NFC", t.text)
        for c in tb.concepts.values()
        for s in c.langs.values()
        for t in s.terms
    )


# --- lookup ---------------------------------------------------------------------


@pytest.mark.parametrize("stored", FORMS)
@pytest.mark.parametrize("typed", FORMS)
@pytest.mark.parametrize(
    "term, concept, lang",
    [
        ("Änderung", "change", "de"),
        ("Übergabe", "handover", "de"),
        ("geïnteresseerde", "stakeholder", "nl"),
        ("café", "cafe", "en"),
    ],
)
def test_lookup_finds_either_spelling_as_an_exact_match(tmp_path, stored, typed, term, concept, lang):
    """Canonically equivalent strings are the same string: an exact match, not 'other case or accents'."""
    path = write_termbase(tmp_path, FORMS[stored](TERMBASE))
    result = glossary("lookup", FORMS[typed](term), "--json", termbase=path)
    assert result.returncode == 0, result.stderr
    [match] = json.loads(result.stdout)["matches"]
    assert (match["concept"], match["match"]) == (
        concept,
        {"term": term, "lang": lang, "kind": "exact", "status": "preferred"},
    )


@pytest.mark.parametrize("stored", FORMS)
def test_lookup_of_a_decomposed_plural_and_deprecated_term(tmp_path, stored):
    path = write_termbase(tmp_path, FORMS[stored](TERMBASE))
    found = json.loads(glossary("lookup", nfd("Abänderung"), "--json", termbase=path).stdout)["matches"]
    assert [m["match"] for m in found] == [
        {"term": "Abänderung", "lang": "de", "kind": "exact", "status": "deprecated"}
    ]
    found = json.loads(glossary("lookup", nfd("Änderungen"), "--json", termbase=path).stdout)["matches"]
    assert [(m["concept"], m["match"]["kind"]) for m in found] == [("change", "inflected")]


def test_list_and_show_give_composed_terms_in_order(tmp_path):
    """`list` and `show` take no query, but print what the index holds: one spelling of each term."""
    path = write_termbase(tmp_path, nfd(TERMBASE))
    rows = [line.split("\t") for line in glossary("list", "--lang", "de", termbase=path).stdout.splitlines()]
    assert [r[0] for r in rows] == ["Abänderung", "Änderung", "Interessent", "Kaffeehaus", "Modifikation", "Übergabe"]
    shown = glossary("show", "handover", "--json", termbase=path)
    assert json.loads(shown.stdout)["languages"]["de"]["terms"][0]["term"] == "Übergabe"


# --- check ------------------------------------------------------------------------


def project(tmp_path: Path, termbase: str, pages: dict[str, str] | None = None) -> tuple[Path, Path]:
    """A term base whose translations are all reviewed, and pages whose translations are too."""
    path = write_termbase(tmp_path, termbase)
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, text in (pages or {}).items():
        (docs / name).write_text(text, "utf-8")
    tb = loader.load(path)
    reviews = Reviews(record_path(path))
    for cid, concept in tb.concepts.items():
        for lang in ("de", "nl"):
            reviews.concepts.setdefault(cid, {})[lang] = concept_hash(concept.langs["en"])
    for page in docs.glob("*.md"):
        if page.name.count(".") == 1:
            reviews.pages[f"docs/{page.name}"] = {lang: page_hash(page.read_text("utf-8")) for lang in ("de", "nl")}
    reviews.save()
    return path, docs


def findings(path: Path, docs: Path, *rules: str) -> list:
    return [f for f in run_checks(loader.load(path), docs, "docs") if f.rule in rules]


PAGES = {
    "page.md": "# Page\n\nText about a café.\n",
    "page.de.md": "# Seite\n\nText über ein Kaffeehaus.\n",  # named by the term, as concept parity asks
    "page.nl.md": "# Pagina\n\nTekst over een koffiehuis.\n",
}


def test_the_fixture_is_sound_in_either_spelling(tmp_path):
    for form in FORMS.values():
        path, docs = project(tmp_path, form(TERMBASE), PAGES)
        assert run_checks(loader.load(path), docs, "docs") == []


@pytest.mark.parametrize("first, second", [("NFC", "NFD"), ("NFD", "NFC")])
def test_a_term_spelled_two_ways_in_two_concepts_is_one_homonym(tmp_path, first, second):
    text = TERMBASE.replace("{term: Übergabe,", "{term: " + FORMS[first]("Änderung") + ",")
    text = text.replace(
        "{term: Änderung, status: preferred, plural: Änderungen}",
        "{term: " + FORMS[second]("Änderung") + ", status: preferred}",
    )
    path, docs = project(tmp_path, text)
    [homonym] = findings(path, docs, "undeclared-homonym")
    assert (homonym.concept, homonym.lang) == ("change", "de")
    assert "'Änderung' (de) names both 'change' and 'handover'" in homonym.message
    tb = loader.load(path)
    assert tb.homonyms_of("change", "de") == ("handover",)


def test_a_translation_spelled_like_the_source_in_another_form_is_the_same(tmp_path):
    text = TERMBASE.replace("{term: Kaffeehaus,", "{term: " + nfd("café") + ",")
    path, docs = project(tmp_path, text)
    [same] = findings(path, docs, "same-as-source")
    assert (same.concept, same.lang) == ("cafe", "de")


@pytest.mark.parametrize("stored, written", [("NFD", "NFC"), ("NFC", "NFD"), ("NFD", "NFD")])
def test_a_deprecated_term_is_found_whatever_the_spelling(tmp_path, stored, written):
    text = TERMBASE.replace("Abänderung", FORMS[stored]("Abänderung"))
    pages = {**PAGES, "page.de.md": FORMS[written]("# Seite\n\nEine Abänderung der Übergabe.\n")}
    path, docs = project(tmp_path, text, pages)
    [deprecated] = findings(path, docs, "deprecated-term")
    assert (deprecated.file, deprecated.line, deprecated.column, deprecated.concept) == (
        "docs/page.de.md",
        3,
        6,
        "change",
    )
    assert "“Abänderung” is a deprecated term (Abänderung): use “Änderung” instead" in deprecated.message


@pytest.mark.parametrize("stored", FORMS)
def test_two_spellings_of_one_term_in_a_page_are_not_two_terms(tmp_path, stored):
    text = FORMS[stored](TERMBASE)
    mixed = "# Seite\n\nDie " + nfc("Änderung") + " und die " + nfd("Änderung") + " sind eins.\n"
    path, docs = project(tmp_path, text, {**PAGES, "page.de.md": mixed})
    assert findings(path, docs, "inconsistent-terms") == []
    # ...while a synonym is a second term, reported with each term named once
    synonym = mixed.replace("sind eins", "und die Modifikation sind eins")
    path, docs = project(tmp_path, text, {**PAGES, "page.de.md": synonym})
    [inconsistent] = findings(path, docs, "inconsistent-terms")
    assert "names one concept with “Modifikation”, “Änderung”:" in inconsistent.message


def test_a_doubled_word_in_two_spellings_is_doubled(tmp_path):
    text = TERMBASE.replace("Eine Umgestaltung von etwas.", "Eine " + nfc("Änderung") + " " + nfd("Änderung") + ".")
    path, docs = project(tmp_path, text)
    assert [(f.concept, f.lang) for f in findings(path, docs, "doubled-word")] == [("change", "de")]


# --- reviews: re-encoding is not a change ---------------------------------------


def test_re_encoding_the_source_does_not_outdate_translations(tmp_path):
    """An editor that saves the same text decomposed changed no word a translator must look at."""
    path, docs = project(tmp_path, TERMBASE, PAGES)
    path.write_text(nfd(TERMBASE), "utf-8")
    (docs / "page.md").write_text(nfd(PAGES["page.md"]), "utf-8")
    assert findings(path, docs, "translation-outdated", "page-outdated") == []
    # a real change still outdates them
    path.write_text(nfd(TERMBASE).replace("A small restaurant.", "A small coffee house."), "utf-8")
    (docs / "page.md").write_text(nfd(PAGES["page.md"].replace("café", "bar")), "utf-8")
    assert sorted((f.rule, f.lang) for f in findings(path, docs, "translation-outdated", "page-outdated")) == [
        ("page-outdated", "de"),
        ("page-outdated", "nl"),
        ("translation-outdated", "de"),
        ("translation-outdated", "nl"),
    ]


# --- duplicates in one section ------------------------------------------------------


@pytest.mark.parametrize("second", FORMS)
def test_one_term_twice_in_a_section_is_a_duplicate_whatever_the_spelling(tmp_path, second):
    """The loader refuses a term listed twice in one section; a copy that differs only by
    normalization is the same duplicate."""
    text = TERMBASE.replace(
        "{term: Modifikation, status: admitted}", "{term: " + FORMS[second]("Änderung") + ", status: admitted}"
    )
    with pytest.raises(TermBaseError) as info:
        loader.load(write_termbase(tmp_path, text))
    assert [p.message for p in info.value.problems] == [
        "concept 'change' lists 'Änderung' twice in 'de' (first as term 1): remove the repeat"
    ]
