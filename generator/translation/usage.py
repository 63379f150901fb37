"""Which concepts the hand-written pages use: in which language, by which term, on which page.

A page's running text (code, comments, link targets and front matter blanked
out; words in quotation marks are talked about, not used) is read with the
matcher that links it, so inflected forms count. A form that names several
concepts (a homonym) counts for each of them, marked ambiguous.

One pass per page serves `glossary usage`, the site's usage pages and the checks
that compare a translation with its source (`concept-parity`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..language.matching import Mention, TermIndex
from ..termbase.model import TermBase, nfc
from .markdown import QUOTED, blank, prose
from .pages import Pages


def page_text(path: Path) -> str:
    """A page as the checks read it: NFC, Unix line ends."""
    return nfc(path.read_text("utf-8").replace("\r\n", "\n"))


def running_text(text: str) -> str:
    """The words a page uses: prose, with quoted words blanked (offsets kept)."""
    return QUOTED.sub(blank, prose(text))


def mentions(index: TermIndex, text: str) -> list[Mention]:
    """Every mention of a term in a page's text (as `page_text` reads it)."""
    return list(index.mentions(running_text(text)))


@dataclass
class TermUse:
    status: str
    count: int = 0


@dataclass
class ConceptUse:
    """One concept in one language: how often, by which terms, on which pages."""

    count: int = 0
    ambiguous: int = 0  # of which mentions by a form that also names another concept
    terms: dict[str, TermUse] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)


@dataclass
class Usage:
    languages: list[str]
    pages: list[str]  # every page read, as shown (docs/page.de.md)
    concepts: dict[str, dict[str, ConceptUse]]  # concept -> language -> use

    def unused_concepts(self, lang: str | None = None) -> list[str]:
        """Concepts no page mentions (in `lang`, or in any language)."""
        langs = [lang] if lang else self.languages
        return [cid for cid, by_lang in self.concepts.items() if not any(by_lang[code].count for code in langs)]

    def unused_terms(self, termbase: TermBase) -> list[tuple[str, str, str, str]]:
        """(concept, language, term, status) of every term no page uses."""
        found = []
        for cid, concept in termbase.concepts.items():
            for lang in self.languages:
                section = concept.langs.get(lang)
                for term in section.terms if section else ():
                    use = self.concepts[cid][lang].terms.get(term.text)
                    if use is None or not use.count:
                        found.append((cid, lang, term.text, term.status))
        return found

    def as_data(self, termbase: TermBase) -> dict[str, Any]:
        return {
            "languages": self.languages,
            "pages": self.pages,
            "concepts": {
                cid: {
                    lang: {
                        "count": use.count,
                        "ambiguous": use.ambiguous,
                        "terms": {t: {"status": u.status, "count": u.count} for t, u in use.terms.items()},
                        "pages": use.pages,
                    }
                    for lang, use in by_lang.items()
                }
                for cid, by_lang in self.concepts.items()
            },
            "unused_concepts": self.unused_concepts(),
            "unused_terms": [
                {"concept": c, "lang": lang, "term": t, "status": s} for c, lang, t, s in self.unused_terms(termbase)
            ],
        }


def usage(termbase: TermBase, pages: Pages, index: Callable[[str], TermIndex], languages: list[str]) -> Usage:
    """How the pages under `pages` use the concepts of `termbase`, in `languages`."""
    concepts: dict[str, dict[str, ConceptUse]] = {
        cid: {lang: ConceptUse() for lang in languages} for cid in termbase.concepts
    }
    for concept in termbase.concepts.values():
        for lang in languages:
            section = concept.langs.get(lang)
            for term in section.terms if section else ():
                concepts[concept.id][lang].terms[term.text] = TermUse(term.status)
    shown: list[str] = []
    indexes: dict[str, TermIndex] = {}  # `index` may read a cache file: once per language
    for page in pages.discover():
        for lang, path in page.files.items():
            if lang not in languages:
                continue
            name = pages.shown(path)
            shown.append(name)
            if lang not in indexes:
                indexes[lang] = index(lang)
            for mention in mentions(indexes[lang], page_text(path)):
                ambiguous = mention.ambiguous
                for sense in {s.concept: s for s in mention.senses}.values():
                    use = concepts[sense.concept][lang]
                    use.count += 1
                    use.ambiguous += ambiguous
                    use.pages[name] = use.pages.get(name, 0) + 1
                    term = use.terms.setdefault(sense.term, TermUse(sense.status))
                    term.count += 1
    return Usage(languages, sorted(shown), concepts)
