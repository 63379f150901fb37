"""Live preview at scale (issue 15): an edited definition on screen, in every language, under `mkdocs serve`.

Run: .venv/bin/python benchmarks/bench_serve.py [--sizes 5000] [--pages 100]

For each size it builds a synthetic project, starts `mkdocs serve --dirty` and
waits for the first build; then it edits one concept's definitions in English,
German and Dutch in the term base (one save) and polls the concept's page in
each language until it shows its edit, as a browser with live reload would
see it. The baseline is what the same edit cost before live preview knew
what an edit changes: a whole `mkdocs build` of the project (its time is
measured here too). Goal: every language's page within 10 s at 5,000 concepts.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_scale import PYTHON, machine, markdown_table, project, run

GOAL_S = 10.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, needle: str, limit: float) -> float | None:
    """Seconds until the page at `url` contains `needle`, or None after `limit` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and needle in page:
            return time.perf_counter() - start
        time.sleep(0.1)
    return None


def edit_definitions(termbase: Path, concept: str, new: dict[str, str]) -> None:
    """Replace `concept`'s definition in each language of `new`, keeping every other byte."""
    text = termbase.read_text("utf-8")
    start = text.index(f"\n  {concept}:\n")
    for lang, definition in new.items():
        section = text.index(f"\n    {lang}:\n", start)
        at = text.index("definition: ", section) + len("definition: ")
        end = text.index("\n", at)
        text = text[:at] + definition + text[end:]
    termbase.write_text(text, "utf-8")


def measure(concepts: int, pages: int) -> dict[str, object]:
    row: dict[str, object] = {"concepts": concepts}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "GLOSSARY_CACHE_DIR": str(root / "cache"), "NO_MKDOCS_2_WARNING": "1"}
        termbase, _ = project(root, concepts, pages)
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        row["full build s"], _, _ = run([PYTHON, "-m", "mkdocs", "build", "-q"], root, env)
        concept = re.findall(r"(?m)^  ([a-z0-9-]+):$", termbase.read_text("utf-8"))[concepts // 2]
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(root / "serve.log", "wb")  # noqa: SIM115 - open for the server's lifetime
        server = subprocess.Popen(
            [PYTHON, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            urls = {
                lang: f"{base}/{prefix}glossary/{concept}/"
                for lang, prefix in (("en", ""), ("de", "de/"), ("nl", "nl/"))
            }
            first = wait_for(urls["nl"], "<html", 1800)
            if first is None:
                raise SystemExit(f"mkdocs serve did not come up:\n{(root / 'serve.log').read_text()[-3000:]}")
            row["first build s"] = first
            time.sleep(3)  # let the watcher settle
            markers = {lang: f"Edited{time.time_ns()}{lang}" for lang in urls}
            edit_definitions(termbase, concept, markers)
            edited = time.perf_counter()
            for lang, url in urls.items():
                seen = wait_for(url, markers[lang], 600)
                row[f"{lang} page s"] = (time.perf_counter() - edited) if seen is not None else float("nan")
        finally:
            server.terminate()
            server.wait()
            log.close()
    row["slowest / goal"] = max(row[f"{lang} page s"] for lang in ("en", "de", "nl")) / GOAL_S
    row["slowest / full build"] = max(row[f"{lang} page s"] for lang in ("en", "de", "nl")) / row["full build s"]
    return row


COLUMNS = (
    "concepts",
    "full build s",
    "first build s",
    "en page s",
    "de page s",
    "nl page s",
    "slowest / goal",
    "slowest / full build",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000")
    parser.add_argument("--pages", type=int, default=100, help="prose pages per language")
    args = parser.parse_args()
    rows = [measure(int(size), args.pages) for size in args.sizes.split(",")]
    print(f"{machine()}\n\n{markdown_table(rows, COLUMNS)}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
