"""What in a page's Markdown source is running text, and where explicit references `[[id]]` are.

Checks read pages as source text: code (fenced blocks and spans), comments,
front matter and link targets are not prose, and are blanked out (kept as
spaces, so offsets still give lines and columns). The one set of patterns is
shared by every check that reads pages and by the build's reference check.

`[[id]]` and `[[id|text]]` name a concept by its id; they read as plain text
in any Markdown viewer, and the site links them in the page's language.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})([^\n]*)\n.*?^\1\2[ \t]*$", re.S | re.M)
CODE_SPAN = re.compile(r"(`+)[^\n]*?\1")
COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK_TARGET = re.compile(r"\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
# An explicit reference: what stands between the brackets is looked up as a concept id.
REFERENCE = r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]"
REFERENCES = re.compile(REFERENCE)
# A word in quotation marks is talked about ("the USM page also says „Klient“"), not used:
# the checks of term use leave it alone, in pages and in the term base's own texts. A
# quotation may wrap onto a second line, as Markdown paragraphs are wrapped; never more.
_IN = r"[^{close}\n]*(?:\n[^{close}\n]*)?"
QUOTED = re.compile(
    "|".join(
        (
            "„" + _IN.format(close="“”") + "[“”]",
            "“" + _IN.format(close="”") + "”",
            '"' + _IN.format(close='"') + '"',
            r"(?<!\w)‘" + _IN.format(close="’") + r"’(?!\w)",
            "«" + _IN.format(close="»") + "»",
            "»" + _IN.format(close="«") + "«",
            "‚" + _IN.format(close="‘") + "‘",
        )
    )
)


def blank(match: re.Match[str]) -> str:
    """Replace text by spaces, keeping line breaks, so offsets still give lines and columns."""
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(text: str) -> str:
    """Front matter, fenced code and comments blanked out: what headings, links and diagrams are read from."""
    for pattern in (FRONT_MATTER, FENCE, COMMENT):
        text = pattern.sub(blank, text)
    return text


def prose(text: str) -> str:
    """The running text of a page: also code spans, link targets and references blanked out."""
    text = CODE_SPAN.sub(blank, without_code(text))
    for pattern in (LINK_TARGET, REFERENCES):
        text = pattern.sub(blank, text)
    return text


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@dataclass(frozen=True)
class Reference:
    line: int
    column: int
    concept: str  # as written between the brackets
    message: str | None = None  # what is wrong with it, or None when it names a concept


def references(markdown: str, concepts: Collection[str]) -> list[Reference]:
    """Every explicit reference outside code, with a message for each that names no concept."""
    found = []
    scanned = LINK_TARGET.sub(blank, CODE_SPAN.sub(blank, without_code(markdown.replace("\r\n", "\n"))))
    for match in REFERENCES.finditer(scanned):
        concept = match.group(1).strip()
        message = None
        if concept not in concepts:
            close = difflib.get_close_matches(concept, list(concepts), n=1)
            hint = f"did you mean [[{close[0]}]]?" if close else "use the id of a concept in the term base"
            message = f"[[{concept}]] names no concept: {hint}"
        found.append(Reference(*position(scanned, match.start()), concept, message))
    return found
