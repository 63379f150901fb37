"""A file as git has it at a revision, and the revisions that changed it: what `glossary
diff` compares and what the site's history of each entry is read from."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path


class RevisionError(ValueError):
    """git cannot give what was asked (no git, not a repository, an unknown revision)."""


def file_at(path: Path, rev: str | None) -> str | None:
    """The text of `path` at git revision `rev` (None: as it is on disk); None when the file
    does not exist there. Anything git refuses (not a repository, an unknown revision) is a
    RevisionError naming what to do."""
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


def revisions_of(path: Path, limit: int) -> list[tuple[str, datetime.datetime]]:
    """The last `limit` commits that changed `path`, oldest first: (revision, commit date).
    Empty when `path` is not in a git repository (a copy of a project, say)."""
    folder = path.resolve().parent
    try:
        log = _git(folder, "log", f"-n{limit}", "--format=%H %cI", "--", path.resolve().name)
    except RevisionError:
        return []
    found = []
    for line in log.splitlines():
        revision, _, date = line.partition(" ")
        found.append((revision, datetime.datetime.fromisoformat(date)))
    return found[::-1]


def _git(folder: Path, *args: str, what: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)
    except FileNotFoundError:
        raise RevisionError("git is not installed: install it to compare revisions") from None
    if done.returncode != 0:
        reason = what or (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise RevisionError(f"{folder}: {reason}: only revisions of a git repository can be compared")
    return done.stdout
