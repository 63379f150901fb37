"""Caches are keyed by the code that made them and the libraries it ran with: never served stale."""

from __future__ import annotations

import shutil

import pytest
from conftest import MINI

from generator import fingerprint
from generator.termbase import loader


@pytest.fixture()
def fresh(monkeypatch):
    monkeypatch.setattr(fingerprint, "_memo", {})
    return fingerprint


def test_any_change_to_the_producing_code_changes_the_key(tmp_path, monkeypatch, fresh):
    code = tmp_path / "generator"
    shutil.copytree(fingerprint.HERE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fresh, "HERE", str(code))

    def key() -> str:
        fresh._memo.clear()
        return fresh.fingerprint("termbase", "language")

    before = key()
    assert key() == before
    (code / "termbase" / "new_rule.py").write_text("RULE = 1\n")  # a module added: no list to forget it in
    added = key()
    assert added != before
    (code / "termbase" / "new_rule.py").rename(code / "termbase" / "renamed_rule.py")
    assert key() not in (before, added)
    (code / "termbase" / "renamed_rule.py").unlink()
    assert key() == before
    (code / "language" / "matching.py").write_text((code / "language" / "matching.py").read_text() + "\n# edit\n")
    assert key() != before
    (code / "site" / "pages.py").write_text("# the site does not make the cached term base\n")
    assert fresh.fingerprint("termbase", "language") == key()


def test_the_libraries_the_project_runs_with_are_part_of_the_key(monkeypatch, fresh):
    names = dict(fresh.library_versions())
    assert {"simplemma", "snowballstemmer", "pyicu", "pyyaml", "babel"} <= set(names)
    before = fresh.fingerprint("termbase")
    fresh._memo.clear()
    upgraded = [(n, "99.0" if n == "simplemma" else v) for n, v in fresh.library_versions()]
    monkeypatch.setattr(fresh, "library_versions", lambda: upgraded)
    assert fresh.fingerprint("termbase") != before


def test_a_library_upgrade_makes_a_new_cache_entry(tmp_path, monkeypatch, fresh):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path))
    loader.load_cached(MINI)
    upgraded = [(n, "99.0" if n == "snowballstemmer" else v) for n, v in fresh.library_versions()]
    fresh._memo.clear()
    monkeypatch.setattr(fresh, "library_versions", lambda: upgraded)
    loader.load_cached(MINI)
    assert len(list(tmp_path.glob("termbase-*.pickle"))) == 2
