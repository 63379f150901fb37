"""What other tools' statuses mean in ours: one policy for every importer.

Tools mark terms in many ways: TBX's `administrativeStatus` values with or
without their `-admn-sts` suffix, `normativeAuthorization`, the bare words
tools write ("obsolete", "forbidden"), usage notes that tell people to avoid a
term. The rule that matters most: **a term any of these marks as forbidden,
obsolete, superseded or deprecated is never made preferred.** When a language
has no acceptable term, it gets no preferred term, and the import says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Normalized written status (lowercase, no "-admn-sts", no spaces, hyphens or underscores) -> ours.
_STATUSES = {
    "preferred": "preferred",
    "preferredterm": "preferred",
    "standardized": "preferred",
    "standardizedterm": "preferred",
    "admitted": "admitted",
    "admittedterm": "admitted",
    "permitted": "admitted",
    "permittedterm": "admitted",
    "legalterm": "admitted",
    "regulatedterm": "admitted",
    "deprecated": "deprecated",
    "deprecatedterm": "deprecated",
    "superseded": "deprecated",
    "supersededterm": "deprecated",
    "obsolete": "deprecated",
    "obsoleteterm": "deprecated",
    "forbidden": "deprecated",
    "forbiddenterm": "deprecated",
    "rejected": "deprecated",
    "rejectedterm": "deprecated",
    "notrecommended": "deprecated",
    "donotuse": "deprecated",
}
# Written exactly as ours: no note needed.
_OURS = {"preferred", "preferredterm", "admitted", "admittedterm", "deprecated", "deprecatedterm"}

# A usage note that tells people not to use the term it belongs to.
FORBIDDING = re.compile(
    r"\b(?:avoid|do not use|don't use|not to be used|should not be used|must not be used|forbidden|"
    r"deprecated|obsolete|superseded|not recommended|no longer used)\b",
    re.IGNORECASE,
)


def _key(text: str) -> str:
    text = text.strip().lower()
    text = text.removesuffix("-admn-sts")
    return re.sub(r"[\s_\-]+", "", text)


def status_of(text: str) -> str | None:
    """Our status for a written one, or None when it is not a status anyone uses."""
    return _STATUSES.get(_key(text))


def is_ours(text: str) -> bool:
    """Written as our own status (preferredTerm-admn-sts, deprecated, ...): nothing to report."""
    return _key(text) in _OURS


def forbids(note: str) -> bool:
    """Whether a usage note tells people to avoid the term."""
    return FORBIDDING.search(note) is not None


@dataclass
class Settled:
    """A language section's statuses after `settle`, and what it had to decide."""

    statuses: list[str]
    made_preferred: int | None = None  # the term made preferred when none was
    second_preferred: list[int] = field(default_factory=list)  # kept as admitted
    unmarked: list[int] = field(default_factory=list)  # no status: kept as admitted
    none_acceptable: bool = False  # every term deprecated: the section gets no preferred term


def settle(written: list[str | None], pick: bool = True) -> Settled:
    """One preferred term per section, never a deprecated one. With none preferred, the first term
    without a status or admitted is made preferred (`pick`); when every term is deprecated, none is."""
    result = Settled(list(written))  # type: ignore[arg-type]
    preferred = [i for i, status in enumerate(written) if status == "preferred"]
    if not preferred and pick:
        result.made_preferred = next((i for i, s in enumerate(written) if s in (None, "admitted")), None)
        if result.made_preferred is None:
            result.none_acceptable = True
        else:
            result.statuses[result.made_preferred] = "preferred"
    for i in preferred[1:]:
        result.statuses[i] = "admitted"
        result.second_preferred.append(i)
    for i, status in enumerate(result.statuses):
        if status is None:
            result.statuses[i] = "admitted"
            result.unmarked.append(i)
    return result


def stronger(current: str | None, new: str) -> str:
    """Of two statuses a term has been given, the less recommended: a warning is never lost."""
    order = {"preferred": 0, "admitted": 1, "deprecated": 2}
    if current is None:
        return new
    return new if order[new] > order[current] else current
