#!/usr/bin/env bash
# Sets up everything the project needs (.venv/, node_modules/) and builds the site into site/.
# Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
# The browser assets the site serves itself (Mermaid, iframe-worker), pinned in package-lock.json.
npm ci --no-audit --no-fund --loglevel=error
export NO_MKDOCS_2_WARNING=1
.venv/bin/glossary validate
.venv/bin/mkdocs build --strict
echo
echo "The site is in site/. To browse it with live reload: .venv/bin/mkdocs serve  (http://127.0.0.1:8000/)"
