"""Nothing a person wrote is lost: commands write whole files or leave the old one (issue 9)."""

from __future__ import annotations

import errno
import os
import stat

import pytest
from conftest import OFFICIAL, glossary, write

from generator import atomic


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_write_that_fails_at_the_end_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = write(tmp_path, "reviews.json", '{"mine": true}\n')

    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        atomic.write_bytes(target, b'{"half": ')
    assert target.read_text("utf-8") == '{"mine": true}\n'
    assert leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual(tmp_path):
    target = write(tmp_path, "shared.tbx", "old")
    target.chmod(0o640)
    atomic.write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"
    umask = os.umask(0o022)
    os.umask(umask)
    fresh = tmp_path / "fresh.csv"
    atomic.write_bytes(fresh, b"x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not mkstemp's private 0600


def test_export_from_a_broken_term_base_leaves_the_last_export_as_it_was(tmp_path):
    broken = write(tmp_path, "termbase.yaml", "source_language: en\nlanguages: {en: {name: English}}\nconcepts: [\n")
    out = write(tmp_path, "glossary.tbx", "<last good export/>\n")
    result = glossary("export", "--termbase", str(broken), "--format", "tbx", "-o", str(out))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert out.read_text("utf-8") == "<last good export/>\n"
    assert leftovers(tmp_path) == []


def test_a_forced_import_of_a_bad_file_leaves_the_existing_term_base_alone(tmp_path):
    mine = write(tmp_path, "termbase.yaml", "# my comments and layout\nsource_language: en\n")
    bad = write(tmp_path, "bad.tbx", OFFICIAL.read_text("utf-8")[:700])
    result = glossary("import", str(bad), "-o", str(mine), "--force")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert mine.read_text("utf-8") == "# my comments and layout\nsource_language: en\n"
    assert leftovers(tmp_path) == []
