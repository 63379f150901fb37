"""What a check reports: one finding, with a stable rule id, a severity and a position.

Every layer that checks something (term base, texts, pages) produces these;
the reporters in `reports.py` turn them into text, GitHub annotations, JSON,
SARIF or JUnit without knowing where they came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str
    summary: str  # one line: what the rule checks
    help: str  # what to do about a finding


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    file: str
    line: int
    column: int
    message: str
    concept: str | None = None
    lang: str | None = None

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.column, self.rule, self.message)


def summary(findings: list[Finding]) -> dict[str, int]:
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] += 1
    return {**counts, "total": len(findings)}
