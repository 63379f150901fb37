"""YAML reading that refuses what a term base never needs and could be abused.

PyYAML's safe loader still accepts duplicate keys (the last one silently wins)
and aliases (which can expand a small file into a huge structure). A term base
has no use for either, so both are reported with their position. Parsing stays
in libyaml (the C loader) where it is available: it is the cost floor.
"""
from __future__ import annotations

from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that collects duplicate keys and refuses aliases and merge keys."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self.duplicates: list[YamlProblem] = []
        self.concept_lines: dict[str, int] = {}

    def construct_document(self, node: yaml.Node) -> Any:
        # Where each concept starts, noted for free while the nodes are at hand: checks
        # later locate a finding by composing just that concept's lines, not the file.
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "concepts" and isinstance(value, yaml.MappingNode):
                    self.concept_lines = {k.value: k.start_mark.line + 1 for k, _ in value.value
                                          if isinstance(k, yaml.ScalarNode)}
        return super().construct_document(node)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            mark = node.start_mark
            raise YamlProblem(
                mark.line + 1,
                mark.column + 1,
                "YAML anchors and aliases (&name / *name) are not allowed in a term base: "
                "write the value out where it is used",
            )
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                mark = key_node.start_mark
                raise YamlProblem(
                    mark.line + 1, mark.column + 1,
                    "YAML merge keys (<<) are not allowed in a term base: write the fields out",
                )
        mapping = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):
            self._report_duplicates(node)
        return mapping

    def _report_duplicates(self, node: yaml.MappingNode) -> None:
        first: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.constructed_objects.get(key_node)
            if isinstance(key, (list, dict)):
                continue
            if key in first:
                mark, earlier = key_node.start_mark, first[key].start_mark
                self.duplicates.append(YamlProblem(
                    mark.line + 1, mark.column + 1,
                    f"duplicate key '{key}' (first defined at line {earlier.line + 1}): "
                    "YAML would silently keep only the last one; merge the two or rename one",
                ))
            else:
                first[key] = key_node


def load(text: str) -> tuple[Any, list[YamlProblem], dict[str, int]]:
    """Parse one YAML document; return the data, the duplicate-key problems and the
    line where each concept starts.

    Raises YamlProblem for syntax errors, tags, aliases and anything else that
    makes the document unreadable.
    """
    loader = StrictLoader(text)
    try:
        data = loader.get_single_data()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or str(exc)
        if exc.context and exc.problem:
            what = f"{exc.context}, {exc.problem}"
        hint = _hint(what)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(line, column, f"YAML syntax error: {what}{hint}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem(1, 1, "the YAML is nested too deeply to be a term base") from None
    finally:
        loader.dispose()
    return data, loader.duplicates, loader.concept_lines


def _hint(what: str) -> str:
    if "constructor for the tag" in what:
        return "; YAML tags (!!python/..., !something) are not allowed in a term base: remove the tag"
    if "mapping values are not allowed" in what:
        return "; a text containing ': ' must be put in quotes"
    if "found character '\\t'" in what:
        return "; indent with spaces, not tabs"
    return "; check the indentation and quoting on this line or the one before"


def compose(text: str) -> yaml.Node | None:
    """The node tree with positions; used only to point at problems."""
    return yaml.compose(text, Loader=_BaseLoader)
