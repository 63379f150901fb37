"""Alphabetical order and letter sections by each language's own rules.

ICU knows them (German files Ä under A, Swedish puts Å after Z), so adding a
language to the term base needs no code here.
"""

from __future__ import annotations

from functools import cache

import icu

OTHER = "#"


class Collation:
    def __init__(self, lang: str):
        locale = icu.Locale(lang.replace("-", "_"))
        self._collator = icu.Collator.createInstance(locale)
        self._index = icu.AlphabeticIndex(locale).buildImmutableIndex()

    def key(self, text: str) -> bytes:
        return self._collator.getSortKey(text)

    def letter(self, text: str) -> tuple[int, str]:
        """The letter section of a word: its position and label ('#' for digits and other scripts)."""
        position = self._index.getBucketIndex(text)
        label, kind = self._index.getBucket(position)
        return position, (label if kind == 0 else OTHER)


@cache
def for_language(lang: str) -> Collation:
    return Collation(lang)
