"""The same 1,000-concept English glossary built with mkdocs-ezglossary-plugin and with this project.

Run: .venv/bin/pip install mkdocs-ezglossary-plugin   (a benchmark-only dependency)
     .venv/bin/python benchmarks/bench_ezglossary.py [--concepts 1000] [--pages 100]

Both sites use Material with the same prose pages. ezglossary defines its
entries as a definition list on one page and is referred to with
`<glossary:term>` in the text (it matches exact strings only); this project
reads the term base and links plain mentions, inflected ones included, and
gives every concept a page of its own. The table shows build time, pages,
total size and median page size of both.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import FILLER, write_termbase  # noqa: E402

from generator.language.formats import number  # noqa: E402

THEME = "theme:\n  name: material\n  font: false\n"


def prose(terms: list[str], count: int, mention) -> dict[str, str]:
    rng = random.Random(11)
    pages = {}
    for i in range(count):
        lines = [f"# Page {i}", ""]
        for part in range(3):
            words = [
                mention(rng.choice(terms)) if rng.random() < 0.05 else rng.choice(FILLER["en"]) for _ in range(130)
            ]
            lines += [f"## Part {part}", "", " ".join(words) + ".", ""]
        pages[f"page{i:04d}.md"] = "\n".join(lines)
    return pages


def build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GLOSSARY_CACHE_DIR": str(project / ".c")},
    )
    return time.perf_counter() - start


def sizes(site: Path) -> tuple[int, float, float]:
    pages = [p.stat().st_size for p in site.rglob("*.html")]
    return (
        len(pages),
        sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        statistics.median(pages) / 1e3,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--lang", default="en", help="the tables to print, in these languages: en,de,nl")
    args = parser.parse_args()
    try:
        import mkdocs_ezglossary_plugin  # noqa: F401
    except ImportError:
        raise SystemExit("install the plugin first: .venv/bin/pip install mkdocs-ezglossary-plugin") from None
    from generator.termbase import loader

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        full = loader.load(write_termbase(tmp / "full.yaml", args.concepts))
        english = {cid: c.langs["en"] for cid, c in full.concepts.items()}
        terms = [section.preferred.text for section in english.values()]

        ez = tmp / "ezglossary"
        (ez / "docs").mkdir(parents=True)
        (ez / "mkdocs.yml").write_text(
            f"site_name: ezglossary\n{THEME}markdown_extensions: [def_list]\nplugins: [search, ezglossary]\n", "utf-8"
        )
        entries = [f"glossary:{s.preferred.text}\n:   {s.definition}\n" for s in english.values()]
        (ez / "docs" / "glossary.md").write_text(
            "# Glossary\n\n" + "\n".join(entries) + "\n<glossary::glossary>\n", "utf-8"
        )
        (ez / "docs" / "index.md").write_text("# Home\n", "utf-8")
        for name, text in prose(terms, args.pages, lambda t: f"<glossary:{t}>").items():
            (ez / "docs" / name).write_text(text, "utf-8")

        ours = tmp / "ours"
        (ours / "docs").mkdir(parents=True)
        (ours / "terms").mkdir()
        source = (tmp / "full.yaml").read_text("utf-8")
        kept = []
        skip = False
        for line in source.splitlines():  # the same term base, English only
            if line.startswith("    de:") or line.startswith("    nl:"):
                skip = True
            elif line.startswith("    en:") or (line.startswith("  ") and not line.startswith("   ")):
                skip = False
            if line.startswith("  de:") or line.startswith("  nl:"):
                continue
            if not skip:
                kept.append(line)
        (ours / "terms" / "termbase.yaml").write_text("\n".join(kept) + "\n", "utf-8")
        (ours / "node_modules").symlink_to(ROOT / "node_modules")
        shutil.copytree(ROOT / "terms" / "diagrams", ours / "terms" / "diagrams")
        (ours / "mkdocs.yml").write_text(
            f"site_name: ours\n{THEME}markdown_extensions: [toc, attr_list, md_in_html, admonition, tables]\n"
            "nav: [index.md, glossary/index.md]\n"
            "plugins:\n  - search\n  - glossary:\n      termbase: terms/termbase.yaml\n",
            "utf-8",
        )
        (ours / "docs" / "index.md").write_text("# Home\n", "utf-8")
        for name, text in prose(terms, args.pages, lambda t: t).items():
            (ours / "docs" / name).write_text(text, "utf-8")

        rows = []
        for name, project in (("mkdocs-ezglossary-plugin", ez), ("this project", ours)):
            seconds = build(project)
            rows.append((name, seconds, *sizes(project / "site")))
    print(f"{args.concepts:,} concepts, English only, {args.pages} prose pages, Material for MkDocs")
    for lang in args.lang.split(","):
        names = TABLE[lang]
        print(f"\n({lang})\n\n| " + " | ".join(names[:5]) + " |\n|---|---:|---:|---:|---:|")
        for name, seconds, pages, total, median in rows:
            label = names[5] if name == "this project" else name
            figures = (number(seconds, lang, 1), number(pages, lang), number(total, lang, 1), number(median, lang, 1))
            print(f"| {label} | " + " | ".join(figures) + " |")


# The table's headings, and the name of this project's row, as each performance page shows them
TABLE = {
    "en": ("build", "seconds", "html pages", "site MB", "median page KB", "this project"),
    "de": ("Build", "Sekunden", "HTML-Seiten", "Site MB", "Seite Median KB", "dieses Projekt"),
    "nl": ("build", "seconden", "HTML-pagina's", "site MB", "mediaan pagina KB", "dit project"),
}


if __name__ == "__main__":
    main()
