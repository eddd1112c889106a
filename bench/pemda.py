"""Issue 14's benches on the synthetic pemda Kota Contoh (src/akuntabel/demo_contoh.py), each
figure printed beside its floor:

1. the LKjIP HTML preview of one OPD, computed (the cache emptied before each request) and
   served from the cache of computed documents (reports.tembolok), side by side: median < 300 ms;
2. the pemda dashboard and the verifikator's inbox: median < 300 ms with a constant number of
   queries, computed whole (the cache emptied before each request: the first request after a
   write to the pemda's own or the installation's data), as served (from the cache of
   computed data while nothing changed) and on the first request after a write in one OPD
   (its revision advanced: the only write a run makes), side by side; the other pages of
   figure 5 (realisasi grid, budget tree) computed and as served, for information;
3. the reviu of every OPD (reviews.services.review): < 60 s for the 40;
4. the pemda LKjIP in DOCX (daerah.lkjip): < 20 s;
5. 50 concurrent clients for 60 s against gunicorn on the heaviest pages, the LKjIP preview
   included (bench/load.py's driver): no error, p95 < 1 s. Nothing is written during the run:
   the pages are served from the cache of computed data (figure 2 shows what a page costs
   when its data changed).

    .venv/bin/python bench/pemda.py                                   # 40 x 300 x 5.000
    .venv/bin/python bench/pemda.py --opd 5                           # 5 OPD of full size
    .venv/bin/python bench/pemda.py --opd 3 --indikator 20 --baris-dpa 60 --seconds 10
    .venv/bin/python bench/pemda.py --keep /tmp/bk --figures 2,5     # some figures only

Kota Contoh is generated and loaded into a fresh SQLite database in a temporary folder (about
10 minutes at full size, shown, not counted), deleted at the end (SIGTERM included). A report,
not a test: the exit status is 0 even when a figure is over its floor.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from web import percentile, setup_django  # noqa: E402

FLOOR_PAGE_S = 0.300
FLOOR_REVIU_S = 60.0
FLOOR_DOCX_S = 20.0
FLOOR_P95_S = 1.0
TAHUN = 2025


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def verdict(value: float, floor: float) -> str:
    return "ok" if value < floor else "OVER"


def row(label: str, value: str, floor: str, result: str) -> None:
    print(f"{label:84} {value:>16} {floor:>10}  {result}", flush=True)


def timed_get(client, url: str, runs: int, before=None) -> tuple[list[float], int]:
    """``runs`` timed GETs of ``url`` (``before()`` untimed ahead of each); and the size."""
    times, size = [], 0
    for _ in range(runs):
        if before is not None:
            before()
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code} for {url}")
        size = len(response.content)
    return times, size


def queries_of(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def figure_1(client, pratinjau: str, opd, args) -> None:
    """The LKjIP preview of one OPD, computed and from the cache."""
    from django.core.cache import cache

    cold, size = timed_get(client, pratinjau, args.cold_runs, before=cache.clear)
    client.get(pratinjau)
    warm, _ = timed_get(client, pratinjau, args.runs)
    row(f"1. LKjIP preview of {opd.nama[:22]}, computed (median of {args.cold_runs})",
        ms(statistics.median(cold)), "(before)", f"{size // 1024} kB")
    row(f"1. the same from the cache (median of {args.runs}; p95)",
        f"{ms(statistics.median(warm))}; {ms(percentile(warm, 95))}",
        f"< {ms(FLOOR_PAGE_S)}", verdict(statistics.median(warm), FLOOR_PAGE_S))
    cached_q = queries_of(client, pratinjau)
    cache.clear()
    row("1. queries of one preview: computed / cached",
        f"{queries_of(client, pratinjau)} / {cached_q}", "", "info")


def figure_2(pemda, opds, opd, args) -> None:
    """The pemda dashboard and the inbox (floor), the grid and the budget tree (information):
    computed with the cache emptied before each request, and as served while nothing
    changed; queries of each."""
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    verifikator = Client()
    verifikator.force_login(User.objects.get(username="contoh-verifikator"))
    pages = [
        (f"2. pemda dashboard, {len(opds)} OPD", reverse("pemda_overview", args=[pemda.pk, TAHUN]),
         True),
        ("2. verifikator's inbox", reverse("kotak_masuk", args=[pemda.pk, TAHUN]), True),
        (f"2. realisasi grid, {args.indikator} ind. (TW II)",
         reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]), False),
        (f"2. budget tree, {args.baris_dpa} DPA lines", reverse("anggaran", args=[opd.pk, TAHUN]),
         False),
    ]
    for label, url, floor in pages:
        verifikator.get(url)
        cold, size = timed_get(verifikator, url, args.cold_runs, before=cache.clear)
        cache.clear()
        n_cold = queries_of(verifikator, url)
        n = queries_of(verifikator, url)
        warm, _ = timed_get(verifikator, url, args.runs)
        row(f"{label}, computed ({n_cold} q., {size // 1024} kB; median of {args.cold_runs})",
            ms(statistics.median(cold)),
            f"< {ms(FLOOR_PAGE_S)}" if floor else "", verdict(statistics.median(cold),
                                                           FLOOR_PAGE_S) if floor else "info")
        row(f"{label}, as served ({n} q.; median of {args.runs}; p95)",
            f"{ms(statistics.median(warm))}; {ms(percentile(warm, 95))}",
            f"< {ms(FLOOR_PAGE_S)}" if floor else "", verdict(statistics.median(warm),
                                                           FLOOR_PAGE_S) if floor else "info")
        if floor:  # the first request after a write in one OPD (its revision advanced)
            verifikator.get(url)
            tulis, _ = timed_get(verifikator, url, args.cold_runs, before=lambda: naik(opd))
            row(f"{label}, after a write in one OPD (median of {args.cold_runs})",
                ms(statistics.median(tulis)), f"< {ms(FLOOR_PAGE_S)}",
                verdict(statistics.median(tulis), FLOOR_PAGE_S))


def naik(opd) -> None:
    """What a write in ``opd`` does to the cache: its data revision advances (committed).
    Only the revision's counter is written; no figure of the OPD changes."""
    from django.db import transaction

    from akuntabel.revisi.services import naikkan_opd

    with transaction.atomic():
        naikkan_opd(opd)


def figure_3(opds) -> None:
    from akuntabel.reviews.services import review

    t0 = time.perf_counter()
    temuan = sum(len(review(o, TAHUN)) for o in opds)
    reviu_s = time.perf_counter() - t0
    row(f"3. reviu of all {len(opds)} OPD ({temuan} findings)", f"{reviu_s:.1f} s",
        f"< {FLOOR_REVIU_S:.0f} s", verdict(reviu_s, FLOOR_REVIU_S))


def figure_4(pemda) -> None:
    from akuntabel.daerah.lkjip import build_lkjip_pemda
    from akuntabel.reports.services import renderer

    t0 = time.perf_counter()
    docx = renderer("docx")(build_lkjip_pemda(pemda, TAHUN))
    docx_s = time.perf_counter() - t0
    row(f"4. pemda LKjIP, DOCX ({len(docx) // 1024} kB)", f"{docx_s:.1f} s",
        f"< {FLOOR_DOCX_S:.0f} s", verdict(docx_s, FLOOR_DOCX_S))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--indikator", type=int, default=300)
    parser.add_argument("--baris-dpa", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page")
    parser.add_argument("--cold-runs", type=int, default=5,
                        help="timed previews computed with the cache emptied")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--no-load", action="store_true", help="leave out figure 5")
    parser.add_argument("--figures", default="1,2,3,4,5",
                        help="the figures to measure, e.g. 2,5 (default all)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate Kota Contoh into DIR once and keep it; a later run with "
                             "the same DIR measures without generating again (the size options "
                             "are then those of the first run)")
    args = parser.parse_args(argv)

    figures = {int(f) for f in args.figures.split(",") if f.strip()} - (
        {5} if args.no_load else set())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # the quarters' notices sent while Kota Contoh loads are kept in memory, not printed
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    tmp = setup_django(None, prefix="akuntabel-bench-pemda-", folder=args.keep)
    loaded = tmp / "loaded"
    import logging

    logging.getLogger("akuntabel.request").setLevel(logging.WARNING)  # one line a request
    proc = None
    try:
        from django.core.management import call_command
        from django.db import connections
        from django.test import Client
        from django.urls import reverse

        from akuntabel.demo_contoh import PASSWORD, Ukuran, generate, load_contoh, write_files
        from akuntabel.organizations.models import Pemda, PerangkatDaerah

        ukuran = Ukuran(opd=args.opd, indikator=args.indikator, baris_dpa=args.baris_dpa)
        print(f"Kota Contoh: {ukuran.opd} OPD x {ukuran.indikator} indicators x "
              f"{ukuran.baris_dpa} DPA lines; {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}", flush=True)
        t0 = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        if loaded.exists():
            print(f"Kota Contoh kept in {tmp}: {loaded.read_text().strip()}\n", flush=True)
        else:
            contoh = generate(ukuran)
            paths = write_files(contoh, tmp / "data")
            load_contoh(paths, contoh)
            if args.keep:
                loaded.write_text(f"{ukuran.opd} OPD x {ukuran.indikator} indicators x "
                                  f"{ukuran.baris_dpa} DPA lines\n")
            print(f"generated, written and loaded in {time.perf_counter() - t0:.0f} s "
                  f"(not counted)\n", flush=True)

        opds = list(PerangkatDaerah.objects.filter(pemda__nama__icontains="contoh")
                    .order_by("kode"))
        pemda = Pemda.objects.get(pk=opds[0].pemda_id)
        opd = opds[0]
        from django.contrib.auth.models import User

        client = Client()
        client.force_login(User.objects.get(username="contoh-admin"))
        print(f"{'figure':84} {'value':>16} {'floor':>10}  result")
        print("-" * 120)

        pratinjau = reverse("report_download", args=[opd.pk, TAHUN, "lakip", "html"])
        if 1 in figures:
            figure_1(client, pratinjau, opd, args)
        if 2 in figures:
            figure_2(pemda, opds, opd, args)
        if 3 in figures:
            figure_3(opds)
        if 4 in figures:
            figure_4(pemda)
        if 5 not in figures:
            return 0
        # 5. concurrent clients against gunicorn (bench/load.py's driver)
        from load import (
            Results,
            free_port,
            process_group_cpu,
            start_gunicorn,
            stop_gunicorn,
            workers_for_machine,
        )
        from load import (
            client as load_client,
        )

        pages = [
            ("LKjIP preview, one OPD", pratinjau),
            ("pemda dashboard", reverse("pemda_overview", args=[pemda.pk, TAHUN])),
            ("verifikator's inbox", reverse("kotak_masuk", args=[pemda.pk, TAHUN])),
            (f"realisasi grid, {args.indikator} indicators (TW II)",
             reverse("realisasi_grid", args=[opd.pk, TAHUN, 2])),
            (f"budget tree, {args.baris_dpa}-line DPA", reverse("anggaran", args=[opd.pk, TAHUN])),
        ]
        connections.close_all()
        workers = workers_for_machine()
        port = free_port()
        env = {**os.environ, "AKUNTABEL_VAR_DIR": str(tmp), "AKUNTABEL_ALLOW_DEV_KEY": "1",
               "AKUNTABEL_LOCAL": "1", "DJANGO_SETTINGS_MODULE": "akuntabel.settings",
               "PYTHONPATH": str(ROOT / "src")}
        env.pop("DEBUG", None)
        proc = start_gunicorn(port, workers, env, tmp / "gunicorn.log")
        base = f"http://127.0.0.1:{port}"
        results = Results()
        login_errors: list[str] = []
        ready = threading.Barrier(args.clients + 1)
        stop_at = [float("inf")]
        threads = [threading.Thread(target=load_client, args=(
            n, base, "contoh-verifikator", PASSWORD["verifikator"], pages, ready, stop_at, 0.0,
            results, login_errors), daemon=True) for n in range(args.clients)]
        load_before = os.getloadavg()[0]
        for t in threads:
            t.start()
        ready.wait()
        t0 = time.perf_counter()
        cpu0 = process_group_cpu(proc.pid)
        own0 = resource.getrusage(resource.RUSAGE_SELF)
        stop_at[0] = time.monotonic() + args.seconds
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        server_cpu = process_group_cpu(proc.pid) - cpu0
        own1 = resource.getrusage(resource.RUSAGE_SELF)
        every = [s for times in results.times.values() for s in times]
        n_errors = sum(results.errors.values()) + len(login_errors)
        print(f"\n5. {args.clients} clients, {args.seconds:.0f} s, closed loop; gunicorn "
              f"{workers} sync workers, SQLite; load average before/after {load_before:.1f}/"
              f"{os.getloadavg()[0]:.1f}; gunicorn CPU {server_cpu:.1f} s, clients "
              f"{own1.ru_utime + own1.ru_stime - own0.ru_utime - own0.ru_stime:.1f} s")
        print(f"{'page':46} {'requests':>8} {'errors':>6} {'median':>9} {'p95':>9}")
        for label, _path in pages:
            times = results.times.get(label, [])
            if times:
                print(f"{label:46} {len(times):>8} {results.errors.get(label, 0):>6} "
                      f"{ms(statistics.median(times)):>9} {ms(percentile(times, 95)):>9}")
        if every:
            p95 = percentile(every, 95)
            row(f"5. all pages: {len(every)} requests, {len(every) / elapsed:.1f}/s, errors",
                str(n_errors), "0", "ok" if n_errors == 0 else "OVER")
            row("5. all pages: p95", ms(p95), f"< {ms(FLOOR_P95_S)}", verdict(p95, FLOOR_P95_S))
        for line in login_errors[:5] + results.samples:
            print(f"  error: {line}")
    finally:
        if proc is not None:
            stop_gunicorn(proc)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
