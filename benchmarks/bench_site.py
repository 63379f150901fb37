"""Weight of the built site and of its diagram assets.

Run: .venv/bin/python benchmarks/bench_site.py

Builds the project's site in a temporary copy and prints one table: pages,
total size, median page, the local Mermaid and iframe-worker assets, and how
many pages load Mermaid (only those with a diagram do; one copy at the site
root serves all languages, so a browser caches it once).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(project: Path, offline: bool) -> tuple[Path, float]:
    site = project / ("site-offline" if offline else "site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GLOSSARY_OFFLINE": "true" if offline else "false"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, env=env, check=True)
    return site, time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("mkdocs.yml", "docs", "terms"):
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        (project / "node_modules").symlink_to(ROOT / "node_modules")
        rows = []
        for offline in (False, True):
            site, seconds = build(project, offline)
            pages = [p for p in site.rglob("*.html")]
            with_mermaid = [p for p in pages if "assets/vendor/mermaid.min.js" in p.read_text("utf-8")]
            with_diagram = [p for p in pages if 'class="mermaid"' in p.read_text("utf-8")]
            vendor = site / "assets" / "vendor"
            rows.append(
                (
                    "file:// copy" if offline else "web site",
                    len(pages),
                    seconds,
                    size(site) / 1e6,
                    statistics.median(p.stat().st_size for p in pages) / 1e3,
                    (vendor / "mermaid.min.js").stat().st_size / 1e6,
                    (vendor / "iframe-worker-shim.js").stat().st_size / 1e3
                    if (vendor / "iframe-worker-shim.js").exists()
                    else 0,
                    len(with_diagram),
                    len(with_mermaid),
                )
            )
    head = (
        "build",
        "pages",
        "build s",
        "total MB",
        "median page KB",
        "mermaid.min.js MB",
        "iframe-worker KB",
        "pages with diagrams",
        "pages loading mermaid",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---:" for _ in head) + "|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]:.1f} | {r[3]:.1f} | {r[4]:.1f} | {r[5]:.2f} | {r[6]:.1f} | {r[7]} | {r[8]} |")
    print("\nMermaid is one file at the site root for all languages, loaded only by pages that draw a diagram.")


if __name__ == "__main__":
    main()
