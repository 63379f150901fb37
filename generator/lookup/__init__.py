"""Offline lookup: `query` answers from a SQLite index (standard library only, for a fast start);
`index` builds that index from the term base when it changed; `keys` is what both share."""
