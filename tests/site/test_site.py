"""A full site build in a temporary folder, checked the way a reader would meet it."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from conftest import MINI, TERMBASE, build, copy_project

from generator.language.collation import for_language
from generator.termbase import loader

pytestmark = pytest.mark.slow
SITE_URL = "https://glossary.example.org/"
LANGS = {"en": "", "de": "de/", "nl": "nl/"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.html_lang = None
        self.title = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "title":
            self._in_title = True
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append({"tag": tag, **{k: v or "" for k, v in attrs.items()}})
        if tag in ("script", "img") and attrs.get("src"):
            self.links.append({"tag": tag, "href": attrs["src"]})

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(copy_project(tmp_path_factory.mktemp("project")))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def page_file(site: Path, url: str) -> Path | None:
    path = site / unquote(urlparse(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


@pytest.fixture(scope="module")
def termbase():
    return loader.load(TERMBASE)


def test_every_concept_has_a_page_in_every_language_with_title_and_lang(site, termbase):
    for cid, concept in termbase.concepts.items():
        for lang, prefix in LANGS.items():
            html = site / f"{prefix}glossary/{cid}/index.html"
            assert html.is_file(), html
            page = parse(html)
            assert page.html_lang == lang, (cid, lang)
            assert page.title.startswith(concept.langs[lang].preferred.text + " - "), (cid, lang, page.title)


def test_every_internal_link_and_asset_exists(site):
    broken = []
    pages = list(site.rglob("*.html"))
    assert len(pages) > 60
    for html in pages:
        base = "/" + html.relative_to(site).as_posix()
        for link in parse(html).links:
            href = link["href"]
            if href.startswith(("http://", "https://", "mailto:", "#", "data:", "javascript:")):
                continue
            target = urljoin(base, href.split("#")[0])
            if not page_file(site, target):
                broken.append((base, href))
    assert not broken, broken[:20]


def test_language_switcher_lands_on_the_same_concept(site, termbase):
    for cid in termbase.concepts:
        for prefix in LANGS.values():
            base = f"/{prefix}glossary/{cid}/index.html"
            switcher = {
                a["hreflang"]: a["href"]
                for a in parse(site / base.lstrip("/")).links
                if a["tag"] == "a" and "md-select__link" in a.get("class", "")
            }
            assert set(switcher) == set(LANGS), (base, switcher)
            for other, other_prefix in LANGS.items():
                target = urljoin(base, switcher[other])
                assert page_file(site, target) == site / f"{other_prefix}glossary/{cid}/index.html", (base, other)


def test_sitemap_lists_every_language_version_with_absolute_hreflang_alternates(site, termbase):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = {
        u.find("s:loc", ns).text: {l.get("hreflang"): l.get("href") for l in u.findall("x:link", ns)}
        for u in root.findall("s:url", ns)
    }
    assert urls[f"{SITE_URL}de/glossary/customer/"] == {
        "en": f"{SITE_URL}glossary/customer/",
        "de": f"{SITE_URL}de/glossary/customer/",
        "nl": f"{SITE_URL}nl/glossary/customer/",
    }
    for cid in termbase.concepts:
        for prefix in LANGS.values():
            assert f"{SITE_URL}{prefix}glossary/{cid}/" in urls
    for loc, alternates in urls.items():
        for href in (loc, *alternates.values()):
            assert href.startswith(SITE_URL), href
            assert page_file(site, href[len(SITE_URL) - 1 :]), href


def test_pages_carry_no_alternates_that_make_material_fetch_sitemaps(site):
    """Material fetches sitemap.xml beside every link[rel=alternate]: its own relative alternates are
    dropped, and ours are hidden from that lookup by a script that runs before its bundle (the
    browser tests see no request fail)."""
    page = (site / "de/glossary/customer/index.html").read_text("utf-8")
    head = page.split("</head>")[0]
    links = re.findall(r'<link rel="alternate"[^>]*>', head)
    assert len(links) == 6 and all("data-gl-alternate" in link for link in links)  # 4 hreflang, 2 siblings
    assert all('href="https://' in link for link in links if "hreflang" in link)
    assert page.index("':not([data-gl-alternate])'") < page.index("assets/javascripts/bundle.")


def test_navigation_does_not_list_concepts(site, termbase):
    nav_links = [
        a["href"]
        for a in parse(site / "glossary/customer/index.html").links
        if a["tag"] == "a" and "md-nav__link" in a.get("class", "")
    ]
    assert nav_links, "no navigation found"
    assert not [h for h in nav_links if re.search(r"glossary/[a-z0-9-]+/?$", h) and not h.endswith("glossary/")]


def test_index_order_follows_each_language(site, termbase):
    for lang, prefix in LANGS.items():
        html = (site / f"{prefix}glossary/index.html").read_text("utf-8")
        body = html.split('class="gl-letters"')[1].split('id="untranslated"')[0]
        sections = re.split(r'<h2 id="[^"]+">', body)[1:]
        collation = for_language(lang)
        for section in sections:
            entries = [
                re.sub(r"<[^>]+>", "", li).split(",")[0].replace("&amp;", "&").strip()
                for li in re.findall(r"<li>(.*?)</li>", section, flags=re.S)
            ]
            assert entries == sorted(entries, key=collation.key), (lang, entries)
    german = (site / "de/glossary/index.html").read_text("utf-8")
    headings = re.findall(r'<h2 id="([^"]+)"', german)
    assert headings == sorted(headings), headings


def search_index(site: Path, prefix: str) -> dict:
    import json

    return json.loads((site / prefix / "search/search_index.json").read_text("utf-8"))


def test_each_language_has_its_own_search_index_and_its_pages_use_it(site):
    for lang, prefix in LANGS.items():
        index = search_index(site, prefix)
        assert index["config"]["lang"] == [lang]
        locations = [doc["location"] for doc in index["docs"]]
        assert "glossary/customer/" in locations and len(locations) > 200
        assert not [loc for loc in locations if loc.split("/")[0] in ("de", "nl")]  # no other language's pages
        page = (site / prefix / "glossary/customer/index.html").read_text("utf-8")
        base = re.search(r'"base": "([^"]*)"', page).group(1)
        assert posixpath.normpath(posixpath.join(f"{prefix}glossary/customer", base)) == (prefix.rstrip("/") or ".")
    german = {doc["title"] for doc in search_index(site, "de/")["docs"]}
    assert "Kunde" in german and "customer" not in german


def test_each_entry_in_search_knows_every_form_of_its_terms(site):
    """What the glossary's search worker reads: the forms as search tags and as a table
    naming each form's term and status, and the note a deprecated term's result shows."""
    german = {doc["location"]: doc for doc in search_index(site, "de/")["docs"]}
    user = german["glossary/user/"]
    assert {"nutzer", "nutzern", "nutzers", "benutzern", "konsumenten"} <= set(user["tags"])
    terms, table = user["gl"]["t"], user["gl"]["f"]
    assert terms[table["nutzern"]][:2] == ["Nutzer", "preferred"]
    assert terms[table["konsumenten"]] == [
        "Konsument",
        "deprecated",
        "„Konsument“ ist abgelehnt: stattdessen „Nutzer“ verwenden",
    ]
    assert "tags" not in german["glossary/user/#nutzer"]  # a section is not the entry
    dutch = {doc["location"]: doc for doc in search_index(site, "nl/")["docs"]}
    klant = dutch["glossary/customer/"]
    assert {"cliënten", "clienten"} <= set(klant["tags"]) and klant["gl"]["t"][klant["gl"]["f"]["clienten"]][
        0
    ] == "cliënt"
    config = search_index(site, "de/")["config"]["glossary"]
    assert config == {
        "lang": "de",
        "bases": {"en": "", "de": "de/", "nl": "nl/"},
        "names": {"en": "English", "de": "Deutsch", "nl": "Nederlands"},
        "scope": "Alle Sprachen durchsuchen",
    }
    page = (site / "de/glossary/user/index.html").read_text("utf-8")
    worker = re.search(r'"search": "([^"?]*)\?worker=([^"]*)"', page)
    assert worker is not None
    assert (site / "de/glossary/user" / worker.group(1)).resolve().is_file()
    assert (site / "de/glossary/user" / worker.group(1)).resolve().with_name(worker.group(2)).is_file()


def test_search_finds_entries_not_the_lists_of_links_to_them(site):
    for prefix in LANGS.values():
        locations = [doc["location"] for doc in search_index(site, prefix)["docs"]]
        assert not [loc for loc in locations if loc.split("#")[0] == "glossary/"], prefix  # the A-Z index


def test_untranslated_concept_builds_in_the_right_language_with_a_notice(tmp_path):
    site = build(copy_project(tmp_path, MINI))
    html = (site / "de/glossary/consumer/index.html").read_text("utf-8")
    assert '<html lang="de"' in html
    assert "Noch nicht übersetzt" in html
    assert '<div class="gl-entry" lang="en">' in html
    assert '<h1 id="consumer">consumer' in html
    index = (site / "de/glossary/index.html").read_text("utf-8")
    assert 'id="untranslated"' in index and 'href="consumer/"' in index.split('id="untranslated"')[1]


def test_a_term_base_error_fails_the_build_with_its_position(tmp_path):
    project = copy_project(tmp_path, MINI)
    path = project / "terms" / "termbase.yaml"
    path.write_text(path.read_text("utf-8").replace("status: admitted", "status: admited", 1), "utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "\nterms/termbase.yaml:18:" in result.stderr and "'admited' is not allowed" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_serve_rebuilds_when_the_term_base_changes(tmp_path):
    import socket
    import time
    import urllib.request

    project = copy_project(tmp_path, MINI)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def title_when(expected: str) -> str:
        deadline, seen = time.monotonic() + 60, ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/de/glossary/customer/", timeout=5) as r:
                    seen = re.search(r"<h1[^>]*>([^<]*)", r.read().decode()).group(1)
                    if seen == expected:
                        return seen
            except OSError:
                pass
            time.sleep(0.5)
        return seen

    try:
        assert title_when("Kunde") == "Kunde"
        path = project / "terms" / "termbase.yaml"
        path.write_text(path.read_text("utf-8").replace("term: Kunde,", "term: Kundschaft,"), "utf-8")
        assert title_when("Kundschaft") == "Kundschaft"
    finally:
        server.terminate()
        server.wait(timeout=10)


def strict_build_with_line(tmp_path, page_name: str, line: str) -> tuple[str, int]:
    """Append a line to a page of a project copy; return the strict build's errors and that line's number."""
    project = copy_project(tmp_path)
    page = project / "docs" / page_name
    lines = page.read_text("utf-8").count("\n")
    page.write_text(page.read_text("utf-8") + f"\n{line}\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1
    return result.stderr, lines + 2


def test_an_unknown_diagram_fails_a_strict_build_naming_file_and_line(tmp_path):
    stderr, line = strict_build_with_line(tmp_path, "index.de.md", "<!-- glossary:diagram supply-chian -->")
    assert f"docs/index.de.md:{line}: no diagram named 'supply-chian'" in stderr
    assert "add terms/diagrams/supply-chian.mmd.j2 (known: customer-organization, supply-chain)" in stderr


def test_every_linked_mention_leads_to_its_concept_in_the_page_language(site, termbase):
    seen = set()
    for lang, prefix in LANGS.items():
        for html in (site / prefix).rglob("*.html") if prefix else site.glob("**/*.html"):
            rel = html.relative_to(site).as_posix()
            if prefix == "" and rel.split("/")[0] in ("de", "nl"):
                continue
            text = html.read_text("utf-8")
            for attrs in re.findall(r"<a ([^>]*class=\"gl-link[^>]*)>", text):
                href = re.search(r'href="([^"]+)"', attrs).group(1)
                target = page_file(site, urljoin("/" + rel, href))
                concept = re.search(r'data-concept="([^"]+)"', attrs)
                if concept:
                    assert target == site / f"{prefix}glossary/{concept.group(1)}/index.html", (rel, href)
                    seen.add((lang, concept.group(1)))
                else:  # an ambiguous form: a choice page in the same language
                    assert target and target.relative_to(site).as_posix().startswith(f"{prefix}glossary/senses/")
    for lang in LANGS:
        assert {(lang, "customer"), (lang, "end-customer"), (lang, "user")} <= seen, lang


def test_no_page_has_a_link_inside_a_link(site):
    """The names in "In other languages" are links marked with their language: neither they nor
    any other link get a term link inside them (the Nu Html Checker reports that as an error)."""
    nested = []
    for html in site.rglob("*.html"):
        depth = 0
        for match in re.finditer(r"<(/?)a\b", html.read_text("utf-8")):
            depth += -1 if match.group(1) else 1
            if depth > 1:
                nested.append(html.relative_to(site).as_posix())
                break
    assert nested == []
    other = (site / "nl/glossary/service-relationship/index.html").read_text("utf-8")
    assert re.search(r'<a href="[^"]*" hreflang="en" lang="en">service relationship</a>', other)


def test_page_titles_name_the_site_in_the_page_language_and_the_homes_only_once(site):
    names = {
        "": "Service management glossary",
        "de/": "Glossar Service-Management",
        "nl/": "Woordenlijst servicemanagement",
    }
    for prefix, name in names.items():
        assert parse(site / prefix / "index.html").title == name
        assert parse(site / prefix / "glossary/customer/index.html").title.endswith(f" - {name}")
        others = [n for p, n in names.items() if p != prefix]
        pages = (
            (site / prefix).rglob("*.html")
            if prefix
            else [p for p in site.rglob("*.html") if p.parts[len(site.parts)] not in ("de", "nl")]
        )
        wrong = [p for p in pages if p.name != "404.html" and any(n in (parse(p).title or "") for n in others)]
        assert wrong == [], (prefix, wrong[:3])


def json_ld(path: Path) -> list[dict]:
    import json

    return [
        json.loads(text)
        for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', path.read_text("utf-8"))
    ]


def test_every_concept_page_describes_its_term_as_schema_org_data(site, termbase):
    for lang, prefix in LANGS.items():
        for cid, concept in termbase.concepts.items():
            section = concept.langs[lang]
            [data] = json_ld(site / prefix / "glossary" / cid / "index.html")
            assert data["@type"] == "DefinedTerm" and data["inLanguage"] == lang
            assert data["name"] == section.preferred.text and data["description"] == section.definition
            assert data.get("alternateName", []) == [t.text for t in section.terms if t.status == "admitted"]
            assert data["url"] == f"{SITE_URL}{prefix}glossary/{cid}/"
            assert sorted(data["sameAs"]) == sorted(
                f"{SITE_URL}{p}glossary/{cid}/" for p in LANGS.values() if p != prefix
            )
            assert data["inDefinedTermSet"] == f"{SITE_URL}{prefix}glossary/"
        [term_set] = json_ld(site / prefix / "glossary" / "index.html")
        assert term_set["@type"] == "DefinedTermSet" and term_set["inLanguage"] == lang
        assert term_set["@id"] == f"{SITE_URL}{prefix}glossary/"
    customer = json_ld(site / "de" / "glossary" / "customer" / "index.html")[0]
    assert customer["name"] == "Kunde" and "Klient" not in customer.get(
        "alternateName", []
    )  # deprecated: not advertised
    assert json_ld(site / "de" / "customer-and-supply-chain" / "index.html") == []


def test_untitled_admonitions_are_headed_in_the_page_language(site):
    for prefix, title in (("", "Note"), ("de/", "Hinweis"), ("nl/", "Opmerking")):
        html = (site / f"{prefix}customer-and-supply-chain/index.html").read_text("utf-8")
        assert re.findall(r'class="admonition-title">([^<]*)<', html) == [title], prefix


def test_definitions_on_concept_pages_link_the_terms_they_mention(site):
    html = (site / "de/glossary/end-customer/index.html").read_text("utf-8")
    definition = html.split('class="gl-definition"')[1].split("</p>")[0]
    assert 'data-concept="customer"' in definition
    assert 'data-concept="end-customer"' not in html.split("</h1>")[1]


def test_an_unresolved_explicit_reference_fails_a_strict_build_naming_file_line_and_column(tmp_path):
    stderr, line = strict_build_with_line(tmp_path, "index.nl.md", "Zie [[consumr]].")
    assert f"docs/index.nl.md:{line}:5: [[consumr]] names no concept: did you mean [[consumer]]?" in stderr


def test_status_pages_and_notices_on_outdated_or_untranslated_pages(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "index.md").write_text((project / "docs" / "index.md").read_text("utf-8") + "\nNew.\n", "utf-8")
    (project / "docs" / "customer-centricity-itil4.nl.md").unlink()
    termbase = project / "terms" / "termbase.yaml"
    termbase.write_text(
        termbase.read_text("utf-8").replace("organization that receives", "organization that obtains", 1), "utf-8"
    )
    site = build(project)
    home = (site / "de/index.html").read_text("utf-8")
    assert "Übersetzung veraltet" in home and "Ausgangsfassung dieser Seite hat sich" in home
    fallback = (site / "nl/customer-centricity-itil4/index.html").read_text("utf-8")
    assert '<html lang="nl"' in fallback and "Deze pagina is nog niet vertaald" in fallback
    status = (site / "nl/status/index.html").read_text("utf-8")
    assert "Vertaalstatus" in status and "ontbreekt" in status
    assert re.search(r"Verouderd:</strong> <a [^>]*href=\"../glossary/[a-z-]+/\"", status), status[:2000]
    assert "Nothing." not in status


def test_the_site_publishes_the_term_base_as_json(site, termbase):
    import json

    data = json.loads((site / "glossary.json").read_text("utf-8"))
    assert data["languages"] == {"en": "English", "de": "Deutsch", "nl": "Nederlands"}
    assert set(data["concepts"]) == set(termbase.concepts)
    de = data["concepts"]["customer"]["languages"]["de"]
    assert {"term": "Klient", "status": "deprecated"}.items() <= de["terms"][2].items()
    assert de["definition"] == termbase.concepts["customer"].langs["de"].definition


def test_a_project_overrides_any_page_template_and_the_relation_map_from_its_own_folders(tmp_path):
    project = copy_project(tmp_path, MINI)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      diagrams_dir: terms/diagrams\n",
            "      diagrams_dir: terms/diagrams\n      templates_dir: overrides/glossary\n",
        ),
        "utf-8",
    )
    own = project / "overrides" / "glossary"
    own.mkdir(parents=True)
    (own / "index.md.j2").write_text(
        "---\ntitle: {{ title|e|tojson }}\n---\n# Our own index\n\n"
        "{% for section in sections %}{% for entry in section.entries %}"
        "- [{{ entry.text|md }}]({{ entry.href }}) ({{ entry.status_label }})\n"
        "{% endfor %}{% endfor %}",
        "utf-8",
    )
    (project / "terms" / "diagrams" / "relations.mmd.j2").write_text(
        'graph TD\n{% for node in nodes %}  {{ node.id }}["OWN {{ node.text|label }}"]\n{% endfor %}', "utf-8"
    )
    site = build(project)
    index = (site / "de" / "glossary" / "index.html").read_text("utf-8")
    assert "Our own index" in index and "Kunde</a> (bevorzugt)" in index
    concept = (site / "de" / "glossary" / "customer" / "index.html").read_text("utf-8")
    assert "OWN Kunde" in concept, "the relation map comes from the project's diagrams folder"
    assert "gl-terms" in concept, "templates the project does not override stay the shipped ones"


def head_alternates(path: Path) -> dict[str, str]:
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)" data-gl-alternate>', path.read_text("utf-8")
        )
    )


def test_every_page_head_names_its_language_versions_absolute_and_reciprocal(site):
    checked = 0
    for html in site.rglob("*.html"):
        rel = html.relative_to(site).as_posix()
        if rel.endswith("404.html"):
            continue
        versions = head_alternates(html)
        url = SITE_URL + rel.removesuffix("index.html")
        assert url in versions.values(), rel  # the page names itself
        for lang, href in versions.items():
            assert href.startswith(SITE_URL)
            other = page_file(site, "/" + href.removeprefix(SITE_URL))
            assert other is not None and head_alternates(other) == versions, (rel, lang)  # reciprocal
        if "en" in versions:
            assert versions["x-default"] == versions["en"]
        lang = next(code for code, href in versions.items() if href == url and code != "x-default")
        text = html.read_text("utf-8")
        assert f'<meta property="og:locale" content="{ {"en": "en_US", "de": "de_DE", "nl": "nl_NL"}[lang] }">' in text
        checked += 1
    assert checked > 100
    assert set(head_alternates(site / "de/glossary/senses/konsument/index.html")) == {"de"}  # a German word's senses


def test_each_concept_page_links_its_machine_readable_siblings(site, termbase):
    import json

    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SKOS

    for lang, prefix in LANGS.items():
        for cid in ("customer", "end-customer"):
            folder = site / prefix / "glossary" / cid
            head = (folder / "index.html").read_text("utf-8").split("</head>")[0]
            assert f'<link rel="alternate" type="application/ld+json" href="{cid}.jsonld" data-gl-alternate>' in head
            assert f'<link rel="alternate" type="text/turtle" href="{cid}.ttl" data-gl-alternate>' in head
            assert json.loads((folder / f"{cid}.jsonld").read_text("utf-8")) == json_ld(folder / "index.html")[0]
            graph = Graph().parse(folder / f"{cid}.ttl", format="turtle")
            uri = URIRef(f"{SITE_URL}concept/{cid}")
            labels = {(str(o), o.language) for o in graph.objects(uri, SKOS.prefLabel)}
            expected = {(s.preferred.text, code) for code, s in termbase.concepts[cid].langs.items()}
            assert labels == expected
            assert Literal(termbase.concepts[cid].langs[lang].definition, lang=lang) in set(
                graph.objects(uri, SKOS.definition)
            )


def test_each_language_has_a_usage_page_of_its_own_pages(site):
    german = (site / "de/usage/index.html").read_text("utf-8")
    assert "<h1" in german and "Verwendung der Begriffe" in german
    row = re.search(r'<tr>\s*<td><a href="../glossary/customer/">Kunde</a></td>\s*<td[^>]*>(\d+)</td>', german)
    assert row is not None and int(row.group(1)) > 10
    unused = german.split('id="begriffe-die-keine-seite-erwahnt"')[1].split("<h2")[0]
    assert "Kundenerwartung" in unused and "Kunde</a>" not in unused
    assert 'class="gl-link"' not in german.split("<tbody>")[1].split("</tbody>")[0]  # no term links in the table
    dutch = (site / "nl/usage/index.html").read_text("utf-8")
    assert "Gebruik van de termen" in dutch and 'href="../glossary/customer/">klant</a>' in dutch
