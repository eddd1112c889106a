"""Load bench: 50 concurrent clients for 60 s against gunicorn on loopback, on the heaviest
pages (the budget tree of a 5.000-line DPA, the realisasi grid of 300 indicators, the pemda
overview of 40 OPD), beside the floor of issue 5: no errors, 95th percentile under 1 s.

    .venv/bin/python bench/load.py                       # SQLite in a temporary folder
    .venv/bin/python bench/load.py --postgres            # a PostgreSQL 15 started for the run
    .venv/bin/python bench/load.py --database-url postgres://user@127.0.0.1:5432/empty_db
    .venv/bin/python bench/load.py --clients 50 --seconds 60 --think 0

How it runs: the synthetic pemda of bench/synthetic_web.py is written into a fresh database;
gunicorn (sync workers, ``2 x cores + 1``, production settings with DEBUG off, plain HTTP on a
free loopback port) serves it; each client is a thread with its own cookie jar that logs in
through the login form (GET for the CSRF token, POST) as its own verifikator, requests each
page once untimed (a worker's first render of a page loads code and catalogs), then requests
the pages in turn, each client starting at a different page, with ``--think`` seconds between
requests (0: a closed loop, every client always waiting for a response; otherwise the
clients' first requests are spread over one think time). Only the HTML of a
page is requested, not its CSS. An error is a status other than 200, a redirect to the login
page, or a failed connection. gunicorn is stopped at the end, whatever happens.

A report, not a test: the exit status is 0 even when a figure is over the floor.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

from web import heavy_pages, percentile, resolve, setup_django  # noqa: E402

FLOOR_P95_S = 1.0
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)  # a few error descriptions

    def add(self, label: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times.setdefault(label, []).append(seconds)
            if error:
                self.errors[label] = self.errors.get(label, 0) + 1
                if len(self.samples) < 5:
                    self.samples.append(f"{label}: {error}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers_for_machine() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def start_gunicorn(port: int, workers: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "akuntabel.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--worker-class", "sync", "--timeout", "120",
               "--log-level", "warning", "--error-logfile", str(log)]
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n"
                               + log.read_text(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as r:
                if r.status == 200:
                    return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_gunicorn(proc)
    raise RuntimeError("gunicorn did not answer within 60 s")


def process_group_cpu(pgid: int) -> float:
    """CPU seconds (user + system) used so far by the live processes of a process group:
    gunicorn's master and workers, read from /proc (Linux); 0.0 where /proc is missing."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while the folder was read
            continue
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, …
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def stop_gunicorn(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # the master and its workers (own session)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is an answer, not followed
        return None


def make_opener() -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def fetch(opener, url: str, data: bytes | None = None, timeout: float = 60
          ) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data)
    try:
        with opener.open(request, timeout=timeout) as r:
            return r.status, r.headers.get("Location", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", ""), e.read()


def log_in(opener, base: str, username: str, password: str) -> None:
    status, _loc, body = fetch(opener, base + "/login/")
    match = CSRF_INPUT.search(body.decode("utf-8", "replace"))
    if status != 200 or match is None:
        raise RuntimeError(f"login page: HTTP {status}, CSRF token found: {bool(match)}")
    form = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrfmiddlewaretoken": match.group(1)}).encode()
    status, location, _ = fetch(opener, base + "/login/", form)
    if status != 302 or "/login/" in location:
        raise RuntimeError(f"login of {username}: HTTP {status} -> {location!r}")


def client(n: int, base: str, username: str, password: str, pages: list[tuple[str, str]],
           ready: threading.Barrier, stop_at: list[float], think: float,
           results: Results, login_errors: list[str]) -> None:
    opener = make_opener()
    try:
        log_in(opener, base, username, password)
        for _label, path in pages:  # warm-up, untimed: a worker's first render of a page
            fetch(opener, base + path)  # loads code and catalogs (about 0,7 s)
    except Exception as exc:  # reported, and this client sits the run out
        login_errors.append(f"{username}: {exc}")
        ready.wait()
        return
    ready.wait()
    if think:  # people do not click in unison: spread the first requests over one think time
        time.sleep(think * n / ready.parties)
    i = n
    while time.monotonic() < stop_at[0]:
        label, path = pages[i % len(pages)]
        i += 1
        t0 = time.perf_counter()
        error = None
        try:
            status, location, _ = fetch(opener, base + path)
            if status != 200:
                error = f"HTTP {status}" + (f" -> {location}" if location else "")
        except Exception as exc:  # a refused or reset connection is an error of the run
            error = f"{type(exc).__name__}: {exc}"
        results.add(label, time.perf_counter() - t0, error)
        if think:
            time.sleep(think)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds each client waits between requests (default 0)")
    parser.add_argument("--workers", type=int, default=workers_for_machine())
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--postgres", action="store_true",
                       help="a PostgreSQL 15 server started for the run (needs root)")
    group.add_argument("--database-url", help="an EMPTY database to migrate and fill")
    args = parser.parse_args(argv)

    server = None
    database_url = args.database_url
    proc = None
    try:
        if args.postgres:
            from run import Postgres  # bench/run.py's throw-away server, stopped on exit

            server = Postgres()
            database_url = server.start()
        tmp = setup_django(database_url)
        from django.core.management import call_command
        from django.db import connection, connections
        from synthetic_web import PASSWORD, build_synthetic_pemda

        call_command("migrate", interactive=False, verbosity=0)
        data = build_synthetic_pemda(n_verifikator=args.clients)
        vendor = connection.vendor
        pages = []
        for label, name, url_args, _user in heavy_pages(data):
            path = resolve(name, url_args)
            if path is None:
                print(f"MISSING: no URL named {name!r} yet: {label} left out of the mix")
            else:
                pages.append((label, path))
        connections.close_all()
        if not pages:
            print("No heavy page exists yet: nothing to measure.")
            return 0

        load_before = os.getloadavg()[0]  # a shared machine: other work skews the figures
        port = free_port()
        env = {**os.environ, "DATABASE_URL": os.environ["DATABASE_URL"],
               "AKUNTABEL_VAR_DIR": str(tmp), "AKUNTABEL_ALLOW_DEV_KEY": "1",
               "AKUNTABEL_LOCAL": "1", "DJANGO_SETTINGS_MODULE": "akuntabel.settings",
               "PYTHONPATH": str(ROOT / "src")}
        env.pop("DEBUG", None)
        proc = start_gunicorn(port, args.workers, env, tmp / "gunicorn.log")
        base = f"http://127.0.0.1:{port}"

        results = Results()
        login_errors: list[str] = []
        ready = threading.Barrier(args.clients + 1)
        stop_at = [float("inf")]
        threads = [threading.Thread(
            target=client, args=(n, base, data.verifikator[n], PASSWORD, pages, ready, stop_at,
                                 args.think, results, login_errors), daemon=True)
            for n in range(args.clients)]
        t_login = time.perf_counter()
        for t in threads:
            t.start()
        ready.wait()  # every client has logged in (or failed to)
        login_s = time.perf_counter() - t_login
        t0 = time.perf_counter()
        server_cpu0 = process_group_cpu(proc.pid)
        client_cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        stop_at[0] = time.monotonic() + args.seconds
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        server_cpu = process_group_cpu(proc.pid) - server_cpu0
        client_cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (client_cpu1.ru_utime + client_cpu1.ru_stime
                      - client_cpu0.ru_utime - client_cpu0.ru_stime)

        every = [s for times in results.times.values() for s in times]
        n_errors = sum(results.errors.values()) + len(login_errors)
        print(f"\n{args.clients} clients, {args.seconds:.0f} s, think time {args.think:g} s; "
              f"gunicorn {args.workers} sync workers on 127.0.0.1 ({os.cpu_count()} cores), "
              f"{vendor}; all logged in within {ms(login_s)}; load average before/after "
              f"{load_before:.1f}/{os.getloadavg()[0]:.1f}")
        print(f"{'page':42} {'requests':>8} {'errors':>6} {'median':>9} {'p95':>9} {'p99':>9}")
        rows = [(label, results.times.get(label, [])) for label, _p in pages]
        rows.append(("all pages", every))
        for label, times in rows:
            errors = (n_errors if label == "all pages"
                      else results.errors.get(label, 0))
            if not times:
                print(f"{label:42} {0:>8} {errors:>6}")
                continue
            print(f"{label:42} {len(times):>8} {errors:>6} {ms(statistics.median(times)):>9} "
                  f"{ms(percentile(times, 95)):>9} {ms(percentile(times, 99)):>9}")
        if every:
            p95 = percentile(every, 95)
            print(f"\nCPU during the run: gunicorn {server_cpu:.1f} s "
                  f"({server_cpu / len(every) * 1000:.1f} ms a request), the load clients "
                  f"{client_cpu:.1f} s ({client_cpu / len(every) * 1000:.1f} ms a request), "
                  f"of {elapsed * (os.cpu_count() or 1):.0f} s on {os.cpu_count()} cores")
            print(f"throughput {len(every) / elapsed:.1f} requests/s; floor: no errors "
                  f"({'ok' if n_errors == 0 else 'OVER'}: {n_errors}), p95 < {ms(FLOOR_P95_S)} "
                  f"({'ok' if p95 < FLOOR_P95_S else 'OVER'}: {ms(p95)})")
        for line in login_errors[:5] + results.samples:
            print(f"  error: {line}")
    finally:
        if proc is not None:
            stop_gunicorn(proc)
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
