"""The command line, `glossary`: one module per command group; `main` parses and dispatches."""

from .main import main

__all__ = ["main"]
