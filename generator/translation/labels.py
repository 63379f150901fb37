"""Interface strings per language: the shipped `generator/locales/LANG.yaml`, overridden
key by key by a project's own file of the same name."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@cache
def labels(lang: str, override_dir: str | None = None) -> dict[str, Any]:
    """Interface strings for a language: the project's own file, else the shipped one, else English."""
    merged = dict(_read(resources.files("generator").joinpath("locales", "en.yaml").read_text("utf-8")))
    for text in _sources(lang, override_dir):
        for key, value in _read(text).items():
            if isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
    return merged


@cache
def own_labels(lang: str, override_dir: str | None = None) -> dict[str, Any]:
    """The strings a language's own files give, without English filling the gaps."""
    merged: dict[str, Any] = {}
    for text in _sources(lang, override_dir):
        for key, value in _read(text).items():
            merged[key] = {**merged.get(key, {}), **value} if isinstance(value, dict) else value
    return merged


def has_labels(lang: str, override_dir: str | None = None) -> bool:
    return bool(_sources(lang, override_dir))


def _sources(lang: str, override_dir: str | None) -> list[str]:
    found = []
    shipped = resources.files("generator").joinpath("locales", f"{lang}.yaml")
    if shipped.is_file():
        found.append(shipped.read_text("utf-8"))
    if override_dir:
        own = Path(override_dir) / f"{lang}.yaml"
        if own.is_file():
            found.append(own.read_text("utf-8"))
    return found


def _read(text: str) -> dict[str, Any]:
    return yaml.safe_load(text) or {}
