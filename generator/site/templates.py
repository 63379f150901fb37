"""The Jinja environments that turn views into pages and diagrams, with a project's overrides first.

Every template the generator ships (`generator/templates/`, and the relation
map in `templates/diagrams/`) can be replaced by a file of the same name in a
folder the project names in `mkdocs.yml` (`templates_dir`, `diagrams_dir`),
as Material lets a theme's templates be overridden.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..language.formats import date, number, percent
from .markup import md_text, md_url


def _loader(shipped: str, own_dir: str | Path | None) -> jinja2.BaseLoader:
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("generator", shipped)]
    if own_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(own_dir)))
    return jinja2.ChoiceLoader(loaders)


def page_environment(own_dir: str | Path | None = None) -> jinja2.Environment:
    """Markdown page templates: HTML-escaped by default, `md` for term base texts in Markdown."""
    env = jinja2.Environment(
        loader=_loader("templates", own_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["url"] = md_url
    env.filters["number"] = number  # {{ count|number(lang) }}: 1,000 in English, 1.000 in German
    env.filters["percent"] = percent  # {{ share|percent(lang) }}: 12%, 12 %
    env.filters["date"] = date  # {{ source.date|date(lang) }}: Aug 27, 2019, 27.08.2019
    return env


def diagram_environment(own_dir: str | Path | None = None) -> jinja2.Environment:
    """Mermaid templates: not HTML-escaped; labels go through the `label` filter instead."""
    return jinja2.Environment(
        loader=_loader("templates/diagrams", own_dir),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
