#!/usr/bin/env bash
# Run the demo: Dinas Sosial Kota Metro, LAKIP 2023, in SQLite, served on 127.0.0.1:8000.
# The demo data is loaded into an empty database only; what users entered is kept on the next
# run. To reload it (deleting what was entered, after saying what): scripts/demo.sh --reset
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
exec .venv/bin/akuntabel demo "$@"
