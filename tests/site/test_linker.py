"""Linking in rendered pages: what a reader of a German, Dutch or English page gets."""
from __future__ import annotations

import re

import markdown
import pytest

from generator.termbase import loader
from generator.site.linker import GlossaryLinks
from generator.site.link_targets import page_linker
from generator.site.labels import labels
from generator.site.pages import SiteRenderer

from conftest import ROOT, TERMBASE


@pytest.fixture(scope="module")
def renderer():
    return SiteRenderer(loader.load(TERMBASE), diagrams_dir=str(ROOT / "terms" / "diagrams"))


def render(renderer, text: str, lang: str = "de", src: str = "page.md", own: str | None = None,
           first_only: bool = True) -> str:
    linker = page_linker(renderer, lang, src, own, labels(lang), first_only)
    md = markdown.Markdown(extensions=[
        "attr_list", "md_in_html", "toc", "pymdownx.superfences", GlossaryLinks(lambda: linker)],
        extension_configs={"pymdownx.superfences": {"custom_fences": [
            {"name": "mermaid", "class": "mermaid", "format": __import__("pymdownx.superfences").superfences.fence_code_format}]}})
    return md.convert(text)


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="[^"]*gl-link[^"]*"[^>]*href="([^"]+)"[^>]*>([^<]+)</a>', html)


def test_inflected_mentions_link_to_the_concept_in_the_page_language(renderer):
    html = render(renderer, "Die Kunden und Endkunden eines Serviceanbieters.")
    assert links(html) == [("glossary/customer.md", "Kunden"), ("glossary/end-customer.md", "Endkunden"),
                           ("glossary/service-provider.md", "Serviceanbieters")]
    assert render(renderer, "klanten en eindklanten", "nl").count("gl-link") == 2
    assert links(render(renderer, "Some customers.", "en", "sub/page.md")) == [("../glossary/customer.md", "customers")]


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
    assert links(html) == [("glossary/user.md", "Nutzer")]
    assert 'a["Kunde"]' in html.replace("&quot;", '"')


def test_only_the_first_mention_per_section_unless_configured(renderer):
    text = "Kunde und Kunden.\n\n## Teil\n\nNoch ein Kunde und ein Kunde."
    assert [t for _, t in links(render(renderer, text))] == ["Kunde", "Kunde"]
    assert len(links(render(renderer, text, first_only=False))) == 4


def test_the_page_own_concept_is_not_linked(renderer):
    assert links(render(renderer, "Ein Kunde hat Nutzer.", src="glossary/customer.md", own="customer")) == [
        ("user.md", "Nutzer")]


def test_deprecated_terms_are_linked_and_marked(renderer):
    html = render(renderer, "Ein Provider liefert.")
    anchor = re.search(r"<a [^>]*>Provider</a>", html).group(0)
    assert "gl-link--deprecated" in anchor and "glossary/service-provider.md" in anchor
    assert "„Provider“ ist abgelehnt: stattdessen „Serviceanbieter“ verwenden" in anchor


def test_ambiguous_mentions_link_to_a_choice_not_a_guess(renderer):
    html = render(renderer, "Many consumers.", "en")
    assert links(html) == [("glossary/senses/consumer.md", "consumers")]
    assert "gl-link--ambiguous" in html and "several meanings" in html
    pages = {(p.lang, p.path): p.content for p in renderer.pages()}
    choice = pages[("nl", "glossary/senses/consument")]
    assert "[gebruiker](../user.md)" in choice and "[consument](../consumer.md)" in choice


def test_explicit_references_render_the_localized_term(renderer):
    html = render(renderer, "Mit [[consumer]] und [[user|Konsumenten]] und [[nobody]].")
    assert links(html) == [("glossary/consumer.md", "Verbraucher"), ("glossary/user.md", "Konsumenten")]
    assert "[[nobody]]" in html
