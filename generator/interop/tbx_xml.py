"""Reading TBX files safely, and the small helpers every part of the import uses.

Input is parsed without DTDs, entity expansion or network; any <!ENTITY>
declaration is refused, and files over MAX_BYTES are refused before parsing.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

from lxml import etree

from ..errors import Problem, TermBaseError
from ..termbase import ids

MAX_BYTES = 200 * 1024 * 1024  # larger files are refused before parsing: split them
# SDLX writes its cross-references into texts: "See <A=c175:c175-en-t1>secondary color</A>."
SDLX_LINK = re.compile(r"<A=([^:>\s]+)(?::[^>]*)?>(.*?)</A>", re.S)


def parse(raw: bytes, display: str) -> etree._Element:
    if len(raw) > MAX_BYTES:
        raise TermBaseError(
            [
                Problem(
                    display,
                    1,
                    1,
                    (
                        f"the file is {len(raw) / 1048576:.1f} MB; TBX import reads at most {MAX_BYTES // 1048576} MB: "
                        "split the term base into smaller files (for example by subject field)"
                    ),
                )
            ]
        )
    # Refused before parsing: entity declarations can read local files (XXE),
    # reach the network or expand exponentially (billion laughs).
    found = re.search(rb"<!ENTITY", raw)
    if found:
        line, column = byte_position(raw, found.start())
        raise TermBaseError(
            [
                Problem(
                    display,
                    line,
                    column,
                    (
                        "entity declarations are not allowed: TBX files do not need them and they can read files "
                        "or expand without limit; remove the <!ENTITY ...> declarations from the DOCTYPE"
                    ),
                )
            ]
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (1, 1)
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or "syntax error")
        raise TermBaseError(
            [
                Problem(
                    display,
                    max(line, 1),
                    max(column, 1),
                    (
                        f"the file is not well-formed XML ({message}): fix the XML at this position, "
                        "or export the TBX again from its tool"
                    ),
                )
            ]
        ) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and next(iter(dtd.iterentities()), None) is not None:
        # only reached when the prefilter cannot see the text (e.g. UTF-16 input)
        raise TermBaseError(
            [
                Problem(
                    display,
                    1,
                    1,
                    ("entity declarations are not allowed: remove the <!ENTITY ...> declarations from the DOCTYPE"),
                )
            ]
        )
    return root


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def elements(el: etree._Element) -> Iterator[etree._Element]:
    """Element children only: comments and processing instructions carry no data."""
    return (child for child in el if isinstance(child.tag, str))


def local(el: etree._Element) -> str:
    return etree.QName(el).localname


def source_slug(text: str) -> str:
    """A short id for a source known only by its text: a URL gives host and last path part."""
    match = re.match(r"^(?:https?://)?(?:www\.)?([A-Za-z0-9.-]+\.[A-Za-z]{2,})(/[^?#]*)?", text)
    if match:
        parts = [p for p in urllib.parse.unquote(match.group(2) or "").split("/") if p]
        last = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", parts[-1]) if parts else ""
        slug = ids.slugify(f"{match.group(1)} {last}")
    else:
        slug = ids.slugify(text)
    return slug[:60].strip("-") or "source"


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
