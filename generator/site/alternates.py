"""A page's language versions in its head: hreflang alternates (with x-default) and og:locale.

Search engines and link previews read them: absolute and reciprocal, one per
language the page exists in (a page of the default language exists in every
language when untranslated pages fall back to it), `x-default` the default
language's version. `og:locale` names the page's language, `og:locale:alternate`
the others.

Material's and Zensical's scripts fetch `sitemap.xml` beside every
`link[rel=alternate]` in a page, to keep a reader on the same page when
switching language; beside an absolute alternate that is a request to the
public host, which fails on any other copy of the site and for every page
path. The language switcher already lands on the same page (the i18n plugin,
or the Zensical template override), so a small script that runs before the
theme's hides the alternates marked `data-gl-alternate` from that lookup; the
markup stays as search engines read it.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import icu

from ..translation.pages import split_name
from .urls import Urls

MARK = "data-gl-alternate"
# Before the theme's bundle: its lookups of `link[rel=alternate]` skip the glossary's alternates.
HIDE_FROM_THEME = (
    "<script>(function () {"
    " var find = Document.prototype.querySelectorAll;"
    " Document.prototype.querySelectorAll = function (selector) {"
    " if (typeof selector === 'string' && selector.indexOf('link[rel=alternate]') === 0) {"
    f" selector = selector + ':not([{MARK}])'; }}"
    " return find.call(this, selector); };"
    " })();</script>"
)


def og_locale(lang: str) -> str:
    """Open Graph's language_TERRITORY: a bare language gets its likeliest territory (ICU's
    likely subtags: de -> de_DE, en -> en_US, pt -> pt_BR)."""
    likely = icu.Locale.addLikelySubtags(icu.Locale(lang.replace("-", "_")))
    return f"{likely.getLanguage()}_{likely.getCountry()}" if likely.getCountry() else likely.getLanguage()


class Alternates:
    def __init__(
        self, staged: Iterable[str], languages: list[str], urls: Urls, site_url: str | None, fallback: bool = True
    ):
        """`staged`: the staged files (suffix layout); `languages`: the site's, the default first."""
        self.languages = languages
        self.urls = urls
        self.base = site_url.rstrip("/") + "/" if site_url else None
        default = languages[0]
        versions: dict[str, set[str]] = {}
        for rel in staged:
            if rel.endswith(".md"):
                name, lang = split_name(rel, languages)
                versions.setdefault(name, set()).add(lang or default)
        self.pages: dict[str, tuple[str, str, list[str]]] = {}  # URL: its name, language, the languages it is in
        for name, langs in versions.items():
            present = (
                list(languages) if fallback and default in langs else [code for code in languages if code in langs]
            )
            for lang in present:
                self.pages[urls.page(lang, name)] = (name, lang, present)

    def head(self, page_url: str) -> str | None:
        """The elements for the page at `page_url` (from the site root), or None without a site_url."""
        found = self.pages.get(page_url or "./")
        if found is None or self.base is None:
            return None
        name, lang, present = found
        lines = [
            f'<link rel="alternate" hreflang="{code}" href="{self._absolute(code, name)}" {MARK}>' for code in present
        ]
        default = self.languages[0]
        if default in present:
            lines.append(f'<link rel="alternate" hreflang="x-default" href="{self._absolute(default, name)}" {MARK}>')
        lines.append(f'<meta property="og:locale" content="{og_locale(lang)}">')
        lines += [
            f'<meta property="og:locale:alternate" content="{og_locale(code)}">' for code in present if code != lang
        ]
        return "\n  ".join(lines)

    def _absolute(self, lang: str, name: str) -> str:
        url = self.urls.page(lang, name)
        return html.escape(self.base + ("" if url == "./" else url))
