"""Offline lookup: any form of a word in, the concept in every language out.

Built for a translator's hot path, so this module imports nothing heavy
(standard library only): answers come from a small SQLite index beside the
term base cache. The index is keyed by the term base's content: a file's
identity (size, times, inode), which every write changes, is checked first;
when it differs the content hash is compared, and the index is rebuilt (by
`index`, which needs the full loader) only if the content really changed. It
is never stale.

Match kinds, tried in this order: exact (any status: admitted and deprecated
terms lead to their concept, marked as such), case and accent insensitive,
inflected (plurals from the grammar, Snowball stems of each language), and
finally fuzzy ("did you mean ...").
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import unicodedata
from typing import Any

from .keys import code_version, normal

# No dataclasses or pathlib here: their imports alone would cost a third of a lookup.


def identity(path: str) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}:{code_version()}"


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(code_version().encode() + raw).hexdigest()[:32]


def index_path(termbase: str, cache_dir: str) -> str:
    """One index per term base file (by its absolute path); its content is checked on every open."""
    name = hashlib.sha256(os.path.realpath(termbase).encode()).hexdigest()[:16]
    return os.path.join(cache_dir, f"lookup-{name}.sqlite")


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def open_index(termbase: str, cache_dir: str) -> sqlite3.Connection:
    """The lookup index of a term base, rebuilt first if the term base changed."""
    path = index_path(termbase, cache_dir)
    ident = identity(termbase)  # raises FileNotFoundError for a missing term base
    if os.path.exists(path):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            if meta.get("identity") == ident:
                return conn
            raw = _read(termbase)
            if meta.get("content") == content_hash(raw):
                conn.close()
                _touch_identity(path, ident)
                return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.DatabaseError:
            pass
        conn.close()
    from .index import build_index  # the slow path: load the term base, write a new index

    build_index(termbase, path, ident, content_hash(_read(termbase)))
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _touch_identity(path: str, ident: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'identity'", (ident,))


class Match:
    __slots__ = ("concept", "kind", "lang", "score", "status", "term")

    def __init__(self, concept: str, term: str, lang: str, kind: str, status: str, score: float = 100.0):
        self.concept, self.term, self.lang, self.status, self.score = concept, term, lang, status, score
        self.kind = kind  # exact | normalized | inflected | fuzzy


class Answer:
    def __init__(self, query: str):
        self.query = query
        self.matches: list[Match] = []
        self.suggestions: list[Match] = []


def lookup(conn: sqlite3.Connection, query: str) -> Answer:
    query = unicodedata.normalize("NFC", query.strip())
    answer = Answer(query)
    if not query:
        return answer
    key = normal(query)
    rows = conn.execute(
        "SELECT concept, term, lang, status FROM forms WHERE key = ? AND kind = 'form'", (key,)
    ).fetchall()
    exact = [r for r in rows if r[1] == query]
    if exact:
        answer.matches = _one_per_concept(Match(c, t, l, "exact", s) for c, t, l, s in exact)
        return answer
    if rows:
        answer.matches = _one_per_concept(Match(c, t, l, "normalized", s) for c, t, l, s in rows)
        return answer
    inflected = conn.execute(
        "SELECT concept, term, lang, status FROM forms WHERE key = ? AND kind = 'plural'", (key,)
    ).fetchall()
    stems = _stems(conn, key)
    for lang, stem in stems.items():
        inflected += conn.execute(
            "SELECT concept, term, lang, status FROM forms WHERE key = ? AND kind = 'stem' AND lang = ?", (stem, lang)
        ).fetchall()
    if inflected:
        answer.matches = _one_per_concept(Match(c, t, l, "inflected", s) for c, t, l, s in inflected)
        return answer
    answer.suggestions = _fuzzy(conn, key)
    return answer


def _one_per_concept(matches) -> list[Match]:
    """A concept once, by its best-ranked term (preferred before admitted before deprecated)."""
    order = {"preferred": 0, "admitted": 1, "deprecated": 2}
    best: dict[str, Match] = {}
    for match in sorted(matches, key=lambda m: (order.get(m.status, 3), m.lang, m.term)):
        best.setdefault(match.concept, match)
    return list(best.values())


def _stems(conn: sqlite3.Connection, key: str) -> dict[str, str]:
    import snowballstemmer

    names = json.loads(dict(conn.execute("SELECT key, value FROM meta"))["stemmers"])
    stems = {}
    for lang, name in names.items():
        stemmer = snowballstemmer.stemmer(name)
        stems[lang] = " ".join(stemmer.stemWord(word) for word in key.split())
    return stems


def _fuzzy(conn: sqlite3.Connection, key: str, limit: int = 5) -> list[Match]:
    """Terms spelt like the query, likeliest first: Jaro-Winkler similarity, which weighs a
    shared beginning and forgives swapped letters (costumer: customer before consumer)."""
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler

    rows = conn.execute("SELECT key, concept, term, lang, status FROM forms WHERE kind = 'form'").fetchall()
    found = process.extract(
        key, [r[0] for r in rows], scorer=JaroWinkler.normalized_similarity, limit=limit * 4, score_cutoff=0.85
    )
    suggestions, seen = [], set()
    for _choice, score, i in sorted(found, key=lambda f: (-f[1], rows[f[2]][2], rows[f[2]][1])):
        _, concept, term, lang, status = rows[i]
        if (concept, term) not in seen:
            seen.add((concept, term))
            suggestions.append(Match(concept, term, lang, "fuzzy", status, round(100 * score, 1)))
    return suggestions[:limit]


def concept(conn: sqlite3.Connection, concept_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT data FROM concepts WHERE id = ?", (concept_id,)).fetchone()
    return json.loads(row[0]) if row else None


def concept_ids(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM concepts")]


def languages(conn: sqlite3.Connection) -> dict[str, str]:
    return json.loads(dict(conn.execute("SELECT key, value FROM meta"))["languages"])


def source_language(conn: sqlite3.Connection) -> str:
    return dict(conn.execute("SELECT key, value FROM meta"))["source"]


def terms_of(conn: sqlite3.Connection, lang: str) -> list[tuple[str, str, str]]:
    """(term, status, concept) of every term of a language, in that language's alphabetical order."""
    return conn.execute(
        "SELECT term, status, concept FROM terms WHERE lang = ? ORDER BY sortkey, concept", (lang,)
    ).fetchall()
