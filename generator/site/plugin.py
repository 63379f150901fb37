"""MkDocs adapter: wires the build (`build.SiteBuild`) into MkDocs' events; holds no glossary logic.

Each event checks that the plugin is enabled (the build exists), calls one
method of the build, and translates between MkDocs' objects and plain values. Nothing is ever
written into `docs/` or `terms/`; `serve` watches both.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..errors import BuildError
from . import merge
from .assets import IFRAME_WORKER_URL
from .build import BuildOptions, PageInfo, Site, SiteBuild
from .config import GlossaryConfig
from .merge import ONE_LANGUAGE

log = logging.getLogger("mkdocs.plugins.glossary")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def __init__(self) -> None:
        self.build: SiteBuild | None = None  # made on the first on_config, when the options are known
        self.site_root: Path | None = None  # the site_dir of the whole build; languages build below it
        self.part: tuple[str, list[str]] | None = None  # building one language: it, and the build order
        self._config: MkDocsConfig | None = None  # the build under way; i18n's other languages reuse it
        self.serving = False

    def on_startup(self, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this instance from one rebuild to the next: the
        build then reads and re-renders only what an edit changed (see `SiteBuild.prepare`)."""
        self.serving = command == "serve"

    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Priority -50: after Material's offline plugin (0), which switches off directory URLs,
        and before mkdocs-static-i18n (-100), which reads the files staged here."""
        if not self.config.enabled:
            return config
        if config is not self._config:  # a new build, not i18n's build of another language
            self._config = config
            self._start(config)
        assert self.build is not None and self.build.staged_dir is not None
        config.docs_dir = str(self.build.staged_dir)
        return config

    def _start(self, config: MkDocsConfig) -> None:
        language = os.environ.get(ONE_LANGUAGE)
        self.part = (language, _build_only(config, language)) if language else None
        options = {key: value for key, value in self.config.items() if key != "enabled"}
        if language:
            options["stage_dir"] = f"{options['stage_dir']}-{language}"  # each process its own stage
        site = _site(config)
        if self.serving and self.build is not None and self.build.staged_dir is not None:
            _preview_rebuild(config)
        if self.build is None or self.build.options != BuildOptions(**options) or self.build.site != site:
            self.build = SiteBuild(BuildOptions(**options), log.warning, live=self.serving, only_language=language)
        self.site_root = Path(config.site_dir).resolve()
        try:
            self.build.prepare(site)
        except BuildError as exc:
            raise PluginError(str(exc)) from None
        build = self.build
        if build.iframe_worker_js is not None:
            polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
            config.extra["polyfills"] = [*polyfills, IFRAME_WORKER_URL]

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files) -> str:
        """Default priority: the page's own Markdown, before any other plugin's changes to it."""
        if self.build is None:
            return markdown
        lang = getattr(page.file, "locale", None) or config.theme["language"]
        i18n = config.plugins.get("i18n")
        build_lang = getattr(i18n, "current_language", None) or lang
        info = PageInfo(page.file.src_uri, lang, build_lang, page.meta.get("glossary_concept"), self._url(page, config))
        return self.build.page_markdown(markdown, info)

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        """Default priority: link the term mentions in the converted page, before the search index
        and the theme read it. Its Markdown, which MkDocs keeps for every page till the end of the
        build, is not needed again."""
        if self.build is None:
            return html
        page.markdown = None
        return self.build.page_html(html)

    def _url(self, page, config: MkDocsConfig) -> str:
        """The page's address from the root of the whole site (i18n builds a language into a
        folder of it, where `page.url` starts)."""
        assert self.site_root is not None
        prefix = Path(config.site_dir).resolve().relative_to(self.site_root).as_posix()
        return page.url if prefix == "." else f"{prefix}/{page.url}"

    @event_priority(-50)
    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        """Priority -50: after other plugins wrote the page, so its final HTML is adjusted."""
        if self.build is None or self.site_root is None:
            return output
        # Written: MkDocs keeps every page's HTML till the end of the build; the pages still to
        # come can use the memory (a tenth of a large build's peak).
        page.content = None
        return self.build.post_page(output, self._url(page, config))

    def on_pre_template(self, template, template_name: str, config: MkDocsConfig):
        """Default priority. 404.html is rendered after the pages, with the language switcher that
        mkdocs-static-i18n set for whichever page came last: point it at each language's home, so
        the page is the same however the languages were built."""
        if self.build is not None and template_name == "404.html":
            homes = getattr(config.plugins.get("i18n"), "extra_alternate", None)
            if homes:  # set as i18n sets it per page: as an attribute, which templates read first
                config.extra.alternate = copy.deepcopy(homes)
        return template

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Default priority. 404.html is a theme template, not a page; it carries stale alternates
        of the last page."""
        if self.build is None or template_name != "404.html":
            return output
        return self.build.post_page(output, "404.html")

    @event_priority(-150)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Priority -150: after the pages, the sitemap and mkdocs-static-i18n (-100), which builds the
        other languages and then writes the whole search index once more, which is cut here. (Not
        on_shutdown: defining it would make `mkdocs serve` keep this instance, and its state,
        between builds.)"""
        if self.build is not None and self.site_root is not None:
            self.build.post_build(self.site_root)
            if self.part is not None:
                site = self.build.site
                merge.mark(self.site_root, *self.part, bool(site and site.search_per_language))

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Default priority. Watch what people edit, not the stage MkDocs builds from: every
        rebuild refreshes the stage, which would trigger a second rebuild."""
        if self.build is None:
            return server
        if self.build.staged_dir is not None:
            with contextlib.suppress(KeyError):
                server.unwatch(str(self.build.staged_dir))
        for path in self.build.watched():
            server.watch(str(path))
        return server


def _preview_rebuild(config: MkDocsConfig) -> None:
    """A rebuild of live preview writes the pages an edit changed, nothing for the whole site:
    the search index and the sitemap stay as the first build wrote them (a second or two of
    every rebuild at 5,000 concepts)."""
    for name in ("material/search", "search"):
        search = config.plugins.get(name)
        if search is not None and "enabled" in search.config:
            search.config.enabled = False
    config.theme.static_templates.discard("sitemap.xml")


def _build_only(config: MkDocsConfig, language: str) -> list[str]:
    """Make mkdocs-static-i18n build `language` alone, as the one it would build at that point of a
    whole build: its files, its pages, its share of the search index and of the sitemap. Runs before
    i18n's own on_config, which keeps a language that is already set. Returns the whole build's
    order of languages (the default first), for `merge`."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError(f"{ONE_LANGUAGE}={language}: building one language needs the i18n plugin in mkdocs.yml")
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    if language not in languages:
        raise PluginError(f"{ONE_LANGUAGE}={language}: the site builds {', '.join(languages)}; set one of them")
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is not None and offline.config.enabled:
        raise PluginError(f"{ONE_LANGUAGE}={language}: an offline copy inlines every language's search; build it whole")
    i18n.current_language = language
    i18n.building = True  # its on_post_build then builds no other language; other processes do
    default = next((lang.locale for lang in i18n.config.languages if lang.default), languages[0])
    return [default, *(lang for lang in languages if lang != default)]


def _site(config: MkDocsConfig) -> Site:
    """What MkDocs and its plugins say about the site: folders, languages, URL style, offline copy."""
    project = Path(config.config_file_path or ".").resolve().parent
    languages, default, names, fallback = None, None, {config.theme["language"]: config.site_name}, True
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        languages = [lang.locale for lang in i18n.config.languages if lang.build]
        default = next((lang.locale for lang in i18n.config.languages if lang.default), languages[0])
        names = {lang.locale: lang.site_name or config.site_name for lang in i18n.config.languages if lang.build}
        fallback = i18n.config.fallback_to_default
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return Site(
        project=project,
        config_file=Path(config.config_file_path or project / "mkdocs.yml"),
        docs_dir=Path(config.docs_dir).resolve(),
        site_dir=Path(config.site_dir).resolve(),
        languages=languages,
        default_lang=default,
        directory_urls=config.use_directory_urls,
        offline=bool(offline and offline.config.enabled),
        site_names=names,
        site_url=config.site_url,
        fallback=fallback,
        # one index per language, cut after the build; an offline copy inlines the whole index
        search_per_language=i18n is not None
        and not (offline and offline.config.enabled)
        and any(name in config.plugins for name in ("search", "material/search")),
    )
