"""Which rules `glossary check` applies, and how severely: each rule's own default, then the
project's `checks.yaml` beside the term base, then `--rule ID=LEVEL` on the command line.

```yaml
# terms/checks.yaml
rules:
  unlinkable-term: info     # on, as a suggestion (off by default)
  concept-parity: off
  noun-case: error
```

LEVEL is error, warning, info or off. A rule that is off is not even run where that saves
work (the suggestion rules that read every page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem, TermBaseError
from .findings import SEVERITIES, Finding
from .registry import all_rules

LEVELS = (*SEVERITIES, "off")
# Rules that are suggestions a team asks for, not defects: off unless configured
OFF_BY_DEFAULT = frozenset({"unlinkable-term"})


@dataclass
class Settings:
    levels: dict[str, str] = field(default_factory=dict)  # rule id -> level, where configured

    def level(self, rule_id: str) -> str:
        configured = self.levels.get(rule_id)
        if configured is not None:
            return configured
        return "off" if rule_id in OFF_BY_DEFAULT else all_rules()[rule_id].severity

    def on(self, rule_id: str) -> bool:
        return self.level(rule_id) != "off"

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """The findings of rules that are on, with their configured severity."""
        from dataclasses import replace

        kept = []
        for finding in findings:
            level = self.level(finding.rule)
            if level == "off":
                continue
            kept.append(finding if level == finding.severity else replace(finding, severity=level))
        return kept


def settings_path(termbase_path: str | Path) -> Path:
    return Path(termbase_path).with_name("checks.yaml")


def load_settings(termbase_path: str | Path, overrides: list[str] | None = None) -> Settings:
    """The project's settings (if any) with the command line's `ID=LEVEL` overrides on top.
    A mistake is a TermBaseError naming the file, line and column, or the option."""
    settings = Settings()
    path = settings_path(termbase_path)
    if path.is_file():
        settings.levels.update(_read(path))
    for item in overrides or []:
        rule_id, _, level = item.partition("=")
        problem = _wrong(rule_id.strip(), level.strip())
        if problem:
            raise ValueError(f"--rule {item}: {problem}")
        settings.levels[rule_id.strip()] = level.strip()
    return settings


def _read(path: Path) -> dict[str, str]:
    text = path.read_text("utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise TermBaseError([Problem(str(path), line, column, f"YAML syntax error: {exc.problem}")]) from None
    if node is None:
        return {}
    rules = _key(node, "rules")
    if not isinstance(node, yaml.MappingNode) or rules is None or not isinstance(rules, yaml.MappingNode):
        raise TermBaseError(
            [
                Problem(
                    str(path), 1, 1, "expected 'rules:' with one 'rule-id: level' per line (error, warning, info, off)"
                )
            ]
        )
    levels, problems = {}, []
    for key, value in rules.value:
        rule_id, level = str(key.value), str(value.value)
        if value.value is False:  # YAML reads an unquoted off as false
            level = "off"
        problem = _wrong(rule_id, level)
        if problem:
            mark = key.start_mark if rule_id not in all_rules() else value.start_mark
            problems.append(Problem(str(path), mark.line + 1, mark.column + 1, problem))
        else:
            levels[rule_id] = level
    if problems:
        raise TermBaseError(problems)
    return levels


def _key(node: yaml.Node, name: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == name:
                return value
    return None


def _wrong(rule_id: str, level: str) -> str | None:
    if rule_id not in all_rules():
        import difflib

        close = difflib.get_close_matches(rule_id, list(all_rules()), n=1)
        return f"no rule '{rule_id}'" + (
            f": did you mean '{close[0]}'?" if close else ": see glossary check --list-rules"
        )
    if level not in LEVELS:
        return f"'{level}' is not a level: use error, warning, info or off"
    return None
