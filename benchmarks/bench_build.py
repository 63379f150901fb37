"""The site build against the engine floor (issue 15): `mkdocs build` and `glossary build` beside MkDocs alone.

Run: .venv/bin/python benchmarks/bench_build.py [--sizes 2000,10000] [--pages 100] [--gemet]

For each term base (synthetic, of each size, with prose pages in three
languages; and with --gemet, GEMET's en, de and nl SKOS files from
../shared/realworld imported) it measures, each in its own process:

* `mkdocs build`: the glossary plugin, every language in one process;
* `glossary build`: the same, every language in a process of its own, merged;
* the engine floor (the baseline): the same staged Markdown built by MkDocs with
  Material, i18n and search, without the glossary plugin, in one process.

The term base is loaded once before (its cache warm for all three; a cold load
is bench_load.py's). Goal: `glossary build` at most 1.0x the floor. Peak memory is the largest of
any one process (GNU time); the last column says whether `glossary build`
wrote the same bytes as `mkdocs build`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_scale import GLOSSARY, PYTHON, ROOT, engine_floor, machine, markdown_table, project, run, site_sizes

GEMET = ROOT.parent / "shared" / "realworld" / "skos" / "gemet"
GOAL = 1.0


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def gemet_project(root: Path, env: dict[str, str]) -> int:
    """GEMET's concepts in en, de and nl, imported as a user would, with the project's home pages."""
    project(root, 10, 0)  # the site's config and home pages; its term base is replaced
    files = [str(GEMET / f"gemet-{lang}.rdf") for lang in ("en", "de", "nl")]
    result = subprocess.run(
        [GLOSSARY, "import", *files, "-o", "terms/gemet.yaml"], cwd=root, env=env, capture_output=True, text=True
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"importing GEMET failed:\n{result.stderr[-3000:]}")
    from generator.termbase import loader

    shutil.move(root / "terms" / "gemet.yaml", root / "terms" / "termbase.yaml")
    return len(loader.load(root / "terms" / "termbase.yaml").concepts)


def measure(label: str, root: Path, env: dict[str, str]) -> dict[str, object]:
    row: dict[str, object] = {"term base": label}
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    run([GLOSSARY, "validate"], root, env)  # every build below starts from the cached term base
    row["mkdocs build s"], row["mkdocs peak MB"], _ = run([PYTHON, "-m", "mkdocs", "build", "-q"], root, env)
    row["html pages"] = site_sizes(root / "site")[2]
    row["floor s"], row["floor peak MB"], _ = run(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(engine_floor(root))], root, env
    )
    row["glossary build s"], row["glossary peak MB"], _ = run([GLOSSARY, "build", "-d", "site-parallel"], root, env)
    row["mkdocs / floor"] = row["mkdocs build s"] / row["floor s"]
    row["glossary / floor"] = row["glossary build s"] / row["floor s"]
    row["same bytes"] = "yes" if tree(root / "site") == tree(root / "site-parallel") else "NO"
    return row


COLUMNS = (
    "term base",
    "html pages",
    "mkdocs build s",
    "glossary build s",
    "floor s",
    "mkdocs / floor",
    "glossary / floor",
    "goal",
    "mkdocs peak MB",
    "glossary peak MB",
    "floor peak MB",
    "same bytes",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000", help="synthetic term bases, in concepts ('' for none)")
    parser.add_argument("--pages", type=int, default=100, help="prose pages per language")
    parser.add_argument("--gemet", action="store_true", help="also GEMET (en, de, nl) from ../shared/realworld")
    args = parser.parse_args()
    rows = []
    runs = [(f"{int(size):,} synthetic", int(size)) for size in args.sizes.split(",") if size]
    if args.gemet:
        runs.append(("GEMET", 0))
    for label, size in runs:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            env = {**os.environ, "GLOSSARY_CACHE_DIR": str(root / "cache"), "NO_MKDOCS_2_WARNING": "1"}
            if size:
                project(root, size, args.pages)
            else:
                label = f"GEMET, {gemet_project(root, env):,}"
            row = measure(label, root, env)
            row["goal"] = f"≤ {GOAL:.1f}"
            rows.append(row)
            print(f"measured {label}", file=sys.stderr)
    print(f"{machine()}\n\n{markdown_table(rows, COLUMNS)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
