"""The term base: the model, and the only code that reads or writes terms/termbase.yaml.

`loader` reads a file into the model (`model`) or explains every problem in
it, through `strict_yaml` (what YAML may hold), `schema` and `integrity` (what
it must say), `positions` (where a problem is) and `cache`. `writer` writes
the house layout for importers, `ids` makes concept ids, `data` turns the
model into plain data for JSON. Nothing here knows of pages, sites or commands.
"""
