"""Languages built apart, in parallel or one per CI job, merge into the very site one build writes (issue 15)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build, copy_project, glossary, tree
from test_determinism import differences


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("parallel"))
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    return project


@pytest.fixture(scope="module")
def whole(project) -> Path:
    """The site as `mkdocs build` writes it, every language in one process."""
    return build(project, site_dir="site-whole")


def test_glossary_build_writes_the_same_bytes_as_mkdocs_build(project, whole):
    result = glossary("build", "--strict", "-d", "site-parallel", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    assert tree(project / "site-parallel") == tree(whole), differences(whole, project / "site-parallel")
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-parallel-languages")], (
        "the languages' own folders are gone after the merge"
    )


def test_the_github_actions_example_builds_one_language_per_job_and_merges_them(project, whole, tmp_path):
    """examples/github-actions/site.yml, its run steps as the jobs run them: a job per language,
    the parts downloaded into parts/, merged."""
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions" / "site.yml").read_text("utf-8"))
    jobs = workflow["jobs"]
    languages = jobs["language"]["strategy"]["matrix"]["lang"]
    assert languages == ["en", "de", "nl"], "the matrix lists the languages of mkdocs.yml"

    def commands(job: str) -> list[str]:
        return [
            step["run"].replace(".venv/bin/glossary", f"{sys.executable} -m generator.cli")
            for step in jobs[job]["steps"]
            if "run" in step and "setup.sh" not in step["run"]
        ]

    job_dirs = {lang: tmp_path / f"job-{lang}" for lang in languages}
    for lang in reversed(languages):  # jobs finish in any order
        shutil.copytree(project, job_dirs[lang], ignore=shutil.ignore_patterns("site*"), symlinks=True)
        for command in commands("language"):
            result = run(command.replace("${{ matrix.lang }}", lang), job_dirs[lang])
            assert result.returncode == 0, result.stderr
    part = job_dirs["de"] / "part-de"
    assert (part / "de" / "index.html").is_file() and not (part / "nl").exists() and not (part / "index.html").exists()
    assert {
        d["location"].split("/")[0] for d in json.loads((part / "search/search_index.json").read_text())["docs"]
    } == {"de"}, "a part's search index holds its own language only"

    merging = tmp_path / "job-site"
    for lang in languages:  # actions/download-artifact, pattern part-*, path parts
        shutil.copytree(job_dirs[lang] / f"part-{lang}", merging / "parts" / f"part-{lang}")
    for command in commands("site"):
        result = run(command, merging)
        assert result.returncode == 0, result.stderr
    assert tree(merging / "site") == tree(whole), differences(whole, merging / "site")
    assert (merging / "parts" / "part-de" / "de" / "index.html").is_file(), "merge copies: the parts stay as they were"


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True)


def test_the_404_page_switches_to_each_languages_home(whole):
    """Rendered after the pages, it used to carry the language switcher of whichever page came last."""
    page = (whole / "404.html").read_text("utf-8")
    assert 'href="/de/" hreflang="de" class="md-select__link"' in page
    assert 'href="/nl/" hreflang="nl" class="md-select__link"' in page


def fake_part(folder: Path, lang: str, languages=("en", "de", "nl")) -> Path:
    folder.mkdir(parents=True)
    (folder / ".glossary-part.json").write_text(json.dumps({"language": lang, "languages": list(languages)}))
    (folder / f"{lang}.html").write_text(lang)
    return folder


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["en", "de"], "no part for nl: build it with `glossary build --language nl -d FOLDER`"),
        (["en", "de", "nl", "de2"], "are both 'de'"),
        (["en", "de", "nl", "plain"], "not a language part (no .glossary-part.json)"),
        (["en", "de", "nl-other-site"], "build every part from the same mkdocs.yml"),
    ],
)
def test_merge_says_what_is_wrong_with_the_parts(tmp_path, parts, message):
    folders = []
    for name in parts:
        if name == "plain":
            (tmp_path / name).mkdir()
        elif name == "de2":
            fake_part(tmp_path / name, "de")
        elif name == "nl-other-site":
            fake_part(tmp_path / name, "nl", ("en", "nl", "de"))
        else:
            fake_part(tmp_path / name, name)
        folders.append(str(tmp_path / name))
    result = glossary("merge", *folders, "-d", str(tmp_path / "site"))
    assert result.returncode == 2
    assert message in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    assert not (tmp_path / "site").exists()


def test_merge_never_empties_a_folder_that_is_not_a_built_site(tmp_path):
    parts = [str(fake_part(tmp_path / lang, lang)) for lang in ("en", "de", "nl")]
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.md").write_text("mine")
    result = glossary("merge", *parts, "-d", str(notes))
    assert result.returncode == 2
    assert "holds files but no built site" in result.stderr.decode()
    assert (notes / "todo.md").read_text() == "mine"

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old build")
    (site / ".nojekyll").write_text("")
    assert glossary("merge", *parts, "-d", str(site)).returncode == 0
    assert sorted(p.name for p in site.iterdir()) == [".nojekyll", "de.html", "en.html", "nl.html"], (
        "the old build is replaced; dot-files stay, as MkDocs keeps them"
    )


def test_a_failing_language_fails_the_build_with_its_message(tmp_path):
    (tmp_path / "broken").mkdir()
    project = copy_project(tmp_path / "broken")
    termbase = project / "terms" / "termbase.yaml"
    termbase.write_text(termbase.read_text("utf-8").replace("concepts:", "concepts: [", 1), "utf-8")
    result = glossary("build", "-d", "site", cwd=project)
    said = result.stderr.decode()
    assert result.returncode == 2
    assert "the build failed" in said and "terms/termbase.yaml:" in said
    assert "Traceback" not in said.split("mkdocs build exited")[0]
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == [], "no folder is left behind"


def test_one_language_at_a_time_writes_the_same_site(project, whole):
    """-j 1: for a machine whose memory holds one language's build at a time."""
    assert glossary("build", "-j", "0", cwd=project).returncode == 2
    result = glossary("build", "-j", "1", "-d", "site-one-at-a-time", cwd=project)
    assert result.returncode == 0, result.stderr.decode()
    assert tree(project / "site-one-at-a-time") == tree(whole), differences(whole, project / "site-one-at-a-time")


def test_one_language_needs_a_folder_and_a_language_of_the_site(project):
    result = glossary("build", "--language", "de", cwd=project)
    assert result.returncode == 2 and "say where the part goes with -d DIR" in result.stderr.decode()
    result = glossary("build", "--language", "fr", "-d", "part-fr", cwd=project)
    assert result.returncode == 2 and "--language fr: the site builds en, de, nl" in result.stderr.decode()
    assert not (project / "part-fr").exists()


def test_mkdocs_alone_builds_one_language_with_the_variable(project, tmp_path):
    """For CI systems without this command: the plugin reads GLOSSARY_LANGUAGE."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "nl")],
        cwd=project,
        env={**os.environ, "GLOSSARY_LANGUAGE": "nl"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "nl" / ".glossary-part.json").read_text())["language"] == "nl"
    assert (tmp_path / "nl" / "nl" / "index.html").is_file() and not (tmp_path / "nl" / "de").exists()
