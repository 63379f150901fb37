"""MkDocs adapter: wires the core into a build; holds no glossary logic itself.

mkdocs-static-i18n cannot handle virtual files (it calls `is_relative_to` on
their missing source path) and runs the whole build once per language. So, on
the first `on_config` of a build, the hand-written `docs/` and the generated
pages are staged together in a folder under `.cache/` and `docs_dir` points
there. Nothing is ever written into `docs/` or `terms/`; `serve` watches both.

The site serves its own browser assets (Mermaid, the iframe-worker shim for
search from `file://`) from the npm packages in `node_modules/`, so it makes
no request to any other host.
"""
from __future__ import annotations

import difflib
import filecmp
import gc
import json
import logging
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_relative_url

from . import autolink, cache, links, render
from .autolink import GlossaryLinks, Linker
from .diagrams import Diagrams, DiagramError
from .lookup_index import site_data
from .problems import ReviewFileError, TermBaseError, shown_path
from .reviews import Reviews, record_path
from .status import translation_status
from .stage import Stage

_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')
MERMAID_URL = "assets/vendor/mermaid.min.js"
SITE_DATA_URL = "glossary.json"  # the whole term base as data, for lookups in a browser copy of the site
# Texts in glossary.json are the term base's, verbatim; < > & are written as JSON escapes
# so that the file stays inert even pasted into a <script> block or read as HTML.
_HTML_SIGNIFICANT = re.compile(r"[<>&]")
IFRAME_WORKER_URL = "assets/vendor/iframe-worker-shim.js"
log = logging.getLogger("mkdocs.plugins.glossary")


class GlossaryConfig(base.Config):
    termbase = c.Type(str, default="terms/termbase.yaml")
    diagrams_dir = c.Type(str, default="terms/diagrams")
    labels_dir = c.Optional(c.Type(str))
    stage_dir = c.Type(str, default=".cache/glossary/docs")
    link_terms = c.Type(bool, default=True)       # link term mentions in pages to their concepts
    link_first_only = c.Type(bool, default=True)  # only the first mention of a concept per section
    mermaid_js = c.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")
    iframe_worker_js = c.Type(str, default="node_modules/iframe-worker/shim/index.js")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def __init__(self) -> None:
        self.staged_dir: str | None = None
        self.source_docs: Path | None = None
        self.site_root: Path | None = None
        self.termbase = None
        self.diagrams: Diagrams | None = None
        self.renderer: render.SiteRenderer | None = None
        self.statuses = None
        self.linker: Linker | None = None
        self.offline = False
        # Seconds the glossary itself spends in a build (set GLOSSARY_TIMINGS=FILE to get them as JSON):
        # what benchmarks/bench_scale.py reports as the generator's share of the build.
        self.timings = {"load, render and stage": 0.0, "linking": 0.0, "page post-processing": 0.0}

    # Runs after Material's offline plugin (0), which switches off directory URLs,
    # and before mkdocs-static-i18n (-100), which reads the files staged here.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        start = time.perf_counter()
        try:
            return self._configure(config)
        finally:
            self.timings["load, render and stage"] += time.perf_counter() - start

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.staged_dir is not None:
            config.docs_dir = self.staged_dir
            return config
        project = Path(config.config_file_path or ".").resolve().parent
        self.project = project
        self.source_docs = Path(config.docs_dir).resolve()
        self.site_root = Path(config.site_dir).resolve()
        self.termbase_path = (project / self.config.termbase).resolve()
        labels_dir = str(project / self.config.labels_dir) if self.config.labels_dir else None
        _pin_build_date(project, [Path(config.config_file_path or project / "mkdocs.yml"), self.source_docs,
                                  self.termbase_path, record_path(self.termbase_path),
                                  project / self.config.diagrams_dir, *([Path(labels_dir)] if labels_dir else [])])
        self.mermaid_js = self._asset(project, self.config.mermaid_js, "mermaid")
        self.offline = _offline_enabled(config)
        if self.offline:
            self.iframe_worker_js = self._asset(project, self.config.iframe_worker_js, "iframe-worker")
            polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
            config.extra["polyfills"] = [*polyfills, IFRAME_WORKER_URL]
        try:
            self.termbase = cache.load(self.termbase_path, project, display=shown_path(self.termbase_path))
        except TermBaseError as exc:
            raise PluginError("the term base has problems:\n" + "\n".join(str(p) for p in exc.problems)) from None
        languages, default = _site_languages(config, self.termbase.language_codes, self.termbase.source_language)
        for lang in languages:
            if lang not in self.termbase.languages:
                log.warning(f"site language '{lang}' is not declared in {self.config.termbase}: "
                            "its glossary pages show the source language")
            if not render.has_labels(lang, labels_dir):
                log.warning(f"no interface strings for '{lang}': add {lang}.yaml to the labels folder "
                            "(see generator/locales/en.yaml); English is used meanwhile")
        try:
            reviews = Reviews.load(record_path(self.termbase_path))
        except ReviewFileError as exc:
            raise PluginError(str(exc)) from None
        docs_shown = shown_path(self.source_docs)
        self.statuses = translation_status(self.termbase, reviews, self.source_docs, docs_shown)
        renderer = render.SiteRenderer(
            self.termbase, languages, default, labels_dir,
            diagrams_dir=str(project / self.config.diagrams_dir),
            directory_urls=config.use_directory_urls,
            statuses=self.statuses,
        )
        self.diagrams = renderer.diagrams
        self.renderer = renderer
        self.labels_dir = labels_dir
        if self.config.link_terms:
            config.markdown_extensions.append(GlossaryLinks(lambda: self.linker))
        try:
            stage = Stage(self.source_docs, project / self.config.stage_dir, default)
        except ValueError as exc:
            raise PluginError(f"{exc}: set the glossary plugin's stage_dir to a folder outside docs_dir") from None
        try:
            for conflict in stage.sync(renderer.pages()):
                log.warning(f"docs/{conflict} is hand-written and replaces the generated page of the same name")
        except DiagramError as exc:
            raise PluginError(f"{shown_path(self.termbase_path)}: {exc}") from None
        self.staged_dir = str(stage.root)
        config.docs_dir = self.staged_dir
        # The term base lives as long as the build: keep its objects out of every later
        # GC pass (measured: linking at 10,000 concepts runs twice as fast).
        gc.freeze()
        return config

    def _asset(self, project: Path, configured: str, package: str) -> Path:
        path = (project / configured).resolve()
        if not path.is_file():
            raise PluginError(
                f"{configured} is missing: run `npm ci` in {project} to install the {package} package "
                "the site serves itself (see package.json)"
            )
        return path

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files) -> str:
        """Prepare linking for this page and draw the diagrams it places with <!-- glossary:diagram NAME -->."""
        lang = getattr(page.file, "locale", None) or config.theme["language"]
        source = f"docs/{page.file.src_uri}"
        self.linker = self._linker(page, lang, source, markdown)
        markdown = self._notice(markdown, page, _build_language(config, lang))
        if self.diagrams is None or "glossary:diagram" not in markdown:
            return markdown

        def report(line: int, message: str) -> None:
            log.warning(f"{source}:{line}: {message}")

        return self.diagrams.expand(markdown, lang, report)

    def _notice(self, markdown: str, page, lang: str) -> str:
        """Tell readers of a translated page that it is outdated, or not translated at all."""
        if self.renderer is None or "glossary_concept" in page.meta:
            return markdown
        name = page.file.src_uri[: -len(".md")] if page.file.src_uri.endswith(".md") else page.file.src_uri
        stem, _, suffix = name.rpartition(".")
        name = stem if stem and suffix in self.termbase.languages else name
        state = self.renderer.state(lang, "pages", name)
        if state not in ("outdated", "missing"):
            return markdown
        L = render.labels(lang, self.labels_dir)
        key = "page_outdated_notice" if state == "outdated" else "page_missing_notice"
        title = L["outdated_title"] if state == "outdated" else L["not_translated_title"]
        notice = f'!!! note "{title}"\n\n    {render.md_text(L[key])}\n\n'
        heading = re.search(r"^# .*\n", markdown, flags=re.M)
        at = heading.end() if heading else 0
        return f"{markdown[:at]}\n{notice}{markdown[at:]}"

    def on_page_content(self, html: str, page, config: MkDocsConfig, files) -> str:
        if self.linker is not None:
            self.timings["linking"] += self.linker.seconds
        self.linker = None
        return html


    def _linker(self, page, lang: str, source: str, markdown: str) -> Linker | None:
        if not self.config.link_terms or self.renderer is None or lang not in self.termbase.languages:
            return None
        concepts = self.termbase.concepts
        generated = "glossary_concept" in page.meta or page.file.src_uri.startswith(f"{render.GLOSSARY_DIR}/")
        if not generated:
            for line, concept_id in autolink.references(markdown):
                if concept_id not in concepts:
                    close = difflib.get_close_matches(concept_id, list(concepts), n=1)
                    hint = f"did you mean [[{close[0]}]]?" if close else "use the id of a concept in the term base"
                    log.warning(f"{source}:{line}: [[{concept_id}]] names no concept: {hint}")
        return links.page_linker(
            self.renderer, lang, page.file.src_uri, page.meta.get("glossary_concept"),
            render.labels(lang, self.labels_dir), self.config.link_first_only,
        )

    @event_priority(-50)
    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        start = time.perf_counter()
        output = self._without_head_alternates(output)
        if 'class="mermaid"' in output:
            output = self._load_mermaid(output, page, config)
        self.timings["page post-processing"] += time.perf_counter() - start
        return output

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        # 404.html is a theme template, not a page; it carries stale alternates of the last page.
        return self._without_head_alternates(output) if template_name == "404.html" else output

    def _without_head_alternates(self, output: str) -> str:
        """Drop the <link rel="alternate" hreflang> tags Material puts in every page head.

        Material's script fetches `sitemap.xml` relative to each of them, which
        costs three failing requests per page (and, with absolute URLs, requests
        to the public host from any other copy). Search engines get the same
        alternates, absolute, from the sitemap that mkdocs-static-i18n writes.
        """
        return _ALTERNATE.sub("", output) if '<link rel="alternate"' in output else output

    def _load_mermaid(self, output: str, page, config: MkDocsConfig) -> str:
        """Give pages with diagrams a local Mermaid, loaded before Material's bundle.

        Material only fetches mermaid.js from a CDN when no global `mermaid`
        exists; pages without diagrams do not load it at all. One copy at the
        site root serves every language, so the browser caches it once.
        """
        prefix = Path(config.site_dir).resolve().relative_to(self.site_root).as_posix()
        here = page.url if prefix == "." else f"{prefix}/{page.url}"
        src = get_relative_url(MERMAID_URL, here or "./")
        match = _BUNDLE.search(output)
        at = match.start() if match else output.rindex("</body>")
        return f'{output[:at]}<script src="{src}"></script>\n{output[at:]}'

    @event_priority(-50)
    def on_post_build(self, config: MkDocsConfig) -> None:
        _copy_if_changed(self.mermaid_js, self.site_root / MERMAID_URL)
        data = _HTML_SIGNIFICANT.sub(lambda m: f"\\u{ord(m.group()):04x}",
                                     json.dumps(site_data(self.termbase), ensure_ascii=False, indent=1)) + "\n"
        target = self.site_root / SITE_DATA_URL
        if not target.is_file() or target.read_text("utf-8") != data:
            target.write_text(data, "utf-8")
        if self.offline:
            _copy_if_changed(self.iframe_worker_js, self.site_root / IFRAME_WORKER_URL)
        # Written after each language's build, so the last write holds the whole build. (Not in
        # on_shutdown: defining it would make `mkdocs serve` keep this instance, and its state, between builds.)
        if os.environ.get("GLOSSARY_TIMINGS"):
            Path(os.environ["GLOSSARY_TIMINGS"]).write_text(json.dumps(self.timings), "utf-8")

    def on_serve(self, server, config: MkDocsConfig, builder):
        """Watch what people edit (docs/, the term base and its diagrams), not the stage
        MkDocs builds from, which every rebuild refreshes and which would trigger a second rebuild."""
        if self.staged_dir is not None:
            try:
                server.unwatch(self.staged_dir)
            except KeyError:
                pass
        if self.source_docs is not None:
            server.watch(str(self.source_docs))
        server.watch(str(self.termbase_path))
        diagrams_dir = self.project / self.config.diagrams_dir
        if diagrams_dir.is_dir():
            server.watch(str(diagrams_dir))
        return server


def _build_language(config: MkDocsConfig, fallback: str) -> str:
    """The language being built; differs from the page's when mkdocs-static-i18n falls back to the source."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or fallback


_pinned_epoch: str | None = None  # the SOURCE_DATE_EPOCH this module set, as opposed to the user's


def _pin_build_date(project: Path, sources: list[Path]) -> None:
    """Date the build by its input rather than by the clock, unless SOURCE_DATE_EPOCH is set.

    MkDocs dates every page (the sitemap's <lastmod>, the mtime in the header of
    sitemap.xml.gz) with the day of the build, or with SOURCE_DATE_EPOCH when that is set.
    Setting it to the time of the project's last git commit (outside git: of its newest source
    file) makes two builds of the same input identical, and <lastmod> says when it last changed.
    """
    global _pinned_epoch
    if os.environ.get("SOURCE_DATE_EPOCH", _pinned_epoch) != _pinned_epoch:
        return  # the user's own
    epoch = None
    try:
        git = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=project,
                             capture_output=True, text=True, timeout=30)
        epoch = int(git.stdout) if git.returncode == 0 and git.stdout.strip().isdigit() else None
    except (OSError, subprocess.SubprocessError):
        pass
    if epoch is None:
        files = [f for s in sources for f in ([s] if s.is_file() else s.rglob("*")) if f.is_file()]
        epoch = int(max(f.stat().st_mtime for f in files)) if files else None
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = _pinned_epoch = str(epoch)


def _copy_if_changed(src: Path, dest: Path) -> None:
    if dest.is_file() and filecmp.cmp(src, dest, shallow=False):
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)


def _offline_enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def _site_languages(config: MkDocsConfig, fallback: list[str], source: str) -> tuple[list[str], str]:
    """The languages the site builds, from mkdocs-static-i18n's settings when it is used."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return fallback, source
    langs = [lang.locale for lang in i18n.config.languages if lang.build]
    default = next((lang.locale for lang in i18n.config.languages if lang.default), langs[0])
    return langs, default
