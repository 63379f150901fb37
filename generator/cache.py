"""A content-keyed cache of loaded term bases, so repeated commands start at once.

The key is a hash of the file's bytes and of the code that reads it, so an
edit to either makes a new entry: the cache can be old, never stale. It lives
outside `terms/` and `docs/` (by default `.cache/glossary/` beside the project,
or `$GLOSSARY_CACHE_DIR`) and losing it costs one slow load.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

from . import loader
from .cachedir import cache_dir
from .model import TermBase

KEEP = 4
T = TypeVar("T")


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("model.py", "loader.py", "yamlsafe.py", "termbase.schema.json", "linking.py"):
        digest.update((here / name).read_bytes())
    return digest.digest()


def load(path: str | Path, project_dir: str | Path | None = None, display: str | None = None) -> TermBase:
    """Load a term base through the cache; errors are never cached.

    `display` is how messages name the file (by default, as given).
    """
    path = Path(path)
    display = display or str(path)
    raw = loader.read_bytes(path)
    key = hashlib.sha256(_code_fingerprint() + raw).hexdigest()[:32]
    folder = cache_dir(project_dir)
    entry = folder / f"termbase-{key}.pickle"
    termbase = _read(entry)
    if termbase is None:
        termbase = loader.load_text(loader.decode(raw, display), display)
        _store(folder, entry, termbase)
    termbase.path = display
    termbase.cache_key, termbase.cache_folder = key, str(folder)
    return termbase


def derived(termbase: TermBase, name: str, build: Callable[[], T]) -> T:
    """Something computed from a term base alone (a lookup index, say), cached under the same key.

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
        with entry.open("rb") as handle, loader.paused_gc():
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError, ImportError):
        return None


def _store(folder: Path, entry: Path, value: Any) -> None:
    """Write atomically and keep only the newest entries of a kind; a failure only costs speed."""
    kind = entry.name.rsplit("-", 1)[0]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
