"""Two builds of the same input give the same bytes (issue 9): no switch needed.

The builds differ in everything that must not matter: the project's folder,
the term base cache (cold, and warm with a warm stage), the hash seed, the
time zone and the clock, which runs 400 days and 13 hours ahead in the later
builds. A date or time that leaked into any file, sitemap.xml.gz's gzip
header included, would show here.
"""

from __future__ import annotations

import datetime
import difflib
import gzip
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import build, copy_project, tree

from generator.site import build_date

SHIFT = 400 * 86400 + 13 * 3600

# On PYTHONPATH, this runs every process of a build with its clock moved on by SHIFT seconds.
CLOCK = f"""
import datetime, time
_time, _time_ns = time.time, time.time_ns
time.time = lambda: _time() + {SHIFT}
time.time_ns = lambda: _time_ns() + {SHIFT} * 10**9


class _Later(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return super().now(tz) + datetime.timedelta(seconds={SHIFT})

    @classmethod
    def utcnow(cls):
        return super().utcnow() + datetime.timedelta(seconds={SHIFT})


datetime.datetime = _Later
"""


def differences(one: Path, two: Path) -> str:
    a, b = tree(one), tree(two)
    paths = sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))
    lines = [f"{len(paths)} of {len(a.keys() | b.keys())} files differ:"]
    for path in paths:
        if path not in a or path not in b:
            lines.append(f"  {path}: only in {one if path in a else two}")
            continue
        lines.append(f"  {path}")
        if len(lines) > 40:
            continue
        x, y = (one / path).read_bytes(), (two / path).read_bytes()
        if path.endswith(".gz"):
            lines.append(f"    gzip header {x[:10].hex()} vs {y[:10].hex()}")
            x, y = gzip.decompress(x), gzip.decompress(y)
        try:
            diff = difflib.unified_diff(x.decode().splitlines(), y.decode().splitlines(), lineterm="", n=0)
            lines += [f"    {line}" for line in list(diff)[2:8]]
        except UnicodeDecodeError:
            lines.append("    (binary)")
    return "\n".join(lines)


@pytest.mark.slow
def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(CLOCK, "utf-8")
    later = {"PYTHONPATH": str(clock), "TZ": "<+14>-14", "PYTHONHASHSEED": "2"}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import datetime, time; print(time.time(), datetime.datetime.now(datetime.timezone.utc).timestamp())",
        ],
        env={**os.environ, **later},
        capture_output=True,
        text=True,
    )
    now = time.time()
    assert [round((float(t) - now - SHIFT) / 60) for t in probe.stdout.split()] == [0, 0], (
        f"the clock did not move: {probe.stdout}{probe.stderr}"
    )

    one, two = (tmp_path / "one", tmp_path / "two")
    for project in (one, two):
        project.mkdir()
        copy_project(project)
    first = build(one, {"GLOSSARY_CACHE_DIR": str(tmp_path / "cache-one"), "TZ": "UTC0", "PYTHONHASHSEED": "1"})
    cold = build(two, {"GLOSSARY_CACHE_DIR": str(tmp_path / "cache-two"), **later})
    warm = build(one, {"GLOSSARY_CACHE_DIR": str(tmp_path / "cache-one"), **later}, site_dir="again")

    assert (first / "sitemap.xml.gz").is_file() and len(tree(first)) > 100
    assert tree(cold) == tree(first), "a cold build elsewhere, later: " + differences(first, cold)
    assert tree(warm) == tree(first), "a warm rebuild, later: " + differences(first, warm)

    # outside git, the date is that of the newest source file (copy_project keeps mtimes)
    sources = [
        one / "mkdocs.yml",
        *(one / "docs").rglob("*"),
        one / "terms" / "termbase.yaml",
        one / "terms" / "termbase.reviews.json",
        *(one / "terms" / "diagrams").rglob("*"),
    ]
    newest = max(f.stat().st_mtime for f in sources if f.is_file())
    day = datetime.datetime.fromtimestamp(int(newest), datetime.UTC).strftime("%Y-%m-%d")
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", (first / "sitemap.xml").read_text("utf-8"))) == {day}


def test_build_date_is_the_users_else_the_input_s(tmp_path, monkeypatch):
    source = tmp_path / "termbase.yaml"
    source.write_text("concepts: {}\n")
    os.utime(source, (86400 * 3, 86400 * 3))
    monkeypatch.setattr(build_date, "_pinned_epoch", None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    build_date.pin(tmp_path, [source, tmp_path / "docs"])
    assert os.environ["SOURCE_DATE_EPOCH"] == "86400", "the user's setting wins"

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    build_date.pin(tmp_path, [source, tmp_path / "docs"])
    assert os.environ["SOURCE_DATE_EPOCH"] == str(86400 * 3)
    os.utime(source, (86400 * 5, 86400 * 5))  # an edit while `mkdocs serve` runs
    build_date.pin(tmp_path, [source, tmp_path / "docs"])
    assert os.environ["SOURCE_DATE_EPOCH"] == str(86400 * 5)
