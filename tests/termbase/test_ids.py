"""One rule makes concept ids: validation suggests, and every importer makes, the same id."""

from __future__ import annotations

import pytest
from conftest import HEADER, write

from generator.errors import TermBaseError
from generator.interop.csv_import import import_csv
from generator.interop.tbx_import import import_tbx
from generator.termbase import ids, loader

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="de">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="{id}">
      <langSec xml:lang="de"><termSec><term>Überkunde</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_validate_suggests_the_id_an_importer_makes(tmp_path):
    path = write(
        tmp_path, "tb.yaml", HEADER + "  Über-Kunden:\n    de:\n      terms: [{term: Überkunde, status: preferred}]\n"
    )
    with pytest.raises(TermBaseError) as refused:
        loader.load(path)
    assert "e.g. 'uber-kunden'" in str(refused.value)

    imported = import_tbx(TBX.format(id="Über-Kunden").encode(), "x.tbx")
    assert list(imported.data["concepts"]) == ["uber-kunden"]
    assert any("became the concept id 'uber-kunden'" in r.message for r in imported.reports)

    table = "concept,lang,term,status\nÜber-Kunden,de,Überkunde,preferred\n".encode()
    with pytest.raises(TermBaseError) as refused_csv:
        import_csv(table, "x.csv")
    assert "e.g. 'uber-kunden'" in str(refused_csv.value)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Über-Kunden", "uber-kunden"),
        ("Service  Level  Agreement", "service-level-agreement"),
        ("  --a__b--  ", "a-b"),
        ("Ærø", "r"),
        ("日本", ""),
        ("x" * 150, "x" * 100),
    ],
)
def test_slugs_are_lowercase_ascii_words_joined_by_hyphens(text, slug):
    assert ids.slugify(text) == slug
    assert slug == "" or ids.is_slug(slug)


def test_an_id_the_site_or_windows_cannot_use_is_refused_by_the_loader_and_renamed_by_the_importer(tmp_path):
    for reserved in ("index", "nul"):
        path = write(
            tmp_path, "tb.yaml", HEADER + f"  {reserved}:\n    de:\n      terms: [{{term: X, status: preferred}}]\n"
        )
        with pytest.raises(TermBaseError) as refused:
            loader.load(path)
        assert f"'{reserved}' cannot be a concept id" in str(refused.value)
        assert list(import_tbx(TBX.format(id=reserved).encode(), "x.tbx").data["concepts"]) == [f"{reserved}-term"]


def test_unique_ids_never_make_a_double_hyphen():
    assert ids.unique("a", {"a"}) == "a-2"
    long = "a" * 94 + "-b"
    assert ids.is_slug(ids.unique(long, {long}))
