"""Code lists: `akuntabel referensi` loads every shipped edition (floor < 30 s) and the
nomenclature search answers in under 100 ms at the median, over the kab/kota lists of
Kepmendagri 900.1.15.5-1317/2023 (3.395 sub kegiatan) and SIPD 2027 (3.550).

    .venv/bin/python bench/referensi.py
    AKUNTABEL_BENCH_DATABASE_URL=postgres://…/empty_db .venv/bin/python bench/referensi.py

A report, never an assertion: the exit status is 0 even when a figure is OVER.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
TMP = Path(tempfile.mkdtemp(prefix="akuntabel-bench-referensi-"))
ENV = {"AKUNTABEL_ALLOW_DEV_KEY": "1", "AKUNTABEL_LOCAL": "1", "AKUNTABEL_VAR_DIR": str(TMP),
       # An empty PostgreSQL database may be given instead of the temporary SQLite.
       "DATABASE_URL": os.environ.get("AKUNTABEL_BENCH_DATABASE_URL",
                                      f"sqlite:///{TMP / 'bench.sqlite3'}"),
       "DJANGO_SETTINGS_MODULE": "akuntabel.settings"}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

FLOOR_LOAD_S = 30.0
FLOOR_SEARCH_MS = 100.0
EDITIONS = ["kepmendagri-900-1317-2023-kabkota", "sipd-2027-kabkota"]
# What a planner types: codes (exact, prefixes, a bidang's support programme), words of names
# (one to three, common and rare, parts of words), with and without a level or a parent.
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("1.02", {}), ("1.06.04", {}), ("1.06.04.2.01", {}), ("1.06.04.2.01.0001", {}),
    ("2.17.05", {}), ("X.XX.01.2", {}), ("1.06.01.2.01", {}), ("3", {}), ("5.02.02.2.0", {}),
    ("penyediaan", {}), ("pelayanan kesehatan", {}), ("rehabilitasi sosial dasar", {}),
    ("dokumen perencanaan", {}), ("air minum", {}), ("jalan", {}), ("sosial", {}),
    ("bantuan", {"tingkat": "sub_kegiatan"}), ("pengelolaan", {"tingkat": "kegiatan"}),
    ("program", {"tingkat": "program"}), ("sekolah dasar", {"tingkat": "sub_kegiatan"}),
    ("koordinasi", {"induk": "1.06"}), ("", {"induk": "1.02.02.2.01"}),
    ("", {"induk": "1.06.01", "tingkat": "kegiatan"}), ("penyusunan rka", {}),
    ("pemb", {}), ("a", {}), ("xyz tidak ada", {}), ("disabilitas terlantar panti", {}),
]
REPEAT = 5


def mark(ok: bool) -> str:
    return "ok" if ok else "OVER"


def main() -> int:
    print(f"Database: {connection.vendor}; {os.cpu_count()} CPUs, Python "
          f"{sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
    # 1. The command as a user runs it, on an empty database migrated first (shown, not
    # counted: `akuntabel referensi` migrates too, and a fresh database takes the migrations
    # once whatever it loads).
    def child(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "akuntabel.cli", *args],
                              env={**os.environ, **ENV}, capture_output=True, text=True,
                              check=False)
        return time.perf_counter() - t0, done

    migrate, _ = child("manage", "migrate", "--verbosity", "0")
    first, cli = child("referensi")
    if cli.returncode:
        print(cli.stdout + cli.stderr)
        return 1
    again, _ = child("referensi")
    print(cli.stdout.rstrip())
    print(f"   migrations of the empty database, before: {migrate:.1f} s (info, not counted)")
    print(f"1. akuntabel referensi on the empty database: {first:.1f} s "
          f"(floor < {FLOOR_LOAD_S:.0f} s: {mark(first < FLOOR_LOAD_S)})")
    print(f"   rerun, nothing to change: {again:.1f} s "
          f"(floor < {FLOOR_LOAD_S:.0f} s: {mark(again < FLOOR_LOAD_S)})")

    # 2. The search, in this process, on the database the command filled.
    call_command("migrate", verbosity=0)
    from akuntabel.references.models import EdisiReferensi
    from akuntabel.references.services import cari_nomenklatur

    times, hits = [], 0
    for kode in EDITIONS:
        edisi = EdisiReferensi.objects.get(kode=kode)
        for q, opsi in QUERIES:
            cari_nomenklatur(edisi, q, **opsi)  # warm-up
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                found = cari_nomenklatur(edisi, q, **opsi)
                times.append((time.perf_counter() - t0) * 1000)
            hits += len(found)
    times.sort()
    median = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"2. cari_nomenklatur, {len(QUERIES)} queries × {len(EDITIONS)} editions × "
          f"{REPEAT}: median {median:.1f} ms (floor < {FLOOR_SEARCH_MS:.0f} ms: "
          f"{mark(median < FLOOR_SEARCH_MS)}); p95 {p95:.1f} ms, max {times[-1]:.1f} ms "
          f"(info); {hits} results returned")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
