"""What the TBX import reads an entry into before it becomes term base data: one draft per
concept, language section and term, each holding the element it came from (for positions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .tbx_xml import local


@dataclass
class TermDraft:
    el: etree._Element
    text: str = ""
    status: str | None = None
    pos: str | None = None
    gender: str | None = None
    plural: str | None = None
    type: str | None = None
    notes: list[str] = field(default_factory=list)
    same_as_source: bool = False
    forbidden_by: str | None = None  # the mark that forbids the term ("usage note: Avoid ..."), if any

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
class LangDraft:
    code: str
    el: etree._Element
    where: str
    terms: list[TermDraft] = field(default_factory=list)
    definition: str | None = None
    notes: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


@dataclass
class ConceptDraft:
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
    langs: dict[str, LangDraft] = field(default_factory=dict)
    home: str = ""  # the section that takes concept-level content: source language, else the first
    translation_needed: bool | None = None  # Weblate's "Translation needed": No means same_as_source
    forbidden_by: str | None = None  # a concept-level usage note that forbids the entry's terms

    @property
    def where(self) -> str:
        name = local(self.el)
        return f"{name} '{self.xml_id}'" if self.xml_id else f"{name} on line {self.el.sourceline}"
