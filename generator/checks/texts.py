"""Text-quality checks of a translated text against its source text.

Term base definitions, notes and examples are prose typed by people in several
languages. Reviewers read them for meaning and miss the mechanical slips that
translate-toolkit's pofilter and Weblate's checks catch: stray spaces, doubled
words, unclosed brackets or quotation marks, and numbers, URLs, placeholders or
final punctuation that changed on the way from the source. Each slip becomes a
`TextIssue` with one of the rule ids declared here; the caller turns it into a
positioned finding.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..language.formats import foreign_numbers
from .findings import Rule
from .registry import declare

# text quality (translated fields against their source)
declare(
    Rule("empty-text", "error", "A text is empty or only whitespace.", "Write the text or remove the field."),
    Rule("whitespace", "warning", "Leading, trailing or doubled whitespace.", "Remove the extra spaces."),
    Rule(
        "invisible-characters",
        "warning",
        "A zero-width, bidirectional or control character hides in the text.",
        "Delete it: such characters make two equal-looking terms differ in lookups, links and checks.",
    ),
    Rule("doubled-word", "warning", "The same word twice in a row.", "Remove the repetition."),
    Rule(
        "number-format",
        "warning",
        "A number is written in English convention in a language that writes numbers otherwise (1,000 or 0.20 in "
        "German or Dutch).",
        "Write it as the language does (1.000; 0,20); put a version number in `code`.",
    ),
    Rule(
        "pasted-quotes",
        "warning",
        "A definition or note stands in quotation marks as a whole, as a text pasted from a word processor or a "
        "source often does.",
        "Remove the outer quotation marks: the term base writes definitions and notes as its own text.",
    ),
    Rule(
        "no-break-space",
        "warning",
        "A no-break space joins two words, as a text pasted from a word processor often does.",
        "Write a plain space: terms are matched, linked and looked up with plain spaces between their words.",
    ),
    Rule(
        "unbalanced-brackets",
        "warning",
        "An opening bracket without its closing one, or the reverse.",
        "Close or remove the bracket.",
    ),
    Rule(
        "unbalanced-quotes",
        "warning",
        "An opening quotation mark without its closing one, or the reverse.",
        "Close or remove the quotation mark (German „…“, Dutch ‘…’ or “…”).",
    ),
    Rule("numbers", "warning", "The numbers differ from the source text.", "Use the same numbers as the source."),
    Rule("urls", "warning", "The URLs differ from the source text.", "Use the same URLs as the source."),
    Rule(
        "placeholders",
        "error",
        "The placeholders differ from the source text.",
        "Keep every placeholder of the source ({name}, %s, {{ x }}) exactly as it is.",
    ),
    Rule(
        "end-punctuation",
        "warning",
        "The text ends with different punctuation than the source.",
        "End the text as the source does (full stop, question mark, colon...).",
    ),
)


@dataclass(frozen=True, slots=True)
class TextIssue:
    rule: str  # one of the rule ids above
    message: str  # what is wrong and what to do, quoting the offending text
    offset: int  # character offset in the checked text where the problem starts (0: the whole text)


def check_text(text: str, source: str | None, lang: str) -> list[TextIssue]:
    """Issues of `text` (language `lang`), ordered by offset.

    With `source` (the text it translates), the checks that compare the two run
    as well; with None, or an empty source, only those that judge the text alone.
    """
    if not text.strip():
        return [TextIssue("empty-text", "the text is empty: write it or remove the field", 0)]
    lang = re.split(r"[-_]", lang)[0].lower()  # "de-CH" follows the German rules
    # Most texts are clean: cheap screens (one C-level search each) skip the detailed checks,
    # which a term base of 10,000 concepts would otherwise run 150,000 times each.
    masked = _mask(text) if _maybe_code(text) else text
    issues = [
        TextIssue(
            "invisible-characters",
            f"invisible character U+{ord(m.group()):04X} ({unicodedata.name(m.group(), 'control')}) "
            f"in {_around(text, m.start(), m.end())}: delete it",
            m.start(),
        )
        for m in _INVISIBLE.finditer(text)
    ]
    if "  " in text or " \n" in text or "\t" in text or text != text.strip():
        issues += _whitespace(text)
    issues += [
        TextIssue(
            "no-break-space",
            f"a no-break space (U+{ord(m.group(2)):04X}) between “{m.group(1)}” and “{m.group(3)}”: write a plain space",
            m.start(2),
        )
        for m in (_WORD_NBSP_WORD.finditer(text) if _NBSP.search(text) else ())
    ]

    issues += number_format(masked, lang)
    if _maybe_doubled(masked):
        issues += _doubled_words(masked, lang)
    if _MAYBE_BRACKET.search(masked):
        issues += _brackets(masked)
    if _MAYBE_QUOTE.search(masked):
        issues += _quotes(masked)
    if source is not None and source.strip():
        if _MAYBE_NUMBER.search(text) or _MAYBE_NUMBER.search(source):
            issues += _numbers(text, source)
        if _maybe_code(text) or _maybe_code(source):
            issues += [*_urls(text, source), *_placeholders(text, source)]
        issues += _end_punctuation(text, source, lang)
    return sorted(issues, key=lambda issue: issue.offset)  # stable: equal offsets keep check order


def number_format(text: str, lang: str) -> list[TextIssue]:
    """Numbers in English convention in a language that writes them otherwise."""
    if not _MAYBE_NUMBER.search(text):
        return []
    return [
        TextIssue(
            "number-format",
            f"“{n.written}” is written the English way: write “{n.fixed}” (a version number belongs in `code`)",
            n.start,
        )
        for n in foreign_numbers(text, lang)
    ]


def pasted_quotes(text: str) -> TextIssue | None:
    """A definition or note that stands in quotation marks as a whole (an example may be a quote)."""
    pasted = _PASTED_QUOTES.match(text.strip())
    if pasted is None:
        return None
    return TextIssue(
        "pasted-quotes",
        f"the whole text stands in quotation marks {pasted.group(1)}…{pasted.group(3)}: remove them",
        len(text) - len(text.lstrip()),
    )


# --- helpers ---------------------------------------------------------------

_NBSP = re.compile("[\u00a0\u202f\u2007]")
# A no-break space between two words (not in "z. B.", "10 %" or "§ 1", where it is meant)
_WORD_NBSP_WORD = re.compile(r"(\w*[^\W\d_])([\u00a0\u202f\u2007])([^\W\d_]\w*)")
# Quotation marks around the whole text, with no closing mark of theirs inside
_PASTED_QUOTES = re.compile(r"^([“„‘‚«»\"])((?:(?![”“’‘»«\"]).)+)([”“’‘»«\"])$", re.S)


# Screens: a text that passes none of them cannot have the problem the check looks for.
def _maybe_code(text: str) -> bool:
    return "{" in text or "%" in text or "$" in text or "://" in text or "www." in text or "WWW." in text


_PUNCTUATION_TO_SPACE = str.maketrans({ch: " " for ch in ".,;:!?…()[]{}<>\"'„“”‚‘’«»‹›/\\-–—*_|\0"})


def _maybe_doubled(text: str) -> bool:
    words = text.casefold().translate(_PUNCTUATION_TO_SPACE).split()
    return any(a == b for a, b in itertools.pairwise(words))


# Zero-width, bidirectional-control and other format or control characters (not tab or line breaks).
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_MAYBE_BRACKET = re.compile(r"[()\[\]{}]")
_MAYBE_QUOTE = re.compile(r"[„“”‚‘’«»‹›\"]")
_MAYBE_NUMBER = re.compile(r"\d")


def _is_word(ch: str) -> bool:
    """Letters (with combining marks) and digits: what glues an apostrophe into a word."""
    return unicodedata.category(ch)[0] in "LMN"


def _quoted(text: str, start: int = 0, end: int | None = None) -> str:
    """`text[start:end]` between quotation marks, on one line and cut to a readable length."""
    part = text[start:end].replace("\n", " ")
    return f"“{part[:40] + '…' if len(part) > 40 else part}”"


def _around(text: str, start: int, end: int) -> str:
    """The span with a few characters either side, so the reader finds it in the text."""
    return _quoted(text, max(0, start - 12), end + 12)


# URLs end before whitespace and quotation marks; final sentence punctuation is not part of them.
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"„“”‚‘’«»‹›]+", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"\{\{.*?\}\}"  # Jinja, Mustache: {{ x }}
    r"|\$\{[^{}\s]+\}"  # shell, JavaScript templates: ${x}
    r"|\{[\w.\[\]]*(?:![rsa])?(?::[^{}\s]*)?\}"  # str.format: {} {0} {name} {x:>4}; not "{a, b}"
    # printf: %s %d %(name)s %5.2f; not German "100%ige" nor "50 % der" (no space flag)
    r"|%(?:\([\w.]+\))?[-+#0]*(?:\d+|\*)?(?:\.\d+)?[sdifxXeEgGcru](?![^\W\d_])"
)


def _urls_in(text: str) -> Iterator[tuple[str, int]]:
    """(URL, offset) of each URL, without the sentence punctuation or bracket that follows it."""
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?'")
        while url[-1] in ")]}" and url.count(url[-1]) > url.count({")": "(", "]": "[", "}": "{"}[url[-1]]):
            url = url[:-1].rstrip(".,;:!?'")  # "(see https://x.org/a)." ends the URL before ")."
        yield url, m.start()


def _mask(text: str, placeholders: bool = True) -> str:
    """The text with URLs (and placeholders) blanked out; same length, so offsets hold.

    Their brackets, digits and percent signs belong to code, not prose; the
    blank is a control character rather than a space so that "the {x} the"
    does not turn into a doubled word.
    """
    chars = list(text)
    for url, start in _urls_in(text):
        chars[start : start + len(url)] = "\0" * len(url)
    for m in _PLACEHOLDER.finditer("".join(chars)) if placeholders else ():
        chars[m.start() : m.end()] = "\0" * len(m.group())
    return "".join(chars)


# --- checks of the text alone ------------------------------------------------


def _whitespace(text: str) -> Iterator[TextIssue]:
    """Leading/trailing whitespace and runs of spaces; single line breaks are fine (YAML block scalars)."""
    lead = len(text) - len(text.lstrip())
    body_end = len(text.rstrip())
    if lead:
        yield TextIssue("whitespace", f"leading whitespace before {_quoted(text, lead, lead + 20)}: remove it", 0)
    if body_end < len(text):
        yield TextIssue(
            "whitespace",
            f"trailing whitespace after {_quoted(text, max(lead, body_end - 20), body_end)}: remove it",
            body_end,
        )
    for m in re.finditer(r"[^\S\r\n]+", text):
        if m.start() < lead or m.end() > body_end:
            continue
        if text[m.end()] in "\r\n":
            yield TextIssue(
                "whitespace",
                f"whitespace at the end of a line in {_around(text, m.start(), m.end())}: remove it",
                m.start(),
            )
        elif len(m.group()) > 1:
            yield TextIssue(
                "whitespace",
                f"{len(m.group())} consecutive spaces in {_around(text, m.start(), m.end())}: replace them with one",
                m.start(),
            )


# Doublings the grammar allows, so they are not slips: a German relative
# pronoun followed by an article, at the start of a relative clause (after a
# comma and at most a preposition: "der Anbieter, der der Kundin hilft", "die
# Strategie, nach der der Anbieter arbeitet"); Dutch "dat dat"/"die die";
# English "that that"/"had had".
_GRAMMATICAL_DOUBLES: dict[str, tuple[frozenset[str], bool]] = {  # lang: (words, only in a relative clause)
    "de": (frozenset({"der", "die", "das", "den", "dem"}), True),
    "nl": (frozenset({"dat", "die"}), False),
    "en": (frozenset({"that", "had"}), False),
}
_RELATIVE_CLAUSE_START = re.compile(r",\s*(?:\w+\s+)?$")  # text before the pronoun: ", " or ", nach "


def _doubled_words(text: str, lang: str) -> Iterator[TextIssue]:
    """The same word twice with only whitespace between ("the the"); numbers ("1 1") may repeat."""
    words = list(re.finditer(r"\w+", text))
    allowed, in_relative_clause = _GRAMMATICAL_DOUBLES.get(lang, (frozenset(), False))
    for first, second in itertools.pairwise(words):
        word = first.group().casefold()
        if word != second.group().casefold() or word.isdigit() or not text[first.end() : second.start()].isspace():
            continue
        if word in allowed and (not in_relative_clause or _RELATIVE_CLAUSE_START.search(text, 0, first.start())):
            continue
        yield TextIssue(
            "doubled-word", f"doubled word {_quoted(text, first.start(), second.end())}: remove one", second.start()
        )


_CLOSING_BRACKETS = {")": "(", "]": "[", "}": "{"}
_ENUMERATION = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[^\W\d_])\)")  # list labels "a)", "2)"


def _brackets(text: str) -> Iterator[TextIssue]:
    """(), [] and {} must pair up and nest; a ")" after a list label "a)" is no bracket when none is open."""
    labels = {m.end() - 1 for m in _ENUMERATION.finditer(text)}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in "([{":
            stack.append((ch, i))
        elif ch in _CLOSING_BRACKETS:
            opening = _CLOSING_BRACKETS[ch]
            if stack and stack[-1][0] == opening:
                stack.pop()
            elif i in labels and not any(o == "(" for o, _ in stack):
                continue
            elif any(o == opening for o, _ in stack):
                inner, at = stack[-1]
                k = max(k for k, (o, _) in enumerate(stack) if o == opening)
                del stack[k]  # the inner bracket stays open and may still be closed
                yield TextIssue(
                    "unbalanced-brackets",
                    f"“{ch}” in {_around(text, i, i + 1)} closes “{opening}” "
                    f"while “{inner}” opened in {_around(text, at, at + 1)} is still open: "
                    f"close “{inner}” first",
                    i,
                )
            else:
                yield TextIssue(
                    "unbalanced-brackets",
                    f"closing “{ch}” in {_around(text, i, i + 1)} has no opening “{opening}”: add it or remove “{ch}”",
                    i,
                )
    for ch, at in stack:
        closing = next(c for c, o in _CLOSING_BRACKETS.items() if o == ch)
        yield TextIssue(
            "unbalanced-brackets",
            f"“{ch}” opened in {_around(text, at, at + 1)} is not closed: add “{closing}” or remove “{ch}”",
            at,
        )


# Opening mark: the marks that close it. “ closes „ (German) but opens “…”
# (English, Dutch); ‘ closes ‚ (German) but opens ‘…’; » and « open and close
# each other (German »…«, Swiss «…»). ” and ’ only ever close.
_QUOTE_PAIRS = {"„": "“”", "“": "”", "‚": "‘’", "‘": "’", "«": "»", "»": "«", "‹": "›", "›": "‹"}
_QUOTE_MARKS = frozenset("„“”‚‘’«»‹›")


def _quotes(text: str) -> Iterator[TextIssue]:
    """Typographic quotation marks must pair up and nest; straight " must come in an even number.

    ’ is also the apostrophe: inside or at the start of a word (it’s, z’n,
    ’s avonds, ’t) and, when no quotation is open, after one (the customers’
    needs). The straight ' is left alone: it is far more often an apostrophe,
    a foot or minute sign than a quotation mark in these languages.
    """
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch not in _QUOTE_MARKS or (ch == "’" and i + 1 < len(text) and _is_word(text[i + 1])):
            continue
        if stack and ch in _QUOTE_PAIRS[stack[-1][0]]:
            stack.pop()
        elif ch in "„‚" or (
            ch in _QUOTE_PAIRS
            and not (i and not text[i - 1].isspace() and (i + 1 == len(text) or not _is_word(text[i + 1])))
        ):
            stack.append((ch, i))  # “ ‘ « » open before a word; right after one (Kunde“) they close
        elif ch == "’" and i and _is_word(text[i - 1]):
            continue  # possessive apostrophe after a plural: customers’
        elif any(ch in _QUOTE_PAIRS[o] for o, _ in stack):
            inner, at = stack[-1]
            k = max(k for k, (o, _) in enumerate(stack) if ch in _QUOTE_PAIRS[o])
            opening = stack.pop(k)[0]
            yield TextIssue(
                "unbalanced-quotes",
                f"quotation mark {ch} in {_around(text, i, i + 1)} closes "
                f"{opening} while {inner} opened in {_around(text, at, at + 1)} is still open: "
                f"close {inner} first",
                i,
            )
        else:
            yield TextIssue(
                "unbalanced-quotes",
                f"closing quotation mark {ch} in {_around(text, i, i + 1)} has no "
                "opening one: add it or remove this one",
                i,
            )
    for ch, at in stack:
        closers = " or ".join(_QUOTE_PAIRS[ch])
        hint = " (an apostrophe is ’)" if ch in "‘‚" else ""
        yield TextIssue(
            "unbalanced-quotes",
            f"quotation mark {ch} opened in {_around(text, at, at + 1)} is not "
            f"closed: add the closing {closers} or remove it{hint}",
            at,
        )
    straight = [i for i, ch in enumerate(text) if ch == '"']
    if len(straight) % 2:
        last = straight[-1]  # which one is stray is a guess; the last is the likeliest
        yield TextIssue(
            "unbalanced-quotes",
            f'odd number ({len(straight)}) of straight quotation marks ": close '
            f"the quotation or remove the stray one, probably in {_around(text, last, last + 1)}",
            last,
        )


# --- checks against the source -----------------------------------------------

# A digit run not glued to a preceding letter (B2B, ISO9001 are names, not
# numbers), with thousands separators removed: 1,000 = 1.000 = 1 000 = 1000.
_NUMBER = re.compile(r"(?<![^\W\d_])(?<!\d)(?:\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+)")


def _differences(rule: str, what: str, here: list[tuple[str, int]], there: list[str], fix: str) -> Iterator[TextIssue]:
    """One issue listing every item the source and the translation do not share as often.

    `here` holds (item, offset) of the translation, `there` the source's items. A changed
    number is one slip ("34 is missing, 35 is not in the source"), so it gives one issue,
    placed at the first item of the translation that it holds too often, or at 0 when
    items are only missing.
    """
    counts, source_counts = Counter(item for item, _ in here), Counter(there)
    if counts == source_counts:
        return
    parts = []
    for item in dict.fromkeys([*there, *(item for item, _ in here)]):
        n, m = counts[item], source_counts[item]
        if n != m:
            parts.append(
                f"{item} is missing"
                if not n
                else f"{item} is not in the source"
                if not m
                else f"{item} occurs {n}× here but {m}× in the source"
            )
    offset = next((at for item, at in here if counts[item] > source_counts[item]), 0)
    yield TextIssue(rule, f"{what} differ from the source: {', '.join(parts)}; {fix}", offset)


def _numbers(text: str, source: str) -> Iterator[TextIssue]:
    """The translation must hold the numbers of the source, as often, and no others."""

    def numbers(s: str) -> list[tuple[str, int]]:
        return [(re.sub(r"\D", "", m.group()), m.start()) for m in _NUMBER.finditer(_mask(s))]

    yield from _differences(
        "numbers", "numbers", numbers(text), [n for n, _ in numbers(source)], "use the numbers of the source"
    )


def _urls(text: str, source: str) -> Iterator[TextIssue]:
    """The translation must link the same URLs as the source; order and repetition do not matter."""
    here: dict[str, int] = {}
    for url, at in _urls_in(text):
        here.setdefault(url, at)
    there = list(dict.fromkeys(url for url, _ in _urls_in(source)))
    yield from _differences("urls", "URLs", list(here.items()), there, "use the URLs of the source")


def _placeholders(text: str, source: str) -> Iterator[TextIssue]:
    """Software fills placeholders in, so each must survive translation exactly, and as often."""

    def found(s: str) -> list[tuple[str, int]]:
        return [(m.group(), m.start()) for m in _PLACEHOLDER.finditer(_mask(s, placeholders=False))]

    yield from _differences(
        "placeholders",
        "placeholders",
        found(text),
        [p for p, _ in found(source)],
        "copy the placeholders of the source unchanged",
    )


# The class of a final punctuation mark; "…" and "..." are both a full stop.
_END_CLASSES = {
    ".": ".",
    "…": ".",
    "。": ".",
    "?": "?",
    "？": "?",
    "؟": "?",
    "!": "!",
    "！": "!",
    ":": ":",
    "：": ":",
    ";": ";",
    "；": ";",
}
_END_SKIPPED = frozenset("\"'„“”‚‘’«»‹›)]}")


def _ending(text: str, lang: str) -> tuple[str, str, int]:
    """(class, mark, offset) of the final punctuation, looking past closing quotes and brackets."""
    i = len(text.rstrip()) - 1
    while i >= 0 and (text[i] in _END_SKIPPED or text[i].isspace()):
        i -= 1
    ch = text[i] if i >= 0 else ""
    kind = "?" if lang == "el" and ch == ";" else _END_CLASSES.get(ch, "")  # Greek question mark
    if not kind:
        return "", "", i + 1
    mark = "..." if text[max(0, i - 2) : i + 1] == "..." else ch
    return kind, mark, i + 1 - len(mark)


def _end_punctuation(text: str, source: str, lang: str) -> Iterator[TextIssue]:
    """A definition ending in ":" where the source ends in "." usually lost or gained a sentence."""
    kind, mark, at = _ending(text, lang)
    source_kind, source_mark, _ = _ending(source, "")
    if kind != source_kind:
        here = f"ends with “{mark}”" if kind else "ends without punctuation"
        there = f"the source ends with “{source_mark}”" if source_kind else "the source ends without punctuation"
        yield TextIssue("end-punctuation", f"{here} but {there}: end it as the source does", at)
