"""Where the caches live: `$GLOSSARY_CACHE_DIR`, or `.cache/glossary/` in the project.

Standard library only (`os.path`, not even pathlib), so that the quick
commands (lookup) find the cache at no import cost.
"""

from __future__ import annotations

import os


def cache_folder(project_dir: str | os.PathLike[str] | None = None) -> str:
    env = os.environ.get("GLOSSARY_CACHE_DIR")
    if env:
        return env
    return os.path.join(os.path.abspath(project_dir or "."), ".cache", "glossary")
