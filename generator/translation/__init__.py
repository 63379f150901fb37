"""Translation state: which pages exist in which language (`pages`), what in them is prose
(`markdown`), which translations were reviewed against which source (`reviews`), and the
share complete per language (`status`)."""
