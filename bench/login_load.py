"""Login load bench (issue 12): a short load run in which 5 % of the requests are wrong logins,
beside the floor: the real users' 95th percentile under 1 s, no real user refused.

    .venv/bin/python bench/login_load.py                  # 20 clients, 30 s, SQLite
    .venv/bin/python bench/login_load.py --clients 50 --seconds 60 --think 1

How it runs: as bench/load.py (the synthetic pemda of bench/synthetic_web.py, gunicorn with
production settings and DEBUG off on a free loopback port, one thread per client, each a
verifikator with its own cookie jar), with ``AKUNTABEL_TRUSTED_PROXIES=127.0.0.1`` so that each
request names its client's address in ``X-Forwarded-For`` as a reverse proxy would. Of every
20 requests of a client, 18 are the heavy pages in turn, one is a correct login of the client
itself from its own address (a fresh cookie jar: the password is checked) and one is a wrong
login from the attacker's address (203.0.113.66), alternately at the client's own name and at a
name of no account. The real users' figures are the pages and the correct logins; an error is
a page not 200 or a correct login not redirected away from the login page. A wrong login is
expected to answer 200 (refused) or 429 (waiting); anything else is an error of the run.

A report, not a test: the exit status is 0 even when a figure is over the floor.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from load import (  # noqa: E402
    FLOOR_P95_S,
    Results,
    free_port,
    make_opener,
    ms,
    start_gunicorn,
    stop_gunicorn,
    workers_for_machine,
)

from web import heavy_pages, percentile, resolve, setup_django  # noqa: E402

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTACKER = "203.0.113.66"
WRONG_EVERY = 20  # one request in 20 (5 %) is a wrong login


def fetch(opener, url: str, ip: str, data: bytes | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers={"X-Forwarded-For": ip})
    try:
        with opener.open(request, timeout=60) as r:
            return r.status, r.headers.get("Location", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", ""), e.read()


def post_login(opener, base: str, ip: str, username: str, password: str
               ) -> tuple[int, str]:
    status, _loc, body = fetch(opener, base + "/login/", ip)
    match = CSRF_INPUT.search(body.decode("utf-8", "replace"))
    if status != 200 or match is None:
        return status, "login page without a form"
    form = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrfmiddlewaretoken": match.group(1)}).encode()
    status, location, _ = fetch(opener, base + "/login/", ip, form)
    return status, location


def client(n: int, base: str, username: str, password: str, pages: list[tuple[str, str]],
           ready: threading.Barrier, stop_at: list[float], think: float, results: Results,
           setup_errors: list[str]) -> None:
    ip = f"10.30.{n // 250}.{n % 250 + 1}"
    opener, attacker = make_opener(), make_opener()
    status, location = post_login(opener, base, ip, username, password)
    if status != 302 or "/login/" in location:
        setup_errors.append(f"{username}: first login HTTP {status} -> {location!r}")
        ready.wait()
        return
    for _label, path in pages:  # warm-up, untimed
        fetch(opener, base + path, ip)
    ready.wait()
    i = n
    while time.monotonic() < stop_at[0]:
        i += 1
        t0 = time.perf_counter()
        error = None
        try:
            if i % WRONG_EVERY == WRONG_EVERY - 1:
                name = username if (i // WRONG_EVERY) % 2 else f"tidak-ada-{n}-{i}"
                label = "wrong login (attacker)"
                status, _loc = post_login(attacker, base, ATTACKER, name, "tebakan-salah")
                if status not in (200, 429):
                    error = f"HTTP {status}"
            elif i % WRONG_EVERY == WRONG_EVERY // 2 - 1:
                label = "correct login (real user)"
                status, location = post_login(make_opener(), base, ip, username, password)
                if status != 302 or "/login/" in location:
                    error = f"HTTP {status} -> {location}"
            else:
                label, path = pages[i % len(pages)]
                status, location, _ = fetch(opener, base + path, ip)
                if status != 200:
                    error = f"HTTP {status}" + (f" -> {location}" if location else "")
        except Exception as exc:  # a refused or reset connection is an error of the run
            error = f"{type(exc).__name__}: {exc}"
        results.add(label, time.perf_counter() - t0, error)
        if think:
            time.sleep(think)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds each client waits between requests (default 0)")
    parser.add_argument("--workers", type=int, default=workers_for_machine())
    args = parser.parse_args(argv)

    proc = None
    try:
        tmp = setup_django(None)
        from django.core.management import call_command
        from django.db import connections
        from synthetic_web import PASSWORD, build_synthetic_pemda

        call_command("migrate", interactive=False, verbosity=0)
        data = build_synthetic_pemda(n_verifikator=args.clients)
        pages = [(label, path) for label, name, url_args, _u in heavy_pages(data)
                 if (path := resolve(name, url_args)) is not None]
        connections.close_all()

        load_before = os.getloadavg()[0]
        port = free_port()
        env = {**os.environ, "AKUNTABEL_VAR_DIR": str(tmp), "AKUNTABEL_ALLOW_DEV_KEY": "1",
               "AKUNTABEL_LOCAL": "1", "DJANGO_SETTINGS_MODULE": "akuntabel.settings",
               "AKUNTABEL_TRUSTED_PROXIES": "127.0.0.1", "PYTHONPATH": str(ROOT / "src")}
        env.pop("DEBUG", None)
        proc = start_gunicorn(port, args.workers, env, tmp / "gunicorn.log")
        base = f"http://127.0.0.1:{port}"

        results = Results()
        setup_errors: list[str] = []
        ready = threading.Barrier(args.clients + 1)
        stop_at = [float("inf")]
        threads = [threading.Thread(
            target=client, args=(n, base, data.verifikator[n], PASSWORD, pages, ready, stop_at,
                                 args.think, results, setup_errors), daemon=True)
            for n in range(args.clients)]
        for t in threads:
            t.start()
        ready.wait()
        t0 = time.perf_counter()
        stop_at[0] = time.monotonic() + args.seconds
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0

        print(f"\n{args.clients} clients, {args.seconds:.0f} s, think {args.think:g} s, "
              f"1 request in {WRONG_EVERY} a "
              f"wrong login; gunicorn {args.workers} sync workers ({os.cpu_count()} cores), "
              f"SQLite; load average before/after {load_before:.1f}/{os.getloadavg()[0]:.1f}")
        print(f"{'requests':42} {'count':>8} {'errors':>6} {'median':>9} {'p95':>9}")
        real: list[float] = []
        real_errors = len(setup_errors)
        for label, times in sorted(results.times.items()):
            errors = results.errors.get(label, 0)
            if label != "wrong login (attacker)":
                real += times
                real_errors += errors
            print(f"{label:42} {len(times):>8} {errors:>6} {ms(percentile(times, 50)):>9} "
                  f"{ms(percentile(times, 95)):>9}")
        every = sum(len(t) for t in results.times.values())
        wrong = len(results.times.get("wrong login (attacker)", []))
        if real:
            p95 = percentile(real, 95)
            print(f"{'real users (pages and correct logins)':42} {len(real):>8} "
                  f"{real_errors:>6} {ms(percentile(real, 50)):>9} {ms(p95):>9}")
            print(f"\nwrong logins {wrong} of {every} requests ({100 * wrong / every:.1f} %); "
                  f"throughput {every / elapsed:.1f} requests/s")
            print(f"floor: real users refused or failed 0 "
                  f"({'ok' if real_errors == 0 else 'OVER'}: {real_errors}), p95 < "
                  f"{ms(FLOOR_P95_S)} ({'ok' if p95 < FLOOR_P95_S else 'OVER'}: {ms(p95)})")
        for line in setup_errors[:5] + results.samples:
            print(f"  error: {line}")
    finally:
        if proc is not None:
            stop_gunicorn(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
