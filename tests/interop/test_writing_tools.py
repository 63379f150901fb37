"""The term base as Vale and LanguageTool vocabularies. The registry has no Vale binary (its
PyPI package downloads one at run time), so the files are read as Vale documents them:
vocabularies of one RE2 pattern per line, a substitution rule in YAML, an INI configuration."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys

import yaml
from conftest import ROOT, TERMBASE

from generator.interop.writing_tools import languagetool, vale
from generator.termbase import loader


def test_vale_vocabularies_rule_and_configuration_per_language():
    files = {path: data.decode("utf-8") for path, data in vale(loader.load(TERMBASE)).items()}
    for lang in ("en", "de", "nl"):
        accept = files[f"styles/config/vocabularies/Glossary-{lang}/accept.txt"].splitlines()
        reject = files[f"styles/config/vocabularies/Glossary-{lang}/reject.txt"].splitlines()
        for pattern in accept + reject:
            re.compile(pattern)  # a pattern, as Vale reads each line
        assert not set(accept) & set(reject)
        rule = yaml.safe_load(files[f"styles/Glossary-{lang}/Terms.yml"])
        assert rule["extends"] == "substitution" and rule["level"] == "error"
        assert set(rule) <= {"extends", "message", "level", "ignorecase", "swap"}
        assert "%[1]s" in rule["message"] and "%[2]s" in rule["message"]
    de_accept = files["styles/config/vocabularies/Glossary-de/accept.txt"].splitlines()
    assert "Kunde" in de_accept and "Kunden" in de_accept and "Auftraggeber" in de_accept
    assert "ITIL-4-Wertsystem" in de_accept and "Unified Service Management" in de_accept
    de_rule = yaml.safe_load(files["styles/Glossary-de/Terms.yml"])
    assert de_rule["swap"]["Klient"] == "Kunde" and de_rule["swap"]["Klienten"] == "Kunde"
    assert de_rule["message"] == "„%[2]s“ ist abgelehnt: stattdessen „%[1]s“ verwenden"
    # Konsument is deprecated for the user but admitted for the consumer: never rejected
    assert "Konsument" not in files["styles/config/vocabularies/Glossary-de/reject.txt"].splitlines()
    nl_reject = files["styles/config/vocabularies/Glossary-nl/reject.txt"].splitlines()
    assert "cliënt" in nl_reject and "meetwaarde" in nl_reject
    ini = configparser.ConfigParser(interpolation=None)
    ini.read_string("[top]\n" + files["vale.ini"])
    assert ini["top"]["StylesPath"] == "styles"
    assert ini["*.de.md"]["Vocab"] == "Glossary-de" and ini["*.md"]["BasedOnStyles"] == "Vale, Glossary-en"


def test_a_term_with_regex_characters_is_escaped():
    text = TERMBASE.read_text("utf-8").replace(
        "{term: SLA, status: admitted, pos: noun, plural: SLAs,",
        "{term: SLA (x.y), status: admitted, pos: noun, plural: SLAs,",
        1,
    )
    files = vale(loader.load_text(text, "t.yaml"))
    accept = files["styles/config/vocabularies/Glossary-en/accept.txt"].decode("utf-8").splitlines()
    assert r"SLA \(x\.y\)" in accept and re.fullmatch(r"SLA \(x\.y\)", "SLA (x.y)")


def test_languagetool_spelling_and_prohibited_words_per_language():
    files = {path: data.decode("utf-8") for path, data in languagetool(loader.load(TERMBASE)).items()}
    assert sorted(files) == [
        f"{lang}/{name}" for lang in ("de", "en", "nl") for name in ("prohibit.txt", "spelling.txt")
    ]
    spelling = [line for line in files["de/spelling.txt"].splitlines() if not line.startswith("#")]
    prohibit = [line for line in files["de/prohibit.txt"].splitlines() if not line.startswith("#")]
    assert "Kunde" in spelling and "Klient" in prohibit and "Klient" not in spelling


def test_export_writes_the_folder_and_refuses_standard_output(tmp_path):
    run = [sys.executable, "-m", "generator.cli", "export", "--format", "vale"]
    done = subprocess.run([*run, "-o", str(tmp_path / "vale")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and (tmp_path / "vale" / "vale.ini").is_file()
    refused = subprocess.run(run, capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode == 2 and "writes a folder of files: name it with -o DIR" in refused.stderr
