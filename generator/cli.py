"""Command-line adapter: `glossary SUBCOMMAND`. Parses arguments, calls the core, sets the exit code.

Exit codes: 0 fine, 1 findings or not found, 2 the input could not be read or
the command was misused. Problems are printed as file:line:column: message;
no traceback reaches the user (set GLOSSARY_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import __version__, cache
from .problems import TermBaseError
from .reviews import ReviewFileError


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
    termbase = cache.load(args.termbase)
    langs = ", ".join(termbase.languages)
    print(f"{args.termbase}: {len(termbase.concepts)} concepts in {langs}: the term base is sound")
    return EXIT_OK


def _docs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--docs", default=DEFAULT_DOCS, metavar="DIR",
                        help=f"the hand-written pages (default: {DEFAULT_DOCS})")


def cmd_check(args: argparse.Namespace) -> int:
    from . import report
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
    from .reviews import Reviews, concept_hash, page_hash, record_path
    from .check_pages import discover

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
    import json

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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
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
    except Exception as exc:  # a bug of ours: say so plainly, without a traceback
        if os.environ.get("GLOSSARY_DEBUG"):
            raise
        print(f"glossary: internal error: {exc.__class__.__name__}: {exc} "
              "(run again with GLOSSARY_DEBUG=1 for details and report it)", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
