"""The term base as one CSV table (spreadsheets): the layout, shared by export and import.

Layout
------
One header row with these stable column names, in this order (`COLUMNS`)::

    record, concept, lang, term, status, pos, gender, plural, type, term_note,
    same_as_source, definition, notes, examples, subject, broader, narrower,
    related, homonyms, sources, diagrams, language_name, is_source_language,
    glossary_title, source_id, source_title, author, publisher, date, url,
    source_note

The `record` column says what a row is; each kind uses only some columns:

========== ===================================================================
record     columns it uses
========== ===================================================================
language   lang, language_name, is_source_language, glossary_title (the
           term base's title in that language). One row per language, in
           display order; exactly one has is_source_language = true.
source     source_id, source_title, author, publisher, date, url, lang,
           source_note: one row per entry of the top-level `sources`.
term       (or empty) concept, lang, term, status, pos, gender, plural, type,
           term_note, same_as_source (the term), definition, notes, examples
           (its language section), subject, broader, narrower, related,
           homonyms, sources, diagrams (its concept). One row per term.
concept    concept and the concept columns only: a concept that has no
           language section yet (it has no term rows to carry it).
========== ===================================================================

The exporter writes language rows, then source rows, then the concepts in
term-base order, each language section in language order, each term in order.

Conventions
-----------
* Concept-level values (subject, broader, ...) repeat on every row of the
  concept, section-level values (definition, notes, examples) on every row of
  the section. The importer also accepts them on one row only (the others
  blank); rows that give different values for the same concept or section
  are an error.
* An empty cell means "not given". Booleans are written `true` or left empty;
  true/false/yes/no/1/0 are read too.
* Id lists (broader, narrower, related, homonyms, sources, diagrams) are
  written `a | b`: ids are lowercase slugs, so the separator cannot occur in
  one. Read also: commas, semicolons, spaces, or a JSON list.
* Text lists (notes, examples) are written as a JSON list in the cell, always
  (even for one item): ``["first note", "second note"]``. A cell that is not a
  JSON list of texts is read as a single item.
* Formula injection (OWASP): a cell starting with =, +, -, @, tab or carriage
  return is written with a single quote before it. So that the importer knows
  which quotes it put there, a cell that starts with quotes followed by one of
  those characters gets one more quote; the importer removes exactly one quote
  from a cell that starts with quotes followed by one of those characters, and
  leaves every other cell alone (a real leading apostrophe survives).
* The file is UTF-8 with a BOM and CRLF line ends (RFC 4180). The importer
  accepts it with or without BOM, with LF or CRLF, and with `;` or tab as the
  delimiter (recognized from the header row). Without a `record` column every
  row is a term row; without language rows, languages are taken from the
  `lang` column (reported).

Problems carry the line where the row starts (CRLF, LF and a lone CR each end
a line, also inside quoted cells) and the column's number in the row (the
spreadsheet column: 1 = A).
"""

from __future__ import annotations

import re

TERM_FIELDS = ("term", "status", "pos", "gender", "plural", "type", "term_note", "same_as_source")
SECTION_FIELDS = ("definition", "notes", "examples")
CONCEPT_FIELDS = ("subject", "broader", "narrower", "related", "homonyms", "sources", "diagrams")
LANGUAGE_FIELDS = ("language_name", "is_source_language", "glossary_title")
SOURCE_FIELDS = ("source_id", "source_title", "author", "publisher", "date", "url", "source_note")
COLUMNS = (
    "record",
    "concept",
    "lang",
    *TERM_FIELDS,
    *SECTION_FIELDS,
    *CONCEPT_FIELDS,
    *LANGUAGE_FIELDS,
    *SOURCE_FIELDS,
)
REQUIRED = ("concept", "lang", "term", "status")
RECORDS = ("language", "source", "term", "concept")
USES = {
    "language": {"record", "lang", *LANGUAGE_FIELDS},
    "source": {"record", "lang", *SOURCE_FIELDS},
    "term": {"record", "concept", "lang", *TERM_FIELDS, *SECTION_FIELDS, *CONCEPT_FIELDS},
    "concept": {"record", "concept", *CONCEPT_FIELDS},
}
ID_LISTS = ("broader", "narrower", "related", "homonyms", "sources", "diagrams")
TEXT_LISTS = ("notes", "examples")
# the model's field name -> the CSV column, where they differ
TERM_COLUMN = {"text": "term", "note": "term_note"}
SOURCE_COLUMN = {"id": "source_id", "title": "source_title", "note": "source_note"}
BOM = b"\xef\xbb\xbf"
ID_SEPARATOR = " | "
DANGEROUS = re.compile(r"'*[=+\-@\t\r]")  # OWASP CSV injection: cells a spreadsheet could run
ESCAPED = re.compile(r"'+[=+\-@\t\r]")
TRUE = {"true", "yes", "1", "x", "y"}
FALSE = {"false", "no", "0", "n", ""}
