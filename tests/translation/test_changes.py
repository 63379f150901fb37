"""glossary diff: what a change to the term base changes, between two commits of a git
repository made here, in every output format."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from checks.test_check import BASE

from generator.translation.changes import word_diff

AFTER = (
    BASE.replace("definition: Party that receives services.", "definition: Party that agrees and receives services.")
    .replace("        - {term: Klient, status: deprecated}\n", "")
    .replace("        - {term: Auftraggeber, status: admitted}", "        - {term: Auftraggeber, status: deprecated}")
    .replace("  end-customer:", "  final-customer:")
    .replace("narrower: [end-customer]", "narrower: [final-customer]")
)


def git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture()
def repository(tmp_path):
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "Test")
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "termbase.yaml").write_text(BASE, "utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first")
    (terms / "termbase.yaml").write_text(AFTER, "utf-8")
    git(tmp_path, "commit", "-q", "-am", "second")
    return tmp_path


def diff(folder, *args):
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "diff", *args], cwd=folder, capture_output=True, text=True
    )


def test_diff_between_two_commits_as_text(repository):
    result = diff(repository, "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "changed customer  (customer)"
    assert "  narrower: +final-customer, -end-customer" in lines
    assert "  en definition: Party that {+agrees and +}receives services." in lines
    assert "  de: - Klient (deprecated)" in lines and "  de: Auftraggeber: admitted → deprecated" in lines
    assert "  de: translation now outdated (review it: glossary review customer --lang de)" in lines
    assert "renamed end-customer → final-customer  (end customer)" in lines
    assert lines[-1] == "1 renamed, 1 changed, 2 outdated translations"


def test_diff_as_json_and_markdown(repository):
    data = json.loads(diff(repository, "HEAD~1", "HEAD", "--format", "json").stdout)
    customer = next(c for c in data["concepts"] if c["id"] == "customer")
    assert customer["languages"]["de"]["status_changed"] == [
        {"term": "Auftraggeber", "before": "admitted", "after": "deprecated"}
    ]
    assert ["+", "agrees and "] in customer["languages"]["en"]["texts"]["definition"]["words"]
    assert data["summary"]["renamed"] == 1
    markdown = diff(repository, "HEAD~1", "HEAD", "--format", "markdown").stdout
    assert "<details><summary>customer: changed `customer`</summary>" in markdown
    assert "| | en | de | nl |" in markdown
    assert "Party that <ins>agrees and </ins>receives services." in markdown
    assert "| terms |  | − ~~Klient~~ (deprecated)<br>Auftraggeber: admitted → **deprecated** |  |" in markdown


def test_diff_against_the_working_tree_and_bad_revisions(repository):
    (repository / "terms" / "termbase.yaml").write_text(
        AFTER.replace("Customer of a customer.", "Customer of a direct customer."), "utf-8"
    )
    result = diff(repository)
    assert result.stdout.splitlines()[:2] == [
        "changed final-customer  (end customer)",
        "  en definition: Customer of a {+direct +}customer.",
    ]
    bad = diff(repository, "nosuchrev")
    assert bad.returncode == 2 and "unknown revision 'nosuchrev'" in bad.stderr and "Traceback" not in bad.stderr


def test_word_diff_keeps_what_is_unchanged():
    assert word_diff("a b c", "a x c") == [("=", "a "), ("-", "b "), ("+", "x "), ("=", "c")]
