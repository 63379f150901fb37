"""`glossary lookup`, `show` and `list`: offline answers from the lookup index.

Started often, by people at a terminal and by editors: nothing heavy is
imported until a command needs it, and the index answers without loading the
term base (see `generator.lookup.query`).
"""

from __future__ import annotations

import argparse

from ..errors import Problem, TermBaseError
from .common import EXIT_FINDINGS, EXIT_OK, UsageError, termbase_option


def register(sub: argparse._SubParsersAction) -> None:
    lookup = sub.add_parser(
        "lookup",
        help="look a word up in every language (any form, offline)",
        description="Find the concepts a word names, in any language and any form: exact, "
        "other case or accents, inflected, or misspelt (then: did you mean).",
    )
    lookup.add_argument("word")
    _options(lookup, "show only these languages (repeatable)")
    lookup.set_defaults(run=lookup_command)

    show = sub.add_parser("show", help="one concept in full", description="Print one concept with everything it holds.")
    show.add_argument("id", help="the concept id")
    _options(show, "only these languages (repeatable)")
    show.set_defaults(run=show_command)

    listing = sub.add_parser(
        "list",
        help="every term of a language, alphabetically",
        description="Every term of one language (default: the source language) in that "
        "language's alphabetical order: term, status, concept.",
    )
    _options(listing, "the language (default: the source language)")
    listing.set_defaults(run=list_command)


def _options(parser: argparse.ArgumentParser, lang_help: str) -> None:
    """The options the reading commands share."""
    parser.add_argument("--lang", action="append", metavar="LANG", help=lang_help)
    parser.add_argument("--json", action="store_true", help="print JSON for scripts and editors")
    termbase_option(parser)


def _lookup_index(args: argparse.Namespace):
    from ..lookup import query as lookup
    from ..paths import cache_folder

    try:
        conn = lookup.open_index(args.termbase, cache_folder())
    except FileNotFoundError:
        raise TermBaseError(
            [Problem(args.termbase, 1, 1, "file not found: check the path or pass --termbase")]
        ) from None
    langs = lookup.languages(conn)
    wanted = [code for value in (args.lang or []) for code in value.split(",") if code]
    for code in wanted:
        if code not in langs:
            raise UsageError(f"--lang {code}: the term base has {', '.join(langs)}")
    return lookup, conn, wanted or list(langs), langs


KIND_WORDS = {
    "exact": "exact match",
    "normalized": "same letters, other case or accents",
    "inflected": "inflected form",
    "fuzzy": "similar spelling",
}


def _concept_view(data: dict, langs: list[str]) -> dict:
    return {
        lang: {
            "terms": [{"term": t["term"], "status": t["status"]} for t in data["languages"][lang]["terms"]],
            "definition": data["languages"][lang]["definition"],
        }
        for lang in langs
        if lang in data["languages"]
    }


def lookup_command(args: argparse.Namespace) -> int:
    lookup, conn, langs, _names = _lookup_index(args)
    answer = lookup.lookup(conn, args.word)
    if args.json:
        import json

        out = {
            "query": answer.query,
            "matches": [
                {
                    "concept": m.concept,
                    "match": {"term": m.term, "lang": m.lang, "kind": m.kind, "status": m.status},
                    "languages": _concept_view(lookup.concept(conn, m.concept), langs),
                }
                for m in answer.matches
            ],
        }
        if not answer.matches:
            out["suggestions"] = [
                {"concept": m.concept, "term": m.term, "lang": m.lang, "score": m.score} for m in answer.suggestions
            ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK if answer.matches else EXIT_FINDINGS
    if not answer.matches:
        if answer.suggestions:
            print(f"no term “{answer.query}”; did you mean: {_suggestions(answer.suggestions)}?")
        else:
            print(f"no term “{answer.query}” in {args.termbase}")
        return EXIT_FINDINGS
    if len({m.concept for m in answer.matches}) > 1:
        print(f"“{answer.query}” names {len(answer.matches)} concepts:\n")
    for match in answer.matches:
        data = lookup.concept(conn, match.concept)
        preferred = (
            next(t["term"] for t in data["languages"][match.lang]["terms"] if t["status"] == "preferred")
            if any(t["status"] == "preferred" for t in data["languages"][match.lang]["terms"])
            else match.term
        )
        status = f"{match.status} term" + (f", use “{preferred}”" if match.status == "deprecated" else "")
        print(f"{match.concept}  (“{match.term}”, {match.lang}: {KIND_WORDS[match.kind]}, {status})")
        for lang, view in _concept_view(data, langs).items():
            terms = ", ".join(f"{t['term']} ({t['status']})" for t in view["terms"])
            print(f"  {lang}  {terms}")
            if view["definition"]:
                print(f"      {view['definition']}")
        print()
    return EXIT_OK


def _suggestions(matches) -> str:
    """Each suggested term once, likeliest first; a term that names several concepts names them."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for m in matches:
        grouped.setdefault((m.term, m.lang), []).append(m.concept)
    return ", ".join(
        f"{term} ({lang})"
        if len(concepts) == 1
        else f"{term} ({lang}; {len(concepts)} concepts: {', '.join(concepts)})"
        for (term, lang), concepts in grouped.items()
    )


def show_command(args: argparse.Namespace) -> int:
    lookup, conn, langs, names = _lookup_index(args)
    data = lookup.concept(conn, args.id)
    if data is None:
        import difflib

        ids = lookup.concept_ids(conn)
        close = difflib.get_close_matches(args.id, ids, n=3)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        print(f"no concept “{args.id}”{hint}")
        named = lookup.lookup(conn, args.id).matches
        if named:  # a term, not an id: say which concepts it names, and how to look terms up
            concepts = ", ".join(dict.fromkeys(m.concept for m in named))
            print(
                f"“{args.id}” is a term of {concepts}: `glossary show` takes a concept id, so run "
                f"`glossary show {named[0].concept}`; `glossary lookup {args.id}` finds concepts by their terms"
            )
        else:
            print(f"`glossary show` takes a concept id; `glossary lookup {args.id}` finds concepts by their terms")
        return EXIT_FINDINGS
    data["languages"] = {lang: v for lang, v in data["languages"].items() if lang in langs}
    if args.json:
        import json

        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(data["id"] + (f"  [{data['subject']}]" if data.get("subject") else ""))
    for relation in ("broader", "narrower", "related", "homonyms"):
        if data.get(relation):
            print(f"  {relation}: {', '.join(data[relation])}")
    for lang, view in data["languages"].items():
        print(f"\n{names.get(lang, lang)} ({lang})")
        for term in view["terms"]:
            grammar = ", ".join(str(term[k]) for k in ("pos", "gender", "type") if term.get(k))
            plural = f"; plural {term['plural']}" if term.get("plural") else ""
            print(f"  {term['term']}  {term['status']}" + (f"  ({grammar}{plural})" if grammar or plural else ""))
            if term.get("note"):
                print(f"      {term['note']}")
        if view.get("definition"):
            print(f"  definition: {view['definition']}")
        for note in view.get("notes", []):
            print(f"  note: {note}")
        for example in view.get("examples", []):
            print(f"  example: {example}")
    for source in data.get("sources", []):
        print(
            f"\nsource: {source.get('title')}"
            + "".join(f", {source[k]}" for k in ("author", "publisher", "date", "url") if source.get(k))
        )
    return EXIT_OK


def list_command(args: argparse.Namespace) -> int:
    lookup, conn, langs, _names = _lookup_index(args)
    lang = langs[0] if args.lang else lookup.source_language(conn)
    rows = lookup.terms_of(conn, lang)
    if args.json:
        import json

        print(json.dumps([{"term": t, "status": s, "concept": c} for t, s, c in rows], ensure_ascii=False, indent=2))
    else:
        for term, status, concept_id in rows:
            print(f"{term}\t{status}\t{concept_id}")
    return EXIT_OK
