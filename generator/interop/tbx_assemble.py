"""The second half of a TBX import: drafts into term base data, in the structure of terms/termbase.yaml.

Concept-level content finds its language section, statuses are settled (never
more recommended than the file says), ids become slugs, cross-references
become relations, and the result is checked by the loader's own rules, each
refusal placed on the element it came from.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..errors import Problem, TermBaseError
from ..termbase import ids, loader
from . import statuses
from .languages import language_name, language_scores, normalise_code
from .tbx_drafts import ConceptDraft, LangDraft
from .tbx_mapping import MARKED_RELATIONS
from .tbx_xml import short

if TYPE_CHECKING:
    from .tbx_import import TbxReader


class Assembler:
    def __init__(self, reader: TbxReader):
        self.reader = reader

    def assemble(self, drafts: list[ConceptDraft], root_lang: str | None) -> dict[str, Any]:
        languages = list(self.reader.declared) + [c for c in self.reader.seen_langs if c not in self.reader.declared]
        if root_lang in languages:
            source_language = root_lang
        elif languages:
            source_language = languages[0]
            if root_lang:
                self.reader.report(
                    self.reader.root,
                    (
                        f"the file's language '{root_lang}' has no terms; "
                        f"'{source_language}' (the first language) is the source language"
                    ),
                )
        elif root_lang:
            source_language, languages = root_lang, [root_lang]
        else:
            raise TermBaseError(
                [
                    Problem(
                        self.reader.display,
                        *self.reader.position(self.reader.root),
                        ("the file names no language: add xml:lang to the root element and the language sections"),
                    )
                ]
            )
        kept = [d for d in drafts if self.finish_entry(d, source_language)]
        self.assign_slugs(kept, source_language)
        concepts = self.relations(kept)
        data: dict[str, Any] = {}
        title = self.titles(languages, source_language)
        if title:
            data["title"] = title
        data["source_language"] = source_language
        data["languages"] = {c: {"name": self.reader.declared.get(c) or language_name(c) or c} for c in languages}
        sources = self.finish_sources()
        if sources:
            data["sources"] = sources
        data["concepts"] = {d.slug: self.concept_data(d, concepts[d.slug], languages) for d in kept}
        self.validate(data, {d.slug: d for d in kept})
        return data

    def validate(self, data: dict[str, Any], drafts: dict[str, ConceptDraft]) -> None:
        """The loader's own checks (what the written term base must pass), placed on the
        elements the data came from: what the mapping above cannot make sound is refused."""
        findings = loader.data_findings(data)
        if not findings:
            return
        for path, _at_key, message in findings:
            el = self.reader.root
            if len(path) > 1 and path[0] == "sources" and path[1] in self.reader.source_els:
                el = self.reader.source_els[path[1]]
            elif len(path) > 1 and path[0] == "concepts" and path[1] in drafts:
                draft = drafts[path[1]]
                section = draft.langs.get(path[2]) if len(path) > 2 else None
                el = draft.el if section is None else section.el
                if (
                    section is not None
                    and len(path) > 4
                    and path[3] == "terms"
                    and isinstance(path[4], int)
                    and path[4] < len(section.terms)
                ):
                    el = section.terms[path[4]].el
            self.reader.error(el, message)
        self.reader.fail_if_errors()

    def titles(self, languages: list[str], source_language: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for lang, text, el in self.reader.title:
            code = normalise_code(lang) if lang else source_language
            if code not in languages:  # a title in an odd language is not worth refusing the file for
                code = source_language
            if text and code not in out:
                out[code] = text
            elif text:
                self.reader.report(el, f"dropped a second title for '{code}': '{short(text)}'")
        return out

    def finish_sources(self) -> dict[str, dict[str, str]]:
        for source_id, langs in self.reader.source_langs.items():
            if len(langs) == 1 and "" not in langs:
                self.reader.sources[source_id]["lang"] = next(iter(langs))  # cited only by definitions in one language
        return self.reader.sources

    def finish_entry(self, draft: ConceptDraft, source_language: str) -> bool:
        """Place concept-level content, settle statuses; False when the entry has no terms."""
        for code, section in list(draft.langs.items()):
            if not section.terms:
                self.reader.report(section.el, f"{section.where}: dropped the language section: it has no terms")
                del draft.langs[code]
        if not draft.langs:
            self.reader.report(draft.el, f"{draft.where}: dropped the entry: it has no terms")
            return False
        home = draft.langs.get(source_language) or next(iter(draft.langs.values()))
        draft.home = home.code
        home.notes[:0] = draft.kept
        home.examples[:0] = draft.examples
        for lang, text, el in draft.definitions:
            section = draft.langs.get(normalise_code(lang)) if lang else self.unlabelled(draft, home, text, el)
            section = section or home
            if section.definition is None:
                section.definition = text
                if lang:
                    self.reader.report(
                        el, f"{draft.where}: kept the concept-level definition as the definition of '{section.code}'"
                    )
            else:
                self.reader.keep(section.notes, el, draft.where, "definition", text, f"of '{section.code}'")
        for section in draft.langs.values():
            self.settle_statuses(section, draft.forbidden_by)
        if draft.translation_needed is False:
            self.same_as_source(draft, home)
        return True

    def unlabelled(self, draft: ConceptDraft, home: LangDraft, text: str, el: etree._Element) -> LangDraft:
        """The section for a concept-level definition whose language the file does not give.

        Files often set only the root's xml:lang (Maryland's says EN above a French definition).
        The text's own words decide among the entry's languages; the choice is always reported,
        as a warning when it differs from the file's language."""
        scores = dict(language_scores(text, tuple(draft.langs)))
        best = max(draft.langs, key=lambda code: (scores.get(code, 0.0), code == home.code))
        if best != home.code and scores.get(best, 0.0) >= 0.5 and scores[best] - scores.get(home.code, 0.0) >= 0.3:
            self.reader.report(
                el,
                f"{draft.where}: the file does not say the language of a concept-level definition; its words are "
                f"{draft.langs[best].code}, not the file's '{home.code}', so it became the definition of "
                f"'{best}': check it",
                "warning",
            )
            return draft.langs[best]
        self.reader.report(
            el,
            f"{draft.where}: the file does not say the language of a concept-level definition; "
            f"it became the definition of '{home.code}' (the file's language, which its words agree with)",
        )
        return home

    def settle_statuses(self, section: LangDraft, concept_forbidden: str | None = None) -> None:
        """Statuses as the file gives them, never more recommended: a term any mark forbids is
        deprecated, and never becomes the preferred term, even when nothing else is left."""
        for term in section.terms:
            forbidden = term.forbidden_by or concept_forbidden
            if forbidden and term.status != "deprecated":
                if term.status is not None:
                    self.reader.report(
                        term.el,
                        f"{section.where}: '{term.text}' is marked {term.status} but {forbidden}: kept as deprecated",
                        "demoted",
                    )
                term.status = "deprecated"
        settled = statuses.settle([t.status for t in section.terms], pick=not self.reader.ours)
        for term, status in zip(section.terms, settled.statuses):
            term.status = status
        if settled.none_acceptable:
            self.reader.report(
                section.el,
                f"{section.where}: no acceptable term (every term is deprecated, obsolete or forbidden), "
                "so the section has no preferred term: add the term to use",
                "warning",
            )
        if settled.made_preferred is not None:
            pick = section.terms[settled.made_preferred]
            self.reader.report(
                pick.el,
                f"{section.where}: no preferred term; '{pick.text}' "
                f"({'the first term' if settled.made_preferred == 0 else 'the first term not deprecated'}) "
                "was made preferred",
            )
        for i in settled.second_preferred:
            extra = section.terms[i]
            self.reader.report(
                extra.el, f"{section.where}: '{extra.text}' is a second preferred term; kept as admitted"
            )
        for i in settled.unmarked:
            term = section.terms[i]
            self.reader.report(term.el, f"{section.where}: '{term.text}' has no status; kept as admitted")

    def same_as_source(self, draft: ConceptDraft, home: LangDraft) -> None:
        """ "Translation needed: No" (Weblate): a term written as in the source language is meant so."""
        source_terms = {t.text.casefold() for t in home.terms}
        for section in draft.langs.values():
            if section is home:
                continue
            for term in section.terms:
                if term.text.casefold() in source_terms and not term.same_as_source:
                    term.same_as_source = True
                    self.reader.report(
                        term.el,
                        f"{section.where}: '{term.text}' is written as in '{home.code}' and the entry needs no "
                        "translation: marked same_as_source",
                    )

    def assign_slugs(self, drafts: list[ConceptDraft], source_language: str) -> None:
        """Slugs from the ids: lowercase, non-alphanumerics to '-', unique, not one of the site's
        own pages nor a name Windows reserves (index -> index-term, con -> con-term); renames
        are reported."""
        taken: set[str] = set()
        for draft in drafts:
            xml_id = draft.xml_id or ""
            if xml_id.startswith("_") and ids.is_slug(xml_id[1:]):
                base, renamed = xml_id[1:], False  # our own encoding of ids that start with a digit
            else:
                home = draft.langs.get(source_language) or next(iter(draft.langs.values()))
                base = ids.slugify(xml_id) or ids.slugify(home.terms[0].text, "concept")
                renamed = base != xml_id
            why = ids.unusable(base)
            if why:
                base, renamed = f"{base}-term", True
            else:
                why = "ids are unique lowercase slugs"
            draft.slug = ids.unique(base, taken)
            taken.add(draft.slug)
            if renamed or draft.slug != base:
                reason = f"id '{xml_id}'" if xml_id else "no id"
                self.reader.report(draft.el, f"{draft.where}: {reason} became the concept id '{draft.slug}' ({why})")

    def relations(self, drafts: list[ConceptDraft]) -> dict[str, dict[str, list[str]]]:
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
                        self.reader.report(el, f"{draft.where}: dropped '{item}' from {key}: no such concept")
                relations[key] = ids
            pending = Counter(i for key in MARKED_RELATIONS for i in relations.get(key, ()))
            related: list[str] = []
            home = draft.langs[draft.home]
            for target, text, el in draft.refs:
                slug = owner.get(target) if target else None
                if slug is None:
                    self.reader.keep(
                        home.notes,
                        el,
                        draft.where,
                        "crossReference",
                        f"{text} ({target})" if target else text,
                        f"of '{home.code}' (no concept has that id)",
                    )
                elif slug == draft.slug:
                    self.reader.report(el, f"{draft.where}: dropped a cross-reference to the concept itself")
                elif pending[slug] > 0:
                    pending[slug] -= 1
                elif slug not in related:
                    related.append(slug)
            relations["related"] = related
            result[draft.slug] = relations
        return result

    def concept_data(
        self, draft: ConceptDraft, relations: dict[str, list[str]], languages: list[str]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if draft.subject:
            out["subject"] = draft.subject
        for key in ("broader", "narrower", "related", "homonyms"):
            if relations.get(key):
                out[key] = relations[key]
        if draft.sources:
            out["sources"] = draft.sources
        diagrams = [i for i, _ in draft.marked.get("diagrams", []) if ids.is_slug(i)]
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
