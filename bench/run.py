#!/usr/bin/env python
"""Akuntabel benchmarks: a report of timings, each next to its target. Not a test.

    .venv/bin/python bench/run.py              # SQLite only
    .venv/bin/python bench/run.py --postgres   # also on a PostgreSQL 15 server started here
    .venv/bin/python bench/run.py --profile    # also print a cProfile of build_budget_tree

Figures (see bench/README.md):

1. load of the demo dataset (read_dataset + load_dataset) into a fresh, migrated SQLite
   database: median of 3, target < 5 s;
2. ``akuntabel.core.anggaran.rollup`` over a synthetic 50.000-line DPA: median of 5,
   target < 1 s;
3. the same DPA in the database: ``build_budget_tree`` through the ORM against the floor, one
   SQL ``GROUP BY`` over the same lines: medians of 5, target ORM/floor within 3x.

Django reads its settings once per process, so each measured part runs in a child process of
this script (``--part load|core|orm``) with its own ``DATABASE_URL``; the child prints one JSON
line, the parent prints the tables. The exit status is 0 even when a figure is OVER its target;
it is 1 only when a part could not run.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import json
import os
import platform
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from random import Random
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MARKER = "BENCH-JSON "

TAHUN = 2025
N_PROGRAM = 7
N_KEGIATAN = 15  # per program
N_SUB = 50  # per kegiatan: 7 x 15 x 50 = 5.250 sub kegiatan
N_LINES = 50_000  # rekening lines, spread over the sub kegiatan (9 or 10 each)
# Width of each segment of a kode rekening (Permendagri 90/2019): 5.1.02.01.01.0024
SEGMENT_WIDTH = (1, 1, 2, 2, 2, 4)

LOAD_RUNS = 3
CORE_RUNS = 5
ORM_RUNS = 5
TARGET_LOAD_S = 5.0
TARGET_CORE_S = 1.0
TARGET_RATIO = 3.0
CHILD_TIMEOUT_S = 600


# ---------------------------------------------------------------------------------------------
# The synthetic DPA, shared by the core and ORM parts (deterministic: fixed seed).
# ---------------------------------------------------------------------------------------------

@dataclass
class Line:
    idx: int  # index in SyntheticDpa.lines (pre-order: a parent comes before its children)
    sub: int  # index of its sub kegiatan
    parent: int | None  # index of its parent line, None at the top of the sub kegiatan
    level: int  # 1..6
    kode: str
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    children: list[int] = field(default_factory=list)


@dataclass
class SyntheticDpa:
    subs: list[tuple[int, int, int]]  # (program, kegiatan, sub) numbers, per sub kegiatan
    lines: list[Line]
    sub_pagu: list[Decimal]
    sub_realisasi: list[Decimal]

    def levels(self) -> Iterator[list[Line]]:
        """Lines grouped by level, top level first."""
        by_level: dict[int, list[Line]] = {}
        for line in self.lines:
            by_level.setdefault(line.level, []).append(line)
        for level in sorted(by_level):
            yield by_level[level]


def synthetic_dpa(n_lines: int = N_LINES, seed: int = 2025) -> SyntheticDpa:
    """7 programs x 15 kegiatan x 50 sub kegiatan; each sub kegiatan a rekening tree 4, 5 or 6
    levels deep: a chain down to the level above the last two, two branches, then leaves.
    Leaves carry pagu and realisasi; a parent carries the printed sum of its children, except
    about one parent in 500 whose printed pagu is off by 1.000 (a printing error, as in real
    DPA documents; the roll-up reports it, the data-backed sums are unchanged)."""
    rng = Random(seed)
    subs = [(p, k, s) for p in range(1, N_PROGRAM + 1) for k in range(1, N_KEGIATAN + 1)
            for s in range(1, N_SUB + 1)]
    n_sub = len(subs)
    extra = n_lines - (n_lines // n_sub) * n_sub
    lines: list[Line] = []
    sub_pagu: list[Decimal] = []
    sub_realisasi: list[Decimal] = []

    def add(sub: int, parent: Line | None, level: int, number: int) -> Line:
        segment = str(number).zfill(SEGMENT_WIDTH[level - 1])
        kode = segment if parent is None else f"{parent.kode}.{segment}"
        line = Line(len(lines), sub, None if parent is None else parent.idx, level, kode)
        lines.append(line)
        if parent is not None:
            parent.children.append(line.idx)
        return line

    for i in range(n_sub):
        # Bresenham spread: `extra` sub kegiatan get one more line, evenly.
        m = n_lines // n_sub + ((i + 1) * extra // n_sub - i * extra // n_sub)
        depth = 4 + i % 3
        first = len(lines)
        node: Line | None = None
        for level in range(1, depth - 1):  # the chain: 5 > 5.1 > 5.1.02 > ...
            node = add(i, node, level, 5 if level == 1 else 1 + (level == 3))
        branches = [add(i, node, depth - 1, b + 1) for b in range(2)]
        n_leaves = m - (depth - 2) - 2
        for j in range(n_leaves):
            add(i, branches[j % 2], depth, j // 2 + 1)
        # Amounts, children before parents (reverse pre-order).
        for line in reversed(lines[first:]):
            if line.children:
                line.pagu = sum((lines[c].pagu for c in line.children), Decimal(0))
                line.realisasi = sum((lines[c].realisasi for c in line.children), Decimal(0))
                if line.idx % 500 == 0:
                    line.pagu += 1000
            else:
                line.pagu = Decimal(rng.randrange(1_000_000, 500_000_000)) / 100
                line.realisasi = (line.pagu * rng.randrange(60, 101) / 100).quantize(
                    Decimal("0.01"))
        top = lines[first]
        sub_pagu.append(sum((ln.pagu for ln in lines[first:] if not ln.children), Decimal(0)))
        sub_realisasi.append(sum((ln.realisasi for ln in lines[first:] if not ln.children),
                                 Decimal(0)))
        assert top.parent is None and top.level == 1
    assert len(lines) == n_lines, len(lines)
    return SyntheticDpa(subs, lines, sub_pagu, sub_realisasi)


def median_time(fn: Callable[[], Any], runs: int, warmup: bool = False,
                gc_off: bool = False) -> tuple[float, list[float]]:
    """Median wall time of ``runs`` calls. ``gc_off``: with Python's cyclic garbage collector
    disabled (a diagnostic only: it shows how much of the time the collector takes)."""
    if warmup:
        fn()
    times = []
    gc.collect()  # start from a clean heap: no collection left over from earlier work
    if gc_off:
        gc.disable()
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
    finally:
        if gc_off:
            gc.enable()
    return statistics.median(times), times


# ---------------------------------------------------------------------------------------------
# Child parts. Each prints one line: MARKER + JSON.
# ---------------------------------------------------------------------------------------------

def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akuntabel.settings")
    os.environ["AKUNTABEL_ALLOW_DEV_KEY"] = "1"
    import django

    django.setup()


def _migrate() -> float:
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    return time.perf_counter() - t0


def part_load() -> dict[str, Any]:
    """Figure 1: read_dataset + load_dataset of the demo file into a fresh migrated SQLite
    database. Migrated once; every run starts from a copy of that migrated, empty file."""
    _django_setup()
    from django.db import connection

    from akuntabel.adapters.dataset.loader import load_dataset
    from akuntabel.adapters.dataset.reader import read_dataset
    from akuntabel.cli import DEMO_FILE

    if connection.vendor != "sqlite":
        raise SystemExit("part load: SQLite only")
    db = Path(connection.settings_dict["NAME"])
    migrate_s = _migrate()
    connection.close()
    template = db.with_name("migrated-empty.sqlite3")
    shutil.copyfile(db, template)

    times, read_times, counts = [], [], {}
    for _ in range(LOAD_RUNS):
        connection.close()
        shutil.copyfile(template, db)  # a fresh database: migrated, empty
        t0 = time.perf_counter()
        ds = read_dataset(DEMO_FILE)
        t1 = time.perf_counter()
        result = load_dataset(ds)
        t2 = time.perf_counter()
        times.append(t2 - t0)
        read_times.append(t1 - t0)
        counts = result.counts
    connection.close()
    return {"median_s": statistics.median(times), "runs_s": times,
            "read_median_s": statistics.median(read_times), "migrate_s": migrate_s,
            "file": str(DEMO_FILE.relative_to(REPO)), "file_bytes": DEMO_FILE.stat().st_size,
            "rekening": counts.get("rekening"), "sub_kegiatan": counts.get("sub_kegiatan")}


def part_core() -> dict[str, Any]:
    """Figure 2: core rollup over the synthetic DPA as one tree (OPD > program > kegiatan >
    sub kegiatan > rekening lines). Only the rollup call is timed."""
    from akuntabel.core.anggaran import BarisAnggaran, find_induk_tidak_sama, rollup

    t0 = time.perf_counter()
    dpa = synthetic_dpa()
    gen_s = time.perf_counter() - t0
    rows = [BarisAnggaran("opd", None, None, None)]
    rows += [BarisAnggaran(f"p{p}", "opd", None, None) for p in range(1, N_PROGRAM + 1)]
    rows += [BarisAnggaran(f"k{p}.{k}", f"p{p}", None, None)
             for p in range(1, N_PROGRAM + 1) for k in range(1, N_KEGIATAN + 1)]
    rows += [BarisAnggaran(f"s{i}", f"k{p}.{k}", dpa.sub_pagu[i], dpa.sub_realisasi[i])
             for i, (p, k, _s) in enumerate(dpa.subs)]
    rows += [BarisAnggaran(f"l{ln.idx}", f"s{ln.sub}" if ln.parent is None else f"l{ln.parent}",
                           ln.pagu, ln.realisasi) for ln in dpa.lines]

    n_lines, expected = len(dpa.lines), sum(dpa.sub_pagu, Decimal(0))
    del dpa  # only the input rows stay alive while timing, as in a real caller
    hasil: dict[str, Any] = {}

    def run() -> None:
        hasil.clear()
        hasil.update(rollup(rows))

    med, times = median_time(run, CORE_RUNS)
    nogc_med, _ = median_time(run, CORE_RUNS, gc_off=True)
    total = hasil["opd"]
    if total.pagu.nilai != expected or total.pagu.sumber != "data":
        raise SystemExit(f"core: total pagu {total.pagu} != {expected}")
    return {"median_s": med, "runs_s": times, "nogc_median_s": nogc_med, "rows": len(rows),
            "lines": n_lines,
            "generate_s": gen_s, "total_pagu": str(expected),
            "printed_mismatches": len(find_induk_tidak_sama(hasil))}


def _write_synthetic() -> tuple[Any, SyntheticDpa, float]:
    """One OPD, Renstra, 7 programs, 105 kegiatan, 5.250 sub kegiatan, one DPA with a
    DpaSubKegiatan per sub kegiatan and 50.000 DpaLine, bulk_create level by level."""
    from django.db import transaction

    from akuntabel.budget.models import AnggaranTercetak, Dpa, DpaLine, DpaSubKegiatan
    from akuntabel.organizations.models import Pemda, PerangkatDaerah
    from akuntabel.plans.models import Kegiatan, Program, Renstra, Rpjmd, SubKegiatan

    data = synthetic_dpa()
    t0 = time.perf_counter()
    with transaction.atomic():
        pemda = Pemda.objects.create(kode="bench", nama="Kota Bench", jenis="kota",
                                     kepala_daerah_jabatan="Wali Kota Bench")
        opd = PerangkatDaerah.objects.create(pemda=pemda, kode="dinas-bench",
                                             nama="Dinas Bench")
        rpjmd = Rpjmd.objects.create(pemda=pemda, tahun_awal=2021, tahun_akhir=2026,
                                     visi="Bench")
        renstra = Renstra.objects.create(perangkat_daerah=opd, rpjmd=rpjmd, tahun_awal=2021,
                                         tahun_akhir=2026)
        programs = Program.objects.bulk_create(
            Program(renstra=renstra, kode=f"1.06.{p:02d}", nama=f"Program {p}", urutan=p)
            for p in range(1, N_PROGRAM + 1))
        kegiatan = Kegiatan.objects.bulk_create(
            Kegiatan(program=prog, kode=f"{prog.kode}.2.{k:02d}", nama=f"Kegiatan {p}.{k}",
                     urutan=k)
            for p, prog in enumerate(programs, 1) for k in range(1, N_KEGIATAN + 1))
        keg_by = {(p, k): kegiatan[(p - 1) * N_KEGIATAN + (k - 1)]
                  for p in range(1, N_PROGRAM + 1) for k in range(1, N_KEGIATAN + 1)}
        subs = SubKegiatan.objects.bulk_create(
            SubKegiatan(kegiatan=keg_by[p, k], kode=f"{keg_by[p, k].kode}.{s:04d}",
                        nama=f"Sub kegiatan {p}.{k}.{s}", urutan=s)
            for p, k, s in data.subs)
        dpa = Dpa.objects.create(perangkat_daerah=opd, tahun=TAHUN)
        # The sub kegiatan carry no amounts of their own: the DPA is its 50.000 rekening
        # lines, so build_budget_tree really rolls the lines up (leaf sums in SQL).
        anggaran = DpaSubKegiatan.objects.bulk_create(
            DpaSubKegiatan(dpa=dpa, sub_kegiatan=sub) for sub in subs)
        # Printed program and kegiatan totals, as the budget table of a Renstra evaluation.
        per_keg: dict[tuple[int, int], list[Decimal]] = {}
        for i, (p, k, _s) in enumerate(data.subs):
            acc = per_keg.setdefault((p, k), [Decimal(0), Decimal(0)])
            acc[0] += data.sub_pagu[i]
            acc[1] += data.sub_realisasi[i]
        printed = []
        for p, prog in enumerate(programs, 1):
            pagu = sum((per_keg[p, k][0] for k in range(1, N_KEGIATAN + 1)), Decimal(0))
            real = sum((per_keg[p, k][1] for k in range(1, N_KEGIATAN + 1)), Decimal(0))
            printed.append(AnggaranTercetak(perangkat_daerah=opd, tahun=TAHUN, program=prog,
                                            tempat=AnggaranTercetak.TABEL_ANGGARAN,
                                            pagu=pagu, realisasi=real, urutan=len(printed)))
            for k in range(1, N_KEGIATAN + 1):
                printed.append(AnggaranTercetak(
                    perangkat_daerah=opd, tahun=TAHUN, kegiatan=keg_by[p, k],
                    tempat=AnggaranTercetak.TABEL_ANGGARAN, pagu=per_keg[p, k][0],
                    realisasi=per_keg[p, k][1], urutan=len(printed)))
        AnggaranTercetak.objects.bulk_create(printed)
        objs: dict[int, DpaLine] = {}
        for level in data.levels():  # parents exist (with their pk) before their children
            batch = [DpaLine(anggaran=anggaran[ln.sub],
                             induk=None if ln.parent is None else objs[ln.parent],
                             kode_rekening=ln.kode, uraian=f"Rekening {ln.kode}",
                             pagu=ln.pagu, realisasi=ln.realisasi, urutan=ln.idx)
                     for ln in level]
            DpaLine.objects.bulk_create(batch, batch_size=2000)
            for ln, obj in zip(level, batch, strict=True):
                objs[ln.idx] = obj
    return opd, data, time.perf_counter() - t0


def part_orm(profile: bool) -> dict[str, Any]:
    """Figure 3: build_budget_tree through the ORM against one GROUP BY over the lines."""
    _django_setup()
    from django.db import connection

    from akuntabel.budget.models import DpaLine
    from akuntabel.budget.services import build_budget_tree

    migrate_s = _migrate()
    opd, data, write_s = _write_synthetic()
    expected = sum(data.sub_pagu, Decimal(0))
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")

    tree_holder: list[Any] = []

    def tree() -> None:
        tree_holder.clear()  # the previous tree is garbage before the next is built
        tree_holder.append(build_budget_tree(opd, TAHUN))

    floor_rows: list[Any] = []
    floor_sql = ("SELECT anggaran_id, SUM(pagu), SUM(realisasi) FROM budget_dpaline "
                 "GROUP BY anggaran_id")

    def floor() -> None:
        with connection.cursor() as cur:
            cur.execute(floor_sql)
            floor_rows[:] = cur.fetchall()

    # The same query build_budget_tree makes for the lines, alone (fetch + Decimal conversion).
    lines_qs = (DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd,
                                       anggaran__dpa__tahun=TAHUN)
                .order_by("urutan")
                .values_list("pk", "anggaran_id", "induk_id", "kode_rekening", "uraian", "pagu",
                             "realisasi"))
    raw_lines_sql, raw_params = lines_qs.query.sql_with_params()
    fetched: list[Any] = []

    def orm_lines() -> None:
        fetched[:] = list(lines_qs.all())

    def raw_lines() -> None:
        with connection.cursor() as cur:
            cur.execute(raw_lines_sql, raw_params)
            cur.fetchall()

    tree_med, tree_times = median_time(tree, ORM_RUNS, warmup=True)
    tree_nogc_med, _ = median_time(tree, ORM_RUNS, gc_off=True)
    built = tree_holder.pop()
    if built.total.pagu.nilai != expected or built.total.pagu.sumber != "data":
        raise SystemExit(f"orm: tree total pagu {built.total.pagu} != {expected}")
    del built  # not kept alive while the other figures are measured
    floor_med, floor_times = median_time(floor, ORM_RUNS, warmup=True)
    orm_lines_med, _ = median_time(orm_lines, ORM_RUNS, warmup=True)
    raw_lines_med, _ = median_time(raw_lines, ORM_RUNS, warmup=True)

    # The check of every line (build_line_rollup: each sub kegiatan's lines rolled up in
    # Python), which the reviu and the line view use; not part of the tree.
    from akuntabel.budget.services import build_line_rollup

    fetched.clear()
    rollup_med, _ = median_time(lambda: build_line_rollup(opd, TAHUN), ORM_RUNS)

    # The floor sums every line of a sub kegiatan, parents included (the query as specified).
    all_lines = sum((ln.pagu for ln in data.lines), Decimal(0))
    floor_total = sum(Decimal(str(r[1])) for r in floor_rows)
    if len(floor_rows) != len(data.subs) or abs(floor_total - all_lines) > 1:
        raise SystemExit(f"orm: GROUP BY total pagu {floor_total} != {all_lines}")

    result: dict[str, Any] = {
        "vendor": connection.vendor, "server_version": _server_version(connection),
        "lines": len(data.lines), "sub_kegiatan": len(data.subs), "migrate_s": migrate_s,
        "write_s": write_s, "tree_median_s": tree_med, "tree_runs_s": tree_times,
        "tree_nogc_median_s": tree_nogc_med,
        "floor_median_s": floor_med, "floor_runs_s": floor_times,
        "ratio": tree_med / floor_med, "orm_lines_median_s": orm_lines_med,
        "raw_lines_median_s": raw_lines_med, "lines_rollup_median_s": rollup_med,
        "floor_sql": floor_sql, "total_pagu": str(expected),
    }
    if profile or result["ratio"] > TARGET_RATIO:
        result["profile"] = _profile(tree, top=18 if profile else 12)
    connection.close()
    return result


def _server_version(connection: Any) -> str:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT sqlite_version()")
            return f"SQLite {cur.fetchone()[0]}"
        cur.execute("SHOW server_version")
        return f"PostgreSQL {cur.fetchone()[0]}"


def _profile(fn: Callable[[], Any], top: int) -> str:
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    gc.collect()
    gc.disable()  # with the collector on, its pauses land on whatever function allocates
    try:
        prof.runcall(fn)
    finally:
        gc.enable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(top)
    text = out.getvalue()
    return text[text.find("   ncalls"):] if "   ncalls" in text else text


def run_part(args: argparse.Namespace) -> int:
    if args.part == "load":
        result = part_load()
    elif args.part == "core":
        result = part_core()
    else:
        result = part_orm(args.profile)
    print(MARKER + json.dumps(result), flush=True)
    return 0


# ---------------------------------------------------------------------------------------------
# The parent: PostgreSQL server, child processes, the report.
# ---------------------------------------------------------------------------------------------

class PartFailed(Exception):
    pass


def child(part: str, database_url: str | None, var_dir: Path, profile: bool = False
          ) -> dict[str, Any]:
    cmd = [PYTHON, str(Path(__file__).resolve()), "--part", part]
    env = {k: v for k, v in os.environ.items()
           if k not in {"DEBUG", "DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update({"AKUNTABEL_ALLOW_DEV_KEY": "1", "AKUNTABEL_VAR_DIR": str(var_dir),
                "DJANGO_SETTINGS_MODULE": "akuntabel.settings", "PYTHONUNBUFFERED": "1"})
    if database_url:
        cmd += ["--database-url", database_url]
    if profile:
        cmd.append("--profile")
    try:
        proc = subprocess.run(cmd, env=env, cwd=var_dir, capture_output=True, text=True,
                              timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise PartFailed(f"part {part}: no answer after {CHILD_TIMEOUT_S} s") from exc
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARKER) and proc.returncode == 0:
            return json.loads(line[len(MARKER):])
    tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
    raise PartFailed(f"part {part} failed (exit {proc.returncode}):\n{tail}")


class Postgres:
    """A throw-away PostgreSQL 15 server, started as bench/../.ci/run does: initdb into a
    temporary folder owned by the postgres user, loopback only, trust auth, fsync off, run
    as postgres through su. Stopped and its folder deleted on exit, even on error."""

    def __init__(self) -> None:
        self.pgbin = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))
        self.tmp: Path | None = None
        self.port = 0

    @staticmethod
    def _as_postgres(command: str) -> None:
        proc = subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c", command],
                              capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise PartFailed(f"as postgres: {command}\n{proc.stdout}{proc.stderr}".strip())

    def start(self) -> str:
        if os.geteuid() != 0:
            raise PartFailed("--postgres needs root (it runs the server as postgres via su, "
                             "like .ci/run)")
        if not (self.pgbin / "initdb").exists():  # as .ci/run does
            subprocess.run("apt-get update -qq && apt-get install -y -qq postgresql-15",
                           shell=True, check=True, stdout=subprocess.DEVNULL)
        import pwd

        uid = pwd.getpwnam("postgres").pw_uid
        self.tmp = Path(tempfile.mkdtemp(prefix="akuntabel-pg.", dir="/tmp"))
        atexit.register(self.stop)
        os.chown(self.tmp, uid, -1)
        with socket.socket() as s:  # a free port on loopback
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        q = shlex.quote
        data, log = self.tmp / "data", self.tmp / "log"
        self._as_postgres(f"{q(str(self.pgbin / 'initdb'))} -D {q(str(data))} -U postgres "
                          "-A trust -E UTF8 --no-instructions")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {q(str(self.tmp))} "
                   "-c fsync=off")
        try:
            self._as_postgres(f"{q(str(self.pgbin / 'pg_ctl'))} -D {q(str(data))} "
                              f"-l {q(str(log))} -w -o {q(options)} start")
        except PartFailed as exc:
            log_tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PartFailed(f"{exc}\n{log_tail}") from None
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE akuntabel_bench")
        return f"postgres://postgres@127.0.0.1:{self.port}/akuntabel_bench"

    def stop(self) -> None:
        if self.tmp is None:
            return
        tmp, self.tmp = self.tmp, None
        q = shlex.quote
        if (tmp / "data" / "postmaster.pid").exists():
            try:
                self._as_postgres(f"{q(str(self.pgbin / 'pg_ctl'))} -D {q(str(tmp / 'data'))} "
                                  "-m fast stop")
            except (PartFailed, subprocess.TimeoutExpired) as exc:
                print(f"warning: could not stop PostgreSQL: {exc}", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)


def _terminate(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)  # unwinds through finally/atexit: the server is stopped


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    line = "  ".join("-" * w for w in widths)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "ERROR"
    return "ok" if value < limit else "OVER"


def run_report(args: argparse.Namespace) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)
    started = time.perf_counter()
    print("Akuntabel benchmarks", datetime.now().strftime("%Y-%m-%d %H:%M"))
    print(f"machine: nproc={os.cpu_count()} ({len(os.sched_getaffinity(0))} usable), "
          f"{platform.machine()}, {platform.system()} {platform.release()}")
    print(f"python: {platform.python_version()} ({PYTHON})")
    import django

    print(f"django: {django.get_version()}")

    summary: list[list[str]] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="akuntabel-bench.") as tmp_name:
        tmp = Path(tmp_name)

        # 1. demo load
        print("\n[1/3] demo dataset load (SQLite) ...", flush=True)
        (tmp / "load").mkdir()
        try:
            r = child("load", f"sqlite:///{tmp / 'load' / 'demo.sqlite3'}", tmp / "load")
            print_table("1. Load of the demo dataset (read_dataset + load_dataset, fresh "
                        f"migrated SQLite), {LOAD_RUNS} runs",
                        ["measure", "value", "target"],
                        [["median", fmt_s(r["median_s"]), f"< {TARGET_LOAD_S:.0f} s"],
                         ["runs", ", ".join(fmt_s(t) for t in r["runs_s"]), ""],
                         ["of which read_dataset (median)", fmt_s(r["read_median_s"]), ""],
                         ["migrate (once, not timed above)", fmt_s(r["migrate_s"]), ""],
                         ["file", f"{r['file']} ({r['file_bytes']:,} bytes)", ""],
                         ["rows written", f"{r['sub_kegiatan']} sub kegiatan, "
                                          f"{r['rekening']} rekening lines", ""]])
            summary.append(["1. demo load, SQLite (median of 3)", fmt_s(r["median_s"]),
                            f"< {TARGET_LOAD_S:.0f} s", verdict(r["median_s"], TARGET_LOAD_S)])
        except PartFailed as exc:
            errors.append(str(exc))
            summary.append(["1. demo load, SQLite", "-", f"< {TARGET_LOAD_S:.0f} s", "ERROR"])

        # 2. core rollup
        print("\n[2/3] core roll-up of a 50.000-line DPA ...", flush=True)
        (tmp / "core").mkdir()
        try:
            r = child("core", None, tmp / "core")
            print_table(f"2. akuntabel.core.anggaran.rollup, synthetic DPA, {CORE_RUNS} runs",
                        ["measure", "value", "target"],
                        [["median", fmt_s(r["median_s"]), f"< {TARGET_CORE_S:.0f} s"],
                         ["runs", ", ".join(fmt_s(t) for t in r["runs_s"]), ""],
                         ["same, cyclic GC disabled (diagnostic)",
                          fmt_s(r["nogc_median_s"]), ""],
                         ["rows in one tree", f"{r['rows']:,} ({r['lines']:,} rekening lines, "
                                              f"{N_PROGRAM} x {N_KEGIATAN} x {N_SUB} sub "
                                              "kegiatan, 4-6 levels)", ""],
                         ["printed parents off (found)", str(r["printed_mismatches"]), ""]])
            summary.append(["2. core rollup, 50.000 lines (median of 5)", fmt_s(r["median_s"]),
                            f"< {TARGET_CORE_S:.0f} s", verdict(r["median_s"], TARGET_CORE_S)])
        except PartFailed as exc:
            errors.append(str(exc))
            summary.append(["2. core rollup, 50.000 lines", "-", f"< {TARGET_CORE_S:.0f} s",
                            "ERROR"])

        # 3. ORM vs floor, per database
        databases: list[tuple[str, Callable[[], str]]] = [
            ("SQLite", lambda: f"sqlite:///{tmp / 'orm' / 'bench.sqlite3'}")]
        pg = Postgres()
        if args.postgres:
            databases.append(("PostgreSQL", pg.start))
        try:
            for name, url_of in databases:
                print(f"\n[3/3] build_budget_tree vs GROUP BY on {name} ...", flush=True)
                folder = tmp / ("orm" if name == "SQLite" else "orm-pg")
                folder.mkdir()
                try:
                    r = child("orm", url_of(), folder, args.profile)
                except PartFailed as exc:
                    errors.append(str(exc))
                    summary.append([f"3. ORM/floor, {name}", "-", f"within {TARGET_RATIO:.0f}x",
                                    "ERROR"])
                    continue
                _print_orm(name, r)
                summary.append([f"3a. build_budget_tree, {name} (median of 5)",
                                fmt_s(r["tree_median_s"]), "-", "info"])
                summary.append([f"3b. GROUP BY floor, {name} (median of 5)",
                                fmt_s(r["floor_median_s"]), "-", "info"])
                summary.append([f"3. ORM/floor ratio, {name}", f"{r['ratio']:.1f}x",
                                f"within {TARGET_RATIO:.0f}x",
                                verdict(r["ratio"], TARGET_RATIO + 1e-9)])
        finally:
            pg.stop()

    print_table("Summary", ["figure", "value", "target", "result"], summary)
    over = [row[0] for row in summary if row[3] == "OVER"]
    if over:
        print(f"\nOVER target: {'; '.join(over)} (a report, not a test: exit status 0)")
    for err in errors:
        print(f"\nERROR: {err}", file=sys.stderr)
    print(f"\nTotal bench time: {time.perf_counter() - started:.1f} s")
    return 1 if errors else 0


def _print_orm(name: str, r: dict[str, Any]) -> None:
    rows = [
        ["build_budget_tree(opd, tahun), median", fmt_s(r["tree_median_s"]), ""],
        ["  runs", ", ".join(fmt_s(t) for t in r["tree_runs_s"]), ""],
        ["  same, cyclic GC disabled (diagnostic)", fmt_s(r["tree_nogc_median_s"]), ""],
        ["GROUP BY floor, median", fmt_s(r["floor_median_s"]), ""],
        ["  runs", ", ".join(fmt_s(t) for t in r["floor_runs_s"]), ""],
        ["ratio ORM / floor", f"{r['ratio']:.1f}x", f"within {TARGET_RATIO:.0f}x "
                                                      f"-> {verdict(r['ratio'], 3 + 1e-9)}"],
        ["where the time goes (medians):", "", ""],
        ["  raw SQL fetch of the lines (no conversion)", fmt_s(r["raw_lines_median_s"]), ""],
        ["  ORM values_list of the lines (as in the service)",
         fmt_s(r["orm_lines_median_s"]), ""],
        ["build_line_rollup: every line checked (not in the tree)",
         fmt_s(r["lines_rollup_median_s"]), "info"],
        ["setup: migrate / write 50.000 lines (bulk_create)",
         f"{fmt_s(r['migrate_s'])} / {fmt_s(r['write_s'])}", ""],
    ]
    print_table(f"3. {r['server_version']}: {r['lines']:,} DpaLine, {r['sub_kegiatan']:,} "
                "DpaSubKegiatan", ["measure", "value", "target"], rows)
    if "profile" in r:
        print(f"\ncProfile of one build_budget_tree call on {name}, cyclic GC disabled "
              "(sorted by own time):")
        print(r["profile"].rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true",
                        help="also measure on a PostgreSQL 15 server started for the run")
    parser.add_argument("--profile", action="store_true",
                        help="always print a cProfile of build_budget_tree")
    parser.add_argument("--part", choices=["load", "core", "orm"], help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.part:
        if args.database_url:
            os.environ["DATABASE_URL"] = args.database_url
        return run_part(args)
    return run_report(args)


if __name__ == "__main__":
    sys.exit(main())
