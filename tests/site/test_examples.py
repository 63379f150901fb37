"""The README's example: a site for a term base imported from the official TBX sample."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, TBX_DIR

pytestmark = pytest.mark.slow
SAMPLE = TBX_DIR / "Example_Astronomy_DCA_VALID.tbx"


def test_an_imported_tbx_term_base_builds_a_site_in_its_own_languages(tmp_path):
    project = tmp_path / "astronomy"
    shutil.copytree(ROOT / "examples" / "astronomy", project, ignore=shutil.ignore_patterns("site", "terms", ".cache"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("../../node_modules", str(ROOT / "node_modules")), "utf-8")
    imported = subprocess.run(
        [sys.executable, "-m", "generator.cli", "import", str(SAMPLE), "-o", str(project / "terms" / "termbase.yaml")],
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
    site = project / "site"
    spanish = (site / "es" / "glossary" / "c1" / "index.html").read_text("utf-8")
    assert '<html lang="es"' in spanish and "cúmulo abierto" in spanish and "Definición" in spanish
    zulu = (site / "zu" / "glossary" / "index.html").read_text("utf-8")
    assert '<html lang="zu"' in zulu
    assert (site / "glossary" / "c1" / "index.html").is_file()
