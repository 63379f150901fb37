"""Load a term base file into the model, or explain every problem in it.

The fast path is what a sound file costs: libyaml's parse, one compiled schema
check and a few dictionary walks. Positions are only worked out when there is
something to report, by composing the file again (see `positions.Locator`),
so a sound term base pays almost nothing for good error messages.

`load_cached` reads through the cache (see `cache`): a term base read before,
by the same code, comes back from a pickle at once. Every command and the
build use it; `load` reads the file afresh.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import Problem, TermBaseError
from . import cache, integrity, schema, strict_yaml
from .model import TermBase, build_termbase, paused_gc
from .positions import Locator

MAX_TERMBASE_MB = 128  # about 75,000 concepts; GLOSSARY_MAX_TERMBASE_MB raises it


def load_cached(path: str | Path, project_dir: str | Path | None = None, display: str | None = None) -> TermBase:
    """Load a term base through the cache; errors are never cached.

    `display` is how messages name the file (by default, as given).
    """
    path = Path(path)
    display = display or str(path)
    raw = read_bytes(path)
    return cache.load(raw, project_dir, display, lambda: load_text(decode(raw, display), display))


def load(path: str | Path, display: str | None = None, memo: dict | None = None) -> TermBase:
    """Load a term base afresh, not through the cache. `memo` keeps what was read of it for the
    next call, which reads only what changed (live preview, see `strict_yaml.load`)."""
    path = Path(path)
    display = display or str(path)
    return load_text(decode(read_bytes(path), display), display, memo)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a file too large to be a term base before reading it."""
    limit = _size_limit()
    try:
        size = path.stat().st_size
        if size > limit:
            raise TermBaseError(
                [
                    Problem(
                        str(path),
                        1,
                        1,
                        (
                            f"the file is {size / 2**20:.0f} MB, over the {limit // 2**20} MB a term base may have: "
                            "check that it is the term base, or raise the limit with GLOSSARY_MAX_TERMBASE_MB"
                        ),
                    )
                ]
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise TermBaseError([Problem(str(path), 1, 1, "file not found: check the path or pass --termbase")]) from None
    except OSError as exc:
        raise TermBaseError([Problem(str(path), 1, 1, f"cannot read the file: {exc.strerror}")]) from None


def _size_limit() -> int:
    value = os.environ.get("GLOSSARY_MAX_TERMBASE_MB", "")
    return (int(value) if value.isdigit() else MAX_TERMBASE_MB) * 2**20


def decode(raw: bytes, display: str) -> str:
    """Decode UTF-8, accepting a BOM and CRLF line ends."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise TermBaseError([Problem(display, line, column, "the file is not valid UTF-8: save it as UTF-8")]) from None
    return text.replace("\r\n", "\n")


def load_text(text: str, display: str, memo: dict | None = None) -> TermBase:
    """Parse, validate and build the model; raise TermBaseError with all problems."""
    with paused_gc():
        return _load_text(text, display, memo)


def _load_text(text: str, display: str, memo: dict | None) -> TermBase:
    try:
        data, noticed, concept_lines = strict_yaml.load(text, memo)
    except strict_yaml.YamlProblem as exc:
        raise TermBaseError([Problem(display, exc.line, exc.column, exc.message)]) from None
    problems = [Problem(display, d.line, d.column, d.message) for d in noticed]
    if not isinstance(data, dict):
        raise TermBaseError(
            problems
            or [
                Problem(
                    display,
                    1,
                    1,
                    "a term base is a mapping with 'source_language', 'languages' and 'concepts'; see terms/termbase.yaml",
                )
            ]
        )
    try:
        findings = data_findings(data)
    except RecursionError:  # nesting the parser survived but the checks cannot walk
        deep = strict_yaml.too_deep(text)
        line, column = (deep.line, deep.column) if deep else (1, 1)
        raise TermBaseError([Problem(display, line, column, strict_yaml.TOO_DEEP)]) from None
    if findings or problems:
        locator = Locator(text)
        problems.extend(
            Problem(display, *locator.position(path, at_key), message) for path, at_key, message in findings
        )
        raise TermBaseError(problems)
    termbase = build_termbase(data, display)
    termbase.concept_lines = concept_lines
    return termbase


def data_findings(data: dict[str, Any]) -> list[schema.Finding]:
    """Everything wrong with term base data: (path, at key?, message), unpositioned.

    The one set of rules a term base must pass, whether it was read from YAML or
    made by an importer (which places the findings on its own input)."""
    return [*schema.findings(data), *integrity.findings(data)]


def check_data(data: dict[str, Any], display: str) -> TermBase:
    """Validate term base data that did not come from a file (an import) by the same rules.

    Problems name the path in the data, as there is no line to point at yet.
    """
    with paused_gc():
        try:
            findings = data_findings(data)
        except RecursionError:
            raise TermBaseError([Problem(display, 1, 1, strict_yaml.TOO_DEEP)]) from None
        if findings:
            raise TermBaseError(
                [Problem(display, 1, 1, f"{schema.where(path)}: {message}") for path, _, message in findings]
            )
        return build_termbase(data, display)
