"""`glossary usage` and the checks issue 19 added, beside the check without them, on 10,000
concepts and 300 page files, from a warm cache.

Run: .venv/bin/python benchmarks/bench_usage.py [--concepts 10000] [--pages 100] [--repeat 3]

Target (issue 19): each at most 1.5x the check without them (concept-parity,
deprecated-in-compound and unlinkable-term off), in the same run, on the same input (the
pages of bench_check.py: 100 source pages with a German and a Dutch version each).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import arguments, run, synthetic_project
from bench_scale import markdown_table

NEW_RULES = ("concept-parity", "deprecated-in-compound", "unlinkable-term")


def main() -> None:
    args = arguments(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        path, docs, env = synthetic_project(Path(tmp), args.concepts, args.pages)
        glossary = [sys.executable, "-m", "generator.cli"]
        common = ["--termbase", str(path), "--docs", str(docs)]
        run([*glossary, "review", "--all", *common], env)
        run([*glossary, "check", "--format", "json", *common], env)  # warms the term indexes
        commands = {
            "check without the new rules (baseline)": [
                *glossary,
                "check",
                "--format",
                "json",
                *common,
                *(f"--rule={r}=off" for r in NEW_RULES),
            ],
            "check with the new rules": [
                *glossary,
                "check",
                "--format",
                "json",
                *common,
                "--rule=unlinkable-term=info",
            ],
            "glossary usage --json": [*glossary, "usage", "--json", *common],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):  # interleaved, so that noise falls on all alike
            for name, cmd in commands.items():
                seconds, result = run(cmd, env)
                if result.returncode not in (0, 1):
                    raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
                times[name].append(seconds)
    baseline = statistics.median(times["check without the new rules (baseline)"])
    rows = [
        {"command": name, "seconds (median)": statistics.median(t), "x baseline": statistics.median(t) / baseline}
        for name, t in times.items()
    ]
    print(f"{args.concepts:,} concepts, {args.pages * 3} page files, median of {args.repeat}; target: at most 1.5x\n")
    print(markdown_table(rows, ("command", "seconds (median)", "x baseline")))


if __name__ == "__main__":
    main()
