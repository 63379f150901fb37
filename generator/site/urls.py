"""Where each generated page lives, and relative links between pages.

A language's pages live under `/<lang>/`, the default language's at the root
(mkdocs-static-i18n's suffix layout); concept pages under `glossary/`, the
pages that let a reader choose between the senses of an ambiguous term under
`glossary/senses/`.
"""

from __future__ import annotations

import posixpath

GLOSSARY_DIR = "glossary"
SENSES_DIR = f"{GLOSSARY_DIR}/senses"  # one page per ambiguous term: a choice between its concepts


def feed_path(urls: Urls, lang: str) -> str:
    """Where a language's Atom feed of changes lives, from the site root (changes.xml, de/changes.xml)."""
    prefix = "" if lang == urls.default_lang else f"{lang}/"
    return f"{prefix}changes.xml"


class Urls:
    """With directory URLs (the default) a page is a folder (`glossary/customer/`);
    without them, as in a copy opened from disk, a file (`glossary/customer.html`)."""

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
