"""Checks of the hand-written pages: every language present, up to date, same structure,
and written with the term base's vocabulary.

Pages follow mkdocs-static-i18n's suffix layout: `page.md` is the source
language, `page.de.md` its German version. Term use is found with the same
matcher that links mentions, so inflected forms count. A term in quotation
marks is a word being talked about ("the USM page also says „Klient“"), not
used, and is left alone.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .findings import Finding
from .linking import TermIndex, nfc, term_index
from .model import TermBase
from .reviews import Reviews, page_hash
from .rules import rule

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})([^\n]*)\n.*?^\1\2[ \t]*$", re.S | re.M)
CODE_SPAN = re.compile(r"(`+)[^\n]*?\1")
COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK_TARGET = re.compile(r"\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
REFERENCE = re.compile(r"\[\[[^\]\n]*\]\]")
QUOTED = re.compile(r"„[^“”\n]*[“”]|“[^”\n]*”|\"[^\"\n]*\"|(?<!\w)‘[^’\n]*’(?!\w)|«[^»\n]*»|»[^«\n]*«|‚[^‘\n]*‘")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$", re.M)
LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)")
MERMAID = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*mermaid\b", re.M)
DIAGRAM = re.compile(r"<!--\s*glossary:diagram\s+([A-Za-z0-9_-]+)\s*-->")


@dataclass
class PageSet:
    name: str  # path below docs/ without language suffix and extension, e.g. "guide/intro"
    files: dict[str, Path] = field(default_factory=dict)  # language -> file


def discover(docs: Path, languages: list[str], source: str) -> list[PageSet]:
    pages: dict[str, PageSet] = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()[: -len(".md")]
        stem, _, suffix = rel.rpartition(".")
        if stem and suffix in languages:
            name, lang = stem, suffix
        else:
            name, lang = rel, source
        pages.setdefault(name, PageSet(name)).files.setdefault(lang, path)
    return list(pages.values())


def blank(match: re.Match[str]) -> str:
    """Replace text by spaces, keeping line breaks, so offsets still give lines and columns."""
    return re.sub(r"[^\n]", " ", match.group(0))


def prose(text: str) -> str:
    """The running text of a page: code, comments, link targets and references blanked out."""
    for pattern in (FRONT_MATTER, FENCE, COMMENT, CODE_SPAN, LINK_TARGET, REFERENCE):
        text = pattern.sub(blank, text)
    return text


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class PageChecker:
    def __init__(self, termbase: TermBase, reviews: Reviews, docs: Path, display_docs: str,
                 indexes: dict[str, TermIndex] | None = None):
        self.tb = termbase
        self.reviews = reviews
        self.docs = docs
        self.display = display_docs.rstrip("/")
        self.source = termbase.source_language
        self.indexes = indexes if indexes is not None else {}

    def index(self, lang: str) -> TermIndex:
        if lang not in self.indexes:
            self.indexes[lang] = term_index(self.tb, lang)
        return self.indexes[lang]

    def shown(self, path: Path) -> str:
        return f"{self.display}/{path.relative_to(self.docs).as_posix()}"

    def finding(self, rule_id: str, path: Path, line: int, column: int, message: str,
                lang: str | None, concept: str | None = None) -> Finding:
        return Finding(rule_id, rule(rule_id).severity, self.shown(path), line, column, message, concept, lang)

    def run(self) -> list[Finding]:
        findings: list[Finding] = []
        for page in discover(self.docs, list(self.tb.languages), self.source):
            texts = {lang: nfc(path.read_text("utf-8").replace("\r\n", "\n")) for lang, path in page.files.items()}
            for lang, text in texts.items():
                if lang in self.tb.languages:
                    findings.extend(self._terms(page.files[lang], text, lang))
            source_path = page.files.get(self.source)
            if source_path is None:
                continue
            source_text = texts[self.source]
            for lang in self.tb.languages:
                if lang == self.source:
                    continue
                path = page.files.get(lang)
                if path is None:
                    expected = source_path.with_name(f"{page.name.rsplit('/', 1)[-1]}.{lang}.md")
                    findings.append(self.finding(
                        "page-missing", source_path, 1, 1,
                        f"no {self.tb.languages[lang].name} version of this page: translate it into "
                        f"{self.shown(expected)}", lang))
                    continue
                findings.extend(self._review(page, path, source_text, lang))
                findings.extend(self._structure(source_text, path, texts[lang], lang))
        return findings

    def _review(self, page: PageSet, path: Path, source_text: str, lang: str) -> Iterator[Finding]:
        key = self.shown(page.files[self.source])
        recorded = self.reviews.pages.get(key, {}).get(lang)
        command = f"glossary review {self.shown(path)}"
        if recorded is None:
            yield self.finding("page-unreviewed", path, 1, 1,
                               f"no review of this translation is recorded: check it against {key}, then run: {command}",
                               lang)
        elif recorded != page_hash(source_text):
            yield self.finding("page-outdated", path, 1, 1,
                               f"{key} changed since this translation was reviewed: update it, then run: {command}",
                               lang)

    def _structure(self, source: str, path: Path, text: str, lang: str) -> Iterator[Finding]:
        src_clean, own_clean = prose_without_fences(source), prose_without_fences(text)
        src_headings = [(len(m.group(1)), m.start()) for m in HEADING.finditer(src_clean)]
        own_headings = [(len(m.group(1)), m.start()) for m in HEADING.finditer(own_clean)]
        if [h for h, _ in src_headings] != [h for h, _ in own_headings]:
            at = next((o for (s, _), (h, o) in zip(src_headings, own_headings) if s != h),
                      own_headings[min(len(src_headings), len(own_headings)) - 1][1] if own_headings else 0)
            line, column = position(text, at)
            yield self.finding("page-headings", path, line, column,
                               f"{len(own_headings)} headings with levels {[h for h, _ in own_headings]}, but the "
                               f"source page has {len(src_headings)} with levels {[h for h, _ in src_headings]}: "
                               "give the translation the same sections", lang)
        src_links = Counter(m.group(1) for m in LINK.finditer(src_clean))
        own_links = Counter(m.group(1) for m in LINK.finditer(own_clean))
        if src_links != own_links:
            missing = sorted((src_links - own_links).elements())
            extra = sorted((own_links - src_links).elements())
            at = next((m.start() for m in LINK.finditer(own_clean) if m.group(1) in extra), 0)
            line, column = position(text, at)
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
                [f"not in the source: {', '.join(extra)}"] if extra else [])
            yield self.finding("page-links", path, line, column,
                               f"links differ from the source page ({'; '.join(parts)}): link the same targets", lang)
        src_diagrams = (len(MERMAID.findall(source)), DIAGRAM.findall(source))
        own_diagrams = (len(MERMAID.findall(text)), DIAGRAM.findall(text))
        if src_diagrams != own_diagrams:
            yield self.finding("page-diagrams", path, 1, 1,
                               f"{own_diagrams[0]} Mermaid blocks and diagrams {own_diagrams[1]}, but the source "
                               f"page has {src_diagrams[0]} and {src_diagrams[1]}: place the same diagrams", lang)

    def _terms(self, path: Path, text: str, lang: str) -> Iterator[Finding]:
        running = QUOTED.sub(blank, prose(text))
        running = HEADING.sub(lambda m: m.group(0), running)
        used: dict[str, list[tuple[int, str, str]]] = {}
        for mention in self.index(lang).mentions(running):
            if mention.ambiguous:
                continue
            sense = mention.senses[0]
            section = self.tb.concepts[sense.concept].langs[lang]
            preferred = section.preferred.text
            if sense.status == "deprecated":
                line, column = position(text, mention.start)
                yield self.finding("deprecated-term", path, line, column,
                                   f"“{mention.text}” is a deprecated term ({sense.term}): use “{preferred}” instead",
                                   lang, sense.concept)
                continue
            used.setdefault(sense.concept, []).append((mention.start, mention.text, sense.term))
        for concept, uses in used.items():
            section = self.tb.concepts[concept].langs[lang]
            terms = {term for _, _, term in uses} - self._introductions(section)
            if len(terms) < 2:
                continue
            preferred = section.preferred.text
            start, written, term = next((u for u in uses if u[2] != preferred), uses[-1])
            line, column = position(text, start)
            others = ", ".join(f"“{t}”" for t in sorted(terms))
            yield self.finding("inconsistent-terms", path, line, column,
                               f"this page names one concept with {others}: use “{preferred}” throughout "
                               f"(here: “{written}”), and quote a synonym only when talking about the word",
                               lang, concept)


    @staticmethod
    def _introductions(section) -> set[str]:
        """Full forms that introduce a preferred abbreviation ("business-to-business (B2B)")."""
        if section.preferred.type not in ("abbreviation", "acronym"):
            return set()
        return {t.text for t in section.terms if t.type == "fullForm"}


def prose_without_fences(text: str) -> str:
    for pattern in (FRONT_MATTER, FENCE, COMMENT):
        text = pattern.sub(blank, text)
    return text
