"""Diagrams drawn from the term base: labels in the page's language, homonyms apart, text kept text."""

from __future__ import annotations

import re

import pytest
from conftest import HEADER, ROOT, TERMBASE, write

from generator.site.diagrams import Diagrams, mermaid_text
from generator.termbase import loader
from generator.translation.labels import labels


@pytest.fixture(scope="module")
def project_diagrams():
    return Diagrams(loader.load(TERMBASE), labels, ROOT / "terms" / "diagrams")


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ["service provider", "supply-chain link", "end customer", "consumer"]),
        ("de", ["Serviceanbieter", "Glied der Lieferkette", "Endkunde", "Verbraucher"]),
        ("nl", ["dienstverlener", "schakel in de toeleveringsketen", "eindklant", "consument"]),
    ],
)
def test_supply_chain_is_labelled_in_the_page_language(project_diagrams, lang, words):
    source = project_diagrams.named("supply-chain", lang)
    assert source.startswith("flowchart LR")
    for word in words:
        assert f'"{word}' in source
    labels_in = re.findall(r'"([^"]*)"', source)
    for word in ("service provider", "Serviceanbieter", "dienstverlener"):  # no other language's labels
        if word not in words:
            assert not any(word in label for label in labels_in), (lang, word)


def test_relation_map_keeps_homonyms_as_two_nodes(tmp_path):
    text = (
        HEADER
        + """  bank:
    related: [river-bank, money-bank]
    en:
      terms: [{term: bank, status: preferred}]
  river-bank:
    homonyms: [money-bank]
    en:
      terms: [{term: shore, status: preferred}, {term: bank, status: admitted}]
  money-bank:
    homonyms: [river-bank]
    en:
      terms: [{term: shore, status: preferred}]
"""
    )
    diagrams = Diagrams(loader.load(write(tmp_path, "tb.yaml", text)), labels)
    source = diagrams.relation_map("bank", "en")
    nodes = re.findall(r'^\s*(c\d+)\["([^"]*)"\]', source, flags=re.M)
    assert nodes == [("c0", "bank"), ("c1", "shore"), ("c2", "shore")]
    assert "c0 -.- c1" in source and "c0 -.- c2" in source
    assert diagrams.relation_map("money-bank", "en") is None


def test_labels_cannot_break_out_of_mermaid():
    assert (
        mermaid_text('a "quoted" <b>x</b> `y` #1\nz') == "a #quot;quoted#quot; #lt;b#gt;x#lt;/b#gt; #96;y#96; #35;1 z"
    )


def test_placeholder_in_a_page_becomes_a_mermaid_block_and_unknown_names_are_reported(project_diagrams):
    page = "# Title\n\n<!-- glossary:diagram supply-chain -->\n\ntext\n<!-- glossary:diagram nope -->\n"
    errors = []
    out = project_diagrams.expand(page, "de", lambda line, message: errors.append((line, message)))
    assert "```mermaid\nflowchart LR" in out and "Endkunde" in out
    assert errors == [(6, errors[0][1])] and "no diagram named 'nope'" in errors[0][1]
    assert "<!-- glossary:diagram nope -->" in out
