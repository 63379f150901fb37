"""The whole product at 100, 1,000 and 10,000 concepts, side by side, in one table.

Run: .venv/bin/python benchmarks/bench_scale.py [--sizes 100,1000,10000] [--pages 300] [--markdown FILE]

For each size it generates a deterministic synthetic term base (three
languages, realistic term and definition lengths, relations, homonyms) and a
few hundred pages of prose per language, then measures, each step in its own
process where a user would run one: load and validate (cold, then cached),
`glossary check`, `glossary lookup` (cold process, warm cache), linking (the HTML pass)
throughput, site generation (term base to staged Markdown), a full
`mkdocs build`, the built site's total and median page size, the largest language's search
index, the seconds the search forms and structured data take within the build
(issue 17's budget: at most 10% of it), and the peak memory of the build. `--markdown FILE` also writes the table with the machine
it was measured on, for the site's performance page.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
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

from generator.language.formats import date, number  # noqa: E402

PYTHON = sys.executable
GLOSSARY = str(Path(sys.executable).with_name("glossary"))


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall seconds and peak resident memory (MB) of one child process: its own peak, as GNU time
    reports it (RUSAGE_CHILDREN would give the largest of every child so far)."""
    start = time.perf_counter()
    timed = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    stderr, _, peak = timed.stderr.rstrip("\n").rpartition("\n")
    result = subprocess.CompletedProcess(cmd, timed.returncode, timed.stdout, stderr)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr[-3000:]}")
    return seconds, int(peak) / 1024 if peak.strip().isdigit() else float("nan"), result


def figure(root: Path, env: dict[str, str], body: str) -> float:
    """Run a measuring snippet in a fresh process in the project and return the number it prints."""
    code = (
        f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
        f"from generator.termbase import loader; {body}"
    )
    _, _, result = run([PYTHON, "-c", code], root, env)
    return float(result.stdout.strip().splitlines()[-1])


def write_pages(docs: Path, termbase, count: int, seed: int = 5) -> int:
    """`count` pages per language of ~400 words mentioning terms; returns the bytes written."""
    rng = random.Random(seed)
    concepts = list(termbase.concepts.values())
    total = 0
    for i in range(count):
        for lang, suffix in (("en", ""), ("de", ".de"), ("nl", ".nl")):
            lines = [f"# Page {i}", ""]
            for section in range(3):
                words = [
                    rng.choice(concepts).langs[lang].preferred.text if rng.random() < 0.05 else rng.choice(FILLER[lang])
                    for _ in range(130)
                ]
                lines += [f"## Part {section}", "", " ".join(words) + ".", ""]
            text = "\n".join(lines)
            (docs / f"page{i:04d}{suffix}.md").write_text(text, "utf-8")
            total += len(text.encode())
    return total


def site_sizes(site: Path) -> tuple[float, float, int]:
    pages = [p.stat().st_size for p in site.rglob("*.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return total / 1e6, statistics.median(pages) / 1e3, len(pages)


def project(root: Path, concepts: int, pages: int) -> tuple[Path, int]:
    from generator.termbase import loader

    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    docs = root / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    for name in ("index.md", "index.de.md", "index.nl.md"):
        shutil.copy2(ROOT / "docs" / name, docs / name)
    config = root / "mkdocs.yml"
    config.write_text(
        "".join(line for line in config.read_text("utf-8").splitlines(keepends=True) if "customer-" not in line),
        "utf-8",
    )
    termbase = write_termbase(root / "terms" / "termbase.yaml", concepts)
    prose = write_pages(docs, loader.load(termbase), pages)
    return termbase, prose


def engine_floor(root: Path) -> Path:
    """A config that builds the same staged Markdown with MkDocs, Material, i18n and search, without
    the glossary plugin: what the engine alone costs for these pages (issue 15's baseline)."""
    shutil.copytree(root / ".cache" / "glossary" / "docs", root / "floor-docs")
    lines = (root / "mkdocs.yml").read_text("utf-8").splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if line.startswith("  - glossary:"):
            skipping = True
            continue
        if skipping and line.startswith("      "):
            continue
        skipping = False
        if line.startswith("docs_dir:"):
            line = "docs_dir: floor-docs\n"
        elif line.startswith("site_dir:"):
            line = "site_dir: site-floor\n"
        out.append(line)
    config = root / "mkdocs-floor.yml"
    config.write_text("".join(out), "utf-8")
    return config


def measure(concepts: int, pages: int) -> dict[str, float]:
    row: dict[str, float] = {"concepts": concepts}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "GLOSSARY_CACHE_DIR": str(root / "cache"), "NO_MKDOCS_2_WARNING": "1"}
        termbase, _prose = project(root, concepts, pages)
        row["pages"] = pages * 3
        row["load cold s"], _, _ = run([GLOSSARY, "validate"], root, env)
        row["load cached s"], _, _ = run([GLOSSARY, "validate"], root, env)
        run([GLOSSARY, "review", "--all"], root, env)
        run([GLOSSARY, "check"], root, env)  # builds the term indexes once
        row["check s"], _, _ = run([GLOSSARY, "check"], root, env)
        word = termbase.read_text("utf-8").split("{term: ", 50)[-1].split(",")[0]
        run([GLOSSARY, "lookup", word], root, env)  # builds the lookup index
        row["lookup s"], _, _ = run([GLOSSARY, "lookup", word], root, env)
        row["linking MB/s"] = figure(
            root,
            env,
            (
                "import markdown; from generator.site.pages import SiteRenderer; "
                "from generator.site.link_targets import page_linker; from generator.translation.labels import labels; "
                "tb = loader.load_cached('terms/termbase.yaml'); r = SiteRenderer(tb, ['en', 'de', 'nl'], 'en'); "
                "r.index('de'); import gc; gc.freeze(); "
                "html = markdown.markdown(''.join(p.read_text('utf-8') for p in sorted(Path('docs').glob('*.de.md')))) * 4; "
                "linker = page_linker(r, 'de', 'de/guide/', None, labels('de'), first_only=False); "
                "t = time.perf_counter(); linker.link(html); "
                "print(len(html.encode()) / 1e6 / (time.perf_counter() - t))"
            ),
        )
        row["generate s"] = figure(
            root,
            env,
            (
                "from generator.site.pages import SiteRenderer; from generator.site.stage import Stage; "
                "t = time.perf_counter(); tb = loader.load_cached('terms/termbase.yaml'); "
                "r = SiteRenderer(tb, ['en', 'de', 'nl'], 'en', diagrams_dir='terms/diagrams'); "
                "Stage(Path('docs').resolve(), Path('.cache/bench-stage'), 'en').sync(r.pages()); "
                "print(time.perf_counter() - t)"
            ),
        )
        timings = root / "timings.json"
        row["mkdocs build s"], row["build peak MB"], _ = run(
            [PYTHON, "-m", "mkdocs", "build", "-q"], root, {**env, "GLOSSARY_TIMINGS": str(timings)}
        )
        row["site MB"], row["median page KB"], row["html pages"] = site_sizes(root / "site")
        row["engine floor s"], row["floor peak MB"], _ = run(
            [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(engine_floor(root))], root, env
        )
        row["build / floor"] = row["mkdocs build s"] / row["engine floor s"]
        # The generator's share of the build: the seconds the plugin itself spends (loading, rendering
        # and staging pages, linking mentions, post-processing pages), as it times them.
        own = json.loads(timings.read_text("utf-8"))
        row["linking in build s"] = own["linking"]
        row["generator in build s"] = sum(own.values())
        row["generator share %"] = 100 * row["generator in build s"] / row["mkdocs build s"]
        # What issue 17 adds (its budget: 10% of the build): every form of the terms in the search
        # index, and each concept's structured data (JSON-LD in its page, its .jsonld and .ttl siblings).
        row["search + structured data s"] = own["search forms"] + own["structured data"]
        row["search + structured % of build"] = 100 * row["search + structured data s"] / row["mkdocs build s"]
        indexes = [p.stat().st_size for p in (root / "site").rglob("search/search_index.json")]
        row["search index MB per language"] = max(indexes) / 1e6 if indexes else float("nan")
    return row


COLUMNS = (
    "concepts",
    "pages",
    "html pages",
    "load cold s",
    "load cached s",
    "check s",
    "lookup s",
    "linking MB/s",
    "generate s",
    "linking in build s",
    "generator in build s",
    "mkdocs build s",
    "engine floor s",
    "build / floor",
    "generator share %",
    "search + structured data s",
    "search + structured % of build",
    "build peak MB",
    "floor peak MB",
    "site MB",
    "median page KB",
    "search index MB per language",
)


def cell(value: object, lang: str = "en") -> str:
    """A figure as the benchmarks' tables print it, in `lang`'s number convention (1,000 and
    0.20 in English, 1.000 and 0,20 in German and Dutch): counts whole, seconds and ratios
    with two decimals below 10 and one above."""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return number(value, lang)
    return number(value, lang, 2 if value < 10 else 1)


def markdown_table(rows: list[dict], columns: tuple[str, ...], lang: str = "en") -> str:
    """The rows as a Markdown table, its headings and figures in `lang` (see HEADINGS)."""
    names = HEADINGS.get(lang, {})
    lines = ["| " + " | ".join(names.get(c, c) for c in columns) + " |", "|" + "|".join("---:" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(row[c], lang) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


# The tables' headings on the German and Dutch performance pages
HEADINGS = {
    "de": {
        "concepts": "Begriffe",
        "pages": "Seiten",
        "html pages": "HTML-Seiten",
        "load cold s": "Laden kalt s",
        "load cached s": "Laden aus Cache s",
        "check s": "check s",
        "lookup s": "lookup s",
        "linking MB/s": "Verlinken MB/s",
        "generate s": "Erzeugen s",
        "linking in build s": "Verlinken im Build s",
        "generator in build s": "Generator im Build s",
        "mkdocs build s": "mkdocs build s",
        "engine floor s": "Engine allein s",
        "build / floor": "Build / Engine",
        "generator share %": "Anteil Generator %",
        "search + structured data s": "Suche + strukturierte Daten s",
        "search + structured % of build": "Suche + strukturierte Daten % des Builds",
        "build peak MB": "Speicher Build MB",
        "floor peak MB": "Speicher Engine MB",
        "site MB": "Site MB",
        "median page KB": "Seite Median KB",
        "search index MB per language": "Suchindex je Sprache MB",
    },
    "nl": {
        "concepts": "begrippen",
        "pages": "pagina's",
        "html pages": "HTML-pagina's",
        "load cold s": "laden koud s",
        "load cached s": "laden uit cache s",
        "check s": "check s",
        "lookup s": "lookup s",
        "linking MB/s": "koppelen MB/s",
        "generate s": "genereren s",
        "linking in build s": "koppelen in build s",
        "generator in build s": "generator in build s",
        "mkdocs build s": "mkdocs build s",
        "engine floor s": "engine alleen s",
        "build / floor": "build / engine",
        "generator share %": "aandeel generator %",
        "search + structured data s": "zoeken + gestructureerde gegevens s",
        "search + structured % of build": "zoeken + gestructureerde gegevens % van build",
        "build peak MB": "geheugen build MB",
        "floor peak MB": "geheugen engine MB",
        "site MB": "site MB",
        "median page KB": "mediaan pagina KB",
        "search index MB per language": "zoekindex per taal MB",
    },
}
MEASURED_ON = {
    "en": "Measured on {machine}, {date}.",
    "de": "Gemessen auf {machine}, {date}.",
    "nl": "Gemeten op {machine}, {date}.",
}


def machine(lang: str = "en", info: dict | None = None) -> str:
    """The machine measured on, in `lang` (`info`: as machine_info gave it, for saved rows)."""
    info = info or machine_info()
    cores = {"en": "cores", "de": "Kerne", "nl": "kernen"}.get(lang, "cores")
    return (
        f"{info['arch']}, {info['cores']} {cores}, {number(info['memory_gib'], lang)} GiB, {info['system']}, "
        f"Python {info['python']}"
    )


def machine_info() -> dict:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "arch": platform.machine(),
        "cores": os.cpu_count(),
        "memory_gib": round(memory),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--pages", type=int, default=100, help="pages per language")
    parser.add_argument("--json", type=Path, help="also write the measured rows (and the machine) to this file")
    parser.add_argument("--rows", type=Path, help="measure nothing: render the rows a --json run wrote")
    parser.add_argument("--markdown", type=Path, help="also write the table to this Markdown file")
    parser.add_argument("--lang", default="en", help="the Markdown table's language: en, de or nl")
    args = parser.parse_args()
    if args.rows:
        saved = json.loads(args.rows.read_text("utf-8"))
        rows, info, day = saved["rows"], saved["machine"], datetime.date.fromisoformat(saved["date"])
    else:
        rows, info, day = [], machine_info(), datetime.date.today()
        for size in (int(s) for s in args.sizes.split(",")):
            rows.append(measure(size, args.pages))
            print(f"measured {size:,} concepts", file=sys.stderr)
        if args.json:
            args.json.write_text(
                json.dumps({"machine": info, "date": day.isoformat(), "rows": rows}, indent=1), "utf-8"
            )
    print(f"{machine('en', info)}\n\n{markdown_table(rows, COLUMNS)}")
    if args.markdown:
        said = MEASURED_ON.get(args.lang, MEASURED_ON["en"]).format(
            machine=machine(args.lang, info), date=date(day, args.lang)
        )
        args.markdown.write_text(f"{said}\n\n{markdown_table(rows, COLUMNS, args.lang)}\n", "utf-8")


if __name__ == "__main__":
    main()
