"""Positioned problems: what every layer reports when input is wrong, and how it is shown.

A problem names the file, line and column (1-based, as editors count) and says
what to do, so adapters can print it without knowing where it came from. This
module imports nothing, so the quick commands (lookup) can use it for free.
"""

from __future__ import annotations

import os

# Characters that act on a terminal or log viewer instead of showing: the C0 and C1
# controls (cursor moves, colours, clearing the screen; tab and newline excepted) and
# the bidirectional controls that reorder a line as it is shown. Term base texts may
# hold them; printed output writes them as \uXXXX, which is also valid inside JSON.
TERMINAL_CONTROLS = {
    c: f"\\u{c:04x}"
    for c in (
        *range(0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
}


class Problem:
    __slots__ = ("column", "file", "line", "message")

    def __init__(self, file: str, line: int, column: int, message: str):
        self.file, self.line, self.column, self.message = file, line, column, message

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({self.file!r}, {self.line}, {self.column}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


class TermBaseError(Exception):
    """The term base could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class ReviewFileError(Exception):
    """The review record beside the term base could not be read."""


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as the user would type it: relative to the working folder when it is below it."""
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class BuildError(Exception):
    """The site cannot be built; the message says where and what to do."""
