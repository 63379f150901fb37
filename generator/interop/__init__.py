"""Interchange with the tools terminologists use: one module per format and direction.

The tables below are the whole wiring: a command asks for a format by name and
gets a function that imports its module only when called, so that a command
that needs no interchange (lookup) loads none of it. Exporters take the model
and return bytes; importers take the files (bytes and the name to show) and the
options, and return an `ImportResult` (see `result`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


def _tbx_import(files: list[tuple[bytes, str]], options: ImportOptions) -> ImportResult:
    from .tbx_import import import_tbx

    return import_tbx(*files[0], strict=options.strict)


def _csv_import(files: list[tuple[bytes, str]], options: ImportOptions) -> ImportResult:
    from .csv_import import import_csv

    return import_csv(*files[0], languages=options.languages, columns=options.columns)


def _skos_import(files: list[tuple[bytes, str]], options: ImportOptions) -> ImportResult:
    from .skos_import import import_skos

    return import_skos(files, languages=options.languages)


def _json_import(files: list[tuple[bytes, str]], options: ImportOptions) -> ImportResult:
    from .json_import import import_json

    return import_json(*files[0])


EXPORTERS: dict[str, Callable[[TermBase, dict[str, str]], bytes]] = {
    "tbx": _tbx_export,
    "csv": _csv_export,
    "skos": _skos_export,
    "json": _json_export,
}


def _vale_export(termbase: TermBase) -> dict[str, bytes]:
    from .writing_tools import vale

    return vale(termbase)


def _languagetool_export(termbase: TermBase) -> dict[str, bytes]:
    from .writing_tools import languagetool

    return languagetool(termbase)


# Exports that are a folder of files (path inside the folder: content)
FOLDER_EXPORTERS: dict[str, Callable[[TermBase], dict[str, bytes]]] = {
    "vale": _vale_export,
    "languagetool": _languagetool_export,
}
IMPORTERS: dict[str, Callable[[list[tuple[bytes, str]], ImportOptions], ImportResult]] = {
    "tbx": _tbx_import,
    "csv": _csv_import,
    "skos": _skos_import,
    "json": _json_import,
}
# How a table says what its columns hold (csv_layouts), shown in help and messages.
MAPPING_EXAMPLE = '--columns "1=term:en,2=term:de,3=definition:en,4=note:de,5=status:de,6=concept"'
MANY_FILES = {"skos"}  # formats whose vocabularies are published as several files, joined on import
# What a file's name says about its format, for `glossary import` without --format.
SUFFIXES = {
    ".tbx": "tbx",
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".txt": "csv",
    ".ttl": "skos",
    ".rdf": "skos",
    ".nt": "skos",
    ".n3": "skos",
    ".jsonld": "skos",
    ".owl": "skos",
    ".json": "json",
    ".xml": None,
}


@dataclass(frozen=True)
class ImportOptions:
    languages: list[str] | None = None  # bilingual CSV: source and target; SKOS: which, the first the source
    columns: str | None = None  # CSV: what each column holds
    strict: bool = False  # TBX: refuse a dialect this import does not know instead of reading it leniently


def format_of(name: str, head: bytes) -> str | None:
    """The format of a file from its name, and from its first bytes where the name is ambiguous."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    found = SUFFIXES.get(suffix)
    if found == "json" and b"@context" in head:
        return "skos"  # JSON-LD
    if found or suffix not in (".xml", ""):
        return found
    if b"<martif" in head or b"<tbx" in head:
        return "tbx"
    if b"rdf:RDF" in head or b"/skos/core#" in head:
        return "skos"
    return None
