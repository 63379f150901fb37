"""The built site in a real Chromium, served on 127.0.0.1 with every other host blocked.

Without a browser these tests skip and say how to install one; with
GLOSSARY_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser fails them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import build, copy_project

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
]
# Material draws diagrams into a closed shadow root; opening it lets the test read the SVG.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        shutil.which("chromium"),
        "/usr/bin/chromium",
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    message = (
        "no Chromium found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; "
        "Playwright's own browser download is not used"
    )
    if path is None:
        if os.environ.get("GLOSSARY_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("GLOSSARY_REQUIRE_BROWSER"):
            pytest.fail("playwright is not installed: pip install -e '.[test]'")
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Visit:
    """A browser page that records every request to another host and every console error."""

    def __init__(self, browser, allowed_hosts=("127.0.0.1",)):
        self.context = browser.new_context()
        self.context.add_init_script(OPEN_SHADOW_ROOTS)
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.allowed = allowed_hosts
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"{self.page.url}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: {e}"))

    def _route(self, route):
        url = urlparse(route.request.url)
        if url.scheme in ("file", "data", "blob") or url.hostname in self.allowed:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(copy_project(tmp_path_factory.mktemp("project")))


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture()
def visit(browser):
    visits = []

    def open_visit():
        v = Visit(browser)
        visits.append(v)
        return v

    yield open_visit
    for v in visits:
        v.close()


def diagram_text(page, index: int = 0) -> str:
    page.wait_for_selector(".mermaid svg", timeout=20000)
    return page.locator(".mermaid svg").nth(index).text_content()


def test_every_page_loads_with_no_request_to_another_host_and_no_console_error(site, server, visit):
    v = visit()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for html in pages:
        url = server + html.relative_to(site).as_posix().removesuffix("index.html")
        v.page.goto(url, wait_until="load")
        if v.page.locator("pre.mermaid, div.mermaid").count():
            v.page.wait_for_selector(".mermaid svg", timeout=20000)
    assert v.foreign == [], sorted(set(v.foreign))[:10]
    assert v.errors == [], v.errors[:10]


@pytest.mark.parametrize(
    "lang, labels",
    [
        ("de", ["Serviceanbieter", "Glied der Lieferkette", "Endkunde", "Verbraucher"]),
        ("nl", ["dienstverlener", "schakel in de toeleveringsketen", "eindklant", "consument"]),
    ],
)
def test_supply_chain_diagram_renders_with_labels_in_the_page_language(server, visit, lang, labels):
    v = visit()
    v.page.goto(f"{server}{lang}/customer-and-supply-chain/")
    v.page.wait_for_selector(".mermaid svg", timeout=20000)
    texts = [
        v.page.locator(".mermaid svg").nth(i).text_content() for i in range(v.page.locator(".mermaid svg").count())
    ]
    chain = next((t for t in texts if labels[1] in t), None)
    assert chain is not None, texts
    for label in labels:
        assert label in chain
    assert "service provider" not in chain and "end customer" not in chain
    assert v.foreign == []


def test_links_below_a_relation_map_lead_to_the_right_concepts(server, visit):
    v = visit()
    v.page.goto(f"{server}de/glossary/customer/")
    assert "Endkunde" in diagram_text(v.page)
    links = v.page.locator("h2#verwandte-begriffe ~ ul a")
    targets = {links.nth(i).inner_text(): links.nth(i).get_attribute("href") for i in range(links.count())}
    assert targets["Endkunde"] == "../end-customer/"
    v.page.click("h2#verwandte-begriffe ~ ul >> text=Endkunde")
    v.page.wait_for_url(f"{server}de/glossary/end-customer/")
    assert heading(v.page) == "Endkunde"


@pytest.mark.parametrize("lang, title", [("de", "Kunde"), ("nl", "klant")])
def test_language_switcher_lands_on_the_same_concept(server, visit, lang, title):
    v = visit()
    v.page.goto(f"{server}glossary/customer/")
    v.page.hover(".md-header__option .md-select")
    v.page.click(f".md-select__link[hreflang={lang}]")
    v.page.wait_for_url(f"{server}{lang}/glossary/customer/")
    assert heading(v.page) == title
    assert v.page.locator("html").get_attribute("lang") == lang


def heading(page) -> str:
    return page.locator("h1").inner_text().replace("¶", "").strip()


def customer_tooltip(context, server: str, lang: str, how: str):
    """The page on the customer and the supply chain, its first link to *customer* tapped or
    hovered (`how`), and the tooltip that shows: (page, link, tooltip)."""
    page = context.new_page()
    page.goto(f"{server}{lang}customer-and-supply-chain/")
    link = page.locator("article a.gl-link[data-concept=customer]").first
    getattr(link, how)()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=10000)
    return page, link, tooltip


# A search result's title as the theme shows it, without the notes the glossary adds
RESULT_TITLE = """h => {
  const copy = h.cloneNode(true);
  copy.querySelectorAll('.gl-search-note, .gl-search-lang').forEach(e => e.remove());
  return copy.textContent;
}"""


# Material marks each result's link with the query words it matched (?h=...): the last word
# of the query among them means the results are for the query as typed to its end
SEARCHED = """q => {
  const a = document.querySelector('.md-search-result__item > a');
  const words = q.toLowerCase().split(/\\s+/);
  const h = a ? (new URL(a.href).searchParams.get('h') || '') : '';
  return h.split(' ').includes(words[words.length - 1]);
}"""


def search(page, query: str) -> list[str]:
    from playwright.sync_api import TimeoutError as Timeout

    page.click("label.md-search__icon, .md-search__input", timeout=10000)
    box = page.locator(".md-search__input")
    for _ in range(9):  # typed while the index is still loading in its worker, a query can be dropped: type again
        box.fill("")
        box.press_sequentially(query, delay=20)  # keys, as a reader types: Material does not always see fill()
        try:
            page.wait_for_selector(".md-search-result__item", timeout=5000)
        except Timeout:
            continue
        # the results of the whole query, not of a part typed before it (a query whose last word
        # matches nothing by itself times out here: the assertions judge its results)
        with contextlib.suppress(Timeout):
            page.wait_for_function(SEARCHED, arg=query, timeout=5000)
        break
    else:
        pytest.fail(
            f"no search result for {query!r}: " + " ".join(page.locator(".md-search-result__meta").all_inner_texts())
        )
    items = page.locator(".md-search-result__item > a")
    return [items.nth(i).get_attribute("href") for i in range(items.count())]


@pytest.mark.parametrize("lang, query", [("de", "Kunde"), ("nl", "klant")])
def test_search_finds_the_customer_entry_in_each_language(server, visit, lang, query):
    v = visit()
    v.page.goto(f"{server}{lang}/")
    hits = search(v.page, query)
    assert any(re.search(rf"(^|/){lang}/glossary/customer/(\?|$)", h) for h in hits), hits


@pytest.fixture(scope="module")
def offline_site(site):
    return build(site.parent, env={"GLOSSARY_OFFLINE": "true"}, site_dir="site-offline")


def test_offline_copy_opened_from_disk_draws_diagrams_and_searches(offline_site, visit):
    v = visit()
    v.page.goto((offline_site / "de" / "customer-and-supply-chain.html").as_uri())
    v.page.wait_for_selector(".mermaid svg", timeout=20000)
    svgs = v.page.locator(".mermaid svg")
    assert any("Endkunde" in svgs.nth(i).text_content() for i in range(svgs.count()))
    hits = search(v.page, "Kunde")
    assert any(re.search(r"(^|/)glossary/customer\.html(\?|$)", h) for h in hits), hits
    v.page.locator(".md-search-result__item > a[href*='glossary/customer.html']").first.click()
    v.page.wait_for_url(re.compile(r"de/glossary/customer\.html"))
    assert heading(v.page) == "Kunde"
    assert v.foreign == [], v.foreign
    assert v.errors == [], v.errors


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_a_linked_term_shows_its_definition_in_the_page_language(server, visit, how):
    v = visit()
    v.page.goto(f"{server}de/customer-and-supply-chain/")
    link = v.page.locator("article a.gl-link[data-concept=customer]").first
    expected = "Partei, die mit einem Serviceanbieter Services vereinbart"
    if how == "hover":
        link.hover()
    else:
        link.focus()
    tooltip = v.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=10000)
    text = tooltip.inner_text()
    assert text.startswith("Kunde: ") and expected in text
    assert "Party" not in text and "organization" not in text


@pytest.mark.parametrize("lang", ["", "de/", "nl/"])
@pytest.mark.parametrize("how", ["hover", "focus"])
def test_escape_dismisses_a_tooltip_until_the_reader_moves_on(server, visit, lang, how):
    """WCAG 2.2, 1.4.13: content shown on hover or focus can be dismissed without moving."""
    v = visit()
    v.page.goto(f"{server}{lang}customer-and-supply-chain/")
    links = v.page.locator("article a.gl-link[data-concept]")
    link, other = links.nth(0), links.nth(1)
    tooltip = v.page.locator(".md-tooltip2--active .md-tooltip2__inner")
    getattr(link, how)()
    tooltip.wait_for(state="visible", timeout=10000)
    v.page.keyboard.press("Escape")
    tooltip.wait_for(state="hidden", timeout=5000)
    v.page.wait_for_timeout(300)
    assert not tooltip.is_visible()  # and it stays hidden while the pointer or focus stays
    getattr(other, how)()
    getattr(link, how)()
    tooltip.wait_for(state="visible", timeout=10000)  # moving on and back shows it again
    assert v.errors == []


MAP_LABELS = """() => {
  const host = document.querySelector('.gl-map .mermaid');
  const svg = host.shadowRoot ? host.shadowRoot.querySelector('svg') : host.querySelector('svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('.nodeLabel')].filter(e => e.textContent.trim()).map(e => {
    const style = getComputedStyle(e);
    return [e.textContent.trim(), parseFloat(style.fontSize) * scale, style.color];
  });
}"""


@pytest.mark.parametrize("lang", ["", "de/", "nl/"])
def test_the_largest_relation_map_keeps_every_label_readable_on_desktop_and_phone(browser, server, lang):
    from conftest import TERMBASE

    from generator.termbase import loader

    tb = loader.load(TERMBASE)
    largest = max(tb.concepts.values(), key=lambda c: len(c.broader) + len(c.narrower) + len(c.related))
    neighbours = len(largest.broader) + len(largest.narrower) + len(largest.related)
    assert neighbours >= 8
    for scheme in ("light", "dark"):
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            context.add_init_script(OPEN_SHADOW_ROOTS)
            page = context.new_page()
            page.goto(f"{server}{lang}glossary/{largest.id}/")
            page.wait_for_selector(".gl-map .mermaid svg", timeout=20000)
            labels = page.evaluate(MAP_LABELS)
            context.close()
            assert len(labels) == neighbours + 1
            small = [(text, round(size, 1)) for text, size, _color in labels if size < 12]
            assert small == [], (scheme, width, small)
            assert len({color for _t, _s, color in labels}) == 1  # one legible label colour per palette


@pytest.mark.parametrize(
    "lang, query, concept, title, note",
    [
        ("", "customers", "customer", "customer", None),  # a plural
        ("", "Service Level Agreements", "service-level-agreement", "service level agreement", None),  # several words
        ("de/", "Kunden", "customer", "Kunde", None),  # a form that starts many other terms' words
        ("de/", "Nutzern", "user", "Nutzer", None),  # an inflection the term base does not list
        ("de/", "Auftraggeber", "customer", "Kunde", None),  # an admitted term
        ("de/", "Klienten", "customer", "Kunde", "„Klient“ ist abgelehnt: stattdessen „Kunde“ verwenden"),  # deprecated
        ("de/", "Entschadigungen", "compensation", "Gegenleistung", "„Entschädigung“ ist abgelehnt"),  # no accents
        ("nl/", "klanten", "customer", "klant", None),
        ("nl/", "clienten", "customer", "klant", "‘cliënt’ wordt afgeraden: gebruik ‘klant’"),  # deprecated, no accents
    ],
)
def test_search_puts_the_entry_first_for_any_form_of_its_terms(server, visit, lang, query, concept, title, note):
    v = visit()
    v.page.goto(f"{server}{lang}")
    hits = search(v.page, query)
    assert re.search(rf"(^|/){lang}glossary/{concept}/(\?|$)", hits[0]), hits[:6]
    first = v.page.locator(".md-search-result__item > a").first.locator("h1").first
    assert first.evaluate(RESULT_TITLE).strip() == title
    notes = first.locator(".gl-search-note").all_inner_texts()
    if note is None:
        assert notes == []
    else:
        assert len(notes) == 1 and note in notes[0], notes
    assert v.errors == []


@pytest.mark.parametrize(
    "lang, definition",
    [("", "party that agrees services"), ("de/", "Partei, die mit einem Serviceanbieter"), ("nl/", "partij die")],
)
def test_on_a_touch_screen_the_first_tap_shows_the_definition_the_second_follows_the_link(
    browser, server, lang, definition
):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    page, link, tooltip = customer_tooltip(context, server, lang, "tap")
    assert definition in tooltip.inner_text()
    assert page.url == f"{server}{lang}customer-and-supply-chain/"
    link.tap()
    page.wait_for_url(f"{server}{lang}glossary/customer/")
    context.close()


def test_search_on_a_german_page_lists_german_pages_only(server, visit):
    v = visit()
    v.page.goto(f"{server}de/")
    hits = search(v.page, "customer")  # a word of English pages, and of German loanwords
    assert hits and all("/de/" in hit for hit in hits), hits
    assert any("/de/glossary/customer-experience/" in hit for hit in hits)  # Customer Experience, in German


@pytest.mark.parametrize(
    "lang, query, other, entry, badge",
    [
        ("de/", "klant", "nl/", "klant", "Nederlands"),
        ("nl/", "customer", "", "customer", "English"),  # a word of Dutch pages too (customer journey)
        ("", "Kunden", "de/", "Kunde", "Deutsch"),
    ],
)
def test_a_reader_can_widen_search_to_all_languages_and_results_say_their_language(
    server, visit, lang, query, other, entry, badge
):
    v = visit()
    v.page.goto(f"{server}{lang}")
    hits = search(v.page, query)
    assert all(re.search(rf"^{server}{lang}(?!de/|nl/)", hit) for hit in hits), hits  # this language only
    switch = v.page.locator(".gl-search-scope input")
    switch.check()
    first = v.page.locator(".md-search-result__item > a").first
    expect_href = f"{server}{other}glossary/customer/"
    v.page.wait_for_function(
        "href => (document.querySelector('.md-search-result__item > a') || {}).href?.startsWith(href)",
        arg=expect_href,
        timeout=20000,
    )
    heading = first.locator("h1").first
    assert heading.evaluate(RESULT_TITLE).strip() == entry
    assert heading.locator(".gl-search-lang").inner_text() == badge
    assert heading.locator(".gl-search-lang").get_attribute("lang") == (other.rstrip("/") or "en")
    first.click()
    v.page.wait_for_url(f"{expect_href}*")  # the link leads to the entry in that language
    v.page.goto(f"{server}{lang}glossary/")  # the choice stays for the next page
    search(v.page, query)
    assert v.page.locator(".gl-search-scope input").is_checked()
    v.page.locator(".gl-search-scope input").uncheck()
    v.page.wait_for_function(
        "prefix => [...document.querySelectorAll('.md-search-result__item > a')].every(a => a.href.startsWith(prefix))",
        arg=f"{server}{lang}",
        timeout=20000,
    )
    assert v.errors == [] and v.foreign == []


@pytest.mark.parametrize("lang", ["", "de/", "nl/"])
def test_a_definition_stays_while_the_pointer_moves_onto_it_and_goes_when_it_leaves(browser, server, lang):
    """WCAG 2.2, 1.4.13 (hoverable): the pointer can move over the tooltip without it vanishing."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page, _link, tooltip = customer_tooltip(context, server, lang, "hover")
    box = tooltip.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(1000)  # well past the theme's 250 ms grace after leaving the link
    assert tooltip.is_visible()
    page.mouse.move(5, 790, steps=4)
    tooltip.wait_for(state="hidden", timeout=5000)
    context.close()
