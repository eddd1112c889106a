"""Kota Contoh at the bench's size: generate the synthetic pemda (40 OPD, each 300 indicators
and a 5.000-line DPA; src/akuntabel/demo_contoh.py), write its dataset files, check them and
load them into a fresh database with the quarterly statuses, and print how long each step took.

    .venv/bin/python bench/contoh.py                       # SQLite in a temporary folder
    .venv/bin/python bench/contoh.py --opd 3 --indikator 20 --baris-dpa 60
    AKUNTABEL_BENCH_DATABASE_URL=postgres://…/empty_db .venv/bin/python bench/contoh.py

Nothing is written in the repository: the files and the database live in a temporary folder,
deleted at the end. A report, not a test: there is no floor (the exit status is 0).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--indikator", type=int, default=300)
    parser.add_argument("--baris-dpa", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    # SIGTERM ends the run through ``finally`` too, so that the temporary folder goes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="akuntabel-bench-contoh-"))
    os.environ.update({
        "AKUNTABEL_ALLOW_DEV_KEY": "1", "AKUNTABEL_LOCAL": "1", "AKUNTABEL_VAR_DIR": str(tmp),
        "DATABASE_URL": os.environ.get("AKUNTABEL_BENCH_DATABASE_URL",
                                       f"sqlite:///{tmp / 'bench.sqlite3'}"),
        "DJANGO_SETTINGS_MODULE": "akuntabel.settings"})
    os.environ.pop("DEBUG", None)
    try:
        import django

        django.setup()
        from django.core.management import call_command

        # every module the run needs, imported before the long steps (others may be editing)
        from akuntabel.adapters.dataset import loader  # noqa: F401
        from akuntabel.adapters.dataset.reader import read_dataset
        from akuntabel.daerah import services  # noqa: F401
        from akuntabel.demo_contoh import Ukuran, generate, load_contoh, write_files
        from akuntabel.references.loader import load_reference_lists

        ukuran = Ukuran(opd=args.opd, indikator=args.indikator, baris_dpa=args.baris_dpa,
                        seed=args.seed)
        figures: list[tuple[str, float, str]] = []

        def timed(label: str, fn, note=lambda result: ""):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            result = fn()
            figures.append((label, time.perf_counter() - t0, note(result)))
            print(f"  {label}: {figures[-1][1]:.1f} s {figures[-1][2]}", flush=True)
            return result

        print(f"Kota Contoh: {ukuran.opd} OPD x {ukuran.indikator} indicators x "
              f"{ukuran.baris_dpa} DPA lines, seed {ukuran.seed}", flush=True)
        contoh = timed("generate (in memory)", lambda: generate(ukuran))
        paths = timed("write the dataset files", lambda: write_files(contoh, tmp / "data"),
                      lambda ps: f"({len(ps)} files, "
                                 f"{sum(p.stat().st_size for p in ps) / 1e6:.0f} MB)")
        timed("check (read and validate every file)",
              lambda: [read_dataset(p) for p in paths])
        timed("migrate (not counted)",
              lambda: call_command("migrate", interactive=False, verbosity=0))
        timed("load the code lists (akuntabel referensi)", lambda: load_reference_lists(None))
        timed("load (read, load, users, quarterly budget realisasi and statuses)",
              lambda: load_contoh(paths, contoh),
              lambda _: _counts())
        counted = [f for f in figures if not f[0].startswith(("migrate", "load the code"))]
        print(f"Total, generate to loaded: {sum(f[1] for f in counted):.1f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _counts() -> str:
    from akuntabel.budget.models import DpaLine
    from akuntabel.plans.models import Indikator
    from akuntabel.reporting.models import PelaporanTriwulan
    from akuntabel.results.models import Realisasi

    return (f"({Indikator.objects.count()} indicators, {DpaLine.objects.count()} DPA lines, "
            f"{Realisasi.objects.count()} realisasi, "
            f"{PelaporanTriwulan.objects.count()} quarterly statuses)")


if __name__ == "__main__":
    sys.exit(main())
