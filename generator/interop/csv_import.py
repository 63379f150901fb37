"""CSV import: a table in the layout `csv_export` writes (see `csv_layout`) into term base data.

Problems carry the line where the row starts and the spreadsheet column (1 = A).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from ..errors import Problem, TermBaseError
from ..termbase import loader, schema
from ..termbase.model import STATUSES
from .csv_layout import (
    BOM,
    COLUMNS,
    CONCEPT_FIELDS,
    ESCAPED,
    FALSE,
    ID_LISTS,
    RECORDS,
    REQUIRED,
    SECTION_FIELDS,
    SOURCE_COLUMN,
    TERM_COLUMN,
    TEXT_LISTS,
    TRUE,
    USES,
)
from .result import ImportResult


def _decode(raw: bytes, display: str) -> str:
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
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


def _header_name(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().lower())


def _delimiter(text: str) -> str:
    """The delimiter that makes the most known column names out of the header row."""
    first = text.split("\n", 1)[0]
    best, best_count = ",", 0
    for delimiter in (",", ";", "\t"):
        try:
            names = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        count = sum(_header_name(n) in COLUMNS for n in names)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _unescape(cell: str) -> str:
    return cell[1:] if ESCAPED.match(cell) else cell


class _Reader:
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


def import_csv(raw: bytes, display: str) -> ImportResult:
    """Read a CSV table (the layout `export_csv` writes) into term base data.

    Rows that cannot be used but do not make the data wrong (unknown columns,
    unknown record kinds, values in columns a row kind does not use) are
    dropped and reported; anything that would make the term base wrong raises
    TermBaseError with every problem found.
    """
    text = _decode(raw, display)
    if not text.strip():
        raise TermBaseError([Problem(display, 1, 1, "the file is empty: export a term base to see the layout")])
    reader = _Reader(display)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for row in rows:
            records.append((last + 1, row))
            last = rows.line_num
    except csv.Error as exc:
        message = f"the CSV cannot be read here ({exc}): check the quotes of this row"
        if "field larger than field limit" in str(exc):
            message = (
                f"a cell from this row on is longer than {csv.field_size_limit()} characters, more than "
                "the importer reads: shorten it, or close its quote if the cell should end sooner"
            )
        raise TermBaseError([Problem(display, last + 1, 1, message)]) from None
    header_line, header = records[0]
    for index, cell in enumerate(header):
        name = _header_name(cell)
        if not name:
            continue
        if name in reader.columns:
            reader.error(
                header_line,
                None,
                f"column '{name}' appears twice in the header (columns "
                f"{reader.columns[name] + 1} and {index + 1}): remove one",
            )
        elif name in COLUMNS:
            reader.columns[name] = index
        else:
            reader.report(
                header_line,
                None,
                f"column '{cell.strip()}' (column {index + 1}) is not one this importer knows: its values are ignored",
            )
    missing = [name for name in REQUIRED if name not in reader.columns]
    if missing:
        reader.error(
            header_line,
            None,
            f"the header row lacks the column(s) {', '.join(missing)}: the first row "
            f"must name the columns, e.g. {','.join(COLUMNS)}",
        )
    if reader.errors:
        raise TermBaseError(reader.errors)

    schema_enums = {name: schema.term_values(name) for name in ("pos", "gender", "type")}
    for line, row in records[1:]:
        if not any(c.strip() for c in row):
            continue
        values = [_unescape(c) for c in row]
        cell = {name: values[i] if i < len(values) else "" for name, i in reader.columns.items()}
        for name in COLUMNS:
            cell.setdefault(name, "")
        if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
            reader.report(
                line,
                None,
                f"the row has more cells than the header has columns: the cells after column {len(header)} are ignored",
            )
        record = cell["record"].strip().lower() or "term"
        if record not in RECORDS:
            reader.report(
                line,
                "record",
                f"unknown record kind '{cell['record'].strip()}': the row is ignored "
                f"(record is one of {', '.join(RECORDS)})",
            )
            continue
        unused = [name for name in COLUMNS if cell[name].strip() and name not in USES[record]]
        if unused:
            reader.report(
                line,
                unused[0],
                f"a {record} row does not use the column(s) {', '.join(unused)}: their values here are ignored",
            )
        if record == "language":
            reader.language_row(line, cell)
        elif record == "source":
            reader.source_row(line, cell)
        elif record == "concept":
            reader.concept_entry(line, cell)
        else:
            reader.term_row(line, cell, schema_enums)

    data = _assemble(reader, header_line)
    if reader.errors:
        raise TermBaseError(reader.errors)
    _validate(data, reader)
    return ImportResult(data=data, reports=sorted(reader.reports, key=lambda p: (p.line, p.column)))


def _assemble(reader: _Reader, header_line: int) -> dict[str, Any]:
    """Term base data in the structure (and key order) of terms/termbase.yaml."""
    display = reader.display
    languages = reader.languages
    if not languages:
        languages = {
            code: {"name": code, "title": "", "source": i == 0, "line": header_line}
            for i, code in enumerate(reader.term_langs)
        }
        if languages:
            reader.reports.append(
                Problem(
                    display,
                    header_line,
                    1,
                    (
                        "there are no language rows: the languages are taken from column 'lang' and named by their codes "
                        f"({', '.join(languages)}), with '{next(iter(languages))}' as the source language; add rows with "
                        "record = language to name them"
                    ),
                )
            )
        else:
            reader.error(
                header_line,
                None,
                "the file declares no language and has no term rows: add rows with "
                "record = language and rows with terms",
            )
    flagged = [code for code, spec in languages.items() if spec["source"]]
    source_language = flagged[0] if flagged else next(iter(languages), "")
    if len(flagged) > 1:
        for code in flagged[1:]:
            reader.error(
                languages[code]["line"],
                "is_source_language",
                f"'{code}' is marked as the source language, and so is '{flagged[0]}' (line "
                f"{languages[flagged[0]]['line']}): mark exactly one",
            )
    elif not flagged and reader.languages:
        reader.error(
            next(iter(languages.values()))["line"],
            "is_source_language",
            "no language row is marked as the source language: write true in column "
            "'is_source_language' of one of them",
        )
    unknown: dict[str, tuple[int, str]] = {}
    for cid, entry in reader.concepts.items():
        for lang, section in entry["sections"].items():
            if lang not in languages and (lang not in unknown or section["line"] < unknown[lang][0]):
                unknown[lang] = (section["line"], cid)
    for lang, (line, cid) in unknown.items():
        reader.error(
            line,
            "lang",
            (
                f"language '{lang}' of concept '{cid}' (and of any later row that uses it) has no language row: "
                f"add one (record = language) or correct the code (declared: {', '.join(languages)})"
            ),
        )
    data: dict[str, Any] = {}
    title = {code: spec["title"] for code, spec in languages.items() if spec["title"]}
    if title:
        data["title"] = title
    data["source_language"] = source_language
    data["languages"] = {code: {"name": spec["name"]} for code, spec in languages.items()}
    if reader.sources:
        data["sources"] = reader.sources
    concepts: dict[str, Any] = {}
    for cid, entry in reader.concepts.items():
        concept: dict[str, Any] = {}
        for name in CONCEPT_FIELDS:
            if name in entry["fields"]:
                concept[name] = entry["fields"][name][0]
        for lang in languages:
            section = entry["sections"].get(lang)
            if section is None:
                continue
            out: dict[str, Any] = {"terms": [term for term, _ in section["terms"]]}
            for name in SECTION_FIELDS:
                if name in section["fields"]:
                    out[name] = section["fields"][name][0]
            concept[lang] = out
        concepts[cid] = concept
    data["concepts"] = concepts
    return data


def _validate(data: dict[str, Any], reader: _Reader) -> None:
    """The loader's own checks (schema and meaning), placed on the rows the data came from."""
    findings = loader.data_findings(data)
    if not findings:
        return
    problems = []
    for path, _at_key, message in findings:
        line, column = _locate(path, reader)
        problems.append(Problem(reader.display, line, reader.columns.get(column, 0) + 1 if column else 1, message))
    raise TermBaseError(problems)


def _locate(path: tuple[Any, ...], reader: _Reader) -> tuple[int, str | None]:
    """The row and column a path into the assembled data came from."""
    first = 1
    head = path[0] if path else None
    if head == "concepts" and len(path) > 1 and path[1] in reader.concepts:
        entry = reader.concepts[path[1]]
        if len(path) == 2:
            return entry["line"], "concept"
        key = path[2]
        if key in entry["fields"]:
            return entry["fields"][key][1], key
        section = entry["sections"].get(key)
        if section is not None:
            if len(path) > 4 and path[3] == "terms" and isinstance(path[4], int) and path[4] < len(section["terms"]):
                name = path[5] if len(path) > 5 else "term"
                return section["terms"][path[4]][1], TERM_COLUMN.get(name, name)
            if len(path) > 3 and path[3] in section["fields"]:
                return section["fields"][path[3]][1], path[3]
            return section["line"], "lang"
        return entry["line"], "concept"
    if head == "sources" and len(path) > 1 and path[1] in reader.source_lines:
        name = path[2] if len(path) > 2 else "id"
        return reader.source_lines[path[1]], SOURCE_COLUMN.get(name, name)
    if head in ("languages", "title") and len(path) > 1 and path[1] in reader.languages:
        return reader.languages[path[1]]["line"], "lang" if head == "languages" else "glossary_title"
    if head == "source_language":
        for spec in reader.languages.values():
            if spec["source"]:
                return spec["line"], "lang"
    return first, None
