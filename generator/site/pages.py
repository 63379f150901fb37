"""Turn the term base into Markdown pages, one per concept and language, through Jinja templates.

This decides what each generated page says and where it lives. It knows the
site's conventions (see `urls`) and nothing of MkDocs itself: its output is
Markdown that any Python-Markdown based engine builds.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..language.collation import OTHER, for_language
from ..language.compounds import term_parts
from ..language.matching import TermIndex, term_index
from ..termbase.model import RELATIONS, Concept, LangSection, Term, TermBase
from ..translation.history import Change
from ..translation.labels import labels
from ..translation.status import STATES, Status
from ..translation.usage import Usage
from .diagrams import Diagrams, fence
from .templates import page_environment
from .urls import GLOSSARY_DIR, SENSES_DIR, Urls, feed_path
from .views import (
    ChangeView,
    HomonymView,
    IndexEntry,
    IndexSection,
    LastChangeView,
    LinkView,
    OtherLanguageView,
    SenseView,
    StatusDetail,
    StatusRow,
    TermView,
    UsageRow,
)


@dataclass(frozen=True)
class Page:
    lang: str
    path: str  # site path without language prefix or extension, e.g. "glossary/customer"
    content: str


# Concepts a status page lists per language and state: the page stays readable (and within what a
# search index takes for one section) however many concepts wait for work; the CLI lists them all.
STATUS_LISTED = 100


class SiteRenderer:
    def __init__(
        self,
        termbase: TermBase,
        languages: list[str] | None = None,
        default_lang: str | None = None,
        labels_dir: str | None = None,
        diagrams_dir: str | None = None,
        directory_urls: bool = True,
        statuses: dict[str, Status] | None = None,
        templates_dir: str | None = None,
        usage: Usage | None = None,
    ):
        self.tb = termbase
        self.languages = languages or termbase.language_codes
        self.urls = Urls(default_lang or termbase.source_language, directory_urls)
        self.labels_dir = labels_dir
        self.diagrams = Diagrams(termbase, lambda lang: labels(lang, labels_dir), diagrams_dir)
        self._indexes: dict[str, TermIndex] = {}
        self._compounds: dict[str, tuple | None] = {}
        self._latest: dict[tuple[str, str], Change] | None = None
        self.statuses = statuses
        self.usage = usage  # how the hand-written pages use the concepts (the usage pages)
        self._history: list[Change] | None = None  # the entries' changes, newest first (from git)
        self.env = page_environment(templates_dir)

    def successor(self, termbase: TermBase, statuses: dict[str, Status] | None) -> SiteRenderer:
        """The renderer after an edit that changed texts only (see `texts_changed`): the same
        options, and the same term indexes, which are made of the terms alone."""
        following = copy.copy(self)
        following.tb = termbase
        following.statuses = statuses
        following.diagrams = Diagrams(termbase, lambda lang: labels(lang, self.labels_dir), self.diagrams.own_dir)
        following._indexes = dict(self._indexes)
        return following

    def keep_indexes(self, langs: set[str]) -> None:
        """Let go of the other languages' term indexes (a build of one language links in these only)."""
        self._indexes = {lang: index for lang, index in self._indexes.items() if lang in langs}

    def labels(self, lang: str) -> dict[str, Any]:
        return labels(lang, self.labels_dir)

    def compound_parts(self, lang: str) -> tuple | None:
        """What links a compound of a term to the term, in `lang` (German and Dutch; None
        where the language does not form compounds). Made once per language."""
        if lang not in self._compounds:
            found = term_parts(self.tb, lang)
            self._compounds[lang] = found if found[0].enabled else None
        return self._compounds[lang]

    def index(self, lang: str) -> TermIndex:
        """The term forms of a language, for linking mentions (built once per language)."""
        if lang not in self._indexes:
            self._indexes[lang] = term_index(self.tb, lang)
        return self._indexes[lang]

    def pages(self) -> Iterator[Page]:
        """Every generated page, in every language."""
        for lang in self.languages:
            yield from self._concept_pages(lang, self.tb.concepts)
            yield self._index_page(lang)
            yield from self._status_pages(lang)
            yield from self._usage_pages(lang)
            yield from self._changes_pages(lang)
            yield from self._senses_pages(lang)

    def pages_showing_texts_of(self, concepts: set[str], statuses_changed: bool = True) -> Iterator[Page]:
        """The pages that show the texts (definitions, notes, examples, sources) of these concepts,
        when nothing else changed: their own pages, their homonyms' pages and sense pages (which
        quote their definitions), and the status pages when `statuses_changed`. The terms are shown
        on more pages; an edit of a term needs `pages`."""
        for lang in self.languages:
            shown = set(concepts)
            for concept in concepts:
                shown.update(self.tb.homonyms_of(concept, lang))
            yield from self._concept_pages(lang, [cid for cid in self.tb.concepts if cid in shown])
            if statuses_changed:
                yield from self._status_pages(lang)
            yield from self._senses_pages(lang, about=concepts)

    def _concept_pages(self, lang: str, ids) -> Iterator[Page]:
        template, L = self.env.get_template("concept.md.j2"), self.labels(lang)
        for cid in ids:
            concept = self.tb.concepts[cid]
            yield Page(lang, f"{GLOSSARY_DIR}/{concept.id}", template.render(self._concept_context(concept, lang, L)))

    def _index_page(self, lang: str) -> Page:
        template, L = self.env.get_template("index.md.j2"), self.labels(lang)
        return Page(lang, f"{GLOSSARY_DIR}/index", template.render(self._index_context(lang, L)))

    def _status_pages(self, lang: str) -> Iterator[Page]:
        if self.statuses is not None:
            template, L = self.env.get_template("status.md.j2"), self.labels(lang)
            yield Page(lang, "status", template.render(self._status_context(lang, L)))

    @property
    def history(self) -> list[Change] | None:
        return self._history

    @history.setter
    def history(self, changes: list[Change] | None) -> None:
        self._history, self._latest = changes, None

    def changes_in(self, lang: str, limit: int = 50) -> list[Change]:
        """The changes that show in `lang`, newest first."""
        return [c for c in self.history or () if lang in c.what and c.concept in self.tb.concepts][:limit]

    def _changes_pages(self, lang: str) -> Iterator[Page]:
        if self.history is None:
            return
        template, L = self.env.get_template("changes.md.j2"), self.labels(lang)
        items = [
            ChangeView(
                c.date.date(),
                LinkView(self.tb.label(c.concept, lang)[0], f"{GLOSSARY_DIR}/{c.concept}.md", c.concept),
                [L["history_what"][w] for w in c.what[lang]],
            )
            for c in self.changes_in(lang)
        ]
        feed = self.urls.relative(self.urls.page(lang, "changes"), feed_path(self.urls, lang))
        yield Page(lang, "changes", template.render(L=L, page_lang=lang, items=items, feed_href=feed))

    def _last_change(self, concept: Concept, lang: str, L: dict[str, Any]) -> LastChangeView | None:
        if self.history is None:
            return None
        if self._latest is None:
            self._latest = {}
            for change in self.history:
                for code in change.what:
                    self._latest.setdefault((change.concept, code), change)
        change = self._latest.get((concept.id, lang))
        if change is None:
            return None
        what = [L["history_what"][w] for w in change.what[lang]]
        return LastChangeView(change.date.date(), what, "../changes.md")

    def _usage_pages(self, lang: str) -> Iterator[Page]:
        """How this language's pages use the concepts: most mentioned first, then what no page uses."""
        if self.usage is None or lang not in self.usage.languages:
            return
        template, L = self.env.get_template("usage.md.j2"), self.labels(lang)

        def link(cid: str) -> LinkView:
            text = self.tb.label(cid, lang)[0]
            return LinkView(text, f"{GLOSSARY_DIR}/{cid}.md", cid)

        used = [(cid, by_lang[lang]) for cid, by_lang in self.usage.concepts.items() if by_lang[lang].count]
        rows = [
            UsageRow(
                link(cid),
                use.count,
                [(t, u.count, u.status) for t, u in sorted(use.terms.items(), key=lambda t: -t[1].count) if u.count],
                len(use.pages),
            )
            for cid, use in sorted(used, key=lambda item: (-item[1].count, item[0]))
        ]
        unused = [link(cid) for cid in self.usage.unused_concepts(lang)]
        unused_terms = [(t, link(cid), s) for cid, code, t, s in self.usage.unused_terms(self.tb) if code == lang]
        context = {"L": L, "page_lang": lang, "rows": rows, "unused": unused, "unused_terms": unused_terms}
        yield Page(lang, "usage", template.render(context))

    def _senses_pages(self, lang: str, about: set[str] | None = None) -> Iterator[Page]:
        template, L = self.env.get_template("senses.md.j2"), self.labels(lang)
        for slug, term, senses in self.index(lang).ambiguous().values():
            if about is not None and not any(s.concept in about for s in senses):
                continue
            views = [
                SenseView(
                    self.tb.label(s.concept, lang)[0],
                    f"../{s.concept}.md",
                    self.tb.concepts[s.concept].langs[lang].definition,
                )
                for s in senses
            ]
            yield Page(lang, f"{SENSES_DIR}/{slug}", template.render(L=L, term=term, senses=views))

    # concept pages

    def _concept_context(self, concept: Concept, lang: str, L: dict[str, Any]) -> dict[str, Any]:
        here = self.urls.concept(lang, concept.id)
        section, shown_lang = self._section(concept, lang)
        return {
            "L": L,
            "lang": lang,
            "concept": concept,
            "section": section,
            "shown_lang": shown_lang,
            "translated": shown_lang == lang,
            "outdated": self.state(lang, "concepts", concept.id) == "outdated",
            "last_change": self._last_change(concept, lang, L),
            "source_name": self.tb.languages[shown_lang].name,
            "terms": [self._term_view(t, L) for t in section.terms],
            "relations": [
                (name, [self._link(target, lang) for target in getattr(concept, name)])
                for name in RELATIONS
                if getattr(concept, name)
            ],
            "other_languages": [
                OtherLanguageView(
                    code,
                    self.tb.languages[code].name,
                    concept.langs[code].preferred.text if code in concept.langs else None,
                    self.urls.relative(here, self.urls.concept(code, concept.id)),
                )
                for code in self.languages
                if code != lang
            ],
            "homonyms": self._homonym_views(concept, lang),
            "sources": [self.tb.sources[s] for s in concept.sources if s in self.tb.sources],
            "relation_map": self._fenced(self.diagrams.relation_map(concept.id, lang)),
            "diagrams": [self._fenced(self.diagrams.named(name, lang)) for name in concept.diagrams],
        }

    @staticmethod
    def _fenced(source: str | None) -> Markup | None:
        # Mermaid labels are escaped for Mermaid by the diagram templates; Markdown must not touch them.
        return Markup(fence(source)) if source else None

    def _section(self, concept: Concept, lang: str) -> tuple[LangSection, str]:
        if lang in concept.langs:
            return concept.langs[lang], lang
        for fallback in (self.tb.source_language, *self.tb.languages):
            if fallback in concept.langs:
                return concept.langs[fallback], fallback
        raise ValueError(f"concept {concept.id} has no language section")

    @staticmethod
    def _term_view(term: Term, L: dict[str, Any]) -> TermView:
        grammar = [L["pos"].get(term.pos, term.pos)] if term.pos else []
        if term.gender:
            grammar.append(L["gender"].get(term.gender, term.gender))
        if term.type:
            grammar.append(L["type"].get(term.type, term.type))
        return TermView(
            term.text, term.status, L["status"].get(term.status, term.status), grammar, term.plural, term.note
        )

    def _link(self, target: str, lang: str) -> LinkView:
        text, text_lang = self.tb.label(target, lang)
        return LinkView(text, f"{target}.md", target, text_lang if text_lang != lang else None)

    def _homonym_views(self, concept: Concept, lang: str) -> list[HomonymView]:
        others = self.tb.homonyms_of(concept.id, lang)
        if not others or lang not in concept.langs:
            return []
        mine = {t.text.casefold(): t.text for t in concept.langs[lang].terms}
        views = []
        for other in others:
            theirs = {t.text.casefold() for t in self.tb.concepts[other].langs[lang].terms}
            shared = [mine[k] for k in mine if k in theirs]
            views.append(
                HomonymView(
                    shared[0] if shared else self.tb.label(other, lang)[0],
                    self._link(other, lang),
                    self.tb.concepts[other].langs[lang].definition,
                )
            )
        return views

    def state(self, lang: str, kind: str, name: str) -> str | None:
        """complete / unreviewed / outdated / missing, when the translation status is known."""
        status = (self.statuses or {}).get(lang)
        return getattr(status, kind).get(name) if status is not None else None

    def _status_context(self, lang: str, L: dict[str, Any]) -> dict[str, Any]:
        rows, details = [], []
        for code, status in (self.statuses or {}).items():
            name = f"{self.tb.languages[code].name} ({code})"
            for kind in ("concepts", "pages"):
                percent = {s: status.percent(kind, s) for s in STATES}
                rows.append(StatusRow(name, L[f"status_{kind}"], status.counts(kind), percent))
            items = {state: status.items("concepts", state) for state in STATES}
            concepts = {
                state: [
                    LinkView(self.tb.label(cid, lang)[0], f"{GLOSSARY_DIR}/{cid}.md", cid)
                    for cid in items[state][:STATUS_LISTED]
                ]
                for state in STATES
            }
            more = {state: max(0, len(items[state]) - STATUS_LISTED) for state in STATES}
            pages = {state: status.items("pages", state) for state in STATES}
            details.append(StatusDetail(name, concepts, pages, more))
        return {"L": L, "page_lang": lang, "states": STATES, "rows": rows, "details": details}

    # index pages

    def index_title(self, lang: str) -> str:
        """The title of a language's index: the term base's title in it, else "Glossary"."""
        return self.tb.title.get(lang) or self.labels(lang)["glossary"]

    def _index_context(self, lang: str, L: dict[str, Any]) -> dict[str, Any]:
        collation = for_language(lang)
        entries: list[IndexEntry] = []
        untranslated: list[LinkView] = []
        for concept in self.tb.concepts.values():
            section = concept.langs.get(lang)
            if section is None:
                untranslated.append(self._link(concept.id, lang))
                continue
            preferred = section.preferred
            for term in section.terms:
                entries.append(
                    IndexEntry(
                        term.text,
                        term.status,
                        L["status"].get(term.status, term.status),
                        None if term is preferred else preferred.text,
                        f"{concept.id}.md",
                        (collation.key(term.text), term is not preferred, concept.id),
                    )
                )
        entries.sort(key=lambda e: e.key)
        sections: list[IndexSection] = []
        by_label: dict[str, IndexSection] = {}
        for entry in entries:
            position, label = collation.letter(entry.text)
            section = by_label.get(label)
            if section is None:
                section = IndexSection(
                    label, "other" if label == OTHER else label.lower(), -1 if label == OTHER else position
                )
                by_label[label] = section
                sections.append(section)
            section.entries.append(entry)
        sections.sort(key=lambda s: s.position)
        untranslated.sort(key=lambda link: collation.key(link.text))
        return {
            "L": L,
            "lang": lang,
            "sections": sections,
            "untranslated": untranslated,
            "title": self.index_title(lang),
        }


def texts_changed(old: TermBase, new: TermBase) -> set[str] | None:
    """The concepts whose texts alone changed (definitions, notes, examples, sources, subject),
    when nothing else did; None when anything shown on other pages changed: a term, a relation,
    a concept added, removed or moved, a language, a source, the title."""
    if (old.source_language, old.languages, old.sources, old.title) != (
        new.source_language,
        new.languages,
        new.sources,
        new.title,
    ) or list(old.concepts) != list(new.concepts):
        return None
    changed = set()
    for cid, concept in new.concepts.items():
        before = old.concepts[cid]
        if before == concept:
            continue
        if _shape(before) != _shape(concept):
            return None
        changed.add(cid)
    return changed


def _shape(concept: Concept) -> tuple:
    """What pages other than a concept's own show of it, and what linking is made of."""
    terms = {lang: section.terms for lang, section in concept.langs.items()}
    return terms, concept.broader, concept.narrower, concept.related, concept.homonyms, concept.diagrams
