"""The forms of a term a reader may type into search: inflections, case, accents."""

from __future__ import annotations

import pytest

from generator.language.forms import WordForms, fold, term_forms


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Zuverlässigkeit", "zuverlassigkeit"),
        ("Straße", "strasse"),
        ("cliënten", "clienten"),
        ("Service-Level-Agreement", "service level agreement"),
        ("  IT  service\u00a0desk ", "it service desk"),
    ],
)
def test_fold_compares_as_a_reader_types(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    "lang, word, expected",
    [
        ("de", "Nutzer", {"Nutzer", "Nutzers", "Nutzern"}),
        ("de", "Kunde", {"Kunde", "Kunden"}),
        ("nl", "klant", {"klant", "klanten"}),
        ("en", "customer", {"customer", "customers"}),
    ],
)
def test_a_words_forms_come_from_the_dictionary(lang, word, expected):
    assert expected <= WordForms(lang, [word]).of(word)


def test_a_word_the_dictionary_does_not_know_keeps_its_form_and_the_plural_given():
    forms = WordForms("nl", ["eindklantportaal"])
    assert term_forms(forms, "eindklantportaal", "eindklantportalen") == {"eindklantportaal", "eindklantportalen"}


def test_a_multi_word_term_varies_each_word():
    forms = WordForms("de", ["Kunde", "Erfolg"])
    found = term_forms(forms, "Kunde Erfolg", None)
    assert {"Kunde Erfolg", "Kunden Erfolg", "Kunde Erfolge", "Kunden Erfolgen"} <= found


def test_a_long_term_varies_its_last_word_alone():
    words = ["kritischer", "Erfolgsfaktor", "der", "gemeinsamen", "Wertschöpfung", "Kunden"]
    forms = WordForms("de", words)
    found = term_forms(forms, " ".join(words), None)
    assert len(found) <= 64
    assert "kritischer Erfolgsfaktor der gemeinsamen Wertschöpfung Kunde" in found


def test_a_language_simplemma_does_not_have_keeps_the_written_forms():
    forms = WordForms("zu", ["umthengi"])
    assert term_forms(forms, "umthengi", "abathengi") == {"umthengi", "abathengi"}
