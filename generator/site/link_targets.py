"""Where a mention on a page links to, and what its tooltip says, in the page's language.

A mention of one concept links to that concept's page; a deprecated term is
linked and marked; an ambiguous form (a homonym) links to the page that lets
the reader choose between its senses, never to a guessed one.
"""

from __future__ import annotations

from typing import Any

from ..language.formats import number
from ..language.matching import Mention, Sense
from .linker import Link, Linker
from .markup import short
from .pages import SiteRenderer
from .urls import GLOSSARY_DIR, SENSES_DIR

SENSES_IN_TOOLTIP = 5  # the senses a tooltip names; the page it links to lists them all


def page_linker(
    renderer: SiteRenderer,
    lang: str,
    page_url: str,
    own_concept: str | None,
    L: dict[str, Any],
    first_only: bool = True,
    build_lang: str | None = None,
    compounds: bool = False,
) -> Linker:
    """The linker of the page at `page_url` (from the site root, as `Urls.page` gives it) whose
    text is in `lang`. A page that falls back to another language's text (`build_lang` differs)
    finds that language's terms, and links to the pages of the language it is built in."""
    tb = renderer.tb
    index = renderer.index(lang)
    ambiguous = index.ambiguous()
    urls = renderer.urls
    target_lang = build_lang or lang

    hrefs: dict[str, str] = {}  # a page links the same pages again and again

    def href(path: str) -> str:
        found = hrefs.get(path)
        if found is None:
            found = hrefs[path] = urls.relative(page_url, urls.page(target_lang, path))
        return found

    def tooltip(concept_id: str, sense: Sense | None = None) -> str:
        section = tb.concepts[concept_id].langs.get(lang)
        if section is None:
            return f"{tb.label(concept_id, lang)[0]} ({L['not_translated_title']})"
        preferred = section.preferred.text
        text = f"{preferred}: {short(section.definition)}" if section.definition else preferred
        if sense is not None and sense.status == "deprecated":
            text = f"{L['deprecated_title'].format(term=sense.term, preferred=preferred)}. {text}"
        return text

    def for_mention(mention: Mention) -> Link | None:
        if mention.ambiguous:
            slug, _term, senses = ambiguous[frozenset(s.concept for s in mention.senses)]
            names = " · ".join(tb.label(s.concept, lang)[0] for s in senses[:SENSES_IN_TOOLTIP])
            if len(senses) > SENSES_IN_TOOLTIP:  # a tooltip never grows with the term base
                names += " · " + L["more_senses"].format(count=number(len(senses) - SENSES_IN_TOOLTIP, lang))
            return Link(
                href(f"{SENSES_DIR}/{slug}"),
                f"{L['ambiguous_title'].format(term=mention.text)}: {names}",
                "gl-link gl-link--ambiguous",
            )
        sense = mention.senses[0]
        classes = "gl-link gl-link--deprecated" if sense.status == "deprecated" else "gl-link"
        return Link(href(f"{GLOSSARY_DIR}/{sense.concept}"), tooltip(sense.concept, sense), classes)

    def for_reference(concept_id: str) -> tuple[str, Link] | None:
        if concept_id not in tb.concepts:
            return None
        return tb.label(concept_id, lang)[0], Link(
            href(f"{GLOSSARY_DIR}/{concept_id}"), tooltip(concept_id), "gl-link gl-link--explicit"
        )

    parts = renderer.compound_parts(lang) if compounds else None
    return Linker(index, lang, own_concept, for_mention, for_reference, first_only, compounds=parts)
