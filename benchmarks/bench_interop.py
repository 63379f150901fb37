"""Export, import and merge at scale, each against loading the term base it gives.

Run: .venv/bin/python benchmarks/bench_interop.py [--concepts 10000] [--merge 1000] [--no-gemet]

Targets (issues 7 and 14), all ratios measured in this one run:
* each export, and each import of a 10,000-concept file in every format, at
  most 2x loading the resulting term base (first load, with validation);
* importing GEMET's five SKOS files (../shared/realworld) at most 2x loading
  the term base that import writes;
* merging 1,000 concepts (half of them new, half adding a term to an existing
  concept) into a 10,000-concept term base at most 3x loading that term base.
Import times include validating the new term base (by the loader's rules, on
the data) and writing its YAML, as `glossary import` does; the merge time
includes reading the term base, the merge and loading the result again.
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

from generator.interop import EXPORTERS, IMPORTERS, ImportOptions
from generator.termbase import loader
from generator.termbase import writer as termbase_writer
from generator.termbase.merge import merge

SUFFIX = {"tbx": "in.tbx", "csv": "in.csv", "skos": "in.ttl", "json": "in.json"}
GEMET = Path(__file__).resolve().parent.parent.parent / "shared" / "realworld" / "skos" / "gemet"


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def imported(fmt: str, files: list[tuple[bytes, str]]):
    """What `glossary import` does: read, validate the data, write the YAML."""
    result = IMPORTERS[fmt](files, ImportOptions())
    termbase = loader.check_data(result.data, "out.yaml")
    return termbase, termbase_writer.dump(result.data)


def merge_input(termbase, count: int) -> dict:
    """`count` concepts: half existing ones with a new German term, half new ones."""
    data = {
        "source_language": termbase.source_language,
        "languages": {code: {"name": lang.name} for code, lang in termbase.languages.items()},
        "concepts": {},
    }
    for i, cid in enumerate(list(termbase.concepts)[: count // 2]):
        data["concepts"][cid] = {"de": {"terms": [{"term": f"Zusatzbenennung {i}", "status": "admitted"}]}}
    for i in range(count - count // 2):
        data["concepts"][f"merged-{i}"] = {
            "en": {"terms": [{"term": f"merged concept {i}", "status": "preferred"}], "definition": f"Merged {i}."},
            "de": {"terms": [{"term": f"Zusammengeführt {i}", "status": "preferred"}]},
        }
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10000)
    parser.add_argument("--merge", type=int, default=1000)
    parser.add_argument("--no-gemet", action="store_true", help="leave out GEMET (../shared/realworld)")
    args = parser.parse_args()
    rows = []  # (step, seconds, baseline seconds, target)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_termbase(Path(tmp) / "termbase.yaml", args.concepts)
        t_load, termbase = timed(lambda: loader.load(path))
        rows.append(("load and validate the term base (the baseline)", t_load, t_load, None))
        exports = {}
        for fmt, export in EXPORTERS.items():
            seconds, data = timed(lambda: export(termbase, {}))
            exports[fmt] = data
            rows.append((f"export {fmt} ({len(data) / 1e6:.1f} MB)", seconds, t_load, 2.0))
        for fmt in IMPORTERS:
            seconds, (result, text) = timed(lambda: imported(fmt, [(exports[fmt], SUFFIX[fmt])]))
            assert len(result.concepts) == args.concepts
            out = Path(tmp) / f"imported-{fmt}.yaml"
            out.write_text(text, "utf-8")
            t_result, _ = timed(lambda: loader.load(out))
            rows.append((f"import {fmt}, {args.concepts:,} concepts", seconds, t_result, 2.0))
        if not args.no_gemet:
            files = [
                ((GEMET / f"gemet-{lang}.rdf").read_bytes(), f"gemet-{lang}.rdf")
                for lang in ("en", "de", "nl", "fr", "it")
            ]
            seconds, (result, text) = timed(lambda: imported("skos", files))
            out = Path(tmp) / "gemet.yaml"
            out.write_text(text, "utf-8")
            t_result, _ = timed(lambda: loader.load(out))
            rows.append((f"import GEMET, 5 SKOS files, {len(result.concepts):,} concepts", seconds, t_result, 2.0))
        incoming = merge_input(termbase, args.merge)

        def merged():
            text = loader.decode(loader.read_bytes(path), str(path))
            existing = loader.load_text(text, str(path))
            return merge(text, existing, incoming)

        seconds, result = timed(merged)
        assert len(result.matched) == args.merge // 2 and len(result.new) == args.merge - args.merge // 2
        rows.append((f"merge {args.merge:,} concepts into {args.concepts:,}", seconds, t_load, 3.0))
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; synthetic term base of {args.concepts:,} "
        "concepts in three languages\n"
    )
    print("| step | seconds | baseline: load of the result, s | ratio | target |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds, baseline, target in rows:
        verdict = "" if target is None else f"≤ {target:.1f}x {'met' if seconds / baseline <= target else 'MISSED'}"
        print(f"| {name} | {seconds:.2f} | {baseline:.2f} | {seconds / baseline:.2f}x | {verdict} |")


if __name__ == "__main__":
    main()
