"""Translation status per language, as MediaWiki Translate shows it: what share of the
concepts and pages is complete, unreviewed, outdated or missing."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..termbase.model import TermBase
from .pages import Pages
from .reviews import Reviews, concept_hash, page_hash

STATES = ("complete", "unreviewed", "outdated", "missing")


@dataclass
class Status:
    lang: str
    concepts: dict[str, str] = field(default_factory=dict)  # concept id -> state
    pages: dict[str, str] = field(default_factory=dict)  # page name -> state

    def counts(self, kind: str) -> dict[str, int]:
        states = getattr(self, kind).values()
        return {state: sum(1 for s in states if s == state) for state in STATES}

    def percent(self, kind: str, state: str) -> float | None:
        """The share of `kind` in `state`; None when there is nothing of that kind (no pages)."""
        total = len(getattr(self, kind))
        return 100.0 * self.counts(kind)[state] / total if total else None

    def items(self, kind: str, state: str) -> list[str]:
        return sorted(k for k, s in getattr(self, kind).items() if s == state)


def _state(recorded: str | None, current: str) -> str:
    if recorded is None:
        return "unreviewed"
    return "complete" if recorded == current else "outdated"


def translation_status(termbase: TermBase, reviews: Reviews, pages: Pages | None) -> dict[str, Status]:
    source = termbase.source_language
    result = {lang: Status(lang) for lang in termbase.languages if lang != source}
    for cid, concept in termbase.concepts.items():
        original = concept.langs.get(source)
        for lang, status in result.items():
            if lang not in concept.langs or original is None:
                status.concepts[cid] = "missing"
            else:
                status.concepts[cid] = _state(reviews.concepts.get(cid, {}).get(lang), concept_hash(original))
    for page in pages.discover() if pages is not None else ():
        if source not in page.files:
            continue
        key = pages.record_key(page)
        current = page_hash(page.files[source].read_text("utf-8"))
        for lang, status in result.items():
            if lang not in page.files:
                status.pages[page.name] = "missing"
            else:
                status.pages[page.name] = _state(reviews.pages.get(key, {}).get(lang), current)
    return result
