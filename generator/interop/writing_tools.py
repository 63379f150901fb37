"""The term base as vocabularies for the writing checkers teams already run: Vale and
LanguageTool. Each export is a folder of plain files, one set per language.

Vale (https://vale.sh/docs/keys/vocab, https://vale.sh/docs/checks/substitution):

- `styles/config/vocabularies/Glossary-LANG/accept.txt`: the preferred and admitted terms
  (Vale's spelling checks accept them, and its `Vale.Terms` rule enforces their case);
- `.../reject.txt`: the deprecated terms (`Vale.Avoid` reports them);
- `styles/Glossary-LANG/Terms.yml`: a substitution rule mapping each deprecated term (and
  its plural) to the preferred one, so the alert names the term to use;
- `vale.ini`: a configuration that applies them, one section per language, for pages named
  as mkdocs-static-i18n names them (`page.md`, `page.de.md`).

Vocabulary entries and swap keys are regular expressions (RE2); terms are escaped.

LanguageTool (https://dev.languagetool.org/hunspell-support): `LANG/spelling.txt` (words
the spell checker accepts: the preferred and admitted terms) and `LANG/prohibit.txt` (words
it reports: the deprecated ones), one per line, to be added to the files of the same name
in LanguageTool's `org/languagetool/resource/LANG/hunspell/` folder.
"""

from __future__ import annotations

import re

from ..termbase.model import TermBase
from ..translation.labels import labels

_RE2_SPECIAL = re.compile(r"([\\.+*?()|\[\]{}^$])")


def _pattern(term: str) -> str:
    return _RE2_SPECIAL.sub(r"\\\1", term)


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _by_status(termbase: TermBase, lang: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(terms to accept, [(deprecated form, preferred term)]) of one language, in term base order."""
    accept: list[str] = []
    reject: list[tuple[str, str]] = []
    recommended: set[str] = set()
    for concept in termbase.concepts.values():
        section = concept.langs.get(lang)
        for term in section.terms if section else ():
            if term.status != "deprecated":
                accept.extend(f for f in (term.text, term.plural_form) if f)
                recommended.add(term.text)
    for concept in termbase.concepts.values():
        section = concept.langs.get(lang)
        for term in section.terms if section else ():
            if term.status == "deprecated" and term.text not in recommended:  # a homonym's other sense allows it
                reject.extend((f, section.preferred.text) for f in (term.text, term.plural_form) if f)
    return list(dict.fromkeys(accept)), list(dict.fromkeys(reject))


def vale(termbase: TermBase) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    ini = [
        "# Vale configuration for the glossary's vocabularies (glossary export --format vale).",
        "# Install the styles Vale ships with: vale sync (Vale.Terms, Vale.Avoid, Vale.Spelling).",
        "StylesPath = styles",
        "MinAlertLevel = suggestion",
        "",
    ]
    source = termbase.source_language
    for lang in termbase.languages:
        accept, reject = _by_status(termbase, lang)
        name = f"Glossary-{lang}"
        folder = f"styles/config/vocabularies/{name}"
        files[f"{folder}/accept.txt"] = "".join(f"{_pattern(t)}\n" for t in accept).encode("utf-8")
        files[f"{folder}/reject.txt"] = "".join(f"{_pattern(t)}\n" for t, _ in dict(reject).items()).encode("utf-8")
        # the alert in the language of the page, as the site's tooltips say it (Vale formats the
        # message with the term to use, then the term found)
        message = labels(lang)["deprecated_title"].format(term="%[2]s", preferred="%[1]s")
        rule = [
            "extends: substitution",
            f"message: {_yaml_string(message)}",
            "level: error",
            "ignorecase: false",
            "swap:",
            *(f"  {_yaml_string(_pattern(old))}: {_yaml_string(new)}" for old, new in reject),
        ]
        if not reject:
            rule[-1] = "swap: {}"
        files[f"styles/{name}/Terms.yml"] = ("\n".join(rule) + "\n").encode("utf-8")
        pattern = "[*.md]" if lang == source else f"[*.{lang}.md]"
        ini += [pattern, f"BasedOnStyles = Vale, {name}", f"Vocab = {name}", ""]
    files["vale.ini"] = "\n".join(ini).encode("utf-8")
    return files


def languagetool(termbase: TermBase) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for lang in termbase.languages:
        accept, reject = _by_status(termbase, lang)
        head = f"# {termbase.languages[lang].name}: from the glossary (glossary export --format languagetool)\n"
        files[f"{lang}/spelling.txt"] = (head + "".join(f"{t}\n" for t in accept)).encode("utf-8")
        files[f"{lang}/prohibit.txt"] = (head + "".join(f"{t}\n" for t, _ in dict(reject).items())).encode("utf-8")
    return files
