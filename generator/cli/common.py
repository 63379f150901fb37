"""What every command shares: exit codes, the misuse error, and the options several commands take."""

from __future__ import annotations

import argparse

DEFAULT_TERMBASE = "terms/termbase.yaml"
DEFAULT_DOCS = "docs"
EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """The command was misused: exit 2 with the message."""


def termbase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--termbase",
        default=DEFAULT_TERMBASE,
        metavar="PATH",
        help=f"the term base to read (default: {DEFAULT_TERMBASE})",
    )


def docs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--docs", default=DEFAULT_DOCS, metavar="DIR", help=f"the hand-written pages (default: {DEFAULT_DOCS})"
    )
