"""Admonitions (`!!! note`, `??? tip`) without a title of their own, and their titles in the page's language.

Python-Markdown heads an admonition without a title with its type in English
("Note"). The build gives each one the title the labels name for its type in
the page's language (`admonition_titles`); the page check reports, in a
translated page, an untitled admonition whose type has no such title, which
would be headed in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .markdown import position, without_code

# `!!! type [more classes] ["title"]`, and pymdownx.details' `???` and `???+`, at any indentation
ADMONITION = re.compile(r'^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*([\w-]+)((?:[ \t]+[\w-]+)*)([ \t]+"[^"\n]*")?[ \t]*$', re.M)


@dataclass(frozen=True)
class Untitled:
    line: int
    column: int
    kind: str  # the admonition's type: "note"
    end: int  # offset where a title would go


def untitled(text: str) -> Iterator[Untitled]:
    """Admonitions outside code that have no title of their own."""
    for match in ADMONITION.finditer(without_code(text)):
        if match.group(3) is None:
            line, _ = position(text, match.start())
            yield Untitled(
                line, match.start(1) - text.rfind("\n", 0, match.start(1)), match.group(1).lower(), match.end(2)
            )


def with_titles(text: str, titles: dict[str, str]) -> str:
    """The page with a title on every untitled admonition whose type `titles` names."""
    if "!!!" not in text and "???" not in text:
        return text
    found = [item for item in untitled(text) if titles.get(item.kind)]
    for item in reversed(found):
        title = titles[item.kind].replace('"', "“")
        text = f'{text[: item.end]} "{title}"{text[item.end :]}'
    return text
