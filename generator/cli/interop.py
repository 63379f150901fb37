"""`glossary export` and `import`: the term base in and out of TBX, CSV, SKOS and JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import Problem, TermBaseError
from ..interop import EXPORTERS, FOLDER_EXPORTERS, IMPORTERS, MANY_FILES, MAPPING_EXAMPLE
from .common import EXIT_OK, UsageError, termbase_option
from .progress import activity

MAX_IMPORT_BYTES = 512 * 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser(
        "export",
        help="write the term base as TBX, CSV, SKOS or JSON, or as Vale or LanguageTool vocabularies",
        description="Write the term base in an interchange format: TBX-Basic (ISO 30042, DCA), "
        "CSV (one row per term), SKOS (Turtle or RDF/XML) or JSON; or, into a folder (-o DIR), as the "
        "vocabularies of the writing checkers Vale and LanguageTool.",
    )
    export.add_argument("--format", required=True, choices=sorted([*EXPORTERS, *FOLDER_EXPORTERS]))
    export.add_argument("--syntax", choices=("turtle", "xml"), default="turtle", help="SKOS only: Turtle or RDF/XML")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output); vale, languagetool: a folder"
    )
    termbase_option(export)
    export.set_defaults(run=export_command)

    importer = sub.add_parser(
        "import",
        help="turn TBX, CSV, SKOS or JSON files into a new term base",
        description="Read TBX (v3 DCA or DCT, v2 martif; other dialects leniently), CSV or TSV (our export, "
        "Crowdin, bilingual source/target, or any table with --columns), SKOS (Turtle, RDF/XML, N-Triples, "
        "JSON-LD; a vocabulary in several files is joined) or our JSON export, and write a new term base. "
        "The report leads with what needs checking and counts the rest; --details lists every note.",
    )
    importer.add_argument("files", nargs="+", metavar="FILE", help="the file to read (SKOS: one or more)")
    importer.add_argument("--format", choices=sorted(IMPORTERS), help="default: from the file name and content")
    target = importer.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="NEW.yaml", help="the new term base to write")
    target.add_argument(
        "--into",
        metavar="TERMBASE",
        help="merge into this term base instead: show what would change (a diff), or change it with --write",
    )
    importer.add_argument("--write", action="store_true", help="with --into: write the merged term base")
    importer.add_argument(
        "--replace",
        action="store_true",
        help="with --into: where the file's definition or grammar differs, take the file's (statuses never change)",
    )
    importer.add_argument("--force", action="store_true", help="replace NEW.yaml if it exists")
    importer.add_argument(
        "--languages",
        metavar="SRC,TGT",
        help="CSV without language names: the source and target language (e.g. en,cs); "
        "SKOS: the languages to read, the first being the source language",
    )
    importer.add_argument("--columns", metavar="MAP", help=f"CSV: what each column holds, e.g. {MAPPING_EXAMPLE[10:]}")
    importer.add_argument("--strict", action="store_true", help="TBX: refuse a dialect this import does not know")
    importer.add_argument("--details", action="store_true", help="list every note of the report, not only the counts")
    importer.add_argument("--report-json", metavar="FILE", help="write the whole report as JSON to FILE ('-': stdout)")
    importer.set_defaults(run=import_command)


def export_command(args: argparse.Namespace) -> int:
    from .. import atomic
    from ..termbase import loader

    if args.format in FOLDER_EXPORTERS and args.output in (None, "-"):
        raise UsageError(f"--format {args.format} writes a folder of files: name it with -o DIR")
    if args.format in FOLDER_EXPORTERS and Path(args.output).exists() and not Path(args.output).is_dir():
        raise UsageError(f"{args.output} is a file: --format {args.format} writes a folder, name another with -o")
    with activity(f"loading {args.termbase}"):
        termbase = loader.load_cached(args.termbase)
    if args.format in FOLDER_EXPORTERS:
        files = FOLDER_EXPORTERS[args.format](termbase)
        for relative, content in files.items():
            atomic.write_bytes(Path(args.output) / relative, content)
        print(f"wrote {len(files)} files into {args.output} ({args.format})", file=sys.stderr)
        return EXIT_OK
    with activity(f"writing {args.format}"):
        data = EXPORTERS[args.format](termbase, {"syntax": args.syntax})
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic.write_bytes(args.output, data)
        print(f"wrote {args.output} ({args.format}, {len(termbase.concepts)} concepts)", file=sys.stderr)
    return EXIT_OK


def import_command(args: argparse.Namespace) -> int:
    from .. import atomic
    from ..interop import ImportOptions, format_of
    from ..interop.result import as_json, details, summary
    from ..termbase import loader, writer

    if args.into is None and (args.write or args.replace):
        raise UsageError("--write and --replace go with --into TERMBASE")
    target = Path(args.output or args.into)
    if args.output and target.exists() and not args.force:
        raise UsageError(f"{args.output} exists: choose a new file, or pass --force to replace it")
    files = []
    for name in args.files:
        path = Path(name)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            raise TermBaseError([Problem(name, 1, 1, "file not found: check the path")]) from None
        if size > MAX_IMPORT_BYTES:
            raise TermBaseError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        f"the file is {size // 2**20} MB; files over "
                        f"{MAX_IMPORT_BYTES // 2**20} MB are refused: split it",
                    )
                ]
            )
        files.append((path.read_bytes(), name))
    formats = {args.format or format_of(name, raw[:4096]) for raw, name in files}
    if None in formats:
        raise UsageError(
            f"{args.files[0]}: cannot tell the format from the name or the content: "
            "pass --format tbx, csv, skos or json"
        )
    if len(formats) > 1:
        raise UsageError(f"the files are of different formats ({', '.join(sorted(formats))}): import them one by one")
    fmt = formats.pop()
    if len(files) > 1 and fmt not in MANY_FILES:
        raise UsageError(
            f"{fmt} is imported one file at a time; several files are joined only for {', '.join(sorted(MANY_FILES))}"
        )
    languages = [code.strip() for code in args.languages.split(",") if code.strip()] if args.languages else None
    options = ImportOptions(languages=languages, columns=args.columns, strict=args.strict)
    with activity(f"reading {', '.join(args.files)} as {fmt}"):
        result = IMPORTERS[fmt](files, options)
        termbase = loader.check_data(result.data, str(target))  # what we write must be sound: check before writing
    for line in summary(result) + (details(result) if args.details else []):
        print(line, file=sys.stderr)
    if args.report_json == "-":
        sys.stdout.write(as_json(result))
    elif args.report_json:
        atomic.write_bytes(args.report_json, as_json(result).encode("utf-8"))
    if args.into:
        return _merge_into(target, result.data, args)
    text = writer.dump(result.data, f"Imported from {', '.join(Path(n).name for _, n in files)} by glossary import.")
    atomic.write_bytes(target, text.encode("utf-8"))
    more = "" if args.details or not result.notes else " (--details lists every note)"
    print(
        f"wrote {args.output}: {len(termbase.concepts):,} concepts in {', '.join(termbase.languages)}{more}",
        file=sys.stderr,
    )
    return EXIT_OK


def _merge_into(target: Path, data: dict, args: argparse.Namespace) -> int:
    """Merge imported data into an existing term base: show the change, or write it with --write."""
    import difflib

    from .. import atomic
    from ..termbase import loader
    from ..termbase.merge import merge

    raw = loader.read_bytes(target)
    text = loader.decode(raw, str(target))
    existing = loader.load_text(text, str(target))
    with activity(f"merging into {target}"):
        merged = merge(text, existing, data, replace=args.replace)
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(merged.counts().items())) or "nothing"
    print(
        f"merge into {target}: {len(merged.matched):,} concepts matched, {len(merged.new):,} new; "
        f"adds {counts}; {len(merged.conflicts)} conflicts (the term base's text kept)",
        file=sys.stderr,
    )
    for conflict in merged.conflicts:
        line = existing.concept_lines.get(conflict.concept, 1) if conflict.concept else 1
        print(f"  {target}:{line}:1: conflict: {conflict.message}", file=sys.stderr)
    if merged.text == text:
        print("nothing to change", file=sys.stderr)
        return EXIT_OK
    if not args.write:
        diff = difflib.unified_diff(
            text.splitlines(keepends=True),
            merged.text.splitlines(keepends=True),
            fromfile=str(target),
            tofile=f"{target} (merged)",
            n=2,
        )
        sys.stdout.writelines(diff)
        print(f"nothing written: run again with --write to change {target}", file=sys.stderr)
        return EXIT_OK
    atomic.write_bytes(target, merged.text.encode("utf-8"))
    print(f"wrote {target}", file=sys.stderr)
    return EXIT_OK
