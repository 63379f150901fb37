"""Linking in rendered pages: what a reader of a German, Dutch or English page gets."""

from __future__ import annotations

import re

import markdown
import pytest
from conftest import ROOT, TERMBASE

from generator.site.link_targets import page_linker
from generator.site.pages import SiteRenderer
from generator.termbase import loader
from generator.translation.labels import labels


@pytest.fixture(scope="module")
def renderer():
    return SiteRenderer(loader.load(TERMBASE), diagrams_dir=str(ROOT / "terms" / "diagrams"))


def html_of(text: str) -> str:
    """The page as the site's Markdown configuration renders it, before linking."""
    md = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "toc", "pymdownx.superfences"],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [
                    {
                        "name": "mermaid",
                        "class": "mermaid",
                        "format": __import__("pymdownx.superfences").superfences.fence_code_format,
                    }
                ]
            }
        },
    )
    return md.convert(text)


def render(
    renderer,
    text: str,
    lang: str = "de",
    url: str | None = None,
    own: str | None = None,
    first_only: bool = True,
    build_lang: str | None = None,
) -> str:
    """A page at `url` (from the site root; the language's home page unless given), linked."""
    url = url if url is not None else renderer.urls.page(build_lang or lang, "index")
    linker = page_linker(renderer, lang, url, own, labels(lang), first_only, build_lang)
    return linker.link(html_of(text))


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="[^"]*gl-link[^"]*"[^>]*href="([^"]+)"[^>]*>([^<]+)</a>', html)


def test_inflected_mentions_link_to_the_concept_in_the_page_language(renderer):
    html = render(renderer, "Die Kunden und Endkunden eines Serviceanbieters.")
    assert links(html) == [
        ("glossary/customer/", "Kunden"),
        ("glossary/end-customer/", "Endkunden"),
        ("glossary/service-provider/", "Serviceanbieters"),
    ]
    assert render(renderer, "klanten en eindklanten", "nl").count("gl-link") == 2
    assert links(render(renderer, "Some customers.", "en", "sub/page/")) == [("../../glossary/customer/", "customers")]
    assert links(render(renderer, "Die Kunden.", url="de/sub/page/")) == [("../../glossary/customer/", "Kunden")]


def test_tooltips_are_in_the_page_language(renderer):
    de = render(renderer, "Die Kunden.")
    title = re.search(r'title="([^"]+)"', de).group(1)
    tb = renderer.tb
    assert title.startswith("Kunde: " + tb.concepts["customer"].langs["de"].definition[:30])
    assert tb.concepts["customer"].langs["en"].definition[:30] not in de
    nl = render(renderer, "De klanten.", "nl")
    assert 'title="klant: ' in nl


def test_never_inside_code_headings_links_images_or_diagrams(renderer):
    text = """# Kunde im Titel

Text mit `Kunde` im Code und [einem Kunden](https://example.org) im Link und ![Kunde](bild.png).

```
Kunde im Block
```

```mermaid
flowchart LR
  a["Kunde"] --> b["Nutzer"]
```

<div markdown>Ein Nutzer im HTML-Block.</div>
"""
    html = render(renderer, text)
    assert links(html) == [("glossary/user/", "Nutzer")]
    assert 'a["Kunde"]' in html.replace("&quot;", '"')


def test_only_the_first_mention_per_section_unless_configured(renderer):
    text = "Kunde und Kunden.\n\n## Teil\n\nNoch ein Kunde und ein Kunde."
    assert [t for _, t in links(render(renderer, text))] == ["Kunde", "Kunde"]
    assert len(links(render(renderer, text, first_only=False))) == 4


def test_the_page_own_concept_is_not_linked(renderer):
    assert links(render(renderer, "Ein Kunde hat Nutzer.", url="de/glossary/customer/", own="customer")) == [
        ("../user/", "Nutzer")
    ]


def test_deprecated_terms_are_linked_and_marked(renderer):
    html = render(renderer, "Ein Provider liefert.")
    anchor = re.search(r"<a [^>]*>Provider</a>", html).group(0)
    assert "gl-link--deprecated" in anchor and "glossary/service-provider/" in anchor
    assert "„Provider“ ist abgelehnt: stattdessen „Serviceanbieter“ verwenden" in anchor


def test_ambiguous_mentions_link_to_a_choice_not_a_guess(renderer):
    html = render(renderer, "Many consumers.", "en")
    assert links(html) == [("glossary/senses/consumer/", "consumers")]
    assert "gl-link--ambiguous" in html and "several meanings" in html
    pages = {(p.lang, p.path): p.content for p in renderer.pages()}
    choice = pages[("nl", "glossary/senses/consument")]
    assert "[gebruiker](../user.md)" in choice and "[consument](../consumer.md)" in choice


def test_explicit_references_render_the_localized_term(renderer):
    html = render(renderer, "Mit [[consumer]] und [[user|Konsumenten]] und [[nobody]].")
    assert links(html) == [("glossary/consumer/", "Verbraucher"), ("glossary/user/", "Konsumenten")]
    assert "[[nobody]]" in html


def test_text_in_another_language_and_inside_links_is_never_linked(renderer):
    html = render(
        renderer,
        '<p>In Dutch: <q lang="nl">een service</q>; in British English: '
        '<q lang="en-GB">a service</q>.</p>\n\n'
        '<p><a href="../../glossary/customer/" hreflang="en" lang="en">customer</a> and '
        '<a href="https://example.org"><em>the customer</em></a>, then the customer.</p>',
        "en",
    )
    assert links(html) == [("glossary/service/", "service"), ("glossary/customer/", "customer")]
    assert '<q lang="nl">een service</q>' in html and '<q lang="en-GB">a <a class="gl-link"' in html
    assert "<a href" not in re.sub(r"<a [^>]*>[^<]*</a>|<a [^>]*><em>[^<]*</em></a>", "", html)  # no link in a link


def test_elements_marked_gl_no_link_scripts_and_comments_are_left_alone(renderer):
    text = (
        '<p>Ein <span class="note gl-no-link">Kunde <b>und Nutzer</b></span> und ein Nutzer.</p>\n\n'
        '<!-- Kunde --><script>var Kunde = "<b>Kunde</b>";</script><style>.Kunde{}</style>\n\n'
        "<p>Ein Kunde.</p>"
    )
    html = render(renderer, text)
    assert links(html) == [("glossary/user/", "Nutzer"), ("glossary/customer/", "Kunde")]
    assert 'var Kunde = "<b>Kunde</b>";' in html and "<!-- Kunde -->" in html


def test_text_with_character_references_is_linked_and_keeps_its_meaning(renderer):
    html = render(renderer, "Kunden &amp; Nutzer &lt;im&gt; Vertrag", "de")
    assert links(html) == [("glossary/customer/", "Kunden"), ("glossary/user/", "Nutzer")]
    assert "&amp; <a" in html and "&lt;im&gt;" in html


def test_a_page_without_mentions_is_returned_byte_for_byte(renderer):
    page = '<hr />\n<p class=x>Nichts <br/>zu <img src="a.png" alt="Kunde">verlinken</p>\n<div>'
    linker = page_linker(renderer, "de", "de/", None, labels("de"))
    assert linker.link(page) == page


def test_html_as_people_write_it_unclosed_and_stray_tags(renderer):
    html = render(
        renderer, "<div><p>Ein <a href=x>Link ohne Ende</p></div>\n\n<p>Ein Kunde.</p>\n\n</span><p>Ein Nutzer</p>"
    )
    assert links(html) == [("glossary/customer/", "Kunde"), ("glossary/user/", "Nutzer")]


def test_a_fallback_page_finds_its_text_terms_and_links_the_language_it_is_built_in(renderer):
    html = render(renderer, "Some customers.", "en", build_lang="de")  # an English page on the German site
    assert links(html) == [("glossary/customer/", "customers")]  # de/glossary/customer/, from de/
    assert 'title="customer: ' in html
    assert links(render(renderer, "Some customers.", "en", url="de/")) == [("../glossary/customer/", "customers")]


def test_pages_served_as_files_link_to_files():
    renderer = SiteRenderer(loader.load(TERMBASE), directory_urls=False)
    linker = page_linker(renderer, "de", "de/guide.html", None, labels("de"))
    assert links(linker.link("<p>Die Kunden.</p>")) == [("glossary/customer.html", "Kunden")]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        (
            "de",
            "Der Servicevereinbarungsentwurf und die Kundenwünsche, nicht Providence.",
            [("glossary/service-agreement/", "Servicevereinbarungsentwurf"), ("glossary/customer/", "Kundenwünsche")],
        ),
        (
            "nl",
            "Het serviceovereenkomstconcept en de klantwensen.",
            [
                ("glossary/service-agreement/", "serviceovereenkomstconcept"),
                ("glossary/customer/", "klantwensen"),
            ],
        ),
    ],
)
def test_a_compound_of_a_term_links_to_it_only_when_turned_on(renderer, lang, text, expected):
    url = renderer.urls.page(lang, "index")
    off = page_linker(renderer, lang, url, None, labels(lang), first_only=False)
    assert links(off.link(html_of(text))) == []
    on = page_linker(renderer, lang, url, None, labels(lang), first_only=False, compounds=True)
    assert links(on.link(html_of(text))) == expected
