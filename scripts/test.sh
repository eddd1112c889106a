#!/usr/bin/env bash
# Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL). The browser
# tests (tests/browser) use Debian's chromium, which bootstrap.sh installs with the test extra.
set -euo pipefail
AKUNTABEL_EXTRAS=test
source "$(dirname "$0")/bootstrap.sh"
exec .venv/bin/python -m pytest "$@"
