"""A loaded term base is cached by content: repeated loads are fast, an edit is never missed."""

from __future__ import annotations

import os

import pytest
from conftest import HEADER, write

from generator.errors import TermBaseError
from generator.termbase import loader

CONCEPT = "  customer:\n    en:\n      terms: [{{term: {term}, status: preferred}}]\n"


def test_cache_is_reused_and_never_stale(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(folder))
    path = write(tmp_path, "tb.yaml", HEADER + CONCEPT.format(term="customer"))
    first = loader.load_cached(path)
    entries = list(folder.glob("termbase-*.pickle"))
    assert len(entries) == 1
    assert loader.load_cached(path).concepts["customer"].langs["en"].preferred.text == "customer"
    # Same size, same second: only the content tells the edit apart.
    stat = path.stat()
    path.write_text(HEADER + CONCEPT.format(term="customar"), encoding="utf-8")
    os.utime(path, (stat.st_atime, stat.st_mtime))
    assert loader.load_cached(path).concepts["customer"].langs["en"].preferred.text == "customar"
    assert first.concepts["customer"].langs["en"].preferred.text == "customer"


def test_errors_are_not_cached(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(folder))
    path = write(tmp_path, "tb.yaml", HEADER + "  Customer: {}\n")
    for _ in range(2):
        with pytest.raises(TermBaseError):
            loader.load_cached(path)
    assert not list(folder.glob("termbase-*"))


def test_default_cache_lives_outside_terms_and_docs(tmp_path, monkeypatch):
    monkeypatch.delenv("GLOSSARY_CACHE_DIR")
    (tmp_path / "terms").mkdir()
    path = write(tmp_path / "terms", "termbase.yaml", HEADER + CONCEPT.format(term="customer"))
    loader.load_cached(path, project_dir=tmp_path)
    assert [p.name for p in (tmp_path / "terms").iterdir()] == ["termbase.yaml"]
    assert list((tmp_path / ".cache" / "glossary").glob("termbase-*.pickle"))


def test_a_corrupt_cache_entry_is_rebuilt(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(folder))
    path = write(tmp_path, "tb.yaml", HEADER + CONCEPT.format(term="customer"))
    loader.load_cached(path)
    for entry in folder.glob("termbase-*.pickle"):
        entry.write_bytes(b"garbage")
    assert loader.load_cached(path).concepts["customer"].langs["en"].preferred.text == "customer"
