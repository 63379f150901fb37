"""Command-line adapter: `glossary SUBCOMMAND`. Parses arguments, calls the core, sets the exit code.

Exit codes: 0 fine, 1 findings or not found, 2 the input could not be read or
the command was misused. Problems are printed as file:line:column: message;
no traceback reaches the user (set GLOSSARY_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, Sequence

from . import cache
from .problems import TermBaseError

DEFAULT_TERMBASE = "terms/termbase.yaml"
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
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
