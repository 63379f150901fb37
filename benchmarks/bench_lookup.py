"""`glossary lookup` on a 10,000-concept term base: whole-process wall time.

Run: .venv/bin/python benchmarks/bench_lookup.py [--concepts 10000] [--runs 21]

Target (issue 6): the median of a warm lookup at most 3 times a bare
`python -c pass` measured in the same run. Also shown: the first lookup after
an edit of the term base (the index is rebuilt), a lookup of an inflected
form, and a misspelling (fuzzy search over every term, exit 1).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_termbase

GLOSSARY = str(Path(sys.executable).with_name("glossary"))


def wall(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(cmd, stdout=subprocess.DEVNULL, env=env).returncode
        times.append(time.perf_counter() - start)
    return statistics.median(times), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GLOSSARY_CACHE_DIR": str(Path(tmp) / "cache")}
        path = write_termbase(Path(tmp) / "termbase.yaml", args.concepts)
        text = path.read_text("utf-8")
        terms = re.findall(r"\{term: (\w+), status: preferred, pos: noun(?:, gender: \w+)?, plural: (\w+)\}", text)
        word, plural = terms[len(terms) // 2]  # a preferred term and its plural from the middle of the file
        base = [GLOSSARY, "lookup", "--termbase", str(path)]
        first_cold, _ = wall([*base, word], env, 1)  # loads the term base and builds both caches
        python, _ = wall([sys.executable, "-c", "pass"], env, args.runs)
        warm, code = wall([*base, word], env, args.runs)
        inflected, code_inflected = wall([*base, plural.upper()], env, args.runs)
        fuzzy, code_fuzzy = wall([*base, word[:-2] + "zz" + word[-2:]], env, max(3, args.runs // 4))
        path.write_text(text.replace(word, word + "x", 1), "utf-8")
        after_edit, _ = wall([*base, word + "x"], env, 1)
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.concepts:,} concepts; "
        f"median of {args.runs} runs; whole processes\n"
    )
    print("| what | seconds | vs python -c pass | exit |")
    print("|---|---:|---:|---:|")
    for name, seconds, exit_code in (
        ("python -c pass", python, 0),
        ("lookup, warm cache", warm, code),
        ("lookup of an inflected form (plural, capitals)", inflected, code_inflected),
        ("lookup of a misspelling (did you mean)", fuzzy, code_fuzzy),
        ("first lookup ever (cold caches)", first_cold, 0),
        ("first lookup after an edit", after_edit, 0),
    ):
        print(f"| {name} | {seconds:.3f} | {seconds / python:.1f}x | {exit_code} |")
    print("\ntarget: warm lookup at most 3.0x python -c pass")


if __name__ == "__main__":
    main()
