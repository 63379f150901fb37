"""Loading a term base: first load and cached load against PyYAML's bare parse.

Run: .venv/bin/python benchmarks/bench_load.py [--sizes 1000,10000] [--repeat 3]

Targets (issue 2): a first load with validation costs at most 1.3 times
`yaml.load(..., Loader=yaml.CSafeLoader)` of the same file; a cached load of an
unchanged file takes under 0.5 s. Issue 15: `glossary validate` of a cold
55 MB term base (about 32,000 concepts: `--sizes 32000`) within the same 1.3x,
and its peak memory at most 2x the bare load's, each measured in a process of
its own (the memory columns). The bare parse is shown twice: as PyYAML
runs by default, and with the garbage collector paused as the loader does, so
the ratio against the strictest floor is visible too.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_termbase

from generator.termbase import loader


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        del result
    return statistics.median(times)


def bare(text: str, paused: bool):
    if paused:
        gc.disable()
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    finally:
        gc.enable()


def peak_mb(code: str, env: dict[str, str]) -> float:
    """Peak resident memory of a fresh process running `code` (GNU time's %M)."""
    run = subprocess.run(
        ["/usr/bin/time", "-f", "%M", sys.executable, "-c", code], capture_output=True, text=True, env=env
    )
    return int(run.stderr.strip().rsplit("\n", 1)[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["GLOSSARY_CACHE_DIR"] = str(Path(tmp) / "cache")
        for n in (int(s) for s in args.sizes.split(",")):
            path = write_termbase(Path(tmp) / f"tb-{n}.yaml", n)
            text = path.read_text("utf-8")
            repeat = args.repeat if n < 10000 else max(1, args.repeat // 2)
            t_bare = timed(lambda: bare(text, False), repeat)
            t_bare_paused = timed(lambda: bare(text, True), repeat)
            t_first = timed(lambda: loader.load(path), repeat)
            loader.load_cached(path)  # warm
            t_cached = timed(lambda: loader.load_cached(path), max(3, repeat))
            env = {**os.environ, "GLOSSARY_CACHE_DIR": str(Path(tmp) / f"cold-{n}")}
            m_bare = peak_mb(
                f"import yaml; yaml.load(open({str(path)!r}, encoding='utf-8').read(), Loader=yaml.CSafeLoader)", env
            )
            m_validate = peak_mb(
                f"from generator.cli import main; main(['validate', '--termbase', {str(path)!r}])", env
            )
            rows.append((n, path.stat().st_size / 1e6, t_bare, t_bare_paused, t_first, t_cached, m_bare, m_validate))
    print(
        f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__} (libyaml: {hasattr(yaml, 'CSafeLoader')}), "
        f"{os.cpu_count()} cores; median of runs\n"
    )
    head = (
        "concepts",
        "YAML MB",
        "yaml.load s",
        "yaml.load no-GC s",
        "first load s",
        "ratio",
        "ratio no-GC",
        "cached load s",
        "yaml.load peak MB",
        "cold validate peak MB",
        "memory ratio",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" for _ in head) + "|")
    for n, mb, t_bare, t_paused, t_first, t_cached, m_bare, m_validate in rows:
        print(
            f"| {n:,} | {mb:.1f} | {t_bare:.2f} | {t_paused:.2f} | {t_first:.2f} | {t_first / t_bare:.2f} | "
            f"{t_first / t_paused:.2f} | {t_cached:.3f} | {m_bare:.0f} | {m_validate:.0f} | {m_validate / m_bare:.2f} |"
        )
    print("\ntargets: ratio <= 1.3; cached load < 0.5 s; memory ratio <= 2")


if __name__ == "__main__":
    main()
