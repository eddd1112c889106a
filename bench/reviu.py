"""Reviu speed: the full reviu of a synthetic OPD (300 indicators, ~8.000 budget lines) and of a
pemda of 40 such OPD, against the targets of the reviu issue (< 2 s and < 60 s).

    .venv/bin/python bench/reviu.py

The data is the consistent synthetic OPD of the reviu tests (tests/core/reviu/builders.py), so
the rules run on every row and find nothing; the time is the rules' own, on plain data (the
database side, ``akuntabel.reviews.context.build_reviu_data``, is measured on the demo).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.core.reviu.builders import make_clean_data  # noqa: E402

from akuntabel.core.reviu import ATURAN, run_reviu  # noqa: E402

TARGET_OPD_S = 2.0
TARGET_PEMDA_S = 60.0


def main() -> int:
    data = make_clean_data(10)
    lines = sum(1 for r in data.anggaran if r.tingkat == "rekening")
    print(f"Synthetic OPD: {len(data.indikator)} indicators, {lines} budget lines, "
          f"{len(data.narasi)} narrative sections; {len(ATURAN)} rules; "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        findings = run_reviu(data)
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    print(f"1. reviu of one OPD, median of 5: {median * 1000:.0f} ms "
          f"(target < {TARGET_OPD_S:.0f} s: {'ok' if median < TARGET_OPD_S else 'OVER'}); "
          f"{len(findings)} findings")
    pemda = [make_clean_data(10, seed=i) for i in range(40)]
    t0 = time.perf_counter()
    total = sum(len(run_reviu(d)) for d in pemda)
    elapsed = time.perf_counter() - t0
    print(f"2. reviu of a pemda of 40 such OPD: {elapsed:.1f} s "
          f"(target < {TARGET_PEMDA_S:.0f} s: {'ok' if elapsed < TARGET_PEMDA_S else 'OVER'}); "
          f"{total} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
