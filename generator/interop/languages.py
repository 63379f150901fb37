"""Language codes and names: what files call their languages, and what the term base calls them.

Files name languages by code in any casing (`EN`, `pt_br`), by English name
(Crowdin: "German", "Portuguese (Brazilian)"), or not at all (a definition with
no xml:lang). Babel's CLDR data and simplemma's word lists answer for all.
"""

from __future__ import annotations

import difflib
from functools import cache, lru_cache


def normalise_code(code: str) -> str:
    """BCP 47 casing: en, pt-BR, sr-Latn (tags are case-insensitive, our keys are not)."""
    parts = code.strip().replace("_", "-").split("-")
    return "-".join(
        [parts[0].lower()] + [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in parts[1:]]
    )


@cache
def language_name(code: str) -> str | None:
    """The language's own name from Babel (CLDR), else its English name; None if unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code, sep="-").get_display_name() or code
    except (UnknownLocaleError, ValueError):
        pass
    primary, _, rest = code.partition("-")
    try:
        native = Locale.parse(primary).get_display_name()
    except (UnknownLocaleError, ValueError):
        native = Locale("en").languages.get(primary)
    if native is None:
        return None
    return f"{native} ({rest})" if rest else native


def language_scores(text: str, languages: tuple[str, ...]) -> list[tuple[str, float]]:
    """How much of a text reads as each language (simplemma's word lists), best first; codes kept as given."""
    import simplemma

    primary = {}
    for code in languages:
        try:
            simplemma.is_known("a", lang=code.split("-")[0].lower())
        except ValueError:  # a language simplemma has no word list for
            continue
        primary[code.split("-")[0].lower()] = code
    if not primary:
        return []
    return [
        (primary[code], score) for code, score in simplemma.langdetect(text, lang=tuple(primary)) if code in primary
    ]


@lru_cache(maxsize=1)
def _english_names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    from babel import Locale

    english = Locale("en")
    languages = {name.casefold(): code for code, name in english.languages.items() if "_" not in code}
    territories = {name.casefold(): code for code, name in english.territories.items() if code.isalpha()}
    scripts = {name.casefold(): code for code, name in english.scripts.items()}
    return languages, territories, scripts


# Names tools use that are not CLDR's English names (CLDR says "Bangla", "Myanmar (Burmese)").
OTHER_NAMES = {
    "bengali": "bn",
    "burmese": "my",
    "kirghiz": "ky",
    "pushto": "ps",
    "panjabi": "pa",
    "farsi": "fa",
    "flemish": "nl-BE",
}
CROWDIN_NAMES = {
    "chinese simplified": "zh-Hans",
    "chinese traditional": "zh-Hant",
    "portuguese, brazilian": "pt-BR",
    "portuguese (brazilian)": "pt-BR",
    "spanish (modern)": "es",
    "spanish, modern": "es",
    "serbian (cyrillic)": "sr-Cyrl",
    "serbian (latin)": "sr-Latn",
}


def language_code(name: str) -> tuple[str | None, str]:
    """A language code for an English language name, and how it was found when not exactly."""
    folded = " ".join(name.casefold().split())
    if folded in CROWDIN_NAMES:
        return CROWDIN_NAMES[folded], ""
    languages, territories, scripts = _english_names()
    if folded in languages:
        return languages[folded], ""
    if folded in OTHER_NAMES:
        return OTHER_NAMES[folded], ""
    base, _, qualifier = folded.partition(" (")
    qualifier = qualifier.rstrip(")")
    code = languages.get(base) or OTHER_NAMES.get(base)
    how = ""
    if code is None:
        close = difflib.get_close_matches(base, list(languages), n=1, cutoff=0.85)
        if not close:
            return None, ""
        code, how = languages[close[0]], f"taken as {close[0].title()}"
    if qualifier in territories:
        return f"{code}-{territories[qualifier]}", how
    if qualifier in scripts:
        return f"{code}-{scripts[qualifier]}", how
    if qualifier:
        how = ", ".join(p for p in (how, f"'{qualifier}' ignored") if p)
    return code, how
