"""Write files whole or not at all: a temporary file beside the target, then a rename.

A crash, a full disk or an error half-way leaves the old file (or no file)
in place, never a truncated one. Every write of the product that replaces a
file goes through here: exports, imports, the review record, the caches and
the lookup index.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | os.PathLike[str], durable: bool = False) -> Iterator[Path]:
    """A temporary path to write the new file at; it replaces `path` when the block ends
    without an error, and is removed when it does not.

    `durable` flushes the new file to the disk first: for what people wrote or exported,
    not for caches that a crash only makes slower.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, _mode(target))  # mkstemp makes 0600; keep what the file had, or the usual
        yield tmp
        if durable:
            with tmp.open("rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes, durable: bool = True) -> None:
    with replacing(path, durable) as tmp:
        tmp.write_bytes(data)


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
