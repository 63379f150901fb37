"""Line and column of anything in a term base, found without composing the whole file.

The loader notes where each concept starts; to place a finding inside a
concept, only that concept's lines are composed again. A check of 10,000
concepts with a handful of findings so costs milliseconds, not the seconds a
full compose takes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .loader import Locator
from .model import TermBase


class Positions:
    def __init__(self, termbase: TermBase, text: str | None = None):
        self.tb = termbase
        self._text = text
        self._lines: list[str] | None = None
        self._locators: dict[str, tuple[Locator, int]] = {}
        starts = sorted(termbase.concept_lines.items(), key=lambda item: item[1])
        self._ends = {cid: (starts[i + 1][1] if i + 1 < len(starts) else None) for i, (cid, _) in enumerate(starts)}

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            text = self._text
            if text is None:
                raw = Path(self.tb.path).read_bytes()
                text = raw.decode("utf-8-sig").replace("\r\n", "\n")
            self._lines = text.split("\n")
        return self._lines

    def concept(self, concept_id: str, *path: Any, at_key: bool = False) -> tuple[int, int]:
        """Position of `path` inside a concept (no path: the concept's id)."""
        start = self.tb.concept_lines.get(concept_id)
        if start is None:
            return 1, 1
        if not path:
            return start, self._indent(start) + 1
        locator, offset = self._locator(concept_id, start)
        line, column = locator.position((concept_id, *path), at_key)
        return line + offset, column

    def _locator(self, concept_id: str, start: int) -> tuple[Locator, int]:
        if concept_id not in self._locators:
            end = self._ends.get(concept_id) or len(self.lines) + 1
            snippet = "\n".join(self.lines[start - 1:end - 1])
            self._locators[concept_id] = (Locator(snippet), start - 1)
        return self._locators[concept_id]

    def _indent(self, line: int) -> int:
        text = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        return len(text) - len(text.lstrip(" "))
