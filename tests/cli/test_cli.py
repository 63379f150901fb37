"""`glossary validate`: exit codes and messages as a user sees them, in a real process."""

from __future__ import annotations

import subprocess
import sys

from conftest import HEADER, MINI, ROOT, write


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_validate_sound_term_base_exits_0():
    result = run("validate", "--termbase", str(MINI))
    assert result.returncode == 0, result.stderr
    assert "6 concepts in en, de, nl" in result.stdout


def test_validate_default_path_is_the_project_term_base():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("terms/termbase.yaml:")


def test_validate_bad_term_base_exits_2_with_positions_and_no_traceback(tmp_path):
    path = write(
        tmp_path, "tb.yaml", HEADER + "  customer:\n    colour: red\n    en:\n      terms: [{term: x, status: nope}]\n"
    )
    result = run("validate", "--termbase", str(path))
    assert result.returncode == 2
    assert f"{path}:8:5: unknown field 'colour'" in result.stderr
    assert f"{path}:10:33: 'nope' is not allowed" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_validate_missing_file_exits_2():
    result = run("validate", "--termbase", "no/such/file.yaml")
    assert result.returncode == 2
    assert "no/such/file.yaml:1:1: file not found" in result.stderr


def test_misuse_exits_2():
    assert run().returncode == 2
    assert run("validate", "--no-such-option").returncode == 2
