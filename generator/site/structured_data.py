"""schema.org structured data for search engines and link previews: a `DefinedTerm` per concept page
and a `DefinedTermSet` on each language's index (JSON-LD in the page head); and each concept
page's machine-readable siblings beside it, linked from its head: `ID.jsonld` (the same
DefinedTerm) and `ID.ttl` (the concept's SKOS, in Turtle, as `glossary export --format skos`
writes it).

A concept's name is its preferred term in the page's language, its alternate
names the admitted terms (deprecated terms are names to avoid, not to
advertise), its description the definition; `sameAs` names the same concept's
pages in the other languages. URLs are absolute when the site has a
`site_url`, else relative to the site root.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from ..interop.skos_export import concept_turtle
from ..termbase.model import TermBase
from .urls import GLOSSARY_DIR, Urls

INDEX = f"{GLOSSARY_DIR}/index"


class StructuredData:
    def __init__(
        self, termbase: TermBase, languages: list[str], urls: Urls, site_url: str | None, titles: dict[str, str]
    ):
        self.tb = termbase
        self.languages = languages
        self.urls = urls
        self.base = (site_url or "").rstrip("/") + "/" if site_url else ""
        self.titles = titles  # language: the index's title, the name of the term set
        self._pages: dict[str, tuple[str | None, str]] | None = None

    def for_page(self, page_url: str) -> dict[str, Any] | None:
        """The JSON-LD of the page at `page_url` (from the site root), if it has any."""
        found = self._page(page_url)
        if found is None:
            return None
        cid, lang = found
        return self.term_set(lang) if cid is None else self.defined_term(cid, lang)

    def _page(self, page_url: str) -> tuple[str | None, str] | None:
        """The concept (None for an index) and language of the page at `page_url`."""
        if self._pages is None:
            self._pages = {self.urls.page(lang, INDEX): (None, lang) for lang in self.languages}
            for cid, concept in self.tb.concepts.items():
                for lang in self.languages:
                    if lang in concept.langs:
                        self._pages[self.urls.concept(lang, cid)] = (cid, lang)
        return self._pages.get(page_url)

    def siblings_head(self, page_url: str) -> str | None:
        """The head links of a concept page to its machine-readable siblings."""
        found = self._page(page_url)
        if found is None or found[0] is None:
            return None
        cid = found[0]
        return (
            f'<link rel="alternate" type="application/ld+json" href="{cid}.jsonld" data-gl-alternate>\n'
            f'  <link rel="alternate" type="text/turtle" href="{cid}.ttl" data-gl-alternate>'
        )

    def siblings(self, languages: list[str]) -> dict[str, bytes]:
        """Beside each concept page of `languages` (path from the site root: content): its
        DefinedTerm as JSON-LD and its SKOS in Turtle."""
        base = self.base or "https://glossary.example.org/"
        files: dict[str, bytes] = {}
        for position, (cid, concept) in enumerate(self.tb.concepts.items()):
            turtle = None
            for lang in languages:
                if lang not in concept.langs:
                    continue
                url = self.urls.concept(lang, cid)
                folder = url if url.endswith("/") else posixpath.dirname(url) + "/"
                data = json.dumps(self.defined_term(cid, lang), ensure_ascii=False, indent=1)
                files[f"{folder}{cid}.jsonld"] = (data + "\n").encode("utf-8")
                turtle = turtle or concept_turtle(self.tb, cid, base, position)
                files[f"{folder}{cid}.ttl"] = turtle
        return files

    def _url(self, page_url: str) -> str:
        return self.base + ("" if page_url == "./" else page_url)

    def term_set(self, lang: str) -> dict[str, Any]:
        return {
            "@context": "https://schema.org",
            "@type": "DefinedTermSet",
            "@id": self._url(self.urls.page(lang, INDEX)),
            "url": self._url(self.urls.page(lang, INDEX)),
            "name": self.titles[lang],
            "inLanguage": lang,
        }

    def defined_term(self, concept_id: str, lang: str) -> dict[str, Any]:
        section = self.tb.concepts[concept_id].langs[lang]
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "DefinedTerm",
            "@id": self._url(self.urls.concept(lang, concept_id)),
            "url": self._url(self.urls.concept(lang, concept_id)),
            "name": section.preferred.text,
            "termCode": concept_id,
            "inLanguage": lang,
            "inDefinedTermSet": self.term_set(lang)["@id"],
        }
        admitted = [t.text for t in section.terms if t.status == "admitted"]
        if admitted:
            data["alternateName"] = admitted
        if section.definition:
            data["description"] = section.definition
        others = [
            self._url(self.urls.concept(code, concept_id))
            for code in self.languages
            if code != lang and code in self.tb.concepts[concept_id].langs
        ]
        if others:
            data["sameAs"] = others
        return data


def as_script(data: dict[str, Any]) -> str:
    """A JSON-LD script element; `</` is escaped so that no text can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def write_files(site_root: Path, files: dict[str, bytes]) -> None:
    """Write `files` (path from the site root: content) into the site."""
    made: set[Path] = set()
    for relative, content in files.items():
        target = site_root / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content)
