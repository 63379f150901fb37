"""What the built site serves itself, so that it makes no request to any other host.

Mermaid and the iframe-worker shim (for search in a copy opened from disk) come
from the npm packages in `node_modules/`; `glossary.json` carries the whole term
base for lookups in a browser. Pages without diagrams do not load Mermaid.
"""

from __future__ import annotations

import filecmp
import html
import json
import posixpath
import re
import shutil
from pathlib import Path

from ..errors import BuildError
from ..termbase.data import termbase_data
from ..termbase.model import TermBase

MERMAID_URL = "assets/vendor/mermaid.min.js"
IFRAME_WORKER_URL = "assets/vendor/iframe-worker-shim.js"
SITE_DATA_URL = "glossary.json"  # the whole term base as data, for lookups in a browser copy of the site

_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_TITLE = re.compile(r"<title>[^<]*</title>")
_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_SEARCH_NAME = re.compile(r'<input type="text" class="md-search__input"[^>]*? aria-label="([^"]*)"')
_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')
# Texts in glossary.json are the term base's, verbatim; < > & are written as JSON escapes
# so that the file stays inert even pasted into a <script> block or read as HTML.
_HTML_SIGNIFICANT = re.compile(r"[<>&]")


def required(project: Path, configured: str, package: str) -> Path:
    """An asset from node_modules/, or a BuildError saying how to install it."""
    path = (project / configured).resolve()
    if not path.is_file():
        raise BuildError(
            f"{configured} is missing: run `npm ci` in {project} to install the {package} package "
            "the site serves itself (see package.json)"
        )
    return path


def copy_if_changed(src: Path, dest: Path) -> None:
    if dest.is_file() and filecmp.cmp(src, dest, shallow=False):
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)


def write_site_data(termbase: TermBase, site_root: Path) -> None:
    # compact: written by the C encoder, several times faster than an indented dump (and smaller)
    data = json.dumps(termbase_data(termbase), ensure_ascii=False, separators=(",", ":"))
    data = _HTML_SIGNIFICANT.sub(lambda m: f"\\u{ord(m.group()):04x}", data) + "\n"
    target = site_root / SITE_DATA_URL
    if not target.is_file() or target.read_text("utf-8") != data:
        target.write_text(data, "utf-8")


def without_head_alternates(output: str) -> str:
    """Drop the <link rel="alternate" hreflang> tags Material puts in every page head.

    Material's script fetches `sitemap.xml` relative to each of them, which
    costs three failing requests per page (and, with absolute URLs, requests
    to the public host from any other copy). Search engines get the same
    alternates, absolute, from the sitemap that mkdocs-static-i18n writes.
    """
    return _ALTERNATE.sub("", output) if '<link rel="alternate"' in output else output


def with_named_search(output: str) -> str:
    """Material's search dialog (role="dialog") named as its input is, in the page's language:
    a dialog needs an accessible name (axe-core: aria-dialog-name)."""
    dialog = _SEARCH_DIALOG.search(output)
    name = _SEARCH_NAME.search(output)
    if dialog is None or name is None:
        return output
    return f'{output[: dialog.end() - 1]} aria-label="{name.group(1)}"{output[dialog.end() - 1 :]}'


def in_head(output: str, element: str) -> str:
    """The page with `element` at the end of its <head>."""
    at = output.find("</head>")
    return output if at < 0 else f"{output[:at]}  {element}\n{output[at:]}"


def with_title(output: str, title: str) -> str:
    """The page with `title` as its whole <title>."""
    return _TITLE.sub(lambda _m: f"<title>{html.escape(title, quote=False)}</title>", output, count=1)


def with_local_mermaid(output: str, page_url: str) -> str:
    """Give a page with diagrams a local Mermaid, loaded before Material's bundle.

    Material only fetches mermaid.js from a CDN when no global `mermaid` exists.
    One copy at the site root serves every language, so the browser caches it
    once. `page_url` is the page's address from the site root ("de/glossary/x/").
    """
    if 'class="mermaid"' not in output:
        return output
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    src = posixpath.relpath(MERMAID_URL, here.rstrip("/") or ".")
    return before_theme_script(output, f'<script src="{src}"></script>')


def before_theme_script(output: str, element: str) -> str:
    """The page with `element` just before the theme's script bundle (or the end of <body>)."""
    match = _BUNDLE.search(output)
    at = match.start() if match else output.rindex("</body>")
    return f"{output[:at]}{element}\n{output[at:]}"
