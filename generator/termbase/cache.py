"""A content-keyed cache of loaded term bases and of what is computed from them alone.

The key is a hash of the file's bytes and of the code that reads it (every
module of the term base and language packages, and the versions of the
libraries they use; see `generator.fingerprint`), so an edit to any of them
makes a new entry: the cache can be old, never stale. It lives outside
`terms/` and `docs/` (by default `.cache/glossary/` beside the project, or
`$GLOSSARY_CACHE_DIR`) and losing it costs one slow load.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .. import atomic
from ..fingerprint import fingerprint
from ..paths import cache_folder
from .model import TermBase, paused_gc

KEEP = 4
T = TypeVar("T")
# What a cached term base and its term indexes depend on: the code of these packages.
PRODUCERS = ("termbase", "language")


def load(raw: bytes, project_dir: str | Path | None, display: str, build: Callable[[], TermBase]) -> TermBase:
    """The term base for these bytes: from the cache, or built and stored. Errors are never cached."""
    key = hashlib.sha256(fingerprint(*PRODUCERS).encode() + raw).hexdigest()[:32]
    folder = Path(cache_folder(project_dir))
    entry = folder / f"termbase-{key}.pickle"
    termbase = _read(entry)
    if termbase is None:
        termbase = build()
        _store(folder, entry, termbase)
    termbase.path = display
    termbase.cache_key, termbase.cache_folder = key, str(folder)
    return termbase


def derived(termbase: TermBase, name: str, build: Callable[[], T]) -> T:
    """Something computed from a term base alone (a term index, say), cached under the same key.

    A term base that did not come through the cache gets a fresh build.
    """
    if termbase.cache_key is None or termbase.cache_folder is None:
        return build()
    folder = Path(termbase.cache_folder)
    entry = folder / f"{name}-{termbase.cache_key}.pickle"
    value = _read(entry)
    if value is None:
        value = build()
        _store(folder, entry, value)
    return value


def _read(entry: Path) -> Any:
    try:
        with entry.open("rb") as handle, paused_gc():
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError):
        return None


def _store(folder: Path, entry: Path, value: Any) -> None:
    """Write atomically and keep only the newest entries of a kind; a failure only costs speed."""
    kind = entry.name.rsplit("-", 1)[0]
    try:
        atomic.write_bytes(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
