"""Term base texts inside generated Markdown: shown exactly as written, never interpreted.

Term base fields are plain text (see the README): whatever markup they hold
is escaped for Markdown and HTML on every page, in titles and in tooltips.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

_MD_INLINE = re.compile(r"([\\`*_\[\]{}|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)
TOOLTIP_CHARS = 220


def md_text(value: Any) -> Markup:
    """Escape a term base text so Markdown and HTML show it literally."""
    text = str(escape(value))
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return Markup(text)


def md_url(value: str) -> str:
    """A source's address as one Markdown link target: spaces, quotes, brackets and
    parentheses percent-encoded, so it can neither end the link early nor add a
    title or a second link. (The schema allows only http and https addresses.)"""
    return quote(value, safe="/:?#@!$&*+,;=%~-._")


def short(text: str, limit: int = TOOLTIP_CHARS) -> str:
    """A text cut at a word to fit a tooltip."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
