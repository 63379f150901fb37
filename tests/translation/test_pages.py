"""The `page.de.md` convention, once: page names, their files, and the key reviews are recorded under."""

from __future__ import annotations

import subprocess
import sys

from conftest import HEADER, write

from generator.translation.pages import Pages, split_name

CONCEPT = "  customer:\n    en:\n      terms: [{term: customer, status: preferred}]\n      definition: X.\n"


def test_split_name_knows_only_the_declared_languages():
    languages = ["en", "de", "nl"]
    assert split_name("guide/intro.de.md", languages) == ("guide/intro", "de")
    assert split_name("guide/intro.md", languages) == ("guide/intro", None)
    assert split_name("release.v1.2.md", languages) == ("release.v1.2", None)
    assert split_name("notes.fr.md", languages) == ("notes.fr", None)
    assert split_name("guide\\intro.nl.md", languages) == ("guide/intro", "nl")


def test_a_page_is_found_by_any_of_its_files_or_its_name(tmp_path):
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    for name in ("guide/intro.md", "guide/intro.de.md", "index.md"):
        (docs / name).write_text("# x\n", "utf-8")
    pages = Pages(docs, ["en", "de", "nl"], "en", "docs")
    assert [(p.name, sorted(p.files)) for p in pages.discover()] == [("guide/intro", ["de", "en"]), ("index", ["en"])]
    found = {pages.record_key(pages.find(t)) for t in ("docs/guide/intro.de.md", "guide/intro.md", "guide/intro")}
    assert found == {"docs/guide/intro.md"}
    assert pages.find("guide/outro") is None


def test_review_records_a_page_under_its_source_file_whichever_file_is_named(tmp_path):
    write(tmp_path, "tb.yaml", HEADER + CONCEPT)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "intro.md").write_text("# Intro\n", "utf-8")
    (docs / "intro.de.md").write_text("# Einführung\n", "utf-8")
    for target in ("docs/intro.de.md", "intro"):
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "review", target, "--termbase", "tb.yaml", "--lang", "de"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        status = subprocess.run(
            [sys.executable, "-m", "generator.cli", "status", "--json", "--termbase", "tb.yaml"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert '"complete": 1' in status.stdout.split('"pages"')[1].split("}")[0]
    assert (tmp_path / "tb.reviews.json").read_text("utf-8").count("docs/intro.md") == 1
