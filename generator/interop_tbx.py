"""TBX interchange: export the term base as TBX-Basic, import TBX v2 and v3.

TBX (ISO 30042) is what terminology tools exchange, so the term base must leave
and come back through it without losing anything. The export writes TBX v3
TBX-Basic in DCA style, valid against the TBX core RELAX NG schema and within
the TBX-Basic Schematron rules (allowed data categories, values and levels).
Our format holds more than TBX-Basic has categories for; those fields ride in
the elements the core structure allows - `<note>` texts starting with a
``[glossary:KEY]`` prefix, `<p type="glossary:...">` in the header and a
`<back>` section of sources - so that our own export imports to the very same
data and exports again byte for byte.

Export mapping (our field -> TBX element, DCA):

=====================  ======================================================
title (first)          tbxHeader/fileDesc/titleStmt/title[@xml:lang]
title (others)         titleStmt/note[@xml:lang] "[glossary:title] TEXT"
source_language        tbx/@xml:lang
languages {code:name}  sourceDesc/p[@type="glossary:language"][@xml:lang]
sources {id: ...}      back/refObjectSec[@type="source"]/refObject[@id="source.ID"]
                       /item[@type=title|author|publisher|date|url|lang|note]
concept id             conceptEntry/@id (id, or "_" + id when not an NCName)
subject                conceptEntry/descrip[@type="subjectField"]
sources (concept)      conceptEntry/admin[@type="source"][@target="source.ID"]
broader, narrower,     conceptEntry/ref[@type="crossReference"][@target] (all
homonyms, related        four, in this order), plus conceptEntry/note
                         "[glossary:broader|narrower|homonyms] id, id" to tell
                         the first three from related
diagrams               conceptEntry/note "[glossary:diagrams] name, name"
language section       langSec[@xml:lang]
definition             langSec/descrip[@type="definition"]; inside a
                         descripGrp with admin[@type="source"] for the
                         concept's sources whose `lang` is the section's
notes                  langSec/note
examples               descrip[@type="context"] in the termSec of the
                         preferred term (TBX-Basic allows context only there)
term                   termSec/term
status                 termNote administrativeStatus: preferredTerm-admn-sts,
                         admittedTerm-admn-sts, deprecatedTerm-admn-sts
pos                    termNote partOfSpeech (properNoun -> noun, plus note
                         "[glossary:pos] properNoun")
gender                 termNote grammaticalGender (common -> other, plus note
                         "[glossary:gender] common")
type                   termNote termType
note                   termSec/note
plural                 termSec/note "[glossary:plural] TEXT"
same_as_source         termSec/note "[glossary:same_as_source] true"
=====================  ======================================================

A note of ours that itself starts with "[glossary:" is written as
"[glossary:note] TEXT", so no text is ever mistaken for a field.

Import reads TBX v3 (DCA and DCT style; dialects TBX-Basic, TBX-Core,
TBX-Min) and TBX v2 (`martif`, with tig and ntig/termGrp) into a new term base
in the structure of terms/termbase.yaml; the mapping above in reverse, plus:

- ids become slugs (lowercase, non-alphanumerics -> "-", at most 100
  characters, unique; the site's own pages index and senses, and names
  Windows reserves such as con and nul, get "-term");
  "_" + slug is our own encoding and comes back silently, other changes are
  reported;
- statuses: administrativeStatus or (v2) normativeAuthorization;
  standardizedTerm -> preferred, legalTerm/regulatedTerm -> admitted,
  supersededTerm -> deprecated (reported); a section without a preferred term
  gets its first term that is not deprecated as preferred (reported);
- admin source becomes a source of the concept, named by its text; a source
  cited only by definitions in one language gets that language. A context's
  source stays with the example: "EXAMPLE (Source: TEXT)";
- concept-level notes, xGraphic, externalCrossReference, a second subject, and
  cross-references to ids that do not exist go to the notes of the source-
  language section as "category: value" ("xGraphic: NAME (URL)"); a second
  definition to the section's notes ("definition: ..."); other term-level
  categories (geographicalUsage, termLocation, unknown termType) to the term's
  note ("geographicalUsage: US"), several term notes joined by a line break;
- dropped and reported: change history (transacGrp, responsibility), header
  paragraphs, revisionDesc, back matter other than our sources, termCompList.

Other tools indent inside texts, so their whitespace is collapsed; a file that
carries our FORMAT_TYPE paragraph is read verbatim and its statuses as they are.

Input is parsed without DTDs, entity expansion or network; any <!ENTITY>
declaration is refused, and files over MAX_BYTES (200 MB) are refused before
parsing: split larger term bases. What the mapping gives is checked by the
loader's own rules before it is returned, and what they refuse is refused with
the position of the element it came from: the import never writes a term base
that `glossary validate` would reject.
"""
from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterator

from lxml import etree

from .interop import ImportResult
from .model import Concept, LangSection, Source, Term, TermBase
from .problems import Problem, TermBaseError

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_BYTES = 200 * 1024 * 1024  # larger files are refused before parsing: split them
MARK = "[glossary:"
FORMAT_TYPE = "glossary:format"
FORMAT_TEXT = "glossary-generator term base (terms/termbase.yaml), TBX mapping 1"
LANGUAGE_TYPE = "glossary:language"
SOURCE_SECTION = "source"
SOURCE_ID_PREFIX = "source."
SOURCE_FIELDS = ("title", "author", "publisher", "date", "url", "lang", "note")
MARKED_RELATIONS = ("broader", "narrower", "homonyms")

STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
POS_TO_TBX = {"noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb",
              "other": "other", "properNoun": "noun"}
GENDER_TO_TBX = {"masculine": "masculine", "feminine": "feminine", "neuter": "neuter",
                 "other": "other", "common": "other"}

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX = 100  # the schema's longest id
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
URL = re.compile(r"^https?://\S+$")
MARKED_NOTE = re.compile(r"^\[glossary:([a-z_]+)\] ?(.*)\Z", re.S)


# === export ==================================================================

def export_tbx(termbase: TermBase) -> bytes:
    """The term base as TBX-Basic (TBX v3, DCA style): UTF-8, pretty-printed, deterministic.

    Everything is written in the term base's own order (languages, concepts,
    terms, sources), and nothing depends on the time or the file's path, so the
    same term base always gives the same bytes. A concept without any language
    section cannot be TBX (a conceptEntry needs a term): TermBaseError.
    """
    xml_ids = {cid: _xml_id(cid) for cid in termbase.concepts}
    root = etree.Element(_tag("tbx"), nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, termbase.source_language)
    _export_header(root, termbase)
    text = _add(root, "text")
    if termbase.concepts:
        body = _add(text, "body")
        for concept in termbase.concepts.values():
            _export_concept(body, concept, termbase, xml_ids)
    if termbase.sources:
        _export_sources(text, termbase)
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        root, encoding="UTF-8", xml_declaration=False) + b"\n"


def _tag(name: str) -> str:
    return f"{{{TBX_NS}}}{name}"


def _add(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A TBX child element; `lang` stands for xml:lang (keyword order is attribute order)."""
    el = etree.SubElement(parent, _tag(name))
    for key, value in attrs.items():
        el.set(XML_LANG if key == "lang" else key, value)
    if text is not None:
        el.text = text
    return el


def _xml_id(concept_id: str) -> str:
    """Concept ids are slugs; a slug starting with a digit is not an XML ID, so it gets '_'."""
    return concept_id if NCNAME.match(concept_id) else "_" + concept_id


def _marked(key: str, value: str) -> str:
    return f"{MARK}{key}] {value}"


def _plain(note: str) -> str:
    """A note of ours, protected from being read back as a marked field."""
    return _marked("note", note) if note.startswith(MARK) else note


def _export_header(root: etree._Element, termbase: TermBase) -> None:
    file_desc = _add(_add(root, "tbxHeader"), "fileDesc")
    if termbase.title:
        (first_lang, first), *others = termbase.title.items()
        statement = _add(file_desc, "titleStmt")
        _add(statement, "title", first, lang=first_lang)
        for lang, title in others:
            _add(statement, "note", _marked("title", title), lang=lang)
    source_desc = _add(file_desc, "sourceDesc")
    _add(source_desc, "p", FORMAT_TEXT, type=FORMAT_TYPE)
    for language in termbase.languages.values():
        _add(source_desc, "p", language.name, type=LANGUAGE_TYPE, lang=language.code)


def _export_sources(text: etree._Element, termbase: TermBase) -> None:
    section = _add(_add(text, "back"), "refObjectSec", type=SOURCE_SECTION)
    for source in termbase.sources.values():
        ref_object = _add(section, "refObject", id=SOURCE_ID_PREFIX + source.id)
        for name in SOURCE_FIELDS:
            value = getattr(source, name)
            if value is not None:
                _add(ref_object, "item", value, type=name)


def _cite(parent: etree._Element, source: Source) -> None:
    _add(parent, "admin", source.title, type="source", target=SOURCE_ID_PREFIX + source.id)


def _export_concept(body: etree._Element, concept: Concept, termbase: TermBase, xml_ids: dict[str, str]) -> None:
    if not concept.langs:
        line = termbase.concept_lines.get(concept.id, 1)
        raise TermBaseError([Problem(termbase.path, line, 1, (
            f"concept '{concept.id}' has no language section: TBX needs at least one term per concept; "
            "add a term or remove the concept before exporting"))])
    entry = _add(body, "conceptEntry", id=xml_ids[concept.id])
    try:
        if concept.subject:
            _add(entry, "descrip", concept.subject, type="subjectField")
        for source_id in concept.sources:
            _cite(entry, termbase.sources[source_id])
        for relation in (*MARKED_RELATIONS, "related"):
            for target in getattr(concept, relation):
                label, lang = termbase.label(target, termbase.source_language)
                attrs = {"type": "crossReference", "target": xml_ids[target]}
                if lang != termbase.source_language:
                    attrs["lang"] = lang
                _add(entry, "ref", label, **attrs)
        for key in (*MARKED_RELATIONS, "diagrams"):
            ids = getattr(concept, key)
            if ids:
                _add(entry, "note", _marked(key, ", ".join(ids)))
        for section in concept.langs.values():
            _export_section(entry, section, concept, termbase)
    except ValueError as exc:  # lxml refuses text that XML cannot hold (control characters)
        line = termbase.concept_lines.get(concept.id, 1)
        raise TermBaseError([Problem(termbase.path, line, 1, (
            f"concept '{concept.id}' holds text that XML cannot carry ({exc}): remove the control characters"))]) from None


def _export_section(entry: etree._Element, section: LangSection, concept: Concept, termbase: TermBase) -> None:
    lang_sec = _add(entry, "langSec", lang=section.lang)
    if section.definition:
        # TBX-Basic ties sources to the definition; ours cite the concept, so the
        # sources written in the section's language are the definition's sources.
        cited = [termbase.sources[s] for s in concept.sources if termbase.sources[s].lang == section.lang]
        if cited:
            group = _add(lang_sec, "descripGrp")
            _add(group, "descrip", section.definition, type="definition")
            for source in cited:
                _cite(group, source)
        else:
            _add(lang_sec, "descrip", section.definition, type="definition")
    for note in section.notes:
        _add(lang_sec, "note", _plain(note))
    preferred = section.preferred
    for term in section.terms:
        _export_term(lang_sec, term, section.examples if term is preferred else ())


def _export_term(lang_sec: etree._Element, term: Term, examples: tuple[str, ...]) -> None:
    term_sec = _add(lang_sec, "termSec")
    _add(term_sec, "term", term.text)
    _add(term_sec, "termNote", STATUS_TO_TBX[term.status], type="administrativeStatus")
    if term.pos:
        _add(term_sec, "termNote", POS_TO_TBX[term.pos], type="partOfSpeech")
    if term.gender:
        _add(term_sec, "termNote", GENDER_TO_TBX[term.gender], type="grammaticalGender")
    if term.type:
        _add(term_sec, "termNote", term.type, type="termType")
    for example in examples:
        _add(term_sec, "descrip", example, type="context")
    if term.note:
        _add(term_sec, "note", _plain(term.note))
    if term.plural:
        _add(term_sec, "note", _marked("plural", term.plural))
    if term.pos and POS_TO_TBX[term.pos] != term.pos:
        _add(term_sec, "note", _marked("pos", term.pos))
    if term.gender and GENDER_TO_TBX[term.gender] != term.gender:
        _add(term_sec, "note", _marked("gender", term.gender))
    if term.same_as_source:
        _add(term_sec, "note", _marked("same_as_source", "true"))


# === import: reading the XML safely ==========================================

def import_tbx(raw: bytes, display: str) -> ImportResult:
    """A term base (plain data, as in terms/termbase.yaml) from TBX v2 or v3 bytes.

    Raises TermBaseError, with positions and what to do, for anything that is
    not safe, well-formed TBX; returns nothing partial.
    """
    root = _parse(raw, display)
    return _Importer(root, raw, display).run()


def _parse(raw: bytes, display: str) -> etree._Element:
    if len(raw) > MAX_BYTES:
        raise TermBaseError([Problem(display, 1, 1, (
            f"the file is {len(raw) / 1048576:.1f} MB; TBX import reads at most {MAX_BYTES // 1048576} MB: "
            "split the term base into smaller files (for example by subject field)"))])
    # Refused before parsing: entity declarations can read local files (XXE),
    # reach the network or expand exponentially (billion laughs).
    found = re.search(rb"<!ENTITY", raw)
    if found:
        line, column = _byte_position(raw, found.start())
        raise TermBaseError([Problem(display, line, column, (
            "entity declarations are not allowed: TBX files do not need them and they can read files "
            "or expand without limit; remove the <!ENTITY ...> declarations from the DOCTYPE"))])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (1, 1)
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or "syntax error")
        raise TermBaseError([Problem(display, max(line, 1), max(column, 1), (
            f"the file is not well-formed XML ({message}): fix the XML at this position, "
            "or export the TBX again from its tool"))]) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and next(iter(dtd.iterentities()), None) is not None:
        # only reached when the prefilter cannot see the text (e.g. UTF-16 input)
        raise TermBaseError([Problem(display, 1, 1, (
            "entity declarations are not allowed: remove the <!ENTITY ...> declarations from the DOCTYPE"))])
    return root


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


# === import: what TBX elements mean ==========================================

DCT_KIND = {  # DCT style: data category element name -> the DCA element it stands for
    "subjectField": "descrip", "definition": "descrip", "context": "descrip",
    "administrativeStatus": "termNote", "normativeAuthorization": "termNote", "partOfSpeech": "termNote",
    "grammaticalGender": "termNote", "termType": "termNote", "termLocation": "termNote",
    "geographicalUsage": "termNote",
    "source": "admin", "customerSubset": "admin", "projectSubset": "admin",
    "crossReference": "ref", "xGraphic": "xref", "externalCrossReference": "xref",
    "transactionType": "transac", "responsibility": "transacNote",
}
STATUS_FROM_TBX = {
    "preferredTerm": "preferred", "standardizedTerm": "preferred",
    "admittedTerm": "admitted", "legalTerm": "admitted", "regulatedTerm": "admitted",
    "deprecatedTerm": "deprecated", "supersededTerm": "deprecated",
}
EXACT_STATUSES = {"preferredTerm", "admittedTerm", "deprecatedTerm"}
POS_FROM_TBX = {"noun": "noun", "verb": "verb", "adjective": "adjective", "adverb": "adverb",
                "propernoun": "properNoun", "other": "other"}
GENDER_FROM_TBX = {"masculine": "masculine", "feminine": "feminine", "neuter": "neuter",
                   "other": "other", "othergender": "other", "common": "common"}
TERM_TYPES = {t.lower(): t for t in ("fullForm", "acronym", "abbreviation", "shortForm", "phrase", "variant")}
DIALECTS_V3 = ("TBX-Basic", "TBX-Core", "TBX-Min")
ENTRY_NAMES = ("conceptEntry", "termEntry")
LANG_NAMES = ("langSec", "langSet")
TERM_SEC_NAMES = ("termSec", "tig", "ntig")
GROUP_NAMES = ("descripGrp", "adminGrp", "termNoteGrp")


def _elements(el: etree._Element) -> Iterator[etree._Element]:
    """Element children only: comments and processing instructions carry no data."""
    return (child for child in el if isinstance(child.tag, str))


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _slugify(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100].strip("-")


def _source_slug(text: str) -> str:
    """A short id for a source known only by its text: a URL gives host and last path part."""
    match = re.match(r"^(?:https?://)?(?:www\.)?([A-Za-z0-9.-]+\.[A-Za-z]{2,})(/[^?#]*)?", text)
    if match:
        parts = [p for p in urllib.parse.unquote(match.group(2) or "").split("/") if p]
        last = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", parts[-1]) if parts else ""
        slug = _slugify(f"{match.group(1)} {last}")
    else:
        slug = _slugify(text)
    return slug[:60].strip("-") or "source"


def _is_slug(value: str) -> bool:
    return len(value) <= SLUG_MAX and SLUG.match(value) is not None


def _unique(base: str, taken: set[str] | dict[str, Any]) -> str:
    if base not in taken:
        return base
    stem = base[:95].rstrip("-")  # cut at a hyphen, "-2" would make "--2": not a slug
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# === import: drafts ==========================================================

@dataclass
class _TermDraft:
    el: etree._Element
    text: str = ""
    status: str | None = None
    pos: str | None = None
    gender: str | None = None
    plural: str | None = None
    type: str | None = None
    notes: list[str] = field(default_factory=list)
    same_as_source: bool = False

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"term": self.text, "status": self.status}
        for key in ("pos", "gender", "plural", "type"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.notes:
            out["note"] = "\n".join(self.notes)
        if self.same_as_source:
            out["same_as_source"] = True
        return out


@dataclass
class _LangDraft:
    code: str
    el: etree._Element
    where: str
    terms: list[_TermDraft] = field(default_factory=list)
    definition: str | None = None
    notes: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


@dataclass
class _ConceptDraft:
    el: etree._Element
    xml_id: str | None
    slug: str = ""
    subject: str | None = None
    sources: list[str] = field(default_factory=list)
    refs: list[tuple[str | None, str, etree._Element]] = field(default_factory=list)
    marked: dict[str, list[tuple[str, etree._Element]]] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # concept-level notes, for the source-language section
    definitions: list[tuple[str | None, str, etree._Element]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    langs: dict[str, _LangDraft] = field(default_factory=dict)
    home: str = ""  # the section that takes concept-level content: source language, else the first

    @property
    def where(self) -> str:
        name = _local(self.el)
        return f"{name} '{self.xml_id}'" if self.xml_id else f"{name} on line {self.el.sourceline}"


# === import: the walk ========================================================

class _Importer:
    """One import: walks the TBX tree once, then assembles the term base data."""

    def __init__(self, root: etree._Element, raw: bytes, display: str):
        self.root, self.display = root, display
        encoding = root.getroottree().docinfo.encoding or "utf-8"
        try:
            self.lines = raw.decode(encoding, errors="replace").splitlines()
        except LookupError:
            self.lines = raw.decode("utf-8", errors="replace").splitlines()
        self.reports: list[Problem] = []
        self.errors: list[Problem] = []
        self.version = 3
        self.core_ns: str | None = TBX_NS
        self.ours = False
        self.declared: dict[str, str] = {}  # language code -> name, from our header
        self.seen_langs: list[str] = []
        self.title: list[tuple[str | None, str, etree._Element]] = []
        self.sources: dict[str, dict[str, str]] = {}
        self.source_by_text: dict[str, str] = {}
        self.source_langs: dict[str, set[str]] = {}  # inferred sources: languages citing them ("" = none)
        self.ref_objects: dict[str, str] = {}  # refObject xml id -> source id
        self.source_els: dict[str, etree._Element] = {}  # source id -> where it comes from
        self.histories: dict[tuple[str, int], tuple[etree._Element, list[str]]] = {}

    # --- positions and reports ------------------------------------------

    def position(self, el: etree._Element) -> tuple[int, int]:
        """Line and column of the element's start tag (libxml2 gives the line only)."""
        line = el.sourceline or 1
        prefix = f"<{el.prefix}:" if el.prefix else "<"
        needle = prefix + _local(el)
        for candidate in range(line, max(line - 6, 0), -1):  # a start tag may span lines
            text = self.lines[candidate - 1] if candidate <= len(self.lines) else ""
            column = text.rfind(needle)
            if column >= 0:
                return candidate, column + 1
        return line, 1

    def report(self, el: etree._Element, message: str) -> None:
        self.reports.append(Problem(self.display, *self.position(el), message))

    def error(self, el: etree._Element | None, message: str) -> None:
        line, column = self.position(el) if el is not None else (1, 1)
        self.errors.append(Problem(self.display, line, column, message))

    def fail_if_errors(self) -> None:
        if self.errors:
            raise TermBaseError(self.errors)

    def text(self, el: etree._Element) -> str:
        """The element's text; other tools' files are indented inside texts, so whitespace
        is collapsed there, while our own export is read verbatim."""
        value = "".join(el.itertext())
        return value if self.ours else " ".join(value.split())

    def kind(self, el: etree._Element) -> tuple[str, str]:
        """(element, data category): DCA `<descrip type="context">` and DCT `<basic:context>`
        both give ("descrip", "context")."""
        qname = etree.QName(el)
        if qname.namespace == self.core_ns:
            return qname.localname, el.get("type") or ""
        return DCT_KIND.get(qname.localname, "custom"), qname.localname

    # --- the document -----------------------------------------------------

    def run(self) -> ImportResult:
        self.detect()
        self.read_header()
        root_lang = self.language(self.root, self.root.get(XML_LANG), "the root element") \
            if self.root.get(XML_LANG) is not None else None
        text = next((c for c in _elements(self.root) if _local(c) == "text"), None)
        if text is None:
            raise TermBaseError([Problem(self.display, *self.position(self.root), (
                f"<{_local(self.root)}> has no <text> element: this is not a complete TBX file; "
                "export it again from its tool"))])
        back = next((c for c in _elements(text) if _local(c) == "back"), None)
        if back is not None:
            self.read_back(back)
        body = next((c for c in _elements(text) if _local(c) == "body"), None)
        drafts = [self.read_entry(e) for e in _elements(body) if _local(e) in ENTRY_NAMES] if body is not None else []
        self.check_duplicates(drafts)
        self.fail_if_errors()
        data = self.assemble(drafts, root_lang)
        self.report_histories()
        return ImportResult(data, sorted(
            self.reports, key=lambda p: (p.line, p.column)))

    def detect(self) -> None:
        name = _local(self.root)
        namespace = etree.QName(self.root).namespace
        if name == "tbx":
            if namespace != TBX_NS:
                self.error(self.root, (
                    f"unknown TBX version: <tbx> in namespace '{namespace or 'none'}'; TBX v3 uses "
                    f"xmlns=\"{TBX_NS}\" and TBX v2 files start with <martif>: check the file's origin"))
            dialect, style = self.root.get("type", ""), self.root.get("style", "")
            if dialect not in DIALECTS_V3:
                self.error(self.root, (
                    f"unknown TBX dialect '{dialect}': this importer reads {', '.join(DIALECTS_V3)}; "
                    "export TBX-Basic from the source tool"))
            if style not in ("dca", "dct"):
                self.error(self.root, f"unknown TBX style '{style}': TBX v3 files declare style=\"dca\" or \"dct\"")
        elif name == "martif":
            self.version, self.core_ns = 2, namespace
            if not self.root.get("type", "").startswith("TBX"):
                self.error(self.root, (
                    f"unknown martif type '{self.root.get('type', '')}': TBX v2 files declare type=\"TBX\" "
                    "(or TBX-Basic, TBX-Default)"))
        else:
            self.error(self.root, (
                f"not a TBX file: the root element is <{name}>, not <tbx> (TBX v3) or <martif> (TBX v2); "
                "export the term base as TBX from its tool"))
        self.fail_if_errors()

    def language(self, el: etree._Element, code: str | None, where: str) -> str | None:
        """The normalised language code, or None after recording an error."""
        if not code:
            self.error(el, f"{where} has no xml:lang: add the language code (e.g. xml:lang=\"en\")")
            return None
        normal = _normalise_code(code)
        if not LANG_CODE.match(normal):
            self.error(el, f"'{code}' in {where} is not a valid language code: use a code like en, de or pt-BR")
            return None
        if _language_name(normal) is None:
            self.error(el, f"unknown language code '{code}' in {where}: use an ISO 639 code like en, de or pt-BR")
            return None
        return normal

    # --- header and back matter -------------------------------------------

    def read_header(self) -> None:
        header = next((c for c in _elements(self.root) if _local(c) in ("tbxHeader", "martifHeader")), None)
        if header is None:
            return
        paragraphs = [p for p in header.iter() if isinstance(p.tag, str) and _local(p) == "p"]
        self.ours = any(p.get("type") == FORMAT_TYPE for p in paragraphs)
        for el in header.iter():
            if not isinstance(el.tag, str):
                continue
            name = _local(el)
            parent = _local(el.getparent()) if el.getparent() is not None else ""
            if name == "title":
                self.title.append((el.get(XML_LANG) or el.getparent().get(XML_LANG), self.text(el), el))
            elif name == "note" and parent == "titleStmt":
                match = MARKED_NOTE.match(self.text(el))
                if match and match.group(1) == "title" and el.get(XML_LANG):
                    self.title.append((el.get(XML_LANG), match.group(2), el))
                else:
                    self.report(el, f"dropped the title note '{_short(self.text(el))}': the term base has one title per language")
            elif name == "p":
                kind = el.get("type")
                if kind == FORMAT_TYPE or (kind == "XCSURI" and self.version == 2):
                    continue
                if kind == LANGUAGE_TYPE:
                    code = self.language(el, el.get(XML_LANG), "a language declaration")
                    if code and self.text(el):
                        self.declared[code] = self.text(el)
                    continue
                self.report(el, f"dropped the header paragraph in <{parent}> '{_short(self.text(el))}': "
                                "the term base has no place for file descriptions")
            elif name in ("revisionDesc", "change"):
                if name == "revisionDesc":
                    self.report(el, "dropped the revision history (revisionDesc): the term base keeps no change history")

    def read_back(self, back: etree._Element) -> None:
        for section in _elements(back):
            if _local(section) == "refObjectSec" and section.get("type") == SOURCE_SECTION:
                for ref_object in _elements(section):
                    self.read_source(ref_object)
            else:
                self.report(section, (f"dropped the back matter <{_local(section)} type=\"{section.get('type', '')}\">: "
                                      "the term base keeps only sources (refObjectSec type=\"source\")"))

    def read_source(self, ref_object: etree._Element) -> None:
        xml_id = ref_object.get("id") or ""
        base = xml_id[len(SOURCE_ID_PREFIX):] if xml_id.startswith(SOURCE_ID_PREFIX) else xml_id
        source_id = base if _is_slug(base) and base not in self.sources else \
            _unique(_slugify(base) or "source", self.sources)
        spec: dict[str, str] = {}
        for item in ref_object.iter():
            if not isinstance(item.tag, str) or _local(item) != "item":
                continue
            key, value = item.get("type", ""), self.text(item)
            valid = {"date": DATE.match(value), "url": re.match(r"^https?://", value),
                     "lang": LANG_CODE.match(value)}.get(key, True)
            if key in SOURCE_FIELDS and value and valid and key not in spec:
                spec[key] = value
            elif value:
                self.report(item, f"source '{source_id}': dropped the item {key or 'without type'} '{_short(value)}' "
                                  "(not a source field the term base has, or not in its format)")
        spec.setdefault("title", xml_id or source_id)
        self.sources[source_id] = {k: spec[k] for k in SOURCE_FIELDS if k in spec}
        self.source_els[source_id] = ref_object
        if xml_id:
            self.ref_objects[xml_id] = source_id

    def cite(self, draft: _ConceptDraft, el: etree._Element, lang: str | None) -> None:
        """An admin source: ours point at the back matter, others' become sources named by their text."""
        target = el.get("target")
        if target and target in self.ref_objects:
            source_id = self.ref_objects[target]
        else:
            text = self.text(el)
            if not text:
                return
            source_id = self.source_by_text.get(text) or self.new_source(text, el)
            self.source_langs[source_id].add(lang or "")
        if source_id not in draft.sources:
            draft.sources.append(source_id)

    def new_source(self, text: str, el: etree._Element) -> str:
        source_id = _unique(_source_slug(text), self.sources)
        spec = {"title": text}
        if URL.match(text):
            spec["url"] = text
        self.sources[source_id] = spec
        self.source_els[source_id] = el
        self.source_by_text[text] = source_id
        self.source_langs[source_id] = set()
        return source_id

    # --- entries ------------------------------------------------------------

    def read_entry(self, el: etree._Element) -> _ConceptDraft:
        draft = _ConceptDraft(el, el.get("id"))
        for child in _elements(el):
            if _local(child) in LANG_NAMES:
                self.read_lang(draft, child)
            else:
                self.walk(child, lambda item, sources: self.concept_item(draft, item, sources))
        return draft

    def walk(self, el: etree._Element, handle: Callable[[etree._Element, list[etree._Element]], None]) -> None:
        """Groups (descripGrp, adminGrp, ...) hand their sources to their main element; the
        rest of a group is read as if it stood beside the group."""
        if _local(el) not in GROUP_NAMES or etree.QName(el).namespace != self.core_ns:
            handle(el, [])  # transacGrp included: it is handled as a whole
            return
        children = list(_elements(el))
        if not children:
            return
        main, rest = children[0], children[1:]
        sources = [c for c in rest if self.kind(c) == ("admin", "source")]
        handle(main, sources)
        for child in rest:
            if child not in sources:
                self.walk(child, handle)

    def keep(self, notes: list[str], el: etree._Element, where: str, label: str, text: str, into: str) -> None:
        value = f"{label}: {text}" if text else label
        notes.append(value)
        self.report(el, f"{where}: kept {label} '{_short(text)}' as a note {into}")

    def history(self, el: etree._Element, where: str) -> None:
        """Change history is dropped; one report per entry, section or term lists what went."""
        parts = [self.text(c) for c in _elements(el) if self.kind(c)[0] in ("transac", "transacNote", "date")]
        key = (where, el.getparent().sourceline if el.getparent() is not None else 0)
        self.histories.setdefault(key, (el, []))[1].append(" ".join(p for p in parts if p) or "?")

    def report_histories(self) -> None:
        for (where, _), (first, records) in self.histories.items():
            count = f"{len(records)} transaction records" if len(records) > 1 else "a transaction record"
            self.report(first, f"{where}: dropped {count} (transacGrp: {'; '.join(records)}): "
                               "the term base keeps no change history")

    def concept_item(self, draft: _ConceptDraft, el: etree._Element, sources: list[etree._Element]) -> None:
        kind, category = self.kind(el)
        where, text = draft.where, self.text(el)
        into = "of the concept's source-language section"
        for source in sources:
            self.cite(draft, source, None)
        if kind == "transacGrp":
            self.history(el, where)
        elif (kind, category) == ("descrip", "subjectField"):
            if draft.subject is None and text:
                draft.subject = text
            elif text:
                self.keep(draft.kept, el, where, "subjectField", text, into + " (the concept has one subject)")
        elif (kind, category) == ("descrip", "definition"):
            if text:
                draft.definitions.append((el.get(XML_LANG), text, el))
        elif (kind, category) == ("descrip", "context"):
            if text:
                draft.examples.append(text)
                self.report(el, f"{where}: kept the concept-level context as an example of the source-language section")
        elif (kind, category) == ("admin", "source"):
            self.cite(draft, el, None)
        elif kind == "ref":
            draft.refs.append((el.get("target"), text, el))
        elif kind == "note":
            match = MARKED_NOTE.match(text)
            if match and match.group(1) in (*MARKED_RELATIONS, "diagrams"):
                draft.marked.setdefault(match.group(1), []).extend(
                    (i.strip(), el) for i in match.group(2).split(",") if i.strip())
            elif text:
                draft.kept.append(match.group(2) if match and match.group(1) == "note" and match.group(2) else text)
                self.report(el, f"{where}: kept the concept-level note '{_short(text)}' {into}")
        elif kind == "xref":
            self.keep(draft.kept, el, where, category or "xref", f"{text} ({el.get('target', '')})".strip(), into)
        elif text:
            self.keep(draft.kept, el, where, category or kind, text, into)

    def read_lang(self, draft: _ConceptDraft, el: etree._Element) -> None:
        code = self.language(el, el.get(XML_LANG), f"<{_local(el)}> of {draft.where}")
        if code is None:
            return
        if code in draft.langs:
            section = draft.langs[code]
            self.report(el, f"{draft.where}: a second <{_local(el)}> for '{code}' was merged into the first")
        else:
            section = draft.langs[code] = _LangDraft(code, el, f"{draft.where} › {code}")
            if code not in self.seen_langs:
                self.seen_langs.append(code)
        for child in _elements(el):
            if _local(child) in TERM_SEC_NAMES:
                self.read_term(draft, section, child)
            else:
                self.walk(child, lambda item, sources: self.lang_item(draft, section, item, sources))

    def lang_item(self, draft: _ConceptDraft, section: _LangDraft, el: etree._Element,
                  sources: list[etree._Element]) -> None:
        kind, category = self.kind(el)
        where, text = section.where, self.text(el)
        if category != "context":  # a context's source stays with the example
            for source in sources:
                self.cite(draft, source, section.code if category == "definition" else None)
        if kind == "transacGrp":
            self.history(el, where)
        elif (kind, category) == ("descrip", "definition"):
            if section.definition is None and text:
                section.definition = text
            elif text:
                self.keep(section.notes, el, where, "definition", text, "(the term base has one definition per language)")
        elif (kind, category) == ("descrip", "context"):
            if text:
                section.examples.append(self.with_sources(text, sources, where))
        elif (kind, category) == ("descrip", "subjectField"):
            if draft.subject is None and text:
                draft.subject = text
            elif text:
                self.keep(section.notes, el, where, "subjectField", text, "of the section")
        elif (kind, category) == ("admin", "source"):
            self.cite(draft, el, section.code)
        elif kind == "ref":
            draft.refs.append((el.get("target"), text, el))
        elif kind == "note":
            match = MARKED_NOTE.match(text)
            if text:
                section.notes.append(match.group(2) if match and match.group(1) == "note" and match.group(2) else text)
        elif kind == "xref":
            self.keep(section.notes, el, where, category or "xref", f"{text} ({el.get('target', '')})", "of the section")
        elif text:
            self.keep(section.notes, el, where, category or kind, text, "of the section")

    def with_sources(self, text: str, sources: list[etree._Element], where: str) -> str:
        """A context's source stays with the example it attests, as '(Source: ...)'."""
        names = [self.text(s) for s in sources if self.text(s)]
        if not names:
            return text
        for source in sources:
            self.report(source, f"{where}: kept the source of a context in the example's text: "
                                f"'{_short(self.text(source))}'")
        return f"{text} (Source: {'; '.join(names)})"

    def read_term(self, draft: _ConceptDraft, section: _LangDraft, el: etree._Element) -> None:
        term = _TermDraft(el)
        for child in _elements(el):
            if _local(child) == "termGrp":  # TBX v2 ntig: term and termNotes are grouped
                for inner in _elements(child):
                    self.walk(inner, lambda item, sources: self.term_item(draft, section, term, item, sources))
            else:
                self.walk(child, lambda item, sources: self.term_item(draft, section, term, item, sources))
        if term.text:
            section.terms.append(term)
        else:
            self.report(el, f"{section.where}: dropped a <{_local(el)}> without a term")

    def term_item(self, draft: _ConceptDraft, section: _LangDraft, term: _TermDraft, el: etree._Element,
                  sources: list[etree._Element]) -> None:
        kind, category = self.kind(el)
        text = self.text(el)
        where = f"{section.where} › '{term.text or '?'}'"
        if category != "context":
            for source in sources:
                self.cite(draft, source, None)
        if _local(el) == "term" and etree.QName(el).namespace == self.core_ns:
            term.text = text
        elif kind == "transacGrp":
            self.history(el, where)
        elif kind == "termNote" or category in ("normativeAuthorization",):
            self.term_note(term, el, category, text, where)
        elif (kind, category) == ("descrip", "context"):
            if text:
                section.examples.append(self.with_sources(text, sources, where))
        elif (kind, category) == ("descrip", "definition"):
            if section.definition is None and text:
                section.definition = text
                self.report(el, f"{where}: kept the term-level definition as the definition of '{section.code}'")
            elif text:
                self.keep(term.notes, el, where, "definition", text, "of the term")
        elif (kind, category) == ("admin", "source"):
            self.cite(draft, el, None)
        elif kind == "ref":
            draft.refs.append((el.get("target"), text, el))
        elif kind == "note":
            self.term_note_text(term, el, text, where)
        elif _local(el) == "termCompList":
            self.report(el, f"{where}: dropped the term components (termCompList): the term base has no place for them")
        elif kind == "xref":
            self.keep(term.notes, el, where, category or "xref", f"{text} ({el.get('target', '')})", "of the term")
        elif text:
            self.keep(term.notes, el, where, category or kind, text, "of the term")

    def term_note_text(self, term: _TermDraft, el: etree._Element, text: str, where: str) -> None:
        match = MARKED_NOTE.match(text)
        key, value = (match.group(1), match.group(2)) if match else ("", text)
        if key == "plural" and value:
            term.plural = value
        elif key == "same_as_source":
            term.same_as_source = value.strip() == "true"
        elif key == "gender" and value in GENDER_TO_TBX:
            term.gender = value
        elif key == "pos" and value in POS_TO_TBX:
            term.pos = value
        elif key == "note" and value:
            term.notes.append(value)
        elif text:
            term.notes.append(text)

    def term_note(self, term: _TermDraft, el: etree._Element, category: str, text: str, where: str) -> None:
        if category in ("administrativeStatus", "normativeAuthorization"):
            value = text.removesuffix("-admn-sts")
            status = STATUS_FROM_TBX.get(value)
            if status is None:
                self.report(el, f"{where}: unknown {category} '{text}' ignored; the term gets a status from its section")
            else:
                term.status = status
                if value not in EXACT_STATUSES:
                    self.report(el, f"{where}: {category} '{text}' kept as '{status}'")
        elif category == "partOfSpeech":
            term.pos = POS_FROM_TBX.get(text.lower())
            if term.pos is None:
                term.pos = "other"
                self.report(el, f"{where}: partOfSpeech '{text}' is not one the term base knows; kept as 'other'")
        elif category == "grammaticalGender":
            term.gender = GENDER_FROM_TBX.get(text.lower())
            if term.gender is None:
                term.gender = "other"
                self.report(el, f"{where}: grammaticalGender '{text}' is not one the term base knows; kept as 'other'")
        elif category == "termType":
            term.type = TERM_TYPES.get(text.lower())
            if term.type is None and text:
                self.keep(term.notes, el, where, "termType", text, "of the term (not a term type the term base knows)")
        elif text:
            self.keep(term.notes, el, where, category or "termNote", text, "of the term")

    # --- assembling the term base ---------------------------------------------

    def check_duplicates(self, drafts: list[_ConceptDraft]) -> None:
        first: dict[str, _ConceptDraft] = {}
        for draft in drafts:
            if draft.xml_id is None:
                continue
            if draft.xml_id in first:
                line = first[draft.xml_id].el.sourceline
                self.error(draft.el, (f"duplicate concept id '{draft.xml_id}' (first used on line {line}): "
                                      "give every conceptEntry its own id"))
            else:
                first[draft.xml_id] = draft

    def assemble(self, drafts: list[_ConceptDraft], root_lang: str | None) -> dict[str, Any]:
        languages = list(self.declared) + [c for c in self.seen_langs if c not in self.declared]
        if root_lang in languages:
            source_language = root_lang
        elif languages:
            source_language = languages[0]
            if root_lang:
                self.report(self.root, (f"the file's language '{root_lang}' has no terms; "
                                        f"'{source_language}' (the first language) is the source language"))
        elif root_lang:
            source_language, languages = root_lang, [root_lang]
        else:
            raise TermBaseError([Problem(self.display, *self.position(self.root), (
                "the file names no language: add xml:lang to the root element and the language sections"))])
        kept = [d for d in drafts if self.finish_entry(d, source_language)]
        self.assign_slugs(kept, source_language)
        concepts = self.relations(kept)
        data: dict[str, Any] = {}
        title = self.titles(languages, source_language)
        if title:
            data["title"] = title
        data["source_language"] = source_language
        data["languages"] = {c: {"name": self.declared.get(c) or _language_name(c) or c} for c in languages}
        sources = self.finish_sources()
        if sources:
            data["sources"] = sources
        data["concepts"] = {d.slug: self.concept_data(d, concepts[d.slug], languages) for d in kept}
        self.validate(data, {d.slug: d for d in kept})
        return data

    def validate(self, data: dict[str, Any], drafts: dict[str, _ConceptDraft]) -> None:
        """The loader's own checks (what the written term base must pass), placed on the
        elements the data came from: what the mapping above cannot make sound is refused."""
        from . import loader

        findings = loader.data_findings(data, self.display)
        if not findings:
            return
        for path, _at_key, message in findings:
            el = self.root
            if len(path) > 1 and path[0] == "sources" and path[1] in self.source_els:
                el = self.source_els[path[1]]
            elif len(path) > 1 and path[0] == "concepts" and path[1] in drafts:
                draft = drafts[path[1]]
                section = draft.langs.get(path[2]) if len(path) > 2 else None
                el = draft.el if section is None else section.el
                if (section is not None and len(path) > 4 and path[3] == "terms" and isinstance(path[4], int)
                        and path[4] < len(section.terms)):
                    el = section.terms[path[4]].el
            self.error(el, message)
        self.fail_if_errors()

    def titles(self, languages: list[str], source_language: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for lang, text, el in self.title:
            code = _normalise_code(lang) if lang else source_language
            if code not in languages:  # a title in an odd language is not worth refusing the file for
                code = source_language
            if text and code not in out:
                out[code] = text
            elif text:
                self.report(el, f"dropped a second title for '{code}': '{_short(text)}'")
        return out

    def finish_sources(self) -> dict[str, dict[str, str]]:
        for source_id, langs in self.source_langs.items():
            if len(langs) == 1 and "" not in langs:
                self.sources[source_id]["lang"] = next(iter(langs))  # cited only by definitions in one language
        return self.sources

    def finish_entry(self, draft: _ConceptDraft, source_language: str) -> bool:
        """Place concept-level content, settle statuses; False when the entry has no terms."""
        for code, section in list(draft.langs.items()):
            if not section.terms:
                self.report(section.el, f"{section.where}: dropped the language section: it has no terms")
                del draft.langs[code]
        if not draft.langs:
            self.report(draft.el, f"{draft.where}: dropped the entry: it has no terms")
            return False
        home = draft.langs.get(source_language) or next(iter(draft.langs.values()))
        draft.home = home.code
        home.notes[:0] = draft.kept
        home.examples[:0] = draft.examples
        for lang, text, el in draft.definitions:
            section = draft.langs.get(_normalise_code(lang) if lang else "") or home
            if section.definition is None:
                section.definition = text
                self.report(el, f"{draft.where}: kept the concept-level definition as the definition of '{section.code}'")
            else:
                self.keep(section.notes, el, draft.where, "definition", text, f"of '{section.code}'")
        for section in draft.langs.values():
            self.settle_statuses(section)
        return True

    def settle_statuses(self, section: _LangDraft) -> None:
        preferred = [t for t in section.terms if t.status == "preferred"]
        if not preferred and not self.ours:
            pick = next((t for t in section.terms if t.status in (None, "admitted")), section.terms[0])
            self.report(pick.el, f"{section.where}: no preferred term; '{pick.text}' "
                                 f"({'the first term' if pick is section.terms[0] else 'the first term not deprecated'}) "
                                 "was made preferred")
            pick.status = "preferred"
        for extra in preferred[1:]:
            extra.status = "admitted"
            self.report(extra.el, f"{section.where}: '{extra.text}' is a second preferred term; kept as admitted")
        for term in section.terms:
            if term.status is None:
                term.status = "admitted"
                self.report(term.el, f"{section.where}: '{term.text}' has no status; kept as admitted")

    def assign_slugs(self, drafts: list[_ConceptDraft], source_language: str) -> None:
        """Slugs from the ids: lowercase, non-alphanumerics to '-', unique, not one of the site's
        own pages nor a name Windows reserves (index -> index-term, con -> con-term); renames
        are reported."""
        from .loader import DEVICE_NAMES, RESERVED_IDS

        taken: set[str] = set()
        for draft in drafts:
            xml_id = draft.xml_id or ""
            if xml_id.startswith("_") and _is_slug(xml_id[1:]):
                base, renamed = xml_id[1:], False  # our own encoding of ids that start with a digit
            else:
                home = draft.langs.get(source_language) or next(iter(draft.langs.values()))
                base = _slugify(xml_id) or _slugify(home.terms[0].text) or "concept"
                renamed = base != xml_id
            why = "ids are unique lowercase slugs"
            if base in RESERVED_IDS:
                base, renamed, why = f"{base}-term", True, f"the site uses glossary/{base} for its own pages"
            elif base in DEVICE_NAMES:
                base, renamed, why = f"{base}-term", True, "Windows reserves the name"
            draft.slug = _unique(base, taken)
            taken.add(draft.slug)
            if renamed or draft.slug != base:
                reason = f"id '{xml_id}'" if xml_id else "no id"
                self.report(draft.el, f"{draft.where}: {reason} became the concept id '{draft.slug}' ({why})")

    def relations(self, drafts: list[_ConceptDraft]) -> dict[str, dict[str, list[str]]]:
        owner: dict[str, str] = {}
        for draft in drafts:
            for el in draft.el.iter():
                if isinstance(el.tag, str) and el.get("id"):
                    owner.setdefault(el.get("id"), draft.slug)
        slugs = {d.slug for d in drafts}
        result: dict[str, dict[str, list[str]]] = {}
        for draft in drafts:
            relations: dict[str, list[str]] = {}
            for key in MARKED_RELATIONS:
                items = draft.marked.get(key, [])
                ids: list[str] = []
                for item, el in items:
                    if item in slugs and item != draft.slug and item not in ids:
                        ids.append(item)
                    else:
                        self.report(el, f"{draft.where}: dropped '{item}' from {key}: no such concept")
                relations[key] = ids
            pending = Counter(i for key in MARKED_RELATIONS for i in relations.get(key, ()))
            related: list[str] = []
            home = draft.langs[draft.home]
            for target, text, el in draft.refs:
                slug = owner.get(target) if target else None
                if slug is None:
                    self.keep(home.notes, el, draft.where, "crossReference",
                              f"{text} ({target})" if target else text, f"of '{home.code}' (no concept has that id)")
                elif slug == draft.slug:
                    self.report(el, f"{draft.where}: dropped a cross-reference to the concept itself")
                elif pending[slug] > 0:
                    pending[slug] -= 1
                elif slug not in related:
                    related.append(slug)
            relations["related"] = related
            result[draft.slug] = relations
        return result

    def concept_data(self, draft: _ConceptDraft, relations: dict[str, list[str]],
                     languages: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if draft.subject:
            out["subject"] = draft.subject
        for key in ("broader", "narrower", "related", "homonyms"):
            if relations.get(key):
                out[key] = relations[key]
        if draft.sources:
            out["sources"] = draft.sources
        diagrams = [i for i, _ in draft.marked.get("diagrams", []) if _is_slug(i)]
        if diagrams:
            out["diagrams"] = list(dict.fromkeys(diagrams))
        for code in languages:
            section = draft.langs.get(code)
            if section is None:
                continue
            sec: dict[str, Any] = {"terms": [t.data() for t in section.terms]}
            if section.definition:
                sec["definition"] = section.definition
            if section.notes:
                sec["notes"] = section.notes
            if section.examples:
                sec["examples"] = section.examples
            out[code] = sec
        return out


def _normalise_code(code: str) -> str:
    """BCP 47 casing: en, pt-BR, sr-Latn (tags are case-insensitive, our keys are not)."""
    parts = code.strip().replace("_", "-").split("-")
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p
                                          for p in parts[1:]])


@lru_cache(maxsize=None)
def _language_name(code: str) -> str | None:
    """The language's own name from Babel (CLDR), else its English name; None if unknown.

    Without Babel every well-formed code is accepted and named by itself.
    """
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:  # pragma: no cover - Babel is a dependency of the site build
        return code
    try:
        return Locale.parse(code, sep="-").get_display_name() or code
    except (UnknownLocaleError, ValueError):
        pass
    primary, _, rest = code.partition("-")
    try:
        native = Locale.parse(primary).get_display_name()
    except (UnknownLocaleError, ValueError):
        native = Locale("en").languages.get(primary)
    if native is None:
        return None
    return f"{native} ({rest})" if rest else native
