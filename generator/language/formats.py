"""Numbers and dates as each language writes them (CLDR, through Babel): 1,000 and 0.20 in
English, 1.000 and 0,20 in German and Dutch; Aug 27, 2019, 27.08.2019, 27-08-2019. Every
figure and date the generator or the benchmarks write into a page goes through `number`
or `date`, so that no German or Dutch page prints "1,000" (which reads as one there)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol


@lru_cache(maxsize=256)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def number(value: float | int, lang: str, digits: int | None = None) -> str:
    """`value` in `lang`'s conventions; with `digits`, exactly that many decimals."""
    if digits is None:
        return format_decimal(value, locale=_locale(lang), group_separator=True)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale(lang), decimal_quantization=True)


def date(value: datetime.date | str, lang: str) -> str:
    """A date as `lang` writes it, with the year in full: the short CLDR form (27-08-2019),
    or the medium one where the short form cuts the year (27.08.2019, not 27.08.19). A date
    given only in part ("2019", "2019-08") is shown as written."""
    from babel.dates import format_date

    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    locale = _locale(lang)
    short = locale.date_formats["short"].pattern
    width = "short" if "yyyy" in short or re.search(r"(?<!y)y(?!y)", short) else "medium"
    return format_date(value, format=width, locale=locale)


def percent(value: float, lang: str) -> str:
    """`value` per cent, rounded to a whole number, as `lang` writes it (12 %, 12%)."""
    from babel.numbers import format_percent

    return format_percent(round(value) / 100, locale=_locale(lang))


@dataclass(frozen=True, slots=True)
class ForeignNumber:
    start: int
    end: int
    written: str
    fixed: str  # the same number in the language's own convention


_DOT_DECIMAL = re.compile(r"(?<![\w.,])(\d+)\.(\d{1,2}|\d{4,})(?![\w.]|,\d)")  # 0.20, 3.14159 (not 1.000)
_COMMA_GROUPS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w,]|\.\d)")  # 1,000 and 10,000


@lru_cache(maxsize=256)
def _symbols(lang: str) -> tuple[str, str]:
    locale = _locale(lang)
    return get_decimal_symbol(locale), get_group_symbol(locale)


def foreign_numbers(text: str, lang: str) -> list[ForeignNumber]:
    """Numbers written in English convention where `lang` writes them otherwise: in German or
    Dutch "1,000" reads as one and "0.20" is no decimal. Dates (27.08.2019) and versions
    (0.0.73) are left alone. Nothing is reported for a language that writes numbers the
    English way."""
    decimal, group = _symbols(lang)
    if decimal != ",":
        return []
    found = [
        ForeignNumber(m.start(), m.end(), m.group(), f"{m.group(1)},{m.group(2)}") for m in _DOT_DECIMAL.finditer(text)
    ]
    found += [
        ForeignNumber(m.start(), m.end(), m.group(), m.group().replace(",", group))
        for m in _COMMA_GROUPS.finditer(text)
    ]
    return sorted(found, key=lambda n: n.start)
