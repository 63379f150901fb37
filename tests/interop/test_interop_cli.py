"""`glossary export` and `glossary import` as a user runs them: files, round trips, refusals."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import OFFICIAL, TERMBASE, glossary

from generator.termbase import loader
from generator.termbase import writer as termbase_writer


def test_the_writer_writes_a_term_base_that_loads_as_the_same_term_base(tmp_path):
    data = yaml.safe_load(TERMBASE.read_text("utf-8"))
    text = termbase_writer.dump(data, "round trip")
    again = loader.load_text(text, "written.yaml")
    original = loader.load(TERMBASE)
    assert again.concepts == original.concepts and again.sources == original.sources
    assert again.languages == original.languages and again.title == original.title
    assert text.startswith("# yaml-language-server: $schema=termbase.schema.json\n# round trip\n")


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_export_import_export_gives_the_same_document(tmp_path, fmt):
    first = tmp_path / f"first.{fmt}"
    assert glossary("export", "--format", fmt, "-o", str(first)).returncode == 0
    imported = tmp_path / "imported.yaml"
    result = glossary("import", str(first), "-o", str(imported))
    assert result.returncode == 0, result.stderr.decode()
    second = glossary("export", "--format", fmt, "--termbase", str(imported)).stdout
    assert second == first.read_bytes()
    assert loader.load(imported).concepts == loader.load(TERMBASE).concepts


def test_export_to_stdout_json_and_skos():
    data = json.loads(glossary("export", "--format", "json").stdout)
    assert "customer" in json.dumps(data)
    turtle = glossary("export", "--format", "skos").stdout.decode()
    assert "skos:prefLabel" in turtle and '"Kunde"@de' in turtle
    xml = glossary("export", "--format", "skos", "--syntax", "xml").stdout.decode()
    assert "rdf:RDF" in xml


def test_the_official_tbx_sample_imports_into_a_valid_term_base(tmp_path):
    target = tmp_path / "astronomy.yaml"
    result = glossary("import", str(OFFICIAL), "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    termbase = loader.load(target)
    assert len(termbase.concepts) == 45 and set(termbase.languages) == {"en", "es", "zu"}
    assert glossary("validate", "--termbase", str(target)).returncode == 0
    assert b"glossary import" in target.read_bytes()[:200]


def test_import_refuses_to_overwrite_and_leaves_nothing_behind_on_bad_input(tmp_path):
    existing = tmp_path / "mine.yaml"
    existing.write_text("# my own file\n", "utf-8")
    refused = glossary("import", str(OFFICIAL), "-o", str(existing))
    assert refused.returncode == 2 and b"exists" in refused.stderr
    assert existing.read_text("utf-8") == "# my own file\n"
    broken = tmp_path / "broken.tbx"
    broken.write_text('<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca">\n  <text>\n</tbx>\n', "utf-8")
    target = tmp_path / "new.yaml"
    result = glossary("import", str(broken), "-o", str(target))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert str(broken).encode() + b":4:" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.tbx", "mine.yaml"]  # no partial output
    unknown = tmp_path / "terms.ods"
    unknown.write_bytes(b"x")
    assert glossary("import", str(unknown), "-o", str(target)).returncode == 2
