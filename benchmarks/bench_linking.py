"""Linking throughput: term forms of 1,000 and 10,000 concepts over megabytes of page HTML.

Run: .venv/bin/python benchmarks/bench_linking.py [--mb 5]

Target (issues 4 and 16): at least 5 MB/s per language for the whole linking
pass over a page's HTML (reading its tags, finding mentions, writing anchors
with their tooltips); time grows linearly with the text and stays flat as the
number of terms grows (1,000 vs 10,000 concepts). Beside it, its baseline:
finding the mentions alone in the same text without markup, which is what the
pass adds its HTML work to. The prose mixes ordinary words with term forms
(some inflected, some in multi-word terms) at about one mention in twenty
words, in paragraphs with headings, code and links, as rendered Markdown is.
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

from generator.site.link_targets import page_linker
from generator.site.pages import SiteRenderer
from generator.termbase import loader
from generator.translation.labels import labels


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


def as_html(text: str, seed: int = 3) -> tuple[str, str]:
    """The prose as rendered Markdown (paragraphs of about 600 characters, a heading every fifth,
    some code and links), and the same prose without markup."""
    rng = random.Random(seed)
    parts, plain = [], []
    for k, at in enumerate(range(0, len(text), 600)):
        words = text[at : at + 600].split(" ")
        plain.append(" ".join(words))
        if rng.random() < 0.3:
            i = rng.randrange(len(words))
            words[i] = f"<code>{words[i]}</code>"
        if rng.random() < 0.3:
            i = rng.randrange(len(words))
            words[i] = f'<a href="https://example.org/{k}">{words[i]}</a>'
        if k % 5 == 0:
            parts.append(f'<h2 id="section-{k}">Section {k}<a class="headerlink" href="#section-{k}">&para;</a></h2>')
        parts.append("<p>" + " ".join(words) + "</p>")
    return "\n".join(parts), " ".join(plain)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1000, 10000):
            termbase = loader.load(write_termbase(Path(tmp) / f"tb-{n}.yaml", n))
            renderer = SiteRenderer(termbase)
            for lang in ("en", "de", "nl"):
                start = time.perf_counter()
                index = renderer.index(lang)
                t_index = time.perf_counter() - start
                gc.freeze()  # as the plugin does once the term base is loaded: long-lived objects leave the GC
                page, plain = as_html(prose(termbase, lang, size))
                for fraction in (0.2, 0.5, 1.0):
                    part, part_plain = page[: int(len(page) * fraction)], plain[: int(len(plain) * fraction)]
                    linker = page_linker(renderer, lang, "guide/", None, labels(lang), first_only=False)
                    linker.link(part[:100_000])  # warm the word cache as a site build would
                    start = time.perf_counter()
                    linked = linker.link(part)
                    seconds = time.perf_counter() - start
                    start = time.perf_counter()
                    sum(1 for _ in index.mentions(part_plain))
                    baseline = time.perf_counter() - start
                    found = linked.count('class="gl-link')
                    rows.append((n, lang, t_index, len(part) / 1e6, seconds, len(part_plain) / 1e6 / baseline, found))
    print(f"Python {sys.version.split()[0]}; one term index per language; times exclude building the index\n")
    head = (
        "concepts",
        "lang",
        "index build s",
        "HTML MB",
        "link s",
        "MB/s",
        "baseline: matching alone MB/s",
        "ratio",
        "links",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" for _ in head) + "|")
    for n, lang, t_index, mb, seconds, baseline, found in rows:
        print(
            f"| {n:,} | {lang} | {t_index:.2f} | {mb:.1f} | {seconds:.2f} | {mb / seconds:.1f} | {baseline:.1f} "
            f"| {mb / seconds / baseline:.2f} | {found:,} |"
        )
    print("\ntarget: >= 5 MB/s for the HTML pass; linear in text size and flat in the number of concepts")


if __name__ == "__main__":
    main()
