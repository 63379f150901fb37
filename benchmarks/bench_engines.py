"""The site build per engine (issue 16): `glossary build --engine E`, cold and warm, beside E's engine floor.

Run: .venv/bin/python benchmarks/bench_engines.py [--sizes 33,2000,10000] [--engines mkdocs,properdocs,zensical]

Sizes are concepts: 33 is the project's own term base and pages; other sizes
are synthetic term bases with prose pages in three languages (see
bench_scale.py). For each engine: the build cold (no term base cache, no
stage: a fresh CI machine), warm (the same build again), and the floor (the
same staged Markdown built by the engine with Material, i18n and search, no
glossary plugin, in one process). The baseline is the floor; the ratio is
the warm build over it.

Zensical's floor is Zensical alone building the per-language folders and
configs the generator wrote for it, one language after the other, without
the generator's staging, linking, post-processing and merge: cold (no
Zensical cache) and warm (its cache from the cold run), beside the cold and
warm `glossary build --engine zensical`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_scale import GLOSSARY, PYTHON, ROOT, engine_floor, machine, markdown_table, project, run


def own_project(root: Path) -> None:
    for name in ("mkdocs.yml", "docs", "terms"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")


def measure(concepts: int, engines: list[str], pages: int) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if concepts == 33:
            own_project(root)
        else:
            project(root, concepts, pages)
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        for engine in engines:
            env = {**os.environ, "GLOSSARY_CACHE_DIR": str(root / f"cache-{engine}"), "NO_MKDOCS_2_WARNING": "1"}
            shutil.rmtree(root / ".cache", ignore_errors=True)
            row: dict[str, object] = {"concepts": concepts, "engine": engine}
            build = [GLOSSARY, "build", "--engine", engine, "-d", f"site-{engine}"]
            row["cold s"], row["cold peak MB"], _ = run(build, root, env)
            row["warm s"], row["warm peak MB"], _ = run(build, root, env)
            if engine == "zensical":
                floor_cmd = zensical_floor(root)
                row["cold floor s"], _, _ = run(floor_cmd, root, env)
                row["floor s"], _, _ = run(floor_cmd, root, env)
            else:
                shutil.rmtree(root / "floor-docs", ignore_errors=True)
                # the whole stage, as one process stages it: the floor builds every language from it
                run([PYTHON, "-m", engine, "build", "-q", "-d", f"site-{engine}-whole"], root, env)
                floor = engine_floor(root)
                row["floor s"], _, _ = run([PYTHON, "-m", engine, "build", "-q", "-f", str(floor)], root, env)
                row["cold floor s"] = row["floor s"]  # MkDocs keeps nothing between builds
            row["cold / floor"] = row["cold s"] / row["cold floor s"]
            row["warm / floor"] = row["warm s"] / row["floor s"]
            rows.append(row)
            # each row as it is measured: a long run that fails later keeps what it measured
            print(markdown_table([row], COLUMNS).splitlines()[-1], file=sys.stderr, flush=True)
    return rows


def zensical_floor(root: Path) -> list[str]:
    """A command that builds, with Zensical alone, the folders the generator laid out for it."""
    work, floor = root / ".cache" / "glossary" / "zensical", root / "floor-zensical"
    shutil.rmtree(floor, ignore_errors=True)
    configs = []
    for folder in sorted(work.iterdir()):
        shutil.copytree(folder, floor / folder.name, ignore=shutil.ignore_patterns("site", ".cache"))
        configs.append(str(floor / folder.name / "mkdocs.yml"))
    builds = "; ".join(f"{PYTHON} -m zensical build -f {config} >/dev/null || exit 2" for config in configs)
    return ["sh", "-c", builds]


COLUMNS = (
    "concepts",
    "engine",
    "cold s",
    "cold floor s",
    "cold / floor",
    "warm s",
    "floor s",
    "warm / floor",
    "cold peak MB",
    "warm peak MB",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="33,2000,10000")
    parser.add_argument("--engines", default="mkdocs,properdocs,zensical")
    parser.add_argument("--pages", type=int, default=100, help="prose pages per language (synthetic sizes)")
    args = parser.parse_args()
    engines = args.engines.split(",")
    rows = [row for size in args.sizes.split(",") for row in measure(int(size), engines, args.pages)]
    print(f"{machine()}\n\n{markdown_table(rows, COLUMNS)}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
