"""The term base as a SKOS concept scheme (Turtle or RDF/XML), written with rdflib.

Mapping
-------
* The scheme is the IRI `base`: a skos:ConceptScheme with dct:title per
  language (the term base's title), dct:language for each language, and
  skos:hasTopConcept for every concept without `broader` (which in turn has
  skos:topConceptOf).
* Each concept is `base` + "concept/" + id: a skos:Concept, skos:inScheme the
  scheme, with per language the preferred term as skos:prefLabel, admitted
  terms as skos:altLabel and deprecated terms as skos:hiddenLabel (found by
  search, not shown), all language-tagged; skos:definition, skos:note (notes),
  skos:example; skos:broader, skos:narrower, skos:related as declared;
  dct:subject (the subject field, a plain literal) and dct:source for each
  source: its URL when it has one (that resource then carries the source's
  dct:title), otherwise its title as a literal tagged with the source's
  language.

SKOS says a resource has at most one prefLabel per language and that
prefLabel, altLabel and hiddenLabel are pairwise disjoint. The first holds by
construction, the second because the loader refuses a term listed twice in
one language section.

What SKOS core has no place for (the source language, language names, term
grammar and usage: pos, gender, plural, type, term note, same_as_source;
declared homonyms, diagrams, a source's author, publisher, date and note; the
order of terms, notes and relations, which RDF does not keep) rides in two
annotations of our own namespace (`GLOSSARY`), as JSON literals: `gl:termbase`
on the scheme and `gl:entry` on each concept. Other tools ignore them; our
SKOS import reads them, so our own export imports back to the same term base.

Output is deterministic: triples are added to an insertion-ordered store in
sorted order, and the Turtle serializer sorts as well, so two exports of the
same term base are byte-identical in any process.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from ..termbase.data import concept_data, source_fields
from ..termbase.model import TermBase

GLOSSARY = Namespace("urn:x-glossary-generator:")
# characters an IRI may not hold as they are (RFC 3987); everything else is kept as written
NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')

FORMATS = {"turtle": "turtle", "ttl": "turtle", "xml": "xml", "rdf": "xml", "rdfxml": "xml", "rdf/xml": "xml"}
LABEL = {"preferred": SKOS.prefLabel, "admitted": SKOS.altLabel, "deprecated": SKOS.hiddenLabel}


def source_iri(url: str) -> URIRef:
    """A source's address as an IRI: characters an IRI may not hold (spaces, quotes, angle
    brackets) percent-encoded, so that Turtle and RDF/XML can write it."""
    return URIRef(NOT_IN_IRI.sub(lambda m: quote(m.group(0)), url))


def concept_uri(base: str, concept_id: str) -> URIRef:
    return URIRef(base + "concept/" + concept_id)


def _labels(termbase: TermBase, concept_id: str) -> dict[tuple[str, str], URIRef]:
    """(lang, written form) -> the label property. The loader refuses a term twice in one
    language section, so SKOS's rule that a concept's labels differ always holds."""
    concept = termbase.concepts[concept_id]
    chosen: dict[tuple[str, str], URIRef] = {}
    for lang, section in concept.langs.items():
        chosen[(lang, section.preferred.text)] = SKOS.prefLabel
        for term in section.others:
            chosen[(lang, term.text)] = LABEL[term.status] if term.status != "preferred" else SKOS.altLabel
    return chosen


def build_graph(termbase: TermBase, base: str = "https://glossary.example.org/") -> Graph:
    """The concept scheme as an rdflib graph, triples in sorted insertion order."""
    triples = set()
    scheme = URIRef(base)
    triples.add((scheme, RDF.type, SKOS.ConceptScheme))
    for lang, text in termbase.title.items():
        triples.add((scheme, DCTERMS.title, Literal(text, lang=lang)))
    for code in termbase.languages:
        triples.add((scheme, DCTERMS.language, Literal(code)))
    extra = {
        "source_language": termbase.source_language,
        "languages": {code: language.name for code, language in termbase.languages.items()},
        "sources": {sid: source_fields(s) for sid, s in termbase.sources.items()},
    }
    triples.add((scheme, GLOSSARY.termbase, Literal(json.dumps(extra, ensure_ascii=False, sort_keys=True))))
    for position, cid in enumerate(termbase.concepts):
        triples |= _concept_triples(termbase, cid, position, base, scheme)
    return _graph(triples, base)


def _concept_triples(termbase: TermBase, cid: str, position: int, base: str, scheme: URIRef) -> set[tuple]:
    """One concept's triples: its labels, texts, relations and sources, and its place in the scheme."""
    triples: set[tuple] = set()
    concept = termbase.concepts[cid]
    uri = concept_uri(base, cid)
    triples.add((uri, RDF.type, SKOS.Concept))
    triples.add((uri, SKOS.inScheme, scheme))
    entry = concept_data(termbase, concept)
    entry["sources"] = list(concept.sources)
    entry["diagrams"] = list(concept.diagrams)
    entry["position"] = position  # RDF keeps no order; the term base's is the file's
    triples.add((uri, GLOSSARY.entry, Literal(json.dumps(entry, ensure_ascii=False, sort_keys=True))))
    if not concept.broader:
        triples.add((scheme, SKOS.hasTopConcept, uri))
        triples.add((uri, SKOS.topConceptOf, scheme))
    labels = _labels(termbase, cid)
    for (lang, text), prop in labels.items():
        triples.add((uri, prop, Literal(text, lang=lang)))
    for lang, section in concept.langs.items():
        if section.definition:
            triples.add((uri, SKOS.definition, Literal(section.definition, lang=lang)))
        for note in section.notes:
            triples.add((uri, SKOS.note, Literal(note, lang=lang)))
        for example in section.examples:
            triples.add((uri, SKOS.example, Literal(example, lang=lang)))
    for name, prop in (("broader", SKOS.broader), ("narrower", SKOS.narrower), ("related", SKOS.related)):
        for target in getattr(concept, name):
            triples.add((uri, prop, concept_uri(base, target)))
    if concept.subject:
        triples.add((uri, DCTERMS.subject, Literal(concept.subject)))
    for sid in concept.sources:
        source = termbase.sources.get(sid)
        if source is None:
            continue
        if source.url:
            iri = source_iri(source.url)
            triples.add((uri, DCTERMS.source, iri))
            triples.add((iri, DCTERMS.title, Literal(source.title, lang=source.lang)))
        else:
            triples.add((uri, DCTERMS.source, Literal(source.title, lang=source.lang)))
    return triples


def _graph(triples: set[tuple], base: str) -> Graph:
    graph = Graph(store="SimpleMemory", bind_namespaces="none")
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    graph.bind("rdf", RDF)
    graph.bind("gl", GLOSSARY)
    graph.bind("concept", Namespace(base + "concept/"))
    for triple in sorted(triples):
        graph.add(triple)
    return graph


def export_skos(termbase: TermBase, fmt: str = "turtle", base: str = "https://glossary.example.org/") -> bytes:
    """The term base as SKOS: fmt "turtle" or "xml" (RDF/XML); concept IRIs are base + "concept/" + id."""
    rdf_format = FORMATS.get(fmt.lower())
    if rdf_format is None:
        raise ValueError(f"unknown SKOS format '{fmt}': use turtle or xml")
    if not base.endswith(("/", "#")):
        base += "/"
    return build_graph(termbase, base).serialize(format=rdf_format, encoding="utf-8")


def concept_turtle(termbase: TermBase, concept_id: str, base: str, position: int | None = None) -> bytes:
    """One concept as SKOS in Turtle, in its scheme (`base`), as the whole export writes it;
    `position`: its place in the term base, when the caller knows it."""
    if not base.endswith(("/", "#")):
        base += "/"
    if position is None:
        position = list(termbase.concepts).index(concept_id)
    triples = _concept_triples(termbase, concept_id, position, base, URIRef(base))
    return _graph(triples, base).serialize(format="turtle", encoding="utf-8")
