"""Conformance: the site `glossary build --engine zensical` writes against the MkDocs build (issue 16).

Compared page by page in every language: the article (what the Markdown and
the glossary make; identical, apart from the differences named below), the
language switcher's targets, the term links and their tooltips, the sitemap
with hreflang alternates and glossary.json; and, in Chromium, diagrams drawn by
the local Mermaid, no request to another host, and search that stays in its
language and finds an entry by an inflected form.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import posixpath
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import pytest
from conftest import copy_project, glossary
from test_browser import QuietHandler, Visit, browser, visit  # noqa: F401 - the fixtures: Chromium
from test_parallel import project, whole  # noqa: F401 - the fixtures: a copy of the project and its mkdocs build

pytestmark = [pytest.mark.slow]

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
# What the themes write into the article besides the page itself: Zensical's theme puts the
# target of its "skip to content" link there; the whitespace around the page differs.
THEME_IN_ARTICLE = re.compile(r'\s*<a id="__skip" tabindex="-1"></a>')
SWITCHER = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link"')
TERM_LINK = re.compile(
    r'<a class="(gl-link[^"]*)"(?: data-concept="[^"]*")? href="([^"]*)" title="([^"]*)">([^<]*)</a>'
)
# Pages whose article is not the same, each with the reason. None today.
EXPECTED_DIFFERENCES: dict[str, str] = {}
# Pages only one build has: Zensical builds each language as a site, with its own "not found" page.
ONLY_ZENSICAL = {"de/404.html", "nl/404.html"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def zensical_site(project, whole):
    result = glossary("build", "--engine", "zensical", "--strict", "-d", "site-zensical", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    assert b"built" in result.stderr
    return project / "site-zensical"


def pages(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in sorted(site.rglob("*.html"))}


def article(page: str) -> str:
    found = ARTICLE.search(page)
    assert found is not None
    return THEME_IN_ARTICLE.sub("", found.group(1)).strip()


def resolved(page_path: str, href: str) -> str:
    """Where a link from the page at `page_path` (a file below the site) leads, from the site root
    ("./" for the root); an absolute path is taken from the site root."""
    path = href[1:] if href.startswith("/") else posixpath.join(posixpath.dirname(page_path), href)
    path = posixpath.normpath(path or ".")
    return "./" if path == "." else path + "/" * href.endswith("/")


def test_every_page_of_every_language_has_the_same_article(zensical_site, whole):
    mine, theirs = pages(zensical_site), pages(whole)
    assert sorted(set(mine) - ONLY_ZENSICAL) == sorted(theirs)
    assert len(mine) > 100 and {path.split("/")[0] for path in mine} >= {"de", "nl", "glossary"}
    differ = sorted(path for path in theirs if article(mine[path]) != article(theirs[path]))
    assert differ == sorted(EXPECTED_DIFFERENCES), differ


def test_term_links_and_tooltips_are_those_of_the_mkdocs_build(zensical_site, whole):
    mine, theirs = pages(zensical_site), pages(whole)
    links = 0
    for path in theirs:
        expected = TERM_LINK.findall(article(theirs[path]))
        assert TERM_LINK.findall(article(mine[path])) == expected, path
        links += len(expected)
    assert links > 200
    german = TERM_LINK.findall(article(mine["de/customer-and-supply-chain/index.html"]))
    assert any(text == "Kunden" and title.startswith("Kunde: Partei") for _cls, _href, title, text in german), german


def test_the_language_switcher_lands_on_the_same_page(zensical_site, whole):
    mine, theirs = pages(zensical_site), pages(whole)
    for path in theirs:
        if path.endswith("404.html"):
            continue
        ours = {lang: resolved(path, href) for href, lang in SWITCHER.findall(mine[path])}
        expected = {lang: resolved(path, href) for href, lang in SWITCHER.findall(theirs[path])}
        assert ours == expected and len(ours) == 3, path
    assert {
        lang: resolved("nl/glossary/customer/index.html", href)
        for href, lang in SWITCHER.findall(mine["nl/glossary/customer/index.html"])
    } == {"en": "glossary/customer/", "de": "de/glossary/customer/", "nl": "nl/glossary/customer/"}


def alternates(sitemap) -> dict[str, set[tuple[str, str]]]:
    root = ET.parse(sitemap).getroot()
    return {
        url.findtext("s:loc", namespaces=SITEMAP): {
            (link.get("hreflang"), link.get("href")) for link in url.findall("x:link", SITEMAP)
        }
        for url in root.findall("s:url", SITEMAP)
    }


def test_the_sitemap_lists_every_page_with_its_hreflang_alternates(zensical_site, whole):
    ours, expected = alternates(zensical_site / "sitemap.xml"), alternates(whole / "sitemap.xml")
    assert ours == expected
    assert ("de", "https://glossary.example.org/de/glossary/customer/") in ours[
        "https://glossary.example.org/glossary/customer/"
    ]
    assert not (zensical_site / "de" / "sitemap.xml").exists()  # one sitemap, as mkdocs-static-i18n writes
    assert (
        gzip.decompress((zensical_site / "sitemap.xml.gz").read_bytes()) == (zensical_site / "sitemap.xml").read_bytes()
    )


def test_glossary_json_is_the_same(zensical_site, whole):
    assert json.loads((zensical_site / "glossary.json").read_text("utf-8")) == json.loads(
        (whole / "glossary.json").read_text("utf-8")
    )


@pytest.fixture(scope="module")
def server(zensical_site):
    handler = functools.partial(QuietHandler, directory=str(zensical_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.e2e
def test_every_page_loads_draws_its_diagrams_and_asks_no_other_host(zensical_site, server, visit):
    v = visit()
    drawn = 0
    for path in sorted(zensical_site.rglob("*.html")):
        v.page.goto(server + path.relative_to(zensical_site).as_posix().removesuffix("index.html"), wait_until="load")
        if v.page.locator("div.mermaid, pre.mermaid").count():
            v.page.wait_for_selector(".mermaid svg", timeout=20000)
            assert v.page.locator("script[src$='assets/vendor/mermaid.min.js']").count() == 1, path
            drawn += 1
    assert drawn > 90  # every concept page has its relation map, in each language
    assert v.foreign == [], sorted(set(v.foreign))[:10]
    assert v.errors == [], v.errors[:10]


def search(page, query: str) -> list[str]:
    """Zensical's search dialog (in a shadow root): the addresses of the results for `query`."""
    page.click(".md-search__button")
    for _ in range(20):
        page.keyboard.type(query, delay=20)
        page.wait_for_timeout(500)
        hits = page.evaluate("""() => [...document.querySelectorAll('div')]
            .filter(e => e.shadowRoot && !e.classList.contains('mermaid'))
            .flatMap(e => [...e.shadowRoot.querySelectorAll('a[href]')].map(a => a.href))""")
        if hits:
            return hits
        for _ in query:
            page.keyboard.press("Backspace")
    pytest.fail(f"no search result for {query!r}")


@pytest.mark.e2e
@pytest.mark.parametrize(
    "lang, query, entry", [("de", "Endkunden", "end-customer"), ("nl", "eindklanten", "end-customer")]
)
def test_search_stays_in_its_language_and_finds_an_entry_by_an_inflected_form(server, visit, lang, query, entry):
    v = visit()
    v.page.goto(f"{server}{lang}/")
    hits = [hit.removeprefix(server) for hit in search(v.page, query)]
    assert any(re.match(rf"{lang}/glossary/{entry}/(\?|#|$)", hit) for hit in hits), hits
    assert all(hit.startswith(f"{lang}/") for hit in hits), hits
    assert v.foreign == []


def test_a_reference_to_no_concept_fails_a_strict_zensical_build_naming_file_line_and_column(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs" / "index.de.md"
    page.write_text(page.read_text("utf-8") + "\nSiehe [[custmer]].\n", "utf-8")
    result = glossary("build", "--engine", "zensical", "--strict", cwd=project)
    assert result.returncode == 2
    err = result.stderr.decode()
    lines = page.read_text("utf-8").count("\n")
    assert f"docs/index.de.md:{lines}:7: [[custmer]] names no concept: did you mean [[customer]]?" in err, err
    assert "Traceback" not in err and not (project / "site").exists()


def test_what_zensical_cannot_build_is_refused_with_a_reason(tmp_path):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--engine", "zensical"],
        cwd=project,
        capture_output=True,
        env={**os.environ, "GLOSSARY_OFFLINE": "true"},
    )
    assert result.returncode == 2 and b"an offline copy is built with MkDocs for now" in result.stderr
    part = glossary("build", "--engine", "zensical", "--language", "de", "-d", "part", cwd=project)
    assert part.returncode == 2 and b"--language" in part.stderr
    config.write_text(config.read_text("utf-8").replace("  - glossary:\n", "  - not-the-glossary:\n"), "utf-8")
    result = glossary("build", "--engine", "zensical", cwd=project)
    assert result.returncode == 2 and b"mkdocs.yml: the glossary plugin is not in its plugins" in result.stderr
    assert b"Traceback" not in result.stderr


def test_without_fallback_a_page_only_in_english_is_only_in_english_and_the_switcher_goes_home(tmp_path):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("fallback_to_default: true", "fallback_to_default: false"), "utf-8"
    )
    (project / "docs" / "extra.md").write_text("# Extra\n\nOnly in English, for a customer.\n", "utf-8")
    result = glossary("build", "--engine", "zensical", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    site = project / "site"
    assert (site / "extra" / "index.html").is_file() and not (site / "de" / "extra").exists()
    page = (site / "extra" / "index.html").read_text("utf-8")
    assert {lang: resolved("extra/index.html", href) for href, lang in SWITCHER.findall(page)} == {
        "en": "extra/",
        "de": "de/",
        "nl": "nl/",
    }
    assert alternates(site / "sitemap.xml")["https://glossary.example.org/extra/"] == {
        ("en", "https://glossary.example.org/extra/")
    }
    assert 'data-concept="customer"' in page
