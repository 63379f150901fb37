"""Concept ids: what makes one, and the one way to turn any text into one.

An id is a lowercase ASCII slug (`end-customer`): the address of the concept's
page in every language, a file name on every disk, a key in YAML. Validation
messages suggest one and importers make one by the same `slugify`, so
`Über-Kunden` becomes `uber-kunden` everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_LENGTH = 100  # the schema's longest id
# Ids whose page would take the place of one the site generates itself (glossary/index, glossary/senses/).
RESERVED = frozenset(("index", "senses"))
# Names Windows reserves for devices in any folder: a page folder glossary/con/ cannot exist there.
DEVICE_NAMES = frozenset(("con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))))


def slugify(text: str, fallback: str = "") -> str:
    """Lowercase ASCII letters and digits joined by single hyphens, accents folded (Ü -> u),
    at most MAX_LENGTH characters; `fallback` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_LENGTH].strip("-") or fallback


def is_slug(value: str) -> bool:
    return len(value) <= MAX_LENGTH and SLUG.match(value) is not None


def unique(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken yet."""
    if base not in taken:
        return base
    stem = base[: MAX_LENGTH - 5].rstrip("-")  # cut at a hyphen, "-2" would make "--2": not a slug
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def suggestion(value: str) -> str:
    """The id to propose for a text that is not one."""
    return slugify(value, "my-concept")


def unusable(concept_id: str) -> str | None:
    """Why a well-formed slug still cannot be a concept id, or None."""
    if concept_id in RESERVED:
        return f"the site uses glossary/{concept_id} for its own pages"
    if concept_id in DEVICE_NAMES:
        return "Windows reserves the name, so its page could not be saved or checked out there"
    return None
