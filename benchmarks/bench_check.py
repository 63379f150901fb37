"""`glossary check` on 10,000 concepts and 300 pages, from a warm term base cache.

Run: .venv/bin/python benchmarks/bench_check.py [--concepts 10000] [--pages 100]

Target (issue 5): under 3 s wall time for the whole process. The pages are
100 source pages with a German and a Dutch version each (300 files) of about
500 words, mentioning terms of the term base; all translations are recorded
as reviewed, as in a maintained project, so the run is a realistic "green" CI
check with a few findings planted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import FILLER, write_termbase

from generator.termbase import loader


def write_pages(docs: Path, termbase, count: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    concepts = list(termbase.concepts.values())
    docs.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        for lang, suffix in (("en", ""), ("de", ".de"), ("nl", ".nl")):
            lines = [f"# Page {i}", ""]
            for section in range(4):
                lines += [f"## Section {section}", ""]
                words = []
                for _ in range(120):
                    if rng.random() < 0.06:
                        words.append(rng.choice(concepts).langs[lang].preferred.text)
                    else:
                        words.append(rng.choice(FILLER[lang]))
                lines += [" ".join(words) + ".", "", "See [the glossary](glossary/index.md).", ""]
            (docs / f"page{i:03d}{suffix}.md").write_text("\n".join(lines), "utf-8")


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, result


def arguments(doc: str) -> argparse.Namespace:
    """The options of the benchmarks that check a synthetic project: its size, the repeats."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10000)
    parser.add_argument("--pages", type=int, default=100, help="source pages (each also in de and nl)")
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


def synthetic_project(root: Path, concepts: int, pages: int) -> tuple[Path, Path, dict[str, str]]:
    """A term base and its pages under `root`, with a cache of their own: (term base, docs, environment)."""
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(root / "cache")}
    path = write_termbase(root / "terms" / "termbase.yaml", concepts)
    write_pages(root / "docs", loader.load(path), pages)
    return path, root / "docs", env


def main() -> None:
    args = arguments(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path, docs, env = synthetic_project(root, args.concepts, args.pages)
        glossary = [sys.executable, "-m", "generator.cli"]
        common = ["--termbase", str(path), "--docs", str(docs)]
        t_review, _ = run([*glossary, "review", "--all", *common], env)  # also warms the cache
        first, result = run([*glossary, "check", "--format", "json", *common], env)  # builds the term indexes
        times = []
        for _ in range(args.repeat):
            seconds, result = run([*glossary, "check", "--format", "json", *common], env)
            times.append(seconds)
        # a fresh import: no review recorded, so every translation is a finding (issue 15: 20,000+)
        (root / "terms" / "termbase.reviews.json").unlink()
        many = []
        for _ in range(args.repeat):
            seconds, unreviewed = run([*glossary, "check", "--format", "json", *common], env)
            many.append(seconds)
        t_python, _ = run([sys.executable, "-c", "pass"], env)
        files = len(list(docs.glob("*.md")))
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; wall time of whole processes, median of {args.repeat}\n"
    )
    print(
        "| concepts | page files | glossary review --all s (cold cache) | first check s (builds indexes) "
        "| glossary check s (warm cache) | exit | findings |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    import json

    found = json.loads(result.stdout)["summary"]["total"] if result.stdout else -1
    print(
        f"| {args.concepts:,} | {files} | {t_review:.2f} | {first:.2f} | {statistics.median(times):.2f} | "
        f"{result.returncode} | {found} |"
    )
    many_found = json.loads(unreviewed.stdout)["summary"]["total"] if unreviewed.stdout else -1
    print(
        f"| {args.concepts:,} | {files} | (no review recorded) | | {statistics.median(many):.2f} | "
        f"{unreviewed.returncode} | {many_found:,} |"
    )
    print(f"\n(python -c pass: {t_python:.2f} s)  target: check under 3 s, also with 20,000+ findings")


if __name__ == "__main__":
    main()
