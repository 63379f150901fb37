"""Property tests of the loader: whatever a term base file holds, loading it gives
either a sound term base or problems that each name the file, a line and a
column, never a traceback."""

from __future__ import annotations

import yaml
from conftest import HEADER, TERMBASE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.errors import TermBaseError
from generator.termbase import loader
from generator.termbase.model import TermBase

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
REAL = TERMBASE.read_text("utf-8")
REAL_LINES = REAL.splitlines(keepends=True)

# Names the schema knows, so that generated documents get past the first checks.
KEYS = [
    "source_language",
    "languages",
    "concepts",
    "sources",
    "title",
    "name",
    "terms",
    "term",
    "status",
    "definition",
    "notes",
    "examples",
    "pos",
    "gender",
    "plural",
    "type",
    "note",
    "same_as_source",
    "broader",
    "narrower",
    "related",
    "homonyms",
    "diagrams",
    "subject",
    "en",
    "de",
    "nl",
    "index",
    "customer",
    "user",
    "preferred",
    "admitted",
    "deprecated",
    "noun",
    "masculine",
    "lang",
    "url",
    "date",
]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
SCALARS = st.one_of(
    st.sampled_from(KEYS), TEXT, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none(), st.dates()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), TEXT, st.integers()), inner, max_size=5),
    ),
    max_leaves=25,
)


def outcome(text: str) -> TermBase | None:
    """Load, and check the property: a term base, or positioned problems."""
    try:
        return loader.load_text(text, "tb.yaml")
    except TermBaseError as error:
        lines = text.count("\n") + 2
        assert error.problems
        for problem in error.problems:
            assert problem.file == "tb.yaml"
            assert 1 <= problem.line <= lines, (problem, lines)
            assert problem.column >= 1
            assert problem.message.strip()
        return None


@SETTINGS
@given(st.text(max_size=400))
@example("concepts: !!python/object/apply:os.system [ls]")
@example("a: &x [1]\nb: *x")
@example("\ufeffsource_language: en\r\n")
@example("concepts: " + "[" * 5000)
def test_any_text_loads_or_is_refused_with_positions(text):
    outcome(text)


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6), st.booleans())
@example({"concepts": {"source_language": {0: None}}}, False)  # a number as a key crashed the explanations
def test_any_yaml_document_loads_or_is_refused_with_positions(document, flow):
    outcome(yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow, sort_keys=False))


@SETTINGS
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True) | TEXT,
        st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=4),
        max_size=4,
    )
)
def test_any_concepts_load_or_are_refused_with_positions(concepts):
    body = yaml.safe_dump({"concepts": concepts}, allow_unicode=True, sort_keys=False)
    outcome(HEADER.replace("concepts:\n", "") + body)


@SETTINGS
@given(
    st.lists(
        st.tuples(st.integers(0, len(REAL_LINES) - 1), st.sampled_from(["drop", "copy", "cut", "insert"]), TEXT),
        min_size=1,
        max_size=4,
    )
)
def test_any_edit_of_the_real_term_base_loads_or_is_refused_with_positions(edits):
    lines = list(REAL_LINES)
    for at, kind, text in edits:
        at = min(at, len(lines) - 1)
        if kind == "drop":
            del lines[at]
        elif kind == "copy":
            lines.insert(at, lines[at])
        elif kind == "cut":
            lines[at] = lines[at][: len(lines[at]) // 2] + "\n"
        else:
            lines[at] = lines[at].rstrip("\n") + text + "\n"
    outcome("".join(lines))
