"""A fingerprint of the code behind a cache: its source files and the library versions it ran with.

A cache entry is keyed by its input and by this, so a changed module (renamed,
added, edited) or an upgraded library (simplemma's dictionaries, Snowball's
stemmers, ICU's collation) makes a new entry instead of serving an old one.
The files are found by walking the packages named, not from a list kept by
hand; the libraries are every distribution installed beside the project (a
superset of what it uses: installing anything costs one slow load, never a
stale answer), read from the names of their `.dist-info` folders.

Standard library only, no importlib.metadata, and memoized: `glossary lookup`
checks it on every run.
"""

from __future__ import annotations

import hashlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_memo: dict[tuple[str, ...], str] = {}


def fingerprint(*packages: str) -> str:
    """Hex digest over the files of the given subpackages of `generator` (e.g. "termbase"),
    the shared basics beside them, the term base schema, and the required libraries' versions."""
    if packages in _memo:
        return _memo[packages]
    digest = hashlib.sha256()
    files = [os.path.join(HERE, name) for name in sorted(os.listdir(HERE)) if name.endswith((".py", ".json"))]
    for package in packages:
        for folder, dirs, names in os.walk(os.path.join(HERE, package)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            files += [os.path.join(folder, n) for n in sorted(names) if n.endswith((".py", ".json", ".yaml"))]
    for path in files:
        digest.update(os.path.relpath(path, HERE).encode())
        with open(path, "rb") as handle:
            digest.update(handle.read())
    for name, version in library_versions():
        digest.update(f"{name}=={version}\n".encode())
    _memo[packages] = result = digest.hexdigest()
    return result


def library_versions() -> list[tuple[str, str]]:
    """(name, version) of every distribution installed on the import path, names normalized
    (lowercase, '-'): "simplemma-2.0.0.dist-info" gives ("simplemma", "2.0.0")."""
    found = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[: -len(".dist-info")].partition("-")
                found.add((project.lower().replace("_", "-").replace(".", "-"), version))
    return sorted(found)
