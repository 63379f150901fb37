"""Merging another team's file into the term base: additions only, every other byte kept, conflicts listed."""

from __future__ import annotations

import difflib
import subprocess
import sys

from conftest import TERMBASE

from generator.termbase import loader

EXTRA = """\
concept,en,de,de status,de definition,nl
customer,customer,Abnehmer,admitted,,
kunde-neu,customer,Kundschaft,preferred,Eine ganz andere Definition.,
chatbot,chatbot,Chatbot,preferred,"Programm, das im Chat antwortet.",chatbot
"""


def project_copy(tmp_path):
    """The project's term base, with comments and blank lines people leave in it."""
    text = TERMBASE.read_text("utf-8")
    text = text.replace("\nconcepts:\n", "\n# --- the concepts ---\n\nconcepts:\n", 1)
    text = text.replace("\n  end-customer:\n", "\n\n  # a comment between concepts\n  end-customer:\n", 1)
    path = tmp_path / "termbase.yaml"
    path.write_text(text, "utf-8")
    (tmp_path / "extra.csv").write_text(EXTRA, "utf-8")
    return path, text


def glossary(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True, cwd=cwd)


COLUMNS = "1=concept,2=term:en,3=term:de,4=status:de,5=definition:de,6=term:nl"


def test_a_dry_run_shows_the_diff_and_writes_nothing(tmp_path):
    path, before = project_copy(tmp_path)
    run = glossary("import", "extra.csv", "--into", "termbase.yaml", "--columns", COLUMNS, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert path.read_text("utf-8") == before
    assert run.stdout.startswith("--- termbase.yaml\n+++ termbase.yaml (merged)\n")
    assert '+        - {term: "Abnehmer", status: admitted}' in run.stdout
    assert "nothing written: run again with --write" in run.stderr


def test_write_adds_only_what_is_missing_and_keeps_every_other_byte(tmp_path):
    path, before = project_copy(tmp_path)
    run = glossary("import", "extra.csv", "--into", "termbase.yaml", "--columns", COLUMNS, "--write", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    after = path.read_text("utf-8")
    opcodes = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
    assert {tag for tag, *_ in opcodes} == {"equal", "insert"}, "only insertions: nothing a person wrote changed"
    inserted = [line for tag, _, _, j1, j2 in opcodes if tag == "insert" for line in after.splitlines()[j1:j2]]
    assert '        - {term: "Abnehmer", status: admitted}' in inserted
    assert "# a comment between concepts" in after and "# --- the concepts ---" in after

    merged, original = loader.load(path), loader.load(TERMBASE)
    customer = merged.concepts["customer"]
    before_terms = [t.text for t in original.concepts["customer"].langs["de"].terms]
    assert [t.text for t in customer.langs["de"].terms] == [*before_terms, "Abnehmer", "Kundschaft"]
    assert customer.langs["de"].definition == original.concepts["customer"].langs["de"].definition
    # matched by the same preferred English term, not added twice; its German definition differs: a conflict
    assert "kunde-neu" not in merged.concepts
    assert customer.langs["de"].preferred.text == original.concepts["customer"].langs["de"].preferred.text
    assert "the file prefers 'Kundschaft'" in run.stderr and "definition differs" in run.stderr
    chatbot = merged.concepts["chatbot"]
    assert chatbot.langs["de"].definition == "Programm, das im Chat antwortet."
    assert list(merged.concepts)[-1] == "chatbot"
    assert "2 concepts matched, 1 new" in run.stderr


def test_merging_the_same_file_twice_changes_nothing_the_second_time(tmp_path):
    path, _ = project_copy(tmp_path)
    glossary("import", "extra.csv", "--into", "termbase.yaml", "--columns", COLUMNS, "--write", cwd=tmp_path)
    once = path.read_text("utf-8")
    again = glossary("import", "extra.csv", "--into", "termbase.yaml", "--columns", COLUMNS, "--write", cwd=tmp_path)
    assert again.returncode == 0 and "nothing to change" in again.stderr
    assert path.read_text("utf-8") == once


def test_a_change_inside_a_line_goes_through_ruamel_and_touches_only_that_concept(tmp_path):
    from generator.termbase.merge import merge

    path, before = project_copy(tmp_path)
    existing = loader.load(path)
    incoming = {
        "source_language": "en",
        "languages": {"en": {"name": "English"}},
        "concepts": {
            "customer": {
                "related": ["user", "customer-journey", "not-a-concept"],
                "en": {"terms": [{"term": "client", "status": "admitted", "type": "variant"}]},
            }
        },
    }
    merged = merge(before, existing, incoming)
    after = merged.text.splitlines()
    start = existing.concept_lines["customer"] - 1
    end = min(line for line in existing.concept_lines.values() if line - 1 > start) - 1
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, before.splitlines(), after, autojunk=False).get_opcodes():
        assert tag == "equal" or start <= i1 <= i2 <= end, (tag, i1, i2)
    customer = loader.load_text(merged.text, "x").concepts["customer"]
    assert customer.related == (
        "user",
        "service-provider",
        "service-relationship",
        "customer-centricity",
        "customer-journey",
    )  # added to the flow list; an unknown id is not
    assert next(t for t in customer.langs["en"].terms if t.text == "client").type == "variant"
    assert "# a comment between concepts" in merged.text
