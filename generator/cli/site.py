"""`glossary build` and `merge`: the site, its languages built in parallel, or one language per CI job.

`glossary build` writes what `mkdocs build` writes, byte for byte, with every
language in a process of its own. `glossary build --language de -d part-de`
builds one language as a part; `glossary merge part-* -d site` puts the parts
together (see `generator.site.merge`).
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from ..site.parallel import ENGINES  # the standard library and the merge only: quick to import
from .common import EXIT_BAD_INPUT, EXIT_OK, UsageError
from .progress import activity


def register(sub: argparse._SubParsersAction) -> None:
    build = sub.add_parser(
        "build",
        help="build the site, its languages in parallel (same output as mkdocs build)",
        description="Build the site as `mkdocs build` does, byte for byte, with each language in a "
        "process of its own. With --language, build that language alone as a part for `glossary merge` "
        "(one CI job per language).",
    )
    build.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, metavar="FILE")
    build.add_argument("-d", "--site-dir", type=Path, metavar="DIR", help="(default: mkdocs.yml's site_dir)")
    build.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="languages built at once (default: all; each takes its memory)"
    )
    build.add_argument("--language", metavar="LANG", help="build this language alone, as a part for `glossary merge`")
    build.add_argument("-s", "--strict", action="store_true", help="fail on MkDocs' warnings, as mkdocs build --strict")
    build.add_argument(
        "--engine",
        default="mkdocs",
        choices=ENGINES,
        help="the engine that builds each language (default: mkdocs; properdocs: the maintained fork of MkDocs 1.x; zensical: Material's successor, see the README)",
    )
    build.set_defaults(run=build_command)

    merge = sub.add_parser(
        "merge",
        help="merge languages built apart into one site",
        description="Put the parts that `glossary build --language LANG` wrote together into one site, "
        "identical to a whole build. The site folder is emptied first.",
    )
    merge.add_argument("parts", nargs="+", type=Path, metavar="PART", help="the part folders, in any order")
    merge.add_argument("-d", "--site-dir", type=Path, default=Path("site"), metavar="DIR", help="(default: site)")
    merge.set_defaults(run=merge_command)


def build_command(args: argparse.Namespace) -> int:
    from ..site import parallel

    if not args.config_file.is_file():
        raise UsageError(f"{args.config_file}: no such file; run in the project or pass -f mkdocs.yml")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    try:
        if args.language:
            if args.engine == "zensical":
                raise UsageError("--language: Zensical builds are merged by the generator; build the whole site")
            if args.site_dir is None:
                raise UsageError(f"--language {args.language}: say where the part goes with -d DIR")
            with activity(f"building {args.language}"):
                said = parallel.build_language(args.config_file, args.site_dir, args.language, args.strict, args.engine)
            where = args.site_dir
        else:
            if args.engine == "zensical":
                from ..site import zensical

                build = zensical.build
            else:
                build = functools.partial(parallel.build, engine=args.engine)
            status = {"text": f"building the site with {args.engine}"}
            with activity(lambda: status["text"]):
                plan, said = build(
                    args.config_file,
                    args.site_dir,
                    args.jobs,
                    args.strict,
                    progress=lambda progress: status.update(text=str(progress)),
                )
            where = plan.site_dir
    except parallel.BuildFailed as exc:
        print(f"glossary: the build failed: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for line in said:
        print(line, file=sys.stderr)
    print(f"built {where}", file=sys.stderr)
    return EXIT_OK


def merge_command(args: argparse.Namespace) -> int:
    from ..site import merge

    try:
        with activity(f"merging into {args.site_dir}"):
            merge.merge(args.parts, args.site_dir)
    except merge.MergeError as exc:
        print(f"glossary: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"merged {len(args.parts)} parts into {args.site_dir}", file=sys.stderr)
    return EXIT_OK
