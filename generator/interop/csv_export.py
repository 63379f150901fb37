"""CSV export: the whole term base as one table (layout and conventions: `csv_layout`)."""

from __future__ import annotations

import csv
import io
import json

from ..termbase.model import Concept, LangSection, TermBase
from .csv_layout import BOM, COLUMNS, DANGEROUS, ID_LISTS, ID_SEPARATOR, SOURCE_COLUMN, TERM_COLUMN


def _escape(value: str) -> str:
    return "'" + value if DANGEROUS.match(value) else value


def _ids(values: tuple[str, ...]) -> str:
    return ID_SEPARATOR.join(values)


def _texts(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False) if values else ""


def _concept_cells(concept: Concept) -> dict[str, str]:
    cells = {name: _ids(getattr(concept, name)) for name in ID_LISTS}
    cells["subject"] = concept.subject or ""
    return cells


def _section_cells(section: LangSection) -> dict[str, str]:
    return {
        "definition": section.definition or "",
        "notes": _texts(section.notes),
        "examples": _texts(section.examples),
    }


def export_csv(termbase: TermBase) -> bytes:
    """The whole term base as one CSV table (layout and conventions: module docstring)."""
    rows: list[dict[str, str]] = []
    for code, language in termbase.languages.items():
        rows.append(
            {
                "record": "language",
                "lang": code,
                "language_name": language.name,
                "is_source_language": "true" if code == termbase.source_language else "",
                "glossary_title": termbase.title.get(code, ""),
            }
        )
    for source in termbase.sources.values():
        row = {"record": "source"}
        for name, value in source._asdict().items():
            row[SOURCE_COLUMN.get(name, name)] = value or ""
        rows.append(row)
    for concept in termbase.concepts.values():
        concept_cells = _concept_cells(concept)
        if not concept.langs:
            rows.append({"record": "concept", "concept": concept.id, **concept_cells})
        for lang, section in concept.langs.items():
            section_cells = _section_cells(section)
            for term in section.terms:
                row = {"record": "term", "concept": concept.id, "lang": lang}
                for name, value in term._asdict().items():
                    if name == "same_as_source":
                        value = "true" if value else ""
                    row[TERM_COLUMN.get(name, name)] = value or ""
                rows.append({**row, **section_cells, **concept_cells})
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_escape(row.get(name, "")) for name in COLUMNS])
    return BOM + out.getvalue().encode("utf-8")
