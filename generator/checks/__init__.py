"""`glossary check`: rules over the term base (`termbase`), its texts (`texts`) and the pages
(`pages`), each declared where it is applied (`registry`); the `runner` gathers their findings
(`findings`) and `reports` shows them as text, GitHub annotations, JSON, SARIF or JUnit."""

# The formats `reports` writes: here, so that the command line offers them without importing it.
FORMATS = ("text", "github", "json", "sarif", "junit")
