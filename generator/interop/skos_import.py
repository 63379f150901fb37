"""SKOS import: one or more RDF files (Turtle, RDF/XML, N-Triples, JSON-LD) into a new term base.

Files are parsed by Oxigraph (pyoxigraph, in Rust: several times faster than
rdflib's parsers on GEMET) into one index of triples, so a vocabulary
published as one file per language (GEMET) is joined on the concept URIs.

Mapping (SKOS -> term base):

* a `skos:Concept`, or a resource marked `owl:deprecated true`, is a concept;
  its id is the last segment of its URI, made a slug (unique);
* per language, `skos:prefLabel` is the preferred term, `skos:altLabel` an
  admitted one, `skos:hiddenLabel` a deprecated one; SKOS-XL labels
  (`skosxl:prefLabel` ... with `skosxl:literalForm`) likewise, and a status
  the label resource carries is read by the one status policy (`statuses`);
* a deprecated concept (`owl:deprecated true`) keeps that state: its terms
  (from `rdfs:label` when it has no SKOS labels) are deprecated, and the
  concept that replaces it (`dct:isReplacedBy`) becomes related, with a note;
* `skos:definition` -> definition (a second one to the notes), `skos:scopeNote`
  and `skos:note` -> notes, `skos:example` -> examples; `skos:historyNote`,
  `skos:changeNote` and `skos:editorialNote` are dropped and counted;
* `skos:broader`, `skos:narrower`, `skos:related` between imported concepts;
  links to concepts outside the files are dropped and counted;
* `dct:subject` (a literal) -> subject; `dct:source` -> a source of the concept
  (a URI with its `dct:title`, or a literal title), as our SKOS export writes them;
* the scheme's `dct:title`, `dc:title` or `rdfs:label` per language -> title.

The source language is the first of `--languages` when given (which then also
limits the languages read), otherwise the language with the most preferred
labels. A label without a language tag is read as the source language's.

Our own export adds what SKOS has no place for as JSON annotations
(`skos_export.GLOSSARY`): ids, term grammar, the order of terms, notes and
relations, homonyms, diagrams, sources in full, language names and the source
language. Where they are present they complete what the SKOS triples say; the
texts themselves always come from the triples.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, NamedTuple

from ..errors import Problem, TermBaseError
from ..termbase import ids
from . import statuses
from .languages import language_name, normalise_code
from .result import ImportResult, Note, note

LABELS = ("prefLabel", "altLabel", "hiddenLabel")
LABEL_STATUS = {"prefLabel": "preferred", "altLabel": "admitted", "hiddenLabel": "deprecated"}
FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".n3": "n3",
    ".trig": "trig",
}
DROPPED_NOTES = ("historyNote", "changeNote", "editorialNote")
SKOS = "http://www.w3.org/2004/02/skos/core#"
SKOSXL = "http://www.w3.org/2008/05/skos-xl#"
DCT = "http://purl.org/dc/terms/"
DC = "http://purl.org/dc/elements/1.1/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL_DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"


class Lit(NamedTuple):
    """A literal: its text and language tag (None when it has none)."""

    value: str
    language: str | None

    def __str__(self) -> str:
        return self.value


class Triples:
    """The parsed files as an index: subject -> predicate -> objects (IRIs as strings, literals as Lit)."""

    def __init__(self) -> None:
        self.by_subject: dict[str, dict[str, list[Any]]] = {}

    def add(self, subject: str, predicate: str, obj: Any) -> None:
        self.by_subject.setdefault(subject, {}).setdefault(predicate, []).append(obj)

    def objects(self, subject: str, predicate: str) -> list[Any]:
        return self.by_subject.get(subject, {}).get(predicate, [])

    def value(self, subject: str, predicate: str) -> Any:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects(self, predicate: str, obj: Any = None) -> list[str]:
        return [
            s for s, props in self.by_subject.items() if predicate in props and (obj is None or obj in props[predicate])
        ]


def _graph(files: list[tuple[bytes, str]]) -> Triples:
    """Every file parsed by Oxigraph (Rust: several times faster than rdflib's parsers) into one index;
    leniently, as other tools write IRIs with spaces in them (GeoNetwork)."""
    import pyoxigraph as ox

    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "xml": ox.RdfFormat.RDF_XML,
        "nt": ox.RdfFormat.N_TRIPLES,
        "json-ld": ox.RdfFormat.JSON_LD,
        "n3": ox.RdfFormat.N3,
        "trig": ox.RdfFormat.TRIG,
    }
    triples = Triples()

    def term(node: Any) -> Any:
        if isinstance(node, ox.Literal):
            return Lit(node.value, node.language)
        if isinstance(node, ox.BlankNode):
            return "_:" + node.value
        return node.value

    for raw, display in files:
        fmt = _format(raw, display)
        try:
            for quad in ox.parse(raw, format=formats[fmt], base_iri="urn:x-base:", lenient=True):
                triples.add(term(quad.subject), quad.predicate.value, term(quad.object))
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None) or 1
            column = getattr(exc, "offset", None) or 1
            message = " ".join(str(getattr(exc, "msg", exc)).split())[:300]
            raise TermBaseError(
                [
                    Problem(
                        display,
                        line,
                        column,
                        (
                            f"cannot read the file as {fmt} ({message}): check that it is SKOS in Turtle, RDF/XML, N-Triples "
                            "or JSON-LD, or give it the extension of its format (.ttl, .rdf, .nt, .jsonld)"
                        ),
                    )
                ]
            ) from None
    return triples


def _format(raw: bytes, display: str) -> str:
    suffix = display[display.rfind(".") :].lower() if "." in display else ""
    if suffix in FORMATS:
        return FORMATS[suffix]
    head = raw[:400].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<rdf", b"<RDF")):
        return "xml"
    if head.startswith((b"{", b"[")):
        return "json-ld"
    return "turtle"


def import_skos(files: list[tuple[bytes, str]], languages: list[str] | None = None) -> ImportResult:
    from .skos_export import GLOSSARY

    graph = _graph(files)
    entries = {
        s: _json(props[str(GLOSSARY.entry)][0]) for s, props in graph.by_subject.items() if str(GLOSSARY.entry) in props
    }
    ours = (
        next(
            (
                _json(props[str(GLOSSARY.termbase)][0])
                for props in graph.by_subject.values()
                if str(GLOSSARY.termbase) in props
            ),
            None,
        )
        or {}
    )
    display = files[0][1] if len(files) == 1 else f"{files[0][1]} and {len(files) - 1} more"
    notes: list[Note] = []
    dropped: Counter[str] = Counter()

    def report(message: str, kind: str | None = None) -> None:
        notes.append(note(Problem(display, 1, 1, message), kind))

    subjects = set(graph.subjects(RDF_TYPE, SKOS + "Concept"))
    deprecated = {s for s in graph.subjects(OWL_DEPRECATED) if _true(graph.value(s, OWL_DEPRECATED))}
    subjects |= deprecated
    if not subjects:
        raise TermBaseError(
            [
                Problem(
                    display,
                    1,
                    1,
                    (
                        "no SKOS concepts in the file: a concept is a resource of type skos:Concept; "
                        "check that this is a SKOS vocabulary"
                    ),
                )
            ]
        )
    wanted = [normalise_code(code) for code in languages] if languages else None

    def lang_of(literal: Lit) -> str | None:
        return normalise_code(literal.language) if literal.language else None

    def readable(code: str | None) -> bool:
        return wanted is None or code is None or code in wanted

    # labels per concept: (lang, text, status, forbidden mark)
    labels: dict[Any, list[tuple[str | None, str, str]]] = {}
    for subject in sorted(subjects, key=str):
        found = []
        for name in LABELS:
            for literal in graph.objects(subject, SKOS + name):
                if isinstance(literal, Lit):
                    found.append((lang_of(literal), str(literal), LABEL_STATUS[name]))
            for label in graph.objects(subject, SKOSXL + name):
                for literal in graph.objects(label, SKOSXL + "literalForm"):
                    status = LABEL_STATUS[name]
                    for predicate, values in graph.by_subject.get(label, {}).items():
                        value = values[0]
                        if isinstance(value, Lit) and "status" in predicate.rsplit("/", 1)[-1].lower():
                            written = statuses.status_of(str(value))
                            if written:
                                status = statuses.stronger(status, written) if written == "deprecated" else status
                    found.append((lang_of(literal), str(literal), status))
        if not found and subject in deprecated:
            found = [
                (lang_of(literal), str(literal), "deprecated")
                for literal in graph.objects(subject, RDFS_LABEL)
                if isinstance(literal, Lit)
            ]
        labels[subject] = [item for item in found if readable(item[0])]
    counts = Counter(lang for items in labels.values() for lang, _, status in items if lang and status == "preferred")
    if wanted:
        source = wanted[0]
    elif ours.get("source_language"):
        source = ours["source_language"]
    elif counts:
        source = max(counts, key=lambda code: (counts[code], code == "en"))
    else:
        source = "en"
        report("no label says its language: the labels were read as English ('en'); pass --languages to say", "warning")
    order = wanted or [source, *sorted((c for c in counts if c != source), key=lambda c: (-counts[c], c))]
    if ours.get("languages") and not wanted:
        order = [c for c in ours["languages"] if c in counts or c == source] + [
            c for c in order if c not in ours["languages"]
        ]

    # ids
    slugs: dict[Any, str] = {}
    taken: set[str] = set()
    for subject in sorted(subjects, key=lambda s: (entries.get(s, {}).get("position", len(subjects)), str(s))):
        if not labels[subject]:
            dropped["a concept with no label in the languages read"] += 1
            continue
        local = str(subject).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        local = entries.get(subject, {}).get("id") or local
        base = ids.slugify(local) or ids.slugify(labels[subject][0][1], "concept")
        if ids.unusable(base):
            base = f"{base}-term"
        slugs[subject] = ids.unique(base, taken)
        taken.add(slugs[subject])

    sources: dict[str, dict[str, str]] = {sid: dict(spec) for sid, spec in (ours.get("sources") or {}).items()}
    concepts: dict[str, Any] = {}
    languages_seen: set[str] = set()
    for subject, cid in slugs.items():
        concept: dict[str, Any] = {}
        subject_text = graph.value(subject, DCT + "subject")
        if isinstance(subject_text, Lit):
            concept["subject"] = str(subject_text)
        for name in ("broader", "narrower", "related"):
            targets = []
            for target in graph.objects(subject, SKOS + name):
                if target in slugs and slugs[target] != cid:
                    targets.append(slugs[target])
                else:
                    dropped[f"a {name} link to a concept outside the files"] += 1
            if targets:
                concept[name] = sorted(set(targets), key=targets.index)
        entry = entries.get(subject) or {}
        cited = [sid for sid in entry.get("sources", []) if sid in sources]
        if not cited:
            for source_value in graph.objects(subject, DCT + "source"):
                cited.append(_source(graph, source_value, sources))
        if cited:
            concept["sources"] = list(dict.fromkeys(cited))
        sections: dict[str, dict[str, Any]] = {}
        for lang, text, status in labels[subject]:
            code = lang or source
            section = sections.setdefault(code, {"terms": []})
            if any(t["term"] == text for t in section["terms"]):
                continue  # the same label twice (SKOS and SKOS-XL): one term
            section["terms"].append({"term": text, "status": status})
        for name, key in (
            ("definition", "definition"),
            ("scopeNote", "notes"),
            ("note", "notes"),
            ("example", "examples"),
        ):
            for literal in graph.objects(subject, SKOS + name):
                if not isinstance(literal, Lit):
                    continue
                code = lang_of(literal) or source
                if not readable(code):
                    continue
                section = sections.get(code)
                text = str(literal)
                if section is None:
                    home = sections.get(source) or next(iter(sections.values()), None)
                    if home is None:
                        continue
                    home.setdefault("notes", []).append(f"{code}: {text}")
                    report(f"concept '{cid}': kept a {key} in '{code}', which has no label, as a note")
                elif key == "definition" and "definition" not in section:
                    section["definition"] = text
                elif key == "definition":
                    section.setdefault("notes", []).append(text)
                else:
                    section.setdefault(key, []).append(text)
        for name in DROPPED_NOTES:
            dropped[f"skos:{name}"] += len(graph.objects(subject, SKOS + name))
        if entry:
            _complete(concept, sections, entry, set(slugs.values()))
        if subject in deprecated:
            replacement = [
                slugs[r] for r in graph.objects(subject, DCT + "isReplacedBy") if r in slugs and slugs[r] != cid
            ]
            for section in sections.values():
                for term in section["terms"]:
                    term["status"] = "deprecated"
            home = sections.get(source) or next(iter(sections.values()))
            text = "A deprecated concept" + (f", replaced by '{', '.join(replacement)}'." if replacement else ".")
            home.setdefault("notes", []).insert(0, text)
            if replacement:
                concept["related"] = list(dict.fromkeys([*concept.get("related", []), *replacement]))
            report("a deprecated concept (owl:deprecated) keeps that state: its terms are deprecated", "changed")
        else:
            for code, section in sections.items():
                _settle(section, cid, code, report)
        for code in order:
            if code in sections:
                concept[code] = sections[code]
                languages_seen.add(code)
        for code in sections:
            if code not in order:
                concept[code] = sections[code]
                languages_seen.add(code)
                order.append(code)
        concepts[cid] = concept

    data: dict[str, Any] = {}
    title = _titles(graph, source, languages_seen)
    if title:
        data["title"] = title
    data["source_language"] = source
    names = ours.get("languages") or {}
    data["languages"] = {
        code: {"name": names.get(code) or language_name(code) or code} for code in order if code in languages_seen
    }
    if source not in data["languages"]:
        data["languages"] = {source: {"name": language_name(source) or source}, **data["languages"]}
    if sources:
        data["sources"] = sources
    data["concepts"] = concepts
    for what, count in sorted(dropped.items()):
        if count:
            report(f"dropped {count} × {what}", "dropped")
    kinds = sorted({_format(raw, name) for raw, name in files})
    return ImportResult(data, notes, f"{display} (SKOS, {', '.join(kinds)})")


def _settle(section: dict[str, Any], cid: str, code: str, report) -> None:
    """One preferred term per language, never one the file marks deprecated; SKOS allows one prefLabel."""
    terms = section["terms"]
    settled = statuses.settle([t["status"] for t in terms])
    for term, status in zip(terms, settled.statuses):
        term["status"] = status
    for i in settled.second_preferred:
        report(f"concept '{cid}' › {code}: a second prefLabel '{terms[i]['term']}' kept as admitted")
    if settled.none_acceptable:
        report(
            f"concept '{cid}' › {code}: only hidden (deprecated) labels, so no preferred term: add the term to use",
            "warning",
        )
    if settled.made_preferred is not None:
        report(
            f"concept '{cid}' › {code}: no prefLabel; the first altLabel "
            f"'{terms[settled.made_preferred]['term']}' was made preferred"
        )


def _source(graph: Triples, value: Any, sources: dict[str, dict[str, str]]) -> str:
    """A cited source, as our SKOS export writes it: a URI with its dct:title, or a literal title."""
    if isinstance(value, Lit):
        spec = {"title": value.value}
        lang = value.language
    else:
        title = graph.value(value, DCT + "title")
        spec = {"title": str(title) if title is not None else value, "url": value}
        lang = getattr(title, "language", None)
    if lang:
        spec["lang"] = normalise_code(lang)
    for sid, existing in sources.items():
        if existing == spec:
            return sid
    sid = ids.unique(ids.slugify(spec["title"])[:60].strip("-") or "source", sources)
    sources[sid] = spec
    return sid


def _titles(graph: Triples, source: str, languages: set[str]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for scheme in sorted(graph.subjects(RDF_TYPE, SKOS + "ConceptScheme")):
        for predicate in (DCT + "title", DC + "title", RDFS_LABEL, SKOS + "prefLabel"):
            for literal in graph.objects(scheme, predicate):
                if not isinstance(literal, Lit):
                    continue
                code = normalise_code(literal.language) if literal.language else source
                if code in languages or code == source:
                    titles.setdefault(code, " ".join(literal.value.split()))
    return titles


def _complete(
    concept: dict[str, Any], sections: dict[str, dict[str, Any]], entry: dict[str, Any], known: set[str]
) -> None:
    """What our own export annotated (see skos_export): grammar and order, homonyms, diagrams."""

    def ordered(items: list[Any], reference: list[Any]) -> list[Any]:
        return sorted(items, key=lambda item: reference.index(item) if item in reference else len(reference))

    for name in ("broader", "narrower", "related"):
        if name in concept:
            concept[name] = ordered(concept[name], entry.get(name, []))
    homonyms = [h for h in entry.get("homonyms", []) if h in known]
    if homonyms:
        concept["homonyms"] = homonyms
    diagrams = [d for d in entry.get("diagrams", []) if isinstance(d, str) and ids.is_slug(d)]
    if diagrams:
        concept["diagrams"] = diagrams
    for lang, section in sections.items():
        written = (entry.get("languages") or {}).get(lang) or {}
        grammar = {t.get("term"): t for t in written.get("terms", []) if isinstance(t, dict)}
        order = list(grammar)
        section["terms"] = ordered(section["terms"], [t for t in order])
        section["terms"].sort(key=lambda t: order.index(t["term"]) if t["term"] in order else len(order))
        for term in section["terms"]:
            known_term = grammar.get(term["term"], {})
            for key in ("pos", "gender", "plural", "type", "note", "same_as_source"):
                if known_term.get(key) not in (None, False):
                    term[key] = known_term[key]
        for key in ("notes", "examples"):
            if section.get(key):
                section[key] = ordered(section[key], written.get(key) or [])


def _json(value: Any) -> dict[str, Any] | None:
    try:
        found = json.loads(str(value))
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _true(value: Any) -> bool:
    return value is not None and str(value).strip().lower() in ("true", "1")
