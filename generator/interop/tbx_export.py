"""TBX export: the term base as TBX-Basic (TBX v3, DCA style); the mapping is in `tbx_mapping`."""

from __future__ import annotations

from lxml import etree

from ..errors import Problem, TermBaseError
from ..termbase.model import Concept, LangSection, Source, Term, TermBase
from .tbx_mapping import (
    FORMAT_TEXT,
    FORMAT_TYPE,
    GENDER_TO_TBX,
    LANGUAGE_TYPE,
    MARK,
    MARKED_RELATIONS,
    NCNAME,
    POS_TO_TBX,
    SOURCE_FIELDS,
    SOURCE_ID_PREFIX,
    SOURCE_SECTION,
    STATUS_TO_TBX,
    TBX_NS,
    XML_LANG,
)


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
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + etree.tostring(root, encoding="UTF-8", xml_declaration=False)
        + b"\n"
    )


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
        raise TermBaseError(
            [
                Problem(
                    termbase.path,
                    line,
                    1,
                    (
                        f"concept '{concept.id}' has no language section: TBX needs at least one term per concept; "
                        "add a term or remove the concept before exporting"
                    ),
                )
            ]
        )
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
        raise TermBaseError(
            [
                Problem(
                    termbase.path,
                    line,
                    1,
                    (f"concept '{concept.id}' holds text that XML cannot carry ({exc}): remove the control characters"),
                )
            ]
        ) from None


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
