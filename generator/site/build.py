"""One build of the site, step by step, for whichever engine runs it.

The MkDocs plugin (`plugin`) calls one method here per event; nothing here
imports MkDocs. `prepare` loads the term base, works out the translation
status, renders the glossary pages and stages them beside a copy of `docs/`
(mkdocs-static-i18n cannot take virtual files), and returns the folder the
engine should build from. Per page, `page_markdown` sets up the linker and
adds notices and diagrams; `post_page` adjusts the HTML; `post_build` writes
what the site serves itself.
"""

from __future__ import annotations

import gc
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BuildError, ReviewFileError, TermBaseError, shown_path
from ..termbase import loader
from ..termbase.model import TermBase
from ..translation.admonitions import with_titles
from ..translation.labels import has_labels
from ..translation.markdown import references
from ..translation.pages import Pages, split_name
from ..translation.reviews import Reviews, record_path
from ..translation.status import translation_status
from . import assets, build_date, search_index
from .alternates import HIDE_FROM_THEME, Alternates
from .background import Background
from .diagrams import DiagramError
from .link_targets import page_linker
from .linker import Linker
from .notices import with_notice
from .pages import SiteRenderer, texts_changed
from .stage import Stage
from .structured_data import StructuredData, as_script, write_files
from .urls import GLOSSARY_DIR


@dataclass(frozen=True)
class BuildOptions:
    """The glossary's settings (the plugin's options in mkdocs.yml), paths relative to the project."""

    termbase: str = "terms/termbase.yaml"
    diagrams_dir: str = "terms/diagrams"
    labels_dir: str | None = None
    templates_dir: str | None = None
    stage_dir: str = ".cache/glossary/docs"
    link_terms: bool = True
    link_first_only: bool = True
    link_compounds: bool = False  # a compound of a term (Servicevereinbarungsentwurf) links to the term
    history_revisions: int = 30  # git commits of the term base read for the changes pages (0: none)
    mermaid_js: str = "node_modules/mermaid/dist/mermaid.min.js"
    iframe_worker_js: str = "node_modules/iframe-worker/shim/index.js"


@dataclass(frozen=True)
class Site:
    """What the engine says about the site being built."""

    project: Path
    config_file: Path
    docs_dir: Path
    site_dir: Path
    languages: list[str] | None  # None: every language of the term base
    default_lang: str | None
    directory_urls: bool = True
    offline: bool = False  # a copy to open from disk: search needs the iframe-worker shim
    site_names: dict[str, str] | None = None  # language: the site's name in it
    site_url: str | None = None  # the public address, for absolute URLs in structured data
    fallback: bool = True  # a page not translated is shown in the default language (i18n's fallback_to_default)
    search_per_language: bool = False  # cut the theme's search index by language (see `search_index`)


@dataclass(frozen=True)
class PageInfo:
    src_uri: str  # below the docs folder: "guide.de.md", "glossary/customer.md"
    lang: str  # the page's language
    build_lang: str  # the language being built (differs when the page falls back to the source)
    own_concept: str | None  # the concept a generated concept page is about
    url: str = ""  # where the page is served, from the site root: "de/glossary/customer/"


class SiteBuild:
    def __init__(
        self, options: BuildOptions, warn: Callable[[str], None], live: bool = False, only_language: str | None = None
    ):
        """`live`: builds follow each other in one process (live preview); what is read is kept
        for the next build, which reads only what changed. `only_language`: the engine builds
        that language alone (its pages, and the default language's standing in for missing
        translations); the other languages' term indexes are let go once the pages are staged."""
        self.options = options
        self.warn = warn
        self.only_language = only_language
        self._memo: dict | None = {} if live else None
        self.site: Site | None = None
        self.termbase: TermBase | None = None
        self.renderer: SiteRenderer | None = None
        self.termbase_path: Path | None = None
        self.staged_dir: Path | None = None
        self.stage: Stage | None = None
        self._site_data_written: tuple | None = None
        self._stamp: tuple = ()  # the inputs as the stage was last brought up to date with them
        self.mermaid_js: Path | None = None
        self.iframe_worker_js: Path | None = None
        self.linker: Linker | None = None  # the linker of the page being built
        self._structured: StructuredData | None = None
        self._versions: Alternates | None = None  # made from the stage on the first page after prepare()
        # each concept's search forms and machine-readable siblings, computed beside the engine
        self._readers_data: Background[tuple[dict[str, Any], dict[str, bytes]]] | None = None
        self._readers_data_of: TermBase | None = None  # the term base it was computed from
        # Seconds the glossary itself spends in a build (set GLOSSARY_TIMINGS=FILE to get them as JSON):
        # what benchmarks/bench_scale.py reports as the generator's share of the build.
        self.timings = {
            "load, render and stage": 0.0,
            "linking": 0.0,
            "page post-processing": 0.0,
            "search forms": 0.0,
            "structured data": 0.0,
        }

    # --- once per build ---------------------------------------------------

    def prepare(self, site: Site) -> Path:
        """Everything the engine needs before it reads pages; the folder to build from.

        Call it once per build (mkdocs-static-i18n's builds of the other languages are the same
        build). A later build of the same site (live preview) brings the stage up to date with
        what was edited, re-rendering only the pages an edit of texts shows on."""
        start = time.perf_counter()
        self._versions = None
        try:
            if self.staged_dir is None:
                self._prepare(site)
            else:
                self._refresh()
            assert self.staged_dir is not None
            if self._readers_data is None or self._readers_data_of is not self.termbase:
                self._start_readers_data()
            return self.staged_dir
        finally:
            self.timings["load, render and stage"] += time.perf_counter() - start

    def _prepare(self, site: Site, loaded: tuple[TermBase, tuple] | None = None) -> None:
        """The whole stage; `loaded`: the term base as `_refresh` read it, and its inputs' stamps."""
        options, project = self.options, site.project
        self.site = site
        self.termbase_path = (project / options.termbase).resolve()
        build_date.pin(project, [site.config_file, site.docs_dir, *self._inputs()])
        self.mermaid_js = assets.required(project, options.mermaid_js, "mermaid")
        if site.offline:
            self.iframe_worker_js = assets.required(project, options.iframe_worker_js, "iframe-worker")
        if loaded is None:
            stamp = self._stamps()
            termbase = self._load()
        else:
            termbase, stamp = loaded
        languages = site.languages or termbase.language_codes
        for lang in languages:
            if lang not in termbase.languages:
                self.warn(
                    f"site language '{lang}' is not declared in {options.termbase}: "
                    "its glossary pages show the source language"
                )
            if not has_labels(lang, self._labels_dir):
                self.warn(
                    f"no interface strings for '{lang}': add {lang}.yaml to the labels folder "
                    "(see generator/locales/en.yaml); English is used meanwhile"
                )
        self.termbase = termbase
        self.renderer = self._renderer(termbase, self._statuses(termbase))
        self.renderer.usage = self._usage(termbase, self.renderer)
        self.renderer.history = self._history(termbase)
        try:
            self.stage = Stage(
                site.docs_dir, project / options.stage_dir, site.default_lang or termbase.source_language
            )
        except ValueError as exc:
            raise BuildError(f"{exc}: set the glossary plugin's stage_dir to a folder outside docs_dir") from None
        with self._diagram_errors():
            conflicts = self.stage.sync(self.renderer.pages())
        for conflict in conflicts:
            self.warn(f"docs/{conflict} is hand-written and replaces the generated page of the same name")
        self.staged_dir = self.stage.root
        self._stamp = stamp
        if self.only_language:
            self.renderer.keep_indexes({self.only_language, site.default_lang or termbase.source_language})
        # The term base lives as long as the build: keep its objects out of every later
        # GC pass (measured: linking at 10,000 concepts runs twice as fast).
        gc.freeze()

    def _refresh(self) -> None:
        """Live preview: bring the stage up to date. An edit of texts only (definitions, notes,
        examples, a concept's sources) or of reviews re-renders the pages that show them; any
        other edit of the term base, its diagrams, labels or templates re-renders every page."""
        assert self.site is not None and self.termbase is not None and self.renderer is not None
        stamp = self._stamps()
        old = self.termbase
        termbase = self._load() if stamp[:2] != self._stamp[:2] else old
        changed = texts_changed(old, termbase) if stamp[2:] == self._stamp[2:] else None
        if changed is None or not self.stage.sync_docs():
            self._prepare(self.site, (termbase, stamp))
            return
        statuses = self._statuses(termbase)
        for lang, status in statuses.items():
            before = self.renderer.statuses.get(lang) if self.renderer.statuses else None
            changed.update(
                cid for cid, state in status.concepts.items() if before is None or before.concepts.get(cid) != state
            )
        renderer = self.renderer.successor(termbase, statuses)
        with self._diagram_errors():
            self.stage.update(renderer.pages_showing_texts_of(changed, statuses != self.renderer.statuses))
        self.termbase, self.renderer, self._stamp = termbase, renderer, stamp

    @property
    def _labels_dir(self) -> str | None:
        assert self.site is not None
        return str(self.site.project / self.options.labels_dir) if self.options.labels_dir else None

    def _inputs(self) -> list[Path]:
        """What the generated pages are made of, besides docs/ (watched, and dating the build)."""
        assert self.site is not None and self.termbase_path is not None
        project, options = self.site.project, self.options
        folders = [options.diagrams_dir, options.labels_dir, options.templates_dir]
        return [self.termbase_path, record_path(self.termbase_path), *(project / f for f in folders if f)]

    def _stamps(self) -> tuple:
        """Size and time of each input (of every file in a folder): what tells an edit."""

        def stamp(path: Path) -> tuple:
            files = sorted(path.rglob("*")) if path.is_dir() else [path]
            stats = [(f, f.stat()) for f in files if f.is_file()]
            return tuple((str(f), st.st_size, st.st_mtime_ns) for f, st in stats)

        return tuple(stamp(path) for path in self._inputs())

    def _load(self) -> TermBase:
        assert self.termbase_path is not None
        try:
            if self._memo is not None:  # live: read afresh, only what changed since the last build
                return loader.load(self.termbase_path, shown_path(self.termbase_path), self._memo)
            return loader.load_cached(
                self.termbase_path, self.site.project if self.site else None, shown_path(self.termbase_path)
            )
        except TermBaseError as exc:
            raise BuildError("the term base has problems:\n" + "\n".join(str(p) for p in exc.problems)) from None

    def _statuses(self, termbase: TermBase):
        assert self.site is not None and self.termbase_path is not None
        try:
            reviews = Reviews.load(record_path(self.termbase_path))
        except ReviewFileError as exc:
            raise BuildError(str(exc)) from None
        pages = Pages(
            self.site.docs_dir, list(termbase.languages), termbase.source_language, shown_path(self.site.docs_dir)
        )
        return translation_status(termbase, reviews, pages)

    def _history(self, termbase: TermBase):
        """The entries' changes over the term base's last commits (none outside a git
        repository; None, and no changes pages, with history_revisions: 0). Kept with the term base's cache, by the
        commits read: a build after a commit reads only the term base at that commit."""
        import hashlib

        from ..termbase.cache import derived
        from ..translation.changes import empty_text
        from ..translation.history import history
        from ..translation.revisions import file_at, revisions_of

        assert self.termbase_path is not None
        if self.options.history_revisions <= 0:
            return None
        revisions = revisions_of(self.termbase_path, self.options.history_revisions)
        if not revisions:
            return []  # not in a git repository (a copy of the project): the pages say so
        path = self.termbase_path

        def read() -> list:
            versions = []
            for revision, date in revisions:
                text = file_at(path, revision)
                if text is None:
                    continue
                try:
                    versions.append((revision, date, loader.load_text(text, f"{path.name}@{revision[:8]}")))
                except TermBaseError:
                    continue  # a commit whose term base did not load: the history skips it
            if len(revisions) < self.options.history_revisions:  # back to the file's first commit: all new then
                source = termbase.source_language
                versions.insert(0, ("", revisions[0][1], loader.load_text(empty_text(source), "empty")))
            return history(versions)

        key = hashlib.sha256("\n".join(r for r, _ in revisions).encode()).hexdigest()[:16]
        return derived(termbase, f"history-{key}", read)

    def _usage(self, termbase: TermBase, renderer: SiteRenderer):
        """How the hand-written pages use the concepts, for each language's usage page. A build
        of one language reads every language's pages too: the usage pages of all languages are
        staged, so that each page's language versions are the same as in a whole build."""
        from ..translation.usage import usage

        assert self.site is not None
        pages = Pages(
            self.site.docs_dir, list(termbase.languages), termbase.source_language, shown_path(self.site.docs_dir)
        )
        languages = [lang for lang in self.site.languages or termbase.language_codes if lang in termbase.languages]
        return usage(termbase, pages, renderer.index, languages)  # the indexes linking uses too

    def _renderer(self, termbase: TermBase, statuses) -> SiteRenderer:
        assert self.site is not None
        project, options = self.site.project, self.options
        return SiteRenderer(
            termbase,
            self.site.languages or termbase.language_codes,
            self.site.default_lang or termbase.source_language,
            self._labels_dir,
            diagrams_dir=str(project / options.diagrams_dir),
            directory_urls=self.site.directory_urls,
            statuses=statuses,
            templates_dir=str(project / options.templates_dir) if options.templates_dir else None,
        )

    @contextmanager
    def _diagram_errors(self) -> Iterator[None]:
        try:
            yield
        except DiagramError as exc:
            raise BuildError(f"{shown_path(self.termbase_path)}: {exc}") from None

    def watched(self) -> list[Path]:
        """What people edit, for live preview: docs/, the term base, its reviews, diagrams, labels, templates."""
        if self.site is None or self.termbase_path is None:
            return []
        return [self.site.docs_dir, *(path for path in self._inputs() if path.exists())]

    # --- per page ----------------------------------------------------------

    def page_markdown(self, markdown: str, page: PageInfo) -> str:
        """Prepare linking for this page, report references to no concept, add a notice on an
        outdated or untranslated page, and draw the diagrams it places with
        <!-- glossary:diagram NAME -->."""
        if self.renderer is None or self.termbase is None:
            return markdown
        source = f"docs/{page.src_uri}"
        generated = page.own_concept is not None or page.src_uri.startswith(f"{GLOSSARY_DIR}/")
        if not generated:
            for reference in references(markdown, self.termbase.concepts):
                if reference.message:
                    self.warn(f"{source}:{reference.line}:{reference.column}: {reference.message}")
        self.linker = self._linker(page)
        if not generated:
            markdown = with_titles(markdown, self.renderer.labels(page.lang).get("admonition_titles", {}))
        if page.own_concept is None:
            name, _ = split_name(page.src_uri, self.termbase.languages)
            state = self.renderer.state(page.build_lang, "pages", name)
            markdown = with_notice(markdown, state, self.renderer.labels(page.build_lang))
        if "glossary:diagram" not in markdown:
            return markdown

        def report(line: int, message: str) -> None:
            self.warn(f"{source}:{line}: {message}")

        return self.renderer.diagrams.expand(markdown, page.lang, report)

    def _linker(self, page: PageInfo) -> Linker | None:
        if not self.options.link_terms or self.renderer is None or self.termbase is None:
            return None
        if page.lang not in self.termbase.languages:
            return None
        return page_linker(
            self.renderer,
            page.lang,
            page.url,
            page.own_concept,
            self.renderer.labels(page.lang),
            self.options.link_first_only,
            page.build_lang,
            compounds=self.options.link_compounds,
        )

    def page_html(self, html: str) -> str:
        """The page's Markdown is converted to `html`: link its term mentions and references."""
        linker, self.linker = self.linker, None
        return html if linker is None else self._link(linker, html)

    def link_html(self, html: str, page: PageInfo) -> str:
        """Link the term mentions in `html`, the article of `page` as an engine wrote it."""
        linker = self._linker(page)
        return html if linker is None else self._link(linker, html)

    def _link(self, linker: Linker, html: str) -> str:
        html = linker.link(html)
        self.timings["linking"] += linker.seconds
        return html

    def post_page(self, output: str, page_url: str) -> str:
        """The page's final HTML; `page_url` is its address from the site root."""
        start, structured = time.perf_counter(), self.timings["structured data"]
        output = assets.with_local_mermaid(assets.without_head_alternates(output), page_url)
        output = assets.with_named_search(output)
        if self.site is not None and self.renderer is not None:
            output = self._for_readers_elsewhere(output, page_url or "./")
        # the timings do not overlap: structured data is counted apart
        self.timings["page post-processing"] += (
            time.perf_counter() - start - (self.timings["structured data"] - structured)
        )
        return output

    def _for_readers_elsewhere(self, output: str, url: str) -> str:
        """What a page tells beyond its text: its search index (its language's), its title on a
        home page, its term as structured data, its language versions and machine-readable siblings."""
        assert self.site is not None
        if self.site.search_per_language:
            output = search_index.with_glossary_worker(search_index.with_language_base(output, url, *self._languages()))
        home = self._homes().get(url)
        if home is not None:
            output = assets.with_title(output, home)
        start = time.perf_counter()
        structured = self._structured_data()
        data = structured.for_page(url)
        if data is not None:
            output = assets.in_head(output, as_script(data))
            siblings = structured.siblings_head(url)
            if siblings is not None:
                output = assets.in_head(output, siblings)
        self.timings["structured data"] += time.perf_counter() - start
        versions = self._alternates().head(url) if self.stage is not None else None
        if versions is not None:
            output = assets.before_theme_script(assets.in_head(output, versions), HIDE_FROM_THEME)
        return output

    def _languages(self) -> tuple[list[str], str]:
        """The site's languages, the default first, and the default."""
        assert self.site is not None and self.renderer is not None
        default = self.site.default_lang or self.renderer.tb.source_language
        return [default, *(lang for lang in self.renderer.languages if lang != default)], default

    def _alternates(self) -> Alternates:
        """The pages' language versions, as this build staged them."""
        assert self.site is not None and self.stage is not None and self.renderer is not None
        if self._versions is None:
            staged = self.stage.generated | self.stage.hand_written
            languages, _default = self._languages()
            self._versions = Alternates(staged, languages, self.renderer.urls, self.site.site_url, self.site.fallback)
        return self._versions

    def _structured_data(self) -> StructuredData:
        assert self.site is not None and self.renderer is not None and self.termbase is not None
        made = self._structured
        if made is None or made.tb is not self.termbase:
            languages = self.renderer.languages
            titles = {lang: self.renderer.index_title(lang) for lang in languages}
            made = self._structured = StructuredData(
                self.termbase, languages, self.renderer.urls, self.site.site_url, titles
            )
        return made

    def _homes(self) -> dict[str, str]:
        """Each language's home page: the site's name in that language, its whole title (the
        theme would put the page's nav title before it: "Start - Glossar Service-Management")."""
        if self.site is None or self.renderer is None or not self.site.site_names:
            return {}
        urls = self.renderer.urls
        return {urls.page(lang, "index"): name for lang, name in self.site.site_names.items()}

    # --- after the pages ---------------------------------------------------

    def _start_readers_data(self) -> None:
        """Start computing what post_build writes for readers elsewhere, beside the engine's work
        (see `background`): each concept's search forms and its machine-readable siblings."""
        assert self.renderer is not None and self.termbase is not None
        if self._readers_data is not None:
            self._readers_data.cancel()
        termbase, renderer, structured = self.termbase, self.renderer, self._structured_data()
        languages = [self.only_language] if self.only_language else renderer.languages

        def work() -> tuple[dict[str, Any], dict[str, bytes]]:
            titles = {lang: renderer.labels(lang)["deprecated_title"] for lang in languages}
            entries = search_index.concept_entries(termbase, languages, renderer.urls, titles.__getitem__)
            return entries, structured.siblings([lang for lang in structured.languages if lang in languages])

        # live preview rebuilds in one process, again and again: no child to spare there
        self._readers_data = Background(work, fork=self._memo is None)
        self._readers_data_of = termbase

    def _annotate_search(self, site_root: Path, entries: dict[str, Any]) -> None:
        """Every form of each concept's terms in the search index."""
        assert self.renderer is not None and self.termbase is not None
        names = {
            code: self.termbase.languages[code].name
            for code in self.renderer.languages
            if code in self.termbase.languages
        }
        scopes = {lang: self.renderer.labels(lang)["search_all_languages"] for lang in self.renderer.languages}
        search_index.annotate(site_root, entries, names, scopes)

    def post_build(self, site_root: Path) -> None:
        """Write what the site serves itself. Runs after each language's build (mkdocs-static-i18n),
        so the last run holds the whole build."""
        if self.termbase is None or self.mermaid_js is None:
            return
        assets.copy_if_changed(self.mermaid_js, site_root / assets.MERMAID_URL)
        if self._readers_data is None:
            self._start_readers_data()
        assert self._readers_data is not None
        # the build's own time for them: waiting for what the background work has not done yet
        start = time.perf_counter()
        entries, siblings = self._readers_data.result()
        waited = time.perf_counter() - start
        written = self._site_data_written
        if written is None or written[0] is not self.termbase or written[1] != site_root:  # not once per language
            assets.write_site_data(self.termbase, site_root)
            start = time.perf_counter()
            write_files(site_root, siblings)
            self.timings["structured data"] += time.perf_counter() - start
            self._site_data_written = (self.termbase, site_root)
        if self.iframe_worker_js is not None:
            assets.copy_if_changed(self.iframe_worker_js, site_root / assets.IFRAME_WORKER_URL)
        if self.renderer is not None and self.renderer.history is not None and self.site is not None:
            from .feeds import write_feeds

            languages = [self.only_language] if self.only_language else self.renderer.languages
            write_feeds(self.renderer, site_root, languages, self.site.site_url)
        start = time.perf_counter()
        self._annotate_search(site_root, entries)
        self.timings["search forms"] += time.perf_counter() - start + waited
        if self.site is not None and self.site.search_per_language:
            assets.copy_if_changed(search_index.WORKER_SOURCE, site_root / search_index.WORKER_URL)
            if not self.only_language:
                search_index.split(site_root, *self._languages())  # a part's is cut once merged
        if os.environ.get("GLOSSARY_TIMINGS"):
            Path(os.environ["GLOSSARY_TIMINGS"]).write_text(json.dumps(self.timings), "utf-8")
