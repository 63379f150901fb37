"""Markup in the term base is text on every page, tooltip, diagram, search result
and JSON output (issue 9): a term base is edited by many hands and imported from
files of unknown origin, and the site is published on the web.

One concept carries script, event handlers, javascript: links and Markdown and
Mermaid syntax in every text field; the site is built once and read as files
and in a real Chromium.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import lxml.html
import pytest
from conftest import build, copy_project
from test_browser import browser, heading, search, server, visit  # noqa: F401  (fixtures and helpers)

pytestmark = pytest.mark.slow

SCRIPT = "<script>window.__pwned='script'</script>"
IMG = "<img src=x onerror=\"window.__pwned='img'\">"
JS_LINK = "[click me](javascript:window.__pwned='link')"
TERM = "Widget <b onmouseover=\"window.__pwned='term'\">bold</b>"
DEFINITION = (
    f"Part that shows {SCRIPT} and {IMG} as text, with a {JS_LINK}, **stars**, `ticks`, "
    'a | pipe | table |, [brackets] and a Mermaid arrow --> X["quoted"];\n# not a heading'
)
NOTE = "Note with <iframe src=\"javascript:window.__pwned='iframe'\"></iframe> and {{ jinja }}."
EXAMPLE = "Example <svg onload=\"window.__pwned='svg'\"></svg> with &amp; entities &lt;kept&gt;."
SOURCE = f"Source title {SCRIPT}"
URL = "https://example.org/a b\" onmouseover=\"window.__pwned='url'\")[click](javascript:window.__pwned='url')"

CONCEPT = f"""
  hostile-widget:
    related: [customer]
    sources: [hostile-source]
    en:
      terms:
        - {{term: {json.dumps(TERM)}, status: preferred}}
        - {{term: hostile widget, status: admitted, note: {json.dumps(SCRIPT + " term note")}}}
      definition: {json.dumps(DEFINITION)}
      notes: [{json.dumps(NOTE)}]
      examples: [{json.dumps(EXAMPLE)}]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    termbase = project / "terms" / "termbase.yaml"
    text = termbase.read_text("utf-8").replace(
        "\nsources:\n",
        f"\nsources:\n  hostile-source:\n    title: {json.dumps(SOURCE)}\n    url: {json.dumps(URL)}\n",
        1,
    )
    termbase.write_text(text.rstrip("\n") + "\n" + CONCEPT, "utf-8")
    page = project / "docs" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nEvery hostile widget is listed in the glossary.\n", "utf-8")
    return build(project)


def concept_page(site: Path):
    return lxml.html.parse(str(site / "glossary" / "hostile-widget" / "index.html")).getroot()


def test_no_page_carries_the_term_base_markup_as_live_html(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        root = lxml.html.parse(str(path)).getroot()
        where = path.relative_to(site).as_posix()
        scripts = list(root.iter("script"))
        data = [s for s in scripts if s.get("type") == "application/ld+json"]  # data, never run
        assert not [s for s in scripts if "__pwned" in (s.text or "") and s not in data], where
        for block in data:  # the term base's text stays inside its JSON: it parses whole
            assert isinstance(__import__("json").loads(block.text), dict), where
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (where, element.tag, name, value)
                assert not value.strip().lower().startswith("javascript:"), (where, element.tag, name, value)
        assert not root.xpath(
            "//iframe | //img[@src='x'] | //article//svg[not(ancestor::*[contains(@class,'mermaid')])][@onload]"
        ), where


def test_the_concept_page_shows_every_field_as_the_text_that_was_written(site):
    root = concept_page(site)
    article = root.xpath("//article")[0]
    text = " ".join(article.text_content().split())
    assert " ".join(TERM.split()) in root.xpath("//h1")[0].text_content()
    for written in (DEFINITION.replace("\n", " "), NOTE, EXAMPLE, SCRIPT + " term note", SOURCE):
        assert " ".join(written.split()) in text, written
    # Markdown and HTML syntax stayed text: no emphasis, code, table, heading or link was made of it
    assert not article.xpath(
        ".//strong[contains(., 'stars')] | .//code[contains(., 'ticks')] | .//table"
        " | .//a[starts-with(@href, 'javascript')]"
    )
    source = article.xpath(".//a[contains(., 'Source title')]")[0]
    assert source.get("href").startswith("https://example.org/a%20b%22%20onmouseover=%22window.__pwned=%27url%27%22%29")
    assert "not a heading" not in " ".join(h.text_content() for h in article.xpath(".//h1 | .//h2 | .//h3"))


def test_the_tooltip_carries_the_definition_as_plain_text(site):
    root = lxml.html.parse(str(site / "index.html")).getroot()
    link = root.xpath("//article//a[@data-concept='hostile-widget']")[0]
    title = link.get("title")
    # Material inserts a title into its tooltip as HTML, so the title holds the text escaped
    assert title.startswith(html.escape(TERM + ": Part that shows " + SCRIPT + " and " + IMG, quote=False))
    assert not link.xpath(".//*")  # the mention's own text only


def test_search_index_and_glossary_json_hold_the_text_not_markup(site):
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith("glossary/hostile-widget/")]
    assert entries
    blob = " ".join(d["title"] + " " + d["text"] for d in entries)
    assert "&lt;script&gt;" in blob
    for live in ("<script", "<img", "<iframe", "<svg", "<b "):
        assert live not in blob
    raw = (site / "glossary.json").read_text("utf-8")
    assert "<" not in raw and ">" not in raw  # inert even where it is read as HTML
    entry = json.loads(raw)["concepts"]["hostile-widget"]["languages"]["en"]
    assert entry["definition"] == DEFINITION and entry["terms"][0]["term"] == TERM  # the data, verbatim


@pytest.mark.e2e
def test_in_a_browser_nothing_runs_and_the_text_is_shown(server, visit):
    v = visit()
    v.page.goto(f"{server}glossary/hostile-widget/")
    v.page.wait_for_selector(".mermaid svg", timeout=20000)
    assert heading(v.page) == TERM
    assert v.page.title().startswith(TERM)
    v.page.hover("h1")
    article = v.page.locator("article").inner_text()
    assert SCRIPT in article and IMG in article and JS_LINK in article
    assert "Widget" in v.page.locator(".mermaid svg").first.text_content()
    v.page.goto(server)
    link = v.page.locator("article a.gl-link[data-concept=hostile-widget]").first
    link.hover()
    tooltip = v.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=10000)
    assert SCRIPT in tooltip.inner_text()
    hits = search(v.page, "Widget")
    assert any("glossary/hostile-widget/" in h for h in hits), hits
    v.page.wait_for_timeout(500)
    assert v.page.evaluate("window.__pwned") is None
    assert v.errors == [], v.errors
    assert v.foreign == [], v.foreign
