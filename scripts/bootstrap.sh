# Sourced by the other scripts: make sure .venv exists with Akuntabel installed.
# Needs only Python 3.11 (python3.11 or python3) and, on a bare Debian/Ubuntu, apt for venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The interpreter: the distribution's own python3.11 (installed with apt when the environment
# is first made, as root, where apt offers it), else the first python3.11 or python3 on PATH.
# Debian builds its interpreter with profile-guided and link-time optimisation into one static
# binary; a source build without them (pyenv's, say) served the heaviest pages about a fifth
# slower here (bench/README.md, load).
if [ ! -x .venv/bin/python ] && [ ! -x /usr/bin/python3.11 ] && [ "$(id -u)" = 0 ] \
   && command -v apt-get >/dev/null; then
  { apt-get update -qq && apt-get install -y -qq python3.11 python3.11-venv; } >/dev/null 2>&1 \
    || echo "python3.11 dari apt tidak terpasang; memakai Python yang ada." >&2
fi
PY=""
for candidate in /usr/bin/python3.11 "$(command -v python3.11 || true)" \
                 "$(command -v python3 || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then PY="$candidate"; break; fi
done
if [ -z "$PY" ]; then
  echo "Python 3.11 tidak ditemukan. Pasang dulu: apt-get install -y python3 python3-venv" >&2
  exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Akuntabel butuh Python 3.11 atau lebih baru; yang ada: $("$PY" --version)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
      "$PY" -m venv .venv
    else
      echo "Tidak dapat membuat virtualenv; pasang python3-venv." >&2
      exit 1
    fi
  fi
fi
# System libraries for the PDF renderer (WeasyPrint needs Pango) and a font for documents.
need=()
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset" || need+=(libharfbuzz-subset0)
{ command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -1)" ]; } \
  || need+=(fontconfig fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Perlu paket sistem untuk PDF: ${need[*]} (pasang dengan apt-get sebagai root)." >&2
  fi
fi

EXTRAS="${AKUNTABEL_EXTRAS:-}"
# The browser tests (tests/browser) drive Debian's chromium through Playwright; Playwright's
# own browser download is never used.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ",$EXTRAS," == *,test,* ]] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "Perlu paket sistem untuk uji peramban: chromium (pasang dengan apt-get sebagai root)." >&2
  fi
fi
# The tests check final PDFs with poppler's pdfsig and render their pages with pdftoppm.
if [[ ",$EXTRAS," == *,test,* ]] && ! command -v pdftoppm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "Perlu paket sistem untuk uji PDF: poppler-utils (pasang dengan apt-get sebagai root)." >&2
  fi
fi
# The document tests render PDF pages to images with poppler's pdftoppm.
if [[ ",$EXTRAS," == *,test,* ]] && ! command -v pdftoppm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "Perlu paket sistem untuk uji dokumen: poppler-utils (pasang dengan apt-get)." >&2
  fi
fi
STAMP=".venv/.installed${EXTRAS:+-$EXTRAS}"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".${EXTRAS:+[$EXTRAS]}"
  touch "$STAMP"
fi
