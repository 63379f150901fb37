"""Terms inside compounds: German and Dutch make new words by joining others, so a term
hides inside them (*Klientenorganisation* is Klient + en + Organisation,
*leveranciersrelatie* is leverancier + s + relatie).

A word is read as a compound of a term when it starts or ends with a form of the term,
joined by one of the language's linking elements (-s-, -en-, -e-, ...), and the rest of
the word is a word of its own in simplemma's dictionary, at least four letters long.
So a word that merely contains the letters is no compound: *Providence* does not end in
a word after *Provide-r*, *Klientel* leaves "el". The packages built for splitting
compounds were weighed first: compound-split (German and Dutch) has not been released
since 2020, is GPL-3.0 and ships 54 MB of n-gram tables; charsplit-fst splits German
only and has no wheel for this platform. The dictionary the matching already loads
answers the one question asked here: is the rest a word?
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from ..termbase.model import TermBase

# Linking elements between the parts of a compound, longest first
LINKERS = {
    "de": ("ens", "es", "en", "er", "s", "n", "e", ""),
    "nl": ("en", "er", "s", "e", ""),
    "lb": ("s", "en", "n", ""),
    "sv": ("s", ""),
    "da": ("s", "e", ""),
    "no": ("s", "e", ""),
}
MIN_PART = 4  # the other part of a compound is a word of at least this many letters
# Endings that the dictionary also knows as words ("isme"): what precedes them is a derivation
# (consumentisme, Konsumentismus), not a compound
SUFFIX_WORDS = frozenset(("isme", "ismus", "heid", "heit", "keit", "schap", "schaft", "tum", "dom", "lijk", "lich"))


class Compounds:
    """Finds forms of given terms inside the compounds of one language."""

    def __init__(self, lang: str, forms: Iterable[str]):
        self.lang = lang.split("-")[0]
        self.linkers = LINKERS.get(self.lang, ())
        self.forms = {f.casefold() for f in forms if f and " " not in f and len(f) >= 3}
        self._found: dict[str, str | None] = {}  # words repeat: each is analysed once

    @property
    def enabled(self) -> bool:
        return bool(self.linkers and self.forms)

    def find(self, word: str) -> str | None:
        """The form of a term inside `word` ("Klienten" in Klientenorganisation), if `word` is
        a compound of it (and not the term itself): the term first, else the term last."""
        if word in self._found:
            return self._found[word]
        found = self._found[word] = self._find(word)
        return found

    def _find(self, word: str) -> str | None:
        folded = word.casefold()
        if folded in self.forms or len(folded) < 3 + MIN_PART:
            return None
        for end in range(len(folded) - MIN_PART, 2, -1):  # the term first, the longest form first
            form = folded[:end]
            if form not in self.forms:
                continue
            for linker in self.linkers:
                if folded.startswith(linker, end) and self._word(word[end + len(linker) :]):
                    return word[:end]
        for start in range(MIN_PART, len(folded) - 2):  # the term last: the compound's head
            if folded[start:] not in self.forms:
                continue
            for linker in self.linkers:
                rest = folded[:start]
                if rest.endswith(linker) and self._word(word[: start - len(linker)]):
                    return word[start:]
        return None

    def _word(self, part: str) -> bool:
        return len(part) >= MIN_PART and part.casefold() not in SUFFIX_WORDS and _known(part, self.lang)


@lru_cache(maxsize=65536)
def _known(part: str, lang: str) -> bool:
    """A word of the language: as written, or capitalized (a German noun inside a compound
    is written in lower case)."""
    try:
        return simplemma.is_known(part, lang=lang) or simplemma.is_known(part[:1].upper() + part[1:], lang=lang)
    except (ValueError, KeyError):
        return False


@dataclass(frozen=True, slots=True)
class Deprecated:
    term: str  # the deprecated term
    concept: str
    preferred: str  # the term to use


def deprecated_parts(termbase: TermBase, lang: str) -> tuple[Compounds, dict[str, Deprecated]]:
    """What finds deprecated terms inside compounds of `lang`, and what each found form
    stands for. Only single-word terms that are deprecated in every concept they name count
    (de *Konsument* is deprecated for the user but admitted for the consumer: not counted).
    Kept with the term base's cache: reading the dictionary's forms takes a second."""
    from ..termbase.cache import derived

    return derived(termbase, f"deprecated-parts-{lang}", lambda: _deprecated_parts(termbase, lang))


def _deprecated_parts(termbase: TermBase, lang: str) -> tuple[Compounds, dict[str, Deprecated]]:
    from .forms import WordForms

    senses: dict[str, list[tuple[str, str, str, str]]] = {}  # term -> (status, concept, term, preferred)
    for concept in termbase.concepts.values():
        section = concept.langs.get(lang)
        for term in section.terms if section else ():
            senses.setdefault(term.text.casefold(), []).append(
                (term.status, concept.id, term.text, section.preferred.text)
            )
    chosen = {
        key: found[0] for key, found in senses.items() if " " not in key and all(s[0] == "deprecated" for s in found)
    }
    words = WordForms(lang, [found[2] for found in chosen.values()])
    table: dict[str, Deprecated] = {}
    for concept in termbase.concepts.values():
        section = concept.langs.get(lang)
        for term in section.terms if section else ():
            if term.text.casefold() not in chosen:
                continue
            entry = Deprecated(term.text, concept.id, section.preferred.text)
            for form in {term.text, term.plural or "", *words.of(term.text)}:
                key = form.casefold()
                if form and (key in chosen or key not in senses):  # not another term's own text
                    table.setdefault(key, entry)
    return Compounds(lang, table), table


def term_parts(termbase: TermBase, lang: str) -> tuple[Compounds, dict[str, tuple]]:
    """What finds any single-word term inside the compounds of `lang` (for linking a compound
    such as Servicevereinbarungsentwurf to Servicevereinbarung), and the senses of each form."""
    from .forms import WordForms
    from .matching import Sense

    words = [
        term.text
        for concept in termbase.concepts.values()
        if lang in concept.langs
        for term in concept.langs[lang].terms
        if " " not in term.text
    ]
    forms = WordForms(lang, words)
    table: dict[str, dict[str, Sense]] = {}
    for concept in termbase.concepts.values():
        section = concept.langs.get(lang)
        for term in section.terms if section else ():
            if " " in term.text:
                continue
            for form in {term.text, term.plural or "", *forms.of(term.text)}:
                if form:
                    table.setdefault(form.casefold(), {}).setdefault(
                        concept.id, Sense(concept.id, term.text, term.status)
                    )
    senses = {form: tuple(found.values()) for form, found in table.items()}
    return Compounds(lang, senses), senses


def with_compounds(mentions: Iterable, text: str, compounds: Compounds, senses: dict[str, tuple]) -> Iterator:
    """`mentions` (of `text`, in order), with the words between them that are compounds of a
    term read as mentions of that term (nothing longer having matched there)."""
    from .matching import WORD, Mention

    cursor = 0
    for mention in mentions:
        yield from _compounds_in(text, cursor, mention.start, compounds, senses, WORD, Mention)
        yield mention
        cursor = mention.end
    yield from _compounds_in(text, cursor, len(text), compounds, senses, WORD, Mention)


def _compounds_in(text, start, end, compounds, senses, word_pattern, mention_type):
    for match in word_pattern.finditer(text, start, end):
        form = compounds.find(match.group())
        if form is not None:
            yield mention_type(match.start(), match.end(), match.group(), senses[form.casefold()])
