"""Each language's changes as an Atom feed (`changes.xml` beside its pages), written with
feedgen: one entry per change of an entry, linking to the entry, newest first."""

from __future__ import annotations

import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from .pages import SiteRenderer
from .urls import feed_path

FALLBACK_BASE = "https://glossary.example.org/"  # as the structured data does without a site_url


def write_feeds(renderer: SiteRenderer, site_root: Path, languages: list[str], site_url: str | None) -> None:
    base = (site_url or FALLBACK_BASE).rstrip("/") + "/"
    urls = renderer.urls
    for lang in languages:
        L = renderer.labels(lang)
        changes = renderer.changes_in(lang)
        feed = FeedGenerator()
        page = base + _clean(urls.page(lang, "changes"))
        feed.id(page)
        feed.title(f"{renderer.index_title(lang)}: {L['history_title']}")
        feed.link(href=page, rel="alternate")
        feed.link(href=base + feed_path(urls, lang), rel="self")
        feed.language(lang)
        feed.updated(changes[0].date if changes else datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
        for change in reversed(changes):  # feedgen lists the last added first
            label = renderer.tb.label(change.concept, lang)[0]
            what = ", ".join(L["history_what"][w] for w in change.what[lang])
            entry = feed.add_entry()
            link = base + _clean(urls.concept(lang, change.concept))
            entry.id(f"{link}#{change.revision[:12] or 'first'}")
            entry.title(f"{label}: {what}")
            entry.link(href=link)
            entry.updated(change.date)
        target = site_root / feed_path(urls, lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        feed.atom_file(str(target), pretty=True)


def _clean(url: str) -> str:
    return "" if url == "./" else url
