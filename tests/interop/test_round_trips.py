"""Round trips: a term base written in a format and read back is the same term base.

For the project's own term base (export, then import), and for real files of
other tools (import, export, import again: the second import equals the first).
"""

from __future__ import annotations

import pytest
from conftest import SHARED, TERMBASE

from generator.interop import EXPORTERS, IMPORTERS, ImportOptions
from generator.termbase import loader

REAL = SHARED / "realworld"
SUFFIX = {"tbx": "x.tbx", "csv": "x.csv", "skos": "x.ttl", "json": "x.json"}


def same(a, b) -> None:
    assert a.source_language == b.source_language
    assert a.languages == b.languages and a.title == b.title and a.sources == b.sources
    assert list(a.concepts) == list(b.concepts)
    for cid in a.concepts:
        assert a.concepts[cid] == b.concepts[cid], cid


def through(fmt: str, termbase, options: ImportOptions | None = None):
    exported = EXPORTERS[fmt](termbase, {})
    result = IMPORTERS[fmt]([(exported, SUFFIX[fmt])], options or ImportOptions())
    return loader.check_data(result.data, "again.yaml")


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_the_project_term_base_comes_back_the_same_from_every_format(fmt):
    original = loader.load(TERMBASE)
    same(through(fmt, original), original)


@pytest.mark.parametrize(
    ("fmt", "files", "options"),
    [
        ("tbx", ["tbx/okapi_sdl_tbx.tbx"], ImportOptions()),
        ("tbx", ["tbx/weblate_fr-extended-metadata.tbx"], ImportOptions()),
        ("csv", ["csv/fcc_curriculum.csv"], ImportOptions()),
        ("csv", ["csv/okapi_test01.tsv"], ImportOptions(languages=["en", "de"])),
        ("skos", ["skos/skosmos_yso.ttl"], ImportOptions()),
        ("skos", ["skos/lexvoc_skos.ttl"], ImportOptions()),
    ],
)
def test_a_real_file_imported_then_exported_imports_again_to_the_same_term_base(fmt, files, options):
    first = loader.check_data(IMPORTERS[fmt]([((REAL / f).read_bytes(), f) for f in files], options).data, "one.yaml")
    same(through(fmt, first), first)
    same(through("json", first), first)
