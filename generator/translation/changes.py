"""What a change to the term base changes, concept by concept, in every language: the review
of a pull request (`glossary diff`).

Concepts added, removed or renamed (a concept under a new id whose source-language terms
are the ones a removed concept had); per language, terms added and removed and statuses
changed; definitions, notes and examples changed, shown word by word; and the
translations the change leaves outdated (their recorded review no longer matches the
source they translate). Rendered as text, as Markdown for a pull-request comment or a
job summary (one collapsible section per concept, the languages side by side), or as
JSON.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from typing import Any

from ..termbase.model import Concept, LangSection, TermBase
from .reviews import Reviews, concept_hash

TEXT_FIELDS = ("definition", "notes", "examples")
_TOKEN = re.compile(r"\S+\s*|\s+")  # a word with the space after it: a replaced phrase is one run


@dataclass
class LangChange:
    added: list[tuple[str, str]] = field(default_factory=list)  # (term, status)
    removed: list[tuple[str, str]] = field(default_factory=list)
    status: list[tuple[str, str, str]] = field(default_factory=list)  # (term, before, after)
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # field -> (before, after)
    outdated: bool = False  # the change leaves this translation outdated
    section: str | None = None  # "added" or "removed" when the whole language section was

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.status or self.texts or self.outdated or self.section)


@dataclass
class ConceptChange:
    id: str
    kind: str  # added | removed | renamed | changed
    before_id: str | None = None  # for a renamed concept
    relations: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # name -> (added, removed)
    languages: dict[str, LangChange] = field(default_factory=dict)
    label: str = ""  # the preferred term in the source language


def empty_text(source_language: str) -> str:
    """A term base with no concepts: what there was before the first version."""
    return f"source_language: {source_language}\nlanguages:\n  {source_language}: {{name: {source_language}}}\nconcepts: {{}}\n"


def compare(before: TermBase, after: TermBase, reviews: Reviews | None = None) -> list[ConceptChange]:
    """Every concept that differs between `before` and `after`, in `after`'s order, then the
    removed ones. `reviews`: the review record that goes with `after`."""
    source = after.source_language
    gone = [cid for cid in before.concepts if cid not in after.concepts]
    new = [cid for cid in after.concepts if cid not in before.concepts]
    renamed: dict[str, str] = {}  # new id -> old id
    by_terms = {_source_terms(before.concepts[cid], source): cid for cid in gone}
    for cid in new:
        old = by_terms.get(_source_terms(after.concepts[cid], source))
        if old is not None and old not in renamed.values():
            renamed[cid] = old
    languages = list(dict.fromkeys([*after.languages, *before.languages]))
    changes: list[ConceptChange] = []
    for cid, concept in after.concepts.items():
        old_id = renamed.get(cid, cid)
        previous = before.concepts.get(old_id)
        kind = "added" if previous is None else ("renamed" if old_id != cid else "changed")
        change = ConceptChange(cid, kind, old_id if kind == "renamed" else None, label=_label(concept, source))
        if previous is not None:
            for name in ("broader", "narrower", "related"):
                was, now = getattr(previous, name), getattr(concept, name)
                if was != now:
                    change.relations[name] = ([t for t in now if t not in was], [t for t in was if t not in now])
        for lang in languages:
            lang_change = _section(
                previous.langs.get(lang) if previous else None, concept.langs.get(lang), previous is None
            )
            if lang != source and previous is not None and lang in concept.langs and source in concept.langs:
                recorded = (reviews.concepts.get(cid, {}).get(lang) if reviews else None) or None
                now_hash = concept_hash(concept.langs[source])
                was_hash = concept_hash(previous.langs[source]) if source in previous.langs else None
                lang_change.outdated = was_hash != now_hash and recorded != now_hash
            if lang_change:
                change.languages[lang] = lang_change
        if kind != "changed" or change.relations or change.languages:
            changes.append(change)
    for cid in gone:
        if cid not in renamed.values():
            changes.append(ConceptChange(cid, "removed", label=_label(before.concepts[cid], source)))
    return changes


def _source_terms(concept: Concept, source: str) -> tuple[str, ...]:
    section = concept.langs.get(source)
    return tuple(sorted(t.text for t in section.terms)) if section else ()


def _label(concept: Concept, source: str) -> str:
    section = concept.langs.get(source) or next(iter(concept.langs.values()), None)
    return section.preferred.text if section and section.terms else concept.id


def _section(before: LangSection | None, after: LangSection | None, new_concept: bool) -> LangChange:
    change = LangChange()
    if before is None and after is None:
        return change
    if before is None or after is None:
        change.section = None if new_concept else ("added" if before is None else "removed")
    was = {t.text: t.status for t in before.terms} if before else {}
    now = {t.text: t.status for t in after.terms} if after else {}
    change.added = [(t, s) for t, s in now.items() if t not in was]
    change.removed = [(t, s) for t, s in was.items() if t not in now]
    change.status = [(t, was[t], s) for t, s in now.items() if t in was and was[t] != s]
    for name in TEXT_FIELDS:
        old = _text(before, name)
        new = _text(after, name)
        if old != new:
            change.texts[name] = (old, new)
    return change


def _text(section: LangSection | None, name: str) -> str:
    if section is None:
        return ""
    value = getattr(section, name)
    if isinstance(value, tuple):
        return "\n".join(f"- {item}" for item in value)
    return value or ""


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The two texts as runs of ("=", kept), ("-", removed) and ("+", added) words."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", "".join(old[i1:i2])))
        if j2 > j1:
            runs.append(("+", "".join(new[j1:j2])))
    return runs


# --- rendering ---------------------------------------------------------------------


def as_data(changes: list[ConceptChange]) -> dict[str, Any]:
    return {
        "concepts": [
            {
                "id": c.id,
                "change": c.kind,
                **({"renamed_from": c.before_id} if c.before_id else {}),
                "label": c.label,
                "relations": {name: {"added": a, "removed": r} for name, (a, r) in c.relations.items()},
                "languages": {
                    lang: {
                        **({"section": ch.section} if ch.section else {}),
                        "terms_added": [{"term": t, "status": s} for t, s in ch.added],
                        "terms_removed": [{"term": t, "status": s} for t, s in ch.removed],
                        "status_changed": [{"term": t, "before": b, "after": a} for t, b, a in ch.status],
                        "texts": {
                            name: {"before": b, "after": a, "words": [list(r) for r in word_diff(b, a)]}
                            for name, (b, a) in ch.texts.items()
                        },
                        "outdated": ch.outdated,
                    }
                    for lang, ch in c.languages.items()
                },
            }
            for c in changes
        ],
        "summary": summary(changes),
    }


def summary(changes: list[ConceptChange]) -> dict[str, int]:
    kinds = ("added", "removed", "renamed", "changed")
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in kinds}
    counts["outdated translations"] = sum(1 for c in changes for ch in c.languages.values() if ch.outdated)
    return counts


def _inline(runs: list[tuple[str, str]], removed: str, added: str) -> str:
    marks = {"=": "{}", "-": removed, "+": added}
    return "".join(marks[op].format(text) if text.strip() else text for op, text in runs)


def as_text(changes: list[ConceptChange]) -> str:
    if not changes:
        return "no concept changed\n"
    lines: list[str] = []
    for c in changes:
        head = {"renamed": f"renamed {c.before_id} → {c.id}"}.get(c.kind, f"{c.kind} {c.id}")
        lines.append(f"{head}  ({c.label})")
        for name, (added, removed) in c.relations.items():
            lines.append(f"  {name}: " + ", ".join([*(f"+{t}" for t in added), *(f"-{t}" for t in removed)]))
        for lang, ch in c.languages.items():
            if ch.section:
                lines.append(f"  {lang}: section {ch.section}")
            for term, status in ch.added:
                lines.append(f"  {lang}: + {term} ({status})")
            for term, status in ch.removed:
                lines.append(f"  {lang}: - {term} ({status})")
            for term, was, now in ch.status:
                lines.append(f"  {lang}: {term}: {was} → {now}")
            for name, (before, after) in ch.texts.items():
                lines.append(f"  {lang} {name}: " + _inline(word_diff(before, after), "[-{}-]", "{{+{}+}}"))
            if ch.outdated:
                lines.append(f"  {lang}: translation now outdated (review it: glossary review {c.id} --lang {lang})")
    counts = summary(changes)
    lines.append("")
    lines.append(", ".join(f"{n} {k}" for k, n in counts.items() if n))
    return "\n".join(lines) + "\n"


def as_markdown(changes: list[ConceptChange], languages: list[str]) -> str:
    """For a pull-request comment or a GitHub job summary: one collapsible section per
    concept, with a table whose columns are the languages."""
    counts = summary(changes)
    out = ["### Term base changes", ""]
    out.append(", ".join(f"**{n}** {k}" for k, n in counts.items() if n) or "No concept changed.")
    out.append("")
    for c in changes:
        title = {"renamed": f"renamed `{c.before_id}` → `{c.id}`"}.get(c.kind, f"{c.kind} `{c.id}`")
        out.append(f"<details><summary>{html.escape(c.label)}: {title}</summary>")
        out.append("")
        for name, (added, removed) in c.relations.items():
            out.append(f"- {name}: " + ", ".join([*(f"+`{t}`" for t in added), *(f"−`{t}`" for t in removed)]))
        if c.languages:
            shown = [lang for lang in languages if lang in c.languages]
            out.append("")
            out.append("| | " + " | ".join(shown) + " |")
            out.append("|---|" + "---|" * len(shown))
            rows: dict[str, dict[str, str]] = {}
            for lang in shown:
                ch = c.languages[lang]
                terms = [*(f"+ {t} ({s})" for t, s in ch.added), *(f"− ~~{t}~~ ({s})" for t, s in ch.removed)]
                terms += [f"{t}: {b} → **{a}**" for t, b, a in ch.status]
                if ch.section:
                    terms.insert(0, f"section {ch.section}")
                if terms:
                    rows.setdefault("terms", {})[lang] = "<br>".join(html.escape(t, quote=False) for t in terms)
                for name, (before, after) in ch.texts.items():
                    rows.setdefault(name, {})[lang] = _inline(
                        [(op, html.escape(text, quote=False)) for op, text in word_diff(before, after)],
                        "<del>{}</del>",
                        "<ins>{}</ins>",
                    ).replace("\n", "<br>")
                if ch.outdated:
                    rows.setdefault("review", {})[lang] = "outdated: `glossary review " + c.id + f" --lang {lang}`"
            for name, cells in rows.items():
                out.append(
                    f"| {name} | " + " | ".join(cells.get(lang, "").replace("|", "\\|") for lang in shown) + " |"
                )
        out.append("")
        out.append("</details>")
        out.append("")
    return "\n".join(out)
