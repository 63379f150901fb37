"""Zensical: the trilingual site built by Zensical, one language per site, finished by the generator.

Zensical (the successor of Material for MkDocs) reads mkdocs.yml but runs no
MkDocs plugin and builds one language per site. So the generator does here
what the plugin and mkdocs-static-i18n do in an MkDocs build:

1. stage the pages as for MkDocs (`build.SiteBuild`), then lay out one docs
   folder per language: suffixes stripped, an untranslated page taken from the
   default language, notices and named diagrams expanded, and links that MkDocs
   reads relative to the page's URL (links between languages) written relative
   to the Markdown file, as Zensical reads every link;
2. write one config per language (`theme.language`, the language's site name
   and description, `site_url` with its prefix, translated nav titles, the
   language switcher in `extra.alternate`, and a template override that lands
   the switcher on the same page);
3. build the languages with `zensical build`, in parallel processes;
4. move them into one site (the default language at the root, the others in
   `de/`, `nl/`), link the term mentions in each page's article (`linker`),
   load the local Mermaid on pages with diagrams, and write what the plugin
   writes after a build (`glossary.json`, the assets) and a sitemap with
   hreflang alternates.

Search stays per language: each language's site has its own index.
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import yaml
from yaml_env_tag import construct_env_tag

from ..errors import BuildError
from ..translation.markdown import FRONT_MATTER, LINK_TARGET
from ..translation.pages import split_name
from . import merge
from .build import BuildOptions, PageInfo, Site, SiteBuild
from .parallel import BuildFailed, Progress, run_all
from .urls import Urls

NAME = "zensical"
WORK_DIR = "zensical"  # beside the stage: one folder per language, its docs, config and site
THEME_DIR = Path(__file__).parent / "zensical_theme"  # the template override
ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*">)(.*?)(</article>)', re.S)
HREF = re.compile(r'(\bhref=")([^"]*)(")')


@dataclass(frozen=True)
class Settings:
    """What mkdocs.yml says that a Zensical build needs."""

    project: Path
    config_file: Path
    raw: dict[str, Any]  # mkdocs.yml as YAML reads it, tags resolved
    site_dir: Path
    docs_dir: Path
    options: BuildOptions
    languages: list[str]  # the default first
    names: dict[str, str]  # language: its name in the switcher
    overrides: dict[str, dict[str, Any]]  # language: site_name, site_description, nav_translations
    directory_urls: bool = True
    fallback: bool = True  # a page not translated shows the default language's (i18n's fallback_to_default)

    @property
    def default(self) -> str:
        return self.languages[0]


class _Loader(yaml.Loader):
    """mkdocs.yml as Zensical reads it: Python names (`!!python/name:`) and `!ENV`."""


_Loader.add_constructor("!ENV", construct_env_tag)


def read_settings(config_file: Path, site_dir: Path | None = None) -> Settings:
    project = config_file.resolve().parent
    try:
        raw = yaml.load(config_file.read_text("utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BuildFailed(f"{config_file}: {exc}") from None
    plugins = _plugins(raw.get("plugins") or [])
    if "glossary" not in plugins:
        raise BuildFailed(f"{config_file}: the glossary plugin is not in its plugins; Zensical builds need its options")
    offline = plugins.get("offline") or plugins.get("material/offline")
    if ("offline" in plugins or "material/offline" in plugins) and (offline or {}).get("enabled", True):
        raise BuildFailed(
            f"{config_file}: an offline copy is built with MkDocs for now: glossary build --engine mkdocs"
        )
    known = set(BuildOptions.__dataclass_fields__)
    options = BuildOptions(**{k: v for k, v in (plugins["glossary"] or {}).items() if k in known})
    i18n = plugins.get("i18n") or {}
    languages = [lang for lang in i18n.get("languages", []) if lang.get("build", True)]
    theme_lang = (raw.get("theme") or {}).get("language", "en")
    if not languages:
        languages = [{"locale": theme_lang, "default": True}]
    default = next((lang for lang in languages if lang.get("default")), languages[0])
    ordered = [default, *(lang for lang in languages if lang is not default)]
    return Settings(
        project=project,
        config_file=config_file.resolve(),
        raw=raw,
        site_dir=(site_dir or project / raw.get("site_dir", "site")).resolve(),
        docs_dir=(project / raw.get("docs_dir", "docs")).resolve(),
        options=options,
        languages=[lang["locale"] for lang in ordered],
        names={lang["locale"]: lang.get("name", lang["locale"]) for lang in ordered},
        overrides={lang["locale"]: lang for lang in ordered},
        directory_urls=raw.get("use_directory_urls", True),
        fallback=i18n.get("fallback_to_default", True),
    )


def _plugins(value: list | dict) -> dict[str, Any]:
    entries = (
        value.items()
        if isinstance(value, dict)
        else [next(iter(item.items())) if isinstance(item, dict) else (item, {}) for item in value]
    )
    return {name: options for name, options in entries}


def ready() -> None:
    try:
        import zensical  # noqa: F401 (only for this engine)
    except ImportError:
        raise BuildFailed("zensical is not installed: pip install 'glossary-generator[zensical]'") from None


# --- 1. the stage, one docs folder per language ---------------------------------------


@dataclass
class _Layout:
    """The pages of the whole site: where each is served, and what its linker needs."""

    pages: dict[str, PageInfo] = field(default_factory=dict)  # URL from the site root: page
    paths: dict[str, str] = field(default_factory=dict)  # URL: the page's path without language ("glossary/x")


def lay_out(build: SiteBuild, settings: Settings, work: Path) -> _Layout:
    """One docs folder per language in `work/<lang>/docs`, from the stage `build` prepared."""
    assert build.staged_dir is not None
    staged = build.staged_dir
    urls = Urls(settings.default, settings.directory_urls)
    layout = _Layout()
    by_name: dict[str, dict[str | None, Path]] = {}  # "glossary/x.md", "assets/x.css": language (None: default)
    for path in sorted(p for p in staged.rglob("*") if p.is_file()):
        rel = path.relative_to(staged).as_posix()
        name, lang = split_name(rel, settings.languages) if rel.endswith(".md") else (rel, None)
        by_name.setdefault(f"{name}.md" if rel.endswith(".md") else rel, {})[lang] = path
    for lang in settings.languages:
        docs = work / lang / "docs"
        if docs.exists():
            shutil.rmtree(docs)
        prefix = "" if lang == settings.default else f"{lang}/"
        for rel, versions in by_name.items():
            translated = lang != settings.default and lang in versions
            own = versions[lang] if translated else versions.get(None)
            if own is None or (
                not translated and lang != settings.default and rel.endswith(".md") and not settings.fallback
            ):
                continue
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if not rel.endswith(".md"):
                shutil.copyfile(own, target)
                continue
            name = rel[: -len(".md")]
            url = urls.page(lang, name)
            text = own.read_text("utf-8")
            text_lang = lang if translated or lang == settings.default else settings.default
            info = PageInfo(own.relative_to(staged).as_posix(), text_lang, lang, _concept(text), url)
            text = _with_languages(build.page_markdown(text, info), _languages_of(versions, settings))
            build.linker = None  # linked later, in the built HTML
            target.write_text(
                _file_relative(text, url, prefix + posixpath.dirname(name), staged / posixpath.dirname(name)), "utf-8"
            )
            layout.pages[url] = info
            layout.paths[url] = name
    return layout


def _languages_of(versions: dict[str | None, Path], settings: Settings) -> list[str] | None:
    """The languages a page exists in, when not all of them (a page of the default language
    falls back into every other, unless fallback is off)."""
    if None in versions and settings.fallback:
        return None
    return [lang for lang in settings.languages if lang in versions or (lang == settings.default and None in versions)]


def _with_languages(text: str, languages: list[str] | None) -> str:
    """The page with `glossary_languages` in its front matter, for the language switcher."""
    if languages is None:
        return text
    line = f"glossary_languages: [{', '.join(languages)}]\n"
    return f"---\n{line}{text[4:]}" if FRONT_MATTER.match(text) else f"---\n{line}---\n{text}"


def _concept(text: str) -> str | None:
    match = FRONT_MATTER.match(text)
    if match is None:
        return None
    found = re.search(r"^glossary_concept:\s*\"?([^\"\n]+?)\"?\s*$", match.group(0), re.M)
    return found.group(1) if found else None


def _file_relative(text: str, url: str, folder: str, files: Path) -> str:
    """Links that MkDocs reads relative to the page's URL (those that name no file of the
    site, such as links to another language), written relative to the Markdown file, as
    Zensical reads every link. `folder`: the file's folder from the site root; `files`: the
    staged folder that holds it."""
    base = url if url.endswith("/") else posixpath.dirname(url) + "/"

    def rewrite(target: str) -> str:
        if not target or target.startswith(("#", "/", "mailto:", "data:", "tel:")) or ":" in target.split("/")[0]:
            return target
        path, hash_, rest = target.partition("#")
        if not path or path.endswith(".md") or (files / path).exists():
            return target
        relative = posixpath.relpath(posixpath.normpath(base + path), folder or ".")
        if path.endswith("/") and not relative.endswith("/"):
            relative = "./" if relative == "." else relative + "/"
        return relative + hash_ + rest

    text = LINK_TARGET.sub(lambda m: m.group(0).replace(f"({m.group(1)}", f"({rewrite(m.group(1))}", 1), text)
    return HREF.sub(lambda m: m.group(1) + rewrite(m.group(2)) + m.group(3), text)


# --- 2. one config per language ---------------------------------------------------------


def write_config(settings: Settings, lang: str, work: Path) -> Path:
    """`work/<lang>/mkdocs.yml`: the project's config for one language, as Zensical reads it."""
    config = {k: v for k, v in settings.raw.items() if k not in ("plugins", "INHERIT")}
    override = settings.overrides.get(lang, {})
    for key in ("site_name", "site_description", "site_author", "copyright"):
        if override.get(key):
            config[key] = override[key]
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    prefix = "" if lang == settings.default else f"{lang}/"
    if config.get("site_url"):
        config["site_url"] = config["site_url"].rstrip("/") + "/" + prefix
    theme = dict(config.get("theme") or {"name": "material"})
    theme["language"] = lang
    overrides = work / lang / "overrides"
    if overrides.exists():
        shutil.rmtree(overrides)
    if theme.get("custom_dir"):
        shutil.copytree(settings.project / theme["custom_dir"], overrides)
    shutil.copytree(THEME_DIR, overrides, dirs_exist_ok=True)
    theme["custom_dir"] = "overrides"
    config["theme"] = theme
    extra = dict(config.get("extra") or {})
    here = "" if lang == settings.default else "../"
    extra["alternate"] = [
        {"name": settings.names[code], "lang": code, "link": here + ("" if code == settings.default else f"{code}/")}
        for code in settings.languages
    ]
    config["extra"] = extra
    if config.get("nav"):
        config["nav"] = _translated_nav(config["nav"], override.get("nav_translations") or {})
    path = work / lang / "mkdocs.yml"
    path.write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _translated_nav(nav: Any, titles: dict[str, str]) -> Any:
    if isinstance(nav, list):
        return [_translated_nav(item, titles) for item in nav]
    if isinstance(nav, dict):
        return {titles.get(title, title): _translated_nav(value, titles) for title, value in nav.items()}
    return nav


# --- 3. the builds ------------------------------------------------------------------------


def _run(configs: dict[str, Path], jobs: int, strict: bool, progress: Callable[[Progress], None]) -> list[str]:
    """`zensical build` of each language, at most `jobs` at a time; what Zensical warned."""
    env = {**os.environ, "NO_COLOR": "1"}

    def start(lang: str, log: IO[bytes]) -> subprocess.Popen:
        command = [sys.executable, "-m", NAME, "build", "-f", str(configs[lang]), *(["-s"] if strict else [])]
        return subprocess.Popen(command, cwd=configs[lang].parent, env=env, stdout=log, stderr=log)

    starts = {lang: functools.partial(start, lang) for lang in configs}
    return run_all(starts, jobs, progress, "zensical build", _said)


def _said(output: str) -> str:
    """What Zensical said, without its colours and its lines that every build prints."""
    lines = re.sub(r"\x1b\[[0-9;]*m", "", output).splitlines()
    return "\n".join(line for line in lines if line.strip() and not line.startswith(CHATTER))


CHATTER = ("Build started", "Build finished", "No issues found")


# --- 4. one site ------------------------------------------------------------------------


def assemble(build: SiteBuild, settings: Settings, layout: _Layout, work: Path, target: Path) -> None:
    """The languages' sites moved into `target`, linked and finished."""
    for lang in settings.languages:
        built = work / lang / "site"
        if lang == settings.default:
            for item in built.iterdir():
                shutil.move(str(item), target / item.name)
        else:
            shutil.move(str(built), target / lang)
        (target / (f"{lang}/" if lang != settings.default else "") / "sitemap.xml").unlink(missing_ok=True)
        (target / (f"{lang}/" if lang != settings.default else "") / "sitemap.xml.gz").unlink(missing_ok=True)
    for url, info in layout.pages.items():
        path = target / (url + "index.html" if url.endswith("/") else url) if url != "./" else target / "index.html"
        if not path.is_file():
            continue
        page = path.read_text("utf-8")
        article = ARTICLE.search(page)
        if article is not None:
            linked = build.link_html(article.group(2), info)
            page = page[: article.start(2)] + linked + page[article.end(2) :]
        path.write_text(build.post_page(page, url if url != "./" else ""), "utf-8")
    for lang in settings.languages:  # each language's "not found" page, a theme template
        missing = f"{lang}/404.html" if lang != settings.default else "404.html"
        if (target / missing).is_file():
            (target / missing).write_text(build.post_page((target / missing).read_text("utf-8"), missing), "utf-8")
    build.post_build(target)
    _write_sitemap(settings, layout, target)


def _write_sitemap(settings: Settings, layout: _Layout, target: Path) -> None:
    """One sitemap for the site, each page with its language versions as hreflang alternates."""
    base = (settings.raw.get("site_url") or "").rstrip("/") + "/"
    if base == "/":
        return
    urls = Urls(settings.default, settings.directory_urls)
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())  # pinned by the build (`build_date`)
    day = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")
    languages: dict[str, list[str]] = {}  # a page's path: the languages it exists in
    for url, name in layout.paths.items():
        languages.setdefault(name, []).append(layout.pages[url].build_lang)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for lang in settings.languages:
        for name in sorted(languages, key=lambda n: urls.page(settings.default, n)):
            if lang not in languages[name]:
                continue
            loc = _absolute(base, urls.page(lang, name))
            lines += ["    <url>", f"        <loc>{html.escape(loc)}</loc>", f"        <lastmod>{day}</lastmod>"]
            for code in languages[name]:
                href = html.escape(_absolute(base, urls.page(code, name)))
                lines.append(f'        <xhtml:link rel="alternate" hreflang="{code}" href="{href}"/>')
            lines.append("    </url>")
    lines.append("</urlset>")
    merge.write_sitemap(target, "\n".join(lines) + "\n", epoch)


def _absolute(base: str, url: str) -> str:
    return base if url == "./" else base + url


# --- the whole build ------------------------------------------------------------------------


def build(
    config_file: Path,
    site_dir: Path | None = None,
    jobs: int | None = None,
    strict: bool = False,
    progress: Callable[[Progress], None] = lambda _progress: None,
) -> tuple[Settings, list[str]]:
    """Build the whole site with Zensical into its site folder; the settings and the warnings."""
    ready()
    settings = read_settings(config_file, site_dir)
    warnings: list[str] = []
    build = SiteBuild(settings.options, warnings.append)
    site = Site(
        project=settings.project,
        config_file=settings.config_file,
        docs_dir=settings.docs_dir,
        site_dir=settings.site_dir,
        languages=settings.languages,
        default_lang=settings.default,
        directory_urls=settings.directory_urls,
        site_names={
            lang: settings.overrides[lang].get("site_name") or settings.raw["site_name"] for lang in settings.languages
        },
        site_url=settings.raw.get("site_url"),
        fallback=settings.fallback,
    )
    try:
        build.prepare(site)
    except BuildError as exc:
        raise BuildFailed(str(exc)) from None
    work = settings.project / Path(settings.options.stage_dir).parent / WORK_DIR
    layout = lay_out(build, settings, work)
    warnings = list(dict.fromkeys(warnings))  # a page shown in every language is read once per language
    if strict and warnings:
        raise BuildFailed("aborted with warnings in strict mode:\n" + "\n".join(warnings))
    configs = {lang: write_config(settings, lang, work) for lang in settings.languages}
    for lang in settings.languages:
        shutil.rmtree(work / lang / "site", ignore_errors=True)
    warnings += _run(configs, jobs or len(configs), strict, progress)
    try:
        merge.empty_site_folder(settings.site_dir)
    except merge.MergeError as exc:
        raise BuildFailed(str(exc)) from None
    assemble(build, settings, layout, work, settings.site_dir)
    return settings, warnings
