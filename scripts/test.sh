#!/usr/bin/env bash
# Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL). The browser
# tests (tests/browser) use Debian's chromium, which bootstrap.sh installs with the test extra.
set -euo pipefail
AKUNTABEL_EXTRAS=test
source "$(dirname "$0")/bootstrap.sh"
# One worker per core (pytest-xdist); each worker has its own test database. "-n 0" runs in
# one process, e.g. to debug.
exec .venv/bin/python -m pytest -n auto --durations=15 "$@"
