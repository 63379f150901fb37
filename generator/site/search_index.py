"""One search index per language, and what search needs to know of the glossary.

Each language's pages search that language only.

mkdocs-static-i18n leaves one search index for the whole site (its own split is
a pass that compares every entry with every other: minutes at a few thousand
pages). After the build the index is cut by language, by the language folder
of each entry, into `search/search_index.json` (the default language) and
`LANG/search/search_index.json`, each configured for its language; each page's
theme configuration (`base`) points at its language's folder, where its search
finds its index. Material's search worker loads the language support relative
to itself, which stays at the site root. (Material's pipeline is kept as
configured: its search-as-you-type queries words by their beginning, which a
stemmed index no longer matches.)

Each concept page's entry carries every form of its terms (`language/forms.py`):
as search tags, which weigh most in the theme's index, so that *Nutzern* finds
*Nutzer*; and as a table of folded forms (`gl`) that the glossary's search
worker (`scripts/glossary-search.js`, around the theme's) reads to put the
entry first when a query is one of them, to name the preferred term when the
form is deprecated, and to widen a search to all languages on request. Each
page's theme configuration names that worker.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..termbase.model import TermBase
from .urls import Urls

SEARCH_INDEX = "search/search_index.json"
WORKER_URL = "assets/javascripts/workers/glossary-search.js"  # beside the theme's, whose language files it loads
WORKER_SOURCE = Path(__file__).parent / "scripts" / "glossary-search.js"
_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')
_WORKER = re.compile(
    r'(<script id="__config" type="application/json">\{[^<]*?"search": "[^"]*/)(search\.[0-9a-f]+\.min\.js)(")'
)
STATUS_ORDER = {"preferred": 0, "admitted": 1}  # then the rest: deprecated, superseded, ...


def concept_entries(
    termbase: TermBase, languages: Iterable[str], urls: Urls, deprecated_title: Callable[[str], str]
) -> dict[str, dict[str, Any]]:
    """Each concept page's search data, by its location in the site's index: `tags` (every
    form of its terms, as written and folded) and `gl` (folded form -> the term it is a form
    of: its text, status and, for a deprecated term, the note naming the preferred one)."""
    # here, not at the top: merging a site imports this module, and needs no dictionaries
    from ..language.forms import SEPARATOR, WordForms, fold, term_forms, words_of

    entries: dict[str, dict[str, Any]] = {}
    for lang in languages:
        sections = [(c.id, c.langs[lang]) for c in termbase.concepts.values() if lang in c.langs]
        forms = WordForms(lang, (w for _, s in sections for t in s.terms for w in words_of(t.text)))
        note = deprecated_title(lang)
        for concept_id, section in sections:
            preferred = section.preferred.text
            terms, table, tags = [], {}, set()
            for term in sorted(section.terms, key=lambda t: STATUS_ORDER.get(t.status, 2)):
                index = len(terms)
                deprecated = STATUS_ORDER.get(term.status) is None
                terms.append(
                    [term.text, term.status, note.format(term=term.text, preferred=preferred) if deprecated else None]
                )
                for written in sorted(term_forms(forms, term.text, term.plural_form)):  # the same bytes every build
                    folded = fold(written)
                    tags.add(" ".join(SEPARATOR.split(written.lower())))  # as the theme reads it
                    tags.add(folded)  # and without accents
                    table.setdefault(folded, index)
            entries[urls.concept(lang, concept_id)] = {"tags": sorted(tags), "gl": {"t": terms, "f": table}}
    return entries


def annotate(
    site_root: Path, entries: dict[str, dict[str, Any]], names: dict[str, str], scopes: dict[str, str]
) -> None:
    """Give each concept page's entry in the site's search index its forms (see concept_entries),
    and the index the languages' names and the label, in each, of the switch that widens a
    search to all of them (`split` hands each language its own)."""
    path = site_root / SEARCH_INDEX
    if not path.is_file():
        return
    data = json.loads(path.read_text("utf-8"))
    data["config"]["glossary"] = {"names": names, "scopes": scopes}
    for doc in data["docs"]:
        entry = entries.get(doc["location"])
        if entry is not None:
            doc.update(entry)
    path.write_text(json.dumps(data, separators=(",", ":")), "utf-8")


def split(site_root: Path, languages: list[str], default: str) -> None:
    """Cut the site's search index into one per language (the default language's at the root).

    Each index's configuration tells the glossary's search worker its language, where each
    language's index is (from the site root), their names, and the label of the switch that
    widens a search to all of them."""
    path = site_root / SEARCH_INDEX
    if not path.is_file():
        return
    data = json.loads(path.read_text("utf-8"))
    if data["config"].get("lang") == [default] and len(languages) > 1:
        return  # cut already: a live-preview rebuild leaves the index as the first build wrote it
    settings = data["config"].pop("glossary", {})
    parts: dict[str, list[dict]] = {lang: [] for lang in languages}
    for doc in data["docs"]:
        first, _, rest = doc["location"].partition("/")
        if first in parts and first != default and doc["location"].startswith(f"{first}/"):
            parts[first].append({**doc, "location": rest})
        else:
            parts[default].append(doc)
    for lang, docs in parts.items():
        target = site_root / SEARCH_INDEX if lang == default else site_root / lang / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        glossary = {
            "lang": lang,
            "bases": {code: "" if code == default else f"{code}/" for code in languages},
            "names": settings.get("names", {}),
            "scope": settings.get("scopes", {}).get(lang, ""),
        }
        config = {**data["config"], "lang": [lang], "glossary": glossary}
        target.write_text(json.dumps({"config": config, "docs": docs}, separators=(",", ":")), "utf-8")


def with_glossary_worker(output: str) -> str:
    """The page's theme configuration naming the glossary's search worker, which loads the
    theme's (named in its query string) and reads the glossary's forms around it."""
    name = WORKER_URL.rsplit("/", 1)[1]
    return _WORKER.sub(lambda m: f"{m.group(1)}{name}?worker={m.group(2)}{m.group(3)}", output, count=1)


def with_language_base(output: str, page_url: str, languages: list[str], default: str) -> str:
    """The page's theme configuration pointing at its language's folder (its search index)."""
    first = page_url.split("/", 1)[0]
    if first == default or first not in languages or not page_url.startswith(f"{first}/"):
        return output
    return _BASE.sub(lambda m: f"{m.group(1)}{m.group(2)}/{first}/{m.group(3)}", output, count=1)
