"""When each entry last changed, from git: the line on a concept page, each language's
recent-changes page and its Atom feed."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from conftest import build, copy_project
from lxml import etree

from generator.termbase.loader import load_text
from generator.translation.history import history

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"


def git(folder, *args, date: str | None = None):
    env = {"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date} if date else {}
    import os

    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env={**os.environ, **env})


def test_history_says_what_changed_per_language():
    from checks.test_check import BASE

    after = BASE.replace("Partei, die Services erhält.", "Partei, die Services vereinbart und erhält.")
    day = datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC)
    changes = history([("a", day, load_text(BASE, "a")), ("b", day, load_text(after, "b"))])
    assert [(c.concept, c.what) for c in changes] == [("customer", {"de": ("definition",)})]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("history"))
    git(project, "init", "-q")
    git(project, "config", "user.email", "t@example.org")
    git(project, "config", "user.name", "Test")
    git(project, "add", "terms")
    git(project, "commit", "-q", "-m", "first edition", date="2026-11-02T10:00:00+00:00")
    termbase = project / "terms" / "termbase.yaml"
    text = termbase.read_text("utf-8").replace(
        "Partei, die mit einem Serviceanbieter Services vereinbart und bezieht,",
        "Partei, die mit einem Serviceanbieter Services vereinbart und in Anspruch nimmt,",
    )
    termbase.write_text(text, "utf-8")
    git(project, "commit", "-q", "-am", "a German definition", date="2026-11-20T10:00:00+00:00")
    return build(project)


def test_a_concept_page_says_when_it_last_changed_in_its_language(site):
    german = (site / "de/glossary/customer/index.html").read_text("utf-8")
    assert "Zuletzt geändert am 20.11.2026: Definition." in german
    english = (site / "glossary/customer/index.html").read_text("utf-8")
    assert "Last changed on Nov 2, 2026: new entry." in english  # the German edit is not an English change


def test_each_language_lists_its_changes_and_offers_them_as_a_feed(site):
    page = (site / "de/changes/index.html").read_text("utf-8")
    assert page.index("20.11.2026") < page.index("02.11.2026")  # newest first
    assert '<a href="../changes.xml" type="application/atom+xml">Atom</a>' in page
    feed = etree.parse(str(site / "de/changes.xml")).getroot()
    assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    entries = feed.findall(f"{ATOM}entry")
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == "Kunde: Definition"
    assert first.findtext(f"{ATOM}updated").startswith("2026-11-20")
    assert first.find(f"{ATOM}link").get("href").endswith("/de/glossary/customer/")
    assert len(entries) > 40  # the first edition: every entry new
    english = etree.parse(str(site / "changes.xml")).getroot()
    assert english.findall(f"{ATOM}entry")[0].findtext(f"{ATOM}updated").startswith("2026-11-02")
