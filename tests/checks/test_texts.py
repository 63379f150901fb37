"""Text-quality checks of translated texts: one failing example per rule, German and Dutch
typography that must pass, and the real term base."""

from __future__ import annotations

import pytest
import yaml
from conftest import TERMBASE

from generator.checks.registry import all_rules
from generator.checks.texts import TextIssue, check_text


def issues(text: str, source: str | None = None, lang: str = "en") -> list[tuple[str, int]]:
    return [(issue.rule, issue.offset) for issue in check_text(text, source, lang)]


@pytest.mark.parametrize(
    "text, source, lang, rule, offset, message",
    [
        ("", "The customer pays.", "de", "empty-text", 0, "empty"),
        (" \n ", None, "nl", "empty-text", 0, "empty"),
        (" Der Kunde bezahlt.", None, "de", "whitespace", 0, "leading whitespace"),
        ("Der Kunde bezahlt. ", None, "de", "whitespace", 18, "trailing whitespace"),
        ("Der Kunde  bezahlt.", None, "de", "whitespace", 9, "2 consecutive spaces in “Der Kunde  bezahlt.”"),
        ("De klant betaalt. \nDe gebruiker niet.", None, "nl", "whitespace", 17, "end of a line"),
        ("Das ist der der Kunde.", None, "de", "doubled-word", 12, "doubled word “der der”"),
        ("Het is de De klant.", None, "nl", "doubled-word", 10, "doubled word “de De”"),
        ("the the customer", None, "en", "doubled-word", 4, "“the the”"),
        ("Der Kunde (Auftraggeber bezahlt.", None, "de", "unbalanced-brackets", 10, "“(” opened in"),
        ("Der Kunde] bezahlt.", None, "de", "unbalanced-brackets", 9, "closing “]”"),
        ("Der Kunde ([Auftraggeber) bezahlt].", None, "de", "unbalanced-brackets", 24, "close “[” first"),
        ("Der „Kunde bezahlt.", None, "de", "unbalanced-quotes", 4, "quotation mark „ opened in"),
        ("Der Kunde“ bezahlt.", None, "de", "unbalanced-quotes", 9, "closing quotation mark “"),
        ("De ‘klant betaalt.", None, "nl", "unbalanced-quotes", 3, "add the closing ’"),
        ("The customer” pays.", None, "en", "unbalanced-quotes", 12, "has no opening one"),
        ('The "customer pays.', None, "en", "unbalanced-quotes", 4, "odd number (1) of straight"),
        (
            "Anna, Teamleiterin.",
            "Anna, 34, team lead.",
            "de",
            "numbers",
            0,
            "numbers differ from the source: 34 is missing",
        ),
        (
            "Anna, 35, Teamleiterin.",
            "Anna, 34, team lead.",
            "de",
            "numbers",
            6,
            "34 is missing, 35 is not in the source",
        ),
        ("Seit 1980 und 2019.", "Since 1980.", "de", "numbers", 14, "2019 is not in the source"),
        (
            "Siehe https://example.org/de.",
            "See https://example.org/en.",
            "de",
            "urls",
            6,
            "https://example.org/en is missing, https://example.org/de is not in the source",
        ),
        ("Zie de website.", "See www.example.org.", "nl", "urls", 0, "www.example.org is missing"),
        ("Hallo {naam}.", "Hello {name}.", "nl", "placeholders", 6, "{name} is missing, {naam} is not in the source"),
        ("Hallo %s, {{x}}.", "Hello %(name)s, {{ x }}.", "de", "placeholders", 6, "%(name)s is missing"),
        ("Hallo.", "Hello ${user}.", "de", "placeholders", 0, "${user} is missing"),
        (
            "Was bezahlt der Kunde:",
            "What does the customer pay?",
            "de",
            "end-punctuation",
            21,
            "ends with “:” but the source ends with “?”",
        ),
        ("Der Kunde bezahlt", "The customer pays.", "de", "end-punctuation", 17, "ends without punctuation"),
    ],
)
def test_each_rule_has_a_failing_example(text, source, lang, rule, offset, message):
    found = check_text(text, source, lang)
    assert [(i.rule, i.offset) for i in found] == [(rule, offset)], found
    assert message in found[0].message
    assert found[0].rule in all_rules()


@pytest.mark.parametrize(
    "text, source, lang",
    [
        ("Der Kunde („Klient“) bezahlt.", "The customer (client) pays.", "de"),
        (
            "Im USM-Sprachgebrauch steht „Kunde“ sowohl für die Organisation als auch für die Person.",
            "USM uses ‘customer’ both for the organization and for the person.",
            "de",
        ),
        ("Er sagte: „Der ‚König‘ ist der Kunde.“", "He said: “The ‘king’ is the customer.”", "de"),
        ("»Kunde« und «Nutzer» sind Rollen.", "“Customer” and “user” are roles.", "de"),
        (
            "Der Anbieter, der der Kundin hilft, und die Strategie, nach der der Anbieter arbeitet.",
            "The provider who helps the customer, and the strategy the provider follows.",
            "de",
        ),
        (
            "’s Avonds belt de klant over z’n ‘storing’; d’r is ’t een en ander mis.",
            "In the evening the customer calls about his ‘fault’; something is wrong.",
            "nl",
        ),
        (
            "De Nederlandse USM-pagina gebruikt ‘consument’ ook voor de gebruiker. Ik weet dat dat klopt.",
            "The Dutch USM page also uses ‘consumer’ for the user. I know that is right.",
            "nl",
        ),
        (
            "‘Anna, 34, teamleider, bestelt spullen voor nieuwe collega’s’ – deze persona helpt.",
            "‘Anna, 34, team lead, orders equipment for new colleagues’ – this persona helps.",
            "nl",
        ),
        ("It’s the customers’ view of Peter’s ‘service’ that counts.", None, "en"),
        (
            "De klant betaalt 1.000 euro; zie https://example.org/a_(b).",
            "The customer pays 1,000 euros; see https://example.org/a_(b).",
            "nl",
        ),
        (
            "Hallo {name}, %(count)d Fälle in {{ jahr }}: a) offen, b) erledigt.",
            "Hello {name}, %(count)d cases in {{ jahr }}: a) open, b) closed.",
            "de",
        ),
        ("Eerste regel.\nTweede regel…", "First line.\nSecond line...", "nl"),
        ("„Was zahlt der Kunde?“", "“What does the customer pay?”", "de"),
    ],
)
def test_correct_german_dutch_and_english_typography_passes(text, source, lang):
    assert check_text(text, source, lang) == []


def test_without_source_only_the_checks_of_the_text_alone_run():
    assert issues("Anna, 35:", None, "de") == []
    assert issues("Anna, 35:", "Anna, 34.", "de") == [("numbers", 6), ("end-punctuation", 8)]
    assert issues("Anna, 35:", "   ", "de") == []  # an empty source gives nothing to compare with


def test_several_distinct_problems_are_each_reported_in_text_order():
    found = check_text("Der  Kunde (zahlt  „bar.", None, "de")
    assert [(i.rule, i.offset) for i in found] == [
        ("whitespace", 3),
        ("unbalanced-brackets", 11),
        ("whitespace", 17),
        ("unbalanced-quotes", 19),
    ]
    assert all(isinstance(i, TextIssue) for i in found)


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Reifegradmodell, das die Stufen beschreibt, die die Serviceerbringung durchlaufen kann.", False),
        ("Die Strategie, nach der der Anbieter seine Services erbringt.", False),
        ("Partei, die die Services erhält.", False),
        ("Die die Partei erhält Services.", True),
        ("Das ist der der Kunde.", True),
    ],
)
def test_german_relative_pronoun_before_an_article_is_no_doubled_word(text, flagged):
    """German relative clauses start with pronoun + article after a comma (and a preposition)."""
    assert bool(issues(text, None, "de")) is flagged


def test_numbers_ignore_thousands_separators_and_codes():
    assert issues("1.000 Kunden im B2B-Geschäft, 2,5 %.", "1,000 B2B customers, 2.5%.", "de") == []
    assert issues("10 000 klanten.", "10,000 customers.", "nl") == []
    assert issues("34 Kunden, 34 Nutzer.", "34 customers and users.", "de") == [("numbers", 0)]
    [twice] = check_text("34 Kunden, 34 Nutzer.", "34 customers.", "de")
    assert "34 occurs 2× here but 1× in the source" in twice.message


def test_ellipsis_forms_and_closing_marks_do_not_change_the_end_punctuation():
    assert issues("Und so weiter…", "And so on...", "de") == []
    assert issues("Er sagte „ja“.", "He said “yes.”", "de") == []
    assert issues("(Siehe oben.)", "(See above.)", "de") == []


# --- the real term base ------------------------------------------------------

# Rules whose findings mean a slip whatever the content: the term base must be clean of them.
CONTENT_INDEPENDENT = {
    "empty-text",
    "whitespace",
    "doubled-word",
    "unbalanced-brackets",
    "unbalanced-quotes",
    "placeholders",
    "urls",
}
# Reviewed findings that are right as written (concept, language, field, rule): none at present.
# (The Dutch ITIL definition said "in de jaren tachtig" for "in the 1980s"; it now says "jaren 1980",
# so that `glossary check --strict` passes on the project's own content.)
ACCEPTED: set[tuple[str, str, str, str]] = set()


def termbase_texts() -> list[tuple[str, str, str, str, str | None]]:
    """(concept, lang, field, text, source text or None) of every definition, note and example."""
    concepts = yaml.safe_load(TERMBASE.read_text(encoding="utf-8"))["concepts"]
    texts = []
    for cid, concept in concepts.items():
        source = concept.get("en") or {}
        for lang in ("en", "de", "nl"):
            section = concept.get(lang) or {}
            translated = lang != "en"
            if section.get("definition"):
                texts.append(
                    (cid, lang, "definition", section["definition"], source.get("definition") if translated else None)
                )
            for field in ("notes", "examples"):
                items, originals = section.get(field) or [], source.get(field) or []
                for i, text in enumerate(items):
                    original = originals[i] if translated and len(originals) == len(items) else None
                    texts.append((cid, lang, f"{field}[{i}]", text, original))
    return texts


def test_termbase_texts_are_clean():
    texts = termbase_texts()
    compared = [t for t in texts if t[4] is not None]
    assert len(compared) > 150 and any("„" in t[3] for t in texts) and any("’s" in t[3] for t in texts)
    fired = {
        (cid, lang, field, issue.rule): issue.message
        for cid, lang, field, text, source in texts
        for issue in check_text(text, source, lang)
    }
    assert not {key: msg for key, msg in fired.items() if key[3] in CONTENT_INDEPENDENT}
    # numbers and end-punctuation may differ for good reasons; each such finding must have been reviewed
    assert set(fired) == ACCEPTED, fired


def test_invisible_characters_are_reported_where_they_hide():
    issues = check_text("Kun\u200bde", None, "de")
    assert [(i.rule, i.offset) for i in issues] == [("invisible-characters", 3)]
    assert "U+200B (ZERO WIDTH SPACE)" in issues[0].message
    assert check_text("Kunde\tund\nNutzer", None, "de") == []
