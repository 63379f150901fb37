"""Find mentions of terms in running text, in one pass, whatever their inflection.

Every word of the text is reduced to a key once (memoized): its lemma from
simplemma's dictionaries (Kunden → Kunde, klanten → klant), or, for a word the
dictionary does not know (an unlisted compound such as "eindklanten"), its
Snowball stem. Terms are indexed by the keys of their words, with the plural
from the term base's grammar as an extra form. Matching walks the words once
and tries, at each word, only the terms that start with its key, longest
first: cost grows with the text, not with the number of terms.

Whole words only: a compound that is not itself a term is never linked to a
part of it (no "Kundgebung" → Kunde).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import simplemma
import snowballstemmer

from ..termbase import ids
from ..termbase.cache import derived
from ..termbase.model import TermBase

WORD = re.compile(r"\w+(?:[-‐'’]\w+)*")
# Words may be separated by spaces (and one line break) inside a multi-word term.
GAP = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*")

CAPITALIZED_NOUNS = frozenset(("de", "lb"))
SNOWBALL = {
    "en": "english",
    "de": "german",
    "nl": "dutch",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
    "ru": "russian",
    "hu": "hungarian",
    "ro": "romanian",
    "tr": "turkish",
}


@dataclass(frozen=True, slots=True)
class Sense:
    """What a matched form names: a concept, through one of its terms."""

    concept: str
    term: str
    status: str


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    senses: tuple[Sense, ...]  # more than one: an ambiguous form (a homonym)

    @property
    def ambiguous(self) -> bool:
        return len({s.concept for s in self.senses}) > 1


class Keys:
    """Reduces words of one language to matching keys, memoizing every word it meets.

    A word's keys are its lemma and, only when the dictionary does not know
    the word, its stem: a known word ("nutzen", the verb) is trusted to its
    lemma and never stemmed into a noun ("Nutzer").
    """

    def __init__(self, lang: str):
        self.lang = lang.split("-")[0]
        name = SNOWBALL.get(self.lang)
        self.stemmer = snowballstemmer.stemmer(name) if name else None
        # Where nouns are capitalized, case tells a noun from the adjective or verb that
        # stems alike (kundenzentriertes / Kundenzentriertheit): stems then match only in the same case.
        self.noun_case = self.lang in CAPITALIZED_NOUNS
        self.cache: dict[str, tuple[str, str | None]] = {}
        self.stems: dict[str, str] = {}

    def __getstate__(self) -> dict[str, object]:
        # the stemmer is a C object; it is made again from the language on unpickling
        return {k: v for k, v in self.__dict__.items() if k != "stemmer"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        name = SNOWBALL.get(self.lang)
        self.stemmer = snowballstemmer.stemmer(name) if name else None

    def __call__(self, word: str) -> tuple[str, str | None]:
        keys = self.cache.get(word)
        if keys is None:
            keys = self.cache[word] = self._keys(word)
        return keys

    def stem(self, word: str) -> str:
        stem = self.stems.get(word)
        if stem is None:
            folded = unicodedata.normalize("NFC", word).casefold()
            stem = self.stemmer.stemWord(folded) if self.stemmer is not None else folded
            if self.noun_case and word[:1].isupper():
                stem += "^"
            self.stems[word] = stem
        return stem

    def _keys(self, word: str) -> tuple[str, str | None]:
        word = unicodedata.normalize("NFC", word)
        try:
            lemma = simplemma.lemmatize(word, lang=self.lang, greedy=True)
            known = simplemma.is_known(word, lang=self.lang)
        except (ValueError, KeyError):  # a language simplemma does not have
            lemma, known = word, False
        return lemma.casefold(), (None if known else self.stem(word))


Form = tuple[tuple[str, str], ...]  # per word: (lemma key, stem)


class TermIndex:
    """All term forms of one language, keyed for matching."""

    def __init__(self, termbase: TermBase, lang: str):
        self.lang = lang
        self.keys = Keys(lang)
        self._word_candidates: dict[str, list[tuple[Form, tuple[Sense, ...]]]] = {}
        self._ambiguous: dict[frozenset[str], tuple[str, str, tuple[Sense, ...]]] | None = None
        forms: dict[Form, dict[str, Sense]] = {}
        for concept in termbase.concepts.values():
            section = concept.langs.get(lang)
            if section is None:
                continue
            for term in section.terms:
                for text in (term.text, term.plural_form):
                    form = self.form_of(text) if text else ()
                    if form:
                        forms.setdefault(form, {}).setdefault(concept.id, Sense(concept.id, term.text, term.status))
        # first word's lemma / stem -> [(form, senses)], longest forms first
        self.by_lemma: dict[str, list[tuple[Form, tuple[Sense, ...]]]] = {}
        self.by_stem: dict[str, list[tuple[Form, tuple[Sense, ...]]]] = {}
        # Every stem of a term word: a text word whose stem is not among them can start or
        # continue no term, and is dismissed without a dictionary lookup.
        self.stems = frozenset(stem for form in forms for _, stem in form)
        for form, senses in sorted(forms.items(), key=lambda item: -len(item[0])):
            entry = (form, tuple(senses.values()))
            self.by_lemma.setdefault(form[0][0], []).append(entry)
            self.by_stem.setdefault(form[0][1], []).append(entry)

    def ambiguous(self) -> dict[frozenset[str], tuple[str, str, tuple[Sense, ...]]]:
        """Forms that name several concepts (homonyms): concept set -> (slug, term, senses).

        Each gets a page that lets the reader choose; its slug is stable and unique per language.
        Computed once per index: every page being linked asks.
        """
        if self._ambiguous is not None:
            return self._ambiguous
        groups: dict[frozenset[str], tuple[str, tuple[Sense, ...]]] = {}
        for candidates in self.by_lemma.values():
            for _form, senses in candidates:
                concepts = frozenset(s.concept for s in senses)
                if len(concepts) > 1 and concepts not in groups:
                    groups[concepts] = (senses[0].term, senses)
        result, used = {}, set()
        for concepts, (term, senses) in sorted(groups.items(), key=lambda g: (g[1][0].casefold(), sorted(g[0]))):
            slug = base = ids.slugify(term, "term")
            n = 2
            while slug in used:
                slug, n = f"{base}-{n}", n + 1
            used.add(slug)
            result[concepts] = (slug, term, senses)
        self._ambiguous = result
        return result

    def form_of(self, text: str) -> Form:
        return tuple((self.keys(w)[0], self.keys.stem(w)) for w in WORD.findall(text))

    def _matches(self, keys: tuple[str, str | None], expected: tuple[str, str]) -> bool:
        return keys[0] == expected[0] or (keys[1] is not None and keys[1] == expected[1])

    def _candidates(self, keys: tuple[str, str | None]) -> list[tuple[Form, tuple[Sense, ...]]]:
        found = self.by_lemma.get(keys[0], [])
        if keys[1] is not None:
            extra = [c for c in self.by_stem.get(keys[1], ()) if c not in found]
            if extra:
                found = sorted([*found, *extra], key=lambda c: -len(c[0]))
        return found

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every mention in `text`, left to right, longest match first, never overlapping.

        `text` must be NFC (see `termbase.model.nfc`): a decomposed "ü" would split a word in two.
        """
        words = list(WORD.finditer(text))
        candidates_of = self._candidates_of
        n, i = len(words), 0
        while i < n:
            candidates = candidates_of(words[i].group())
            advance = 1
            for form, senses in candidates:
                length = len(form)
                if length == 1 or (i + length <= n and self._continues(text, words, i, form)):
                    start, end = words[i].start(), words[i + length - 1].end()
                    yield Mention(start, end, text[start:end], senses)
                    advance = length
                    break
            i += advance

    def _candidates_of(self, word: str) -> list[tuple[Form, tuple[Sense, ...]]]:
        """Forms that may start at this word, longest first; memoized, as most words start none."""
        found = self._word_candidates.get(word)
        if found is None:
            known = word in self.keys.cache or self.keys.stem(word) in self.stems
            found = self._word_candidates[word] = self._candidates(self.keys(word)) if known else []
        return found

    def _continues(self, text: str, words: list[re.Match[str]], i: int, form: Form) -> bool:
        for k in range(1, len(form)):
            previous, word = words[i + k - 1], words[i + k]
            text_word = word.group()
            if text_word not in self.keys.cache and self.keys.stem(text_word) not in self.stems:
                return False
            if not self._matches(self.keys(text_word), form[k]):
                return False
            if GAP.fullmatch(text, previous.end(), word.start()) is None:
                return False
        return True


def term_index(termbase: TermBase, lang: str) -> TermIndex:
    """The index of a language, from the term base cache when there is one (building it
    lemmatizes and stems every term: seconds for a large term base)."""
    return derived(termbase, f"termindex-{lang}", lambda: TermIndex(termbase, lang))
