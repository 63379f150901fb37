"""The build folder: hand-written pages are copied, never replaced; stale pages disappear."""

from __future__ import annotations

import os

from generator.site.pages import Page
from generator.site.stage import Stage


def test_stage_keeps_hand_written_pages_and_drops_stale_ones(tmp_path):
    docs = tmp_path / "docs"
    (docs / "glossary").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    (docs / "glossary" / "customer.md").write_text("# My own customer page\n")
    stage = Stage(docs, tmp_path / ".cache" / "stage", default_lang="en")
    pages = [
        Page("en", "glossary/customer", "# generated\n"),
        Page("de", "glossary/customer", "# Kunde\n"),
        Page("en", "glossary/user", "# user\n"),
    ]
    conflicts = stage.sync(pages)
    assert conflicts == ["glossary/customer.md"]
    assert (stage.root / "glossary" / "customer.md").read_text() == "# My own customer page\n"
    assert (stage.root / "glossary" / "customer.de.md").read_text() == "# Kunde\n"
    assert (docs / "glossary" / "customer.md").read_text() == "# My own customer page\n"
    assert sorted(p.name for p in docs.rglob("*.md")) == ["customer.md", "index.md"]

    (docs / "index.md").unlink()
    mtime = (stage.root / "glossary" / "customer.de.md").stat().st_mtime_ns
    stage.sync(pages[1:2])
    assert sorted(p.relative_to(stage.root).as_posix() for p in stage.root.rglob("*.md")) == [
        "glossary/customer.de.md",
        "glossary/customer.md",
    ]
    assert (stage.root / "glossary" / "customer.de.md").stat().st_mtime_ns == mtime, "unchanged page rewritten"


def test_stage_sees_an_edit_that_keeps_size_and_mtime(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "index.md"
    page.write_text("# Home\n")
    stage = Stage(docs, tmp_path / "stage", default_lang="en")
    stage.sync([])
    before = page.stat()
    page.write_text("# Homo\n")  # a checkout, `cp -p`, a tool that normalises mtimes
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    stage.sync([])
    assert (stage.root / "index.md").read_text() == "# Homo\n"


def test_stage_refuses_to_live_inside_docs(tmp_path):
    import pytest

    with pytest.raises(ValueError):
        Stage(tmp_path / "docs", tmp_path / "docs" / "stage", "en")
