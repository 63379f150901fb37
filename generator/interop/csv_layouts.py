"""The CSV and TSV layouts other tools write, read into term base data: one row, one concept.

Recognised from the header row:

* **Crowdin**: `Term:English, Description:English, Part:English, Term:German, ...`;
  language names become codes (Babel's English names, with Crowdin's own
  spellings: "Chinese Simplified", "Portuguese (Brazilian)", "Ukranian");
* **bilingual** with a header: `source, target` and optional comment columns
  (Weblate); the languages come from `--languages SRC,TGT`;
* **bilingual without a header**: two or three columns, source, target and a
  comment (OmegaT, Okapi), with `--languages`;
* anything else, with an explicit **column mapping** (`--columns`): which
  column holds a term in which language, a definition, a note, a status, a
  part of speech or the concept id, by position (1 = A) or by header name:
  `--columns "1=term:en,2=term:de,3=definition:en,4=status:de,5=concept"`.

The first language is the source language. A concept's id is the mapped id,
else the slug of its source-language term. Statuses go through the one
status policy (`statuses`): a term a file marks forbidden is never preferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, TermBaseError
from ..termbase import ids
from . import MAPPING_EXAMPLE, statuses
from .languages import language_code, language_name
from .result import Note, note

FIELDS = ("term", "definition", "note", "status", "pos", "concept", "ignore")
PER_LANGUAGE = ("term", "definition", "note", "status", "pos")
CROWDIN = re.compile(r"^\s*(Term|Description|Part)\s*:\s*(.+?)\s*$", re.IGNORECASE)
SOURCE_NAMES = {"source", "source term", "term", "src"}
TARGET_NAMES = {"target", "target term", "translation", "tgt"}
COMMENT_NAMES = {
    "comment",
    "comments",
    "note",
    "notes",
    "explanation",
    "description",
    "context",
    "translator_comments",
    "developer_comments",
    "remark",
    "remarks",
}
POS = {
    "noun": "noun",
    "n": "noun",
    "verb": "verb",
    "v": "verb",
    "adjective": "adjective",
    "adj": "adjective",
    "adverb": "adverb",
    "adv": "adverb",
    "propn": "properNoun",
    "proper noun": "properNoun",
    "propernoun": "properNoun",
}


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    field: str  # one of FIELDS
    lang: str | None = None


@dataclass
class Layout:
    name: str  # crowdin | bilingual | mapped
    columns: list[Column]
    languages: list[str]
    header: bool  # whether the first row names the columns (and is no entry)
    notes: list[Note] = field(default_factory=list)


def recognise(header: list[str], display: str, line: int, languages: list[str] | None, mapping: str | None) -> Layout:
    """The layout of a table from its first row, the --languages and the --columns given."""
    if mapping:
        return _mapped(header, mapping, display, line)
    names = [cell.strip() for cell in header]
    crowdin = [CROWDIN.match(n) for n in names]
    if any(crowdin):
        return _crowdin(names, crowdin, display, line)
    lowered = [n.lower() for n in names]
    if lowered and lowered[0] in SOURCE_NAMES and len(lowered) > 1 and lowered[1] in TARGET_NAMES:
        return _bilingual(len(names), languages, display, line, True, lowered)
    if 2 <= len(names) <= 3 and languages:
        return _bilingual(len(names), languages, display, line, False, lowered)
    shown = ", ".join(f"{i + 1}={n!r}" for i, n in enumerate(names[:8])) + (", ..." if len(names) > 8 else "")
    hint = (
        "a two- or three-column glossary (source, target, comment) without a header needs its languages: "
        "--languages SRC,TGT, e.g. --languages en,de; "
        if 2 <= len(names) <= 3
        else ""
    )
    raise TermBaseError(
        [
            Problem(
                display,
                line,
                1,
                (
                    f"the layout of this table is not one the import knows (our own export, Crowdin's Term:<Language> "
                    f"columns, or source,target); the first row is: {shown}. {hint}Say what each column holds, e.g. "
                    f"{MAPPING_EXAMPLE}"
                ),
            )
        ]
    )


def _bilingual(
    width: int, languages: list[str] | None, display: str, line: int, header: bool, names: list[str]
) -> Layout:
    if not languages or len(languages) != 2:
        raise TermBaseError(
            [
                Problem(
                    display,
                    line,
                    1,
                    (
                        "this is a bilingual glossary (source, target) that does not name its languages: "
                        "pass them as --languages SRC,TGT, e.g. --languages en,cs"
                    ),
                )
            ]
        )
    source, target = languages
    columns = [Column(0, "term", source), Column(1, "term", target)]
    for index in range(2, width):
        name = names[index] if header and index < len(names) else "comment"
        columns.append(Column(index, "note" if name in COMMENT_NAMES or not header else "ignore", source))
    layout = Layout("bilingual", columns, [source, target], header)
    for index in range(2, width):
        if columns[index].field == "ignore":
            layout.notes.append(
                note(
                    Problem(
                        display,
                        line,
                        index + 1,
                        (
                            f"column '{names[index]}' is not one the import knows: its values are ignored "
                            f'(map it with --columns, e.g. "{index + 1}=note:{source}")'
                        ),
                    ),
                    "dropped",
                )
            )
    return layout


def _crowdin(names: list[str], matches: list[re.Match[str] | None], display: str, line: int) -> Layout:
    columns, languages, layout_notes = [], [], []
    unknown = []
    for index, (name, match) in enumerate(zip(names, matches)):
        if match is None:
            if name:
                layout_notes.append(
                    note(
                        Problem(
                            display,
                            line,
                            index + 1,
                            (f"column '{name}' is not a Crowdin column: its values are ignored"),
                        ),
                        "dropped",
                    )
                )
            continue
        kind, language = match.group(1).lower(), match.group(2)
        code, how = language_code(language)
        if code is None:
            unknown.append(f"'{language}' (column {index + 1})")
            continue
        if how:
            layout_notes.append(
                note(Problem(display, line, index + 1, f"language '{language}' read as '{code}' ({how})"))
            )
        if code not in languages:
            languages.append(code)
        columns.append(Column(index, {"term": "term", "description": "definition", "part": "pos"}[kind], code))
    if unknown:
        raise TermBaseError(
            [
                Problem(
                    display,
                    line,
                    1,
                    (
                        f"unknown language names in the header: {', '.join(unknown)}: correct them, or give the columns "
                        f"with their language codes, e.g. {MAPPING_EXAMPLE}"
                    ),
                )
            ]
        )
    source = "en" if "en" in languages else languages[0]
    languages.remove(source)
    return Layout("crowdin", columns, [source, *languages], True, layout_notes)


def _mapped(header: list[str], mapping: str, display: str, line: int) -> Layout:
    """--columns "1=term:en,English=term:en,3=concept": by position (1 = A) or by header name."""
    names = {cell.strip().casefold(): i for i, cell in enumerate(header)}
    columns, languages = [], []
    by_name = False
    for part in (p.strip() for p in mapping.split(",") if p.strip()):
        key, _, what = part.partition("=")
        field_name, _, lang = what.strip().partition(":")
        key, field_name, lang = key.strip(), field_name.strip().lower(), lang.strip()
        if field_name not in FIELDS:
            raise TermBaseError(
                [
                    Problem(
                        "--columns",
                        1,
                        1,
                        (
                            f"'{part}': '{field_name}' is not something a column can hold; use one of {', '.join(FIELDS)}, "
                            f"e.g. {MAPPING_EXAMPLE}"
                        ),
                    )
                ]
            )
        if field_name in PER_LANGUAGE and not lang:
            raise TermBaseError(
                [
                    Problem(
                        "--columns",
                        1,
                        1,
                        (f"'{part}': say the language of the {field_name}s, e.g. '{key}={field_name}:en'"),
                    )
                ]
            )
        if key.isdigit() and int(key) >= 1:
            index = int(key) - 1
        elif key.casefold() in names:
            index, by_name = names[key.casefold()], True
        else:
            raise TermBaseError(
                [
                    Problem(
                        "--columns",
                        1,
                        1,
                        (
                            f"'{part}': no column '{key}': name a column by its position (1 = the first) or by its header "
                            f"({', '.join(repr(h.strip()) for h in header[:8])})"
                        ),
                    )
                ]
            )
        columns.append(Column(index, field_name, lang or None))
        if field_name == "term" and lang not in languages:
            languages.append(lang)
    if not languages:
        raise TermBaseError(
            [Problem("--columns", 1, 1, f"no column holds terms: map at least one, e.g. {MAPPING_EXAMPLE}")]
        )
    for column in columns:
        if column.lang and column.lang not in languages:
            raise TermBaseError(
                [
                    Problem(
                        "--columns",
                        1,
                        1,
                        (
                            f"column {column.index + 1} holds a {column.field} in '{column.lang}', but no column holds "
                            f"terms in '{column.lang}': map its terms too"
                        ),
                    )
                ]
            )
    header_row = by_name or _looks_like_header(header, columns)
    return Layout("mapped", columns, languages, header_row)


def _looks_like_header(row: list[str], columns: list[Column]) -> bool:
    """A first row that names its columns (term, English, status...) rather than holding an entry."""
    words = {
        "term",
        "terms",
        "definition",
        "note",
        "notes",
        "status",
        "concept",
        "id",
        "source",
        "target",
        "comment",
        "pos",
        "part of speech",
    }
    cells = [(row[c.index].strip().casefold(), c) for c in columns if c.index < len(row)]
    return any(
        cell in words
        or cell == (c.lang or "").casefold()
        or cell.split()[:1] == [(c.lang or "").casefold()]
        or language_code(cell)[0]
        for cell, c in cells
        if cell
    )


def assemble(layout: Layout, records: list[tuple[int, list[str]]], display: str) -> tuple[dict[str, Any], list[Note]]:
    """Term base data from the rows, and the notes on what the import decided."""
    notes = list(layout.notes)
    source = layout.languages[0]
    concepts: dict[str, Any] = {}
    seen_source: dict[str, int] = {}
    rows = records[1:] if layout.header else records
    for line, row in rows:
        cells = {c: " ".join(row[c.index].split()) if c.index < len(row) else "" for c in layout.columns}
        if not any(cells.values()):
            continue
        sections: dict[str, dict[str, Any]] = {}
        concept_id = ""
        for column, value in cells.items():
            if not value or column.field == "ignore":
                continue
            if column.field == "concept":
                concept_id = value
                continue
            section = sections.setdefault(column.lang or source, {"terms": []})
            if column.field == "term":
                section["terms"].append({"term": value, "status": None})
            elif column.field == "definition":
                if "definition" in section:
                    section.setdefault("notes", []).append(value)
                else:
                    section["definition"] = value
            elif column.field == "note":
                section.setdefault("notes", []).append(value)
            elif column.field == "status":
                section["written_status"] = (value, column.index)
            elif column.field == "pos":
                section["written_pos"] = (value, column.index)
        orphans = []
        for lang in list(sections):
            section = sections[lang]
            if not section["terms"]:
                texts = [t for t in (section.get("definition"), *section.get("notes", [])) if t]
                orphans += [f"{lang}: {t}" for t in texts]
                del sections[lang]
                continue
            _settle(section, lang, line, display, notes)
        if not sections:
            if orphans:
                notes.append(
                    note(
                        Problem(
                            display,
                            line,
                            1,
                            (f"dropped the row: it has texts ('{orphans[0][:40]}') but no term in any language"),
                        )
                    )
                )
            continue
        if source not in sections:
            notes.append(
                note(
                    Problem(
                        display, line, 1, (f"the row has no {source} term: its id is made from another language's term")
                    )
                )
            )
        home = sections.get(source) or next(iter(sections.values()))
        for orphan in orphans:  # a text with no term of its language: kept where a reader finds it
            home.setdefault("notes", []).append(orphan)
            notes.append(
                note(
                    Problem(
                        display,
                        line,
                        1,
                        (f"kept '{orphan[:40]}' as a note of the row's concept: its language has no term in this row"),
                    )
                )
            )
        base = ids.slugify(concept_id) if concept_id else ids.slugify(home["terms"][0]["term"], "concept")
        if concept_id and base != concept_id:
            notes.append(note(Problem(display, line, 1, f"id '{concept_id}' became the concept id '{base}'")))
        key = home["terms"][0]["term"].casefold()
        if not concept_id and key in seen_source:
            notes.append(
                note(
                    Problem(
                        display,
                        line,
                        1,
                        (
                            f"'{home['terms'][0]['term']}' is also on line {seen_source[key]}: kept as a second concept "
                            "(a homonym); merge the two in the term base if they mean the same"
                        ),
                    )
                )
            )
        seen_source.setdefault(key, line)
        cid = ids.unique(base if not ids.unusable(base) else f"{base}-term", concepts)
        concepts[cid] = {lang: sections[lang] for lang in layout.languages if lang in sections}
    data = {
        "source_language": source,
        "languages": {code: {"name": _name(code)} for code in layout.languages},
        "concepts": concepts,
    }
    return data, notes


def _settle(section: dict[str, Any], lang: str, line: int, display: str, notes: list[Note]) -> None:
    """The row's status for its term in this language, by the one policy: never more recommended than written."""
    written = section.pop("written_status", None)
    pos = section.pop("written_pos", None)
    term = section["terms"][0]

    def say(column: int, message: str, kind: str | None = None) -> None:
        notes.append(note(Problem(display, line, column + 1, message), kind))

    status = "preferred"
    if written:
        text, index = written
        found = statuses.status_of(text)
        if found is None and statuses.forbids(text):
            found = "deprecated"
        if found is None:
            say(
                index,
                f"status '{text}' of '{term['term']}' is no status the import knows: kept as admitted",
                "not-understood",
            )
            found = "admitted"
        elif not statuses.is_ours(text):
            say(index, f"status '{text}' of '{term['term']}' kept as '{found}'")
        status = found
        if statuses.settle([status]).none_acceptable:
            say(
                index,
                f"'{term['term']}' ({lang}) is the row's only term and is marked '{text}': the section has "
                "no preferred term; add the term to use",
                "warning",
            )
    term["status"] = status
    if pos:
        text, index = pos
        value = POS.get(text.strip().lower())
        if value is None:
            say(index, f"part of speech '{text}' of '{term['term']}' is not one the term base knows: dropped")
        else:
            term["pos"] = value


def _name(code: str) -> str:
    return language_name(code) or code
