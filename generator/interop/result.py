"""What every importer returns, and the report of what it did.

Importers take bytes and return an `ImportResult`: a term base in the
structure of `terms/termbase.yaml` (a plain dict that `termbase.writer.dump`
writes and `termbase.loader` validates), and notes on what the input held that
the model cannot or that the import had to decide, each placed where it came
from. Input that cannot be read raises `TermBaseError` with the position and
what to do.

A real file gives hundreds of notes, nearly all repeats ("dropped 2
transaction records" on every entry). So every note has a kind (what happened
to the content) and a topic (the note with its particulars taken out); the
report leads with warnings and counts by kind and topic, and lists every note
only on request.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem

# What happened to the content, from what needs a person's attention to what is routine.
KINDS = {
    "warning": "to check",
    "demoted": "made less recommended than the file suggests",
    "changed": "changed to fit the term base",
    "not-understood": "not understood",
    "dropped": "dropped",
    "kept": "kept as notes",
}


SHOWN_WARNINGS = 10  # in the summary; --details lists all


@dataclass(frozen=True)
class Note:
    kind: str  # one of KINDS
    topic: str  # what the note says without its particulars: repeats share it
    problem: Problem  # where it came from, and the whole message


def note(problem: Problem, kind: str | None = None) -> Note:
    """A note, its kind read from the message when not given ("dropped ...", "kept ...")."""
    message = _without_place(problem.message)
    if kind is None:
        first = message.split(" ", 1)[0]
        kind = {"dropped": "dropped", "kept": "kept"}.get(first, "changed")
    return Note(kind, topic_of(message), problem)


def topic_of(message: str) -> str:
    """The message with what varies from note to note (quoted texts, numbers, brackets) taken out."""
    text = re.sub(r"'[^']*'|“[^”]*”|\"[^\"]*\"", "…", message)
    text = re.sub(r"\([^()]*\)", "", text)
    text = re.sub(r"\d+", "N", text)
    return re.sub(r"\s+([:;,.])", r"\1", " ".join(text.split()))


def _without_place(message: str) -> str:
    """'termEntry 'c5' › fr › 'x': dropped ...' -> 'dropped ...' (the position says where)."""
    return re.sub(r"^(?:\w+ (?:'[^']*'|on line \d+))(?: › (?:'[^']*'|[^:'›]+))*: ", "", message)


@dataclass
class ImportResult:
    data: dict[str, Any]
    notes: list[Note] = field(default_factory=list)
    source: str = ""  # what was read, for the report: "okapi_sdl_tbx.tbx (TBX v2)"

    def __post_init__(self) -> None:
        self.notes.extend(_tidy_terms(self.data, self.source.split(" (", 1)[0] or "import"))

    @property
    def reports(self) -> list[Problem]:
        return [n.problem for n in self.notes]

    def by_kind(self) -> Counter[str]:
        return Counter(n.kind for n in self.notes)


def _tidy_terms(data: dict[str, Any], display: str) -> list[Note]:
    """Terms as the term base takes them, whatever the importer read: no space at either end,
    one space between words (real files have "endangered species  (IUCN)"); a term that then
    repeats another of its section is dropped. The one rule for every importer."""
    notes: list[Note] = []
    for cid, concept in data.get("concepts", {}).items():
        for lang, section in concept.items():
            terms = section.get("terms") if isinstance(section, dict) else None
            if not isinstance(terms, list):
                continue
            kept, seen = [], set()
            for term in terms:
                text = term.get("term") if isinstance(term, dict) else None
                if isinstance(text, str) and (text != text.strip() or "  " in text or "\t" in text or "\n" in text):
                    tidy = " ".join(text.split())
                    where = Problem(
                        display, 1, 1, f"concept '{cid}' › {lang} › '{tidy}': changed the spaces of “{text}”"
                    )
                    notes.append(note(where, "changed"))
                    term = {**term, "term": tidy}
                    text = tidy
                if isinstance(text, str) and text in seen:
                    notes.append(
                        note(
                            Problem(display, 1, 1, f"concept '{cid}' › {lang} › '{text}': dropped a repeat"), "dropped"
                        )
                    )
                    continue
                seen.add(text)
                kept.append(term)
            section["terms"] = kept
    return notes


def summary(result: ImportResult) -> list[str]:
    """A few lines: what was read, the warnings in full, then counts by kind and topic."""
    data = result.data
    concepts = data.get("concepts", {})
    languages = list(data.get("languages", {}))
    lines = [
        f"read {len(concepts):,} concepts in {len(languages)} languages ({', '.join(languages)})"
        + (f" from {result.source}" if result.source else "")
    ]
    warnings = [n for n in result.notes if n.kind == "warning"]
    for n in warnings[:SHOWN_WARNINGS]:
        lines.append(f"  warning: {n.problem}")
    if len(warnings) > SHOWN_WARNINGS:
        lines.append(f"  and {len(warnings) - SHOWN_WARNINGS:,} more warnings (--details lists them)")
    for kind, label in KINDS.items():
        if kind == "warning":
            continue
        topics = Counter(n.topic for n in result.notes if n.kind == kind)
        if not topics:
            continue
        total = sum(topics.values())
        top = ", ".join(f"{count}× {topic}" for topic, count in topics.most_common(3))
        more = f", and {len(topics) - 3} more kinds" if len(topics) > 3 else ""
        lines.append(f"  {label}: {total:,} ({top}{more})")
    return lines


def details(result: ImportResult) -> list[str]:
    """Every note, by kind, each with its position."""
    lines = []
    for kind, label in KINDS.items():
        chosen = [n for n in result.notes if n.kind == kind]
        if chosen:
            lines.append(f"{label} ({len(chosen):,}):")
            lines += [f"  {n.problem}" for n in chosen]
    return lines


def as_json(result: ImportResult) -> str:
    """The whole report for scripts: counts, then every note with its kind, topic and position."""
    doc = {
        "source": result.source,
        "concepts": len(result.data.get("concepts", {})),
        "languages": list(result.data.get("languages", {})),
        "counts": {kind: result.by_kind().get(kind, 0) for kind in KINDS},
        "notes": [
            {
                "kind": n.kind,
                "topic": n.topic,
                "file": n.problem.file,
                "line": n.problem.line,
                "column": n.problem.column,
                "message": n.problem.message,
            }
            for n in result.notes
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
