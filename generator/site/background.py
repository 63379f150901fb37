"""Work a build does beside the engine's: started in a forked process once the pages are
staged, collected when the engine has written them.

Every form of every term for search (the lemma dictionaries take a second to load) and
each concept's machine-readable siblings (rdflib's Turtle serializer: milliseconds a
concept) depend on the term base alone, not on the pages. A forked child computes them on
another core while MkDocs renders pages; the build only waits for what is not done by
then. Where the platform cannot fork, or the child fails, the work is done when asked
for, in the build's own process (so a failure surfaces there, as it would have).
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    def __init__(self, work: Callable[[], T], fork: bool = True):
        self._work = work
        self._done = False
        self._value: Any = None
        self._receive: Connection | None = None
        self._process: Any = None
        if fork and "fork" in multiprocessing.get_all_start_methods():
            try:
                context = multiprocessing.get_context("fork")
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_run, args=(work, send), daemon=True)
                process.start()
                send.close()
                self._receive, self._process = receive, process
            except OSError:  # no process to spare: the work is done when asked for
                self._receive = self._process = None

    def result(self) -> T:
        if not self._done:
            value: tuple[bool, Any] = (False, None)
            if self._receive is not None:
                with contextlib.suppress(EOFError, OSError):  # the child died: the work is done here
                    value = self._receive.recv()
                self._receive.close()
                self._process.join()
            self._value = value[1] if value[0] else self._work()
            self._done = True
        return self._value

    def cancel(self) -> None:
        """Stop the child, if any (the build ends without asking for the result)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._done = True


def _run(work: Callable[[], Any], send: Connection) -> None:
    try:
        value: tuple[bool, Any] = (True, work())
    except BaseException:  # the parent does the work again, and reports the error itself
        value = (False, None)
    try:
        send.send(value)
    except Exception:  # an unpicklable result: the parent does the work again
        send.send((False, None))
    send.close()
