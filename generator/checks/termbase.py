"""Checks of the term base itself: integrity, outdated translations, text quality.

Each finding is placed where a terminologist would fix it: the term, the
definition, the relation. Positions come from `Positions`, which composes only
the concepts that have findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..termbase.model import Concept, TermBase
from ..termbase.positions import Positions
from ..translation.reviews import Reviews, concept_hash
from .findings import Finding, Rule
from .registry import declare, rule
from .texts import check_text, pasted_quotes
from .vocabulary import Vocabulary

# term base integrity
declare(
    Rule(
        "plural-mismatch",
        "warning",
        "A term's plural has another number of words than the term.",
        "Write the plural of the whole term ('end customers' for 'end customer'); until then linking and lookup "
        "do not use it.",
    ),
    Rule(
        "missing-translation",
        "warning",
        "A concept has no section for a declared language.",
        "Add the language section with its terms and definition, or leave it: the site shows the entry as not yet translated.",
    ),
    Rule(
        "missing-preferred",
        "error",
        "A language section has no preferred term.",
        "Mark exactly one term of the section 'status: preferred'.",
    ),
    Rule(
        "missing-definition",
        "error",
        "A language section has no definition.",
        "Write a one-sentence definition for the language.",
    ),
    Rule(
        "undeclared-homonym",
        "warning",
        "Two concepts share a term in one language without saying so.",
        "If both senses are meant, list each concept under the other's 'homonyms'; otherwise correct the term.",
    ),
    Rule(
        "relation-cycle",
        "error",
        "Broader/narrower relations form a cycle.",
        "Remove one of the relations so that the hierarchy has no loop.",
    ),
    Rule(
        "relation-mismatch",
        "warning",
        "A broader relation has no matching narrower relation, or the other way round.",
        "Add the inverse relation to the other concept, or remove this one.",
    ),
    Rule(
        "deprecated-only",
        "error",
        "A language section has only deprecated terms.",
        "Add a preferred term; a deprecated term must point readers to one they should use.",
    ),
    Rule(
        "same-as-source",
        "warning",
        "A translated term or text is identical to the source language.",
        "Translate it, or mark the term 'same_as_source: true' when it is meant to be the same (B2B).",
    ),
    Rule(
        "translation-outdated",
        "warning",
        "The source text changed after this translation was reviewed.",
        "Check the translation against the current source, fix it, then run 'glossary review CONCEPT --lang LANG'.",
    ),
    Rule(
        "translation-unreviewed",
        "warning",
        "No review of this translation is recorded.",
        "Check the translation against the source, then run 'glossary review CONCEPT --lang LANG'.",
    ),
)


class TermBaseChecker:
    def __init__(self, termbase: TermBase, reviews: Reviews, positions: Positions | None = None):
        self.tb = termbase
        self.reviews = reviews
        self.positions = positions or Positions(termbase)
        self.source = termbase.source_language

    def finding(
        self,
        rule_id: str,
        concept: str | None,
        lang: str | None,
        message: str,
        path: tuple[Any, ...] = (),
        at_key: bool = False,
        offset: int = 0,
        severity: str | None = None,
    ) -> Finding:
        line, column = self.positions.concept(concept, *path, at_key=at_key) if concept else (1, 1)
        if offset:
            column = self._column_in_text(line, column, offset)
        return Finding(rule_id, severity or rule(rule_id).severity, self.tb.path, line, column, message, concept, lang)

    def _column_in_text(self, line: int, column: int, offset: int) -> int:
        """Column of a character inside a one-line scalar (quoted or plain); else the scalar's start."""
        text = self.positions.lines[line - 1] if line - 1 < len(self.positions.lines) else ""
        start = column - 1
        if start < len(text) and text[start] in "\"'":
            return column + 1 + offset
        if start < len(text) and text[start] in "|>":
            return column
        return column + offset

    def run(self) -> list[Finding]:
        from ..language.matching import term_index

        findings: list[Finding] = []
        vocabularies = [Vocabulary(self.tb, term_index(self.tb, lang)) for lang in self.tb.languages]
        for concept in self.tb.concepts.values():
            findings.extend(self._sections(concept))
            findings.extend(self._relations(concept))
            findings.extend(self._texts(concept))
            for vocabulary in vocabularies:
                for slip in vocabulary.slips(concept):
                    findings.append(
                        self.finding(
                            slip.rule, concept.id, vocabulary.lang, slip.message, slip.path, offset=slip.offset
                        )
                    )
        findings.extend(self._cycles())
        return findings

    # languages, terms, definitions, reviews

    def _sections(self, concept: Concept) -> Iterator[Finding]:
        cid = concept.id
        source = concept.langs.get(self.source)
        for lang in self.tb.languages:
            section = concept.langs.get(lang)
            name = self.tb.languages[lang].name
            if section is None:
                yield self.finding(
                    "missing-translation",
                    cid,
                    lang,
                    f"concept '{cid}' has no {name} ({lang}) section: add its terms and definition",
                    severity="error" if lang == self.source else None,
                )
                continue
            statuses = [t.status for t in section.terms]
            if "preferred" not in statuses:
                if set(statuses) == {"deprecated"}:
                    yield self.finding(
                        "deprecated-only",
                        cid,
                        lang,
                        f"concept '{cid}' has only deprecated terms in {lang}: add the term to use instead",
                        (lang, "terms"),
                        at_key=True,
                    )
                else:
                    yield self.finding(
                        "missing-preferred",
                        cid,
                        lang,
                        f"concept '{cid}' has no preferred term in {lang}: mark one term 'status: preferred'",
                        (lang, "terms"),
                        at_key=True,
                    )
            if not section.definition:
                yield self.finding(
                    "missing-definition",
                    cid,
                    lang,
                    f"concept '{cid}' has no definition in {lang}: write one",
                    (lang,),
                    at_key=True,
                )
            yield from self._homonyms(concept, lang)
            yield from self._plurals(concept, lang)
            if lang == self.source or source is None:
                continue
            yield from self._same_as_source(concept, lang)
            current = concept_hash(source)
            recorded = self.reviews.concepts.get(cid, {}).get(lang)
            if recorded is None:
                yield self.finding(
                    "translation-unreviewed",
                    cid,
                    lang,
                    f"no review of the {lang} translation of '{cid}' is recorded: check it against "
                    f"the {self.source} text, then run: glossary review {cid} --lang {lang}",
                    (lang,),
                    at_key=True,
                )
            elif recorded != current:
                yield self.finding(
                    "translation-outdated",
                    cid,
                    lang,
                    f"the {self.source} terms or definition of '{cid}' changed since the {lang} "
                    f"translation was reviewed: update it, then run: glossary review {cid} --lang {lang}",
                    (lang,),
                    at_key=True,
                )

    def _homonyms(self, concept: Concept, lang: str) -> Iterator[Finding]:
        section = concept.langs[lang]
        for other in self.tb.homonyms_of(concept.id, lang):
            declared = other in concept.homonyms or concept.id in self.tb.concepts[other].homonyms
            if declared or other < concept.id:  # report each pair once, at the first concept by id
                continue
            theirs = {t.text.casefold() for t in self.tb.concepts[other].langs[lang].terms}
            for i, term in enumerate(section.terms):
                if term.text.casefold() in theirs:
                    yield self.finding(
                        "undeclared-homonym",
                        concept.id,
                        lang,
                        f"'{term.text}' ({lang}) names both '{concept.id}' and '{other}': if both senses are meant, "
                        f"add 'homonyms: [{other}]' to '{concept.id}' (and the reverse); otherwise correct the term",
                        (lang, "terms", i, "term"),
                    )
                    break

    def _plurals(self, concept: Concept, lang: str) -> Iterator[Finding]:
        for i, term in enumerate(concept.langs[lang].terms):
            if term.plural and term.plural_form is None:
                yield self.finding(
                    "plural-mismatch",
                    concept.id,
                    lang,
                    f"the plural '{term.plural}' has {len(term.plural.split())} words, the term '{term.text}' "
                    f"{len(term.text.split())}: write the plural of the whole term; linking and lookup ignore this one",
                    (lang, "terms", i, "plural"),
                )

    def _same_as_source(self, concept: Concept, lang: str) -> Iterator[Finding]:
        section, source = concept.langs[lang], concept.langs[self.source]
        source_terms = {t.text.casefold() for t in source.terms}
        preferred = section.preferred
        if preferred.text.casefold() in source_terms and not preferred.same_as_source:
            i = section.terms.index(preferred)
            yield self.finding(
                "same-as-source",
                concept.id,
                lang,
                f"the {lang} preferred term '{preferred.text}' is the same as in {self.source}: "
                "translate it, or mark it 'same_as_source: true' if that is intended",
                (lang, "terms", i, "term"),
            )
        if section.definition and source.definition and section.definition.strip() == source.definition.strip():
            yield self.finding(
                "same-as-source",
                concept.id,
                lang,
                f"the {lang} definition of '{concept.id}' is the {self.source} text: translate it",
                (lang, "definition"),
            )

    # text quality

    def _texts(self, concept: Concept) -> Iterator[Finding]:
        source = concept.langs.get(self.source)
        for lang, section in concept.langs.items():
            translated = lang != self.source and source is not None
            pairs: list[tuple[tuple[Any, ...], str, str | None]] = []
            if section.definition:
                pairs.append(((lang, "definition"), section.definition, source.definition if translated else None))
            for field in ("notes", "examples"):
                texts = getattr(section, field)
                originals = getattr(source, field) if translated else ()
                same_count = len(texts) == len(originals)
                for i, text in enumerate(texts):
                    pairs.append(((lang, field, i), text, originals[i] if same_count else None))
            for i, term in enumerate(section.terms):
                pairs.append(((lang, "terms", i, "term"), term.text, None))
            for path, text, original in pairs:
                issues = check_text(text, original, lang)
                pasted = pasted_quotes(text) if path[1] in ("definition", "notes") else None
                for issue in ([pasted] if pasted else []) + issues:
                    yield self.finding(issue.rule, concept.id, lang, issue.message, path, offset=issue.offset)

    # relations

    def _relations(self, concept: Concept) -> Iterator[Finding]:
        for relation, inverse in (("broader", "narrower"), ("narrower", "broader")):
            for i, target in enumerate(getattr(concept, relation)):
                other = self.tb.concepts.get(target)
                if other is not None and concept.id not in getattr(other, inverse):
                    yield self.finding(
                        "relation-mismatch",
                        concept.id,
                        None,
                        f"'{concept.id}' lists '{target}' as {relation}, but '{target}' does not list "
                        f"'{concept.id}' as {inverse}: add '{concept.id}' to its '{inverse}' or remove this entry",
                        (relation, i),
                    )

    def _cycles(self) -> Iterator[Finding]:
        """Loops in the hierarchy, following both 'broader' and the inverse of 'narrower'."""
        parents: dict[str, set[str]] = {cid: set(c.broader) for cid, c in self.tb.concepts.items()}
        for cid, concept in self.tb.concepts.items():
            for child in concept.narrower:
                if child in parents:
                    parents[child].add(cid)
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        reported: set[frozenset[str]] = set()
        for start in parents:
            if state.get(start):
                continue
            stack: list[tuple[str, list[str]]] = [(start, sorted(parents[start]))]
            path = [start]
            state[start] = 1
            while stack:
                node, todo = stack[-1]
                if not todo:
                    state[node] = 2
                    stack.pop()
                    path.pop()
                    continue
                parent = todo.pop()
                if state.get(parent) == 1:
                    loop = path[path.index(parent) :] + [parent]
                    key = frozenset(loop)
                    if key not in reported:
                        reported.add(key)
                        first = min(loop[:-1])
                        yield self.finding(
                            "relation-cycle",
                            first,
                            None,
                            "the broader/narrower relations form a loop: " + " → ".join(loop) + ": remove one of them",
                            ("broader",),
                            at_key=True,
                        )
                elif parent in parents and not state.get(parent):
                    state[parent] = 1
                    path.append(parent)
                    stack.append((parent, sorted(parents[parent])))
