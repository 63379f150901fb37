"""Python-Markdown extension that links term mentions to their concept pages.

It works on the parsed document, so it sees structure instead of guessing it
from text: code, preformatted blocks, diagrams and raw HTML are stashed or
skipped, headings and existing links are skipped, and a heading starts a new
section for the "first mention only" rule. Explicit references `[[id]]` and
`[[id|text]]` name a concept by id; they read as plain text in any Markdown
viewer and render as the concept's term in the page's language.

The extension asks a `Linker` (per page: language, own concept, where links
point; see `link_targets`) what to do; the build supplies one for each page.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..language.matching import Mention, TermIndex
from ..termbase.model import nfc
from ..translation.markdown import REFERENCE

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
    )
)
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
SKIP_CLASSES = frozenset(("mermaid", "gl-terms", "gl-no-link", "arithmatex", "highlight"))
STASH = re.compile("\x02[^\x03]*\x03")


@dataclass
class Link:
    href: str
    title: str
    classes: str


@dataclass
class Linker:
    """What one page needs to link its mentions."""

    index: TermIndex
    own_concept: str | None
    link_for_mention: Callable[[Mention], Link | None]
    link_for_reference: Callable[[str], tuple[str, Link] | None]
    first_only: bool = True
    linked: set[str] = field(default_factory=set)
    seconds: float = 0.0  # time spent linking this page, for the build's own accounting


class MentionLinker(Treeprocessor):
    def __init__(self, md: Markdown, current: Callable[[], Linker | None]):
        super().__init__(md)
        self.current = current

    def run(self, root: etree.Element) -> None:
        linker = self.current()
        if linker is None:
            return
        start = time.perf_counter()
        linker.linked.clear()
        self._walk(root, linker)
        linker.seconds += time.perf_counter() - start

    def _walk(self, element: etree.Element, linker: Linker) -> None:
        for child in list(element):
            if child.tag in HEADINGS:
                linker.linked.clear()
            if child.tag == "a" and child.get("data-concept"):
                linker.linked.add(child.get("data-concept"))
            skip = child.tag in SKIP_TAGS or bool(SKIP_CLASSES.intersection((child.get("class") or "").split()))
            if not skip:
                if child.text:
                    head, anchors = self._link(child.text, linker)
                    if anchors:
                        child.text = head
                        for k, anchor in enumerate(anchors):
                            child.insert(k, anchor)
                self._walk(child, linker)
            if child.tail:
                head, anchors = self._link(child.tail, linker)
                if anchors:
                    child.tail = head
                    at = list(element).index(child) + 1
                    for k, anchor in enumerate(anchors):
                        element.insert(at + k, anchor)

    def _link(self, original: str, linker: Linker) -> tuple[str, list[etree.Element]]:
        """Split text into leading text and anchors (each carrying the text after it as tail)."""
        text = nfc(original)
        anchors: list[etree.Element] = []
        head_parts: list[str] = []
        cursor = 0
        for start, end in _unstashed(text):
            for mention in linker.index.mentions(text[start:end]):
                senses = {s.concept for s in mention.senses}
                if linker.own_concept in senses and len(senses) == 1:
                    continue
                key = "|".join(sorted(senses))
                if linker.first_only and key in linker.linked:
                    continue
                link = linker.link_for_mention(mention)
                if link is None:
                    continue
                linker.linked.add(key)
                a = etree.Element("a", {"href": link.href, "title": link.title, "class": link.classes})
                if len(senses) == 1:
                    a.set("data-concept", next(iter(senses)))
                a.text = mention.text
                before = text[cursor : start + mention.start]
                if anchors:
                    anchors[-1].tail = before
                else:
                    head_parts.append(before)
                anchors.append(a)
                cursor = start + mention.end
        if not anchors:
            return original, []
        anchors[-1].tail = text[cursor:]
        return "".join(head_parts), anchors


def _unstashed(text: str) -> list[tuple[int, int]]:
    """Spans of text outside Python-Markdown's stash placeholders (raw HTML, code, diagrams)."""
    if "\x02" not in text:
        return [(0, len(text))]
    spans, cursor = [], 0
    for match in STASH.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return spans


class ReferenceProcessor(InlineProcessor):
    """`[[concept-id]]` or `[[concept-id|text]]`: an explicit link to one sense."""

    def __init__(self, pattern: str, current: Callable[[], Linker | None]):
        super().__init__(pattern)
        self.current = current

    def handleMatch(self, m: re.Match[str], data: str):  # noqa: N802 (Python-Markdown's name)
        linker = self.current()
        if linker is None:
            return None, None, None
        concept_id = m.group(1).strip()
        found = linker.link_for_reference(concept_id)
        if found is None:
            return None, None, None  # left as written; the build reports it with its position
        term, link = found
        a = etree.Element(
            "a", {"href": link.href, "title": link.title, "class": link.classes, "data-concept": concept_id}
        )
        a.text = m.group(2) or term
        return a, m.start(0), m.end(0)


class GlossaryLinks(Extension):
    def __init__(self, current: Callable[[], Linker | None]):
        super().__init__()
        self.current = current

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.inlinePatterns.register(ReferenceProcessor(REFERENCE, self.current), "glossary-reference", 175)
        # after inline patterns (20), before MkDocs turns .md links into URLs (relpath, 0)
        md.treeprocessors.register(MentionLinker(md, self.current), "glossary-mentions", 6)
