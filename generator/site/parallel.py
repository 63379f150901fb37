"""The whole site, its languages built in parallel processes and merged (see `merge`).

Each language is one `mkdocs build` with GLOSSARY_LANGUAGE set, into a folder
of its own beside the site folder; when all have finished, `merge` moves them
into the site folder. The result is byte for byte what one `mkdocs build`
writes, in about the time of the largest language when the machine has a core
per language.
"""

from __future__ import annotations

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
            return site, _run(engine, config_file, scratch, {None: site.site_dir}, 1, strict, progress)
        folders = {lang: scratch / lang for lang in site.languages}
        outputs = _run(engine, config_file, scratch, folders, jobs or len(folders), strict, progress)
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
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".glossary-log-") as logs:
        return _run(engine, config_file, Path(logs), {language: site_dir}, 1, strict, lambda _progress: None)


def _run(
    engine: str,
    config_file: Path,
    logs: Path,
    folders: dict[str | None, Path],
    jobs: int,
    strict: bool,
    progress: Callable[[Progress], None],
) -> list[str]:
    """Run the builds, at most `jobs` at a time; MkDocs' warnings of every build, in language order."""
    def name(lang: str | None) -> str:
        return lang or "the site"

    state = Progress(waiting=[name(lang) for lang in folders])
    running: dict[str | None, subprocess.Popen] = {}
    pending = list(folders)
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                lang = pending.pop(0)
                with open(logs / f"{lang}.log", "wb") as log:
                    running[lang] = engine_build(engine, config_file, folders[lang], strict, lang, log)
                state.waiting.remove(name(lang))
                state.running.append(name(lang))
                progress(state)
            time.sleep(0.1)
            for lang, process in list(running.items()):
                if process.poll() is None:
                    continue
                del running[lang]
                if process.returncode != 0:  # the others are stopped on the way out
                    raise BuildFailed(f"{name(lang)}: {engine} build exited {process.returncode}\n{_said(logs, lang)}")
                state.running.remove(name(lang))
                state.done.append(name(lang))
                progress(state)
    finally:
        for process in running.values():
            process.kill()
            process.wait()
    return [line for lang in folders for line in _said(logs, lang).splitlines()]


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _said(logs: Path, lang: str | None) -> str:
    """What MkDocs said, without its INFO messages (which language it builds, how long it took,
    pages not in the nav), each message with its continuation lines."""
    kept, keeping = [], True
    for line in (logs / f"{lang}.log").read_text("utf-8", errors="replace").splitlines():
        if line.startswith(LEVELS):
            keeping = not line.startswith(("DEBUG", "INFO"))
        if keeping:
            kept.append(line)
    return "\n".join(kept)
