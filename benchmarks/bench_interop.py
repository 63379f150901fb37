"""Export and import of a 10,000-concept term base against loading it.

Run: .venv/bin/python benchmarks/bench_interop.py [--concepts 10000]

Target (issue 7): each export and each import at most 2 times the time of
loading the term base itself (first load, with validation), all in one run.
Import times include validating the new term base (by the loader's rules, on
the data) and writing its YAML, as `glossary import` does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_termbase

from generator.interop import EXPORTERS, IMPORTERS
from generator.termbase import loader
from generator.termbase import writer as termbase_writer


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = write_termbase(Path(tmp) / "termbase.yaml", args.concepts)
        t_load, termbase = timed(lambda: loader.load(path))
        rows.append(("load and validate the term base", t_load))
        exports = {}
        for fmt, export in EXPORTERS.items():
            seconds, data = timed(lambda: export(termbase, {}))
            exports[fmt] = data
            rows.append((f"export {fmt} ({len(data) / 1e6:.1f} MB)", seconds))
        for fmt, importer in IMPORTERS.items():

            def run():
                result = importer(exports[fmt], f"in.{fmt}")
                termbase = loader.check_data(result.data, "out.yaml")  # as glossary import does
                termbase_writer.dump(result.data)
                return termbase

            seconds, imported = timed(run)
            assert len(imported.concepts) == args.concepts
            rows.append((f"import {fmt} (validate and write the result)", seconds))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; {args.concepts:,} concepts, three languages\n")
    print("| step | seconds | vs load |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / t_load:.2f}x |")
    print("\ntarget: every export and import at most 2.0x the load")


if __name__ == "__main__":
    main()
