"""What a term base must mean, beyond what its schema can say.

Declared languages and sources, relations that point at concepts, one
preferred term per language, no term twice, ids the site and every disk can
use. Written defensively: the rules also run on data that failed the schema,
so that one load reports every problem at once.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from . import ids
from .model import RELATIONS, nfc
from .schema import Finding

LANG_KEY = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
CONCEPT_FIELDS = frozenset(("broader", "narrower", "related", "homonyms", "sources", "subject", "diagrams"))


def findings(data: dict[str, Any]) -> list[Finding]:
    found: list[Finding] = []
    languages = _mapping(data.get("languages"))
    declared = ", ".join(map(str, languages))
    source_language = data.get("source_language")
    if languages and isinstance(source_language, str) and source_language not in languages:
        found.append(
            (
                ("source_language",),
                False,
                f"source language '{source_language}' is not declared under 'languages' ({declared})",
            )
        )
    for code in _mapping(data.get("title")):
        if languages and code not in languages:
            found.append(
                (("title", code), True, f"unknown language '{code}': declare it under 'languages' ({declared})")
            )
    sources = _mapping(data.get("sources"))
    concepts = _mapping(data.get("concepts"))
    concept_ids = [str(i) for i in concepts]
    for cid, concept in concepts.items():
        why = ids.unusable(cid) if isinstance(cid, str) else None
        if why:
            found.append(
                (
                    ("concepts", cid),
                    True,
                    f"'{cid}' cannot be a concept id: {why}; choose another id, e.g. '{cid}-term'",
                )
            )
        concept = _mapping(concept)
        for key, section in concept.items():
            if not isinstance(key, str) or not LANG_KEY.match(key) or key in CONCEPT_FIELDS:
                continue
            if languages and key not in languages:
                found.append(
                    (
                        ("concepts", cid, key),
                        True,
                        f"unknown language '{key}' in concept '{cid}': declare it under 'languages' "
                        f"({declared}) or correct the code",
                    )
                )
                continue
            found.extend(_terms(cid, key, _mapping(section).get("terms")))
        for relation in (*RELATIONS, "homonyms"):
            for i, target in enumerate(_list(concept.get(relation))):
                if not isinstance(target, str):
                    continue
                if target == cid:
                    found.append(
                        (
                            ("concepts", cid, relation, i),
                            False,
                            f"concept '{cid}' lists itself under '{relation}': remove it",
                        )
                    )
                elif target not in concepts:
                    close = difflib.get_close_matches(target, concept_ids, n=1)
                    hint = f"did you mean '{close[0]}'?" if close else "add the concept or remove the reference"
                    found.append(
                        (
                            ("concepts", cid, relation, i),
                            False,
                            f"'{target}' under '{relation}' of concept '{cid}' is not a concept: {hint}",
                        )
                    )
        for i, sid in enumerate(_list(concept.get("sources"))):
            if isinstance(sid, str) and sid not in sources:
                close = difflib.get_close_matches(sid, [str(s) for s in sources], n=1)
                hint = f"did you mean '{close[0]}'?" if close else "declare it under the top-level 'sources'"
                found.append(
                    (
                        ("concepts", cid, "sources", i),
                        False,
                        f"source '{sid}' of concept '{cid}' is not declared: {hint}",
                    )
                )
    return found


def _terms(cid: Any, lang: str, terms: Any) -> list[Finding]:
    """One preferred term, and no term twice (in either Unicode normal form)."""
    found: list[Finding] = []
    listed = terms if isinstance(terms, list) else []
    preferred = [i for i, t in enumerate(listed) if isinstance(t, dict) and t.get("status") == "preferred"]
    for extra in preferred[1:]:
        found.append(
            (
                ("concepts", cid, lang, "terms", extra, "status"),
                False,
                f"concept '{cid}' has more than one preferred term in '{lang}': keep one preferred "
                "and mark the others admitted or deprecated",
            )
        )
    first: dict[str, int] = {}
    for i, t in enumerate(listed):
        text = nfc(t["term"]) if isinstance(t, dict) and isinstance(t.get("term"), str) else None
        spacing = _spacing(text) if text else None
        if spacing is not None:
            # a term is looked up, matched and linked as written: "customer " is not "customer"
            found.append((("concepts", cid, lang, "terms", i, "term"), False, spacing))
        if text is not None and first.setdefault(text, i) != i:
            found.append(
                (
                    ("concepts", cid, lang, "terms", i, "term"),
                    False,
                    f"concept '{cid}' lists '{text}' twice in '{lang}' (first as term {first[text] + 1}): remove the repeat",
                )
            )
    return found


def _spacing(text: str) -> str | None:
    """What is wrong with the spaces of a term, and what to write instead."""
    if text == text.strip() and not re.search(r"\s\s", text):
        return None  # a single no-break space inside a term (10 %, § 1) is the writer's choice
    tidy = " ".join(text.split())
    if text != text.strip():
        where = (
            "begins and ends"
            if text[0].isspace() and text[-1].isspace()
            else ("begins" if text[0].isspace() else "ends")
        )
        return f"the term “{text}” {where} with a space: write “{tidy}” (a lookup or a link compares terms as written)"
    return f"the term “{text}” has more than one space between its words: write “{tidy}”"


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
