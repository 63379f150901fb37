"""Linking throughput: term forms of 1,000 and 10,000 concepts over megabytes of prose.

Run: .venv/bin/python benchmarks/bench_linking.py [--mb 5]

Target (issue 4): at least 5 MB/s per language; time grows linearly with the
text and stays flat as the number of terms grows (1,000 vs 10,000 concepts).
The prose mixes ordinary words with term forms (some inflected, some in
multi-word terms) at about one mention in twenty words.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import FILLER, write_termbase

from generator.language.matching import TermIndex
from generator.termbase import loader


def prose(termbase, lang: str, size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    forms = []
    for concept in list(termbase.concepts.values())[:2000]:
        section = concept.langs[lang]
        forms.extend(t.text for t in section.terms)
        forms.extend(t.plural for t in section.terms if t.plural)
    words, length = [], 0
    while length < size:
        word = rng.choice(forms) if rng.random() < 0.05 else rng.choice(FILLER[lang])
        words.append(word)
        length += len(word) + 1
        if rng.random() < 0.07:
            words[-1] += "."
    return " ".join(words)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1000, 10000):
            termbase = loader.load(write_termbase(Path(tmp) / f"tb-{n}.yaml", n))
            for lang in ("en", "de", "nl"):
                start = time.perf_counter()
                index = TermIndex(termbase, lang)
                t_index = time.perf_counter() - start
                gc.freeze()  # as the plugin does once the term base is loaded: long-lived objects leave the GC
                text = prose(termbase, lang, size)
                for fraction in (0.2, 0.5, 1.0):
                    part = text[: int(len(text) * fraction)]
                    list(index.mentions(part[:100_000]))  # warm the word cache as a site build would
                    start = time.perf_counter()
                    found = sum(1 for _ in index.mentions(part))
                    seconds = time.perf_counter() - start
                    rows.append((n, lang, t_index, len(part) / 1e6, seconds, found))
    print(f"Python {sys.version.split()[0]}; one TermIndex per language; times exclude building the index\n")
    head = ("concepts", "lang", "index build s", "text MB", "match s", "MB/s", "mentions")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" for _ in head) + "|")
    for n, lang, t_index, mb, seconds, found in rows:
        print(f"| {n:,} | {lang} | {t_index:.2f} | {mb:.1f} | {seconds:.2f} | {mb / seconds:.1f} | {found:,} |")
    print("\ntarget: >= 5 MB/s; match time linear in text size and flat in the number of concepts")


if __name__ == "__main__":
    main()
