"""Build the SQLite index that `lookup` answers from (the slow path, run after an edit).

One row per written form of each term: the form itself, its plural from the
term base's grammar, and the Snowball stems of both in the term's language,
all case and accent folded. Concepts are stored whole, as JSON, for `show`;
terms with their language's collation key, for `list`.
"""

from __future__ import annotations

import json
import sqlite3

import snowballstemmer

from .. import atomic
from ..language.collation import for_language
from ..language.matching import SNOWBALL
from ..termbase import loader
from ..termbase.data import concept_data
from .keys import normal


def build_index(termbase_path: str, target_path: str, identity: str, content: str) -> None:
    termbase = loader.load_cached(termbase_path)
    stemmers = {lang: SNOWBALL[lang.split("-")[0]] for lang in termbase.languages if lang.split("-")[0] in SNOWBALL}
    stem_of = {lang: snowballstemmer.stemmer(name) for lang, name in stemmers.items()}
    with atomic.replacing(target_path) as tmp:
        conn = sqlite3.connect(tmp)
        conn.executescript("""
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE forms(key TEXT, kind TEXT, concept TEXT, lang TEXT, term TEXT, status TEXT);
            CREATE TABLE concepts(id TEXT PRIMARY KEY, data TEXT);
            CREATE TABLE terms(lang TEXT, term TEXT, status TEXT, concept TEXT, sortkey BLOB);
        """)
        meta = {
            "identity": identity,
            "content": content,
            "source": termbase.source_language,
            "languages": json.dumps({code: lang.name for code, lang in termbase.languages.items()}),
            "stemmers": json.dumps(stemmers),
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        forms, terms = [], []
        for concept in termbase.concepts.values():
            conn.execute(
                "INSERT INTO concepts VALUES (?, ?)",
                (concept.id, json.dumps(concept_data(termbase, concept), ensure_ascii=False)),
            )
            for lang, section in concept.langs.items():
                stemmer = stem_of.get(lang)
                collation = for_language(lang)
                for term in section.terms:
                    row = (concept.id, lang, term.text, term.status)
                    forms.append((normal(term.text), "form", *row))
                    terms.append((lang, term.text, term.status, concept.id, collation.key(term.text)))
                    for written, kind in ((term.text, "stem"), (term.plural_form, "plural")):
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
