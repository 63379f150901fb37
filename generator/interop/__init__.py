"""Interchange with the tools terminologists use: one module per format and direction.

The tables below are the whole wiring: a command asks for a format by name and
gets a function that imports its module only when called, so that a command
that needs no interchange (lookup) loads none of it. Exporters take the model
and return bytes; importers take bytes and the name to show, and return an
`ImportResult` (see `result`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..termbase.model import TermBase
    from .result import ImportResult


def _tbx_export(termbase: TermBase, options: dict[str, str]) -> bytes:
    from .tbx_export import export_tbx

    return export_tbx(termbase)


def _csv_export(termbase: TermBase, options: dict[str, str]) -> bytes:
    from .csv_export import export_csv

    return export_csv(termbase)


def _skos_export(termbase: TermBase, options: dict[str, str]) -> bytes:
    from .skos_export import export_skos

    return export_skos(termbase, options.get("syntax", "turtle"))


def _json_export(termbase: TermBase, options: dict[str, str]) -> bytes:
    from .json_export import export_json

    return export_json(termbase)


def _tbx_import(raw: bytes, display: str) -> ImportResult:
    from .tbx_import import import_tbx

    return import_tbx(raw, display)


def _csv_import(raw: bytes, display: str) -> ImportResult:
    from .csv_import import import_csv

    return import_csv(raw, display)


EXPORTERS: dict[str, Callable[[TermBase, dict[str, str]], bytes]] = {
    "tbx": _tbx_export,
    "csv": _csv_export,
    "skos": _skos_export,
    "json": _json_export,
}
IMPORTERS: dict[str, Callable[[bytes, str], ImportResult]] = {
    "tbx": _tbx_import,
    "csv": _csv_import,
}
# What a file's name says about its format, for `glossary import` without --format.
SUFFIXES = {".tbx": "tbx", ".xml": "tbx", ".csv": "csv", ".tsv": "csv"}
