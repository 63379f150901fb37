"""Build the SQLite index that `lookup` answers from (the slow path, run after an edit).

One row per written form of each term: the form itself, its plural from the
term base's grammar, and the Snowball stems of both in the term's language,
all case and accent folded. Concepts are stored whole, as JSON, for `show`;
terms with their language's collation key, for `list`.
"""
from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

import snowballstemmer

from . import cache
from .collation import for_language
from .linking import SNOWBALL
from .lookup import normal
from .model import Concept, TermBase


def concept_data(termbase: TermBase, concept: Concept) -> dict:
    """A concept as plain data: what `glossary show` prints and the site's JSON carries."""
    return {
        "id": concept.id,
        "subject": concept.subject,
        **{name: list(getattr(concept, name)) for name in ("broader", "narrower", "related", "homonyms")},
        "sources": [{k: v for k, v in termbase.sources[s]._asdict().items() if v is not None}
                    for s in concept.sources if s in termbase.sources],
        "languages": {
            lang: {
                "terms": [{("term" if k == "text" else k): v for k, v in t._asdict().items() if v not in (None, False)}
                          for t in section.terms],
                "definition": section.definition,
                "notes": list(section.notes),
                "examples": list(section.examples),
            }
            for lang, section in concept.langs.items()
        },
    }


def site_data(termbase: TermBase) -> dict:
    """The term base as the built site publishes it (glossary.json): the same data `show` prints."""
    return {
        "source_language": termbase.source_language,
        "languages": {code: lang.name for code, lang in termbase.languages.items()},
        "concepts": {cid: concept_data(termbase, c) for cid, c in termbase.concepts.items()},
    }


def build_index(termbase_path: str, target_path: str, identity: str, content: str) -> None:
    termbase = cache.load(termbase_path)
    target = Path(target_path)
    stemmers = {lang: SNOWBALL[lang.split("-")[0]] for lang in termbase.languages if lang.split("-")[0] in SNOWBALL}
    stem_of = {lang: snowballstemmer.stemmer(name) for lang, name in stemmers.items()}
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".lookup-", suffix=".sqlite")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript("""
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE forms(key TEXT, kind TEXT, concept TEXT, lang TEXT, term TEXT, status TEXT);
            CREATE TABLE concepts(id TEXT PRIMARY KEY, data TEXT);
            CREATE TABLE terms(lang TEXT, term TEXT, status TEXT, concept TEXT, sortkey BLOB);
        """)
        meta = {"identity": identity, "content": content, "source": termbase.source_language,
                "languages": json.dumps({code: lang.name for code, lang in termbase.languages.items()}),
                "stemmers": json.dumps(stemmers)}
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        forms, terms = [], []
        for concept in termbase.concepts.values():
            conn.execute("INSERT INTO concepts VALUES (?, ?)",
                         (concept.id, json.dumps(concept_data(termbase, concept), ensure_ascii=False)))
            for lang, section in concept.langs.items():
                stemmer = stem_of.get(lang)
                collation = for_language(lang)
                for term in section.terms:
                    row = (concept.id, lang, term.text, term.status)
                    forms.append((normal(term.text), "form", *row))
                    terms.append((lang, term.text, term.status, concept.id, collation.key(term.text)))
                    for written, kind in ((term.text, "stem"), (term.plural, "plural")):
                        if not written:
                            continue
                        if kind == "plural":
                            forms.append((normal(written), "plural", *row))
                        if stemmer is not None:
                            stem = " ".join(stemmer.stemWord(w) for w in normal(written).split())
                            forms.append((stem, "stem", *row))
        conn.executemany("INSERT INTO forms VALUES (?, ?, ?, ?, ?, ?)", forms)
        conn.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?)", terms)
        conn.execute("CREATE INDEX forms_key ON forms(key, kind)")
        conn.execute("CREATE INDEX terms_lang ON terms(lang, sortkey)")
        conn.commit()
        conn.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
