"""Every rule `glossary check` applies, by its stable id: default severity, what it checks, what to do.

Each rule is declared in the module that applies it (`declare(Rule(...))`
next to the code that finds it), so adding a rule touches one place. Ids
never change meaning once published: CI configurations, SARIF viewers and
people's memories refer to them.
"""

from __future__ import annotations

from .findings import Rule

RULES: dict[str, Rule] = {}


def declare(*rules: Rule) -> None:
    for new in rules:
        if new.id in RULES:
            raise ValueError(f"rule {new.id} is declared twice")
        RULES[new.id] = new


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]


def all_rules() -> dict[str, Rule]:
    """Every rule of every check, in the order the checks run: their modules declare them on import."""
    from . import pages, termbase, texts  # noqa: F401  (imported for their declarations)

    return RULES
