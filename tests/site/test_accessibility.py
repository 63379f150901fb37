"""Every built page, valid and accessible (issue 17): the Nu Html Checker over the whole site, no
error in any page's article; axe-core in Chromium on every page, no serious or critical violation.

Both come from npm (`vnu-jar`, `axe-core` in package.json's devDependencies; setup.sh runs
`npm ci`); the checker needs Java. Without them these tests skip and say what to install; with
GLOSSARY_REQUIRE_BROWSER=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT
from test_browser import browser, server, site, visit  # noqa: F401 - the fixtures: the built site, Chromium

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def required(what: str, missing: bool) -> None:
    if missing:
        if os.environ.get("GLOSSARY_REQUIRE_BROWSER"):
            pytest.fail(f"{what} is missing: run ./setup.sh (npm ci), and install Java for the Nu Html Checker")
        pytest.skip(f"{what} is missing: run ./setup.sh (npm ci), and install Java for the Nu Html Checker")


def article_lines(path: Path) -> tuple[int, int]:
    lines = path.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines, 1) if "<article" in line)
    end = next(i for i, line in enumerate(lines, 1) if "</article>" in line and i >= start)
    return start, end


def test_the_nu_html_checker_finds_no_error_in_any_article(site):
    java = shutil.which("java")
    required("the Nu Html Checker (node_modules/vnu-jar) or Java", java is None or not VNU.is_file())
    run = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(run.stderr)["messages"]
    by_page: dict[Path, list[dict]] = {}
    for message in messages:
        by_page.setdefault(Path(unquote(urlparse(message.get("url", "")).path)), []).append(message)
    pages = sorted(site.rglob("*.html"))
    # the theme's own markup outside the article has errors the checker reports: the messages
    # are read, and placed in their pages
    assert set(by_page) & set(pages)
    in_articles = []
    for path in pages:
        start, end = article_lines(path)
        in_articles += [
            f"{path.relative_to(site)}:{m['lastLine']}: {m['message']}"
            for m in by_page.get(path, [])
            if start <= m.get("lastLine", 0) <= end
        ]
    assert len(pages) > 100
    assert in_articles == [], in_articles[:10]


def test_axe_finds_no_serious_or_critical_violation_on_any_page(site, server, visit):
    required("axe-core (node_modules/axe-core)", not AXE.is_file())
    axe = AXE.read_text("utf-8")
    v = visit()
    found = []
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        v.page.goto(server + path.relative_to(site).as_posix().removesuffix("index.html"), wait_until="load")
        v.page.add_script_tag(content=axe)
        violations = v.page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.nodes[0].target.join(' ')}`)""")
        found += [f"{path.relative_to(site)}: {violation}" for violation in violations]
    assert len(pages) > 100
    assert found == [], found[:10]
