"""SIPD import speed: a generated LRA "Rekapitulasi Belanja" of about 5.000 lines (the
variations of tests/adapters/sipd/lra_factory.py: merged header, codes over four columns,
amounts as Indonesian text, user columns) imported into an empty OPD: read + preview + apply
(Renstra shell, program tree through the tree service, DPA lines, TW I realisasi) on SQLite.
Floor: under 10 s (issue 13).

    .venv/bin/python bench/sipd_import.py
    AKUNTABEL_BENCH_DATABASE_URL=postgres://…/empty_db .venv/bin/python bench/sipd_import.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

from web import setup_django  # noqa: E402

REPEAT = 3
FLOOR = 10.0

# An empty PostgreSQL database may be given instead of the temporary SQLite.
TMP = setup_django(os.environ.get("AKUNTABEL_BENCH_DATABASE_URL"), "akuntabel-bench-sipd-")

from django.core.management import call_command  # noqa: E402


def main() -> int:
    from django.db.models import Count, Sum
    from tests.adapters.sipd.helpers import make_edisi_900, make_opd_kosong
    from tests.adapters.sipd.lra_factory import buat_lra

    from akuntabel.adapters.sipd import read_sipd
    from akuntabel.budget.models import DpaLine, DpaSubKegiatan, RealisasiAnggaranTriwulan
    from akuntabel.budget.sipd_apply import pratinjau_sipd, terapkan_sipd

    call_command("migrate", verbosity=0)
    edisi = make_edisi_900()
    lra = buat_lra(TMP / "lra.xlsx", bulan=3, program=3, kegiatan=5, sub=6, rekening=12,
                   teks=True)
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; LRA s.d. Maret: "
          f"{lra.garis} coded rows ({len(lra.sub_kegiatan)} sub kegiatan), "
          f"{lra.path.stat().st_size // 1024} KB")
    reads, previews, applies, totals = [], [], [], []
    for _i in range(REPEAT):
        opd = make_opd_kosong(edisi)
        t0 = time.perf_counter()
        berkas = read_sipd(lra.path)
        t1 = time.perf_counter()
        p = pratinjau_sipd(berkas, opd, 2026)
        t2 = time.perf_counter()
        assert not p.masalah, p.masalah[:3]
        terapkan_sipd(p, None, "bench")
        t3 = time.perf_counter()
        reads.append(t1 - t0)
        previews.append(t2 - t1)
        applies.append(t3 - t2)
        totals.append(t3 - t0)
        stored = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd).aggregate(
            pagu=Sum("pagu"), n=Count("pk"))
        assert stored["pagu"] == lra.total_pagu, (stored, lra.total_pagu)
        tw1 = RealisasiAnggaranTriwulan.objects.filter(
            dpa_sub_kegiatan__dpa__perangkat_daerah=opd, triwulan=1).aggregate(s=Sum("nilai"))
        assert tw1["s"] == lra.total_realisasi
    lines = DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd).count()
    print(f"imported: {stored['n']} sub kegiatan, {lines} DPA lines, pagu {lra.total_pagu}, "
          f"TW I {lra.total_realisasi} (each run into a new empty OPD; best of {REPEAT})")
    print(f"read (openpyxl streaming + parse + sums)  {min(reads):6.2f} s")
    print(f"preview (tree, DPA, triwulan compared)    {min(previews):6.2f} s")
    print(f"apply (one transaction)                   {min(applies):6.2f} s")
    total = min(totals)
    print(f"total                                     {total:6.2f} s   floor < {FLOOR:.0f} s: "
          f"{'ok' if total < FLOOR else 'OVER'}   (slowest run {max(totals):.2f} s)")
    return 0 if total < FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
