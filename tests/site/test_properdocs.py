"""ProperDocs (the maintained fork of MkDocs 1.x) builds the same site, apart from its name in the generator tag (issue 16)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import glossary
from test_parallel import project, whole  # noqa: F401 - the fixtures: a copy of the project and its mkdocs build

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def without_generator(folder) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): GENERATOR.sub(b"", p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_properdocs_builds_the_site_mkdocs_builds_apart_from_the_generator_tag(project, whole):
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-d", "site-properdocs"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    built = project / "site-properdocs"
    mine, theirs = without_generator(built), without_generator(whole)
    assert sorted(mine) == sorted(theirs)
    assert [path for path in mine if mine[path] != theirs[path]] == []
    tag = GENERATOR.search((built / "de" / "glossary" / "customer" / "index.html").read_bytes())
    assert tag is not None and b"ProperDocs" in tag.group(1), "it is ProperDocs that built it"


def test_glossary_build_runs_properdocs_language_by_language(project, whole):
    result = glossary("build", "--engine", "properdocs", "--strict", "-d", "site-properdocs-parallel", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    built = project / "site-properdocs-parallel"
    assert without_generator(built) == without_generator(whole)
    assert b"ProperDocs" in GENERATOR.search((built / "index.html").read_bytes()).group(1)
