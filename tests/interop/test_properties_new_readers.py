"""Property tests of the readers issue 14 added: other tools' tables, SKOS, JSON, and merging.

The property is the one the TBX and CSV importers already meet: whatever the
input, the import either gives data the loader accepts (and that writes and
loads back the same), or refuses it with problems that name the file, a line
and a column. A merge never changes what the term base already said.
"""

from __future__ import annotations

import json
import string

from conftest import MINI
from hypothesis import example, given
from hypothesis import strategies as st
from test_properties_import import FEW, PROPERTY, imported

from generator.interop.csv_import import import_csv
from generator.interop.json_export import export_json
from generator.interop.json_import import import_json
from generator.interop.skos_import import import_skos
from generator.termbase import loader
from generator.termbase.merge import merge

WORDS = st.text(alphabet=string.ascii_letters + "äöüßéÅ -'\"„“,;\t", min_size=0, max_size=12)
CELLS = st.one_of(WORDS, st.sampled_from(["", " ", '"', '""', "preferred", "forbidden", "obsolete", "NOUN", "x,y"]))


@st.composite
def foreign_tables(draw: st.DrawFn) -> tuple[bytes, list[str] | None, str | None]:
    """Tables other tools write: 2-3 columns with or without a header, or any width with a mapping."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    width = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=width + 1), min_size=1, max_size=8))
    header = draw(st.sampled_from([None, ["source", "target"], ["source", "target", "comment"]]))
    lines = ([header] if header else []) + rows

    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in f'"{delimiter}\r\n') else value

    text = "\r\n".join(delimiter.join(cell(c) for c in row) for row in lines) + draw(st.sampled_from(["", "\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    languages = draw(st.sampled_from([None, ["en", "de"], ["en"]]))
    mapping = draw(
        st.sampled_from(
            [
                None,
                "1=term:en,2=term:de",
                "1=concept,2=term:en,3=status:en",
                "1=term:en,2=definition:en,3=note:en,4=pos:en",
                "2=term:nl,9=term:en",
            ]
        )
    )
    return text.encode(encoding), languages, mapping


@PROPERTY
@given(foreign_tables())
def test_any_table_of_another_tool_imports_soundly_or_is_refused_with_a_position(case):
    raw, languages, mapping = case

    def importer(data: bytes, display: str):
        return import_csv(data, display, languages=languages, columns=mapping)

    imported(importer, raw, "table.csv")


# a label as every importer hands it on: one space between words, none at the ends (ImportResult tidies them)
LABEL = (
    st.text(alphabet=string.ascii_letters + "äé ", min_size=1, max_size=10)
    .filter(str.strip)
    .map(lambda s: " ".join(s.split()))
)


@st.composite
def skos_documents(draw: st.DrawFn) -> bytes:
    """Turtle vocabularies: labels of every kind in a few languages, untagged labels, relations to
    concepts in and out of the file, deprecated concepts with replacements, notes and definitions."""
    count = draw(st.integers(1, 6))
    out = [
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
        "@prefix dct: <http://purl.org/dc/terms/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        '<http://x.org/s> a skos:ConceptScheme ; dct:title "Scheme"@en .',
    ]
    for i in range(count):
        parts = [] if draw(st.booleans()) else ["a skos:Concept"]
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(
                st.sampled_from(
                    ["prefLabel", "altLabel", "hiddenLabel", "definition", "scopeNote", "example", "historyNote"]
                )
            )
            tag = draw(st.sampled_from(["@en", "@de", "@nl-BE", ""]))
            parts.append(f"skos:{kind} {json.dumps(draw(LABEL))}{tag}")
        for _ in range(draw(st.integers(0, 2))):
            kind = draw(st.sampled_from(["broader", "narrower", "related"]))
            parts.append(f"skos:{kind} <http://x.org/c/{draw(st.integers(0, count + 1))}>")
        if draw(st.integers(0, 4)) == 0:
            parts += [
                "owl:deprecated true",
                f"rdfs:label {json.dumps(draw(LABEL))}@en",
                f"dct:isReplacedBy <http://x.org/c/{draw(st.integers(0, count))}>",
            ]
        if parts:
            out.append(f"<http://x.org/c/{i}> " + " ;\n    ".join(parts) + " .")
    return "\n".join(out).encode()


@PROPERTY
@given(skos_documents(), st.sampled_from([None, ["en"], ["de", "en"]]))
# found by this property: a deprecated concept "replaced by" itself became related to itself
@example(
    b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix owl: <http://www.w3.org/2002/07/owl#> . "
    b"@prefix dct: <http://purl.org/dc/terms/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
    b'<http://x.org/c/0> a skos:Concept ; owl:deprecated true ; rdfs:label "A"@en ; '
    b"dct:isReplacedBy <http://x.org/c/0> .",
    None,
)
def test_any_skos_vocabulary_imports_soundly_or_is_refused_with_a_position(raw, languages):
    imported(lambda data, display: import_skos([(data, display)], languages=languages), raw, "vocabulary.ttl")


@FEW
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_random_bytes_as_skos_are_refused_with_a_position(raw):
    imported(lambda data, display: import_skos([(data, display)]), raw, "random.ttl")


@st.composite
def edited_json_exports(draw: st.DrawFn) -> bytes:
    """Our JSON export with keys removed, values retyped and texts changed, as a script might leave it."""
    doc = json.loads(export_json(loader.load(MINI)))
    for _ in range(draw(st.integers(0, 4))):
        concept = draw(st.sampled_from(list(doc["concepts"])))
        target = doc["concepts"][concept]
        key = draw(st.sampled_from(sorted(target)))
        action = draw(st.sampled_from(["drop", "none", "text", "list"]))
        if action == "drop":
            target.pop(key)
        else:
            target[key] = {"none": None, "text": draw(WORDS), "list": [draw(WORDS)]}[action]
    return json.dumps(doc).encode()


@PROPERTY
@given(edited_json_exports())
def test_edited_json_exports_import_soundly_or_are_refused_with_a_position(raw):
    try:
        imported(import_json, raw, "edited.json")
    except AssertionError:
        raise
    except Exception as exc:  # a shape the import did not expect must still be a positioned refusal
        raise AssertionError(f"the JSON import failed with {exc!r} instead of a positioned refusal") from exc


@st.composite
def incoming_data(draw: st.DrawFn) -> dict:
    """Data an import gives: concepts that match existing ones by id or by term, or are new."""
    existing = loader.load(MINI)
    concepts = {}
    for i in range(draw(st.integers(1, 5))):
        cid = draw(st.sampled_from([*existing.concepts, f"new-{i}"]))
        sections = {}
        for lang in draw(st.lists(st.sampled_from(["en", "de", "nl"]), max_size=3, unique=True)):
            terms = [{"term": draw(LABEL), "status": draw(st.sampled_from(["preferred", "admitted", "deprecated"]))}]
            section = {"terms": terms}
            if draw(st.booleans()):
                section["definition"] = draw(LABEL)
            if draw(st.booleans()):
                section["notes"] = [draw(LABEL)]
            sections[lang] = section
        if not sections:
            continue
        relations = {
            name: draw(st.lists(st.sampled_from([*existing.concepts, "nowhere"]), max_size=2, unique=True))
            for name in ("broader", "related")
        }
        concepts[cid] = {**sections, **{k: v for k, v in relations.items() if v}}
    return {
        "source_language": "en",
        "languages": {"en": {"name": "English"}, "de": {"name": "Deutsch"}, "nl": {"name": "Nederlands"}},
        "concepts": concepts,
    }


@PROPERTY
@given(incoming_data(), st.booleans())
def test_a_merge_loads_and_never_changes_what_the_term_base_said(data, replace):
    text = MINI.read_text("utf-8")
    existing = loader.load_text(text, "mini.yaml")
    merged = loader.load_text(merge(text, existing, data, replace=replace).text, "mini.yaml")
    for cid, concept in existing.concepts.items():
        after = merged.concepts[cid]
        for lang, section in concept.langs.items():
            mine = after.langs[lang]
            assert [(t.text, t.status) for t in mine.terms][: len(section.terms)] == [
                (t.text, t.status) for t in section.terms
            ], "a term or status changed"
            assert mine.notes[: len(section.notes)] == section.notes
            if not replace:
                assert mine.definition == section.definition
        for name in ("broader", "narrower", "related"):
            assert getattr(after, name)[: len(getattr(concept, name))] == getattr(concept, name)
