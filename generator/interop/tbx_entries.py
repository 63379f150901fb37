"""Reading one TBX entry: the concept's own data, its language sections and their terms.

`EntryReader` is the part of `tbx_import.TbxReader` that walks entries; the
reader supplies the document-level services it calls (`kind`, `text`,
`report`, `keep`, `cite`, `language`). Every data category lands in the
field of the model it means, or is kept as a note and reported, or dropped
and reported: nothing goes silently.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from . import statuses
from .tbx_drafts import ConceptDraft, LangDraft, TermDraft
from .tbx_mapping import (
    GENDER_FROM_TBX,
    GENDER_TO_TBX,
    GROUP_NAMES,
    LANG_NAMES,
    MARKED_NOTE,
    MARKED_RELATIONS,
    POS_FROM_TBX,
    POS_TO_TBX,
    TERM_SEC_NAMES,
    TERM_TYPES,
    XML_LANG,
)
from .tbx_xml import elements, local, short

USAGE = {"usage", "usagenote", "usagestatus", "usagelabel"}


def _category(name: str) -> str:
    """A data category's name compared loosely: "Usage note", "usageNote" and "usage_note" are one."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


class EntryReader:
    def read_entry(self, el: etree._Element) -> ConceptDraft:
        draft = ConceptDraft(el, el.get("id"))
        self.inline_refs.clear()
        for child in elements(el):
            if local(child) in LANG_NAMES:
                self.read_lang(draft, child)
            else:
                self.walk(child, lambda item, sources: self.concept_item(draft, item, sources))
        draft.refs.extend(self.inline_refs)  # cross-references written inside texts (SDLX <A=...>, <ref>)
        self.inline_refs.clear()
        return draft

    def walk(self, el: etree._Element, handle: Callable[[etree._Element, list[etree._Element]], None]) -> None:
        """Groups (descripGrp, adminGrp, ...) hand their sources to their main element; the
        rest of a group is read as if it stood beside the group."""
        if local(el) not in GROUP_NAMES or etree.QName(el).namespace != self.core_ns:
            handle(el, [])  # transacGrp included: it is handled as a whole
            return
        children = list(elements(el))
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
        self.report(el, f"{where}: kept {label} '{short(text)}' as a note {into}")

    def history(self, el: etree._Element, where: str) -> None:
        """Change history is dropped; one report per entry, section or term lists what went."""
        parts = [self.text(c) for c in elements(el) if self.kind(c)[0] in ("transac", "transacNote", "date")]
        key = (where, el.getparent().sourceline if el.getparent() is not None else 0)
        self.histories.setdefault(key, (el, []))[1].append(" ".join(p for p in parts if p) or "?")

    def report_histories(self) -> None:
        for (where, _), (first, records) in self.histories.items():
            count = f"{len(records)} transaction records" if len(records) > 1 else "a transaction record"
            self.report(
                first,
                f"{where}: dropped {count} (transacGrp: {'; '.join(records)}): the term base keeps no change history",
            )

    def concept_item(self, draft: ConceptDraft, el: etree._Element, sources: list[etree._Element]) -> None:
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
        elif _category(category) == "translationneeded" and text:
            draft.translation_needed = text.strip().lower() not in ("no", "false", "0", "n")
        elif _category(category) in USAGE and text and statuses.forbids(text):
            draft.forbidden_by = f"{category}: {text}"
            self.keep(draft.kept, el, where, category, text, into)
        elif kind == "note":
            match = MARKED_NOTE.match(text)
            if match and match.group(1) in (*MARKED_RELATIONS, "diagrams"):
                draft.marked.setdefault(match.group(1), []).extend(
                    (i.strip(), el) for i in match.group(2).split(",") if i.strip()
                )
            elif text:
                draft.kept.append(match.group(2) if match and match.group(1) == "note" and match.group(2) else text)
                self.report(el, f"{where}: kept the concept-level note '{short(text)}' {into}")
        elif kind == "xref":
            self.keep(draft.kept, el, where, category or "xref", f"{text} ({el.get('target', '')})".strip(), into)
        elif text:
            self.keep(draft.kept, el, where, category or kind, text, into)

    def read_lang(self, draft: ConceptDraft, el: etree._Element) -> None:
        code = self.language(el, el.get(XML_LANG), f"<{local(el)}> of {draft.where}")
        if code is None:
            return
        if code in draft.langs:
            section = draft.langs[code]
            self.report(el, f"{draft.where}: a second <{local(el)}> for '{code}' was merged into the first")
        else:
            section = draft.langs[code] = LangDraft(code, el, f"{draft.where} › {code}")
            if code not in self.seen_langs:
                self.seen_langs.append(code)
        for child in elements(el):
            if local(child) in TERM_SEC_NAMES:
                self.read_term(draft, section, child)
            else:
                self.walk(child, lambda item, sources: self.lang_item(draft, section, item, sources))

    def lang_item(
        self, draft: ConceptDraft, section: LangDraft, el: etree._Element, sources: list[etree._Element]
    ) -> None:
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
                self.keep(
                    section.notes, el, where, "definition", text, "(the term base has one definition per language)"
                )
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
            self.keep(
                section.notes, el, where, category or "xref", f"{text} ({el.get('target', '')})", "of the section"
            )
        elif text:
            self.keep(section.notes, el, where, category or kind, text, "of the section")

    def with_sources(self, text: str, sources: list[etree._Element], where: str) -> str:
        """A context's source stays with the example it attests, as '(Source: ...)'."""
        names = [self.text(s) for s in sources if self.text(s)]
        if not names:
            return text
        for source in sources:
            self.report(
                source, f"{where}: kept the source of a context in the example's text: '{short(self.text(source))}'"
            )
        return f"{text} (Source: {'; '.join(names)})"

    def read_term(self, draft: ConceptDraft, section: LangDraft, el: etree._Element) -> None:
        term = TermDraft(el)
        for child in elements(el):
            if local(child) == "termGrp":  # TBX v2 ntig: term and termNotes are grouped
                for inner in elements(child):
                    self.walk(inner, lambda item, sources: self.term_item(draft, section, term, item, sources))
            else:
                self.walk(child, lambda item, sources: self.term_item(draft, section, term, item, sources))
        if term.text:
            section.terms.append(term)
        else:
            self.report(el, f"{section.where}: dropped a <{local(el)}> without a term")

    def term_item(
        self,
        draft: ConceptDraft,
        section: LangDraft,
        term: TermDraft,
        el: etree._Element,
        sources: list[etree._Element],
    ) -> None:
        kind, category = self.kind(el)
        text = self.text(el)
        where = f"{section.where} › '{term.text or '?'}'"
        if category != "context":
            for source in sources:
                self.cite(draft, source, None)
        if local(el) == "term" and etree.QName(el).namespace == self.core_ns:
            term.text = text
        elif kind == "transacGrp":
            self.history(el, where)
        elif kind == "termNote" or category == "normativeAuthorization" or _category(category) in USAGE:
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
        elif local(el) == "termCompList":
            self.report(el, f"{where}: dropped the term components (termCompList): the term base has no place for them")
        elif kind == "xref":
            self.keep(term.notes, el, where, category or "xref", f"{text} ({el.get('target', '')})", "of the term")
        elif text:
            self.keep(term.notes, el, where, category or kind, text, "of the term")

    def term_note_text(self, term: TermDraft, el: etree._Element, text: str, where: str) -> None:
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

    def term_note(self, term: TermDraft, el: etree._Element, category: str, text: str, where: str) -> None:
        usage = _category(category) in USAGE
        if category in ("administrativeStatus", "normativeAuthorization") or (usage and statuses.status_of(text)):
            status = statuses.status_of(text)
            if status is None:
                self.report(
                    el,
                    f"{where}: {category} '{text}' is no status the import knows; the term gets one from its section",
                    "not-understood",
                )
                return
            if status == "deprecated" and term.forbidden_by is None:
                term.forbidden_by = f"{category} '{text}'"
            term.status = statuses.stronger(term.status, status)
            if not statuses.is_ours(text):
                self.report(el, f"{where}: {category} '{text}' kept as '{term.status}'")
        elif usage and statuses.forbids(text):
            term.forbidden_by = f"{category}: {text}"
            self.keep(term.notes, el, where, category, text, "of the term")
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
