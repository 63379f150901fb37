"""TBX import: TBX v3 (DCA and DCT) and v2 (martif) into a new term base.

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
from collections import Counter

from lxml import etree

from ..errors import Problem, TermBaseError
from ..termbase import ids
from .languages import language_name, normalise_code
from .result import ImportResult, Note, note
from .tbx_assemble import Assembler
from .tbx_drafts import ConceptDraft
from .tbx_entries import EntryReader
from .tbx_mapping import (
    DATE,
    DCT_KIND,
    DIALECTS_V3,
    ENTRY_NAMES,
    FORMAT_TYPE,
    LANG_CODE,
    LANGUAGE_TYPE,
    MARKED_NOTE,
    SOURCE_FIELDS,
    SOURCE_ID_PREFIX,
    SOURCE_SECTION,
    TBX_NS,
    URL,
    XML_LANG,
)
from .tbx_xml import SDLX_LINK, elements, local, parse, short, source_slug


def import_tbx(raw: bytes, display: str, strict: bool = False) -> ImportResult:
    """A term base (plain data, as in terms/termbase.yaml) from TBX v2 or v3 bytes.

    Raises TermBaseError, with positions and what to do, for anything that is
    not safe, well-formed TBX; returns nothing partial.
    """
    root = parse(raw, display)
    return TbxReader(root, raw, display, strict).run()


# What some tools write into a field left empty: "--- (gender) ---".
PLACEHOLDER = re.compile(r"-{2,}\s*\([^()]*\)\s*-{2,}")


class TbxReader(EntryReader):
    """One import: walks the TBX tree once into drafts, which `Assembler` turns into term base data."""

    def __init__(self, root: etree._Element, raw: bytes, display: str, strict: bool = False):
        self.root, self.display, self.strict = root, display, strict
        encoding = root.getroottree().docinfo.encoding or "utf-8"
        try:
            self.lines = raw.decode(encoding, errors="replace").splitlines()
        except LookupError:
            self.lines = raw.decode("utf-8", errors="replace").splitlines()
        self.notes: list[Note] = []
        self.errors: list[Problem] = []
        self.inline_refs: list[tuple[str | None, str, etree._Element]] = []  # of the entry being read
        self.version = 3
        self.dialect = ""
        self.lenient = False  # a dialect or namespace this importer does not know, read by its core structure
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
        needle = prefix + local(el)
        for candidate in range(line, max(line - 6, 0), -1):  # a start tag may span lines
            text = self.lines[candidate - 1] if candidate <= len(self.lines) else ""
            column = text.rfind(needle)
            if column >= 0:
                return candidate, column + 1
        return line, 1

    def report(self, el: etree._Element, message: str, kind: str | None = None) -> None:
        self.notes.append(note(Problem(self.display, *self.position(el), message), kind))

    def error(self, el: etree._Element | None, message: str) -> None:
        line, column = self.position(el) if el is not None else (1, 1)
        self.errors.append(Problem(self.display, line, column, message))

    def fail_if_errors(self) -> None:
        if self.errors:
            raise TermBaseError(self.errors)

    def text(self, el: etree._Element) -> str:
        """The element's text; other tools' files are indented inside texts, so whitespace
        is collapsed there, while our own export is read verbatim.

        Inline markup becomes plain text: TBX's <hi>, <ph> and <ref> elements, and SDLX's
        cross-references written as text (`See <A=c175:c175-en-t1>secondary color</A>.`).
        A cross-reference's target is kept for the entry being read, to become a relation."""
        value = "".join(el.itertext())
        if self.ours:
            return value
        for inner in el.iterdescendants():
            if isinstance(inner.tag, str) and local(inner) == "ref" and inner.get("target"):
                self.inline_refs.append((inner.get("target"), "".join(inner.itertext()), el))
        if "<A=" in value:
            for match in SDLX_LINK.finditer(value):
                self.inline_refs.append((match.group(1), match.group(2), el))
            value = SDLX_LINK.sub(lambda m: m.group(2), value)
        value = " ".join(value.split())
        return "" if PLACEHOLDER.fullmatch(value) else value

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
        root_lang = (
            self.language(self.root, self.root.get(XML_LANG), "the root element")
            if self.root.get(XML_LANG) is not None
            else None
        )
        text = next((c for c in elements(self.root) if local(c) == "text"), None)
        if text is None:
            raise TermBaseError(
                [
                    Problem(
                        self.display,
                        *self.position(self.root),
                        (
                            f"<{local(self.root)}> has no <text> element: this is not a complete TBX file; "
                            "export it again from its tool"
                        ),
                    )
                ]
            )
        back = next((c for c in elements(text) if local(c) == "back"), None)
        if back is not None:
            self.read_back(back)
        body = next((c for c in elements(text) if local(c) == "body"), None)
        drafts = [self.read_entry(e) for e in elements(body) if local(e) in ENTRY_NAMES] if body is not None else []
        self.check_duplicates(drafts)
        self.fail_if_errors()
        data = Assembler(self).assemble(drafts, root_lang)
        self.report_histories()
        self.report_not_understood()
        notes = sorted(self.notes, key=lambda n: (n.problem.line, n.problem.column))
        dialect = f", {self.dialect}" if self.dialect not in ("", "TBX") else ""
        return ImportResult(data, notes, f"{self.display} (TBX v{self.version}{dialect})")

    def detect(self) -> None:
        """TBX v3 (<tbx>) or v2 (<martif>). A dialect or namespace this importer does not know is
        read by the core structure and the categories it knows, and what it did not understand is
        reported (`strict` refuses it instead)."""
        name = local(self.root)
        namespace = etree.QName(self.root).namespace
        if name == "tbx":
            self.dialect, style = self.root.get("type", ""), self.root.get("style", "")
            unknown = []
            if namespace != TBX_NS:
                unknown.append(f"<tbx> in namespace '{namespace or 'none'}' (TBX v3 uses xmlns=\"{TBX_NS}\")")
                self.core_ns = namespace
            if self.dialect not in DIALECTS_V3:
                unknown.append(f"dialect '{self.dialect}' (this importer knows {', '.join(DIALECTS_V3)})")
            if style not in ("dca", "dct"):
                self.error(self.root, f'unknown TBX style \'{style}\': TBX v3 files declare style="dca" or "dct"')
            if unknown and self.strict:
                self.error(
                    self.root,
                    f"unknown TBX: {'; '.join(unknown)}: import without --strict to read it leniently, "
                    "or export TBX-Basic from the source tool",
                )
            elif unknown:
                self.lenient = True
                self.report(
                    self.root,
                    f"read leniently: {'; '.join(unknown)}; the core structure and the data "
                    "categories this importer knows were read, the rest is listed as not understood",
                    "warning",
                )
        elif name == "martif":
            self.version, self.core_ns = 2, namespace
            self.dialect = self.root.get("type", "")
            if not self.dialect.startswith("TBX"):
                self.error(
                    self.root,
                    (
                        f"unknown martif type '{self.dialect}': TBX v2 files declare type=\"TBX\" "
                        "(or TBX-Basic, TBX-Default)"
                    ),
                )
        else:
            self.error(
                self.root,
                (
                    f"not a TBX file: the root element is <{name}>, not <tbx> (TBX v3) or <martif> (TBX v2); "
                    "export the term base as TBX from its tool"
                ),
            )
        self.fail_if_errors()

    def report_not_understood(self) -> None:
        """In a file read leniently, data categories of other namespaces were kept as notes; say which."""
        if not self.lenient:
            return
        foreign = Counter(
            etree.QName(el).localname
            for el in self.root.iter()
            if isinstance(el.tag, str)
            and etree.QName(el).namespace not in (self.core_ns, None)
            and etree.QName(el).localname not in DCT_KIND
        )
        for category, count in sorted(foreign.items()):
            self.report(
                self.root,
                f"the data category '{category}' ({count}×) is not one this importer knows: "
                "its non-empty values were kept as notes",
                "not-understood",
            )

    def language(self, el: etree._Element, code: str | None, where: str) -> str | None:
        """The normalised language code, or None after recording an error."""
        if not code:
            self.error(el, f'{where} has no xml:lang: add the language code (e.g. xml:lang="en")')
            return None
        normal = normalise_code(code)
        if not LANG_CODE.match(normal):
            self.error(el, f"'{code}' in {where} is not a valid language code: use a code like en, de or pt-BR")
            return None
        if language_name(normal) is None:
            self.error(el, f"unknown language code '{code}' in {where}: use an ISO 639 code like en, de or pt-BR")
            return None
        return normal

    # --- header and back matter -------------------------------------------

    def read_header(self) -> None:
        header = next((c for c in elements(self.root) if local(c) in ("tbxHeader", "martifHeader")), None)
        if header is None:
            return
        paragraphs = [p for p in header.iter() if isinstance(p.tag, str) and local(p) == "p"]
        self.ours = any(p.get("type") == FORMAT_TYPE for p in paragraphs)
        for el in header.iter():
            if not isinstance(el.tag, str):
                continue
            name = local(el)
            parent = local(el.getparent()) if el.getparent() is not None else ""
            if name == "title":
                self.title.append((el.get(XML_LANG) or el.getparent().get(XML_LANG), self.text(el), el))
            elif name == "note" and parent == "titleStmt":
                match = MARKED_NOTE.match(self.text(el))
                if match and match.group(1) == "title" and el.get(XML_LANG):
                    self.title.append((el.get(XML_LANG), match.group(2), el))
                else:
                    self.report(
                        el, f"dropped the title note '{short(self.text(el))}': the term base has one title per language"
                    )
            elif name == "p":
                kind = el.get("type")
                if kind == FORMAT_TYPE or (kind == "XCSURI" and self.version == 2):
                    continue
                if kind == LANGUAGE_TYPE:
                    code = self.language(el, el.get(XML_LANG), "a language declaration")
                    if code and self.text(el):
                        self.declared[code] = self.text(el)
                    continue
                self.report(
                    el,
                    f"dropped the header paragraph in <{parent}> '{short(self.text(el))}': "
                    "the term base has no place for file descriptions",
                )
            elif name == "revisionDesc":  # its <change> children go with it, in one report
                self.report(el, "dropped the revision history (revisionDesc): the term base keeps no change history")

    def read_back(self, back: etree._Element) -> None:
        for section in elements(back):
            if local(section) == "refObjectSec" and section.get("type") == SOURCE_SECTION:
                for ref_object in elements(section):
                    self.read_source(ref_object)
            else:
                self.report(
                    section,
                    (
                        f'dropped the back matter <{local(section)} type="{section.get("type", "")}">: '
                        'the term base keeps only sources (refObjectSec type="source")'
                    ),
                )

    def read_source(self, ref_object: etree._Element) -> None:
        xml_id = ref_object.get("id") or ""
        base = xml_id[len(SOURCE_ID_PREFIX) :] if xml_id.startswith(SOURCE_ID_PREFIX) else xml_id
        source_id = (
            base
            if ids.is_slug(base) and base not in self.sources
            else ids.unique(ids.slugify(base, "source"), self.sources)
        )
        spec: dict[str, str] = {}
        for item in ref_object.iter():
            if not isinstance(item.tag, str) or local(item) != "item":
                continue
            key, value = item.get("type", ""), self.text(item)
            valid = {
                "date": DATE.match(value),
                "url": re.match(r"^https?://", value),
                "lang": LANG_CODE.match(value),
            }.get(key, True)
            if key in SOURCE_FIELDS and value and valid and key not in spec:
                spec[key] = value
            elif value:
                self.report(
                    item,
                    f"source '{source_id}': dropped the item {key or 'without type'} '{short(value)}' "
                    "(not a source field the term base has, or not in its format)",
                )
        spec.setdefault("title", xml_id or source_id)
        self.sources[source_id] = {k: spec[k] for k in SOURCE_FIELDS if k in spec}
        self.source_els[source_id] = ref_object
        if xml_id:
            self.ref_objects[xml_id] = source_id

    def cite(self, draft: ConceptDraft, el: etree._Element, lang: str | None) -> None:
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
        source_id = ids.unique(source_slug(text), self.sources)
        spec = {"title": text}
        if URL.match(text):
            spec["url"] = text
        self.sources[source_id] = spec
        self.source_els[source_id] = el
        self.source_by_text[text] = source_id
        self.source_langs[source_id] = set()
        return source_id

    # --- entries ------------------------------------------------------------

    def check_duplicates(self, drafts: list[ConceptDraft]) -> None:
        first: dict[str, ConceptDraft] = {}
        for draft in drafts:
            if draft.xml_id is None:
                continue
            if draft.xml_id in first:
                line = first[draft.xml_id].el.sourceline
                self.error(
                    draft.el,
                    (
                        f"duplicate concept id '{draft.xml_id}' (first used on line {line}): "
                        "give every conceptEntry its own id"
                    ),
                )
            else:
                first[draft.xml_id] = draft
