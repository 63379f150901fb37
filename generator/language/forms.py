"""The forms of a term a reader may type: its inflections, in any case, with or without accents.

The matching (`matching.py`) reduces a word of running text to its lemma;
search needs the other direction, every form of a term's words. simplemma's
dictionary maps each known form to its lemma, so a term word's forms are the
dictionary's forms whose lemma is the word's (Nutzer → Nutzers, Nutzern), read
in one pass over the dictionary for all the words of a term base at once. A
word the dictionary does not know keeps its own form and the plural the term
base gives.

`fold` is the comparison search makes: lower case, accents and ß written out
(Zuverlassigkeit finds Zuverlässigkeit), words split as the theme's search
splits them (spaces and hyphens).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

import simplemma
from simplemma.lemmatizer import DEFAULT_DICTIONARY_FACTORY

from .matching import WORD

# The theme's search splits words at white space and hyphens; a folded form does too.
SEPARATOR = re.compile(r"[\s\-‐]+")
MAX_COMBINATIONS = 64  # forms of one multi-word term, beyond which only its last word varies


def fold(text: str) -> str:
    """Text as search compares it: lower case, no accents, ß as ss, words one space apart."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(SEPARATOR.split(bare.strip()))


class WordForms:
    """The dictionary's forms of given words of one language, found in one pass."""

    def __init__(self, lang: str, words: Iterable[str]):
        self.lang = lang.split("-")[0]
        self.lemmas: dict[str, str] = {}
        for word in words:
            if word not in self.lemmas:
                self.lemmas[word] = self._lemma(word)
        self.forms: dict[str, set[str]] = {}
        wanted = set(self.lemmas.values())
        for form, lemma in self._dictionary_pairs(wanted):
            self.forms.setdefault(lemma, set()).add(form)

    def _lemma(self, word: str) -> str:
        try:
            return simplemma.lemmatize(word, lang=self.lang, greedy=True)
        except (ValueError, KeyError):  # a language simplemma does not have
            return word

    def _dictionary_pairs(self, lemmas: set[str]) -> Iterable[tuple[str, str]]:
        try:
            dictionary = DEFAULT_DICTIONARY_FACTORY.get_dictionary(self.lang)
        except (ValueError, KeyError):
            return []
        raw = getattr(dictionary, "_dict", None)
        if isinstance(raw, dict):  # bytes to bytes: compared undecoded, a pass seven times faster
            wanted = {lemma.encode("utf-8") for lemma in lemmas}
            return [(f.decode("utf-8"), v.decode("utf-8")) for f, v in raw.items() if v in wanted]
        return [(f, v) for f, v in dictionary.items() if v in lemmas]

    def of(self, word: str) -> set[str]:
        """The word, and every form the dictionary gives its lemma."""
        lemma = self.lemmas.get(word)
        if lemma is None:
            lemma = self.lemmas[word] = self._lemma(word)
        return {word, lemma, *self.forms.get(lemma, ())}


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def term_forms(forms: WordForms, text: str, plural: str | None) -> set[str]:
    """Every form of a term, as written: its words' forms combined (the last word's alone past
    MAX_COMBINATIONS), and its plural as the term base gives it."""
    words = words_of(text)
    found = {text}
    if plural:
        found.add(plural)
    if not words:
        return found
    choices = [sorted(forms.of(w)) for w in words]
    total = 1
    for options in choices:
        total *= len(options)
    if total > MAX_COMBINATIONS:
        choices = [[w] for w in words[:-1]] + [choices[-1]]
    found.update(" ".join(combo) for combo in itertools.product(*choices))
    return found
