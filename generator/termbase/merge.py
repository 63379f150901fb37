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
from typing import Any

from ..errors import Problem, TermBaseError
from . import ids, loader, writer
from .model import RELATIONS, TermBase, nfc

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
    source = existing.source_language
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
        elif {k: v for k, v in existing.sources[sid]._asdict().items() if v is not None and k != "id"} != spec:
            result.conflicts.append(
                Change(None, f"source '{sid}' says something else in the file: kept the term base's")
            )
    known = set(existing.concepts) | set(result.new.values())

    def mapped(targets: list[str]) -> list[str]:
        ids_ = [result.matched.get(t) or result.new.get(t) for t in targets]
        return [t for t in ids_ if t and t in known]

    edits: dict[str, dict[str, Any]] = {}
    for iid, cid in result.matched.items():
        concept = incoming["concepts"][iid]
        if cid in edits:  # a second incoming concept matched the same one: add to the same edit
            block, snippet = edits[cid]["range"], edits[cid]["snippet"]
        else:
            block = _block(lines, existing, cid)
            snippet = _load_block(lines[block[0] : block[1]])
        body = snippet[next(iter(snippet))]
        if _merge_concept(body, concept, cid, languages, source, mapped, result, replace) or cid in edits:
            edits[cid] = {"range": block, "snippet": snippet}
    added_concepts: list[str] = []
    for iid, cid in result.new.items():
        concept = dict(incoming["concepts"][iid])
        for name in (*RELATIONS, "homonyms"):
            if concept.get(name):
                concept[name] = mapped(concept[name])
        concept["sources"] = [s for s in concept.get("sources", []) if s in existing.sources or s in new_sources]
        added_concepts += writer.concept_lines(cid, concept, languages)
        result.added.append(Change(cid, f"added concept '{cid}'", "concepts"))

    for cid in sorted(edits, key=lambda c: edits[c]["range"][0], reverse=True):
        start, end = edits[cid]["range"]
        lines[start:end] = _dump_block(edits[cid]["snippet"])
    if added_concepts:
        lines = _append_to(lines, "concepts", added_concepts)
    if new_sources:
        lines = _append_to(
            lines, "sources", [writer.source_line(s, spec) for s, spec in new_sources.items()], before="concepts"
        )
    if new_langs:
        lines = _append_to(lines, "languages", [writer.language_line(c, spec) for c, spec in new_langs.items()])
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


def _merge_concept(
    body: Any,
    concept: dict[str, Any],
    cid: str,
    languages: list[str],
    source: str,
    mapped,
    result: Merge,
    replace: bool,
) -> bool:
    """Add to one concept's ruamel map what the incoming concept has and it lacks; True if anything changed."""
    from ruamel.yaml.comments import CommentedSeq

    changed = False
    if body is None:
        return False
    for name in (*RELATIONS, "homonyms"):
        targets = [t for t in mapped(concept.get(name) or []) if t != cid]
        have = list(body.get(name) or [])
        missing = [t for t in targets if t not in have]
        if missing:
            if name in body:
                body[name].extend(missing)
            else:
                body.insert(_after_fields(body), name, _flow(CommentedSeq(missing)))
            result.added.append(Change(cid, f"added {name} {', '.join(missing)} to '{cid}'", "relations"))
            changed = True
    if concept.get("subject") and not body.get("subject"):
        body.insert(0, "subject", concept["subject"])
        result.added.append(Change(cid, f"added subject to '{cid}'", "subjects"))
        changed = True
    for lang in languages:
        incoming = concept.get(lang)
        if not incoming:
            continue
        section = body.get(lang)
        if section is None:
            body[lang] = _section(incoming)
            result.added.append(Change(cid, f"added section '{lang}' to '{cid}'", "language sections"))
            changed = True
            continue
        changed |= _merge_section(section, incoming, f"'{cid}' › {lang}", cid, result, replace)
    return changed


def _merge_section(section: Any, incoming: dict[str, Any], where: str, cid: str, result: Merge, replace: bool) -> bool:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    changed = False
    terms = section.setdefault("terms", CommentedSeq())
    by_text = {nfc(str(t.get("term"))): t for t in terms if isinstance(t, dict)}
    has_preferred = any(isinstance(t, dict) and t.get("status") == "preferred" for t in terms)
    for term in incoming["terms"]:
        mine = by_text.get(nfc(term["term"]))
        if mine is None:
            new = {k: term[k] for k in ("term", "status", *TERM_GRAMMAR) if term.get(k) not in (None, False)}
            if new["status"] == "preferred" and has_preferred:
                new["status"] = "admitted"
                result.conflicts.append(
                    Change(
                        cid,
                        f"{where}: the file prefers '{term['term']}', the term base another term: added it as admitted",
                    )
                )
            terms.append(_flow(CommentedMap(new)))
            result.added.append(Change(cid, f"added term '{term['term']}' to {where}", "terms"))
            changed = True
            continue
        if mine.get("status") != term["status"]:
            result.conflicts.append(
                Change(
                    cid,
                    f"{where}: '{term['term']}' is {mine.get('status')} in the term base "
                    f"and {term['status']} in the file: kept {mine.get('status')}",
                )
            )
        for key in TERM_GRAMMAR:
            value = term.get(key)
            if value in (None, False):
                continue
            if mine.get(key) in (None, False):
                mine[key] = value
                result.added.append(Change(cid, f"added {key} '{value}' to '{term['term']}' in {where}", "grammar"))
                changed = True
            elif mine.get(key) != value:
                if replace:
                    mine[key] = value
                    result.added.append(
                        Change(cid, f"replaced {key} of '{term['term']}' in {where} by '{value}'", "replaced grammar")
                    )
                    changed = True
                else:
                    result.conflicts.append(
                        Change(
                            cid,
                            f"{where}: {key} of '{term['term']}' is '{mine.get(key)}' in "
                            f"the term base and '{value}' in the file: kept the term base's",
                        )
                    )
    definition = incoming.get("definition")
    if definition and not section.get("definition"):
        section.insert(list(section).index("terms") + 1, "definition", definition)
        result.added.append(Change(cid, f"added definition to {where}", "definitions"))
        changed = True
    elif definition and nfc(" ".join(str(section["definition"]).split())) != nfc(" ".join(definition.split())):
        if replace:
            section["definition"] = definition
            result.added.append(Change(cid, f"replaced definition of {where}", "replaced definitions"))
            changed = True
        else:
            result.conflicts.append(
                Change(
                    cid,
                    f"{where}: the file's definition differs: kept the term base's (the file says: {definition[:80]})",
                )
            )
    for key in ("notes", "examples"):
        have = [nfc(str(t)) for t in section.get(key) or []]
        missing = [t for t in incoming.get(key) or [] if nfc(t) not in have]
        if missing:
            if key in section:
                section[key].extend(missing)
            else:
                section[key] = CommentedSeq(missing)
            result.added.append(Change(cid, f"added {len(missing)} {key} to {where}", "notes and examples"))
            changed = True
    return changed


def _section(incoming: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    section = CommentedMap()
    section["terms"] = CommentedSeq(
        _flow(CommentedMap({k: t[k] for k in ("term", "status", *TERM_GRAMMAR) if t.get(k) not in (None, False)}))
        for t in incoming["terms"]
    )
    if incoming.get("definition"):
        section["definition"] = incoming["definition"]
    for key in ("notes", "examples"):
        if incoming.get(key):
            section[key] = CommentedSeq(incoming[key])
    return section


def _flow(node: Any) -> Any:
    node.fa.set_flow_style()
    return node


def _after_fields(body: Any) -> int:
    """Where a concept-level field goes: after the others, before the language sections."""
    keys = list(body)
    fields = [i for i, k in enumerate(keys) if k in ("subject", *RELATIONS, "homonyms", "sources", "diagrams")]
    return fields[-1] + 1 if fields else 0


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


def _block_end(lines: list[str], key: str) -> int:
    """1-based line after the top-level block `key` (the next top-level key, or the end)."""
    start = next(
        (i for i, line in enumerate(lines) if TOP_KEY.match(line) and TOP_KEY.match(line).group(1) == key), None
    )
    if start is None:
        return len(lines) + 1
    following = next((i for i in range(start + 1, len(lines)) if TOP_KEY.match(lines[i])), len(lines))
    return following + 1


def _append_to(lines: list[str], key: str, new: list[str], before: str | None = None) -> list[str]:
    """Lines added at the end of a top-level block (created before `before` when missing)."""
    start = next(
        (i for i, line in enumerate(lines) if TOP_KEY.match(line) and TOP_KEY.match(line).group(1) == key), None
    )
    if start is None:
        at = next(
            (i for i, line in enumerate(lines) if TOP_KEY.match(line) and TOP_KEY.match(line).group(1) == before),
            len(lines),
        )
        return [*lines[:at], f"{key}:", *new, *lines[at:]]
    if lines[start].rstrip().endswith("{}"):
        lines[start] = lines[start].rstrip()[: -len("{}")].rstrip()
    elif re.match(rf"^{key}\s*:\s*\S", lines[start]) and not lines[start].split(":", 1)[1].strip().startswith("#"):
        raise TermBaseError(
            [
                Problem(
                    "merge",
                    start + 1,
                    1,
                    (
                        f"'{key}' is written on one line (flow style) in the term base: write one entry per line to merge into it"
                    ),
                )
            ]
        )
    end = _block_end(lines, key) - 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return [*lines[:end], *new, *lines[end:]]
