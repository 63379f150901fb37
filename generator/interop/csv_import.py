"""CSV import: a table in the layout `csv_export` writes (see `csv_layout`) into term base data.

Problems carry the line where the row starts and the spreadsheet column (1 = A).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..errors import Problem, TermBaseError
from ..termbase import loader, schema
from . import csv_layouts
from .csv_layout import (
    COLUMNS,
    CONCEPT_FIELDS,
    RECORDS,
    REQUIRED,
    SECTION_FIELDS,
    SOURCE_COLUMN,
    TERM_COLUMN,
    USES,
)
from .csv_rows import RowReader, decode, delimiter, header_name, unescape
from .result import ImportResult, note


def import_csv(
    raw: bytes, display: str, languages: list[str] | None = None, columns: str | None = None
) -> ImportResult:
    """Read a CSV or TSV table into term base data: our own export's layout, or one other tools
    write (see `csv_layouts`), or any table with an explicit column mapping (`columns`).

    Rows that cannot be used but do not make the data wrong (unknown columns,
    unknown record kinds, values in columns a row kind does not use) are
    dropped and reported; anything that would make the term base wrong raises
    TermBaseError with every problem found.
    """
    text = decode(raw, display)
    if not text.strip():
        raise TermBaseError([Problem(display, 1, 1, "the file is empty: export a term base to see the layout")])
    separator = delimiter(text)
    records = _records(text, display, separator)
    header_line, header = records[0]
    ours = {header_name(cell) for cell in header} & {"lang", "record"}  # columns only our own layout has
    if columns or not ours:
        layout = csv_layouts.recognise(header, display, header_line, languages, columns)
        data, notes = csv_layouts.assemble(layout, records, display)
        _validate_foreign(data, display)
        kind = {",": "CSV", ";": "CSV with semicolons", "\t": "tab-separated"}[separator]
        return ImportResult(data, notes, f"{display} ({kind}, {layout.name} layout)")
    return _import_ours(records, display)


def _records(text: str, display: str, separator: str) -> list[tuple[int, list[str]]]:
    """Every row with the line it starts on (CRLF, LF and a lone CR each end a line)."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
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
    return records


def _validate_foreign(data: dict[str, Any], display: str) -> None:
    findings = loader.data_findings(data)
    if findings:
        raise TermBaseError(
            [Problem(display, 1, 1, f"{schema.where(path)}: {message}") for path, _, message in findings]
        )


def _import_ours(records: list[tuple[int, list[str]]], display: str) -> ImportResult:
    """Our own export's layout (see `csv_layout`)."""
    reader = RowReader(display)
    header_line, header = records[0]
    for index, cell in enumerate(header):
        name = header_name(cell)
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
        values = [unescape(c) for c in row]
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
    notes = [note(p) for p in sorted(reader.reports, key=lambda p: (p.line, p.column))]
    return ImportResult(data, notes, f"{display} (CSV, the layout glossary export writes)")


def _assemble(reader: RowReader, header_line: int) -> dict[str, Any]:
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


def _validate(data: dict[str, Any], reader: RowReader) -> None:
    """The loader's own checks (schema and meaning), placed on the rows the data came from."""
    findings = loader.data_findings(data)
    if not findings:
        return
    problems = []
    for path, _at_key, message in findings:
        line, column = _locate(path, reader)
        problems.append(Problem(reader.display, line, reader.columns.get(column, 0) + 1 if column else 1, message))
    raise TermBaseError(problems)


def _locate(path: tuple[Any, ...], reader: RowReader) -> tuple[int, str | None]:
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
