"""Merge term base data (an import) into an existing term base file, changing nothing a person wrote.

Concepts are matched by id, else by the same preferred term in the term
base's source language. What the term base lacks is added: concepts, language
sections, terms, definitions, notes, examples, relations, languages, sources.
What it already says is never changed: a different definition, status or
grammar is listed as a conflict (`replace` takes the incoming definitions and
grammar instead; statuses are never changed).

The file is edited, not rewritten: a matched concept that gains something is
re-emitted on its own lines by ruamel.yaml, which keeps its comments, key
order, quoting and flow style; new concepts, languages and sources are added
in the house layout (`writer`) at the end of their blocks; every other byte of
the file stays as it was. The result is loaded again before it is returned,
so a merge never produces a term base `glossary validate` would refuse.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import Problem, TermBaseError
from . import ids, loader, writer
from .data import source_fields
from .model import RELATIONS, Concept, TermBase, nfc

TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
TERM_GRAMMAR = ("pos", "gender", "plural", "type", "note", "same_as_source")


@dataclass(frozen=True)
class Change:
    concept: str | None  # the concept in the merged term base, if the change is about one
    message: str
    kind: str = ""  # what was added: concept, section, term, definition, ...


@dataclass
class Merge:
    text: str  # the merged term base
    added: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)
    matched: dict[str, str] = field(default_factory=dict)  # incoming id -> the existing concept it merged into
    new: dict[str, str] = field(default_factory=dict)  # incoming id -> the id it was added under

    def counts(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for change in self.added:
            kinds[change.kind] = kinds.get(change.kind, 0) + 1
        return kinds


def merge(existing_text: str, existing: TermBase, incoming: dict[str, Any], replace: bool = False) -> Merge:
    lines = existing_text.split("\n")
    result = Merge(existing_text)
    _match(existing, incoming, result)
    new_langs = {code: spec for code, spec in incoming["languages"].items() if code not in existing.languages}
    languages = [*existing.languages, *new_langs]
    for code in new_langs:
        result.added.append(Change(None, f"added language '{code}' ({new_langs[code].get('name', code)})", "languages"))
    new_sources = {}
    for sid, spec in (incoming.get("sources") or {}).items():
        if sid not in existing.sources:
            new_sources[sid] = spec
            result.added.append(Change(None, f"added source '{sid}' ({spec.get('title', '')})", "sources"))
        elif source_fields(existing.sources[sid]) != spec:
            result.conflicts.append(
                Change(None, f"source '{sid}' says something else in the file: kept the term base's")
            )

    def mapped(targets: list[str]) -> list[str]:
        """Incoming ids as the merged term base names them; ids it does not have are left out."""
        found = [result.matched.get(t) or result.new.get(t) or (t if t in existing.concepts else None) for t in targets]
        return [t for t in found if t]

    plans: dict[str, list[Op]] = {}
    for iid, cid in result.matched.items():
        ops = _plan(
            existing.concepts[cid],
            incoming["concepts"][iid],
            cid,
            languages,
            mapped,
            result,
            replace,
            plans.get(cid, []),
        )
        if ops:
            plans[cid] = ops
    added_concepts: list[str] = []
    for iid, cid in result.new.items():
        concept = dict(incoming["concepts"][iid])
        for name in (*RELATIONS, "homonyms"):
            if concept.get(name):
                concept[name] = mapped(concept[name])
        concept["sources"] = [s for s in concept.get("sources", []) if s in existing.sources or s in new_sources]
        added_concepts += writer.concept_lines(cid, concept, languages)
        result.added.append(Change(cid, f"added concept '{cid}'", "concepts"))

    for cid in sorted(plans, key=lambda c: existing.concept_lines[c], reverse=True):
        start, end = _block(lines, existing, cid)
        lines[start:end] = _apply(lines[start:end], cid, plans[cid])
    if added_concepts:
        lines = _append_to(lines, "concepts", added_concepts, existing.path)
    if new_sources:
        lines = _append_to(
            lines,
            "sources",
            [writer.source_line(s, spec) for s, spec in new_sources.items()],
            existing.path,
            before="concepts",
        )
    if new_langs:
        lines = _append_to(
            lines, "languages", [writer.language_line(c, spec) for c, spec in new_langs.items()], existing.path
        )
    result.text = "\n".join(lines)
    try:
        loader.load_text(result.text, existing.path)
    except TermBaseError as exc:  # a bug of the merge, never the user's: say so, write nothing
        raise TermBaseError(
            [
                Problem(
                    existing.path,
                    1,
                    1,
                    f"the merged term base would not load ({p.message}); nothing was written: report this",
                )
                for p in exc.problems
            ]
        ) from None
    return result


def _match(existing: TermBase, incoming: dict[str, Any], result: Merge) -> None:
    """Incoming concepts to existing ones: by id, else by the same preferred source-language term."""
    source = existing.source_language
    by_term = {nfc(c.langs[source].preferred.text): cid for cid, c in existing.concepts.items() if source in c.langs}
    taken = set(existing.concepts)
    for iid, concept in incoming["concepts"].items():
        if iid in existing.concepts:
            result.matched[iid] = iid
            continue
        section = concept.get(source) or {}
        terms = section.get("terms") or []
        preferred = next((t["term"] for t in terms if t.get("status") == "preferred"), None)
        if preferred and nfc(preferred) in by_term:
            result.matched[iid] = by_term[nfc(preferred)]
            continue
        result.new[iid] = ids.unique(iid, taken)
        taken.add(result.new[iid])


@dataclass
class Op:
    """One change to an existing concept: what to add (or, asked for, replace) and where."""

    kind: str  # relation | subject | section | term | grammar | definition | items
    lang: str | None = None
    key: str | None = None  # the relation, grammar field or list (notes, examples)
    value: Any = None  # ids, a text, a section or term (plain data), texts
    term: str | None = None  # grammar: of which term
    replace: bool = False  # definition, grammar: instead of the term base's value


def _plan(
    concept: Concept,
    incoming: dict[str, Any],
    cid: str,
    languages: list[str],
    mapped,
    result: Merge,
    replace: bool,
    earlier: list[Op],
) -> list[Op]:
    """What to add to one existing concept; conflicts and additions recorded in `result`.

    `earlier`: what a previous incoming concept matched to the same one already adds."""
    ops = list(earlier)
    added = {(op.kind, op.lang, op.key, str(op.value)) for op in ops}

    def add(op: Op, message: str, kind: str) -> None:
        if (op.kind, op.lang, op.key, str(op.value)) in added:
            return
        added.add((op.kind, op.lang, op.key, str(op.value)))
        ops.append(op)
        result.added.append(Change(cid, message, kind))

    for name in (*RELATIONS, "homonyms"):
        have = set(getattr(concept, name)) | {
            t for op in ops if op.kind == "relation" and op.key == name for t in op.value
        }
        missing = [t for t in mapped(incoming.get(name) or []) if t != cid and t not in have]
        if missing:
            add(Op("relation", key=name, value=missing), f"added {name} {', '.join(missing)} to '{cid}'", "relations")
    if incoming.get("subject") and not concept.subject:
        add(Op("subject", value=incoming["subject"]), f"added subject to '{cid}'", "subjects")
    for lang in languages:
        section = incoming.get(lang)
        if not section:
            continue
        mine = concept.langs.get(lang)
        where = f"'{cid}' › {lang}"
        if mine is None:
            if not any(op.kind == "section" and op.lang == lang for op in ops):
                add(Op("section", lang, value=section), f"added section '{lang}' to '{cid}'", "language sections")
            continue
        by_text = {nfc(t.text): t for t in mine.terms}
        has_preferred = any(t.status == "preferred" for t in mine.terms)
        for term in section["terms"]:
            own = by_text.get(nfc(term["term"]))
            if own is None:
                new = {k: term[k] for k in ("term", "status", *TERM_GRAMMAR) if term.get(k) not in (None, False)}
                if new["status"] == "preferred" and has_preferred:
                    new["status"] = "admitted"
                    result.conflicts.append(
                        Change(
                            cid,
                            f"{where}: the file prefers '{term['term']}', the term base "
                            "another term: added it as admitted",
                        )
                    )
                add(Op("term", lang, value=new), f"added term '{term['term']}' to {where}", "terms")
                continue
            if own.status != term["status"]:
                result.conflicts.append(
                    Change(
                        cid,
                        f"{where}: '{term['term']}' is {own.status} in the term base "
                        f"and {term['status']} in the file: kept {own.status}",
                    )
                )
            for key in TERM_GRAMMAR:
                value, have = term.get(key), getattr(own, key)
                if value in (None, False) or have == value:
                    continue
                if have in (None, False) or replace:
                    verb = "replaced" if have not in (None, False) else "added"
                    add(
                        Op("grammar", lang, key, value, own.text, replace=verb == "replaced"),
                        f"{verb} {key} '{value}' of '{own.text}' in {where}",
                        "grammar",
                    )
                else:
                    result.conflicts.append(
                        Change(
                            cid,
                            f"{where}: {key} of '{own.text}' is '{have}' in the term "
                            f"base and '{value}' in the file: kept the term base's",
                        )
                    )
        definition = section.get("definition")
        if definition and not mine.definition:
            add(Op("definition", lang, value=definition), f"added definition to {where}", "definitions")
        elif definition and " ".join(nfc(definition).split()) != " ".join(mine.definition.split()):
            if replace:
                add(
                    Op("definition", lang, value=definition, replace=True),
                    f"replaced definition of {where}",
                    "definitions",
                )
            else:
                result.conflicts.append(
                    Change(
                        cid,
                        f"{where}: the file's definition differs: kept the term base's "
                        f"(the file says: {definition[:80]})",
                    )
                )
        for key in ("notes", "examples"):
            have = {nfc(t) for t in getattr(mine, key)}
            missing = [t for t in section.get(key) or [] if nfc(t) not in have]
            if missing:
                add(Op("items", lang, key, missing), f"added {len(missing)} {key} to {where}", "notes and examples")
    return ops


def _apply(block: list[str], cid: str, ops: list[Op]) -> list[str]:
    """The concept's lines with the operations applied: as inserted lines where they can be
    (libyaml says where), else through ruamel.yaml for the whole concept."""
    inserted = _insertions(block, ops)
    if inserted is None:
        return _apply_ruamel(block, ops)
    lines = list(block)
    for at, new in sorted(inserted, key=lambda item: item[0], reverse=True):
        lines[at:at] = new
    return lines


def _insertions(block: list[str], ops: list[Op]) -> list[tuple[int, list[str]]] | None:
    """Where each operation's lines go, or None when one needs to change a line (ruamel's work)."""
    import yaml

    from .strict_yaml import compose

    root = compose("\n".join(block))
    concept = root.value[0][1] if root is not None and root.value else None
    if not isinstance(concept, yaml.MappingNode) or concept.flow_style:
        return None
    keys = {k.value: v for k, v in concept.value}
    indent = " " * concept.value[0][0].start_mark.column
    found: list[tuple[int, list[str]]] = []
    for op in reversed(ops):  # inserted later at the same place means listed first: keep the plan's order
        if op.kind in ("grammar",) or op.replace:
            return None
        if op.kind in ("relation", "subject"):
            if op.key in keys or (op.kind == "subject" and "subject" in keys):
                node = keys.get(op.key)
                if op.kind == "subject" or not isinstance(node, yaml.SequenceNode) or node.flow_style:
                    return None
                found.append((_after(node), _items(block, node, op.value, ids_only=True)))
                continue
            line = (
                f"{indent}subject: {writer.text(op.value)}"
                if op.kind == "subject"
                else f"{indent}{op.key}: {writer.ids(op.value)}"
            )
            found.append((concept.value[0][0].start_mark.line, [line]))
            continue
        if op.kind == "section":
            found.append((_after(concept), writer.section_lines(op.lang, op.value, indent)))
            continue
        section = keys.get(op.lang)
        if not isinstance(section, yaml.MappingNode) or section.flow_style:
            return None
        fields = {k.value: v for k, v in section.value}
        inner = " " * section.value[0][0].start_mark.column
        if op.kind == "term":
            terms = fields.get("terms")
            if not isinstance(terms, yaml.SequenceNode) or terms.flow_style or not terms.value:
                return None
            found.append((_after(terms), [_item_prefix(block, terms) + writer.term_item(op.value)]))
        elif op.kind == "definition":
            found.append((_after(fields["terms"]), [f"{inner}definition: {writer.text(op.value)}"]))
        elif op.kind == "items":
            node = fields.get(op.key)
            if node is None:
                found.append(
                    (_after(section), [f"{inner}{op.key}:", *(f"{inner}  - {writer.text(t)}" for t in op.value)])
                )
            elif isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
                found.append((_after(node), _items(block, node, op.value)))
            else:
                return None
    return found


def _after(node: Any) -> int:
    """The index of the line after a node's last line (block collections end at their last child)."""
    import yaml

    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    return end.line if end.column == 0 else end.line + 1


def _item_prefix(block: list[str], node: Any) -> str:
    """How the list writes an item: the text of its first item's line before the value ("        - ")."""
    first = node.value[0].start_mark
    return block[first.line][: first.column]


def _items(block: list[str], node: Any, values: list[str], ids_only: bool = False) -> list[str]:
    prefix = _item_prefix(block, node)
    return [prefix + (v if ids_only else writer.text(v)) for v in values]


def _apply_ruamel(block: list[str], ops: list[Op]) -> list[str]:
    """The operations on ruamel.yaml's round-trip model of the concept, which keeps its comments,
    key order, quoting and flow style; used when a change falls inside a line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    snippet = _load_block(block)
    body = snippet[next(iter(snippet))]
    for op in ops:
        if op.kind == "relation":
            if op.key in body:
                body[op.key].extend(op.value)
            else:
                body.insert(_after_fields(body), op.key, _flow(CommentedSeq(op.value)))
        elif op.kind == "subject":
            body.insert(0, "subject", op.value)
        elif op.kind == "section":
            section = CommentedMap()
            section["terms"] = CommentedSeq(_flow(CommentedMap(_term(t))) for t in op.value["terms"])
            if op.value.get("definition"):
                section["definition"] = op.value["definition"]
            for key in ("notes", "examples"):
                if op.value.get(key):
                    section[key] = CommentedSeq(op.value[key])
            body[op.lang] = section
        elif op.kind == "term":
            body[op.lang]["terms"].append(_flow(CommentedMap(_term(op.value))))
        elif op.kind == "grammar":
            term = next(t for t in body[op.lang]["terms"] if nfc(str(t.get("term"))) == nfc(op.term))
            term[op.key] = op.value
        elif op.kind == "definition":
            section = body[op.lang]
            if "definition" in section:
                section["definition"] = op.value
            else:
                section.insert(list(section).index("terms") + 1, "definition", op.value)
        elif op.kind == "items":
            section = body[op.lang]
            if op.key in section:
                section[op.key].extend(op.value)
            else:
                section[op.key] = CommentedSeq(op.value)
    return _dump_block(snippet)


def _term(term: dict[str, Any]) -> dict[str, Any]:
    return {k: term[k] for k in ("term", "status", *TERM_GRAMMAR) if term.get(k) not in (None, False)}


def _flow(node: Any) -> Any:
    node.fa.set_flow_style()
    return node


def _after_fields(body: Any) -> int:
    """Where a concept-level field goes: after the others, before the language sections."""
    keys = list(body)
    fields = [i for i, k in enumerate(keys) if k in ("subject", *RELATIONS, "homonyms", "sources", "diagrams")]
    return fields[-1] + 1 if fields else 0


@lru_cache(maxsize=1)
def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _block(lines: list[str], existing: TermBase, cid: str) -> tuple[int, int]:
    """0-based [start, end) of a concept's lines, trailing blank and comment lines left out."""
    starts = sorted(existing.concept_lines.values())
    start = existing.concept_lines[cid]
    later = [s for s in starts if s > start]
    end = (later[0] if later else _block_end(lines, "concepts")) - 1
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start - 1, end


def _load_block(block: list[str]) -> Any:
    """A concept's lines (indented under `concepts:`) as a ruamel map of one key."""
    dedented = "\n".join(line[2:] if line.startswith("  ") else line for line in block) + "\n"
    return _yaml().load(dedented)


def _dump_block(snippet: Any) -> list[str]:
    out = io.StringIO()
    _yaml().dump(snippet, out)
    return [("  " + line) if line else line for line in out.getvalue().rstrip("\n").split("\n")]


def _top_key_line(lines: list[str], key: str | None) -> int | None:
    """The 0-based line of a top-level key, or None."""
    return next((i for i, line in enumerate(lines) if (m := TOP_KEY.match(line)) and m.group(1) == key), None)


def _block_end(lines: list[str], key: str) -> int:
    """1-based line after the top-level block `key` (the next top-level key, or the end)."""
    start = _top_key_line(lines, key)
    if start is None:
        return len(lines) + 1
    following = next((i for i in range(start + 1, len(lines)) if TOP_KEY.match(lines[i])), len(lines))
    return following + 1


def _append_to(lines: list[str], key: str, new: list[str], path: str, before: str | None = None) -> list[str]:
    """Lines added at the end of a top-level block (created before `before` when missing)."""
    start = _top_key_line(lines, key)
    if start is None:
        at = _top_key_line(lines, before)
        at = len(lines) if at is None else at
        return [*lines[:at], f"{key}:", *new, *lines[at:]]
    if lines[start].rstrip().endswith("{}"):
        lines[start] = lines[start].rstrip()[: -len("{}")].rstrip()
    elif re.match(rf"^{key}\s*:\s*\S", lines[start]) and not lines[start].split(":", 1)[1].strip().startswith("#"):
        raise TermBaseError(
            [
                Problem(
                    path,
                    start + 1,
                    1,
                    (f"'{key}' is written on one line (flow style): write one entry per line to merge into it"),
                )
            ]
        )
    end = _block_end(lines, key) - 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return [*lines[:end], *new, *lines[end:]]
