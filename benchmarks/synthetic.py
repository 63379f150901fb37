"""Deterministic synthetic term bases for benchmarks (and scale tests).

Realistic shape: three languages, two to four terms per language with grammar,
a one-sentence definition, notes, relations and a few homonyms, about 1.7 KB
of YAML per concept (10,000 concepts is about 17 MB, like a real term bank).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

SYLLABLES = (
    "ser",
    "vi",
    "kun",
    "de",
    "klant",
    "ge",
    "brui",
    "ker",
    "lie",
    "fe",
    "rant",
    "ket",
    "te",
    "ver",
    "trag",
    "wert",
    "strom",
    "reis",
    "ant",
    "ei",
    "gen",
    "tum",
    "schap",
    "heid",
    "ung",
    "or",
)
WORDS = (
    "the",
    "service",
    "that",
    "a",
    "provider",
    "delivers",
    "to",
    "customer",
    "under",
    "agreed",
    "terms",
    "of",
    "value",
    "and",
    "which",
    "organization",
    "receives",
    "in",
    "chain",
    "for",
)
GENDERS = ("masculine", "feminine", "neuter")
# Ordinary words of running text, per language, between the term mentions of synthetic pages.
FILLER = {
    "en": [
        "the",
        "service",
        "that",
        "a",
        "provider",
        "delivers",
        "to",
        "its",
        "users",
        "under",
        "agreed",
        "terms",
        "of",
        "value",
        "and",
        "quality",
        "in",
        "a",
        "chain",
    ],
    "de": [
        "der",
        "Service",
        "den",
        "ein",
        "Anbieter",
        "seinen",
        "Nutzern",
        "zu",
        "vereinbarten",
        "Bedingungen",
        "mit",
        "Wert",
        "und",
        "Qualität",
        "liefert",
    ],
    "nl": [
        "de",
        "service",
        "die",
        "een",
        "aanbieder",
        "aan",
        "zijn",
        "gebruikers",
        "levert",
        "onder",
        "afgesproken",
        "voorwaarden",
        "van",
        "waarde",
        "en",
        "kwaliteit",
    ],
}


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def _sentence(rng: random.Random, n: int) -> str:
    words: list[str] = []
    while len(words) < n:
        word = rng.choice(WORDS)
        if not words or word != words[-1]:  # a clean term base: no doubled words
            words.append(word)
    return " ".join(words).capitalize() + "."


def termbase_yaml(n: int, seed: int = 42) -> str:
    rng = random.Random(seed)
    ids = [f"concept-{i:05d}" for i in range(n)]
    out = [
        "# yaml-language-server: $schema=termbase.schema.json",
        "source_language: en",
        "languages:",
        "  en: {name: English}",
        "  de: {name: Deutsch}",
        "  nl: {name: Nederlands}",
        "sources:",
        "  synthetic: {title: Synthetic benchmark data, lang: en}",
        "concepts:",
    ]
    for i, cid in enumerate(ids):
        out.append(f"  {cid}:")
        out.append("    subject: benchmark")
        if i > 0 and i % 5:
            out.append(f"    broader: [{ids[(i // 5) * 5]}]")
        if i % 5 == 0 and i + 1 < n:
            out.append(f"    narrower: [{', '.join(ids[i + 1 : min(i + 5, n)])}]")
        related = sorted({ids[rng.randrange(n)] for _ in range(2)} - {cid})
        if related:
            out.append(f"    related: [{', '.join(related)}]")
        homonym = i % 97 == 1 and i + 1 < n
        if homonym:
            out.append(f"    homonyms: [{ids[i + 1]}]")
        elif i % 97 == 2:
            out.append(f"    homonyms: [{ids[i - 1]}]")
        out.append("    sources: [synthetic]")
        for lang in ("en", "de", "nl"):
            base = f"{_word(rng, 3)}{i}"
            out.append(f"    {lang}:")
            out.append("      terms:")
            gender = f", gender: {rng.choice(GENDERS)}" if lang != "en" else ""
            out.append(f"        - {{term: {base}, status: preferred, pos: noun{gender}, plural: {base}s}}")
            for k in range(rng.randrange(1, 3)):
                status = "deprecated" if k == 1 and i % 4 == 0 else "admitted"
                out.append(
                    f"        - {{term: {_word(rng, 2)}{i}x{k}, status: {status}, pos: noun{gender}, "
                    f"note: {json.dumps(_sentence(rng, 5))}}}"
                )
            if homonym or i % 97 == 2:
                out.append(f"        - {{term: shared{i if homonym else i - 1}{lang}, status: admitted, pos: noun}}")
            out.append(f"      definition: {json.dumps(_sentence(rng, rng.randrange(12, 24)))}")
            out.append(f"      notes: [{json.dumps(_sentence(rng, rng.randrange(6, 14)))}]")
            if i % 3 == 0:
                out.append(f"      examples: [{json.dumps(_sentence(rng, 12))}]")
    return "\n".join(out) + "\n"


def write_termbase(path: Path, n: int, seed: int = 42) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(termbase_yaml(n, seed), encoding="utf-8")
    return path


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.stdout.write(termbase_yaml(count))
