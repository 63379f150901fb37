"""A build folder that holds the hand-written pages and the generated ones side by side.

Files are only rewritten when their content changed, so `mkdocs serve`, which
watches this folder too, settles after one rebuild; files that disappeared from
`docs/` or from the term base disappear here as well.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .pages import Page


class Stage:
    def __init__(self, source_docs: Path, root: Path, default_lang: str):
        self.source = source_docs
        self.root = root.resolve()
        self.default_lang = default_lang
        self.generated: set[str] = set()  # the generated pages staged by the last sync
        self.hand_written: set[str] = set()  # the files of docs/ staged last
        self.shadowed: set[str] = set()  # generated pages a hand-written file replaces
        if self.root == self.source or self.source in self.root.parents:
            raise ValueError(f"the stage folder {self.root} must not be inside {self.source}")

    def filename(self, page: Page) -> str:
        """mkdocs-static-i18n's suffix layout: page.md for the default language, page.<lang>.md otherwise."""
        suffix = "" if page.lang == self.default_lang else f".{page.lang}"
        return f"{page.path}{suffix}.md"

    def sync(self, pages: Iterable[Page]) -> list[str]:
        """Stage docs/ and the generated pages; return hand-written files that shadow generated ones."""
        self.root.mkdir(parents=True, exist_ok=True)
        hand_written = self._copy_docs()
        self.shadowed = set()
        conflicts = []
        self.generated = set()
        for page in pages:
            rel = self.filename(page)
            if rel in hand_written:
                conflicts.append(rel)
                self.shadowed.add(rel)
                continue
            self.generated.add(rel)
            self._write(self.root / rel, page.content.encode("utf-8"))
        self._remove_all_but(hand_written | self.generated)
        return conflicts

    def sync_docs(self) -> bool:
        """Stage docs/ again, the generated pages as they are (live preview). False when that
        cannot be: a hand-written page now takes or gives back a generated page's place."""
        before = self.hand_written
        now = {src.relative_to(self.source).as_posix() for src in self._walk(self.source)}
        if (before ^ now) & (self.generated | self.shadowed):
            return False
        for gone in before - self._copy_docs():
            (self.root / gone).unlink(missing_ok=True)
        return True

    def update(self, pages: Iterable[Page]) -> None:
        """Write these generated pages again, every other file as it is (live preview: an edit's pages)."""
        for page in pages:
            rel = self.filename(page)
            if rel in self.generated and rel not in self.hand_written:
                self._write(self.root / rel, page.content.encode("utf-8"))

    def _copy_docs(self) -> set[str]:
        copied = set()
        for src in self._walk(self.source):
            rel = src.relative_to(self.source).as_posix()
            copied.add(rel)
            self._write(self.root / rel, src.read_bytes())
        self.hand_written = copied
        return copied

    def _remove_all_but(self, wanted: set[str]) -> None:
        for path in sorted(self._walk(self.root), reverse=True):
            if path.relative_to(self.root).as_posix() not in wanted:
                path.unlink()
        for folder in sorted((p for p in self.root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()

    @staticmethod
    def _walk(folder: Path) -> Iterable[Path]:
        if not folder.is_dir():
            return
        for dirpath, _dirs, files in os.walk(folder):
            for name in files:
                yield Path(dirpath) / name

    @staticmethod
    def _write(dest: Path, data: bytes) -> None:
        """Compare content, not size and mtime: an edit that keeps both (a checkout, `cp -p`,
        tools that normalise mtimes) must still reach the build."""
        try:
            if dest.read_bytes() == data:
                return
        except FileNotFoundError:
            dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
