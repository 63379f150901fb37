"""`glossary lookup`, `show` and `list`: offline answers in every language, whatever form was typed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import HEADER, MINI, ROOT


def glossary(*args, termbase=None, cwd=ROOT):
    extra = ["--termbase", str(termbase)] if termbase else []
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args, *extra], capture_output=True, text=True, cwd=cwd
    )


def matches(word, *args):
    result = glossary("lookup", word, "--json", *args)
    data = json.loads(result.stdout)
    return (
        result.returncode,
        [
            (m["concept"], m["match"]["term"], m["match"]["lang"], m["match"]["kind"], m["match"]["status"])
            for m in data["matches"]
        ],
        data,
    )


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Kunde", ("customer", "Kunde", "de", "exact", "preferred")),
        ("klant", ("customer", "klant", "nl", "exact", "preferred")),
        ("customer", ("customer", "customer", "en", "exact", "preferred")),
        ("client", ("customer", "client", "en", "exact", "admitted")),
        ("opdrachtgever", ("customer", "opdrachtgever", "nl", "exact", "admitted")),
        ("Klient", ("customer", "Klient", "de", "exact", "deprecated")),
        ("KUNDE", ("customer", "Kunde", "de", "normalized", "preferred")),
        (
            "bevollmachtigter vertreter",
            ("authorized-representative", "bevollmächtigter Vertreter", "de", "normalized", "preferred"),
        ),
        ("Kunden", ("customer", "Kunde", "de", "inflected", "preferred")),
        ("Endkunden", ("end-customer", "Endkunde", "de", "inflected", "preferred")),
        ("klanten", ("customer", "klant", "nl", "inflected", "preferred")),
        ("eindklanten", ("end-customer", "eindklant", "nl", "inflected", "preferred")),
        ("customers", ("customer", "customer", "en", "inflected", "preferred")),
        ("end customers", ("end-customer", "end customer", "en", "inflected", "preferred")),
    ],
)
def test_every_kind_of_match_in_every_language(word, expected):
    code, found, _ = matches(word)
    assert code == 0 and found == [expected]


def test_any_language_in_every_language_out_unless_limited():
    _, _, data = matches("Kunde")
    languages = data["matches"][0]["languages"]
    assert list(languages) == ["en", "de", "nl"]
    assert {"term": "customer", "status": "preferred"} in languages["en"]["terms"]
    assert {"term": "Klient", "status": "deprecated"} in languages["de"]["terms"]
    assert languages["nl"]["definition"].startswith("partij")
    _, _, limited = matches("Kunde", "--lang", "de")
    assert list(limited["matches"][0]["languages"]) == ["de"]


def test_homonyms_show_both_senses_with_their_definitions():
    code, found, data = matches("consumer")
    assert code == 0 and sorted(c for c, *_ in found) == ["consumer", "user"]
    definitions = {m["concept"]: m["languages"]["en"]["definition"] for m in data["matches"]}
    assert definitions["consumer"] != definitions["user"]
    text = glossary("lookup", "consumer").stdout
    assert "“consumer” names 2 concepts" in text and "user  (“consumer”, en: exact match, admitted term)" in text


@pytest.mark.parametrize("word, suggestion", [("custommer", "customer (en)"), ("Endkunnde", "Endkunde (de)")])
def test_misspellings_get_did_you_mean_and_exit_1(word, suggestion):
    result = glossary("lookup", word)
    assert result.returncode == 1
    assert result.stdout.startswith(f"no term “{word}”; did you mean: {suggestion}")
    code, found, data = matches(word)
    assert code == 1 and found == [] and data["suggestions"][0]["term"] == suggestion.split(" (")[0]


def test_deprecated_match_names_the_term_to_use():
    assert "customer  (“Klient”, de: exact match, deprecated term, use “Kunde”)" in glossary("lookup", "Klient").stdout


def test_exit_codes_for_nothing_found_and_unreadable_term_base(tmp_path):
    assert glossary("lookup", "zzzzqqq").returncode == 1
    missing = glossary("lookup", "Kunde", termbase=tmp_path / "none.yaml")
    assert missing.returncode == 2 and "none.yaml:1:1: file not found" in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("concepts: [\n", "utf-8")
    result = glossary("lookup", "Kunde", termbase=broken)
    assert result.returncode == 2 and "broken.yaml:2:1:" in result.stderr and "Traceback" not in result.stderr
    assert glossary("lookup", "Kunde", "--lang", "fr").returncode == 2


def test_show_and_list():
    shown = glossary("show", "end-customer")
    assert shown.returncode == 0 and "Deutsch (de)" in shown.stdout and "Endkunde  preferred" in shown.stdout
    data = json.loads(glossary("show", "customer", "--json").stdout)
    assert data["languages"]["de"]["terms"][0]["gender"] == "masculine"
    missing = glossary("show", "custmer")
    assert missing.returncode == 1 and "did you mean: customer" in missing.stdout
    rows = [line.split("\t") for line in glossary("list", "--lang", "de").stdout.splitlines()]
    terms = [r[0] for r in rows]
    assert ["Kunde", "preferred", "customer"] in rows and ["Klient", "deprecated", "customer"] in rows
    assert (
        terms.index("Anbieter") < terms.index("Auftraggeber") < terms.index("Übersicht")
        if "Übersicht" in terms
        else terms.index("Anbieter") < terms.index("Auftraggeber")
    )


def test_the_index_follows_every_edit_and_is_never_stale(tmp_path):
    path = tmp_path / "tb.yaml"
    path.write_text(MINI.read_text("utf-8"), "utf-8")
    env_cache = tmp_path / "cache"
    run = lambda word: subprocess.run(
        [sys.executable, "-m", "generator.cli", "lookup", word, "--json", "--termbase", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "GLOSSARY_CACHE_DIR": str(env_cache)},
    )
    assert run("Kunde").returncode == 0
    assert list(env_cache.glob("lookup-*.sqlite"))
    stat = path.stat()
    # Same length, same modification time: only the content says the term changed.
    path.write_text(path.read_text("utf-8").replace("term: Kunde,", "term: Kundx,"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert [m["match"]["kind"] for m in json.loads(run("Kunde").stdout)["matches"]] == ["inflected"]  # via "Kunden"
    assert json.loads(run("Kundx").stdout)["matches"][0]["match"] == {
        "term": "Kundx",
        "lang": "de",
        "kind": "exact",
        "status": "preferred",
    }


def test_the_lookup_path_imports_nothing_heavy():
    code = (
        "import sys; from generator.cli import main; main(['lookup', 'Kunde']); "
        "print(sorted(m for m in ('mkdocs', 'yaml', 'jinja2', 'simplemma', 'icu', 'rapidfuzz', 'markdown') "
        "if m in sys.modules))"
    )
    glossary("lookup", "Kunde")  # warm the index
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_terminal_controls_in_a_term_base_are_printed_as_visible_escapes(tmp_path):
    # a text could otherwise clear the screen, recolour it or reorder a line (bidi override)
    hostile = "\x1b[2J\x1b[31mred\u202etxet\x9b"
    path = tmp_path / "tb.yaml"
    path.write_text(
        HEADER
        + f"""  widget:
    en:
      terms: [{{term: widget, status: preferred}}]
      definition: {json.dumps(hostile)}
""",
        "utf-8",
    )
    for args in (("lookup", "widget"), ("show", "widget")):
        out = glossary(*args, termbase=path)
        assert out.returncode == 0, out.stderr
        assert "\x1b" not in out.stdout and "\u202e" not in out.stdout and "\x9b" not in out.stdout
        assert "\\u001b[2J\\u001b[31mred\\u202etxet\\u009b" in out.stdout
    data = json.loads(glossary("show", "widget", "--json", termbase=path).stdout)
    assert data["languages"]["en"]["definition"] == hostile  # JSON keeps the data, escaped
    broken = tmp_path / "broken.yaml"
    broken.write_text(HEADER + '  widget:\n    "\\e[2Jfield": 1\n', "utf-8")  # YAML's escape for ESC
    refused = glossary("validate", termbase=broken)
    assert refused.returncode == 2 and "\x1b" not in refused.stderr and "\\u001b[2Jfield" in refused.stderr
