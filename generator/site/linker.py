"""Link term mentions in a page's HTML to their concept pages, whatever engine rendered it.

One pass over the article HTML: tags are read for what they say about the text
inside them (code, preformatted text, diagrams, links, headings, images, an
element marked `gl-no-link` or written in another language by its `lang`), and
every run of text outside those gets its mentions linked, longest term first,
the first mention of a concept per section (a heading starts a new one).
Explicit references `[[id]]` and `[[id|text]]` name a concept by id; they read
as plain text in any Markdown viewer and render as the concept's term in the
page's language.

Anchors are spliced into the HTML as written; nothing else of the page is
re-serialized, so a page without mentions is returned unchanged. The HTML is
what a Markdown renderer writes (well-formed, quoted attributes) or what a
person writes in raw HTML blocks; an end tag without its start is ignored and
one that closes several open elements closes them all.

A `Linker` (per page: language, own concept, where links point; see
`link_targets`) holds what one page needs; MkDocs calls it from the plugin,
other engines over the files they built.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..language.compounds import with_compounds
from ..language.matching import Mention, TermIndex
from ..termbase.model import nfc
from ..translation.markdown import REFERENCES

SKIP_TAGS = frozenset(
    (
        "a",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "script",
        "style",
        "svg",
        "math",
        "img",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "abbr",
        "button",
        "textarea",
        "select",
        "template",
        "title",
    )
)
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
SKIP_CLASSES = frozenset(("mermaid", "gl-terms", "gl-no-link", "arithmatex", "highlight"))
# Elements without content: never pushed on the stack of open elements.
VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)
# Elements whose content is text, not markup: read up to their end tag.
RAW_TEXT = frozenset(("script", "style", "textarea", "title"))
RAW_TEXT_END = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in RAW_TEXT}

TAG = re.compile(
    r"""<(?:
        !--.*?--> |                                      # a comment
        (?P<end>/)?(?P<name>[A-Za-z][^\s/>]*)            # a start or end tag,
        (?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>          #   with its attributes, quoted values may hold '>'
        | ![^>]*> | \?[^>]*>                             # a doctype, CDATA start or processing instruction
    )""",
    re.S | re.X,
)
ATTRIBUTE = re.compile(r"""([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
ENTITY = "&"


@dataclass
class Link:
    href: str  # the URL as it goes into the page
    title: str  # the tooltip, as plain text
    classes: str


@dataclass
class Linker:
    """What one page needs to link its mentions."""

    index: TermIndex
    lang: str  # the language of the page's text: its terms are the ones found
    own_concept: str | None
    link_for_mention: Callable[[Mention], Link | None]
    link_for_reference: Callable[[str], tuple[str, Link] | None]
    first_only: bool = True
    seconds: float = 0.0  # time spent linking, for the build's own accounting
    compounds: tuple | None = None  # (Compounds, senses): compounds of a term link to it (off by default)

    def link(self, page: str) -> str:
        """The page's HTML with its mentions and references linked."""
        start = time.perf_counter()
        try:
            return _Pass(self).run(page)
        finally:
            self.seconds += time.perf_counter() - start


@dataclass
class _Pass:
    linker: Linker
    linked: set[str] = field(default_factory=set)  # concepts (or sets of senses) linked in this section

    def run(self, page: str) -> str:
        out: list[str] = []
        open_tags: list[tuple[str, bool]] = []  # (tag, whether text inside it is left alone)
        skipping = 0  # how many open elements leave their text alone
        cursor = 0  # where the text not yet written starts
        text_from = 0  # where the current run of text starts
        search = TAG.search
        while True:
            match = search(page, text_from)
            text_end = match.start() if match else len(page)
            if not skipping and text_end > text_from:
                linked = self._text(page[text_from:text_end])
                if linked is not None:
                    out.append(page[cursor:text_from])
                    out.append(linked)
                    cursor = text_end
            if match is None:
                break
            text_from = match.end()
            name = match.group("name")
            if name is None:
                continue
            tag = name.lower()
            if match.group("end"):
                for depth in range(len(open_tags) - 1, -1, -1):
                    if open_tags[depth][0] == tag:
                        skipping -= sum(1 for _, skips in open_tags[depth:] if skips)
                        del open_tags[depth:]
                        break
                continue
            attrs = match.group("attrs")
            if tag in HEADINGS:
                self.linked.clear()
            skips = (bool(attrs) and self._skips(tag, attrs)) or tag in SKIP_TAGS
            if tag in RAW_TEXT:
                close = RAW_TEXT_END[tag].search(page, text_from)
                text_from = close.end() if close else len(page)
                continue
            if tag in VOID or attrs.rstrip().endswith("/"):
                continue
            open_tags.append((tag, skips))
            skipping += skips
        if cursor == 0:
            return page
        out.append(page[cursor:])
        return "".join(out)

    def _skips(self, tag: str, attrs: str) -> bool:
        """Whether the text inside an element with these attributes is left alone; an anchor that
        links a concept also counts as its first mention."""
        values = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in ATTRIBUTE.finditer(attrs)}
        if tag == "a" and values.get("data-concept"):
            self.linked.add(values["data-concept"])
        if SKIP_CLASSES.intersection(values.get("class", "").split()):
            return True
        lang = values.get("lang", values.get("xml:lang"))
        return lang is not None and lang.split("-")[0].lower() != self.linker.lang.split("-")[0].lower()

    def _text(self, raw: str) -> str | None:
        """A run of text with its references and mentions linked, or None when it has none."""
        escaped = ENTITY in raw
        text = nfc(html.unescape(raw) if escaped else raw)
        pieces: list[str] = []
        cursor = 0
        changed = False
        if "[[" in text:
            for match in REFERENCES.finditer(text):
                found = self.linker.link_for_reference(match.group(1).strip())
                if found is None:
                    continue  # left as written; the build reports it with its position
                term, link = found
                changed |= self._mentions(text, cursor, match.start(), pieces, escaped)
                pieces.append(_anchor(link, match.group(1).strip(), match.group(2) or term))
                self.linked.add(match.group(1).strip())
                cursor = match.end()
                changed = True
        changed |= self._mentions(text, cursor, len(text), pieces, escaped)
        return "".join(pieces) if changed else None

    def _mentions(self, text: str, start: int, end: int, pieces: list[str], escaped: bool) -> bool:
        """Append text[start:end] with its mentions linked; whether it had any."""
        linker, cursor, found = self.linker, start, False
        found_mentions = linker.index.mentions(text[start:end])
        if linker.compounds is not None:
            found_mentions = with_compounds(found_mentions, text[start:end], *linker.compounds)
        for mention in found_mentions:
            senses = {s.concept for s in mention.senses}
            if linker.own_concept in senses and len(senses) == 1:
                continue
            key = "|".join(sorted(senses))
            if linker.first_only and key in self.linked:
                continue
            link = linker.link_for_mention(mention)
            if link is None:
                continue
            self.linked.add(key)
            pieces.append(_text(text[cursor : start + mention.start], escaped))
            pieces.append(_anchor(link, next(iter(senses)) if len(senses) == 1 else None, mention.text))
            cursor = start + mention.end
            found = True
        pieces.append(_text(text[cursor:end], escaped))
        return found


def _text(text: str, escaped: bool) -> str:
    return html.escape(text, quote=False) if escaped else text


def _attribute(value: str) -> str:
    return html.escape(value, quote=False).replace('"', "&quot;")


def _anchor(link: Link, concept: str | None, text: str) -> str:
    """An anchor as Python-Markdown writes one (attributes in name order), so that linking in
    HTML gives the bytes linking inside Python-Markdown gave."""
    # Material shows the title as HTML (innerHTML): escaped once for that, so markup in a term or
    # definition is shown, never run, and once more as an attribute value.
    tooltip = _attribute(html.escape(link.title, quote=False))
    data = f' data-concept="{_attribute(concept)}"' if concept else ""
    return (
        f'<a class="{link.classes}"{data} href="{_attribute(link.href)}" title="{tooltip}">'
        f"{html.escape(text, quote=False)}</a>"
    )
