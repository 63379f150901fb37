"""Mermaid diagrams drawn from the term base, labelled in the page's language.

Two kinds: the relation map every concept page gets (a template of the
generator), and named diagrams of the content (`terms/diagrams/NAME.mmd.j2`),
which hand-written pages place with `<!-- glossary:diagram NAME -->` and
concepts list under `diagrams`. Templates name concepts by id and get their
terms through `term(id)`, so no template holds words of any one language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import shown_path
from ..termbase.model import RELATIONS, TermBase
from .templates import diagram_environment

# Neighbours in one row of a relation map at most: more rows, not smaller labels, as a concept
# gains relations. Two long labels in a row fit a desktop's column unscaled; on a phone the map
# keeps a minimum width and scrolls sideways (glossary.css, .gl-map) rather than shrink its labels.
MAP_ROW = 2
PLACEHOLDER = re.compile(r"^[ \t]*<!--\s*glossary:diagram\s+([A-Za-z0-9_-]+)\s*-->[ \t]*$", re.MULTILINE)


class DiagramError(Exception):
    """A diagram was asked for that does not exist, or its template is broken."""


def mermaid_text(value: Any) -> Markup:
    """Text inside a quoted Mermaid label: entity codes for what Mermaid or HTML would read as syntax."""
    text = " ".join(str(value).split())
    text = text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    text = text.replace("`", "#96;").replace("&", "#amp;")
    return Markup(text)


class Diagrams:
    def __init__(
        self, termbase: TermBase, labels_of: Callable[[str], dict[str, Any]], diagrams_dir: str | Path | None = None
    ):
        self.tb = termbase
        self.labels_of = labels_of
        self.own_dir = Path(diagrams_dir) if diagrams_dir else None
        self.env = diagram_environment(self.own_dir)
        self.env.filters["label"] = mermaid_text

    def names(self) -> list[str]:
        if self.own_dir is None or not self.own_dir.is_dir():
            return []
        return sorted(p.name[: -len(".mmd.j2")] for p in self.own_dir.glob("*.mmd.j2"))

    def _term(self, lang: str):
        def term(concept_id: str) -> Markup:
            if concept_id not in self.tb.concepts:
                raise DiagramError(f"the diagram names concept '{concept_id}', which is not in the term base")
            return mermaid_text(self.tb.label(concept_id, lang)[0])

        return term

    def named(self, name: str, lang: str) -> str:
        """Mermaid source of a content diagram in `lang`."""
        try:
            template = self.env.get_template(f"{name}.mmd.j2")
        except jinja2.TemplateNotFound:
            known = ", ".join(self.names()) or "none"
            where = shown_path(self.own_dir) if self.own_dir else "the diagrams folder"
            raise DiagramError(f"no diagram named '{name}': add {where}/{name}.mmd.j2 (known: {known})") from None
        except jinja2.TemplateSyntaxError as exc:
            raise DiagramError(f"{exc.filename}:{exc.lineno}: {exc.message}") from None
        return template.render(term=self._term(lang), L=self.labels_of(lang)).strip()

    def relation_map(self, concept_id: str, lang: str) -> str | None:
        """The concept with its broader, narrower and related concepts; None when it has none.

        Nodes are numbered, not named by term, so two concepts that share a
        term (homonyms) stay two nodes.
        """
        concept = self.tb.concepts[concept_id]
        groups = [(name, getattr(concept, name)) for name in RELATIONS if getattr(concept, name)]
        if not groups:
            return None
        nodes = [{"id": "c0", "text": self.tb.label(concept_id, lang)[0], "current": True}]
        edges = []
        above, below = [], []  # broader concepts are drawn above the concept, the others below it
        for name, targets in groups:
            for target in targets:
                node = {"id": f"c{len(nodes)}", "text": self.tb.label(target, lang)[0], "current": False}
                nodes.append(node)
                edges.append({"kind": name, "node": node["id"]})
                (above if name == "broader" else below).append(node["id"])
        # rows of at most MAP_ROW: each node is kept under (or, above the concept, over) the one a row nearer
        stacked = [(below[i], below[i + MAP_ROW]) for i in range(len(below) - MAP_ROW)]
        stacked += [(above[i + MAP_ROW], above[i]) for i in range(len(above) - MAP_ROW)]
        template = self.env.get_template("relations.mmd.j2")
        return template.render(nodes=nodes, edges=edges, stacked=stacked, L=self.labels_of(lang)).strip()

    def expand(self, markdown: str, lang: str, on_error: Callable[[int, str], None]) -> str:
        """Replace each diagram placeholder of a hand-written page with its Mermaid block."""

        def replace(match: re.Match[str]) -> str:
            try:
                return fence(self.named(match.group(1), lang))
            except DiagramError as exc:
                line = markdown.count("\n", 0, match.start()) + 1
                on_error(line, str(exc))
                return match.group(0)

        return PLACEHOLDER.sub(replace, markdown)


def fence(source: str) -> str:
    return f"```mermaid\n{source}\n```"
