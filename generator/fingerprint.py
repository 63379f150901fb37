"""A fingerprint of the code behind a cache: its source files and the library versions it ran with.

A cache entry is keyed by its input and by this, so a changed module (renamed,
added, edited) or an upgraded library (simplemma's dictionaries, Snowball's
stemmers, ICU's collation) makes a new entry instead of serving an old one.
The files are found by walking the packages named, not from a list kept by
hand; the libraries are every distribution this project requires.

Standard library only and memoized: `glossary lookup` checks it on every run.
"""

from __future__ import annotations

import hashlib
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DISTRIBUTION = "glossary-generator"
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
    """(name, version) of every library this project requires, as installed; none when the
    project itself is not installed (its code is then fingerprinted all the same)."""
    from importlib import metadata

    try:
        required = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return []
    found = []
    for requirement in required:
        if "extra ==" in requirement:
            continue
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        if name is None:
            continue
        try:
            found.append((name.group(), metadata.version(name.group())))
        except metadata.PackageNotFoundError:
            found.append((name.group(), "missing"))
    return sorted(found)
