"""The glossary plugin's options in mkdocs.yml, with their defaults.

```yaml
plugins:
  - glossary:
      termbase: terms/termbase.yaml
      templates_dir: overrides/glossary   # your own concept.md.j2, index.md.j2, ...
```
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class GlossaryConfig(base.Config):
    enabled = c.Type(bool, default=True)  # false: build the site as if the plugin were not there

    # Where the glossary's input lives (paths relative to mkdocs.yml)
    termbase = c.Type(str, default="terms/termbase.yaml")
    diagrams_dir = c.Type(str, default="terms/diagrams")  # named diagrams; relations.mmd.j2 overrides the map
    labels_dir = c.Optional(c.Type(str))  # LANG.yaml files overriding the interface strings
    templates_dir = c.Optional(c.Type(str))  # page templates overriding generator/templates/

    # Where the build works
    stage_dir = c.Type(str, default=".cache/glossary/docs")

    # Linking term mentions in pages to their concepts
    link_terms = c.Type(bool, default=True)
    link_first_only = c.Type(bool, default=True)  # only the first mention of a concept per section
    link_compounds = c.Type(bool, default=False)  # a German or Dutch compound of a term links to it
    history_revisions = c.Type(int, default=30)  # the git commits of the term base the changes pages read (0: none)

    # Browser assets the site serves itself (from node_modules/)
    mermaid_js = c.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")
    iframe_worker_js = c.Type(str, default="node_modules/iframe-worker/shim/index.js")
