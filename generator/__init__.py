"""Turns one concept-oriented YAML term base into a multilingual glossary.

The core (model, loader, render, ...) knows nothing of MkDocs or the command
line; `plugin` and `cli` are the thin adapters around it.
"""
__version__ = "0.1.0"
