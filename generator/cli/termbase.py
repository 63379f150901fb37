"""`glossary validate`: load the term base and report every problem in it."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, termbase_option
from .progress import activity


def register(sub: argparse._SubParsersAction) -> None:
    validate = sub.add_parser(
        "validate",
        help="load and validate the term base (exit 0 when sound, 2 when not)",
        description="Load the term base and report every problem as file:line:column: message.",
    )
    termbase_option(validate)
    validate.set_defaults(run=validate_command)


def validate_command(args: argparse.Namespace) -> int:
    from ..termbase import loader

    with activity(f"loading {args.termbase}"):
        termbase = loader.load_cached(args.termbase)
    langs = ", ".join(termbase.languages)
    print(f"{args.termbase}: {len(termbase.concepts)} concepts in {langs}: the term base is sound")
    return EXIT_OK
