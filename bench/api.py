"""Issue 17's API bench on the synthetic pemda Kota Contoh (src/akuntabel/demo_contoh.py): the
list of a pemda's indicators for a year, `GET /api/v1/pemda/<pk>/indikator?tahun=…`, first
page (limit 100), a page in the middle and everything (limit 1000 per page, all pages), and
one OPD's list (`/api/v1/opd/<pk>/indikator`), anonymous and with an admin pemda's token, and
the portal's public figures (`/api/v1/pemda/<pk>/capaian`, first and middle page);
median against the floor of 300 ms for a page, with the number of queries of one request.
Beside it, "before": the per-OPD way the endpoint worked up to f37964f (each OPD's
visibility, hidden indicators and indicator list read one OPD at a time to count, then the
realisasi grid of the OPD on the page), timed in-process the same number of times.

    .venv/bin/python bench/api.py                                  # 40 x 300 x 5.000
    .venv/bin/python bench/api.py --opd 3 --indikator 20 --baris-dpa 60
    .venv/bin/python bench/api.py --keep /tmp/kota-contoh          # generate once, measure again

Kota Contoh is generated and loaded into a fresh SQLite database in a temporary folder (shown,
not counted), deleted at the end unless kept (bench/web.py's ``kota_contoh``). A report, not a
test: the exit status is 0 even when a figure is over its floor.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from web import (  # noqa: E402
    contoh_arguments,
    kota_contoh,
    ms,
    queries_of,
    row,
    timed_get,
    verdict,
)

FLOOR_S = 0.300
TAHUN = 2025


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    contoh_arguments(parser)
    parser.add_argument("--runs", type=int, default=5, help="timed requests per figure")
    args = parser.parse_args(argv)

    tmp = kota_contoh(args, "akuntabel-bench-api-")
    try:
        from django.conf import settings
        from django.test import Client

        from akuntabel.accounts.models import Membership, Peran
        from akuntabel.api.tokens import buat_token
        from akuntabel.organizations.models import Pemda

        settings.AKUNTABEL_API_BATAS_ALAMAT = settings.AKUNTABEL_API_BATAS_TOKEN = "100000/min"
        pemda = Pemda.objects.get(nama__icontains="contoh")
        admin = Membership.objects.filter(pemda=pemda, peran=Peran.ADMIN_PEMDA).first()
        client = Client()
        url = f"/api/v1/pemda/{pemda.pk}/indikator?tahun={TAHUN}"
        opd_pk = pemda.perangkat_daerah.order_by("kode").values_list("pk", flat=True)[0]
        who = [("anonymous", {})]
        if admin is not None:
            who.append(("admin pemda's token", {"HTTP_AUTHORIZATION": "Bearer " + buat_token(
                admin.user, "bench", "baca")[1]}))
        print(f"{'figure':58} {'value':>22} {'floor':>10}  result")
        print("-" * 100)
        for label, extra in who:
            count = client.get(f"{url}&limit=1", **extra).json().get("count", 0)
            middle = max(0, count // 2 - 50)
            for page, query in (("first page", "&limit=100"),
                                (f"page at offset {middle}", f"&limit=100&offset={middle}")):
                times, size = timed_get(client, url + query, args.runs, **extra)
                med = statistics.median(times)
                n = queries_of(client, url + query, **extra)
                row(f"{page}, {label} ({n} queries, {size // 1024} KB)", ms(med),
                    ms(FLOOR_S), verdict(med, FLOOR_S))
                before = _before(pemda.pk, admin.user if extra else None, TAHUN,
                                 middle if "offset" in query else 0, 100, args.runs)
                row("  before: the per-OPD way (in-process)", ms(before), ms(FLOOR_S),
                    verdict(before, FLOOR_S))
            opd_url = f"/api/v1/opd/{opd_pk}/indikator?tahun={TAHUN}&limit=1000"
            times, size = timed_get(client, opd_url, args.runs, **extra)
            k = client.get(opd_url, **extra).json()["count"]
            row(f"one OPD's {k} indicators, {label} "
                f"({queries_of(client, opd_url, **extra)} queries, {size // 1024} KB)",
                ms(statistics.median(times)), ms(FLOOR_S),
                verdict(statistics.median(times), FLOOR_S))
            t = time.perf_counter()
            for offset in range(0, count, 1000):
                client.get(f"{url}&limit=1000&offset={offset}", **extra)
            row(f"all {count} in pages of 1000, {label}", ms(time.perf_counter() - t), "–",
                "shown")
        # The portal's figures (/pemda/{pk}/capaian): public data whoever asks, a page of
        # indicators with the year and its verified quarters as the portal computes them.
        url = f"/api/v1/pemda/{pemda.pk}/capaian?tahun={TAHUN}"
        count = client.get(f"{url}&limit=1").json().get("count", 0)
        for page, query in (("first page", "&limit=100"),
                            (f"page at offset {max(0, count // 2 - 50)}",
                             f"&limit=100&offset={max(0, count // 2 - 50)}")):
            times, size = timed_get(client, url + query, args.runs)
            med = statistics.median(times)
            row(f"portal figures (/capaian), {page} of {count} "
                f"({queries_of(client, url + query)} queries, {size // 1024} KB)",
                ms(med), ms(FLOOR_S), verdict(med, FLOOR_S))
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _before(pemda_pk: int, user, tahun: int, offset: int, limit: int, runs: int) -> float:
    """The median time of the work the endpoint did up to f37964f for one page: per OPD its
    rights (a token) or its verified quarters (anonymous), its hidden indicators and its
    indicator list (to count), and the realisasi grid of each OPD on the page."""
    from django.http import Http404

    from akuntabel.accounts.access import get_opd_hak_for_user
    from akuntabel.organizations.models import PerangkatDaerah
    from akuntabel.plans.models import Indikator
    from akuntabel.reporting.models import PelaporanTriwulan
    from akuntabel.results.grid import build_realisasi_grid, indikator_for_year

    def one() -> None:
        count, awal, akhir = 0, offset, offset + limit
        for opd_pk in (PerangkatDaerah.objects.filter(pemda_id=pemda_pk)
                       .order_by("nama", "pk").values_list("pk", flat=True)):
            publik, n = True, 4
            if user is not None:
                try:
                    opd = get_opd_hak_for_user(user, opd_pk)[0]
                    publik = False
                except Http404:
                    opd = None
            if publik:
                opd = PerangkatDaerah.objects.select_related("pemda").get(pk=opd_pk)
                verified = set(PelaporanTriwulan.objects.filter(
                    perangkat_daerah=opd, tahun=tahun, status="diverifikasi")
                    .values_list("triwulan", flat=True))
                n = 0
                while n + 1 in verified:
                    n += 1
                if n == 0:
                    continue
            hidden = set(Indikator.objects.filter(perangkat_daerah=opd, tampil_publik=False)
                         .values_list("pk", flat=True)) if publik else set()
            k = sum(1 for i in indikator_for_year(opd, tahun) if i.indikator.pk not in hidden)
            if max(awal, count) < min(akhir, count + k):
                build_realisasi_grid(opd, tahun, n)
            count += k

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        one()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


if __name__ == "__main__":
    raise SystemExit(main())
