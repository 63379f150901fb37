"""YAML reading that refuses what a term base never needs and could be abused.

PyYAML's safe loader still accepts duplicate keys (the last one silently wins)
and aliases (which can expand a small file into a huge structure). A term base
has no use for either, so both are reported with their position. Parsing stays
in libyaml (the C loader) where it is available: it is the cost floor.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# libyaml composes nested collections by recursion in C, about 450 bytes of stack
# per level (PyYAML 6.0, libyaml 0.2.5), and its scanner re-checks every open flow
# level at each token: a file of 100,000 brackets takes half a minute, a few more
# crash the interpreter. A term base nests 6 levels deep; a document that could
# nest deeper than SAFE_DEPTH has its depth measured before it is composed.
MAX_DEPTH = 64
SAFE_DEPTH = 500  # 225 KB of stack: fits the smallest thread stacks (512 KB on macOS)
TOO_DEEP = (
    f"the YAML nests more than {MAX_DEPTH} levels deep here; a term base needs 6 "
    "(top level › concepts › id › language › terms › term): remove the extra brackets or indentation"
)


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that collects duplicate keys and refuses aliases and merge keys.

    `concepts_only`: the text is a run of concepts cut out of a term base (see `load`),
    `line_offset` lines into it."""

    def __init__(self, stream: Any, concepts_only: bool = False, line_offset: int = 0):
        super().__init__(stream)
        self.problems: list[YamlProblem] = []  # reported together, after loading
        self.concept_lines: dict[str, int] = {}
        self.concepts_only = concepts_only
        self.line_offset = line_offset

    def construct_document(self, node: yaml.Node) -> Any:
        # Where each concept starts, noted for free while the nodes are at hand: checks
        # later locate a finding by composing just that concept's lines, not the file.
        concepts = node if self.concepts_only else None
        if isinstance(node, yaml.MappingNode) and not self.concepts_only:
            concepts = next((value for key, value in node.value if key.value == "concepts"), None)
        if isinstance(concepts, yaml.MappingNode):
            self.concept_lines = {
                k.value: k.start_mark.line + 1 + self.line_offset
                for k, _ in concepts.value
                if isinstance(k, yaml.ScalarNode)
            }
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
                    mark.line + 1,
                    mark.column + 1,
                    "YAML merge keys (<<) are not allowed in a term base: write the fields out",
                )
        mapping = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):
            self._report_duplicates(node)
        if not all(type(key) is str for key in mapping):
            self._name_keys(node, mapping)
        return mapping

    def _name_keys(self, node: yaml.MappingNode, mapping: dict[Any, Any]) -> None:
        """Keys YAML reads as numbers, booleans, dates or null (0, no, 2019-08-27, ~):
        report each, and keep it under its written name so the other checks go on."""
        for key_node, _ in node.value:
            key = self.constructed_objects.get(key_node)
            if type(key) is str or key not in mapping:
                continue
            mark = key_node.start_mark
            self.problems.append(
                YamlProblem(
                    mark.line + 1 + self.line_offset,
                    mark.column + 1,
                    f"YAML reads the key '{key_node.value}' as {_what(key)}, not as a name: "
                    f"write it in quotes ('{key_node.value}')",
                )
            )
            mapping[str(key_node.value)] = mapping.pop(key)

    def _report_duplicates(self, node: yaml.MappingNode) -> None:
        first: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.constructed_objects.get(key_node)
            if isinstance(key, (list, dict)):
                continue
            if key in first:
                mark, earlier = key_node.start_mark, first[key].start_mark
                self.problems.append(
                    YamlProblem(
                        mark.line + 1 + self.line_offset,
                        mark.column + 1,
                        f"duplicate key '{key}' (first defined at line {earlier.line + 1 + self.line_offset}): "
                        "YAML would silently keep only the last one; merge the two or rename one",
                    )
                )
            else:
                first[key] = key_node


def load(text: str, memo: dict | None = None) -> tuple[Any, list[YamlProblem], dict[str, int]]:
    """Parse one YAML document; return the data, the problems found on the way
    (duplicate keys, keys that are not names) and the line where each concept starts.

    Raises YamlProblem for syntax errors, tags, aliases and anything else that
    makes the document unreadable.

    A term base in the usual block layout is read a few hundred concepts at a time
    (see `_pieces`): libyaml's node tree of a whole file takes some forty times the
    file's size, the tree of a run of concepts is dropped once its data is made. Whatever
    the runs do not read as the whole file would is read whole, for the whole file's
    answer and positions.

    `memo` (live preview) keeps each run's reading from one call to the next: a run whose text
    and first line did not change is not read again. The data it returns is shared; nothing
    may change it.
    """
    pieces = _pieces(text)
    if pieces is not None:
        try:
            return _load_pieces(text, pieces, memo)
        except (YamlProblem, yaml.YAMLError, RecursionError):
            pass
    if memo is not None:
        memo.clear()
    return _load(text)


# Concepts read together: enough that starting a parser costs little, few enough brackets that
# the run's depth is known safe without measuring it (see `_compose`).
PIECE_CHARS = 64 * 1024
PIECE_BRACKETS = SAFE_DEPTH - 100  # `depth_bound` adds twice the deepest indentation


def _pieces(text: str) -> tuple[int, list[int], int, int] | None:
    """Where the concepts are, when the file has the block layout the writer writes: the end of
    the `concepts:` line, where runs of concepts start (each at a concept's first line) and
    where the concepts end, and their indentation. None for any other layout (flow style, tabs, odd indentation)."""
    heads = list(re.finditer(r"(?m)^concepts:[ ]*(?:#.*)?$", text))
    if len(heads) != 1:
        return None
    body = heads[0].end() + 1
    first = re.compile(r"(?m)^( +)[^ \t\r\n#]").search(text, body)
    end_match = re.compile(r"(?m)^[^ \t\r\n#]").search(text, body)
    end = end_match.start() if end_match else len(text)
    if first is None or first.start() >= end:
        return None
    indent = len(first.group(1))
    region = text[body:end]
    if "\t" in region or "\r" in region:
        return None
    if indent > 1 and re.search(rf"(?m)^ {{1,{indent - 1}}}[^ \n#]", region):
        return None
    starts = [body + m.start() for m in re.finditer(rf"(?m)^ {{{indent}}}[^ \n#-]", region)]
    if not starts or starts[0] != first.start():
        return None
    runs, last, brackets = [starts[0]], starts[0], 0
    for start, stop in zip(starts, [*starts[1:], end]):
        count = text.count("[", start, stop) + text.count("{", start, stop)
        if start > last and (brackets + count > PIECE_BRACKETS or stop - last > PIECE_CHARS):
            runs.append(start)
            last, brackets = start, 0
        brackets += count
    return body, runs, end, indent


def _load_pieces(
    text: str, pieces: tuple[int, list[int], int, int], memo: dict | None
) -> tuple[Any, list[YamlProblem], dict[str, int]]:
    body, runs, end, indent = pieces
    read: dict[tuple[int, str], tuple[Any, list[YamlProblem], dict[str, int]]] = {}
    data, problems, _ = _load(text[:body])
    if not isinstance(data, dict) or data.get("concepts", "") is not None:
        raise YamlProblem(1, 1, "not the usual layout")  # read whole
    line = text.count("\n", 0, runs[0])
    concepts: dict[Any, Any] = {}
    concept_lines: dict[str, int] = {}  # as a whole read gives them: a repeated id's last line
    first_lines: dict[str, int] = {}
    for start, stop in zip(runs, [*runs[1:], end]):
        key = (line, text[start:stop])
        known = memo.get(key) if memo is not None else None
        read[key] = known or _load(key[1], concepts_only=True, line_offset=line)
        piece, piece_problems, lines = read[key]
        if not isinstance(piece, dict):
            raise YamlProblem(1, 1, "not the usual layout")
        problems.extend(piece_problems)
        for key, value in piece.items():
            if key in concepts:  # the same id in two runs: what YAML says of any duplicate key
                where = first_lines.get(str(key), 0)
                problems.append(
                    YamlProblem(
                        lines.get(str(key), 1),
                        indent + 1,
                        f"duplicate key '{key}' (first defined at line {where}): "
                        "YAML would silently keep only the last one; merge the two or rename one",
                    )
                )
            concepts[key] = value
        for key, at in lines.items():
            concept_lines[key] = at
            first_lines.setdefault(key, at)
        line += text.count("\n", start, stop)
    data["concepts"] = concepts
    if end < len(text):
        tail, tail_problems, _ = _load(text[end:], line_offset=line)
        if not isinstance(tail, dict) or set(tail) & set(data):
            raise YamlProblem(1, 1, "not the usual layout")
        problems.extend(tail_problems)
        data.update(tail)
    if memo is not None:
        memo.clear()
        memo.update(read)
    return data, problems, concept_lines


def _load(
    text: str, concepts_only: bool = False, line_offset: int = 0
) -> tuple[Any, list[YamlProblem], dict[str, int]]:
    loader = StrictLoader(text, concepts_only, line_offset)
    try:
        node = _compose(loader, text)
        data = loader.construct_document(node) if node is not None else None
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or str(exc)
        if exc.context and exc.problem:
            what = f"{exc.context}, {exc.problem}"
        if mark is not None:
            explained = _explain(text, mark.index, mark.line + 1, what)
            if explained is None and exc.context_mark is not None and "could not find expected ':'" in what:
                # a key without its colon, before the indented lines it should hold
                at = exc.context_mark.index
                explained = _no_colon(text[text.rfind("\n", 0, at) + 1 :].split("\n", 1)[0], exc.context_mark.line + 1)
            if explained is not None:
                raise explained from None
        hint = _hint(what)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(line, column, f"YAML syntax error: {what}{hint}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        at, code = exc.position, ord(exc.character) if isinstance(exc.character, str) else exc.character
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        raise YamlProblem(
            line,
            column,
            f"the control character U+{code:04X} is not allowed in a YAML file: "
            f"remove it, or write it as \\u{code:04x} inside double quotes",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    return data, loader.problems, loader.concept_lines


def _compose(loader: StrictLoader, text: str) -> yaml.Node | None:
    """The document's node tree, composed only once its depth is known to be safe.

    A libyaml with a nesting limit of its own refuses deep documents with its own
    words; whichever limit fires first, the refusal a user sees is ours.
    """
    if depth_bound(text) > SAFE_DEPTH:
        problem = too_deep(text)
        if problem:
            raise problem
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problem = too_deep(text, near=exc.problem_mark.index if exc.problem_mark else None)
        if problem:
            raise problem from None
        raise


def depth_bound(text: str) -> int:
    """An upper bound on how deeply the document nests, found without parsing.

    Every flow level opens with [ or {; a block level needs indentation or a
    '- ', '? ' or ': ' indicator in front of it, two levels per column at most.
    """
    flow = text.count("[") + text.count("{")
    if re.search(r"(?m)^[ ?:-]{200}", text) is None:
        return flow + 2 * 200 + 4
    return flow + 2 * max(map(len, re.findall(r"(?m)^[ ?:-]*", text))) + 4


def too_deep(text: str, near: int | None = None) -> YamlProblem | None:
    """Where the document first nests deeper than MAX_DEPTH, if it does.

    libyaml's parser keeps its own stack, so reading events is safe at any depth,
    and stopping at the first level too many keeps it fast. Some libyaml builds
    refuse deep nesting themselves, in a look-ahead that runs past our limit
    before the events reach it; then the text up to where libyaml stopped is read
    again by PyYAML's pure-Python parser, which has no limit of its own and looks
    ahead at most 1,024 characters. `near` is where a syntax error was found.
    """
    try:
        return _first_too_deep(text, _BaseLoader)
    except yaml.MarkedYAMLError as exc:
        near = exc.problem_mark.index if exc.problem_mark else near
    except yaml.YAMLError:
        return None
    if near is None or depth_bound(text[max(0, near - LOOKAHEAD) : near + 1]) <= MAX_DEPTH:
        return None  # too few openings before the error to be a nesting limit: a plain syntax error
    try:
        return _first_too_deep(text[: near + 1], yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # a syntax error: composing reports it with its position


LOOKAHEAD = 1100  # libyaml and PyYAML look at most 1,024 characters ahead for a simple key


def _first_too_deep(text: str, loader: Any) -> YamlProblem | None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return YamlProblem(mark.line + 1, mark.column + 1, TOO_DEEP)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _what(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a date" if isinstance(value, (datetime.date, datetime.datetime)) else type(value).__name__


_KEY_WITHOUT_COLON = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*)(?:( +)([^:#\s][^:#]*?))?\s*$")


def _explain(text: str, at: int, line: int, what: str) -> YamlProblem | None:
    """The mistake a person made, where they made it, when YAML reports it in its own terms
    or elsewhere: a tab in the indentation ("found character that cannot start any token"),
    a key without its colon (reported on the next line, "mapping values are not allowed")."""
    start = text.rfind("\n", 0, at) + 1
    indentation = len(text[start:]) - len(text[start:].lstrip(" \t"))
    tab = text.find("\t", start, start + indentation + 1)
    if tab >= 0 or (at < len(text) and text[at] == "\t"):
        column = (tab if tab >= 0 else at) - start + 1
        return YamlProblem(
            line,
            column,
            "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces "
            "(as many as the lines above use)",
        )
    if "mapping values are not allowed" not in what:
        return None
    lines = text[:start].split("\n")[:-1]
    for back, previous in enumerate(reversed(lines), start=1):
        if not previous.strip() or previous.lstrip().startswith("#"):
            continue
        return _no_colon(previous, line - back)
    return None


def _no_colon(written: str, line: int) -> YamlProblem | None:
    """`written` (the text of `line`) as a key that lacks its colon, if it reads as one."""
    match = _KEY_WITHOUT_COLON.match(written)
    if match is None:
        return None
    key, value = match.group(2), match.group(4)
    fixed = f"{key}: {value}" if value else f"{key}:"
    return YamlProblem(
        line,
        len(match.group(1)) + len(key) + 1,
        f"“{written.strip()}” has no colon after the key “{key}”: write “{fixed}”",
    )


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
