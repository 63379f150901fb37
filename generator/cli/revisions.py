"""A file as git has it at a revision, for `glossary diff`: the command line's one use of git."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .common import UsageError


def file_at(path: Path, rev: str | None) -> str | None:
    """The text of `path` at git revision `rev` (None: as it is on disk); None when the file
    does not exist there. Anything git refuses (not a repository, an unknown revision) is a
    UsageError naming what to do."""
    if rev is None:
        return path.read_text("utf-8") if path.is_file() else None
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel").strip()
    relative = path.resolve().relative_to(Path(top)).as_posix()
    _git(folder, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", what=f"unknown revision '{rev}'")
    shown = subprocess.run(["git", "show", f"{rev}:{relative}"], cwd=folder, capture_output=True)
    if shown.returncode != 0:
        return None  # the file did not exist at that revision
    return shown.stdout.decode("utf-8")


def _git(folder: Path, *args: str, what: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)
    except FileNotFoundError:
        raise UsageError("glossary diff needs git: install it, or compare two files with another tool") from None
    if done.returncode != 0:
        reason = what or (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise UsageError(f"{folder}: {reason}: glossary diff compares revisions of a git repository")
    return done.stdout
