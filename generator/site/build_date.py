"""Date a build by its input rather than by the clock, so two builds of the same input are identical.

Engines date every page (the sitemap's <lastmod>, the mtime in the header of
sitemap.xml.gz) with the day of the build, or with SOURCE_DATE_EPOCH when that
is set. Setting it to the time of the project's last git commit (outside git:
of its newest source file) makes two builds of the same input identical, and
<lastmod> says when the content last changed. A user's own setting wins.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_pinned_epoch: str | None = None  # the SOURCE_DATE_EPOCH this module set, as opposed to the user's


def pin(project: Path, sources: list[Path]) -> None:
    global _pinned_epoch
    if os.environ.get("SOURCE_DATE_EPOCH", _pinned_epoch) != _pinned_epoch:
        return  # the user's own
    epoch = None
    try:
        git = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."], cwd=project, capture_output=True, text=True, timeout=30
        )
        epoch = int(git.stdout) if git.returncode == 0 and git.stdout.strip().isdigit() else None
    except (OSError, subprocess.SubprocessError):
        pass
    if epoch is None:
        files = [f for s in sources for f in ([s] if s.is_file() else s.rglob("*")) if f.is_file()]
        epoch = int(max(f.stat().st_mtime for f in files)) if files else None
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = _pinned_epoch = str(epoch)
