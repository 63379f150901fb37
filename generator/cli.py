"""Command-line adapter: `glossary SUBCOMMAND`. Parses arguments, calls the core, sets the exit code.

Exit codes: 0 fine, 1 findings or not found, 2 the input could not be read or
the command was misused. Problems are printed as file:line:column: message;
no traceback reaches the user (set GLOSSARY_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable, Sequence

from . import __version__
from .problems import TERMINAL_CONTROLS, Problem, ReviewFileError, TermBaseError


class UsageError(Exception):
    """The command was misused: exit 2 with the message."""

DEFAULT_TERMBASE = "terms/termbase.yaml"
DEFAULT_DOCS = "docs"
EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def _termbase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--termbase", default=DEFAULT_TERMBASE, metavar="PATH",
        help=f"the term base to read (default: {DEFAULT_TERMBASE})",
    )


def cmd_validate(args: argparse.Namespace) -> int:
    from . import cache

    termbase = cache.load(args.termbase)
    langs = ", ".join(termbase.languages)
    print(f"{args.termbase}: {len(termbase.concepts)} concepts in {langs}: the term base is sound")
    return EXIT_OK


def _lang_json_termbase_options(parser: argparse.ArgumentParser, lang_help: str) -> None:
    """The options the reading commands share (lookup, show, list)."""
    parser.add_argument("--lang", action="append", metavar="LANG", help=lang_help)
    parser.add_argument("--json", action="store_true", help="print JSON for scripts and editors")
    _termbase_option(parser)


def _docs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", default=DEFAULT_DOCS, metavar="DIR",
                        help=f"the hand-written pages (default: {DEFAULT_DOCS})")


def cmd_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import cache, report
    from .check import failed, run_checks

    termbase = cache.load(args.termbase)
    docs = Path(args.docs)
    if args.docs != DEFAULT_DOCS and not docs.is_dir():
        raise UsageError(f"{args.docs}: no such folder of pages: check --docs")
    findings = run_checks(termbase, docs, args.docs)
    color = report.use_color(sys.stdout) if args.format == "text" else False
    sys.stdout.write(report.render(findings, args.format, color=color, tool_version=__version__))
    return EXIT_FINDINGS if failed(findings, args.strict) else EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import cache
    from .check_pages import discover
    from .reviews import Reviews, concept_hash, page_hash, record_path

    termbase = cache.load(args.termbase)
    source = termbase.source_language
    langs = args.lang or [lang for lang in termbase.languages if lang != source]
    for lang in langs:
        if lang not in termbase.languages or lang == source:
            raise UsageError(f"--lang {lang}: not a translated language of {args.termbase} "
                             f"({', '.join(l for l in termbase.languages if l != source)})")
    reviews = Reviews.load(record_path(args.termbase))
    docs = Path(args.docs)
    pages = {p.name: p for p in discover(docs, list(termbase.languages), source)} if docs.is_dir() else {}
    targets = args.targets
    if args.all:
        targets = list(termbase.concepts) + [f"{args.docs}/{p.files[source].relative_to(docs).as_posix()}"
                                             for p in pages.values() if source in p.files]
    if not targets:
        raise UsageError("name a concept id or a page (docs/page.md), or pass --all")
    recorded = []
    for target in targets:
        if target in termbase.concepts:
            concept = termbase.concepts[target]
            original = concept.langs.get(source)
            if original is None:
                raise UsageError(f"{target}: has no {source} section to review against")
            for lang in langs:
                if lang in concept.langs:
                    reviews.concepts.setdefault(target, {})[lang] = concept_hash(original)
                    recorded.append(f"{target} ({lang})")
            continue
        name = _page_name(target, args.docs, list(termbase.languages))
        page = pages.get(name)
        if page is None or source not in page.files:
            import difflib

            close = difflib.get_close_matches(target, list(termbase.concepts), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "give a concept id or a page such as docs/index.md"
            raise UsageError(f"{target}: no such concept or page: {hint}")
        key = f"{args.docs.rstrip('/')}/{page.files[source].relative_to(docs).as_posix()}"
        current = page_hash(page.files[source].read_text("utf-8"))
        for lang in langs:
            if lang in page.files:
                reviews.pages.setdefault(key, {})[lang] = current
                recorded.append(f"{key} ({lang})")
    reviews.save()
    print(f"recorded {len(recorded)} review{'s' if len(recorded) != 1 else ''} in {reviews.path}")
    return EXIT_OK


def _page_name(target: str, docs: str, languages: list[str]) -> str:
    """docs/guide.de.md, guide.md or guide -> guide"""
    name = target.replace("\\", "/")
    prefix = docs.rstrip("/") + "/"
    if name.startswith(prefix):
        name = name[len(prefix):]
    if name.endswith(".md"):
        name = name[:-3]
    stem, _, suffix = name.rpartition(".")
    return stem if stem and suffix in languages else name


def cmd_status(args: argparse.Namespace) -> int:
    from pathlib import Path

    import json

    from . import cache
    from .reviews import Reviews, record_path
    from .status import STATES, translation_status

    termbase = cache.load(args.termbase)
    statuses = translation_status(termbase, Reviews.load(record_path(args.termbase)), Path(args.docs), args.docs)
    if args.json:
        data = {lang: {kind: {"counts": st.counts(kind), "percent": {s: round(st.percent(kind, s), 1) for s in STATES},
                              "items": {s: st.items(kind, s) for s in STATES if s != "complete"}}
                       for kind in ("concepts", "pages")} for lang, st in statuses.items()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    names = {lang: f"{termbase.languages[lang].name} ({lang})" for lang in statuses}
    width = max([len("language"), *map(len, names.values())])
    print(f"{'language':<{width}}  {'':<9}" + "".join(f"{s:>14}" for s in STATES))
    for lang, st in statuses.items():
        for kind in ("concepts", "pages"):
            total = len(getattr(st, kind))
            cells = "".join(f"{st.counts(kind)[s]:>6} {st.percent(kind, s):5.1f}%" for s in STATES)
            name = names[lang] if kind == "concepts" else ""
            print(f"{name:<{width}}  {kind:<9}{cells}   of {total}")
    return EXIT_OK


def _lookup_index(args: argparse.Namespace):
    from . import lookup
    from .cachedir import cache_folder

    try:
        conn = lookup.open_index(args.termbase, cache_folder())
    except FileNotFoundError:
        raise TermBaseError([Problem(args.termbase, 1, 1, "file not found: check the path or pass --termbase")]) from None
    langs = lookup.languages(conn)
    wanted = [code for value in (args.lang or []) for code in value.split(",") if code]
    for code in wanted:
        if code not in langs:
            raise UsageError(f"--lang {code}: the term base has {', '.join(langs)}")
    return lookup, conn, wanted or list(langs), langs


STATUS_WORDS = {"preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated"}
KIND_WORDS = {"exact": "exact match", "normalized": "same letters, other case or accents",
              "inflected": "inflected form", "fuzzy": "similar spelling"}


def _concept_view(data: dict, langs: list[str]) -> dict:
    return {lang: {"terms": [{"term": t["term"], "status": t["status"]} for t in data["languages"][lang]["terms"]],
                   "definition": data["languages"][lang]["definition"]}
            for lang in langs if lang in data["languages"]}


def cmd_lookup(args: argparse.Namespace) -> int:
    lookup, conn, langs, _names = _lookup_index(args)
    answer = lookup.lookup(conn, args.word)
    if args.json:
        import json

        out = {"query": answer.query, "matches": [
            {"concept": m.concept, "match": {"term": m.term, "lang": m.lang, "kind": m.kind, "status": m.status},
             "languages": _concept_view(lookup.concept(conn, m.concept), langs)} for m in answer.matches]}
        if not answer.matches:
            out["suggestions"] = [{"concept": m.concept, "term": m.term, "lang": m.lang, "score": m.score}
                                  for m in answer.suggestions]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK if answer.matches else EXIT_FINDINGS
    if not answer.matches:
        if answer.suggestions:
            options = ", ".join(f"{m.term} ({m.lang})" for m in answer.suggestions)
            print(f"no term “{answer.query}”; did you mean: {options}?")
        else:
            print(f"no term “{answer.query}” in {args.termbase}")
        return EXIT_FINDINGS
    if len({m.concept for m in answer.matches}) > 1:
        print(f"“{answer.query}” names {len(answer.matches)} concepts:\n")
    for match in answer.matches:
        data = lookup.concept(conn, match.concept)
        preferred = next(t["term"] for t in data["languages"][match.lang]["terms"] if t["status"] == "preferred") \
            if any(t["status"] == "preferred" for t in data["languages"][match.lang]["terms"]) else match.term
        status = f"{match.status} term" + (f", use “{preferred}”" if match.status == "deprecated" else "")
        print(f"{match.concept}  (“{match.term}”, {match.lang}: {KIND_WORDS[match.kind]}, {status})")
        for lang, view in _concept_view(data, langs).items():
            terms = ", ".join(f"{t['term']} ({t['status']})" for t in view["terms"])
            print(f"  {lang}  {terms}")
            if view["definition"]:
                print(f"      {view['definition']}")
        print()
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    lookup, conn, langs, names = _lookup_index(args)
    data = lookup.concept(conn, args.id)
    if data is None:
        import difflib

        ids = lookup.concept_ids(conn)
        close = difflib.get_close_matches(args.id, ids, n=3)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        print(f"no concept “{args.id}”{hint}")
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
        print(f"\nsource: {source.get('title')}" + "".join(f", {source[k]}" for k in ("author", "publisher", "date", "url")
                                                         if source.get(k)))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    lookup, conn, langs, _names = _lookup_index(args)
    lang = langs[0] if args.lang else dict(conn.execute("SELECT key, value FROM meta"))["source"]
    rows = lookup.terms_of(conn, lang)
    if args.json:
        import json

        print(json.dumps([{"term": t, "status": s, "concept": c} for t, s, c in rows], ensure_ascii=False, indent=2))
    else:
        for term, status, concept_id in rows:
            print(f"{term}\t{status}\t{concept_id}")
    return EXIT_OK


EXPORTERS = {
    "tbx": ("interop_tbx", "export_tbx"),
    "csv": ("interop_csv", "export_csv"),
    "skos": ("interop_skos", "export_skos"),
    "json": ("interop_json", "export_json"),
}
IMPORTERS = {"tbx": ("interop_tbx", "import_tbx"), "csv": ("interop_csv", "import_csv")}
MAX_IMPORT_BYTES = 512 * 1024 * 1024


def _function(table: dict[str, tuple[str, str]], fmt: str):
    import importlib

    module, name = table[fmt]
    return getattr(importlib.import_module(f".{module}", __package__), name)


def cmd_export(args: argparse.Namespace) -> int:
    from . import atomic, cache

    termbase = cache.load(args.termbase)
    export = _function(EXPORTERS, args.format)
    data = export(termbase, args.syntax) if args.format == "skos" else export(termbase)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic.write_bytes(args.output, data)
        print(f"wrote {args.output} ({args.format}, {len(termbase.concepts)} concepts)", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import atomic, loader, termbase_writer

    source, target = Path(args.file), Path(args.output)
    fmt = args.format or {".tbx": "tbx", ".xml": "tbx", ".csv": "csv", ".tsv": "csv"}.get(source.suffix.lower())
    if fmt is None:
        raise UsageError(f"{args.file}: cannot tell the format from the name: pass --format tbx or --format csv")
    if target.exists() and not args.force:
        raise UsageError(f"{args.output} exists: choose a new file, or pass --force to replace it")
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise TermBaseError([Problem(args.file, 1, 1, "file not found: check the path")]) from None
    if size > MAX_IMPORT_BYTES:
        raise TermBaseError([Problem(args.file, 1, 1, f"the file is {size // 2**20} MB; files over "
                                     f"{MAX_IMPORT_BYTES // 2**20} MB are refused: split it")])
    result = _function(IMPORTERS, fmt)(source.read_bytes(), args.file)
    termbase = loader.check_data(result.data, args.output)  # what we write must be sound: check before writing
    text = termbase_writer.dump(result.data, f"Imported from {source.name} by glossary import.")
    for report in result.reports:
        print(report, file=sys.stderr)
    atomic.write_bytes(target, text.encode("utf-8"))
    kept = f"; {len(result.reports)} notes on what the format held beyond the model (above)" if result.reports else ""
    print(f"wrote {args.output}: {len(termbase.concepts)} concepts in {', '.join(termbase.languages)}{kept}",
          file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glossary",
        description="Work with a multilingual concept-oriented term base.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    validate = sub.add_parser(
        "validate", help="load and validate the term base (exit 0 when sound, 2 when not)",
        description="Load the term base and report every problem as file:line:column: message.",
    )
    _termbase_option(validate)
    validate.set_defaults(run=cmd_validate)

    check = sub.add_parser(
        "check", help="check the term base and the translated pages for consistency (exit 1 on errors)",
        description="Find what is missing, outdated or inconsistent in the term base and the pages.",
    )
    _termbase_option(check)
    _docs_option(check)
    check.add_argument("--format", choices=("text", "github", "json", "sarif", "junit"), default="text",
                       help="output format (default: text; github annotates pull requests)")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.set_defaults(run=cmd_check)

    review = sub.add_parser(
        "review", help="record that translations were reviewed against the current source",
        description="Record that the translations of concepts or pages match the current source text, "
                    "so they are no longer reported as outdated. The record is kept in TERMBASE.reviews.json.",
    )
    review.add_argument("targets", nargs="*", metavar="TARGET", help="concept ids or pages (docs/page.md)")
    review.add_argument("--lang", action="append", metavar="LANG",
                        help="only this language (repeatable; default: every translated language)")
    review.add_argument("--all", action="store_true", help="every concept and page")
    _termbase_option(review)
    _docs_option(review)
    review.set_defaults(run=cmd_review)

    status = sub.add_parser("status", help="translation status per language",
                            description="Share of concepts and pages complete, unreviewed, outdated and missing.")
    _termbase_option(status)
    _docs_option(status)
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=cmd_status)

    lookup = sub.add_parser("lookup", help="look a word up in every language (any form, offline)",
                            description="Find the concepts a word names, in any language and any form: exact, "
                                        "other case or accents, inflected, or misspelt (then: did you mean).")
    lookup.add_argument("word")
    _lang_json_termbase_options(lookup, "show only these languages (repeatable)")
    lookup.set_defaults(run=cmd_lookup)

    show = sub.add_parser("show", help="one concept in full", description="Print one concept with everything it holds.")
    show.add_argument("id", help="the concept id")
    _lang_json_termbase_options(show, "only these languages (repeatable)")
    show.set_defaults(run=cmd_show)

    listing = sub.add_parser("list", help="every term of a language, alphabetically",
                             description="Every term of one language (default: the source language) in that "
                                         "language's alphabetical order: term, status, concept.")
    _lang_json_termbase_options(listing, "the language (default: the source language)")
    listing.set_defaults(run=cmd_list)

    export = sub.add_parser("export", help="write the term base as TBX, CSV, SKOS or JSON",
                            description="Write the term base in an interchange format: TBX-Basic (ISO 30042, DCA), "
                                        "CSV (one row per term), SKOS (Turtle or RDF/XML) or JSON.")
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS))
    export.add_argument("--syntax", choices=("turtle", "xml"), default="turtle", help="SKOS only: Turtle or RDF/XML")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    _termbase_option(export)
    export.set_defaults(run=cmd_export)

    importer = sub.add_parser("import", help="turn a TBX or CSV file into a new term base",
                              description="Read TBX (v3 DCA or DCT, v2 martif) or CSV and write a new term base "
                                          "in this project's format. What the file holds beyond the model is kept as "
                                          "notes or reported, entry by entry.")
    importer.add_argument("file")
    importer.add_argument("--format", choices=sorted(IMPORTERS), help="default: from the file name")
    importer.add_argument("-o", "--output", required=True, metavar="NEW.yaml", help="the term base to write")
    importer.add_argument("--force", action="store_true", help="replace NEW.yaml if it exists")
    importer.set_defaults(run=cmd_import)
    return parser


class _Shown:
    """A text stream that writes terminal and bidirectional controls as visible escapes:
    a term base text printed by lookup or in a message cannot recolour, clear or reorder
    the reader's terminal or CI log. (export writes its bytes to .buffer, unchanged.)"""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(TERMINAL_CONTROLS))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    streams = sys.stdout, sys.stderr
    if run is not cmd_check:  # check's report escapes texts itself and colours its own output
        sys.stdout = _Shown(sys.stdout)
    sys.stderr = _Shown(sys.stderr)
    try:
        return _run(run, args)
    finally:
        sys.stdout, sys.stderr = streams


def _run(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return run(args)
    except UsageError as exc:
        print(f"glossary: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ReviewFileError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except TermBaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''}: the term base was not loaded", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug of ours: say so plainly, without a traceback
        if os.environ.get("GLOSSARY_DEBUG"):
            raise
        print(f"glossary: internal error: {exc.__class__.__name__}: {exc} "
              "(run again with GLOSSARY_DEBUG=1 for details and report it)", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
