"""When each entry last changed, and what changed, from successive versions of the term base
(the site's "last changed" line on each concept page, its recent-changes pages and feeds).

Versions come oldest first as (revision, date, term base); each one is compared with the
one before it (`changes.compare`), so a change is known per concept and per language:
a new entry, terms, definition, notes, examples, relations, a new address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..termbase.model import TermBase
from .changes import compare

WHAT_ORDER = ("added", "renamed", "terms", "definition", "notes", "examples", "relations")


@dataclass(frozen=True)
class Change:
    revision: str
    date: datetime.datetime
    concept: str
    what: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> what changed there (WHAT_ORDER)


def history(versions: list[tuple[str, datetime.datetime, TermBase]]) -> list[Change]:
    """Every change between successive versions, newest first. The oldest version is where
    the history starts: it counts as a change only when nothing came before it."""
    found: list[Change] = []
    previous: TermBase | None = None
    for revision, date, termbase in versions:
        if previous is not None:
            for change in compare(previous, termbase):
                if change.kind == "removed":
                    continue  # no page to show it on
                what: dict[str, tuple[str, ...]] = {}
                for lang in termbase.languages:
                    items: set[str] = set()
                    if change.kind == "added":
                        what[lang] = ("added",)  # a new entry: what it holds is all new
                        continue
                    if change.kind == "renamed":
                        items.add("renamed")
                    if change.relations:
                        items.add("relations")
                    ch = change.languages.get(lang)
                    if ch is not None:
                        if ch.added or ch.removed or ch.status or ch.section:
                            items.add("terms")
                        items.update(name for name in ch.texts)
                    if items:
                        what[lang] = tuple(w for w in WHAT_ORDER if w in items)
                if what:
                    found.append(Change(revision, date, change.id, what))
        previous = termbase
    return sorted(found, key=lambda c: c.date, reverse=True)
