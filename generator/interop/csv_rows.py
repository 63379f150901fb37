"""Reading a CSV table row by row: cells into values, rows into concepts, sections and terms,
each problem placed at its row (the line it starts on) and its spreadsheet column (1 = A)."""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from ..errors import Problem, TermBaseError
from ..termbase.model import STATUSES
from .csv_layout import (
    BOM,
    COLUMNS,
    ESCAPED,
    FALSE,
    ID_LISTS,
    SOURCE_COLUMN,
    TEXT_LISTS,
    TRUE,
)


def decode(raw: bytes, display: str) -> str:
    """UTF-8 with or without a BOM, or UTF-16 with its BOM (as Excel's "Unicode text" and Okapi
    write it); anything else is refused with the position of the first byte that is not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TermBaseError(
                [
                    Problem(
                        display,
                        1,
                        1,
                        (
                            f"the file starts as UTF-16 but byte {exc.start} is not: save it again as UTF-16 or, "
                            "better, as 'CSV UTF-8'"
                        ),
                    )
                ]
            ) from None
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    elif len(raw) > 1 and raw.count(b"\x00") > len(raw) // 4:
        raise TermBaseError(
            [
                Problem(
                    display,
                    1,
                    1,
                    (
                        "the file looks like UTF-16 without a byte order mark: save it as 'CSV UTF-8' "
                        "(in Excel: File › Save As › CSV UTF-8) and import it again"
                    ),
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise TermBaseError(
            [
                Problem(
                    display,
                    line,
                    column,
                    "the file is not valid UTF-8: save it as 'CSV UTF-8' (in Excel: "
                    "File › Save As › CSV UTF-8) and import it again",
                )
            ]
        ) from None


def header_name(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().lower())


DELIMITERS = (",", ";", "\t")  # comma; semicolon as German and Dutch Excel write it; tab


def delimiter(text: str) -> str:
    """The delimiter that makes the most of our column names out of the header row; for
    other tables, the one that splits the most lines alike (tab, comma or semicolon)."""
    first = text.split("\n", 1)[0]
    best, best_count = ",", 0
    for candidate in DELIMITERS:
        try:
            names = next(csv.reader([first], delimiter=candidate), [])
        except csv.Error:
            continue
        count = sum(header_name(n) in COLUMNS for n in names)
        if count > best_count:
            best, best_count = candidate, count
    if best_count >= 2:
        return best
    lines = [line for line in text.split("\n")[:50] if line.strip()]
    scores = {}
    for candidate in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=candidate)]
        except csv.Error:
            continue
        split = [w for w in widths if w > 1]
        common = max(split.count(w) for w in set(split)) if split else 0
        scores[candidate] = (common, len(split))
    return max(DELIMITERS, key=lambda d: (scores.get(d, (0, 0)), d == "\t"))


def unescape(cell: str) -> str:
    return cell[1:] if ESCAPED.match(cell) else cell


class RowReader:
    """Collects what the rows say, and every problem with its line and column."""

    def __init__(self, display: str):
        self.display = display
        self.errors: list[Problem] = []
        self.reports: list[Problem] = []
        self.columns: dict[str, int] = {}
        self.languages: dict[str, dict[str, Any]] = {}  # code -> {name, title, source, line}
        self.sources: dict[str, dict[str, Any]] = {}
        self.source_lines: dict[str, int] = {}
        self.concepts: dict[str, dict[str, Any]] = {}
        self.term_langs: list[str] = []  # languages seen in term rows, in order (when there are no language rows)

    def error(self, line: int, column: str | None, message: str) -> None:
        self.errors.append(Problem(self.display, line, self.columns.get(column, 0) + 1 if column else 1, message))

    def report(self, line: int, column: str | None, message: str) -> None:
        self.reports.append(Problem(self.display, line, self.columns.get(column, 0) + 1 if column else 1, message))

    # cells ------------------------------------------------------------------

    def enum(self, line: int, column: str, value: str, allowed: list[str]) -> str | None:
        value = value.strip()
        if not value:
            return None
        for option in allowed:
            if option.casefold() == value.casefold():
                return option
        self.error(line, column, f"'{value}' is not allowed in column '{column}': use one of {', '.join(allowed)}")
        return None

    def boolean(self, line: int, column: str, value: str) -> bool:
        folded = value.strip().casefold()
        if folded in TRUE:
            return True
        if folded not in FALSE:
            self.error(
                line, column, f"'{value}' in column '{column}' is not true or false: write true, or leave it empty"
            )
        return False

    def ids(self, line: int, column: str, value: str) -> list[str]:
        value = value.strip()
        if value.startswith("["):
            try:
                items = json.loads(value)
            except (ValueError, RecursionError):  # RecursionError: lists nested too deeply
                items = None
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                self.error(line, column, f"column '{column}' is not a list of ids: write them as 'a | b'")
                return []
            return [i.strip() for i in items if i.strip()]
        return [i for i in re.split(r"[|,;\s]+", value) if i]

    def texts(self, line: int, column: str, value: str) -> list[str]:
        if not value.strip():
            return []
        if value.lstrip().startswith("["):
            try:
                items = json.loads(value)
            except (ValueError, RecursionError):  # RecursionError: lists nested too deeply
                items = None
            if isinstance(items, list) and all(isinstance(i, str) for i in items):
                return [i for i in items if i]
            if value.rstrip().endswith("]") and items is None:
                self.error(
                    line,
                    column,
                    f"column '{column}' looks like a JSON list but is not one: write "
                    '["first", "second"] (double quotes, \\" for a quote inside), or one text',
                )
                return []
        return [value]

    # rows -------------------------------------------------------------------

    def merge(self, target: dict[str, Any], name: str, value: Any, line: int, owner: str) -> None:
        """Set a concept- or section-level field; rows of one owner must agree on it."""
        if value in (None, "", []):
            return
        if name not in target:
            target[name] = (value, line)
        elif target[name][0] != value:
            self.error(
                line,
                name,
                f"{owner} has a different '{name}' here than on line {target[name][1]}: "
                "give the same value on every row, or leave it empty after the first",
            )

    def language_row(self, line: int, cell: dict[str, str]) -> None:
        code = cell["lang"].strip()
        if not code:
            self.error(line, "lang", "a language row needs its language code in column 'lang' (en, de, nl, ...)")
            return
        if code in self.languages:
            self.error(
                line,
                "lang",
                f"language '{code}' has a row already on line {self.languages[code]['line']}: remove the repeat",
            )
            return
        name = cell["language_name"].strip()
        if not name:
            self.error(
                line, "language_name", f"language '{code}' needs its name in column 'language_name' (e.g. Deutsch)"
            )
        self.languages[code] = {
            "name": name,
            "title": cell["glossary_title"],
            "source": self.boolean(line, "is_source_language", cell["is_source_language"]),
            "line": line,
        }

    def source_row(self, line: int, cell: dict[str, str]) -> None:
        sid = cell["source_id"].strip()
        if not sid:
            self.error(line, "source_id", "a source row needs an id in column 'source_id'")
            return
        if sid in self.sources:
            self.error(
                line,
                "source_id",
                f"source '{sid}' has a row already on line {self.source_lines[sid]}: remove the repeat",
            )
            return
        if not cell["source_title"]:
            self.error(line, "source_title", f"source '{sid}' needs a title in column 'source_title'")
        spec: dict[str, Any] = {}
        for name in ("title", "author", "publisher", "date", "url", "lang", "note"):
            column = SOURCE_COLUMN.get(name, name)
            value = cell[column].strip() if name in ("date", "url", "lang") else cell[column]
            if value:
                spec[name] = value
        self.sources[sid] = spec
        self.source_lines[sid] = line

    def concept_entry(self, line: int, cell: dict[str, str]) -> dict[str, Any] | None:
        cid = cell["concept"].strip()
        if not cid:
            self.error(line, "concept", "the row has no concept id in column 'concept': fill it in")
            return None
        entry = self.concepts.setdefault(cid, {"line": line, "fields": {}, "sections": {}})
        owner = f"concept '{cid}'"
        if cell["subject"]:
            self.merge(entry["fields"], "subject", cell["subject"], line, owner)
        for name in ID_LISTS:
            if cell[name].strip():
                self.merge(entry["fields"], name, self.ids(line, name, cell[name]), line, owner)
        return entry

    def term_row(self, line: int, cell: dict[str, str], schema_enums: dict[str, list[str]]) -> None:
        entry = self.concept_entry(line, cell)
        lang = cell["lang"].strip()
        text = cell["term"]
        if not lang:
            self.error(line, "lang", "the row has no language code in column 'lang': fill it in")
        if not text:
            self.error(line, "term", "the row has no term in column 'term': fill it in or delete the row")
        status = cell["status"].strip()
        if not status:
            self.error(line, "status", f"the row has no status: use one of {', '.join(STATUSES)}")
            status_ok = None
        else:
            status_ok = self.enum(line, "status", status, list(STATUSES))
        term: dict[str, Any] = {"term": text, "status": status_ok}
        for name in ("pos", "gender", "type"):
            value = self.enum(line, name, cell[name], schema_enums[name])
            if value:
                term[name] = value
        if cell["plural"]:
            term["plural"] = cell["plural"]
        if cell["term_note"]:
            term["note"] = cell["term_note"]
        if self.boolean(line, "same_as_source", cell["same_as_source"]):
            term["same_as_source"] = True
        if entry is None or not lang or not text:
            return
        if lang not in self.term_langs:
            self.term_langs.append(lang)
        section = entry["sections"].setdefault(lang, {"line": line, "fields": {}, "terms": []})
        owner = f"concept '{cell['concept'].strip()}' in '{lang}'"
        if cell["definition"]:
            self.merge(section["fields"], "definition", cell["definition"], line, owner)
        for name in TEXT_LISTS:
            self.merge(section["fields"], name, self.texts(line, name, cell[name]), line, owner)
        for other, other_line in section["terms"]:
            if other["term"] == text and other.get("pos") == term.get("pos"):
                self.error(
                    line,
                    "term",
                    f"duplicate row: the term '{text}' of {owner} is on line {other_line} "
                    "already: remove one of the rows",
                )
                return
            if status_ok == "preferred" and other["status"] == "preferred":
                self.error(
                    line,
                    "status",
                    f"{owner} has a second preferred term ('{text}'; the first, "
                    f"'{other['term']}', is on line {other_line}): keep one preferred and "
                    "mark the others admitted or deprecated",
                )
                return
        section["terms"].append((term, line))
