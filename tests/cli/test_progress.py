"""Long commands show progress on a terminal, and print nothing of it anywhere else."""

from __future__ import annotations

import io
import subprocess
import sys
import time

from conftest import MINI

from generator.cli import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_slow_step_shows_what_it_does_with_the_time_and_erases_it(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "__stderr__", screen)
    monkeypatch.setattr(progress, "DELAY", 0.05)
    monkeypatch.setattr(progress, "INTERVAL", 0.05)
    with progress.activity("loading terms/termbase.yaml"):
        time.sleep(0.3)
    shown = screen.getvalue()
    assert "\r\033[Kloading terms/termbase.yaml… 0 s" in shown
    assert shown.endswith("\r\033[K"), "the line is erased when the step ends"


def test_a_step_that_moves_on_shows_where_it_is(monkeypatch):
    """`glossary build` says which languages are built, building and waiting."""
    screen = Terminal()
    monkeypatch.setattr(sys, "__stderr__", screen)
    monkeypatch.setattr(progress, "DELAY", 0.05)
    monkeypatch.setattr(progress, "INTERVAL", 0.05)
    state = {"text": "building en, de; nl waiting"}
    with progress.activity(lambda: state["text"]):
        time.sleep(0.2)
        state["text"] = "en built; building de, nl"
        time.sleep(0.2)
    shown = screen.getvalue()
    assert "building en, de; nl waiting… 0 s" in shown
    assert "en built; building de, nl… 0 s" in shown


def test_a_quick_step_shows_nothing(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "__stderr__", screen)
    with progress.activity("loading"):
        pass
    assert screen.getvalue() == ""


def test_nothing_reaches_a_log_or_a_pipe(monkeypatch):
    log = io.StringIO()  # not a terminal
    monkeypatch.setattr(sys, "__stderr__", log)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    with progress.activity("loading"):
        time.sleep(0.1)
    assert log.getvalue() == ""
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--termbase", str(MINI)], capture_output=True, text=True
    )
    assert run.returncode == 0 and "\r" not in run.stderr + run.stdout
