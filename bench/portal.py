"""Issue 17's portal benches on the synthetic pemda Kota Contoh (src/akuntabel/demo_contoh.py),
each figure beside its floor: the portal home of the pemda and an OPD page, anonymous,

1. cold (the cache emptied before each request): median < 300 ms;
2. from the cache (the data revision unchanged): median < 100 ms;
3. the data package's descriptor and its capaian CSV, cold (no floor: shown).

    .venv/bin/python bench/portal.py                                  # 40 x 300 x 5.000
    .venv/bin/python bench/portal.py --opd 3 --indikator 20 --baris-dpa 60

Kota Contoh is generated and loaded into a fresh SQLite database in a temporary folder (shown,
not counted), deleted at the end. A report, not a test: the exit status is 0 even when a
figure is over its floor.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from pemda import ms, row, timed_get, verdict  # noqa: E402

from web import setup_django  # noqa: E402

FLOOR_COLD_S = 0.300
FLOOR_CACHED_S = 0.100
TAHUN = 2025


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--indikator", type=int, default=300)
    parser.add_argument("--baris-dpa", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20, help="timed cached requests per page")
    parser.add_argument("--cold-runs", type=int, default=5, help="timed cold requests")
    args = parser.parse_args(argv)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = setup_django(None, prefix="akuntabel-bench-portal-")
    import logging

    logging.getLogger("akuntabel.request").setLevel(logging.WARNING)
    try:
        from django.core.cache import cache
        from django.core.management import call_command
        from django.test import Client
        from django.urls import reverse

        from akuntabel.demo_contoh import Ukuran, generate, load_contoh, write_files
        from akuntabel.organizations.models import Pemda

        ukuran = Ukuran(opd=args.opd, indikator=args.indikator, baris_dpa=args.baris_dpa)
        t0 = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        contoh = generate(ukuran)
        load_contoh(write_files(contoh, tmp / "data"), contoh)
        print(f"Kota Contoh {ukuran.opd} OPD x {ukuran.indikator} indicators loaded in "
              f"{time.perf_counter() - t0:.0f} s (not counted)", flush=True)
        pemda = Pemda.objects.get()
        opd = pemda.perangkat_daerah.order_by("pk").first()
        client = Client()
        pages = [("portal home", reverse("portal:beranda", args=[pemda.pk])
                  + f"?tahun={TAHUN}"),
                 ("portal OPD page", reverse("portal:opd", args=[pemda.pk, opd.pk])
                  + f"?tahun={TAHUN}")]
        for label, url in pages:
            cold, size = timed_get(client, url, args.cold_runs, before=cache.clear)
            med = statistics.median(cold)
            row(f"{label}, cold ({size // 1024} KB)", ms(med), ms(FLOOR_COLD_S),
                verdict(med, FLOOR_COLD_S))
            warm, _size = timed_get(client, url, args.runs)
            med = statistics.median(warm)
            row(f"{label}, from the cache", ms(med), ms(FLOOR_CACHED_S),
                verdict(med, FLOOR_CACHED_S))
        for label, url in (("datapackage.json, cold",
                            reverse("portal:datapackage", args=[pemda.pk, TAHUN])),
                           ("capaian-indikator.csv, cold",
                            reverse("portal:sumber", args=[pemda.pk, TAHUN,
                                                            "capaian-indikator"]))):
            cold, size = timed_get(client, url, 1, before=cache.clear)
            row(f"{label} ({size // 1024} KB)", ms(cold[0]), "–", "shown")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
