#!/usr/bin/env bash
# Sets up everything the project needs (.venv/, node_modules/) and builds the site into site/
# (with --no-build, only sets up). Safe to run again: it only installs what is missing or changed.
# Python packages come from requirements.lock (exact versions, hashes checked), npm ones from
# package-lock.json, so a new release elsewhere cannot change what gets installed.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
BUILD=yes
if [ "${1:-}" = "--no-build" ]; then BUILD=no; fi

# PyICU (collation) compiles against the system's ICU: Debian's libicu-dev and pkg-config.
if ! pkg-config --exists icu-i18n 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q libicu-dev pkg-config
  else
    echo "setup.sh: PyICU needs ICU's development files: run  sudo apt-get install libicu-dev pkg-config" >&2
    exit 2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
PIP=(.venv/bin/python -m pip --disable-pip-version-check)
"${PIP[@]}" install --quiet --require-hashes --no-deps -r requirements.lock
# the project itself, editable, built by the locked setuptools; an old egg-info would keep old metadata
rm -rf ./*.egg-info
"${PIP[@]}" install --quiet --no-deps --no-build-isolation -e .

# The browser assets the site serves itself (Mermaid, iframe-worker), pinned in package-lock.json.
npm ci --no-audit --no-fund --loglevel=error
export NO_MKDOCS_2_WARNING=1
.venv/bin/glossary validate
if [ "$BUILD" = no ]; then exit 0; fi
.venv/bin/glossary build --strict   # mkdocs build --strict, its languages in parallel
echo
echo "The site is in site/. To browse it with live reload: .venv/bin/mkdocs serve  (http://127.0.0.1:8000/)"
