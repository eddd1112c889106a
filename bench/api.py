"""Issue 17's API bench on the synthetic pemda Kota Contoh (src/akuntabel/demo_contoh.py): the
list of a pemda's indicators for a year, `GET /api/v1/pemda/<pk>/indikator?tahun=…`, first
page (limit 100) and everything (limit 1000 per page, all pages), anonymous and with an admin
pemda's token; median against the floor of 300 ms for the first page.

    .venv/bin/python bench/api.py                                  # 40 x 300 x 5.000
    .venv/bin/python bench/api.py --opd 3 --indikator 20 --baris-dpa 60

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

FLOOR_S = 0.300
TAHUN = 2025


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--indikator", type=int, default=300)
    parser.add_argument("--baris-dpa", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5, help="timed requests per figure")
    args = parser.parse_args(argv)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = setup_django(None, prefix="akuntabel-bench-api-")
    import logging

    logging.getLogger("akuntabel.request").setLevel(logging.WARNING)
    try:
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from akuntabel.accounts.models import Membership, Peran
        from akuntabel.api.tokens import buat_token
        from akuntabel.demo_contoh import Ukuran, generate, load_contoh, write_files
        from akuntabel.organizations.models import Pemda

        settings.AKUNTABEL_API_BATAS_ALAMAT = settings.AKUNTABEL_API_BATAS_TOKEN = "100000/min"
        ukuran = Ukuran(opd=args.opd, indikator=args.indikator, baris_dpa=args.baris_dpa)
        t0 = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        contoh = generate(ukuran)
        load_contoh(write_files(contoh, tmp / "data"), contoh)
        print(f"Kota Contoh {ukuran.opd} OPD x {ukuran.indikator} indicators loaded in "
              f"{time.perf_counter() - t0:.0f} s (not counted)", flush=True)
        pemda = Pemda.objects.get()
        admin = Membership.objects.filter(pemda=pemda, peran=Peran.ADMIN_PEMDA).first()
        client = Client()
        url = f"/api/v1/pemda/{pemda.pk}/indikator?tahun={TAHUN}"
        headers = {}
        if admin is not None:
            headers = {"HTTP_AUTHORIZATION": "Bearer "
                       + buat_token(admin.user, "bench", "baca")[1]}
        for label, extra in (("anonymous", {}), ("admin pemda's token", headers)):
            if label != "anonymous" and not extra:
                continue
            first, size = timed_get(_with(client, extra), f"{url}&limit=100", args.runs)
            med = statistics.median(first)
            row(f"indicators, first page, {label} ({size // 1024} KB)", ms(med), ms(FLOOR_S),
                verdict(med, FLOOR_S))
            t = time.perf_counter()
            count = client.get(f"{url}&limit=1", **extra).json().get("count", 0)
            for offset in range(0, count, 1000):
                client.get(f"{url}&limit=1000&offset={offset}", **extra)
            row(f"indicators, all {count} in pages of 1000, {label}",
                ms(time.perf_counter() - t), "–", "shown")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


class _with:
    """A client whose GETs carry ``extra`` (the token header)."""

    def __init__(self, client, extra: dict):
        self.client, self.extra = client, extra

    def get(self, url: str, **kw):
        return self.client.get(url, **self.extra, **kw)


if __name__ == "__main__":
    raise SystemExit(main())
