"""The mistakes people make while writing a term base and its pages, each reported where it
was made, saying what to do (issue 18's list, tried as a new user would)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, TERMBASE
from test_check import BASE, check, only

from generator.errors import TermBaseError
from generator.termbase import loader


def glossary(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True, cwd=cwd)


def problem_of(tmp_path, text: str) -> tuple[int, int, str]:
    path = tmp_path / "termbase.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(TermBaseError) as info:
        loader.load(path)
    [problem] = info.value.problems
    return problem.line, problem.column, problem.message


# --- the YAML as typed -------------------------------------------------------


def test_a_tab_in_the_indentation_is_named_a_tab_at_its_line(tmp_path):
    text = BASE.replace(
        "    en:\n      terms:\n        - {term: customer", "    en:\n\tterms:\n        - {term: customer", 1
    )
    line, column, message = problem_of(tmp_path, text)
    assert (line, column) == (10, 1)
    assert message.startswith("a tab in the indentation: YAML indents with spaces only; replace the tab with spaces")


def test_a_key_without_its_colon_is_reported_on_its_own_line(tmp_path):
    text = BASE.replace("    narrower: [end-customer]", "    narrower [end-customer]", 1)
    assert problem_of(tmp_path, text) == (
        8,
        13,
        "“narrower [end-customer]” has no colon after the key “narrower”: write “narrower: [end-customer]”",
    )
    text = BASE.replace(
        "    en:\n      terms:\n        - {term: customer", "    en\n      terms:\n        - {term: customer", 1
    )
    assert problem_of(tmp_path, text) == (9, 7, "“en” has no colon after the key “en”: write “en:”")


def test_a_term_typed_with_a_space_at_its_end_does_not_load(tmp_path):
    text = BASE.replace("{term: customer, status: preferred}", '{term: "customer ", status: preferred}', 1)
    line, column, message = problem_of(tmp_path, text)
    assert (line, column) == (11, 18)
    assert message.startswith("the term “customer ” ends with a space: write “customer”")
    text = BASE.replace("{term: end customer,", "{term: end  customer,", 1)
    assert "has more than one space between its words: write “end customer”" in problem_of(tmp_path, text)[2]


# --- texts pasted from elsewhere ---------------------------------------------


def test_a_definition_pasted_in_curly_quotes_with_a_no_break_space_is_reported(tmp_path):
    text = BASE.replace(
        "      definition: Party that receives services.",
        '      definition: "“Party that receives services from a service\u00a0provider.”"',
        1,
    )
    findings = check(tmp_path, text)
    assert only(findings, "pasted-quotes")[2:4] == (13, 19)
    rule, severity, line, column, concept, lang, message = only(findings, "no-break-space")
    assert (severity, line, column, concept, lang) == ("warning", 13, 64, "customer", "en")
    assert message == "a no-break space (U+00A0) between “service” and “provider”: write a plain space"


def test_an_example_that_is_a_quotation_is_not_pasted_quotes(tmp_path):
    text = BASE.replace(
        "      definition: Party that receives services.",
        "      definition: Party that receives services.\n      examples: ['“What does the customer pay?”']",
        1,
    )
    assert not [f for f in check(tmp_path, text) if f.rule == "pasted-quotes"]


@pytest.mark.parametrize(
    "lang, text, written, fixed, column",
    [
        ("de", "Bei 1,000 Begriffen dauert es 0,20 s.", "1,000", "1.000", 5),
        ("de", "Bei 1.000 Begriffen dauert es 0.20 s.", "0.20", "0,20", 31),
        ("nl", "Bij 10,000 begrippen, op 27-08-2019.", "10,000", "10.000", 5),
    ],
)
def test_numbers_in_english_convention_on_german_and_dutch_pages(tmp_path, lang, text, written, fixed, column):
    pages = {
        "page.md": "# Page\n\nWith 1,000 concepts it takes 0.20 s (version 0.0.73, on 27.08.2019).\n",
        f"page.{lang}.md": f"# Seite\n\n{text} Version `1.6`, am 27.08.2019.\n",
    }
    found = [f for f in check(tmp_path, pages=pages) if f.rule == "number-format"]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column, f.lang) for f in found] == [
        (f"page.{lang}.md", 3, column, lang)
    ]
    assert found[0].message.startswith(f"“{written}” is written the English way: write “{fixed}”")


# --- the term base's own words -------------------------------------------------


def test_a_definition_or_note_using_a_deprecated_term_is_reported_unless_quoted(tmp_path):
    text = BASE.replace(
        "      definition: Kunde eines Kunden.",
        "      definition: Kunde eines Kunden.\n      notes: [Der Kunde des Klienten; das Wort „Klient“ nur zitiert.]",
    )
    rule, severity, line, column, concept, lang, message = only(check(tmp_path, text), "deprecated-in-text")
    assert (severity, line, column, concept, lang) == ("error", 32, 29, "end-customer", "de")
    assert message.startswith("“Klienten” is a deprecated term (Klient, 'customer'): use “Kunde”")


def test_a_definition_that_uses_its_own_term_is_circular(tmp_path):
    text = BASE.replace("      definition: Customer of a customer.", "      definition: End customer of a reseller.")
    rule, severity, line, column, concept, lang, message = only(check(tmp_path, text), "circular-definition")
    assert (severity, line, column, concept, lang) == ("warning", 28, 19, "end-customer", "en")
    assert "uses its own term “End customer”" in message


def test_a_definition_naming_a_concept_without_a_relation_is_a_suggestion(tmp_path):
    text = BASE.replace("    narrower: [end-customer]\n", "").replace("    broader: [customer]\n", "")
    findings = check(tmp_path, text)
    rule, severity, line, column, concept, lang, message = only(findings, "unrelated-mention")
    assert (severity, concept, lang) == ("info", "end-customer", "en")  # once, in the source language
    assert "names 'customer' (“Customer”), which 'end-customer' has no relation with" in message


def test_a_german_noun_in_lower_case_is_reported(tmp_path):
    text = BASE.replace(
        "      definition: Kunde eines Kunden.", "      definition: Kunde eines kunden, der nutzen zieht."
    )
    rule, severity, line, column, concept, lang, message = only(check(tmp_path, text), "noun-case")
    assert (severity, line, column, concept, lang) == ("warning", 31, 31, "end-customer", "de")
    assert message == "“kunden” is the noun “Kunde” of the term base in lower case: write “Kunden”"


# --- the commands ----------------------------------------------------------------


def test_a_misspelt_lookup_suggests_the_likeliest_term_first_and_tells_homonyms_apart():
    result = glossary("lookup", "costumer")
    assert result.returncode == 1
    assert result.stdout.strip() == (
        "no term “costumer”; did you mean: customer (en), consumer (en; 2 concepts: consumer, user)?"
    )


def test_show_given_a_term_says_which_concept_it_names_and_how_to_look_terms_up():
    result = glossary("show", "Kunde")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "no concept “Kunde”",
        "“Kunde” is a term of customer: `glossary show` takes a concept id, so run `glossary show customer`; "
        "`glossary lookup Kunde` finds concepts by their terms",
    ]


def test_status_of_a_project_without_pages_shows_no_share_of_nothing(tmp_path):
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "termbase.yaml").write_text(TERMBASE.read_text("utf-8"), "utf-8")
    (tmp_path / "docs").mkdir()
    result = glossary("status", cwd=tmp_path)
    assert result.returncode == 0
    pages = [line for line in result.stdout.splitlines() if "pages" in line]
    assert pages and all("none to translate" in line and "100.0%" not in line for line in pages)


# --- deprecated terms inside compounds --------------------------------------------


COMPOUNDS = BASE.replace(
    "        - {term: klant, status: preferred}",
    "        - {term: klant, status: preferred}\n"
    "        - {term: cliënt, status: deprecated, plural: cliënten}\n"
    "        - {term: leverancier, status: deprecated, plural: leveranciers}",
).replace(
    "        - {term: Klient, status: deprecated}", "        - {term: Klient, status: deprecated, plural: Klienten}"
)


@pytest.mark.parametrize(
    "lang, text, word, term, column",
    [
        ("de", "Die Klientenorganisation zahlt.", "Klientenorganisation", "Klient", 5),
        ("nl", "Een goede leveranciersrelatie.", "leveranciersrelatie", "leverancier", 11),
        ("nl", "De cliëntenraad vergadert.", "cliëntenraad", "cliënt", 4),
    ],
)
def test_a_compound_made_with_a_deprecated_term_is_reported(tmp_path, lang, text, word, term, column):
    pages = {"page.md": "# Page\n\nThe customer.\n", f"page.{lang}.md": f"# Seite\n\n{text}\n"}
    found = [f for f in check(tmp_path, COMPOUNDS, pages) if f.rule == "deprecated-in-compound"]
    assert [(f.line, f.column, f.lang, f.concept) for f in found] == [(3, column, lang, "customer")]
    assert found[0].message.startswith(f"“{word}” is made with the deprecated term “{term}” ('customer'): form it with")


def test_words_that_only_contain_the_letters_are_not_compounds(tmp_path):
    pages = {
        "page.md": "# Page\n\nThe customer.\n",
        "page.de.md": "# Seite\n\nDie Klientel in Providence, ein Klient und die Klienten, „Klientenorganisation“.\n",
        "page.nl.md": "# Pagina\n\nHet consumentisme, de leverancier en de leveranciers.\n",
    }
    assert [f for f in check(tmp_path, COMPOUNDS, pages) if f.rule == "deprecated-in-compound"] == []


def test_compounds_in_a_real_vocabulary_give_no_false_alarm():
    """GEMET's German and Dutch labels and definitions (thousands of distinct words, many of
    them compounds) hold one word made with a deprecated term of this glossary:
    Entschädigungsrecht. Words that merely contain the letters are not reported."""
    import re

    from conftest import SHARED

    from generator.language.compounds import deprecated_parts
    from generator.language.matching import WORD

    tb = loader.load(TERMBASE)
    found = {}
    for lang in ("de", "nl"):
        text = re.sub(
            r"<[^>]+>", " ", (SHARED / "realworld" / "skos" / "gemet" / f"gemet-{lang}.rdf").read_text("utf-8")
        )
        words = set(WORD.findall(text))
        assert len(words) > 4000
        compounds, _table = deprecated_parts(tb, lang)
        found[lang] = sorted(w for w in words if compounds.find(w))
    assert found == {"de": ["Entschädigungsrecht"], "nl": []}
