"""The whole site, its languages built in parallel processes and merged (see `merge`).

Each language is one `mkdocs build` with GLOSSARY_LANGUAGE set, into a folder
of its own beside the site folder; when all have finished, `merge` moves them
into the site folder. The result is byte for byte what one `mkdocs build`
writes, in about the time of the largest language when the machine has a core
per language.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from . import merge
from .merge import ONE_LANGUAGE

ENGINES = ("mkdocs", "properdocs", "zensical")  # ProperDocs: the maintained fork of MkDocs 1.x, the same plugins
MKDOCS_ENGINES = ENGINES[:2]  # engines that run the plugin; Zensical is driven by `zensical`


class BuildFailed(Exception):
    """A language's build failed; the message holds what MkDocs said."""


@dataclass(frozen=True)
class Plan:
    site_dir: Path
    languages: list[str]  # in build order, the default first
    whole_because: str | None = None  # why the site must be built in one process, if it must


@dataclass
class Progress:
    """What a person watching the build is told."""

    waiting: list[str]
    running: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"{', '.join(self.done)} built"] if self.done else []
        if self.running:
            parts.append(f"building {', '.join(self.running)}")
        if self.waiting:
            parts.append(f"{', '.join(self.waiting)} waiting")
        return "; ".join(parts)


def plan(config_file: Path, site_dir: Path | None = None) -> Plan:
    """Read mkdocs.yml as MkDocs does: the site folder, the languages, whether they can build apart."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file), site_dir=str(site_dir) if site_dir else None)
    except ConfigurationError as exc:
        raise BuildFailed(f"{config_file}: {exc}") from None
    folder = Path(config.site_dir)
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return Plan(folder, [], "the site has one language (no i18n plugin)")
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    default = next((lang.locale for lang in i18n.config.languages if lang.default), languages[0])
    order = [default, *(lang for lang in languages if lang != default)]
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is not None and offline.config.enabled:
        return Plan(folder, order, "an offline copy inlines the search index of every language")
    if "glossary" not in config.plugins:
        return Plan(folder, order, "the glossary plugin is not in mkdocs.yml")
    if len(order) < 2:
        return Plan(folder, order, "the site builds one language")
    return Plan(folder, order)


def engine_ready(engine: str) -> None:
    if engine not in MKDOCS_ENGINES:
        raise BuildFailed(f"--engine {engine}: one of {', '.join(MKDOCS_ENGINES)}")
    if importlib.util.find_spec(engine) is None:
        raise BuildFailed(f"{engine} is not installed: pip install {engine}")


def engine_build(
    engine: str, config_file: Path, site_dir: Path, strict: bool, language: str | None, log
) -> subprocess.Popen:
    command = [sys.executable, "-m", engine, "build", "-f", str(config_file), "-d", str(site_dir)]
    env = {key: value for key, value in os.environ.items() if key != ONE_LANGUAGE}
    if language:
        env[ONE_LANGUAGE] = language
    return subprocess.Popen([*command, *(["--strict"] if strict else [])], env=env, stdout=log, stderr=log)


def build(
    config_file: Path,
    site_dir: Path | None = None,
    jobs: int | None = None,
    strict: bool = False,
    progress: Callable[[Progress], None] = lambda _progress: None,
    engine: str = "mkdocs",
) -> tuple[Plan, list[str]]:
    """Build the whole site into its site folder; return the plan and the warnings the engine gave."""
    engine_ready(engine)
    site = plan(config_file, site_dir)
    site.site_dir.parent.mkdir(parents=True, exist_ok=True)
    # beside the site folder, on its file system: the merge moves the files rather than copying them
    scratch = Path(tempfile.mkdtemp(prefix=f".{site.site_dir.name}-languages-", dir=site.site_dir.parent))
    try:
        if site.whole_because is not None:
            return site, _run(engine, config_file, {None: site.site_dir}, 1, strict, progress)
        folders = {lang: scratch / lang for lang in site.languages}
        outputs = _run(engine, config_file, folders, jobs or len(folders), strict, progress)
        try:
            merge.merge(list(folders.values()), site.site_dir, move=True)
        except merge.MergeError as exc:
            raise BuildFailed(str(exc)) from None
        return site, outputs
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def build_language(
    config_file: Path, site_dir: Path, language: str, strict: bool = False, engine: str = "mkdocs"
) -> list[str]:
    """One language of the site, as a part to merge (for one CI job per language)."""
    engine_ready(engine)
    site = plan(config_file)
    if site.whole_because is not None:
        raise BuildFailed(f"{config_file}: cannot build one language: {site.whole_because}")
    if language not in site.languages:
        raise BuildFailed(f"--language {language}: the site builds {', '.join(site.languages)}")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return _run(engine, config_file, {language: site_dir}, 1, strict, lambda _progress: None)


def _run(
    engine: str,
    config_file: Path,
    folders: dict[str | None, Path],
    jobs: int,
    strict: bool,
    progress: Callable[[Progress], None],
) -> list[str]:
    """The engine's builds, at most `jobs` at a time; MkDocs' warnings of every build, in language order."""
    starts = {
        lang: functools.partial(engine_build, engine, config_file, folder, strict, lang)
        for lang, folder in folders.items()
    }
    return run_all(starts, jobs, progress, f"{engine} build", _said)


def run_all(
    starts: dict[str | None, Callable[[IO[bytes]], subprocess.Popen]],
    jobs: int,
    progress: Callable[[Progress], None],
    what: str,
    said: Callable[[str], str],
) -> list[str]:
    """Start each process (`starts[key](log)`, None the whole site), at most `jobs` at a time,
    telling `progress`; what each said (`said` keeps what a person needs of its output), in key
    order. One that fails stops the others: BuildFailed with what it said."""

    def name(key: str | None) -> str:
        return key or "the site"

    state = Progress(waiting=[name(key) for key in starts])
    running: dict[str | None, tuple[subprocess.Popen, IO[bytes]]] = {}
    pending = list(starts)
    outputs: dict[str | None, str] = {}
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                key = pending.pop(0)
                log = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the process ends)
                running[key] = (starts[key](log), log)
                state.waiting.remove(name(key))
                state.running.append(name(key))
                progress(state)
            time.sleep(0.05)
            for key, (process, log) in list(running.items()):
                if process.poll() is None:
                    continue
                del running[key]
                log.seek(0)
                outputs[key] = said(log.read().decode("utf-8", "replace"))
                log.close()
                if process.returncode != 0:  # the others are stopped on the way out
                    raise BuildFailed(f"{name(key)}: {what} exited {process.returncode}\n{outputs[key]}")
                state.running.remove(name(key))
                state.done.append(name(key))
                progress(state)
    finally:
        for process, log in running.values():
            process.kill()
            process.wait()
            log.close()
    return [line for key in starts for line in outputs[key].splitlines()]


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _said(output: str) -> str:
    """What MkDocs said, without its INFO messages (which language it builds, how long it took,
    pages not in the nav), each message with its continuation lines."""
    kept, keeping = [], True
    for line in output.splitlines():
        if line.startswith(LEVELS):
            keeping = not line.startswith(("DEBUG", "INFO"))
        if keeping:
            kept.append(line)
    return "\n".join(kept)
