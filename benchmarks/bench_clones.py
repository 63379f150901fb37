"""The project's own site with its concepts cloned and numbered: do pages and tooltips stay the same size?

Run: .venv/bin/python benchmarks/bench_clones.py [--copies 60]

Issue 15's scenario: the 33 concepts of terms/termbase.yaml copied N times, each
term numbered ("Kunde" -> "Kunde 7") and its plural left as it was ("Kunden"),
as a team does when it copies entries to start new ones. Before the fix every
"Kunde" became a choice between 61 senses and the median concept page grew 24 %.
The baseline is the same site built from the 33 concepts alone, in this run.
Target: the median concept page within ±10 % of the baseline; no tooltip names
more than five senses.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.termbase import writer  # noqa: E402

RELATION_KEYS = ("broader", "narrower", "related", "homonyms")


def cloned(copies: int) -> str:
    data = yaml.safe_load((ROOT / "terms" / "termbase.yaml").read_text("utf-8"))
    originals = dict(data["concepts"])
    for k in range(1, copies + 1):
        for cid, concept in originals.items():
            copy = {key: value for key, value in concept.items() if key != "diagrams"}
            for key in RELATION_KEYS:
                if key in copy:
                    copy[key] = [f"{t}-{k}" for t in copy[key]]
            for lang in data["languages"]:
                if lang in copy:
                    section = dict(copy[lang])
                    section["terms"] = [{**t, "term": f"{t['term']} {k}"} for t in section["terms"]]
                    copy[lang] = section
            data["concepts"][f"{cid}-{k}"] = copy
    return writer.dump(data)


def build(root: Path, termbase_text: str) -> tuple[float, Path]:
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "terms" / "diagrams", root / "terms" / "diagrams")
    (root / "terms" / "termbase.yaml").write_text(termbase_text, "utf-8")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(root / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True, capture_output=True)
    return time.perf_counter() - start, root / "site"


def measure(site: Path, concept_ids: list[str]) -> dict[str, float]:
    sizes, senses, ambiguous = [], 0, 0
    for lang_dir in (site, site / "de", site / "nl"):
        for cid in concept_ids:
            page = lang_dir / "glossary" / cid / "index.html"
            text = page.read_text("utf-8")
            sizes.append(len(text.encode()) / 1e3)
            for title in re.findall(
                r'class="gl-link gl-link--ambiguous"[^>]*title="([^"]*)"|'
                r'title="([^"]*)"[^>]*class="gl-link gl-link--ambiguous"',
                text,
            ):
                ambiguous += 1
                names = re.sub(r" · (?:and|und|en) \d+ (?:more|weitere|andere)$", "", html.unescape("".join(title)))
                senses = max(senses, names.count("·") + 1)
    return {"median KB": statistics.median(sizes), "ambiguous links": ambiguous, "most senses in a tooltip": senses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=60)
    args = parser.parse_args()
    originals = list(yaml.safe_load((ROOT / "terms" / "termbase.yaml").read_text("utf-8"))["concepts"])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for copies in (0, args.copies):
            root = Path(tmp) / f"c{copies}"
            (root / "terms").mkdir(parents=True)
            seconds, site = build(root, cloned(copies))
            rows.append((len(originals) * (copies + 1), seconds, measure(site, originals)))
    base = rows[0][2]["median KB"]
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; concept pages of the 33 original concepts "
        "in en, de and nl\n"
    )
    print(
        "| concepts | build s | median concept page KB | vs 33 concepts | ambiguous links | most senses in a tooltip |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for concepts, seconds, found in rows:
        print(
            f"| {concepts:,} | {seconds:.1f} | {found['median KB']:.1f} | {found['median KB'] / base - 1:+.1%} | "
            f"{found['ambiguous links']} | {found['most senses in a tooltip']} |"
        )
    print("\ntarget: median within ±10 % of the 33-concept site; at most five senses in a tooltip")


if __name__ == "__main__":
    main()
