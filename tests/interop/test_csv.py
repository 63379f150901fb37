"""CSV export and import: the whole term base survives a round trip, spreadsheets cannot
run its cells as formulas, and bad files are refused with the line to fix."""

from __future__ import annotations

import csv
import io
import re

import pytest
import yaml
from conftest import MINI, TERMBASE

from generator.errors import TermBaseError
from generator.interop.csv_export import export_csv
from generator.interop.csv_import import import_csv
from generator.interop.csv_layout import COLUMNS
from generator.termbase import loader, strict_yaml
from generator.termbase.model import build_termbase

BOM = b"\xef\xbb\xbf"


def table(raw: bytes) -> list[list[str]]:
    """The cells as written in the file (quotes of the formula guard included)."""
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def to_csv(rows: list[list[str]], delimiter: str = ",", newline: str = "\r\n", bom: bool = True) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return (BOM if bom else b"") + out.getvalue().encode("utf-8")


def data_of(path) -> dict:
    return strict_yaml.load(path.read_text("utf-8"))[0]


def errors(raw: bytes) -> list[tuple[int, int, str]]:
    with pytest.raises(TermBaseError) as info:
        import_csv(raw, "terms.csv")
    assert all(p.file == "terms.csv" for p in info.value.problems)
    assert str(info.value).startswith("terms.csv:")
    return [(p.line, p.column, p.message) for p in info.value.problems]


def col(name: str) -> int:
    return COLUMNS.index(name)


# --- round trips ---------------------------------------------------------------


@pytest.mark.parametrize("path", [TERMBASE, MINI], ids=["project", "mini"])
def test_round_trip_keeps_every_field_and_the_bytes(path):
    termbase = loader.load(path)
    first = export_csv(termbase)
    result = import_csv(first, "terms.csv")
    assert result.reports == []
    assert result.data == data_of(path)  # the YAML's own data, field for field
    again = build_termbase(result.data, "terms.csv")
    assert again.concepts == termbase.concepts
    assert again.sources == termbase.sources
    assert again.title == termbase.title
    assert again.languages == termbase.languages
    assert list(again.languages) == list(termbase.languages)
    assert again.source_language == termbase.source_language
    assert export_csv(again) == first


def test_file_is_excel_friendly_utf8_with_bom_crlf_and_a_stable_header():
    raw = export_csv(loader.load(TERMBASE))
    assert raw.startswith(BOM)
    text = raw[3:].decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare LF outside quoted multi-line cells
    rows = table(raw)
    assert rows[0] == list(COLUMNS)
    assert rows[0][:5] == ["record", "concept", "lang", "term", "status"]
    kinds = [row[0] for row in rows[1:]]
    assert kinds[:3] == ["language"] * 3 and set(kinds) == {"language", "source", "term"}
    language = {row[col("lang")]: row for row in rows if row[0] == "language"}
    assert language["en"][col("is_source_language")] == "true"
    assert language["de"][col("glossary_title")] == "Glossar Service-Management"
    customer = [row for row in rows if row[col("concept")] == "customer" and row[col("lang")] == "de"]
    assert [row[col("term")] for row in customer] == ["Kunde", "Auftraggeber", "Klient"]
    # concept and section values repeat on every row; id lists are "a | b"; text lists are JSON
    assert {row[col("narrower")] for row in customer} == {
        "customer-organization | authorized-representative | end-customer | consumer"
    }
    assert len({row[col("notes")] for row in customer}) == 1 and customer[0][col("notes")].startswith('["')


TRICKY = {
    "title": {"en": "=cmd|' /C calc'!A0", "de": "'Glossar'"},
    "source_language": "en",
    "languages": {"en": {"name": "English"}, "de": {"name": "-Deutsch"}},
    "sources": {
        "s1": {"title": "@SUM(1+1)", "url": "https://example.org/x", "note": "-note"},
        "unused": {"title": "Never cited", "lang": "de"},
    },
    "concepts": {
        "formula": {
            "subject": "+x",
            "related": ["empty"],
            "sources": ["s1"],
            "en": {
                "terms": [
                    {"term": '=HYPERLINK("http://evil.example/","click")', "status": "preferred"},
                    {"term": "-1", "status": "admitted", "note": "@SUM(A1:A2)"},
                    {"term": "+x", "status": "deprecated", "note": "\tTab first", "plural": "\rCR first"},
                    {"term": "@SUM", "status": "admitted", "pos": "noun", "type": "acronym"},
                    {"term": "'tis", "status": "admitted", "note": "a real leading apostrophe"},
                    {"term": "'=already quoted", "status": "admitted"},
                    {"term": "''-two quotes", "status": "admitted"},
                ],
                "definition": "=1+2, which is not a formula here,\r\non two lines",
                "notes": ["=first", "line one\nline two", 'a | pipe, "quotes", ; and \\ backslash'],
                "examples": ["[not a list]", "-"],
            },
            "de": {"terms": [{"term": "Formel", "status": "preferred", "gender": "feminine", "same_as_source": True}]},
        },
        "empty": {"homonyms": ["formula"], "diagrams": ["overview"]},
    },
}


def tricky_termbase():
    return loader.load_text(yaml.safe_dump(TRICKY, allow_unicode=True, sort_keys=False), "tricky.yaml")


def test_formula_cells_are_escaped_in_the_file_and_come_back_exactly():
    raw = export_csv(tricky_termbase())
    cells = [cell for row in table(raw) for cell in row]
    for cell in cells:  # nothing a spreadsheet would evaluate
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    for written in (
        '\'=HYPERLINK("http://evil.example/","click")',
        "'-1",
        "'+x",
        "'@SUM",
        "'@SUM(A1:A2)",
        "'=1+2, which is not a formula here,\r\non two lines",
        "'\tTab first",
        "'\rCR first",
        "'=cmd|' /C calc'!A0",
        "'-Deutsch",
        "'@SUM(1+1)",
        "'-note",
        "''=already quoted",
        "'''-two quotes",
    ):
        assert written in cells, written
    assert "'tis" in cells and "'Glossar'" in cells  # real apostrophes not followed by a formula sign: as they are
    result = import_csv(raw, "tricky.csv")
    assert result.data == TRICKY
    assert export_csv(build_termbase(result.data, "x")) == raw


def test_concept_without_language_sections_survives_as_a_concept_row():
    rows = table(export_csv(tricky_termbase()))
    concept_rows = [row for row in rows if row[0] == "concept"]
    assert len(concept_rows) == 1 and concept_rows[0][col("concept")] == "empty"
    assert concept_rows[0][col("homonyms")] == "formula"


# --- what spreadsheets and people do to the file -----------------------------------


def test_reads_semicolons_lf_and_no_bom():
    termbase = loader.load(TERMBASE)
    rows = table(export_csv(termbase))
    raw = to_csv(rows, delimiter=";", newline="\n", bom=False)
    assert import_csv(raw, "excel.csv").data == data_of(TERMBASE)
    tabs = to_csv(rows, delimiter="\t", newline="\n", bom=False)
    assert import_csv(tabs, "excel.tsv").data == data_of(TERMBASE)


def test_concept_and_section_values_may_be_given_on_the_first_row_only():
    rows = table(export_csv(loader.load(TERMBASE)))
    seen_concepts, seen_sections = set(), set()
    concept_cols = [col(n) for n in ("subject", "broader", "narrower", "related", "homonyms", "sources", "diagrams")]
    section_cols = [col(n) for n in ("definition", "notes", "examples")]
    for row in rows[1:]:
        if row[0] != "term":
            continue
        cid, lang = row[col("concept")], row[col("lang")]
        if cid in seen_concepts:
            for i in concept_cols:
                row[i] = ""
        if (cid, lang) in seen_sections:
            for i in section_cols:
                row[i] = ""
        seen_concepts.add(cid)
        seen_sections.add((cid, lang))
    assert import_csv(to_csv(rows), "sparse.csv").data == data_of(TERMBASE)


def test_a_hand_made_sheet_with_only_the_required_columns():
    raw = (
        b"Concept;Lang;Term;Status;Definition;Notes;Broader\n"
        b"customer;en;customer;Preferred;Party that receives services.;One note, not a list;\n"
        b"customer;en;client;admitted;;;\n"
        b"end-customer;en;end customer;preferred;;;customer, \n"
        b'customer;de;Kunde;preferred;;["a", "b"];\n'
    )
    result = import_csv(raw, "hand.csv")
    assert result.data == {
        "source_language": "en",
        "languages": {"en": {"name": "en"}, "de": {"name": "de"}},
        "concepts": {
            "customer": {
                "en": {
                    "terms": [{"term": "customer", "status": "preferred"}, {"term": "client", "status": "admitted"}],
                    "definition": "Party that receives services.",
                    "notes": ["One note, not a list"],
                },
                "de": {"terms": [{"term": "Kunde", "status": "preferred"}], "notes": ["a", "b"]},
            },
            "end-customer": {
                "broader": ["customer"],
                "en": {"terms": [{"term": "end customer", "status": "preferred"}]},
            },
        },
    }
    assert [(p.line, p.message.split(":")[0]) for p in result.reports] == [(1, "there are no language rows")]
    loader.load_text(yaml.safe_dump(result.data), "hand.yaml")  # what the import gives, the loader accepts


def test_unknown_columns_and_record_kinds_are_dropped_and_reported():
    rows = table(export_csv(loader.load(MINI)))
    rows[0].append("comment")
    for row in rows[1:]:
        row.append("")
    rows[5][-1] = "reviewed"
    rows.insert(3, ["memo", "", "", "looks odd"] + [""] * (len(COLUMNS) - 3))
    result = import_csv(to_csv(rows), "extra.csv")
    assert result.data == data_of(MINI)
    found = [(p.line, p.column, p.message) for p in result.reports]
    assert found[0][:2] == (1, 1) and "'comment'" in found[0][2] and "ignored" in found[0][2]
    assert found[1][0] == 4 and "unknown record kind 'memo'" in found[1][2]


# --- bad input -----------------------------------------------------------------


def mini_rows() -> list[list[str]]:
    return table(export_csv(loader.load(MINI)))  # no cell spans lines: row i is on line i + 1


def term_row(rows, concept, lang, term) -> int:
    return next(
        i
        for i, row in enumerate(rows)
        if row[0] == "term" and row[col("concept")] == concept and row[col("lang")] == lang and row[col("term")] == term
    )


def test_not_utf8_says_where_and_how_to_save():
    raw = export_csv(loader.load(MINI)).decode("utf-8").replace("Übersicht", "{}").encode("utf-8")
    raw = raw.replace(b"{}", "Übersicht".encode("cp1252"))
    line = raw[3:].split(b"\r\n").index(next(l for l in raw[3:].split(b"\r\n") if b"\xdc" in l)) + 1
    [(at, column, message)] = errors(raw)
    assert at == line and column > 1 and "UTF-8" in message and "Save As" in message


def test_missing_required_columns():
    [(line, column, message)] = errors(b"concept,lang,term\r\ncustomer,en,customer\r\n")
    assert (line, column) == (1, 1) and "status" in message and "record,concept,lang" in message


def test_unknown_status_names_line_column_and_choices():
    rows = mini_rows()
    i = term_row(rows, "customer", "de", "Klient")
    rows[i][col("status")] = "obsolete"
    [(line, column, message)] = errors(to_csv(rows))
    assert (line, column) == (i + 1, col("status") + 1)
    assert "'obsolete'" in message and "preferred, admitted, deprecated" in message


def test_two_preferred_terms_in_one_language():
    rows = mini_rows()
    i = term_row(rows, "customer", "nl", "opdrachtgever")
    rows[i][col("status")] = "preferred"
    [(line, column, message)] = errors(to_csv(rows))
    first = term_row(rows, "customer", "nl", "klant") + 1
    assert (line, column) == (i + 1, col("status") + 1)
    assert "second preferred" in message and f"line {first}" in message and "admitted or deprecated" in message


def test_duplicate_rows():
    rows = mini_rows()
    i = term_row(rows, "user", "en", "consumer")
    rows.insert(i + 1, list(rows[i]))
    [(line, column, message)] = errors(to_csv(rows))
    assert (line, column) == (i + 2, col("term") + 1)
    assert "duplicate row" in message and f"line {i + 1}" in message


def test_rows_of_one_section_that_disagree():
    rows = mini_rows()
    i = term_row(rows, "customer", "en", "client")
    rows[i][col("definition")] = "Something else."
    [(line, column, message)] = errors(to_csv(rows))
    assert (line, column) == (i + 1, col("definition") + 1)
    assert f"line {i}" in message and "same value on every row" in message


def test_what_the_loader_refuses_is_placed_on_the_row():
    rows = mini_rows()
    for row in rows:
        if row[col("concept")] == "end-customer":
            row[col("broader")] = "custmer"
    rows[term_row(rows, "anbieter", "en", "provider")][col("pos")] = "nun"
    found = errors(to_csv(rows))
    assert (term_row(rows, "anbieter", "en", "provider") + 1, col("pos") + 1) in [f[:2] for f in found]
    assert any("'nun'" in f[2] and "noun" in f[2] for f in found)
    # the enum problem stops the import before the loader's checks; without it, the loader's show
    rows[term_row(rows, "anbieter", "en", "provider")][col("pos")] = "noun"
    [(line, column, message)] = errors(to_csv(rows))
    assert line == term_row(rows, "end-customer", "en", "end customer") + 1
    assert column == col("broader") + 1 and "did you mean 'customer'?" in message


def test_line_numbers_count_lines_inside_quoted_cells():
    rows = table(export_csv(tricky_termbase()))  # the definition spans two lines on every 'formula' (en) row
    i = term_row(rows, "formula", "de", "Formel")
    rows[i][col("status")] = "favourite"
    before = to_csv(rows[:i], bom=False).decode("utf-8")
    lines = len(re.findall(r"\r\n|\r|\n", before))  # as editors count: a lone CR ends a line too
    assert lines > i  # the rows before it take more lines than rows
    [(line, column, message)] = errors(to_csv(rows))
    assert (line, column) == (lines + 1, col("status") + 1) and "'favourite'" in message


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"", "the file is empty"),
        (b'record,concept,lang,term,status\r\nterm,a,en,"unterminated,preferred\r\n', "cannot be read"),
        (b"record,concept,lang,term,status\r\nlanguage,,en,,\r\nterm,a,en,x,preferred\r\n", "language_name"),
        (
            b"record,concept,lang,term,status,is_source_language,language_name\r\nlanguage,,en,,,,English\r\n"
            b"term,a,en,x,preferred,,\r\n",
            "no language row is marked as the source language",
        ),
        (
            b"record,concept,lang,term,status,language_name\r\nlanguage,,en,,,English\r\nterm,a,fr,x,preferred,\r\n",
            "language 'fr' of concept 'a'",
        ),
        (b"concept,lang,term,status,same_as_source\r\na,en,x,preferred,maybe\r\n", "is not true or false"),
    ],
)
def test_other_bad_files(raw, expected):
    found = errors(raw)
    assert any(expected in message for _, _, message in found), found
