"""Render time of the heaviest pages with Django's test Client, side by side with the floor
(300 ms at the median, issue 5): the budget tree of a 5.000-line DPA (``anggaran``), the
realisasi grid of 300 indicators (``realisasi_grid``) and the pemda overview of 40 OPD
(``pemda_overview``). For each page: the number of queries of one request, then the median
and the 95th percentile of ``--runs`` requests (after one warm-up request), DEBUG off.

    .venv/bin/python bench/web.py                  # SQLite in a temporary folder
    .venv/bin/python bench/web.py --postgres       # a PostgreSQL 15 started for the run (root)

A page whose URL name does not exist yet is reported as missing and skipped. A report, never
a test: the exit status is 0 even when a figure is over the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

FLOOR_MEDIAN_S = 0.300


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil
    return ordered[int(rank) - 1]


def setup_django(database_url: str | None, prefix: str = "akuntabel-bench-web-",
                 folder: Path | None = None) -> Path:
    """Django on a fresh temporary folder, or on ``folder`` when given (kept between runs),
    with its SQLite database unless ``database_url``; DEBUG off; the folder."""
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    tmp = folder or Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.update({"AKUNTABEL_ALLOW_DEV_KEY": "1", "AKUNTABEL_LOCAL": "1",
                       "AKUNTABEL_VAR_DIR": str(tmp),
                       "DATABASE_URL": database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
                       "DJANGO_SETTINGS_MODULE": "akuntabel.settings"})
    os.environ.pop("DEBUG", None)
    import django

    django.setup()
    return tmp


def verdict(value: float, floor: float) -> str:
    return "ok" if value < floor else "OVER"


def row(label: str, value: str, floor: str, result: str) -> None:
    print(f"{label:58} {value:>22} {floor:>10}  {result}", flush=True)


def timed_get(client, url: str, runs: int, before=None, **extra) -> tuple[list[float], int]:
    """``runs`` timed GETs of ``url`` (``before()`` untimed ahead of each; ``extra``: headers
    such as a token); and the size of the answer."""
    times, size = [], 0
    for _ in range(runs):
        if before is not None:
            before()
        t0 = time.perf_counter()
        response = client.get(url, **extra)
        times.append(time.perf_counter() - t0)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code} for {url}")
        size = len(response.content)
    return times, size


def queries_of(client, url: str, **extra) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url, **extra)
    return len(ctx.captured_queries)


def contoh_arguments(parser: argparse.ArgumentParser) -> None:
    """The size of Kota Contoh and ``--keep DIR``, for every bench measuring it."""
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--indikator", type=int, default=300)
    parser.add_argument("--baris-dpa", type=int, default=5000)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="generate Kota Contoh into DIR once and keep it; a later run with "
                             "the same DIR measures without generating again (the size options "
                             "are then those of the first run)")


def kota_contoh(args: argparse.Namespace, prefix: str) -> Path:
    """Django on a fresh SQLite database holding Kota Contoh (src/akuntabel/demo_contoh.py) of
    the size ``args`` asks, generated and loaded (timed, shown, not counted), or the one kept
    in ``--keep DIR`` (a file ``loaded`` says it is whole); the folder. The caller deletes it
    unless kept."""
    import logging
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # the finally: deletes the folder
    tmp = setup_django(None, prefix=prefix, folder=args.keep)
    logging.getLogger("akuntabel.request").setLevel(logging.WARNING)  # one line a request
    from django.core.management import call_command

    from akuntabel.demo_contoh import Ukuran, generate, load_contoh, write_files

    loaded = tmp / "loaded"
    ukuran = Ukuran(opd=args.opd, indikator=args.indikator, baris_dpa=args.baris_dpa)
    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if loaded.exists():
        print(f"Kota Contoh kept in {tmp}: {loaded.read_text().strip()}", flush=True)
    else:
        contoh = generate(ukuran)
        load_contoh(write_files(contoh, tmp / "data"), contoh)
        if args.keep:
            loaded.write_text(f"{ukuran.opd} OPD x {ukuran.indikator} indicators x "
                              f"{ukuran.baris_dpa} DPA lines\n")
        print(f"Kota Contoh {ukuran.opd} OPD x {ukuran.indikator} indicators x "
              f"{ukuran.baris_dpa} DPA lines generated and loaded in "
              f"{time.perf_counter() - t0:.0f} s (not counted)", flush=True)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
          f"(other work on the machine slows every figure)\n", flush=True)
    return tmp


def heavy_pages(data) -> list[tuple[str, str, list, str]]:
    """(label, URL name, args, username) of each heavy page."""
    t = data.tahun
    return [
        ("budget tree, 5.000-line DPA", "anggaran", [data.opd_anggaran.pk, t],
         "bench-operator-anggaran"),
        ("realisasi grid, 300 indicators (TW II)", "realisasi_grid",
         [data.opd_indikator.pk, t, 2], "bench-operator-indikator"),
        ("pemda overview, 40 OPD", "pemda_overview", [data.pemda.pk, t],
         data.verifikator[0]),
    ]


def resolve(name: str, args: list) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def measure(url: str, username: str, runs: int) -> dict:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(User.objects.get(username=username))
    warm = client.get(url)
    if warm.status_code != 200:
        return {"status": warm.status_code}
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = len(ctx.captured_queries)  # now: the next request clears the connection's log
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.status_code
    return {"status": 200, "queries": queries, "bytes": len(warm.content),
            "median": statistics.median(times), "p95": percentile(times, 95),
            "max": max(times)}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--postgres", action="store_true",
                        help="on a PostgreSQL 15 server started for the run (needs root)")
    args = parser.parse_args(argv)
    server = None
    database_url = None
    if args.postgres:
        from run import Postgres  # bench/run.py's throw-away server, stopped on exit

        server = Postgres()
        database_url = server.start()
    try:
        setup_django(database_url)
        from django.core.management import call_command
        from django.db import connection
        from synthetic_web import build_synthetic_pemda

        t0 = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        migrate_s = time.perf_counter() - t0
        data = build_synthetic_pemda()
        print(f"Database: {connection.vendor} {connection.Database.__name__}; "
              f"migrate {ms(migrate_s)}, synthetic pemda written in {ms(data.seconds)} "
              f"(40 OPD, 5.000 DPA lines, 300 indicators)")
        print(f"{args.runs} requests per page after one warm-up; floor: median < "
              f"{ms(FLOOR_MEDIAN_S)}; load average {os.getloadavg()[0]:.1f} "
              f"({os.cpu_count()} cores)\n")
        header = (f"{'page':42} {'queries':>7} {'median':>9} {'p95':>9} {'max':>9} "
                  f"{'size':>9}  result")
        print(header)
        print("-" * len(header))
        for label, name, url_args, username in heavy_pages(data):
            url = resolve(name, url_args)
            if url is None:
                print(f"{label:42} {'':>7} {'':>9} {'':>9} {'':>9} {'':>9}  "
                      f"MISSING: no URL named {name!r} yet, skipped")
                continue
            r = measure(url, username, args.runs)
            if r["status"] != 200:
                print(f"{label:42} {'':>7} {'':>9} {'':>9} {'':>9} {'':>9}  "
                      f"ERROR: HTTP {r['status']} for {url}")
                continue
            verdict = "ok" if r["median"] < FLOOR_MEDIAN_S else "OVER"
            print(f"{label:42} {r['queries']:>7} {ms(r['median']):>9} {ms(r['p95']):>9} "
                  f"{ms(r['max']):>9} {r['bytes'] // 1024:>6} kB  {verdict}")
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
