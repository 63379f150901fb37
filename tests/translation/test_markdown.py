"""What in a page is prose, and where its explicit references are: one set of rules for checks and build."""

from __future__ import annotations

from generator.translation.markdown import position, prose, references

PAGE = """---
title: "[[front-matter]]"
---
# Guide with [[customer]]

Text [[customer]] and [[custmer|the customer]] and [[ user ]].

```
[[in-a-fence]]
```

~~~~ python
[[in-a-tilde-fence]]
~~~~

Inline `[[in-a-span]]` and <!-- [[in-a-comment]] --> and [a link](x.md "[[title]]").
"""


def test_references_outside_code_with_their_line_column_and_what_is_wrong():
    found = references(PAGE, {"customer", "user"})
    assert [(r.line, r.column, r.concept) for r in found] == [
        (4, 14, "customer"),
        (6, 6, "customer"),
        (6, 23, "custmer"),
        (6, 52, "user"),
    ]
    assert [r.message for r in found] == [None, None, "[[custmer]] names no concept: did you mean [[customer]]?", None]


def test_an_unclosed_fence_is_prose_as_python_markdown_renders_it():
    found = references("```\n[[customer]]\n", {"customer"})
    assert [(r.line, r.column) for r in found] == [(2, 1)]


def test_prose_blanks_code_comments_link_targets_and_references_but_keeps_offsets():
    text = prose(PAGE)
    assert len(text) == len(PAGE) and text.count("\n") == PAGE.count("\n")
    for hidden in ("front-matter", "in-a-fence", "in-a-tilde-fence", "in-a-span", "in-a-comment", "x.md", "[["):
        assert hidden not in text, hidden
    assert "Guide with" in text and "a link" in text
    at = PAGE.index("Inline")
    assert position(PAGE, at) == (16, 1) and text[at : at + 6] == "Inline"
