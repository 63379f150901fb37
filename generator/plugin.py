"""MkDocs adapter: wires the core into a build; holds no glossary logic itself.

mkdocs-static-i18n cannot handle virtual files (it calls `is_relative_to` on
their missing source path) and runs the whole build once per language. So, on
the first `on_config` of a build, the hand-written `docs/` and the generated
pages are staged together in a folder under `.cache/` and `docs_dir` points
there. Nothing is ever written into `docs/` or `terms/`; `serve` watches both.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urljoin
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import cache, render
from .problems import TermBaseError
from .stage import Stage

_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang=)')
log = logging.getLogger("mkdocs.plugins.glossary")


class GlossaryConfig(base.Config):
    termbase = c.Type(str, default="terms/termbase.yaml")
    labels_dir = c.Optional(c.Type(str))
    stage_dir = c.Type(str, default=".cache/glossary/docs")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def __init__(self) -> None:
        self.staged_dir: str | None = None
        self.source_docs: Path | None = None
        self.termbase = None

    @event_priority(50)  # before mkdocs-static-i18n (-100), which reads the files we stage
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.staged_dir is not None:
            config.docs_dir = self.staged_dir
            return config
        project = Path(config.config_file_path or ".").resolve().parent
        self.source_docs = Path(config.docs_dir).resolve()
        self.termbase_path = (project / self.config.termbase).resolve()
        try:
            self.termbase = cache.load(self.termbase_path, project, display=_shown(self.termbase_path))
        except TermBaseError as exc:
            raise PluginError(
                "the term base has problems:\n" + "\n".join(str(p) for p in exc.problems)
            ) from None
        languages, default = _site_languages(config, self.termbase.language_codes, self.termbase.source_language)
        labels_dir = str(project / self.config.labels_dir) if self.config.labels_dir else None
        for lang in languages:
            if lang not in self.termbase.languages:
                log.warning(f"site language '{lang}' is not declared in {self.config.termbase}: "
                            "its glossary pages show the source language")
            if not render.has_labels(lang, labels_dir):
                log.warning(f"no interface strings for '{lang}': add {lang}.yaml to the labels folder "
                            "(see generator/locales/en.yaml); English is used meanwhile")
        renderer = render.SiteRenderer(self.termbase, languages, default, labels_dir)
        try:
            stage = Stage(self.source_docs, project / self.config.stage_dir, default)
        except ValueError as exc:
            raise PluginError(f"{exc}: set the glossary plugin's stage_dir to a folder outside docs_dir") from None
        for conflict in stage.sync(renderer.pages()):
            log.warning(f"docs/{conflict} is hand-written and replaces the generated page of the same name")
        self.staged_dir = str(stage.root)
        config.docs_dir = self.staged_dir
        return config

    @event_priority(-50)
    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        """Make the hreflang alternates absolute, as search engines require.

        Material writes them relative to the page (from mkdocs-static-i18n's
        per-page alternates); with `site_url` set they become full URLs.
        """
        if not config.site_url:
            return output
        base_url = urljoin(config.site_url, page.url)
        return _ALTERNATE.sub(lambda m: f'{m.group(1)}{urljoin(base_url, m.group(2))}{m.group(3)}', output)

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Watch what people edit (docs/ and the term base), not the stage MkDocs builds from,
        which every rebuild refreshes and which would trigger a second rebuild."""
        if self.staged_dir is not None:
            try:
                server.unwatch(self.staged_dir)
            except KeyError:
                pass
        if self.source_docs is not None:
            server.watch(str(self.source_docs))
        server.watch(str(self.termbase_path))
        return server


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to where they run MkDocs, if it is below."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _site_languages(config: MkDocsConfig, fallback: list[str], source: str) -> tuple[list[str], str]:
    """The languages the site builds, from mkdocs-static-i18n's settings when it is used."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return fallback, source
    langs = [lang.locale for lang in i18n.config.languages if lang.build]
    default = next((lang.locale for lang in i18n.config.languages if lang.default), langs[0])
    return langs, default
