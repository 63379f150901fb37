"""Command-line adapter: `glossary SUBCOMMAND`. Parses arguments, calls the core, sets the exit code.

One module per command group (`termbase`, `checks`, `lookup`, `interop`, `site`), each
registering its subcommands and importing what they need only when one runs.
Exit codes: 0 fine, 1 findings or not found, 2 the input could not be read or
the command was misused. Problems are printed as file:line:column: message;
no traceback reaches the user (set GLOSSARY_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import TERMINAL_CONTROLS, ReviewFileError, TermBaseError
from . import checks, interop, lookup, site, termbase
from .common import EXIT_BAD_INPUT, EXIT_OK, UsageError

GROUPS = (termbase, checks, lookup, interop, site)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glossary", description="Work with a multilingual concept-oriented term base."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for group in GROUPS:
        group.register(sub)
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
    if not getattr(args, "escapes_itself", False):  # check's report escapes texts itself and colours its output
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
        print(
            f"glossary: internal error: {exc.__class__.__name__}: {exc} "
            "(run again with GLOSSARY_DEBUG=1 for details and report it)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
