"""Term mentions in running text: inflected forms, longest match, homonyms, whole words only."""

from __future__ import annotations

import pytest
from conftest import TERMBASE

from generator.language.matching import TermIndex
from generator.termbase import loader


@pytest.fixture(scope="module")
def termbase():
    return loader.load(TERMBASE)


@pytest.fixture(scope="module")
def index(termbase):
    return {lang: TermIndex(termbase, lang) for lang in ("en", "de", "nl")}


def found(index, lang, text):
    return [(m.text, sorted({s.concept for s in m.senses})) for m in index[lang].mentions(text)]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        (
            "de",
            "Die Kunden der Endkunden und ihren Nutzern",
            [("Kunden", ["customer"]), ("Endkunden", ["end-customer"]), ("Nutzern", ["user"])],
        ),
        (
            "nl",
            "klanten, eindklanten en gebruikers",
            [("klanten", ["customer"]), ("eindklanten", ["end-customer"]), ("gebruikers", ["user"])],
        ),
        ("en", "customers and end customers", [("customers", ["customer"]), ("end customers", ["end-customer"])]),
        (
            "de",
            "Serviceanbietern und Kundenorganisationen",
            [("Serviceanbietern", ["service-provider"]), ("Kundenorganisationen", ["customer-organization"])],
        ),
    ],
)
def test_inflected_forms_are_found(index, lang, text, expected):
    assert found(index, lang, text) == expected


def test_longest_match_wins(index):
    assert found(index, "en", "an end customer") == [("end customer", ["end-customer"])]
    assert found(index, "de", "der Endkunde") == [("Endkunde", ["end-customer"])]
    assert found(index, "de", "jedes Glied der Lieferkette") == [("Glied der Lieferkette", ["supply-chain-link"])]
    assert found(index, "en", "an end\ncustomer") == [("end\ncustomer", ["end-customer"])]


def test_compounds_and_other_words_are_not_linked_to_a_part(index):
    assert found(index, "de", "Eine Kundgebung vor dem Kundendienst") == []
    assert found(index, "de", "Die Nutzer nutzen den Nutzen") == [("Nutzer", ["user"])]
    assert found(index, "en", "customerization") == []


def test_homonyms_are_not_guessed(index):
    assert found(index, "en", "consumers") == [("consumers", ["consumer", "user"])]
    assert found(index, "nl", "consument") == [("consument", ["consumer", "user"])]
    assert found(index, "de", "Verbraucher") == [("Verbraucher", ["consumer"])]
    ambiguous = index["en"].ambiguous()
    assert ambiguous[frozenset({"user", "consumer"})][0] == "consumer"


def test_deprecated_terms_are_found_with_their_status(index):
    (mention,) = index["de"].mentions("ein Provider")
    assert [(s.concept, s.status) for s in mention.senses] == [("service-provider", "deprecated")]


def test_nfd_and_nfc_spellings_are_the_same_term(index):
    import unicodedata

    from generator.termbase.model import nfc

    decomposed = unicodedata.normalize("NFD", "die gemeinsame Wertschöpfung")
    assert found(index, "de", decomposed) == []  # a decomposed ö splits the word...
    assert found(index, "de", nfc(decomposed)) == [("gemeinsame Wertschöpfung", ["co-creation-of-value"])]
