#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run the whole suite:
# Debian's chromium (the page tests drive it through Playwright; no browser download),
# a virtual environment with the project and its test extras, and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "scripts/test.sh: install Debian's chromium first (sudo apt-get install chromium)" >&2
    exit 1
  fi
fi
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[test]'
.venv/bin/python -m pytest "$@"
