"""SKOS (Turtle, RDF/XML) and JSON exports: they parse, say what the term base says,
keep SKOS's integrity rules, match their schema, and are byte-for-byte repeatable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import jsonschema
import pytest
import yaml
from conftest import ROOT, TERMBASE
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, SKOS

from generator.interop.json_export import export_json
from generator.interop.skos_export import export_skos
from generator.termbase import loader
from generator.termbase import schema as termbase_schema
from generator.termbase.data import termbase_data as site_data

BASE = "https://glossary.example.org/"
SCHEMA = ROOT / "generator" / "termbase.export.schema.json"


@pytest.fixture(scope="module")
def termbase():
    return loader.load(TERMBASE)


@pytest.fixture(scope="module")
def graphs(termbase):
    return {
        fmt: Graph().parse(data=export_skos(termbase, fmt), format=parser)
        for fmt, parser in (("turtle", "turtle"), ("xml", "xml"))
    }


def concept(cid: str) -> URIRef:
    return URIRef(BASE + "concept/" + cid)


# --- SKOS ------------------------------------------------------------------------


def test_both_formats_parse_to_the_same_graph(graphs):
    assert len(graphs["turtle"]) > 500
    assert isomorphic(graphs["turtle"], graphs["xml"])


def test_scheme_titles_and_top_concepts(termbase, graphs):
    g = graphs["turtle"]
    scheme = URIRef(BASE)
    assert list(g.subjects(RDF.type, SKOS.ConceptScheme)) == [scheme]
    assert set(g.objects(scheme, DCTERMS.title)) == {Literal(t, lang=l) for l, t in termbase.title.items()}
    tops = [c for c in termbase.concepts.values() if not c.broader]
    assert set(g.objects(scheme, SKOS.hasTopConcept)) == {concept(c.id) for c in tops}
    assert set(g.subjects(SKOS.topConceptOf, scheme)) == {concept(c.id) for c in tops}
    assert set(g.subjects(RDF.type, SKOS.Concept)) == {concept(cid) for cid in termbase.concepts}
    assert set(g.subjects(SKOS.inScheme, scheme)) == {concept(cid) for cid in termbase.concepts}


def test_labels_carry_status_and_language(termbase, graphs):
    g = graphs["turtle"]
    prop = {"admitted": SKOS.altLabel, "deprecated": SKOS.hiddenLabel}
    for cid, c in termbase.concepts.items():
        uri = concept(cid)
        for lang, section in c.langs.items():
            assert (uri, SKOS.prefLabel, Literal(section.preferred.text, lang=lang)) in g
            for term in section.others:
                assert (uri, prop[term.status], Literal(term.text, lang=lang)) in g, (cid, term)
            if section.definition:
                assert (uri, SKOS.definition, Literal(section.definition, lang=lang)) in g
            for note in section.notes:
                assert (uri, SKOS.note, Literal(note, lang=lang)) in g
            for example in section.examples:
                assert (uri, SKOS.example, Literal(example, lang=lang)) in g
    # spot checks on the project's data: German 'Klient' is deprecated for 'customer'
    assert (concept("customer"), SKOS.hiddenLabel, Literal("Klient", lang="de")) in g
    assert (concept("customer"), SKOS.altLabel, Literal("client", lang="en")) in g
    assert all(o.language for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in g.objects(None, p))


def test_relations_subject_and_sources(termbase, graphs):
    g = graphs["xml"]
    for cid, c in termbase.concepts.items():
        for name, prop in (("broader", SKOS.broader), ("narrower", SKOS.narrower), ("related", SKOS.related)):
            assert set(g.objects(concept(cid), prop)) == {concept(t) for t in getattr(c, name)}, (cid, name)
        if c.subject:
            assert (concept(cid), DCTERMS.subject, Literal(c.subject)) in g
        expected = {Literal(termbase.sources[s].title, lang=termbase.sources[s].lang) for s in c.sources}
        assert set(g.objects(concept(cid), DCTERMS.source)) == expected
    assert (concept("customer"), SKOS.narrower, concept("end-customer")) in g


def test_skos_integrity_of_the_project_term_base(termbase, graphs):
    g = graphs["turtle"]
    for cid in termbase.concepts:
        uri = concept(cid)
        pref = list(g.objects(uri, SKOS.prefLabel))
        assert max(Counter(l.language for l in pref).values()) == 1, cid  # one prefLabel per language
        labels = [set(g.objects(uri, p)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)]
        assert not (labels[0] & labels[1] or labels[0] & labels[2] or labels[1] & labels[2]), cid
        related = set(g.objects(uri, SKOS.related))
        assert not related & (set(g.objects(uri, SKOS.broader)) | set(g.objects(uri, SKOS.narrower))), cid


CLASH = """source_language: en
languages: {en: {name: English}, de: {name: Deutsch}}
sources:
  web: {title: Web page, url: "https://example.org/page", lang: en}
concepts:
  a:
    related: [b]
    broader: [b]
    sources: [web]
    en:
      terms:
        - {term: same, status: preferred}
        - {term: other, status: admitted}
  b:
    de:
      terms: [{term: B, status: preferred}]
"""


def test_labels_are_written_once_per_concept_and_language():
    tb = loader.load_text(CLASH, "clash.yaml")
    g = Graph().parse(data=export_skos(tb, "turtle", base="https://x.example/voc"), format="turtle")
    a = URIRef("https://x.example/voc/concept/a")
    assert set(g.objects(a, SKOS.prefLabel)) == {Literal("same", lang="en")}
    assert set(g.objects(a, SKOS.hiddenLabel)) == set()
    page = URIRef("https://example.org/page")
    assert (a, DCTERMS.source, page) in g and (page, DCTERMS.title, Literal("Web page", lang="en")) in g
    assert set(g.objects(URIRef("https://x.example/voc/"), SKOS.hasTopConcept)) == {
        URIRef("https://x.example/voc/concept/b")
    }


def test_skos_output_is_repeatable_across_processes(termbase):
    for fmt in ("turtle", "xml"):
        assert export_skos(termbase, fmt) == export_skos(termbase, fmt)
    script = (
        "import sys, hashlib; from generator.termbase import loader; from generator.interop.skos_export import export_skos;"
        "tb = loader.load(sys.argv[1]);"
        "print(hashlib.sha256(export_skos(tb, 'xml') + export_skos(tb, 'turtle')).hexdigest())"
    )
    import hashlib

    here = hashlib.sha256(export_skos(termbase, "xml") + export_skos(termbase, "turtle")).hexdigest()
    for seed in ("1", "2"):  # set iteration order depends on the hash seed: the output must not
        out = subprocess.run(
            [sys.executable, "-c", script, str(TERMBASE)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        assert out.stdout.strip() == here


def test_unknown_skos_format_is_refused(termbase):
    with pytest.raises(ValueError, match="turtle or xml"):
        export_skos(termbase, "json-ld")


# --- JSON ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA.read_text("utf-8"))


def test_json_export_validates_against_its_schema(termbase, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(export_json(termbase))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["$schema"] == "termbase.export.schema.json" == SCHEMA.name
    assert data["format_version"] == 1
    bad = json.loads(export_json(termbase))
    bad["concepts"]["customer"]["languages"]["en"]["terms"][0]["status"] = "favourite"
    bad["concepts"]["customer"]["sources"][0]["bogus"] = 1
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(bad))) == 2


def test_json_is_the_site_data_plus_what_it_leaves_out(termbase):
    data = json.loads(export_json(termbase))
    site = site_data(termbase)
    assert data["source_language"] == site["source_language"] and data["languages"] == site["languages"]
    for cid, body in site["concepts"].items():
        assert {k: v for k, v in data["concepts"][cid].items() if k != "diagrams"} == body
        assert data["concepts"][cid]["diagrams"] == list(termbase.concepts[cid].diagrams)
    assert list(data["concepts"]) == list(termbase.concepts)
    assert data["title"] == termbase.title
    assert data["sources"] == {
        sid: {k: v for k, v in s._asdict().items() if v is not None and k != "id"}
        for sid, s in termbase.sources.items()
    }
    assert any(data["concepts"][cid]["diagrams"] for cid in data["concepts"])


def test_json_carries_the_whole_term_base(termbase):
    """Rebuilt from the JSON alone, the term base's YAML data comes back."""
    data = json.loads(export_json(termbase))
    fields = ("subject", "broader", "narrower", "related", "homonyms", "sources", "diagrams")
    rebuilt = {
        "title": data["title"],
        "source_language": data["source_language"],
        "languages": {code: {"name": name} for code, name in data["languages"].items()},
        "sources": data["sources"],
        "concepts": {
            cid: {
                **{f: ([s["id"] for s in c[f]] if f == "sources" else c[f]) for f in fields if c[f]},
                **{lang: {k: v for k, v in sec.items() if v} for lang, sec in c["languages"].items()},
            }
            for cid, c in data["concepts"].items()
        },
    }
    assert rebuilt == yaml.safe_load(TERMBASE.read_text("utf-8"))


def test_json_is_deterministic_utf8(termbase):
    raw = export_json(termbase)
    assert raw == export_json(termbase) and raw.endswith(b"}\n")
    assert "König".encode() in raw  # not \u escapes


def test_schema_documents_every_field_and_agrees_with_the_term_base_schema(schema):
    def walk(node, path):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert "description" in sub, f"{path}.{name} has no description"
            for key, sub in node.items():
                walk(sub, f"{path}.{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}[{i}]")

    walk(schema, "$")
    source_schema = termbase_schema.schema()["definitions"]
    for name in ("pos", "gender", "type", "status"):
        assert schema["$defs"]["term"]["properties"][name]["enum"] == source_schema["term"]["properties"][name]["enum"]
    assert set(schema["$defs"]["term"]["properties"]) == set(source_schema["term"]["properties"])
    assert set(schema["$defs"]["sourceFields"]["properties"]) == set(source_schema["source"]["properties"])


def test_a_source_address_an_iri_cannot_hold_is_written_percent_encoded():
    tb = loader.load_text(
        CLASH.replace("https://example.org/page", 'https://example.org/a page \\"quoted\\" {x}'), "a.yaml"
    )
    g = Graph().parse(data=export_skos(tb, "turtle", base="https://x.example/voc"), format="turtle")
    a = URIRef("https://x.example/voc/concept/a")
    assert set(g.objects(a, DCTERMS.source)) == {URIRef("https://example.org/a%20page%20%22quoted%22%20%7Bx%7D")}
    tb = loader.load_text(
        CLASH.replace("https://example.org/page", "https://de.example.org/Qualität?q=1&r=2#teil"), "b.yaml"
    )
    g = Graph().parse(data=export_skos(tb, "xml", base="https://x.example/voc"), format="xml")
    assert set(g.objects(a, DCTERMS.source)) == {URIRef("https://de.example.org/Qualität?q=1&r=2#teil")}  # kept
