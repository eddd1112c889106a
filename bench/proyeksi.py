"""Backtest of the early warning's projections (src/akuntabel/core/proyeksi.py): every past
indicator-year projected from its own TW I, II and III as the pages would have then, and
compared with the year's realisasi; the mean absolute percentage error (MAPE) and the share of
the year's values inside the interval, per aggregation and per triwulan, printed beside a
stated floor.

    .venv/bin/python bench/proyeksi.py                   # the demo and Kota Contoh, 40 × 300
    .venv/bin/python bench/proyeksi.py --opd 5 --indikator 60

Data: the demo dataset (Dinas Sosial Kota Metro, data/demo/) and Kota Contoh, the synthetic
pemda (src/akuntabel/demo_contoh.py, generated in memory with its fixed seed; nothing is
written). Pure Python through ``core.proyeksi.uji_balik``, no database. A report, not a
test: the exit status is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

import yaml  # noqa: E402

from akuntabel.core.angka import format_persen, parse_angka  # noqa: E402
from akuntabel.core.proyeksi import (  # noqa: E402
    KasusUji,
    RiwayatTahun,
    kalibrasi_interval,
    uji_balik,
)

BATAS_MAPE = Decimal(15)
"""Floor: a projection off by more than 15 % on average cannot tell an indicator heading for
Sedang (capaian 66) from one on target (100) — the warning's whole purpose (project
convention)."""
BATAS_DALAM = Decimal(70)
"""Floor: at least 70 % of the years' values inside the stated interval (project convention:
a range users can rely on more often than not)."""


def _angka(teks: Any) -> Decimal | None:
    if teks is None:
        return None
    return getattr(parse_angka(str(teks)), "nilai", None)


def _indikator(node: Any) -> Iterator[dict[str, Any]]:
    """Every indicator of a dataset: the dicts holding an ``agregasi``."""
    if isinstance(node, dict):
        if "agregasi" in node and "uraian" in node:
            yield node
        for value in node.values():
            yield from _indikator(value)
    elif isinstance(node, list):
        for value in node:
            yield from _indikator(value)


def _kasus(ind: dict[str, Any]) -> Iterator[tuple[int, KasusUji]]:  # (year, case)
    """The past years of one indicator with all quarters, each with the years before it."""
    if ind.get("agregasi") not in ("kumulatif", "nilai_akhir") or \
            ind.get("polaritas") == "kualitatif":
        return
    tw = {int(y): {int(q): _angka(v) for q, v in quarters.items()}
          for y, quarters in (ind.get("realisasi_triwulan") or {}).items()}
    rencana = {int(y): {int(q): _angka(v) for q, v in plan.items()}
               for y, plan in (ind.get("target_triwulan") or {}).items()}
    targets = ind.get("target") or {}
    for y in sorted(tw):
        target = next((_angka(targets.get(j, {}).get(y)) for j in ("pk", "renja", "renstra")
                       if (targets.get(j) or {}).get(y) is not None), None)
        riwayat = [RiwayatTahun(tw[e]) for e in sorted(tw) if e < y]
        yield y, KasusUji(ind["agregasi"], tw[y], None, rencana.get(y), target, riwayat)


Kasus = tuple[str, int, KasusUji]   # (OPD, year, case)


def _kalibrasi(kasus: list[Kasus], sampai: int) -> dict[int, list[KasusUji]]:
    """By year, its cases with the interval calibrated as the pages do: on the same OPD's
    projections of earlier years, same aggregation and triwulan (none before the first)."""
    per: dict[tuple[str, str, int], list[KasusUji]] = defaultdict(list)
    for opd, y, k in kasus:
        per[opd, str(k.agregasi), y].append(k)
    hasil: dict[int, list[KasusUji]] = defaultdict(list)
    for (opd, agregasi, y), ks in per.items():
        dulu = [k for (o, a, th), kk in per.items() if (o, a) == (opd, agregasi) and th < y
                for k in kk]
        kal = kalibrasi_interval(dulu, sampai) if dulu else None
        if kal is not None:
            hasil[y] += [replace(k, kalibrasi=kal) for k in ks]
    return hasil


def _laporan(judul: str, kasus: list[Kasus]) -> list[str]:
    baris = [f"\n{judul}: {len(kasus)} indicator-years with quarters",
             f"  {'group':<44}{'TW':>4}{'n':>8}{'MAPE':>10}{'floor':>9}{'inside':>9}"
             f"{'floor':>8}"]
    kelompok: dict[tuple[str, int], list[KasusUji]] = defaultdict(list)
    for sampai in (1, 2, 3):
        for _opd, y, k in kasus:
            kelompok[str(k.agregasi), sampai].append(k)
            kelompok[f"{k.agregasi}, year {y}", sampai].append(k)
        for y, ks in _kalibrasi(kasus, sampai).items():
            for k in ks:
                kelompok[f"{k.agregasi}, year {y}, calibrated", sampai].append(k)
                kelompok[f"{k.agregasi}, calibrated", sampai].append(k)
    for nama, sampai in sorted(kelompok):
        a = uji_balik(kelompok[nama, sampai], sampai)
        if not a.n:
            continue
        over = (a.mape is not None and a.mape > BATAS_MAPE) or \
            (a.dalam_interval is not None and a.dalam_interval < BATAS_DALAM)
        baris.append(
            f"  {nama:<44}{sampai:>4}{a.n:>8}{format_persen(a.mape):>10}"
            f"{'≤ ' + format_persen(BATAS_MAPE):>9}{format_persen(a.dalam_interval):>9}"
            f"{'≥ ' + format_persen(BATAS_DALAM, 0):>8}{'  OVER' if over else ''}")
    if len(baris) == 2:
        baris.append("  (no past year with quarterly realisasi: nothing to project from)")
    return baris


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opd", type=int, default=40)
    parser.add_argument("--indikator", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    demo = yaml.safe_load((ROOT / "data/demo/kota-metro-dinas-sosial.yaml").read_text("utf-8"))
    out = _laporan("Demo, Dinas Sosial Kota Metro (real)",
                   [("demo", y, k) for ind in _indikator(demo) for y, k in _kasus(ind)])

    # The generator reads the official code lists through Django's models (no database is
    # opened): settings pointing at a temporary folder, deleted at the end.
    tmp = Path(tempfile.mkdtemp(prefix="akuntabel-bench-proyeksi-"))
    os.environ.update({"AKUNTABEL_ALLOW_DEV_KEY": "1", "AKUNTABEL_LOCAL": "1",
                       "AKUNTABEL_VAR_DIR": str(tmp),
                       "DATABASE_URL": f"sqlite:///{tmp / 'tidak-dipakai.sqlite3'}",
                       "DJANGO_SETTINGS_MODULE": "akuntabel.settings"})
    os.environ.pop("DEBUG", None)
    try:
        import django

        django.setup()
        from akuntabel.demo_contoh import Ukuran, generate

        mulai = time.perf_counter()
        contoh = generate(Ukuran(opd=args.opd, indikator=args.indikator, baris_dpa=0,
                                 seed=args.seed))
        dibuat = time.perf_counter() - mulai
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    kasus = [(opd, y, k) for opd, dataset in contoh.datasets.items()
             for ind in _indikator(dataset) for y, k in _kasus(ind)]
    mulai = time.perf_counter()
    out += _laporan(f"Kota Contoh (synthetic, {args.opd} OPD × {args.indikator} indicators, "
                    f"seed {args.seed})", kasus)
    diuji = time.perf_counter() - mulai
    print("\n".join(out))
    print(f"\ngenerated in {dibuat:.1f} s, backtested in {diuji:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
