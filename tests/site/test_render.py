"""What the generated Markdown pages say, per language, before MkDocs sees them."""

from __future__ import annotations

import re

import pytest
from conftest import HEADER, MINI, write

from generator.site.markup import md_text
from generator.site.pages import SiteRenderer
from generator.site.urls import Urls
from generator.termbase import loader


@pytest.fixture(scope="module")
def pages():
    tb = loader.load(MINI)
    return {(p.lang, p.path): p.content for p in SiteRenderer(tb).pages()}


def index_entries(content: str) -> list[str]:
    return re.findall(r"^- (.+)$", content, flags=re.M)


def test_every_concept_has_a_page_in_every_language(pages):
    for lang in ("en", "de", "nl"):
        for cid in ("customer", "end-customer", "user", "consumer", "ubersicht", "anbieter"):
            assert (lang, f"glossary/{cid}") in pages
        assert (lang, "glossary/index") in pages


def test_concept_page_title_is_the_preferred_term_of_its_language(pages):
    assert pages[("de", "glossary/customer")].split("\n")[1] == 'title: "Kunde"'
    assert "\n# klant\n" in pages[("nl", "glossary/customer")]
    assert "bevorzugt" in pages[("de", "glossary/customer")]
    assert "zugelassen" in pages[("de", "glossary/customer")]


def test_german_index_files_umlauts_under_their_base_letter(pages):
    content = pages[("de", "glossary/index")]
    headings = re.findall(r"^## (\S+) \{ #", content, flags=re.M)
    assert headings == ["A", "E", "K", "N", "P", "U"]
    u_section = content.split("## U")[1]
    assert "[Übersicht](ubersicht.md)" in u_section


def test_index_lists_synonyms_as_references_to_their_concept(pages):
    entries = index_entries(pages[("en", "glossary/index")])
    assert "client, see [customer](customer.md)" in entries
    assert "Überblick *(deprecated)*, see [overview](ubersicht.md)" in entries
    texts = [re.sub(r"[\[\]*]", "", e).split("(")[0].split(",")[0].strip() for e in entries]
    assert texts.index("client") < texts.index("consumer") < texts.index("customer")


def test_untranslated_concept_is_shown_in_the_source_language_and_marked(pages):
    content = pages[("de", "glossary/consumer")]
    assert '!!! warning "Noch nicht übersetzt"' in content
    assert '<div class="gl-entry" markdown lang="en">' in content
    assert "# consumer" in content
    assert "## Noch nicht übersetzt" in pages[("de", "glossary/index")]


def test_homonyms_link_to_the_other_sense_only_where_they_share_a_term(pages):
    en_user = pages[("en", "glossary/user")]
    assert "## Other meanings" in en_user and "[consumer](consumer.md)" in en_user.split("## Other meanings")[1]
    assert "## Weitere Bedeutungen" not in pages[("de", "glossary/user")]
    assert "## Andere betekenissen" in pages[("nl", "glossary/consumer")]


def test_relations_are_linked_by_their_term_in_the_page_language(pages):
    de = pages[("de", "glossary/customer")]
    assert "- **Unterbegriffe:** [Endkunde](end-customer.md)" in de
    assert "- **Siehe auch:** [Nutzer](user.md)" in de
    assert "- **Broader concepts:** [customer](customer.md)" in pages[("en", "glossary/end-customer")]


def test_other_languages_are_linked_to_the_same_concept(pages):
    en = pages[("en", "glossary/customer")]
    assert '- Deutsch: <a href="../../de/glossary/customer/" hreflang="de" lang="de">Kunde</a>' in en
    de = pages[("de", "glossary/customer")]
    assert '- English: <a href="../../../glossary/customer/" hreflang="en" lang="en">customer</a>' in de


def test_text_fields_are_text_not_markup(tmp_path):
    text = HEADER + (
        "  x:\n    en:\n      terms: [{term: 'a|b', status: preferred}]\n"
        '      definition: "<script>alert(1)</script> [link](javascript:x) *bold*"\n'
    )
    tb = loader.load(write(tmp_path, "tb.yaml", text))
    page = next(p for p in SiteRenderer(tb, ["en"]).pages() if p.path == "glossary/x")
    assert "<script>" not in page.content
    assert "&lt;script&gt;" in page.content
    assert md_text("[link](javascript:x) *b*") == r"\[link\](javascript:x) \*b\*"
    assert md_text("# not a heading") == r"\# not a heading"


def test_urls_follow_the_i18n_suffix_layout():
    urls = Urls("en")
    assert urls.concept("en", "customer") == "glossary/customer/"
    assert urls.concept("de", "customer") == "de/glossary/customer/"
    assert urls.page("nl", "index") == "nl/"
    assert urls.relative("de/glossary/customer/", "nl/glossary/customer/") == "../../../nl/glossary/customer/"
    files = Urls("en", directory_urls=False)
    assert files.concept("de", "customer") == "de/glossary/customer.html"
    assert files.relative("de/glossary/customer.html", "glossary/customer.html") == "../../glossary/customer.html"


def _termbase_with(tmp_path, extra: int):
    concepts = [
        "  customer:\n    related: [user]\n    en:\n      terms: [{term: customer, status: preferred}]\n"
        "      definition: Party that receives services.\n",
        "  user:\n    related: [customer]\n    en:\n      terms: [{term: user, status: preferred}]\n"
        "      definition: Person who uses a service.\n",
    ]
    concepts += [
        f"  filler-{i:05d}:\n    en:\n      terms: [{{term: filler {i}, status: preferred}}]\n"
        f"      definition: Something else entirely, number {i}.\n"
        for i in range(extra)
    ]
    return loader.load(write(tmp_path, f"tb{extra}.yaml", HEADER + "".join(concepts)))


def test_a_concept_page_does_not_grow_with_the_term_base(tmp_path):
    sizes = []
    for extra in (10, 3000):
        pages = {(p.lang, p.path): p.content for p in SiteRenderer(_termbase_with(tmp_path, extra), ["en"]).pages()}
        sizes.append(len(pages[("en", "glossary/customer")]))
    assert sizes[0] == sizes[1]


def test_a_status_page_lists_a_bounded_number_of_concepts_and_says_how_many_more(tmp_path):
    from generator.site.pages import STATUS_LISTED
    from generator.translation.reviews import Reviews
    from generator.translation.status import translation_status

    tb = _termbase_with(tmp_path, 250)  # 252 concepts, none of them in German or Dutch
    statuses = translation_status(tb, Reviews.load(tmp_path / "no-reviews.yaml"), None)
    pages = {(p.lang, p.path): p.content for p in SiteRenderer(tb, ["en", "de", "nl"], statuses=statuses).pages()}
    german = pages[("de", "status")]
    section = german.split("## Deutsch (de)")[1].split("## ")[0]
    assert section.count("](glossary/") == STATUS_LISTED
    assert f"und {252 - STATUS_LISTED} weitere" in section
    small = _termbase_with(tmp_path, 3)
    statuses = translation_status(small, Reviews.load(tmp_path / "no-reviews.yaml"), None)
    pages = {(p.lang, p.path): p.content for p in SiteRenderer(small, ["en", "de"], statuses=statuses).pages()}
    assert "listet alle auf" not in pages[("de", "status")]
    assert pages[("de", "status")].count("](glossary/") == 5 * 2  # every concept, in the German and Dutch sections
