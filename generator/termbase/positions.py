"""Line and column of anything in a term base, worked out only when there is something to report.

`Locator` finds a path of keys and indexes in YAML text by composing it (the
node tree keeps positions). `Positions` does it for a loaded term base without
composing the whole file: the loader notes where each concept starts, and only
the lines of a concept with a finding are composed again. A check of 10,000
concepts with a handful of findings so costs milliseconds, not the seconds a
full compose takes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import strict_yaml
from .model import TermBase


class Locator:
    """Finds the line and column of a path of keys and indexes in YAML text."""

    def __init__(self, text: str):
        try:
            self.root = strict_yaml.compose(text)
        except yaml.YAMLError:
            self.root = None

    def position(self, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
        node = self.root
        if node is None:
            return 1, 1
        mark = node.start_mark
        for depth, part in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                # the last of duplicate keys is the one the loaded data kept
                match = next((kv for kv in reversed(node.value) if _same_key(kv[0], part)), None)
                if match is None:
                    break
                mark = match[0].start_mark if (last and at_key) else match[1].start_mark
                node = match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
            else:
                break
        return mark.line + 1, mark.column + 1


def _same_key(key_node: yaml.Node, part: Any) -> bool:
    if not isinstance(key_node, yaml.ScalarNode):
        return False
    if key_node.value == str(part):
        return True
    if isinstance(part, bool):
        return key_node.value.lower() in (("true", "yes", "on", "y") if part else ("false", "no", "off", "n"))
    return False


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
        if at_key and all(isinstance(part, str) for part in path):
            found = self._key_by_indentation(concept_id, start, path)
            if found is not None:
                return found
        locator, offset = self._locator(concept_id, start)
        line, column = locator.position((concept_id, *path), at_key)
        return line + offset, column

    def _locator(self, concept_id: str, start: int) -> tuple[Locator, int]:
        if concept_id not in self._locators:
            end = self._ends.get(concept_id) or len(self.lines) + 1
            snippet = "\n".join(self.lines[start - 1 : end - 1])
            self._locators[concept_id] = (Locator(snippet), start - 1)
        return self._locators[concept_id]

    def _key_by_indentation(self, concept_id: str, start: int, path: tuple[str, ...]) -> tuple[int, int] | None:
        """A key of nested block mappings, found by indentation alone: no YAML is composed.

        Most findings of a large check sit at such a key (a language section: unreviewed,
        outdated, missing definition). Anything else - flow style, quoted keys, sequences,
        a key not found - returns None, and the caller composes the concept's lines."""
        lines = self.lines
        end = (self._ends.get(concept_id) or len(lines) + 1) - 1
        parent = self._indent(start)
        if lines[start - 1].rstrip().endswith(("{", "}", "]")) or ":" not in lines[start - 1]:
            return None
        first = start  # 0-based index of the line after the parent's key
        found = None
        for key in path:
            child = None
            found = None
            for j in range(first, end):
                text = lines[j]
                stripped = text.lstrip(" ")
                if not stripped or stripped.startswith("#"):
                    continue
                indent = len(text) - len(stripped)
                if indent <= parent:
                    break
                if child is None:
                    child = indent
                if (
                    indent == child
                    and stripped.startswith(key)
                    and stripped[len(key) : len(key) + 1] == ":"
                    and (len(stripped) == len(key) + 1 or stripped[len(key) + 1] in " \t")
                ):
                    found = j  # the last of duplicate keys is the one the data kept
            if found is None or child is None:
                return None
            parent, first = child, found + 1
        return (found + 1, parent + 1) if found is not None else None

    def _indent(self, line: int) -> int:
        text = self.lines[line - 1] if line - 1 < len(self.lines) else ""
        return len(text) - len(text.lstrip(" "))
