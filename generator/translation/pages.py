"""The hand-written pages and their translations: mkdocs-static-i18n's suffix convention, once.

`docs/guide.md` is the source-language page `guide`; `docs/guide.de.md` its
German version. Checks, status, reviews and the site's notices all name pages
and find their files through here, and record reviews under the same key
(`docs/guide.md`, the source file as the user sees it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PageSet:
    name: str  # path below docs/ without language suffix and extension, e.g. "guide/intro"
    files: dict[str, Path] = field(default_factory=dict)  # language -> file


def split_name(path: str, languages: list[str] | dict[str, object]) -> tuple[str, str | None]:
    """'guide/intro.de.md' -> ('guide/intro', 'de'); 'guide/intro.md' -> ('guide/intro', None).

    A suffix that is not one of the languages is part of the name ('v1.2.md' -> 'v1.2')."""
    name = path.replace("\\", "/")
    if name.endswith(".md"):
        name = name[: -len(".md")]
    stem, _, suffix = name.rpartition(".")
    return (stem, suffix) if stem and suffix in languages else (name, None)


class Pages:
    """The pages below one docs folder, shown to users as `display` (e.g. "docs")."""

    def __init__(self, docs: Path, languages: list[str], source: str, display: str = "docs"):
        self.docs = docs
        self.languages = list(languages)
        self.source = source
        self.display = display.rstrip("/") or "."

    def discover(self) -> list[PageSet]:
        pages: dict[str, PageSet] = {}
        if not self.docs.is_dir():
            return []
        for path in sorted(self.docs.rglob("*.md")):
            name, lang = split_name(path.relative_to(self.docs).as_posix(), self.languages)
            pages.setdefault(name, PageSet(name)).files.setdefault(lang or self.source, path)
        return list(pages.values())

    def shown(self, path: Path) -> str:
        """A page file as the user sees it, and as findings name it: docs/guide.de.md."""
        return f"{self.display}/{path.relative_to(self.docs).as_posix()}"

    def record_key(self, page: PageSet) -> str:
        """Under which name reviews of the page's translations are recorded: its source file."""
        return self.shown(page.files[self.source])

    def find(self, target: str) -> PageSet | None:
        """The page a user names: docs/guide.de.md, guide.md or guide."""
        name = target.replace("\\", "/")
        prefix = self.display + "/"
        if name.startswith(prefix):
            name = name[len(prefix) :]
        name, _ = split_name(name, self.languages)
        return next((page for page in self.discover() if page.name == name), None)
