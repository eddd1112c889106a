#!/usr/bin/env bash
# Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
set -euo pipefail
AKUNTABEL_EXTRAS=test
source "$(dirname "$0")/bootstrap.sh"
exec .venv/bin/python -m pytest "$@"
