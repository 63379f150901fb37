"""`glossary check`, `review` and `status`: consistency checks and the translation workflow."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..checks import FORMATS
from .common import DEFAULT_DOCS, EXIT_FINDINGS, EXIT_OK, UsageError, docs_option, termbase_option
from .progress import activity


def register(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser(
        "check",
        help="check the term base and the translated pages for consistency (exit 1 on errors)",
        description="Find what is missing, outdated or inconsistent in the term base and the pages.",
    )
    termbase_option(check)
    docs_option(check)
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format (default: text; github annotates pull requests)",
    )
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument(
        "--rule",
        action="append",
        metavar="ID=LEVEL",
        help="turn a rule off or set its level (error, warning, info, off); repeatable; "
        "the project's defaults live in checks.yaml beside the term base",
    )
    check.add_argument("--list-rules", action="store_true", help="list every rule with its level and exit")
    check.set_defaults(run=check_command, escapes_itself=True)

    review = sub.add_parser(
        "review",
        help="record that translations were reviewed against the current source",
        description="Record that the translations of concepts or pages match the current source text, "
        "so they are no longer reported as outdated. The record is kept in TERMBASE.reviews.json.",
    )
    review.add_argument("targets", nargs="*", metavar="TARGET", help="concept ids or pages (docs/page.md)")
    review.add_argument(
        "--lang",
        action="append",
        metavar="LANG",
        help="only this language (repeatable; default: every translated language)",
    )
    review.add_argument("--all", action="store_true", help="every concept and page")
    termbase_option(review)
    docs_option(review)
    review.set_defaults(run=review_command)

    status = sub.add_parser(
        "status",
        help="translation status per language",
        description="Share of concepts and pages complete, unreviewed, outdated and missing.",
    )
    termbase_option(status)
    docs_option(status)
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(run=status_command)

    diff = sub.add_parser(
        "diff",
        help="what a change to the term base changes, concept by concept, in every language",
        description="Compare the term base between two git revisions, or a revision and the working tree "
        "(default: HEAD and the working tree): concepts added, removed, renamed; terms added, removed and "
        "status changes per language; texts changed word by word; translations left outdated.",
    )
    diff.add_argument(
        "revisions", nargs="*", metavar="REV", help="none: HEAD; one: REV; two: from the first to the second"
    )
    diff.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="markdown suits a pull-request comment"
    )
    termbase_option(diff)
    diff.set_defaults(run=diff_command)

    usage = sub.add_parser(
        "usage",
        help="which concepts and terms the pages use, in each language",
        description="For every concept, how often each language's pages mention it, by which terms and on "
        "which pages; then the concepts no page mentions and the terms no page uses.",
    )
    termbase_option(usage)
    docs_option(usage)
    usage.add_argument("--lang", action="append", metavar="LANG", help="only this language (repeatable)")
    usage.add_argument("--json", action="store_true", help="print JSON")
    usage.set_defaults(run=usage_command)


def check_command(args: argparse.Namespace) -> int:
    from .. import __version__
    from ..checks import reports
    from ..checks.registry import all_rules
    from ..checks.runner import failed, run_checks
    from ..checks.settings import load_settings
    from ..termbase import loader

    try:
        settings = load_settings(args.termbase, args.rule)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.list_rules:
        for rule_id, rule in all_rules().items():
            print(f"{rule_id:<24} {settings.level(rule_id):<8} {rule.summary}")
        return EXIT_OK
    with activity(f"loading {args.termbase}"):
        termbase = loader.load_cached(args.termbase)
    docs = Path(args.docs)
    if args.docs != DEFAULT_DOCS and not docs.is_dir():
        raise UsageError(f"{args.docs}: no such folder of pages: check --docs")
    with activity(f"checking {len(termbase.concepts):,} concepts and the pages in {args.docs}"):
        findings = run_checks(termbase, docs, args.docs, settings=settings)
    color = reports.use_color(sys.stdout) if args.format == "text" else False
    sys.stdout.write(reports.render(findings, args.format, color=color, tool_version=__version__))
    return EXIT_FINDINGS if failed(findings, args.strict) else EXIT_OK


def review_command(args: argparse.Namespace) -> int:
    from ..termbase import loader
    from ..translation import reviews as review_record
    from ..translation.pages import Pages

    termbase = loader.load_cached(args.termbase)
    source = termbase.source_language
    translated = [lang for lang in termbase.languages if lang != source]
    langs = args.lang or translated
    for lang in langs:
        if lang not in translated:
            raise UsageError(f"--lang {lang}: not a translated language of {args.termbase} ({', '.join(translated)})")
    reviews = review_record.Reviews.load(review_record.record_path(args.termbase))
    pages = Pages(Path(args.docs), list(termbase.languages), source, args.docs)
    targets = review_record.everything(termbase, pages) if args.all else args.targets
    if not targets:
        raise UsageError("name a concept id or a page (docs/page.md), or pass --all")
    try:
        recorded = review_record.record(reviews, termbase, pages, targets, langs)
    except review_record.ReviewTargetError as exc:
        raise UsageError(str(exc)) from None
    reviews.save()
    print(f"recorded {len(recorded)} review{'s' if len(recorded) != 1 else ''} in {reviews.path}")
    return EXIT_OK


def status_command(args: argparse.Namespace) -> int:
    from ..termbase import loader
    from ..translation.pages import Pages
    from ..translation.reviews import Reviews, record_path
    from ..translation.status import STATES, translation_status

    termbase = loader.load_cached(args.termbase)
    pages = Pages(Path(args.docs), list(termbase.languages), termbase.source_language, args.docs)
    statuses = translation_status(termbase, Reviews.load(record_path(args.termbase)), pages)
    if args.json:
        data = {
            lang: {
                kind: {
                    "counts": st.counts(kind),
                    "percent": {s: _rounded(st.percent(kind, s)) for s in STATES},
                    "items": {s: st.items(kind, s) for s in STATES if s != "complete"},
                }
                for kind in ("concepts", "pages")
            }
            for lang, st in statuses.items()
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    names = {lang: f"{termbase.languages[lang].name} ({lang})" for lang in statuses}
    width = max([len("language"), *map(len, names.values())])
    print(f"{'language':<{width}}  {'':<9}" + "".join(f"{s:>14}" for s in STATES))
    for lang, st in statuses.items():
        for kind in ("concepts", "pages"):
            total = len(getattr(st, kind))
            name = names[lang] if kind == "concepts" else ""
            if not total:  # no share of nothing: "0 of 0" is not 100 % complete
                print(f"{name:<{width}}  {kind:<9}   none to translate (no share of 0 is shown)")
                continue
            cells = "".join(f"{st.counts(kind)[s]:>6} {st.percent(kind, s):5.1f}%" for s in STATES)
            print(f"{name:<{width}}  {kind:<9}{cells}   of {total}")
    return EXIT_OK


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 1)


def usage_command(args: argparse.Namespace) -> int:
    from ..language.matching import term_index
    from ..termbase import loader
    from ..translation.pages import Pages
    from ..translation.usage import usage

    termbase = loader.load_cached(args.termbase)
    docs = Path(args.docs)
    if not docs.is_dir():
        raise UsageError(f"{args.docs}: no such folder of pages: check --docs")
    languages = list(termbase.languages)
    for code in args.lang or []:
        if code not in languages:
            raise UsageError(f"--lang {code}: the term base has {', '.join(languages)}")
    languages = args.lang or languages
    pages = Pages(docs, list(termbase.languages), termbase.source_language, args.docs)
    with activity(f"reading the pages in {args.docs}"):
        found = usage(termbase, pages, lambda lang: term_index(termbase, lang), languages)
    if args.json:
        print(json.dumps(found.as_data(termbase), ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(cid) for cid in termbase.concepts)
    print(f"{'concept':<{width}}  " + "".join(f"{lang:>6}" for lang in languages) + "   most used term per language")
    for cid in sorted(termbase.concepts, key=lambda c: (-sum(u.count for u in found.concepts[c].values()), c)):
        by_lang = found.concepts[cid]
        favourite = "; ".join(
            f"{lang}: {max(use.terms.items(), key=lambda t: t[1].count)[0]}"
            for lang, use in by_lang.items()
            if use.count
        )
        print(f"{cid:<{width}}  " + "".join(f"{by_lang[lang].count:>6}" for lang in languages) + f"   {favourite}")
    unused = found.unused_concepts()
    print(
        f"\n{len(found.pages)} pages read. Concepts no page mentions ({len(unused)}): " + (", ".join(unused) or "none")
    )
    terms = found.unused_terms(termbase)
    print(f"Terms no page uses ({len(terms)}):")
    for cid, lang, term, status in terms:
        print(f"  {lang}  {term}  ({status}, {cid})")
    return EXIT_OK


def diff_command(args: argparse.Namespace) -> int:
    from ..termbase import loader
    from ..translation import changes
    from ..translation.reviews import Reviews, record_path
    from ..translation.revisions import RevisionError, file_at

    if len(args.revisions) > 2:
        raise UsageError("glossary diff takes at most two revisions: diff [REV [REV]]")
    path = Path(args.termbase)
    if not path.is_file() and len(args.revisions) < 2:
        raise UsageError(f"{args.termbase}: no such term base: check --termbase")
    old_rev = args.revisions[0] if args.revisions else "HEAD"
    new_rev = args.revisions[1] if len(args.revisions) == 2 else None  # None: the working tree

    def termbase_at(rev: str | None):
        try:
            text = file_at(path, rev)
        except RevisionError as exc:
            raise UsageError(str(exc)) from None
        return None if text is None else loader.load_text(text, f"{path}@{rev}" if rev else str(path))

    after = termbase_at(new_rev)
    if after is None:
        raise UsageError(f"{path} does not exist at {new_rev}")
    before = termbase_at(old_rev) or loader.load_text(changes.empty_text(after.source_language), "empty")
    try:
        recorded = file_at(record_path(path), new_rev)
    except RevisionError as exc:
        raise UsageError(str(exc)) from None
    reviews = Reviews(record_path(path))
    if recorded:
        data = json.loads(recorded)
        reviews = Reviews(record_path(path), dict(data.get("concepts", {})), dict(data.get("pages", {})))
    found = changes.compare(before, after, reviews)
    if args.format == "json":
        print(json.dumps(changes.as_data(found), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(changes.as_markdown(found, list(after.languages)))
    else:
        sys.stdout.write(changes.as_text(found))
    return EXIT_OK
