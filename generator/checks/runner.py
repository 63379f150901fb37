"""`glossary check`: every check of the term base and the pages, as one list of findings."""

from __future__ import annotations

from pathlib import Path

from ..termbase.model import TermBase
from ..translation.reviews import Reviews, record_path
from .findings import Finding
from .pages import PageChecker
from .settings import Settings
from .termbase import TermBaseChecker


def run_checks(
    termbase: TermBase,
    docs: Path | None,
    display_docs: str = "docs",
    reviews: Reviews | None = None,
    settings: Settings | None = None,
) -> list[Finding]:
    """Every finding of every rule that is on (`settings`: the project's and the command
    line's choices; by default each rule's own)."""
    settings = settings or Settings()
    reviews = reviews or Reviews.load(record_path(termbase.path))
    findings = TermBaseChecker(termbase, reviews).run()
    if docs is not None and docs.is_dir():
        findings.extend(PageChecker(termbase, reviews, docs, display_docs, settings=settings).run())
    return sorted(settings.apply(findings), key=Finding.sort_key)


def failed(findings: list[Finding], strict: bool) -> bool:
    """Errors fail a check; with --strict, warnings do too."""
    failing = {"error", "warning"} if strict else {"error"}
    return any(f.severity in failing for f in findings)
