"""The published site: the only code that imports MkDocs or Python-Markdown.

`build` runs a build step by step for an engine; `plugin` (with `config`)
wires it into MkDocs. `pages` renders the glossary's Markdown through the
overridable templates (`templates`, `views`, `urls`, `markup`,
`diagrams`); `stage` puts it beside a copy of `docs/`; `linker` and
`link_targets` link term mentions in each page's HTML; `notices`, `assets` and `build_date` finish
the pages and the site. `parallel` builds the languages in processes of their
own, with MkDocs or ProperDocs, and `merge` joins them into one site;
`zensical` builds the site with Zensical, which runs no plugin: the generator
stages, links and merges around it.
"""
