"""Progress for a person at a terminal; nothing at all in CI logs, pipes and files.

Commands wrap their slow steps in `activity("loading terms/termbase.yaml")`.
After about two seconds a line on standard error says what is going on and how
long it has taken, updated twice a second, and it is erased when the step ends:
a quick command prints nothing, a slow one never looks frozen.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

DELAY = 2.0  # seconds before anything is shown
INTERVAL = 0.5


@contextmanager
def activity(what: str | Callable[[], str]) -> Iterator[None]:
    """`what` is the text, or a function that gives the text of the moment."""
    stream = sys.__stderr__
    if stream is None or not stream.isatty():
        yield
        return
    done = threading.Event()
    shown = threading.Event()
    start = time.monotonic()

    def show() -> None:
        if done.wait(DELAY):
            return
        while not done.is_set():
            text = what() if callable(what) else what
            stream.write(f"\r\033[K{text}… {time.monotonic() - start:.0f} s")
            stream.flush()
            shown.set()
            done.wait(INTERVAL)

    thread = threading.Thread(target=show, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown.is_set():
            stream.write("\r\033[K")
            stream.flush()
