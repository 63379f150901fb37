from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TERMBASE = ROOT / "terms" / "termbase.yaml"
MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Each test session gets its own term base cache, never the developer's."""
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "glossary-cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    yield


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = """source_language: en
languages:
  en: {name: English}
  de: {name: Deutsch}
  nl: {name: Nederlands}
concepts:
"""
