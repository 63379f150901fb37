"""Language knowledge: finding terms in running text whatever their inflection (`matching`),
and each language's alphabetical order (`collation`)."""
