"""Where the caches live: `$GLOSSARY_CACHE_DIR`, or `.cache/glossary/` in the project.

A module of its own, using only `os.path`, so that the quick commands
(lookup) find the cache without importing the loader or even pathlib.
"""
from __future__ import annotations

import os


def cache_folder(project_dir: str | os.PathLike[str] | None = None) -> str:
    env = os.environ.get("GLOSSARY_CACHE_DIR")
    if env:
        return env
    return os.path.join(os.path.abspath(project_dir or "."), ".cache", "glossary")


def cache_dir(project_dir: str | os.PathLike[str] | None = None):
    from pathlib import Path

    return Path(cache_folder(project_dir))
