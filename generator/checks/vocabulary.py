"""The term base's own texts, held to its own vocabulary.

A definition, note or example is read with the matcher that links pages
(inflected forms count; a word in quotation marks is talked about, not used):

- `deprecated-in-text`: it uses a word the term base deprecates in that language
  (the bar `deprecated-term` sets for pages);
- `circular-definition`: a definition that uses a term of its own concept
  defines the concept by itself;
- `unrelated-mention` (a suggestion): a definition names another concept that is
  neither broader, narrower nor related, so relations and texts drift apart; the
  basic vocabulary (concepts a fifth of all definitions name) is left out;
- `noun-case`: a German noun of the term base written in lower case ("die kunden").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import simplemma

from ..language.compounds import Compounds, Deprecated, deprecated_parts
from ..language.matching import WORD, TermIndex
from ..termbase.model import Concept, TermBase
from ..translation.markdown import QUOTED, blank
from .findings import Rule
from .registry import declare

declare(
    Rule(
        "deprecated-in-text",
        "error",
        "A definition, note or example of the term base uses a deprecated term.",
        "Use the preferred term; put the deprecated word in quotation marks when the text talks about the word.",
    ),
    Rule(
        "circular-definition",
        "warning",
        "A definition uses a term of the concept it defines.",
        "Define the concept by a broader concept and what sets it apart, without its own name.",
    ),
    Rule(
        "unrelated-mention",
        "info",
        "A definition names a concept the entry has no relation with.",
        "Add the relation (broader, narrower or related), or reword the definition.",
    ),
    Rule(
        "deprecated-in-compound",
        "warning",
        "A German or Dutch compound is made with a deprecated term (Klientenorganisation, leveranciersrelatie).",
        "Form the compound with the preferred term instead, or put the word in quotation marks when the text "
        "talks about it.",
    ),
    Rule(
        "noun-case",
        "warning",
        "A German noun of the term base is written in lower case in a German text.",
        "Write the noun with a capital letter, as German spelling requires.",
    ),
)

CAPITALIZED_NOUNS = frozenset(("de", "lb"))  # languages that capitalize every noun
# A word long enough to be a compound of a term (three letters and a part of four at least)
COMPOUND_CANDIDATE = re.compile(r"\w{7,}(?:[-‐'’]\w+)*")
BASIC_SHARE, BASIC_MIN = 0.2, 5  # named by this share of the definitions (and at least this many)


def compound_slips(compounds: Compounds, table: dict[str, Deprecated], text: str, taken: list[tuple[int, int]]):
    """Words of `text` made with a deprecated term (outside the term mentions `taken`)."""
    spans = sorted(taken)
    at = 0  # the first span that may still overlap a word (words and spans both in order)
    for match in COMPOUND_CANDIDATE.finditer(text):
        while at < len(spans) and spans[at][1] <= match.start():
            at += 1
        if at < len(spans) and spans[at][0] < match.end():
            continue  # inside a term mention
        word = match.group()
        form = compounds.find(word)
        if form is None:
            continue
        entry = table[form.casefold()]
        yield Slip(
            "deprecated-in-compound",
            (),
            match.start(),
            f"“{word}” is made with the deprecated term “{entry.term}” ('{entry.concept}'): form it with "
            f"“{entry.preferred}” instead",
            entry.concept,
        )


@dataclass(frozen=True, slots=True)
class Slip:
    rule: str
    path: tuple[Any, ...]  # where in the concept: (lang, "definition"), (lang, "notes", i), ...
    offset: int  # in the text
    message: str
    concept: str | None = None  # the concept the slip is about, when another than the entry's


class Vocabulary:
    """What the term base's texts are checked against, per language, built once."""

    def __init__(self, termbase: TermBase, index: TermIndex):
        self.tb = termbase
        self.index = index
        self.lang = index.lang
        base = self.lang.split("-")[0]
        # The basic vocabulary: concepts that a fifth or more of the definitions name (customer,
        # service). Naming them is how definitions are written, not a relation to add.
        self.basic: set[str] = set()
        if self.lang == termbase.source_language:
            named = Counter(
                concept_id
                for concept in termbase.concepts.values()
                if self.lang in concept.langs and concept.langs[self.lang].definition
                for concept_id in {
                    m.senses[0].concept
                    for m in index.mentions(QUOTED.sub(blank, concept.langs[self.lang].definition))
                    if not m.ambiguous
                }
            )
            threshold = max(BASIC_MIN, BASIC_SHARE * len(termbase.concepts))
            self.basic = {concept_id for concept_id, count in named.items() if count >= threshold}
        self.compounds, self.deprecated = deprecated_parts(termbase, self.lang)
        # German nouns of the term base, by lemma: "kunden" in a text is the noun Kunde in lower case
        self.nouns: dict[str, str] = {}
        if base in CAPITALIZED_NOUNS:
            for concept in termbase.concepts.values():
                section = concept.langs.get(self.lang)
                for term in section.terms if section else ():
                    # a capitalized German term is a noun, unless its part of speech says otherwise
                    if term.pos in ("noun", None) and term.text[:1].isupper() and WORD.fullmatch(term.text):
                        self.nouns[self._lemma(term.text)] = term.text

    def _lemma(self, word: str) -> str:
        try:
            return simplemma.lemmatize(word, lang=self.lang.split("-")[0], greedy=True)
        except (ValueError, KeyError):
            return word

    def slips(self, concept: Concept) -> Iterator[Slip]:
        section = concept.langs.get(self.lang)
        if section is None:
            return
        lang = self.lang
        texts: list[tuple[tuple[Any, ...], str, str | None]] = []  # path, text, the term it belongs to
        if section.definition:
            texts.append(((lang, "definition"), section.definition, None))
        for field in ("notes", "examples"):
            texts += [((lang, field, i), text, None) for i, text in enumerate(getattr(section, field))]
        for i, term in enumerate(section.terms):
            if term.note:
                texts.append(((lang, "terms", i, "note"), term.note, term.text))
        for path, text, own_term in texts:
            running = QUOTED.sub(blank, text)
            found = list(self.index.mentions(running))
            yield from self._terms(concept, path, found, own_term)
            if self.compounds.enabled:
                taken = [(m.start, m.end) for m in found]
                for slip in compound_slips(self.compounds, self.deprecated, running, taken):
                    if slip.concept != concept.id:  # a deprecated term's own entry may talk about its compounds
                        yield Slip(slip.rule, path, slip.offset, slip.message)
            if self.nouns:
                yield from self._noun_case(path, running)

    def _neighbours(self, concept: Concept) -> set[str]:
        """The concepts a definition may name without a relation of its own: its relations, its
        broader concepts (up the hierarchy) and theirs, and those that relate to it."""
        found: set[str] = set()
        todo, seen = [concept], set()
        while todo:
            current = todo.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            found.update(current.broader, current.narrower, current.related, current.homonyms)
            todo.extend(self.tb.concepts[b] for b in current.broader if b in self.tb.concepts)
        return found

    def _terms(self, concept: Concept, path: tuple[Any, ...], found: list, own_term: str | None) -> Iterator[Slip]:
        definition = path[1] == "definition"
        # relations are the concept's, not a language's: suggested once, from the source language
        suggest = definition and self.lang == self.tb.source_language
        related = self._neighbours(concept) if suggest else set()
        named: set[str] = set()
        for mention in found:
            concepts = {s.concept for s in mention.senses}
            if definition and concept.id in concepts:
                yield Slip(
                    "circular-definition",
                    path,
                    mention.start,
                    f"the definition of '{concept.id}' uses its own term “{mention.text}”: define the concept "
                    "by a broader one and what sets it apart",
                )
                continue
            if mention.ambiguous:
                continue
            sense = mention.senses[0]
            if sense.status == "deprecated" and sense.term != own_term:
                preferred = self.tb.concepts[sense.concept].langs[self.lang].preferred.text
                yield Slip(
                    "deprecated-in-text",
                    path,
                    mention.start,
                    f"“{mention.text}” is a deprecated term ({sense.term}, '{sense.concept}'): use “{preferred}”, "
                    "or put the word in quotation marks if the text talks about it",
                )
            elif suggest and sense.concept not in related | self.basic and sense.concept not in named:
                other = self.tb.concepts[sense.concept]
                if concept.id not in {*other.broader, *other.narrower, *other.related}:
                    named.add(sense.concept)
                    yield Slip(
                        "unrelated-mention",
                        path,
                        mention.start,
                        f"the definition names '{sense.concept}' (“{mention.text}”), which '{concept.id}' has no "
                        f"relation with: add it to 'related' (or 'broader'/'narrower'), or reword",
                    )

    def _noun_case(self, path: tuple[Any, ...], text: str) -> Iterator[Slip]:
        for match in WORD.finditer(text):
            word = match.group()
            if not word[:1].islower():
                continue
            noun = self.nouns.get(self._lemma(word))
            if noun is not None:
                written = word[:1].upper() + word[1:]
                yield Slip(
                    "noun-case",
                    path,
                    match.start(),
                    f"“{word}” is the noun “{noun}” of the term base in lower case: write “{written}”",
                )
