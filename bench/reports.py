"""Report speed: the LKjIP of the demo in DOCX (target < 3 s) and PDF (< 15 s), and of a
synthetic OPD with 300 indicators and ~5.000 budget lines in DOCX (< 10 s).

    .venv/bin/python bench/reports.py

Each figure is the context build plus the rendering, in a fresh SQLite database in a
temporary folder (the demo loaded with the dataset loader; the synthetic OPD written with
bulk_create).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
TMP = Path(tempfile.mkdtemp(prefix="akuntabel-bench-"))
os.environ.update({"AKUNTABEL_ALLOW_DEV_KEY": "1", "AKUNTABEL_LOCAL": "1",
                   "AKUNTABEL_VAR_DIR": str(TMP),
                   "DATABASE_URL": f"sqlite:///{TMP / 'bench.sqlite3'}",
                   "DJANGO_SETTINGS_MODULE": "akuntabel.settings"})

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

TARGETS = {"demo docx": 3.0, "demo pdf": 15.0, "synthetic docx": 10.0}


def timed(label: str, fn, results: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    results[label] = time.perf_counter() - t0


def synthetic_opd():  # type: ignore[no-untyped-def]
    from akuntabel.budget.models import Dpa, DpaLine, DpaSubKegiatan
    from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah
    from akuntabel.plans.models import (
        Indikator,
        Kegiatan,
        Program,
        Renstra,
        Rpjmd,
        Sasaran,
        SubKegiatan,
        Target,
        Tujuan,
    )
    from akuntabel.results.models import Realisasi

    pemda = Pemda.objects.create(kode="bench", nama="Kota Bench", jenis="kota",
                                 kepala_daerah_jabatan="Wali Kota Bench")
    opd = PerangkatDaerah.objects.create(pemda=pemda, kode="dinas-bench", nama="Dinas Bench")
    Pejabat.objects.create(perangkat_daerah=opd, peran="kepala", nama="KEPALA BENCH",
                           nip="197001011990031001", jabatan="Kepala Dinas Bench")
    rpjmd = Rpjmd.objects.create(pemda=pemda, tahun_awal=2021, tahun_akhir=2026, visi="Visi")
    renstra = Renstra.objects.create(perangkat_daerah=opd, rpjmd=rpjmd, tahun_awal=2021,
                                     tahun_akhir=2026)
    tujuan = Tujuan.objects.create(renstra=renstra, uraian="Tujuan")
    sasaran = Sasaran.objects.create(tujuan=tujuan, uraian="Sasaran", kode="S1")
    iku = Indikator.objects.create(perangkat_daerah=opd, sasaran=sasaran, uraian="IKU bench",
                                   satuan="%", agregasi="nilai_akhir", iku=True, kode="IKU")
    Target.objects.create(indikator=iku, jenis="pk", tahun=2023, teks="90%", nilai=90,
                          satuan="%")
    Realisasi.objects.create(indikator=iku, tahun=2023, teks="92%", nilai=92, satuan="%")
    dpa = Dpa.objects.create(perangkat_daerah=opd, tahun=2023)
    indicators = targets = 0
    lines = 0
    for p in range(6):
        program = Program.objects.create(renstra=renstra, kode=f"1.06.{p + 2:02d}",
                                         nama=f"PROGRAM {p}", urutan=p)
        for k in range(5):
            kegiatan = Kegiatan.objects.create(program=program, kode=f"{program.kode}.2.{k:02d}",
                                               nama=f"Kegiatan {p}.{k}", urutan=k)
            for s in range(34):
                sub = SubKegiatan.objects.create(kegiatan=kegiatan,
                                                 kode=f"{kegiatan.kode}.{s:04d}",
                                                 nama=f"Sub kegiatan {p}.{k}.{s}", urutan=s)
                anggaran = DpaSubKegiatan.objects.create(dpa=dpa, sub_kegiatan=sub,
                                                         pagu=Decimal(10_000_000),
                                                         realisasi=Decimal(9_000_000))
                if indicators < 299:
                    ind = Indikator.objects.create(perangkat_daerah=opd, sub_kegiatan=sub,
                                                   uraian=f"Jumlah penerima {indicators}",
                                                   satuan="Orang", urutan=indicators)
                    Target.objects.create(indikator=ind, jenis="renja", tahun=2023,
                                          teks="10 Orang", nilai=10, satuan="Orang")
                    Realisasi.objects.create(indikator=ind, tahun=2023, teks="9 Orang",
                                             nilai=9, satuan="Orang")
                    indicators += 1
                    targets += 1
                parent = DpaLine.objects.create(anggaran=anggaran, kode_rekening="5.1",
                                                uraian="Belanja Operasi",
                                                pagu=Decimal(10_000_000),
                                                realisasi=Decimal(9_000_000), urutan=lines)
                DpaLine.objects.bulk_create(
                    DpaLine(anggaran=anggaran, induk=parent, uraian=f"Belanja {i}",
                            pagu=Decimal(2_500_000), realisasi=Decimal(2_250_000),
                            urutan=lines + 1 + i) for i in range(4))
                lines += 5
    return opd, indicators + 1, lines


def main() -> int:
    from akuntabel.adapters.dataset.loader import load_dataset
    from akuntabel.adapters.dataset.reader import read_dataset
    from akuntabel.cli import DEMO_FILE
    from akuntabel.reports.lakip import build_lakip_context
    from akuntabel.reports.renderers.docx import render_docx
    from akuntabel.reports.renderers.pdf import render_pdf

    call_command("migrate", verbosity=0)
    demo = load_dataset(read_dataset(DEMO_FILE)).perangkat_daerah
    results: dict[str, float] = {}
    when = date(2024, 2, 29)
    timed("demo docx", lambda: render_docx(build_lakip_context(demo, 2023, when)), results)
    timed("demo pdf", lambda: render_pdf(build_lakip_context(demo, 2023, when)), results)
    opd, n_ind, n_lines = synthetic_opd()
    timed("synthetic docx", lambda: render_docx(build_lakip_context(opd, 2023, when)), results)
    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}; synthetic OPD: "
          f"{n_ind} indicators, {n_lines} budget lines")
    for label, seconds in results.items():
        target = TARGETS[label]
        verdict = "ok" if seconds < target else "OVER"
        print(f"{label:<16} {seconds:6.2f} s   target < {target:.0f} s   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
