"""Every rule `glossary check` applies: stable id, default severity, what it checks, what to do.

Ids never change meaning once published: CI configurations, SARIF viewers and
people's memories refer to them.
"""
from __future__ import annotations

from .findings import Rule

RULES: dict[str, Rule] = {r.id: r for r in (
    # term base integrity
    Rule("missing-translation", "warning", "A concept has no section for a declared language.",
         "Add the language section with its terms and definition, or leave it: the site shows the entry as not yet translated."),
    Rule("missing-preferred", "error", "A language section has no preferred term.",
         "Mark exactly one term of the section 'status: preferred'."),
    Rule("missing-definition", "error", "A language section has no definition.",
         "Write a one-sentence definition for the language."),
    Rule("undeclared-homonym", "warning", "Two concepts share a term in one language without saying so.",
         "If both senses are meant, list each concept under the other's 'homonyms'; otherwise correct the term."),
    Rule("relation-cycle", "error", "Broader/narrower relations form a cycle.",
         "Remove one of the relations so that the hierarchy has no loop."),
    Rule("relation-mismatch", "warning", "A broader relation has no matching narrower relation, or the other way round.",
         "Add the inverse relation to the other concept, or remove this one."),
    Rule("deprecated-only", "error", "A language section has only deprecated terms.",
         "Add a preferred term; a deprecated term must point readers to one they should use."),
    Rule("same-as-source", "warning", "A translated term or text is identical to the source language.",
         "Translate it, or mark the term 'same_as_source: true' when it is meant to be the same (B2B)."),
    Rule("translation-outdated", "warning", "The source text changed after this translation was reviewed.",
         "Check the translation against the current source, fix it, then run 'glossary review CONCEPT --lang LANG'."),
    Rule("translation-unreviewed", "warning", "No review of this translation is recorded.",
         "Check the translation against the source, then run 'glossary review CONCEPT --lang LANG'."),
    # text quality (translated fields against their source)
    Rule("empty-text", "error", "A text is empty or only whitespace.", "Write the text or remove the field."),
    Rule("whitespace", "warning", "Leading, trailing or doubled whitespace.", "Remove the extra spaces."),
    Rule("invisible-characters", "warning", "A zero-width, bidirectional or control character hides in the text.",
         "Delete it: such characters make two equal-looking terms differ in lookups, links and checks."),
    Rule("doubled-word", "warning", "The same word twice in a row.", "Remove the repetition."),
    Rule("unbalanced-brackets", "warning", "An opening bracket without its closing one, or the reverse.",
         "Close or remove the bracket."),
    Rule("unbalanced-quotes", "warning", "An opening quotation mark without its closing one, or the reverse.",
         "Close or remove the quotation mark (German „…“, Dutch ‘…’ or “…”)."),
    Rule("numbers", "warning", "The numbers differ from the source text.", "Use the same numbers as the source."),
    Rule("urls", "warning", "The URLs differ from the source text.", "Use the same URLs as the source."),
    Rule("placeholders", "error", "The placeholders differ from the source text.",
         "Keep every placeholder of the source ({name}, %s, {{ x }}) exactly as it is."),
    Rule("end-punctuation", "warning", "The text ends with different punctuation than the source.",
         "End the text as the source does (full stop, question mark, colon...)."),
    # pages
    Rule("page-missing", "warning", "A hand-written page has no version in a language.",
         "Translate the page into a file with the language suffix (page.de.md)."),
    Rule("page-outdated", "warning", "The source page changed after this translation was reviewed.",
         "Bring the translation up to date, then run 'glossary review PAGE --lang LANG'."),
    Rule("page-unreviewed", "warning", "No review of this page translation is recorded.",
         "Check the translation against the source page, then run 'glossary review PAGE --lang LANG'."),
    Rule("page-headings", "warning", "The headings differ in number or level from the source page.",
         "Give the translation the same sections as the source."),
    Rule("page-links", "warning", "The links differ from the source page.",
         "Link the same targets as the source page."),
    Rule("page-diagrams", "warning", "The diagrams differ from the source page.",
         "Place the same diagrams as the source page."),
    Rule("deprecated-term", "error", "A page uses a deprecated term.", "Use the preferred term instead."),
    Rule("inconsistent-terms", "warning", "A page names one concept with different terms.",
         "Use the preferred term throughout; quote a synonym only when you talk about the word."),
)}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
