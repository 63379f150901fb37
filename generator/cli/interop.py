"""`glossary export` and `import`: the term base in and out of TBX, CSV, SKOS and JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import Problem, TermBaseError
from ..interop import EXPORTERS, IMPORTERS, SUFFIXES
from .common import EXIT_OK, UsageError, termbase_option

MAX_IMPORT_BYTES = 512 * 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser(
        "export",
        help="write the term base as TBX, CSV, SKOS or JSON",
        description="Write the term base in an interchange format: TBX-Basic (ISO 30042, DCA), "
        "CSV (one row per term), SKOS (Turtle or RDF/XML) or JSON.",
    )
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS))
    export.add_argument("--syntax", choices=("turtle", "xml"), default="turtle", help="SKOS only: Turtle or RDF/XML")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    termbase_option(export)
    export.set_defaults(run=export_command)

    importer = sub.add_parser(
        "import",
        help="turn a TBX or CSV file into a new term base",
        description="Read TBX (v3 DCA or DCT, v2 martif) or CSV and write a new term base "
        "in this project's format. What the file holds beyond the model is kept as "
        "notes or reported, entry by entry.",
    )
    importer.add_argument("file")
    importer.add_argument("--format", choices=sorted(IMPORTERS), help="default: from the file name")
    importer.add_argument("-o", "--output", required=True, metavar="NEW.yaml", help="the term base to write")
    importer.add_argument("--force", action="store_true", help="replace NEW.yaml if it exists")
    importer.set_defaults(run=import_command)


def export_command(args: argparse.Namespace) -> int:
    from .. import atomic
    from ..termbase import loader

    termbase = loader.load_cached(args.termbase)
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
    from ..termbase import loader, writer

    source, target = Path(args.file), Path(args.output)
    fmt = args.format or SUFFIXES.get(source.suffix.lower())
    if fmt is None:
        raise UsageError(f"{args.file}: cannot tell the format from the name: pass --format tbx or --format csv")
    if target.exists() and not args.force:
        raise UsageError(f"{args.output} exists: choose a new file, or pass --force to replace it")
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise TermBaseError([Problem(args.file, 1, 1, "file not found: check the path")]) from None
    if size > MAX_IMPORT_BYTES:
        raise TermBaseError(
            [
                Problem(
                    args.file,
                    1,
                    1,
                    f"the file is {size // 2**20} MB; files over {MAX_IMPORT_BYTES // 2**20} MB are refused: split it",
                )
            ]
        )
    result = IMPORTERS[fmt](source.read_bytes(), args.file)
    termbase = loader.check_data(result.data, args.output)  # what we write must be sound: check before writing
    text = writer.dump(result.data, f"Imported from {source.name} by glossary import.")
    for report in result.reports:
        print(report, file=sys.stderr)
    atomic.write_bytes(target, text.encode("utf-8"))
    kept = f"; {len(result.reports)} notes on what the format held beyond the model (above)" if result.reports else ""
    print(
        f"wrote {args.output}: {len(termbase.concepts)} concepts in {', '.join(termbase.languages)}{kept}",
        file=sys.stderr,
    )
    return EXIT_OK
