"""Test worlds for the SIPD import: an empty OPD (its pemda has an RPJMD and plans with the
Kepmendagri 900 code list, loaded from the repository's reference/ folder) and the sample
files copied from shared/samples/sipd (samples/README.md names their sources)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Rpjmd
from akuntabel.references.models import EdisiReferensi, KodeNomenklatur
from akuntabel.references.services import normalisasi
from tests.builders import make_opd, make_pemda

SAMPLES = Path(__file__).parent / "samples"
REKAP = SAMPLES / "rekapver5.xlsx"
DISHUB = SAMPLES / "2.15.0.00.0.00.01.0000 - Dinas Perhubungan.json"
MENTAH = SAMPLES / "rekap-sumber-dana.json"
REFERENCE = Path(__file__).resolve().parents[3] / "reference"


def make_edisi_900() -> EdisiReferensi:
    """The kab/kota nomenclature of Kepmendagri 900.1.15.5-1317/2023, every level."""
    edisi = EdisiReferensi.objects.create(
        kode=f"uji-900-{EdisiReferensi.objects.count() + 1}", nama="Kepmendagri 900 (uji)",
        daftar="nomenklatur", jenis="kabkota", dasar_hukum="Kepmendagri 900.1.15.5-1317/2023",
        berlaku_mulai=date(2024, 1, 1))
    rows = []
    for tingkat in ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan"):
        with (REFERENCE / f"{tingkat}.tsv").open(encoding="utf-8") as f:
            for r in csv.reader(f, delimiter="\t"):
                if r:
                    rows.append(KodeNomenklatur(edisi=edisi, kode=r[0], tingkat=tingkat,
                                                nama=r[1], cari=normalisasi(r[1])))
    KodeNomenklatur.objects.bulk_create(rows, batch_size=1000)
    return edisi


def make_opd_kosong(edisi: EdisiReferensi | None = None, **overrides) -> PerangkatDaerah:
    """An OPD before its plan: no Renstra, its pemda with an RPJMD 2025-2029."""
    pemda = make_pemda(jenis="kabupaten", edisi_referensi=edisi or make_edisi_900())
    Rpjmd.objects.create(pemda=pemda, tahun_awal=2025, tahun_akhir=2029, visi="Visi uji")
    return make_opd(pemda=pemda, **overrides)
