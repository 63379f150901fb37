"""Notices on translated pages: a reader of an outdated or untranslated page is told so."""

from __future__ import annotations

import re
from typing import Any

from .markup import md_text


def with_notice(markdown: str, state: str | None, L: dict[str, Any]) -> str:
    """The page with a notice after its title when its translation is outdated or missing
    (shown in the source language, as mkdocs-static-i18n falls back to it)."""
    if state not in ("outdated", "missing"):
        return markdown
    key = "page_outdated_notice" if state == "outdated" else "page_missing_notice"
    title = L["outdated_title"] if state == "outdated" else L["not_translated_title"]
    notice = f'!!! note "{title}"\n\n    {md_text(L[key])}\n\n'
    heading = re.search(r"^# .*\n", markdown, flags=re.M)
    at = heading.end() if heading else 0
    return f"{markdown[:at]}\n{notice}{markdown[at:]}"
