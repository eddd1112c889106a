"""Issue 17's portal benches on the synthetic pemda Kota Contoh (src/akuntabel/demo_contoh.py),
40 OPD x 300 indicators x 5.000 DPA lines by default, each figure beside its floor: the
portal home of the pemda and an OPD page, anonymous, at the median,

1. cold (the cache emptied before each request), and cold after a data write (the page's key
   changed, a published final's figures still cached by the final's id): median < 300 ms;
2. from the cache (the data revision unchanged): median < 100 ms;
3. the data package's descriptor, its indicators', capaian and quarters' CSV and the API's
   JSON package, cold, and the JSON package from the cache (no floor: shown).

Kota Contoh's quarters are as the generator leaves them: every quarter verified but TW IV of
the last year for a few OPD (late, submitted or returned), so the pages show verified figures
with something unverified around them, as a pemda's would.

    .venv/bin/python bench/portal.py                                  # 40 x 300 x 5.000
    .venv/bin/python bench/portal.py --opd 3 --indikator 20 --baris-dpa 60
    .venv/bin/python bench/portal.py --keep /tmp/kota-contoh          # generate once
    .venv/bin/python bench/portal.py --keep /tmp/kota-contoh --terbit # every OPD's final

Kota Contoh is generated and loaded into a fresh SQLite database in a temporary folder (shown,
not counted), deleted at the end unless kept (bench/web.py's ``kota_contoh``). A report, not a
test: the exit status is 0 even when a figure is over its floor.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from web import (  # noqa: E402
    contoh_arguments,
    kota_contoh,
    ms,
    percentile,
    queries_of,
    row,
    timed_get,
    verdict,
)

FLOOR_COLD_S = 0.300
FLOOR_CACHED_S = 0.100
TAHUN = 2025


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    contoh_arguments(parser)
    parser.add_argument("--runs", type=int, default=20, help="timed cached requests per page")
    parser.add_argument("--cold-runs", type=int, default=5, help="timed cold requests")
    parser.add_argument("--terbit", action="store_true",
                        help=f"every OPD publishes its final LKjIP of {TAHUN} first (kept with "
                             "--keep): the pages then read 40 snapshots and their key maps")
    args = parser.parse_args(argv)

    tmp = kota_contoh(args, "akuntabel-bench-portal-")
    try:
        from django.conf import settings
        from django.core.cache import cache
        from django.test import Client
        from django.urls import reverse

        from akuntabel.organizations.models import Pemda
        from akuntabel.reporting.models import PelaporanTriwulan
        from akuntabel.revisi.services import naikkan_opd

        settings.AKUNTABEL_API_BATAS_ALAMAT = "100000/min"
        pemda = Pemda.objects.get(nama__icontains="contoh")
        opds = list(pemda.perangkat_daerah.order_by("kode"))
        opd = opds[0]
        verified = PelaporanTriwulan.objects.filter(
            perangkat_daerah__pemda=pemda, tahun=TAHUN,
            status=PelaporanTriwulan.Status.DIVERIFIKASI).count()
        print(f"{pemda.nama}: {len(opds)} OPD; {verified} of their {4 * len(opds)} quarters of "
              f"{TAHUN} verified\n")
        if args.terbit:
            terbitkan(opds)
        client = Client()
        pages = [("portal home", reverse("portal:beranda", args=[pemda.pk])
                  + f"?tahun={TAHUN}"),
                 ("portal OPD page", reverse("portal:opd", args=[pemda.pk, opd.pk])
                  + f"?tahun={TAHUN}")]
        print(f"{'figure':58} {'value':>22} {'floor':>10}  result")
        print("-" * 100)
        for label, url in pages:
            cold, size = timed_get(client, url, args.cold_runs, before=cache.clear)
            med = statistics.median(cold)
            cache.clear()
            n = queries_of(client, url)
            row(f"{label}, cold ({n} queries, {size // 1024} KB; median of {len(cold)})",
                ms(med), f"< {ms(FLOOR_COLD_S)}", verdict(med, FLOOR_COLD_S))
            # after a write (the page's key changes; what is cached by its own key, such as
            # a published final's figures, stays): the cold page a visitor meets most
            cold, _size = timed_get(client, url, args.cold_runs,
                                    before=lambda: naikkan_opd(opds[-1]))
            med = statistics.median(cold)
            naikkan_opd(opds[-1])
            n = queries_of(client, url)
            row(f"{label}, cold after a write ({n} queries; median of {len(cold)})",
                ms(med), f"< {ms(FLOOR_COLD_S)}", verdict(med, FLOOR_COLD_S))
            warm, _size = timed_get(client, url, args.runs)
            med = statistics.median(warm)
            row(f"{label}, from the cache ({queries_of(client, url)} queries; median of "
                f"{len(warm)}; p95)", f"{ms(med)}; {ms(percentile(warm, 95))}",
                f"< {ms(FLOOR_CACHED_S)}", verdict(med, FLOOR_CACHED_S))
        for label, url in (("datapackage.json, cold",
                            reverse("portal:datapackage", args=[pemda.pk, TAHUN])),
                           *((f"{nama}.csv, cold",
                              reverse("portal:sumber", args=[pemda.pk, TAHUN, nama]))
                             for nama in ("indikator", "capaian-indikator",
                                          "realisasi-triwulan")),
                           ("API open data as JSON, cold",
                            f"/api/v1/pemda/{pemda.pk}/data/{TAHUN}")):
            cold, size = timed_get(client, url, 1, before=cache.clear)
            row(f"{label} ({size // 1024} KB)", ms(cold[0]), "–", "shown")
        warm, _size = timed_get(client, f"/api/v1/pemda/{pemda.pk}/data/{TAHUN}", args.runs)
        row(f"API open data as JSON, from the cache (median of {len(warm)})",
            ms(statistics.median(warm)), "–", "shown")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def terbitkan(opds: list) -> None:
    """A published final LKjIP of ``TAHUN`` for every OPD without one: its snapshot is the real
    reviu data of the agency (``reports.final.snapshot``'s ``sumber``) and its budget summary;
    its document is not rendered (the portal reads its stored summary, filled here as
    ``make_final`` fills a real one). Made once, not timed."""
    import hashlib
    import time
    from decimal import Decimal

    from akuntabel.reports.final import to_json
    from akuntabel.reports.models import LaporanFinal
    from akuntabel.reviews.context import build_reviu_data

    t0, dibuat = time.perf_counter(), 0
    for opd in opds:
        if LaporanFinal.objects.filter(perangkat_daerah=opd, tahun=TAHUN, dokumen="lakip",
                                       dipublikasikan=True).exists():
            continue
        sumber = to_json(build_reviu_data(opd, TAHUN))
        sub = [b for b in sumber["anggaran"] if b["tingkat"] == "sub_kegiatan"]
        ringkasan = {k: {"nilai": str(sum(Decimal(b[k] or 0) for b in sub))}
                     for k in ("pagu", "realisasi")}
        isi = f"bench final {opd.pk} {TAHUN}".encode()
        LaporanFinal.objects.create(
            perangkat_daerah=opd, tahun=TAHUN, dokumen="lakip", format="pdf", isi=isi,
            sha256=hashlib.sha256(isi).hexdigest(), dipublikasikan=True,
            data={"sumber": sumber, "dokumen": {"ringkasan": ringkasan}})
        dibuat += 1
    # what make_final stores with a real final: the portal's summary apart from the snapshot
    from akuntabel.reports.ringkas import isi_ringkas_kosong

    isi_ringkas_kosong(LaporanFinal.objects.filter(perangkat_daerah__in=opds, tahun=TAHUN))
    if dibuat:
        print(f"{dibuat} published finals of {TAHUN} made in {time.perf_counter() - t0:.0f} s "
              "(not counted)\n", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
