"""Turn the term base into Markdown pages, one per concept and language.

This is the site generator's core: it decides what each page says and where
it lives, through Jinja templates in `templates/`. It knows one convention of
the site (a language's pages live under `/<lang>/`, the default language's at
the root) and nothing of MkDocs itself.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import quote

import jinja2
import yaml
from markupsafe import Markup, escape

from .collation import OTHER, for_language
from .diagrams import Diagrams, fence
from .linking import TermIndex, term_index
from .status import STATES, Status
from .model import RELATIONS, Concept, LangSection, TermBase

GLOSSARY_DIR = "glossary"
SENSES_DIR = f"{GLOSSARY_DIR}/senses"  # one page per ambiguous term: a choice between its concepts


@dataclass(frozen=True)
class Page:
    lang: str
    path: str  # site path without language prefix or extension, e.g. "glossary/customer"
    content: str


# --- text that must stay text --------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]{}|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def md_text(value: Any) -> Markup:
    """Escape a term base text so Markdown and HTML show it literally.

    Term base fields are plain text: whatever markup they contain is shown,
    never interpreted, on every page.
    """
    text = str(escape(value))
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return Markup(text)


def md_url(value: str) -> str:
    """A source's address as one Markdown link target: spaces, quotes, brackets and
    parentheses percent-encoded, so it can neither end the link early nor add a
    title or a second link. (The schema allows only http and https addresses.)"""
    return quote(value, safe="/:?#@!$&*+,;=%~-._")


# --- interface strings ---------------------------------------------------------

@lru_cache(maxsize=None)
def labels(lang: str, override_dir: str | None = None) -> dict[str, Any]:
    """Interface strings for a language: the project's own file, else the shipped one, else English."""
    base = _read_labels(resources.files(__package__).joinpath("locales", "en.yaml").read_text("utf-8"))
    merged = dict(base)
    for text in _label_sources(lang, override_dir):
        for key, value in _read_labels(text).items():
            if isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
    return merged


def has_labels(lang: str, override_dir: str | None = None) -> bool:
    return bool(_label_sources(lang, override_dir))


def _label_sources(lang: str, override_dir: str | None) -> list[str]:
    found = []
    shipped = resources.files(__package__).joinpath("locales", f"{lang}.yaml")
    if shipped.is_file():
        found.append(shipped.read_text("utf-8"))
    if override_dir:
        own = Path(override_dir) / f"{lang}.yaml"
        if own.is_file():
            found.append(own.read_text("utf-8"))
    return found


def _read_labels(text: str) -> dict[str, Any]:
    return yaml.safe_load(text) or {}


# --- the site's addresses -------------------------------------------------------

class Urls:
    """Where each page lives, and relative links between pages.

    With directory URLs (the default) a page is a folder (`glossary/customer/`);
    without them, as in a copy opened from disk, a file (`glossary/customer.html`).
    """

    def __init__(self, default_lang: str, directory_urls: bool = True):
        self.default_lang = default_lang
        self.directory_urls = directory_urls

    def page(self, lang: str, path: str) -> str:
        prefix = "" if lang == self.default_lang else f"{lang}/"
        if not self.directory_urls:
            return f"{prefix}{path}.html"
        path = path[: -len("/index")] if path.endswith("/index") else ("" if path == "index" else path)
        return f"{prefix}{path}/" if path else (prefix or "./")

    def concept(self, lang: str, concept_id: str) -> str:
        return self.page(lang, f"{GLOSSARY_DIR}/{concept_id}")

    def relative(self, source: str, target: str) -> str:
        """A link from page `source` to page `target`, both as returned by `page`."""
        source_dir = source if source.endswith("/") else posixpath.dirname(source) + "/"
        rel = posixpath.relpath(target or ".", source_dir.rstrip("/") or ".")
        if target.endswith("/"):
            return "./" if rel == "." else rel + "/"
        return rel


# --- rendering -----------------------------------------------------------------

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
    ):
        self.tb = termbase
        self.languages = languages or termbase.language_codes
        self.urls = Urls(default_lang or termbase.source_language, directory_urls)
        self.labels_dir = labels_dir
        self.diagrams = Diagrams(termbase, lambda lang: labels(lang, labels_dir), diagrams_dir)
        self._indexes: dict[str, TermIndex] = {}
        self.statuses = statuses
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader(__package__, "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["md"] = md_text
        self.env.filters["url"] = md_url

    def index(self, lang: str) -> TermIndex:
        """The term forms of a language, for linking mentions (built once per language)."""
        if lang not in self._indexes:
            self._indexes[lang] = term_index(self.tb, lang)
        return self._indexes[lang]

    def pages(self) -> Iterator[Page]:
        concept_template = self.env.get_template("concept.md.j2")
        index_template = self.env.get_template("index.md.j2")
        senses_template = self.env.get_template("senses.md.j2")
        for lang in self.languages:
            L = labels(lang, self.labels_dir)
            for concept in self.tb.concepts.values():
                yield Page(lang, f"{GLOSSARY_DIR}/{concept.id}",
                           concept_template.render(self._concept_context(concept, lang, L)))
            yield Page(lang, f"{GLOSSARY_DIR}/index", index_template.render(self._index_context(lang, L)))
            if self.statuses is not None:
                yield Page(lang, "status", self.env.get_template("status.md.j2").render(self._status_context(lang, L)))
            for slug, term, senses in self.index(lang).ambiguous().values():
                views = [{"text": self.tb.label(s.concept, lang)[0], "href": f"../{s.concept}.md",
                          "definition": self.tb.concepts[s.concept].langs[lang].definition} for s in senses]
                yield Page(lang, f"{SENSES_DIR}/{slug}", senses_template.render(L=L, term=term, senses=views))

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
            "source_name": self.tb.languages[shown_lang].name,
            "terms": [self._term_view(t, L) for t in section.terms],
            "relations": [
                (name, [self._link(target, lang) for target in getattr(concept, name)])
                for name in RELATIONS
                if getattr(concept, name)
            ],
            "other_languages": [
                {
                    "code": code,
                    "name": self.tb.languages[code].name,
                    "term": concept.langs[code].preferred.text if code in concept.langs else None,
                    "href": self.urls.relative(here, self.urls.concept(code, concept.id)),
                }
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
    def _term_view(term: Any, L: dict[str, Any]) -> dict[str, Any]:
        grammar = [L["pos"].get(term.pos, term.pos)] if term.pos else []
        if term.gender:
            grammar.append(L["gender"].get(term.gender, term.gender))
        if term.type:
            grammar.append(L["type"].get(term.type, term.type))
        return {
            "text": term.text,
            "status": term.status,
            "status_label": L["status"].get(term.status, term.status),
            "grammar": grammar,
            "plural": term.plural,
            "note": term.note,
        }

    def _link(self, target: str, lang: str) -> dict[str, Any]:
        """A link between glossary pages of one language: a Markdown file link, which
        MkDocs checks and mkdocs-static-i18n resolves to the page in that language."""
        text, text_lang = self.tb.label(target, lang)
        return {"text": text, "lang": text_lang if text_lang != lang else None, "href": f"{target}.md", "id": target}

    def _homonym_views(self, concept: Concept, lang: str) -> list[dict[str, Any]]:
        others = self.tb.homonyms_of(concept.id, lang)
        if not others or lang not in concept.langs:
            return []
        mine = {t.text.casefold(): t.text for t in concept.langs[lang].terms}
        views = []
        for other in others:
            theirs = {t.text.casefold() for t in self.tb.concepts[other].langs[lang].terms}
            shared = [mine[k] for k in mine if k in theirs]
            definition = self.tb.concepts[other].langs[lang].definition
            views.append({
                "term": shared[0] if shared else self.tb.label(other, lang)[0],
                "link": self._link(other, lang),
                "definition": definition,
            })
        return views

    def state(self, lang: str, kind: str, name: str) -> str | None:
        """complete / unreviewed / outdated / missing, when the translation status is known."""
        status = (self.statuses or {}).get(lang)
        return getattr(status, kind).get(name) if status is not None else None

    def _status_context(self, lang: str, L: dict[str, Any]) -> dict[str, Any]:
        rows, details = [], []
        for code, status in (self.statuses or {}).items():
            name = self.tb.languages[code].name
            for kind in ("concepts", "pages"):
                rows.append({"name": f"{name} ({code})", "kind_label": L[f"status_{kind}"],
                             "counts": status.counts(kind), "percent": {s: status.percent(kind, s) for s in STATES}})
            details.append({
                "name": f"{name} ({code})",
                "concepts": {state: [{"text": self.tb.label(cid, lang)[0], "href": f"{GLOSSARY_DIR}/{cid}.md"}
                                     for cid in status.items("concepts", state)] for state in STATES},
                "pages": {state: status.items("pages", state) for state in STATES},
            })
        return {"L": L, "states": STATES, "rows": rows, "details": details}

    # index pages

    def _index_context(self, lang: str, L: dict[str, Any]) -> dict[str, Any]:
        collation = for_language(lang)
        entries = []
        untranslated = []
        for concept in self.tb.concepts.values():
            section = concept.langs.get(lang)
            if section is None:
                untranslated.append(self._link(concept.id, lang))
                continue
            preferred = section.preferred
            for term in section.terms:
                entries.append({
                    "text": term.text,
                    "status": term.status,
                    "status_label": L["status"].get(term.status, term.status),
                    "see": None if term is preferred else preferred.text,
                    "href": f"{concept.id}.md",
                    "key": (collation.key(term.text), term is not preferred, concept.id),
                })
        entries.sort(key=lambda e: e["key"])
        sections: list[dict[str, Any]] = []
        by_label: dict[str, dict[str, Any]] = {}
        for entry in entries:
            position, label = collation.letter(entry["text"])
            section = by_label.get(label)
            if section is None:
                section = {"label": label, "anchor": "other" if label == OTHER else label.lower(),
                           "position": -1 if label == OTHER else position, "entries": []}
                by_label[label] = section
                sections.append(section)
            section["entries"].append(entry)
        sections.sort(key=lambda s: s["position"])
        untranslated.sort(key=lambda link: collation.key(link["text"]))
        return {"L": L, "lang": lang, "sections": sections, "untranslated": untranslated,
                "title": self.tb.title.get(lang) or L["glossary"]}
