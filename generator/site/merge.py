"""One site from its languages built apart: the very bytes one whole build writes.

mkdocs-static-i18n builds a site one language after the other into one folder.
Each language's build writes its own pages, writes the shared files again (the
theme's assets, 404.html, the glossary's data: the last language's copy stays),
and adds its share to the search index and to the sitemap, in build order.

A language built on its own (GLOSSARY_LANGUAGE=de, see `plugin`) writes the
same pages and a search index and sitemap of its share only, and marks its
folder as a part (`PART_MARKER`: its language and the build order of all).
`merge` puts the parts together the way the whole build would have: shared
files from the last language, the search index's entries and the sitemap's
entries joined in build order, sitemap.xml.gz compressed as MkDocs does it.
So the languages can build in parallel processes, or one per CI job.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import search_index

ONE_LANGUAGE = "GLOSSARY_LANGUAGE"  # set to a language, the plugin builds that language alone, as a part
PART_MARKER = ".glossary-part.json"
SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
JOINED = {PART_MARKER, SEARCH_INDEX, SITEMAP, SITEMAP_GZ}
URLSET_END = "</urlset>"
URL_END = "</url>"


class MergeError(Exception):
    """The parts do not make one site; the message says which and what to do."""


@dataclass(frozen=True)
class Part:
    folder: Path
    language: str
    languages: tuple[str, ...]  # every language of the site, in build order
    search_per_language: bool = False  # the search index is cut by language once merged


def mark(folder: Path, language: str, languages: list[str], search_per_language: bool = False) -> None:
    """Label a one-language build as a part (its engine calls this after the build)."""
    data = {"language": language, "languages": languages, "search_per_language": search_per_language}
    (folder / PART_MARKER).write_text(json.dumps(data) + "\n", "utf-8")


def read_part(folder: Path) -> Part:
    marker = folder / PART_MARKER
    try:
        data = json.loads(marker.read_text("utf-8"))
        languages = tuple(str(lang) for lang in data["languages"])
        return Part(folder, str(data["language"]), languages, bool(data.get("search_per_language")))
    except FileNotFoundError:
        raise MergeError(
            f"{folder}: not a language part (no {PART_MARKER}); build one with "
            "`glossary build --language LANG -d FOLDER`"
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise MergeError(f"{marker}: unreadable ({exc}); build that language again") from None


def in_build_order(parts: list[Part]) -> list[Part]:
    """The parts in the order the whole build runs the languages; every language exactly once."""
    if not parts:
        raise MergeError("no parts to merge")
    order = parts[0].languages
    by_language: dict[str, Part] = {}
    for part in parts:
        if part.languages != order:
            raise MergeError(
                f"{part.folder} was built for the languages {', '.join(part.languages)}, "
                f"{parts[0].folder} for {', '.join(order)}: build every part from the same mkdocs.yml"
            )
        if part.language in by_language:
            raise MergeError(f"{by_language[part.language].folder} and {part.folder} are both '{part.language}'")
        by_language[part.language] = part
    missing = [lang for lang in order if lang not in by_language]
    if missing:
        raise MergeError(
            f"no part for {', '.join(missing)}: build it with `glossary build --language {missing[0]} -d FOLDER`"
        )
    return [by_language[lang] for lang in order]


def merge(folders: list[Path], target: Path, move: bool = False) -> None:
    """Write the site the parts make into `target` (emptied first, as MkDocs does: dot-files stay).

    `move` takes the files out of the parts instead of copying them (faster; the parts are spent)."""
    parts = in_build_order([read_part(folder) for folder in folders])
    _prepare(target, parts)
    for part in parts:
        for source in _files(part.folder):
            relative = source.relative_to(part.folder).as_posix()
            if relative in JOINED:
                continue
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if move:
                os.replace(source, destination)
            else:
                shutil.copyfile(source, destination)
    _join_search_index(parts, target)
    _join_sitemap(parts, target)
    if parts[0].search_per_language:
        search_index.split(target, list(parts[0].languages), parts[0].languages[0])


def _prepare(target: Path, parts: list[Part]) -> None:
    resolved = target.resolve()
    for part in parts:
        folder = part.folder.resolve()
        if folder == resolved or resolved in folder.parents or folder in resolved.parents:
            raise MergeError(f"{target}: the merged site must be a folder apart from the part {part.folder}")
    empty_site_folder(target)


def empty_site_folder(target: Path) -> None:
    """Make `target` an empty folder for a site, as MkDocs' clean does (dot-files stay); refuse a
    folder that holds files but no built site."""
    if not target.exists():
        target.mkdir(parents=True)
        return
    if not target.is_dir():
        raise MergeError(f"{target}: not a folder")
    entries = [entry for entry in target.iterdir() if not entry.name.startswith(".")]
    if entries and not any((target / name).exists() for name in ("index.html", "404.html", SITEMAP)):
        raise MergeError(f"{target}: holds files but no built site; pass an empty or new folder")
    for entry in entries:  # what MkDocs' own clean does with a site folder
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _files(folder: Path):
    for dirpath, _dirs, names in os.walk(folder):
        for name in sorted(names):
            yield Path(dirpath) / name


def _join_search_index(parts: list[Part], target: Path) -> None:
    """The search plugin's index: its config, and every language's entries in build order, written
    as Material writes it."""
    indexes = [part.folder / SEARCH_INDEX for part in parts if (part.folder / SEARCH_INDEX).is_file()]
    if not indexes:
        return
    config, docs = None, []
    for path in indexes:
        try:
            data = json.loads(path.read_text("utf-8"))
            config = data["config"]
            docs.extend(data["docs"])
        except (ValueError, KeyError, TypeError) as exc:
            raise MergeError(f"{path}: not a search index this merge knows ({exc})") from None
    joined = json.dumps({"config": config, "docs": docs}, separators=(",", ":"))
    (target / SEARCH_INDEX).parent.mkdir(parents=True, exist_ok=True)
    (target / SEARCH_INDEX).write_bytes(joined.encode("utf-8"))


def _join_sitemap(parts: list[Part], target: Path) -> None:
    """Each part's <url> entries, in build order, between the first part's head and the last one's
    end; the .gz dated as the last part's (MkDocs dates it by the build's pages)."""
    maps = [part.folder / SITEMAP for part in parts if (part.folder / SITEMAP).is_file()]
    if not maps:
        return
    texts = [path.read_text("utf-8") for path in maps]
    spans = []  # each part's <url> entries: from the end of <urlset ...> to the end of its last </url>
    for path, text in zip(maps, texts):
        opening = text.find("<urlset")
        if opening < 0 or URLSET_END not in text:
            raise MergeError(f"{path}: not a sitemap this merge knows (no <urlset>…</urlset>)")
        start = text.index(">", opening) + 1
        last = text.rfind(URL_END)
        spans.append((start, last + len(URL_END) if last > start else start))
    head = texts[0][: spans[0][0]]
    tail = texts[-1][spans[-1][1] :]
    sitemap = head + "".join(text[start:stop] for text, (start, stop) in zip(texts, spans)) + tail
    last_gz = maps[-1].with_name(SITEMAP_GZ)
    mtime = int.from_bytes(last_gz.read_bytes()[4:8], "little") if last_gz.is_file() else None  # gzip's MTIME
    write_sitemap(target, sitemap, mtime)


def write_sitemap(target: Path, sitemap: str, mtime: int | None) -> None:
    """sitemap.xml, and when `mtime` is given sitemap.xml.gz dated with it, as MkDocs writes them."""
    (target / SITEMAP).write_bytes(sitemap.encode("utf-8"))
    if mtime is not None:
        with (
            open(target / SITEMAP_GZ, "wb") as raw,
            gzip.GzipFile(fileobj=raw, filename=str(target / SITEMAP_GZ), mode="wb", mtime=mtime) as gz,
        ):
            gz.write(sitemap.encode("utf-8"))
