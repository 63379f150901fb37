"""Admonitions without a title get one in the page's language (issue 17)."""

from __future__ import annotations

import markdown

from generator.translation.admonitions import with_titles
from generator.translation.labels import labels


def rendered(text: str, lang: str) -> str:
    titled = with_titles(text, labels(lang)["admonition_titles"])
    return markdown.markdown(titled, extensions=["admonition", "pymdownx.details", "pymdownx.superfences"])


def test_an_untitled_admonition_is_headed_in_the_page_language():
    text = '!!! note\n    Ein Hinweis.\n\n??? tip inline end\n    Ein Tipp.\n\n!!! warning "Eigener Titel"\n    Text.\n'
    html = rendered(text, "de")
    assert '<p class="admonition-title">Hinweis</p>' in html
    assert '<details class="tip inline end">\n<summary>Tipp</summary>' in html
    assert '<p class="admonition-title">Eigener Titel</p>' in html
    assert '<p class="admonition-title">Opmerking</p>' in rendered("!!! note\n    Tekst.\n", "nl")
    assert '<p class="admonition-title">Note</p>' in rendered("!!! note\n    Text.\n", "en")


def test_admonitions_in_code_and_unknown_types_are_left_as_written():
    text = "```\n!!! note\n```\n\n!!! grading\n    Text.\n"
    titled = with_titles(text, labels("de")["admonition_titles"])
    assert titled == text
