"""What the page templates are given: small typed records, so a template override knows its fields."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LinkView:
    """A link between glossary pages of one language: a Markdown file link (`customer.md`),
    which MkDocs checks and mkdocs-static-i18n resolves to the page in that language."""

    text: str
    href: str
    id: str | None = None
    lang: str | None = None  # set when the text is in another language (not yet translated)


@dataclass(frozen=True)
class TermView:
    text: str
    status: str
    status_label: str
    grammar: list[str]
    plural: str | None
    note: str | None


@dataclass(frozen=True)
class OtherLanguageView:
    code: str
    name: str
    term: str | None  # None: the concept is not translated into that language
    href: str


@dataclass(frozen=True)
class HomonymView:
    term: str
    link: LinkView
    definition: str | None


@dataclass(frozen=True)
class SenseView:
    text: str
    href: str
    definition: str | None


@dataclass(frozen=True)
class IndexEntry:
    text: str
    status: str
    status_label: str
    see: str | None  # the preferred term, for an entry that is not it
    href: str
    key: tuple[bytes, bool, str]  # sorts the entries: collation key, preferred first, concept id


@dataclass
class IndexSection:
    label: str
    anchor: str
    position: int
    entries: list[IndexEntry] = field(default_factory=list)


@dataclass(frozen=True)
class StatusRow:
    name: str
    kind_label: str
    counts: dict[str, int]
    percent: dict[str, float]


@dataclass(frozen=True)
class StatusDetail:
    name: str
    concepts: dict[str, list[LinkView]]  # the first STATUS_LISTED of each state
    pages: dict[str, list[str]]
    more: dict[str, int]  # how many more concepts each state has than are listed


@dataclass(frozen=True)
class UsageRow:
    """A concept on a language's usage page: how often, by which terms, on how many pages."""

    link: LinkView
    count: int
    terms: list[tuple[str, int, str]]  # (term, mentions, status), most used first
    pages: int


@dataclass(frozen=True)
class ChangeView:
    """A change on a language's recent-changes page."""

    date: object  # datetime.date
    link: LinkView
    what: list[str]  # what changed, in the page's language


@dataclass(frozen=True)
class LastChangeView:
    """The line at the foot of a concept page: when it last changed, and what."""

    date: object  # datetime.date
    what: list[str]
    changes_href: str  # the language's recent-changes page, from the concept page's source
