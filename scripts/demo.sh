#!/usr/bin/env bash
# Run the demo: Dinas Sosial Kota Metro, LAKIP 2023, in SQLite, served on 127.0.0.1:8000.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
exec .venv/bin/akuntabel demo "$@"
