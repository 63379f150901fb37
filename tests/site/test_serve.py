"""Live preview (issue 15): an edit reaches the served pages in every language, re-rendering only what it changes."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_project

from generator.site.build import BuildOptions, Site, SiteBuild


def staged(build: SiteBuild) -> dict[str, int]:
    root = build.staged_dir
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*.md")}


def set_definition(termbase: Path, concept: str, lang: str, text: str) -> None:
    """Replace one definition in place, every other byte kept."""
    source = termbase.read_text("utf-8")
    start = source.index(f"\n  {concept}:\n")
    section = source.index(f"\n    {lang}:\n", start)
    at = source.index("definition: ", section) + len("definition: ")
    end = source.index("\n", at)
    termbase.write_text(source[:at] + text + source[end:], "utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def site_build(project: Path) -> tuple[SiteBuild, Site]:
    site = Site(project, project / "mkdocs.yml", project / "docs", project / "site", ["en", "de", "nl"], "en")
    build = SiteBuild(BuildOptions(), lambda message: None)
    build.prepare(site)
    return build, site


def test_an_edited_definition_rewrites_only_the_pages_that_show_it(project):
    build, site = site_build(project)
    before = staged(build)
    time.sleep(0.01)
    set_definition(project / "terms" / "termbase.yaml", "end-customer", "de", '"Kunde des Kunden, neu gefasst."')
    build.prepare(site)
    after = staged(build)
    rewritten = sorted(path for path in after if after[path] != before[path])
    assert set(after) == set(before)
    assert "glossary/end-customer.de.md" in rewritten
    assert "Kunde des Kunden, neu gefasst." in (build.staged_dir / "glossary/end-customer.de.md").read_text("utf-8")
    assert not [p for p in rewritten if p.startswith("glossary/end-customer") and not p.endswith(".de.md")], (
        "the English and Dutch pages say the same as before and are not rewritten"
    )
    assert not [p for p in rewritten if p.startswith("glossary/index")], "the A–Z indexes show terms only"
    assert len(rewritten) <= 4, rewritten  # its page, and the status pages that count it


def test_an_edited_term_renders_every_page_again(project):
    build, site = site_build(project)
    termbase = project / "terms" / "termbase.yaml"
    text = termbase.read_text("utf-8")
    termbase.write_text(text.replace("term: Endkunde,", "term: Letztkunde,", 1), "utf-8")
    assert termbase.read_text("utf-8") != text
    build.prepare(site)
    assert "Letztkunde" in (build.staged_dir / "glossary/index.de.md").read_text("utf-8")


def test_a_broken_edit_is_reported_and_the_next_good_one_is_taken(project):
    build, site = site_build(project)
    termbase = project / "terms" / "termbase.yaml"
    good = termbase.read_text("utf-8")
    termbase.write_text(good.replace("concepts:", "concepts: [", 1), "utf-8")
    with pytest.raises(Exception, match=r"termbase.yaml:\d+:\d+"):
        build.prepare(site)
    termbase.write_text(good, "utf-8")
    set_definition(termbase, "end-customer", "nl", '"klant van de klant, opnieuw."')
    build.prepare(site)
    assert "klant van de klant, opnieuw." in (build.staged_dir / "glossary/end-customer.nl.md").read_text("utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(url: str, needle: str, limit: float = 180) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if needle in page(url):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("dirty", [True, False], ids=["dirty", "whole"])
def test_mkdocs_serve_shows_an_edited_definition_in_every_language(project, dirty):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, *(["--dirty"] if dirty else [])],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        assert wait_until(f"{base}/nl/glossary/end-customer/", "<html"), "serve came up"
        time.sleep(1.5)  # the watcher starts after the first build
        termbase = project / "terms" / "termbase.yaml"
        marks = {lang: f"Edited{lang}{port}" for lang in ("en", "de", "nl")}
        for lang, mark in marks.items():
            set_definition(termbase, "end-customer", lang, mark)
        for lang, prefix in (("en", ""), ("de", "de/"), ("nl", "nl/")):
            assert wait_until(f"{base}/{prefix}glossary/end-customer/", marks[lang]), f"{lang} page refreshed"

        termbase.write_text(termbase.read_text("utf-8").replace("term: Endkunde,", "term: Letztkunde,", 1), "utf-8")
        assert wait_until(f"{base}/de/glossary/", "Letztkunde"), "a renamed term reaches the A–Z index"
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert not re.search(r"Traceback|ERROR", errors.decode()), errors.decode()[-3000:]


def test_a_hand_written_page_that_takes_a_generated_pages_place_keeps_it_until_removed(project):
    build, site = site_build(project)
    own = project / "docs" / "glossary" / "end-customer.de.md"
    own.parent.mkdir(exist_ok=True)
    own.write_text("# Mein eigener Endkunde\n", "utf-8")
    build.prepare(site)
    staged_page = build.staged_dir / "glossary" / "end-customer.de.md"
    assert staged_page.read_text("utf-8") == "# Mein eigener Endkunde\n"

    set_definition(project / "terms" / "termbase.yaml", "end-customer", "de", '"Kunde des Kunden, neu."')
    build.prepare(site)
    assert staged_page.read_text("utf-8") == "# Mein eigener Endkunde\n", "an edit of texts never replaces it"

    own.unlink()
    build.prepare(site)
    assert "Kunde des Kunden, neu." in staged_page.read_text("utf-8"), "the generated page is back"
