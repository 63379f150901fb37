"""Which source text each translation was last reviewed against (MediaWiki Translate's "outdated").

A translation records a short hash of its source: for a concept, the
normalized source-language terms and definition; for a page, its normalized
text. When the source changes, the hash no longer matches and the translation
is outdated until a translator reviews it (`glossary review`). The record is a
separate machine-owned JSON file beside the term base, so no hand-written byte
of the term base is ever rewritten.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from ..errors import ReviewFileError
from ..termbase.model import LangSection, TermBase
from .pages import Pages

HASH_CHARS = 16


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def concept_hash(source: LangSection) -> str:
    """What a concept's translation depends on: the source terms (with status) and definition."""
    parts = [f"{t.text}|{t.status}" for t in source.terms]
    parts.append(source.definition or "")
    return _digest("\n".join(_normal(p) for p in parts))


def page_hash(text: str) -> str:
    """A page's text, ignoring trailing spaces, line-end style and runs of blank lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return _digest(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())


def record_path(termbase_path: str | Path) -> Path:
    path = Path(termbase_path)
    return path.with_name(f"{path.stem}.reviews.json")


@dataclass
class Reviews:
    path: Path
    concepts: dict[str, dict[str, str]] = field(default_factory=dict)
    pages: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Reviews:
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as exc:
            raise ReviewFileError(
                f"{path}:1:1: cannot read the review record ({exc}): "
                "restore it from version control or delete it to start over"
            ) from None
        return cls(path, dict(data.get("concepts", {})), dict(data.get("pages", {})))

    def save(self) -> None:
        """Write atomically, in a stable order, so the file diffs cleanly and never half-exists."""
        data = {"concepts": _sorted(self.concepts), "pages": _sorted(self.pages)}
        text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        atomic.write_bytes(self.path, text.encode("utf-8"))


def _sorted(table: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    return {key: dict(sorted(value.items())) for key, value in sorted(table.items()) if value}


class ReviewTargetError(ValueError):
    """A review was asked for something that is neither a concept nor a page."""


def record(reviews: Reviews, termbase: TermBase, pages: Pages, targets: list[str], langs: list[str]) -> list[str]:
    """Record that the translations into `langs` of each target (a concept id or a page) match
    the current source; return what was recorded, as "target (lang)". Nothing is saved here."""
    source = termbase.source_language
    recorded = []
    for target in targets:
        if target in termbase.concepts:
            concept = termbase.concepts[target]
            original = concept.langs.get(source)
            if original is None:
                raise ReviewTargetError(f"{target}: has no {source} section to review against")
            for lang in langs:
                if lang in concept.langs:
                    reviews.concepts.setdefault(target, {})[lang] = concept_hash(original)
                    recorded.append(f"{target} ({lang})")
            continue
        page = pages.find(target)
        if page is None or source not in page.files:
            close = difflib.get_close_matches(target, list(termbase.concepts), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "give a concept id or a page such as docs/index.md"
            raise ReviewTargetError(f"{target}: no such concept or page: {hint}")
        key = pages.record_key(page)
        current = page_hash(page.files[source].read_text("utf-8"))
        for lang in langs:
            if lang in page.files:
                reviews.pages.setdefault(key, {})[lang] = current
                recorded.append(f"{key} ({lang})")
    return recorded


def everything(termbase: TermBase, pages: Pages) -> list[str]:
    """Every concept and every page with a source-language file: what `review --all` records."""
    return list(termbase.concepts) + [pages.record_key(page) for page in pages.discover() if pages.source in page.files]
