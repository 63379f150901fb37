"""Checks of the hand-written pages: every language present, up to date, same structure,
and written with the term base's vocabulary.

Pages follow mkdocs-static-i18n's suffix layout (see `translation.pages`).
Term use is found with the same matcher that links mentions, so inflected
forms count; an explicit reference `[[id]]` must name a concept, by the same
rule the build applies. A term in quotation
marks is a word being talked about ("the USM page also says „Klient“"), not
used, and is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..language.compounds import deprecated_parts
from ..language.matching import WORD, TermIndex, term_index
from ..termbase.model import TermBase
from ..translation.admonitions import untitled
from ..translation.labels import own_labels
from ..translation.markdown import QUOTED, blank, position, prose, references, without_code
from ..translation.pages import Pages, PageSet
from ..translation.reviews import Reviews, page_hash
from ..translation.usage import mentions, page_text, running_text
from .findings import Finding, Rule
from .registry import declare, rule
from .settings import Settings
from .texts import number_format
from .vocabulary import CAPITALIZED_NOUNS, compound_slips

# pages
declare(
    Rule(
        "page-missing",
        "warning",
        "A hand-written page has no version in a language.",
        "Translate the page into a file with the language suffix (page.de.md).",
    ),
    Rule(
        "page-outdated",
        "warning",
        "The source page changed after this translation was reviewed.",
        "Bring the translation up to date, then run 'glossary review PAGE --lang LANG'.",
    ),
    Rule(
        "page-unreviewed",
        "warning",
        "No review of this page translation is recorded.",
        "Check the translation against the source page, then run 'glossary review PAGE --lang LANG'.",
    ),
    Rule(
        "page-headings",
        "warning",
        "The headings differ in number or level from the source page.",
        "Give the translation the same sections as the source.",
    ),
    Rule(
        "page-links", "warning", "The links differ from the source page.", "Link the same targets as the source page."
    ),
    Rule(
        "page-diagrams",
        "warning",
        "The diagrams differ from the source page.",
        "Place the same diagrams as the source page.",
    ),
    Rule("deprecated-term", "error", "A page uses a deprecated term.", "Use the preferred term instead."),
    Rule(
        "inconsistent-terms",
        "warning",
        "A page names one concept with different terms.",
        "Use the preferred term throughout; quote a synonym only when you talk about the word.",
    ),
)
declare(
    Rule(
        "admonition-title",
        "warning",
        "An admonition in a translated page has no title, and the labels name none for its type in that language: "
        "it is headed in English.",
        'Give it a title in the page\'s language (!!! note "Hinweis"), or add its type to admonition_titles in the '
        "language's labels.",
    ),
)
declare(
    Rule(
        "concept-parity",
        "warning",
        "A translated page names a concept its source page does not, or never names one the source names.",
        "Check that the translation leaves nothing out and adds nothing; a pronoun in place of a repeated term "
        "is fine as long as the concept is named somewhere.",
    ),
)
declare(
    Rule(
        "unlinkable-term",
        "info",
        "A word that looks like a term (a phrase of capitalized words, a short quoted phrase) is in no concept.",
        "Add it to the term base if it is a term of the domain; otherwise leave it. Off by default: turn it on "
        "in checks.yaml (unlinkable-term: info) or with --rule unlinkable-term=info.",
    ),
)
declare(
    Rule(
        "unknown-reference",
        "error",
        "An explicit reference [[id]] names no concept.",
        "Use the id of a concept in the term base ([[customer]]), or remove the brackets.",
    ),
)

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$", re.M)
LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)")
MERMAID = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*mermaid\b", re.M)
DIAGRAM = re.compile(r"<!--\s*glossary:diagram\s+([A-Za-z0-9_-]+)\s*-->")
NO_LINK = re.compile(r"<div class=\"gl-no-link\"[^>]*>.*?</div>", re.S)
# Two or more capitalized words inside a sentence (not after its end), in a language that
# capitalizes names rather than every noun: "the Customer-Provider Interaction Model"
CAPITALIZED_PHRASE = re.compile(
    r"(?<![.!?:#>\n]\s)(?<=[a-z,;] )((?:[A-Z][\w-]*[a-z][\w-]*[ \t]+)+[A-Z][\w-]*[a-z][\w-]*)"
)


def _sections(text: str) -> list[int]:
    """Where each section of a page starts: the top, then every heading (code blanked out)."""
    return [0] + [m.start() for m in HEADING.finditer(without_code(text))]


class PageChecker:
    def __init__(
        self,
        termbase: TermBase,
        reviews: Reviews,
        docs: Path,
        display_docs: str,
        indexes: dict[str, TermIndex] | None = None,
        settings: Settings | None = None,
    ):
        self.tb = termbase
        self.reviews = reviews
        self.source = termbase.source_language
        self.pages = Pages(docs, list(termbase.languages), self.source, display_docs)
        self.indexes = indexes if indexes is not None else {}
        self._parts: dict[str, tuple] = {}  # language -> deprecated terms inside compounds
        self.settings = settings or Settings()

    def index(self, lang: str) -> TermIndex:
        if lang not in self.indexes:
            self.indexes[lang] = term_index(self.tb, lang)
        return self.indexes[lang]

    def shown(self, path: Path) -> str:
        return self.pages.shown(path)

    def finding(
        self,
        rule_id: str,
        path: Path,
        line: int,
        column: int,
        message: str,
        lang: str | None,
        concept: str | None = None,
    ) -> Finding:
        return Finding(rule_id, rule(rule_id).severity, self.shown(path), line, column, message, concept, lang)

    def run(self) -> list[Finding]:
        findings: list[Finding] = []
        for page in self.pages.discover():
            texts = {lang: page_text(path) for lang, path in page.files.items()}
            found = {
                lang: mentions(self.index(lang), text) for lang, text in texts.items() if lang in self.tb.languages
            }
            for lang, text in texts.items():
                findings.extend(self._references(page.files[lang], text, lang))
                if lang in self.tb.languages:
                    findings.extend(self._terms(page.files[lang], text, lang, found[lang]))
                    findings.extend(self._compounds(page.files[lang], text, lang, found[lang]))
                    if self.settings.on("unlinkable-term"):
                        findings.extend(self._unlinkable(page.files[lang], text, lang, found[lang]))
                    findings.extend(self._numbers(page.files[lang], text, lang))
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
                    findings.append(
                        self.finding(
                            "page-missing",
                            source_path,
                            1,
                            1,
                            f"no {self.tb.languages[lang].name} version of this page: translate it into "
                            f"{self.shown(expected)}",
                            lang,
                        )
                    )
                    continue
                findings.extend(self._review(page, path, source_text, lang))
                findings.extend(self._admonitions(path, texts[lang], lang))
                findings.extend(self._structure(source_text, path, texts[lang], lang))
                if self.source in found and lang in found:
                    findings.extend(self._parity(source_text, found[self.source], path, texts[lang], found[lang], lang))
        return findings

    def _parity(
        self, source: str, source_found: list, path: Path, text: str, found: list, lang: str
    ) -> Iterator[Finding]:
        """Concepts the source page names and the translation never does, and the other way
        round; placed in the section where the concept goes missing when the sections match."""

        def concepts(mentions_: list) -> Counter[str]:  # a homonym names each of its concepts
            return Counter(cid for m in mentions_ for cid in {s.concept for s in m.senses})

        theirs, ours = concepts(source_found), concepts(found)
        src_sections = _sections(source)
        own_sections = _sections(text)
        aligned = len(src_sections) == len(own_sections)
        for cid in sorted(set(theirs) - set(ours)):
            at = 0
            if aligned:
                first = next(m.start for m in source_found if cid in {s.concept for s in m.senses})
                section = max(i for i, start in enumerate(src_sections) if start <= first)
                at = own_sections[section]
            line, column = position(text, at)
            name = self.tb.concepts[cid].langs[lang].preferred.text if lang in self.tb.concepts[cid].langs else cid
            heading = HEADING.match(text, at)
            where = (
                f"in the section “{heading.group(2).strip()}”"
                if aligned and heading
                else ("before the first heading" if aligned else "anywhere")
            )
            yield self.finding(
                "concept-parity",
                path,
                line,
                column,
                f"the source page names '{cid}' {'once' if theirs[cid] == 1 else f'{theirs[cid]} times'}, this translation not {where}: "
                f"check that nothing was left out (“{name}”)",
                lang,
                cid,
            )
        for cid in sorted(set(ours) - set(theirs)):
            first = next(m for m in found if cid in {s.concept for s in m.senses})
            line, column = position(text, first.start)
            yield self.finding(
                "concept-parity",
                path,
                line,
                column,
                f"this translation names '{cid}' (“{first.text}”), which the source page never does: "
                "check that the translation says what the source says",
                lang,
                cid,
            )

    def _review(self, page: PageSet, path: Path, source_text: str, lang: str) -> Iterator[Finding]:
        key = self.pages.record_key(page)
        recorded = self.reviews.pages.get(key, {}).get(lang)
        command = f"glossary review {self.shown(path)}"
        if recorded is None:
            yield self.finding(
                "page-unreviewed",
                path,
                1,
                1,
                f"no review of this translation is recorded: check it against {key}, then run: {command}",
                lang,
            )
        elif recorded != page_hash(source_text):
            yield self.finding(
                "page-outdated",
                path,
                1,
                1,
                f"{key} changed since this translation was reviewed: update it, then run: {command}",
                lang,
            )

    def _structure(self, source: str, path: Path, text: str, lang: str) -> Iterator[Finding]:
        src_clean, own_clean = without_code(source), without_code(text)
        src_headings = [(len(m.group(1)), m.start()) for m in HEADING.finditer(src_clean)]
        own_headings = [(len(m.group(1)), m.start()) for m in HEADING.finditer(own_clean)]
        if [h for h, _ in src_headings] != [h for h, _ in own_headings]:
            at = next(
                (o for (s, _), (h, o) in zip(src_headings, own_headings) if s != h),
                own_headings[min(len(src_headings), len(own_headings)) - 1][1] if own_headings else 0,
            )
            line, column = position(text, at)
            yield self.finding(
                "page-headings",
                path,
                line,
                column,
                f"{len(own_headings)} headings with levels {[h for h, _ in own_headings]}, but the "
                f"source page has {len(src_headings)} with levels {[h for h, _ in src_headings]}: "
                "give the translation the same sections",
                lang,
            )
        src_links = Counter(m.group(1) for m in LINK.finditer(src_clean))
        own_links = Counter(m.group(1) for m in LINK.finditer(own_clean))
        if src_links != own_links:
            missing = sorted((src_links - own_links).elements())
            extra = sorted((own_links - src_links).elements())
            at = next((m.start() for m in LINK.finditer(own_clean) if m.group(1) in extra), 0)
            line, column = position(text, at)
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
                [f"not in the source: {', '.join(extra)}"] if extra else []
            )
            yield self.finding(
                "page-links",
                path,
                line,
                column,
                f"links differ from the source page ({'; '.join(parts)}): link the same targets",
                lang,
            )
        src_diagrams = (len(MERMAID.findall(source)), DIAGRAM.findall(source))
        own_diagrams = (len(MERMAID.findall(text)), DIAGRAM.findall(text))
        if src_diagrams != own_diagrams:
            yield self.finding(
                "page-diagrams",
                path,
                1,
                1,
                f"{own_diagrams[0]} Mermaid blocks and diagrams {own_diagrams[1]}, but the source "
                f"page has {src_diagrams[0]} and {src_diagrams[1]}: place the same diagrams",
                lang,
            )

    def _admonitions(self, path: Path, text: str, lang: str) -> Iterator[Finding]:
        titles = own_labels(lang).get("admonition_titles", {})
        for item in untitled(text):
            if item.kind not in titles:
                yield self.finding(
                    "admonition-title",
                    path,
                    item.line,
                    item.column,
                    f"this '{item.kind}' admonition has no title, and the labels give none in "
                    f"{self.tb.languages[lang].name}: it would be headed '{item.kind.capitalize()}'; "
                    f'give it a title: !!! {item.kind} "…"',
                    lang,
                )

    def _references(self, path: Path, text: str, lang: str) -> Iterator[Finding]:
        for reference in references(text, self.tb.concepts):
            if reference.message:
                yield self.finding("unknown-reference", path, reference.line, reference.column, reference.message, lang)

    def _compounds(self, path: Path, text: str, lang: str, found: list) -> Iterator[Finding]:
        """Deprecated terms inside the compounds of a German or Dutch page (Klientenorganisation)."""
        compounds, table = self._deprecated_parts(lang)
        if not compounds.enabled:
            return
        taken = [(m.start, m.end) for m in found]
        for slip in compound_slips(compounds, table, running_text(text), taken):
            line, column = position(text, slip.offset)
            yield self.finding("deprecated-in-compound", path, line, column, slip.message, lang, slip.concept)

    def _unlinkable(self, path: Path, text: str, lang: str, found: list) -> Iterator[Finding]:
        """Words that look like terms in a glossary's own style but are in no concept: a
        phrase of capitalized words inside a sentence (English), a short quoted phrase."""
        taken = [(m.start, m.end) for m in found]
        clean = NO_LINK.sub(blank, prose(text))  # what the site does not link (sources, say) is no candidate
        seen: set[str] = set()
        candidates = []
        if lang.split("-")[0] not in CAPITALIZED_NOUNS:
            candidates += [(m.start(1), m.group(1)) for m in CAPITALIZED_PHRASE.finditer(clean)]
        for m in QUOTED.finditer(clean):
            if clean[max(0, m.start() - 1)] == "=":
                continue  # an HTML attribute's value
            inner = m.group()[1:-1].strip()
            if 0 < len(inner.split()) <= 4 and WORD.search(inner) and not inner.endswith((".", "?", "!")):
                candidates.append((m.start() + 1, inner))
        for start, phrase in sorted(candidates):
            key = " ".join(phrase.split()).casefold()
            if key in seen or any(s < start + len(phrase) and start < e for s, e in taken):
                continue
            first = next(iter(self.index(lang).mentions(phrase)), None)
            if first is not None and first.text == phrase:
                continue  # quoted, but a term: talked about, and in the term base
            seen.add(key)
            line, column = position(text, start)
            yield self.finding(
                "unlinkable-term",
                path,
                line,
                column,
                f"“{' '.join(phrase.split())}” looks like a term but is in no concept: add it to the term base, "
                "or leave it if it is not one",
                lang,
            )

    def _deprecated_parts(self, lang: str):
        if lang not in self._parts:
            self._parts[lang] = deprecated_parts(self.tb, lang)
        return self._parts[lang]

    def _numbers(self, path: Path, text: str, lang: str) -> Iterator[Finding]:
        """Numbers in the English convention on a page whose language writes them otherwise."""
        for issue in number_format(prose(text), lang):
            line, column = position(text, issue.offset)
            yield self.finding(issue.rule, path, line, column, issue.message, lang)

    def _terms(self, path: Path, text: str, lang: str, found: list) -> Iterator[Finding]:
        used: dict[str, list[tuple[int, str, str]]] = {}
        for mention in found:
            if mention.ambiguous:
                continue
            sense = mention.senses[0]
            section = self.tb.concepts[sense.concept].langs[lang]
            preferred = section.preferred.text
            if sense.status == "deprecated":
                line, column = position(text, mention.start)
                yield self.finding(
                    "deprecated-term",
                    path,
                    line,
                    column,
                    f"“{mention.text}” is a deprecated term ({sense.term}): use “{preferred}” instead",
                    lang,
                    sense.concept,
                )
                continue
            used.setdefault(sense.concept, []).append((mention.start, mention.text, sense.term))
        for concept, uses in used.items():
            section = self.tb.concepts[concept].langs[lang]
            terms = {term for _, _, term in uses} - self._introductions(section)
            if len(terms) < 2:
                continue
            preferred = section.preferred.text
            start, written, _term = next((u for u in uses if u[2] != preferred), uses[-1])
            line, column = position(text, start)
            others = ", ".join(f"“{t}”" for t in sorted(terms))
            yield self.finding(
                "inconsistent-terms",
                path,
                line,
                column,
                f"this page names one concept with {others}: use “{preferred}” throughout "
                f"(here: “{written}”), and quote a synonym only when talking about the word",
                lang,
                concept,
            )

    @staticmethod
    def _introductions(section) -> set[str]:
        """Full forms that introduce a preferred abbreviation ("business-to-business (B2B)")."""
        if section.preferred.type not in ("abbreviation", "acronym"):
            return set()
        return {t.text for t in section.terms if t.type == "fullForm"}
