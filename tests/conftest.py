from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TERMBASE = ROOT / "terms" / "termbase.yaml"
MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
# The project's shared material (seeds, official TBX files) lies beside the checkout, in CI too.
SHARED = Path(os.environ.get("GLOSSARY_SHARED", ROOT.parent / "shared"))
TBX_DIR = SHARED / "interop" / "tbx"
OFFICIAL = TBX_DIR / "Example_Astronomy_DCA_VALID.tbx"  # the official TBX-Basic sample


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Each test session gets its own term base cache, never the developer's."""
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "glossary-cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # builds date themselves by their input (generator/site/build_date.py), not by a developer's setting
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    yield


def glossary(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    """The command line as a user runs it, in its own process (bytes out: export writes bytes)."""
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, cwd=cwd)


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


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def copy_project(project: Path, termbase: Path = TERMBASE) -> Path:
    """A copy of the project to build; with another term base, only the pages that do not
    depend on the project's own concepts (home pages, assets)."""
    for name in ("mkdocs.yml", "docs", "terms"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
    if termbase != TERMBASE:
        shutil.copy2(termbase, project / "terms" / "termbase.yaml")
        removed = [
            page.name.split(".")[0] for page in (project / "docs").glob("*.md") if not page.name.startswith("index.")
        ]
        for name in set(removed):
            for page in (project / "docs").glob(f"{name}.*md"):
                page.unlink()
        config = project / "mkdocs.yml"
        config.write_text(
            "".join(
                line
                for line in config.read_text("utf-8").splitlines(keepends=True)
                if not any(f"{name}.md" in line for name in removed)
            ),
            "utf-8",
        )
    # the npm packages the site serves itself (Mermaid, iframe-worker), installed by setup.sh
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


def build(project: Path, env: dict[str, str] | None = None, site_dir: str = "site") -> Path:
    before = tree(project / "docs"), tree(project / "terms")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", site_dir],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    assert (tree(project / "docs"), tree(project / "terms")) == before, "the build changed docs/ or terms/"
    return project / site_dir
