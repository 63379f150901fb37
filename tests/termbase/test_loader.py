"""The loader accepts the real term base and rejects each kind of bad input with its position."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata

import pytest
from conftest import HEADER, MINI, TERMBASE, write

from generator.errors import TermBaseError
from generator.termbase import loader, schema


def problems_of(tmp_path, text: str) -> list[tuple[int, int, str]]:
    path = write(tmp_path, "tb.yaml", text)
    with pytest.raises(TermBaseError) as info:
        loader.load(path)
    assert all(p.file == str(path) for p in info.value.problems)
    return [(p.line, p.column, p.message) for p in info.value.problems]


def only(tmp_path, text):
    found = problems_of(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


GOOD_CONCEPT = """  customer:
    en:
      terms: [{term: customer, status: preferred}]
      definition: Organization that receives services.
"""


def test_real_term_base_loads_with_all_languages():
    tb = loader.load(TERMBASE)
    assert list(tb.languages) == ["en", "de", "nl"]
    assert tb.source_language == "en"
    assert len(tb.concepts) >= 20
    for concept in tb.concepts.values():
        assert set(concept.langs) == {"en", "de", "nl"}, concept.id
        for section in concept.langs.values():
            assert section.definition, (concept.id, section.lang)
            assert [t.status for t in section.terms].count("preferred") == 1


def test_real_term_base_keeps_the_two_senses_of_consumer_apart():
    tb = loader.load(TERMBASE)
    user, consumer = tb.concepts["user"], tb.concepts["consumer"]
    assert "consumer" in [t.text for t in user.langs["en"].terms]
    assert consumer.langs["en"].preferred.text == "consumer"
    assert tb.homonyms_of("user", "en") == ("consumer",)
    assert tb.homonyms_of("consumer", "en") == ("user",)
    assert user.langs["en"].definition != consumer.langs["en"].definition


def test_yaml_syntax_error_points_at_the_line(tmp_path):
    line, column, message = only(tmp_path, HEADER + GOOD_CONCEPT + '      notes: ["unclosed\n')
    assert line == 12 and "YAML syntax error" in message


def test_duplicate_keys_are_reported_with_both_lines(tmp_path):
    text = HEADER + GOOD_CONCEPT + "    en:\n      terms: [{term: client, status: preferred}]\n"
    line, column, message = only(tmp_path, text)
    assert (line, column) == (11, 5)
    assert "duplicate key 'en'" in message and "line 8" in message


def test_unknown_field_is_named_with_a_suggestion(tmp_path):
    text = HEADER + GOOD_CONCEPT + "    relatd: []\n"
    line, column, message = only(tmp_path, text)
    assert (line, column) == (11, 5)
    assert "unknown field 'relatd'" in message and "did you mean 'related'" in message


def test_wrong_type_says_what_is_expected(tmp_path):
    text = HEADER + "  customer:\n    en:\n      terms: [{term: customer, status: preferred}]\n      definition: no\n"
    line, column, message = only(tmp_path, text)
    assert (line, column) == (10, 19)
    assert "must be a text" in message and "quotes" in message


def test_unknown_status_lists_the_allowed_ones(tmp_path):
    text = HEADER + "  customer:\n    en:\n      terms: [{term: customer, status: prefered}]\n"
    line, column, message = only(tmp_path, text)
    assert (line, column) == (9, 40)
    assert "preferred, admitted, deprecated" in message


def test_unknown_language_is_refused(tmp_path):
    text = HEADER + GOOD_CONCEPT + "    fr:\n      terms: [{term: client, status: preferred}]\n"
    line, column, message = only(tmp_path, text)
    assert (line, column) == (11, 5)
    assert "unknown language 'fr'" in message and "languages" in message


def test_id_must_be_a_lowercase_slug(tmp_path):
    text = HEADER + GOOD_CONCEPT.replace("customer:", "End Customer:", 1)
    line, column, message = only(tmp_path, text)
    assert (line, column) == (7, 3)
    assert "not a lowercase slug" in message and "'end-customer'" in message


def test_relation_to_a_missing_concept(tmp_path):
    text = (
        HEADER + GOOD_CONCEPT + "    related: [usr]\n  user:\n    en:\n      terms: [{term: user, status: preferred}]\n"
    )
    line, column, message = only(tmp_path, text)
    assert (line, column) == (11, 15)
    assert "'usr'" in message and "did you mean 'user'" in message


def test_more_than_one_preferred_term(tmp_path):
    text = (
        HEADER + "  customer:\n    en:\n      terms:\n        - {term: customer, status: preferred}\n"
        "        - {term: client, status: preferred}\n"
    )
    line, column, message = only(tmp_path, text)
    assert (line, column) == (11, 34)
    assert "more than one preferred term in 'en'" in message


def test_python_tags_are_refused(tmp_path):
    line, column, message = only(tmp_path, HEADER + "  customer: !!python/object/apply:os.system [echo hi]\n")
    assert (line, column) == (7, 13)
    assert "tags" in message


def test_aliases_that_could_explode_are_refused(tmp_path):
    text = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    line, column, message = only(tmp_path, text)
    assert line == 1 and "aliases" in message


def test_all_problems_are_reported_at_once(tmp_path):
    text = (
        HEADER + "  customer:\n    relatd: []\n    related: [nobody]\n    en:\n"
        "      terms: [{term: customer, status: maybe}]\n  Bad:\n    en:\n      terms: [{term: x, status: preferred}]\n"
    )
    found = problems_of(tmp_path, text)
    messages = " | ".join(m for _, _, m in found)
    assert len(found) == 4, found
    for part in ("unknown field 'relatd'", "'nobody'", "'maybe'", "'Bad'"):
        assert part in messages
    assert [line for line, _, _ in found] == sorted(line for line, _, _ in found)


def test_missing_translation_is_not_a_load_error(tmp_path):
    tb = loader.load(write(tmp_path, "tb.yaml", HEADER + GOOD_CONCEPT))
    assert set(tb.concepts["customer"].langs) == {"en"}


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "tb.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + GOOD_CONCEPT).replace("\n", "\r\n").encode())
    assert loader.load(path).concepts["customer"].langs["en"].preferred.text == "customer"


def test_invalid_utf8_names_the_position(tmp_path):
    path = tmp_path / "tb.yaml"
    path.write_bytes((HEADER + GOOD_CONCEPT).encode() + b"    subject: caf\xe9\n")
    with pytest.raises(TermBaseError) as info:
        loader.load(path)
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (11, 17) and "UTF-8" in problem.message


def test_fixture_term_base_is_sound():
    assert len(loader.load(MINI).concepts) == 6


def test_schema_shipped_for_editors_is_the_one_the_loader_enforces():
    from conftest import ROOT

    shipped = (ROOT / "terms" / "termbase.schema.json").read_text("utf-8")
    assert shipped == schema.schema_text(), "copy generator/termbase.schema.json to terms/"
    assert (
        (ROOT / "terms" / "termbase.yaml")
        .read_text("utf-8")
        .startswith("# yaml-language-server: $schema=termbase.schema.json")
    )


@pytest.mark.parametrize(
    "cid, why",
    [
        ("index", "the site uses glossary/index"),
        ("senses", "the site uses"),
        ("con", "Windows reserves the name"),
        ("lpt1", "Windows reserves the name"),
    ],
)
def test_ids_the_site_or_a_file_system_reserves_are_refused(tmp_path, cid, why):
    text = HEADER + GOOD_CONCEPT.replace("customer:", f"{cid}:", 1)
    line, column, message = only(tmp_path, text)
    assert (line, column) == (7, 3)
    assert f"'{cid}' cannot be a concept id" in message and why in message


@pytest.mark.parametrize("cid", ["../escape", "a/b", "Customer", "CUSTOMER", "customer.md", "kündigung", "-x", "a--b"])
def test_ids_that_could_leave_the_site_folder_or_clash_by_case_are_refused(tmp_path, cid):
    # ids are lowercase ASCII slugs: no path separators or dots, and Customer cannot shadow customer
    # on a case-insensitive disk
    line, column, message = only(tmp_path, HEADER + GOOD_CONCEPT.replace("customer:", f"{json.dumps(cid)}:", 1))
    assert (line, column) == (7, 3)
    assert "is not a lowercase slug" in message


# --- hostile input: bounded, positioned refusals (issue 9) ---------------------


def validate_in_a_child(tmp_path, text: str, **env) -> subprocess.CompletedProcess:
    """Run `glossary validate` in its own process: a crash there is a failed test here."""
    path = write(tmp_path, "tb.yaml", text)
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--termbase", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize(
    "nesting",
    [
        pytest.param("[" * 200_000 + "]" * 200_000, id="flow-sequences"),
        pytest.param("{a: " * 100_000 + "x" + "}" * 100_000, id="flow-mappings"),
        pytest.param("\n" + "".join(" " * (i + 4) + f"k{i}:\n" for i in range(3000)) + " " * 3004 + "x", id="block"),
        pytest.param("\n  " + "- " * 100_000 + "x", id="compact-sequences"),
    ],
)
def test_deep_nesting_is_refused_with_its_position(tmp_path, nesting):
    # libyaml composes by recursion in C: unchecked, this crashed the interpreter (SIGSEGV).
    result = validate_in_a_child(tmp_path, HEADER + "  customer: " + nesting + "\n")
    assert result.returncode == 2, result.stderr[-500:]
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert "nests more than 64 levels deep here" in first
    assert re.match(r".*tb\.yaml:\d+:\d+: ", first) and ":1:1:" not in first


def test_a_text_longer_than_the_limit_is_refused_at_its_line(tmp_path):
    text = HEADER + GOOD_CONCEPT.replace("Organization that receives services.", "x" * 20_001)
    line, column, message = only(tmp_path, text)
    assert (line, column) == (10, 19)
    assert "20,001 characters long" in message and "20,000" in message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    filler = "# " + "x" * 1000 + "\n"
    result = validate_in_a_child(tmp_path, HEADER + GOOD_CONCEPT + filler * 2100, GLOSSARY_MAX_TERMBASE_MB="2")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "tb.yaml:1:1: the file is 2 MB, over the 2 MB a term base may have" in result.stderr
    assert "GLOSSARY_MAX_TERMBASE_MB" in result.stderr


def test_a_term_listed_twice_is_reported_even_in_another_normal_form(tmp_path):
    nfd = unicodedata.normalize("NFD", "Übergabe")
    text = (
        HEADER + "  handover:\n    de:\n      terms:\n        - {term: Übergabe, status: preferred}\n"
        f"        - {{term: {nfd}, status: admitted, note: Zerlegt.}}\n"
    )
    line, column, message = only(tmp_path, text)
    assert line == 11
    assert "lists 'Übergabe' twice in 'de' (first as term 1)" in message


def test_keys_yaml_reads_as_values_are_named_with_the_fix(tmp_path):
    # Norwegian's code 'no' is false to YAML 1.1; a number as a key once crashed the checks.
    text = (
        HEADER.replace("  nl: {name: Nederlands}\n", "  nl: {name: Nederlands}\n  no: {name: Norsk}\n")
        + GOOD_CONCEPT
        + "    0: x\n"
    )
    found = problems_of(tmp_path, text)
    assert (6, 3, "YAML reads the key 'no' as true/false, not as a name: write it in quotes ('no')") in found
    assert (12, 5, "YAML reads the key '0' as a number, not as a name: write it in quotes ('0')") in found


def test_a_raw_control_character_is_refused_at_its_position(tmp_path):
    line, column, message = only(tmp_path, HEADER + GOOD_CONCEPT.replace("Organization", "Organi\x1bzation"))
    assert (line, column) == (10, 25)
    assert message == (
        "the control character U+001B is not allowed in a YAML file: "
        "remove it, or write it as \\u001b inside double quotes"
    )


def big_termbase(concepts: int) -> str:
    """A term base of a few megabytes in the writer's layout, read in runs of concepts."""
    body = "".join(
        f"  c{n}:\n    en:\n      terms: [{{term: word {n}, status: preferred}}]\n"
        f"      definition: The {n}th thing, told in a sentence long enough to weigh like a real one.\n"
        f"    de:\n      terms:\n        - term: Wort {n}\n          status: preferred\n"
        for n in range(concepts)
    )
    return HEADER + body + "sources:\n  s1: {title: A book}\n"


def test_a_large_term_base_reads_in_runs_with_the_answer_of_a_whole_read(tmp_path, monkeypatch):
    from generator.termbase import strict_yaml

    text = big_termbase(6000)
    assert len(strict_yaml._pieces(text)[1]) > 3, "the file is read in several runs"
    late = text.index("  c5000:\n")
    text = (
        text[:late]
        + "  c12:\n    en:\n      terms: [{term: again, status: preferred}]\n"  # an id of an earlier run
        + "  2019:\n    en:\n      terms: [{term: year, status: preferred}]\n"  # an id YAML reads as a number
        + "  c5000x:\n    en:\n      terms: [{term: twice, status: preferred}]\n    en:\n      definition: x\n"
        + text[late:]
    )
    path = write(tmp_path, "tb.yaml", text)
    with pytest.raises(TermBaseError) as in_runs:
        loader.load(path)
    monkeypatch.setattr(strict_yaml, "_pieces", lambda _text: None)
    with pytest.raises(TermBaseError) as whole:
        loader.load(path)
    found = [(p.line, p.column, p.message) for p in in_runs.value.problems]
    assert found == [(p.line, p.column, p.message) for p in whole.value.problems]

    line_of = {needle: text[: text.index(needle)].count("\n") + 1 for needle in ("  c12:\n", "  2019:", "  c5000x:")}
    messages = "\n".join(f"{line}:{column}: {message}" for line, column, message in found)
    again = text.index("  c12:\n", late)
    assert (
        f"{text[:again].count(chr(10)) + 1}:3: duplicate key 'c12' (first defined at line {line_of['  c12:' + chr(10)]})"
        in messages
    )
    assert f"{line_of['  2019:']}:3: YAML reads the key '2019' as a number" in messages
    assert (
        f"{line_of['  c5000x:'] + 3}:5: duplicate key 'en' (first defined at line {line_of['  c5000x:'] + 1})"
        in messages
    )


def test_a_large_sound_term_base_reads_in_runs_to_the_same_term_base(tmp_path, monkeypatch):
    from generator.termbase import strict_yaml

    path = write(tmp_path, "tb.yaml", big_termbase(3000))
    in_runs = loader.load(path)
    monkeypatch.setattr(strict_yaml, "_pieces", lambda _text: None)
    whole = loader.load(path)
    assert in_runs.concepts == whole.concepts and in_runs.sources == whole.sources
    assert in_runs.concept_lines == whole.concept_lines and in_runs.concept_lines["c2999"] > 20000


@pytest.mark.parametrize(
    "trouble",
    [
        '  c10:\n    en:\n      definition: "a quote that runs on\n  to a line at the indentation of ids"\n',
        "  c10: &anchor\n    en:\n      definition: x\n",
        "  c10:\n\t  en:\n",
    ],
)
def test_a_large_term_base_with_a_construct_across_runs_is_read_whole_for_its_answer(tmp_path, monkeypatch, trouble):
    from generator.termbase import strict_yaml

    text = big_termbase(3000)
    at = text.index("  c2500:\n")
    text = text[:at] + trouble + text[at:]
    path = write(tmp_path, "tb.yaml", text)
    try:
        answer = loader.load(path).concepts
    except TermBaseError as exc:
        answer = [(p.line, p.column, p.message) for p in exc.problems]
    monkeypatch.setattr(strict_yaml, "_pieces", lambda _text: None)
    try:
        expected = loader.load(path).concepts
    except TermBaseError as exc:
        expected = [(p.line, p.column, p.message) for p in exc.problems]
    assert answer == expected
