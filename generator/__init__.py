"""Turns one concept-oriented YAML term base into a multilingual glossary site, checks and interchange.

The layers, each importing only those below it (an import-linter contract in
pyproject.toml says so and CI enforces it):

    cli                                   the command line
    site | checks | lookup | interop      the published site (the only MkDocs code), consistency
                                          checks, offline lookup, interchange formats
    translation                           page files, reviews, translation status
    language                              matching terms in text, collation
    termbase                              model, reading, validating, caching and writing the term base
    errors, atomic, paths, fingerprint    shared basics
"""

__version__ = "0.1.0"
