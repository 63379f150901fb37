"""One search index per language: each language's pages search that language only.

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
"""

from __future__ import annotations

import json
import re
from pathlib import Path

SEARCH_INDEX = "search/search_index.json"
_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def split(site_root: Path, languages: list[str], default: str) -> None:
    """Cut the site's search index into one per language (the default language's at the root)."""
    path = site_root / SEARCH_INDEX
    if not path.is_file():
        return
    data = json.loads(path.read_text("utf-8"))
    if data["config"].get("lang") == [default] and len(languages) > 1:
        return  # cut already: a live-preview rebuild leaves the index as the first build wrote it
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
        config = {**data["config"], "lang": [lang]}
        target.write_text(json.dumps({"config": config, "docs": docs}, separators=(",", ":")), "utf-8")


def with_language_base(output: str, page_url: str, languages: list[str], default: str) -> str:
    """The page's theme configuration pointing at its language's folder (its search index)."""
    first = page_url.split("/", 1)[0]
    if first == default or first not in languages or not page_url.startswith(f"{first}/"):
        return output
    return _BASE.sub(lambda m: f"{m.group(1)}{m.group(2)}/{first}/{m.group(3)}", output, count=1)
