"""A small nomenclature edition for the search tests, built through the loader's own rules."""

from __future__ import annotations

from datetime import date

from akuntabel.references.models import EdisiReferensi, KodeNomenklatur
from akuntabel.references.services import normalisasi

KODE = [
    ("1", "urusan", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"),
    ("1.06", "bidang", "URUSAN PEMERINTAHAN BIDANG SOSIAL"),
    ("1.06.02", "program", "PROGRAM PEMBERDAYAAN SOSIAL"),
    ("1.06.04", "program", "PROGRAM REHABILITASI SOSIAL"),
    ("1.06.04.2.01", "kegiatan", "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar"),
    ("1.06.04.2.01.0001", "sub_kegiatan", "Penyediaan Permakanan"),
    ("1.06.04.2.01.0002", "sub_kegiatan", "Penyediaan Sandang"),
    ("2", "urusan", "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR"),
    ("2.01", "bidang", "URUSAN PEMERINTAHAN BIDANG TENAGA KERJA"),
    ("1.07.01.2.01.0001", "sub_kegiatan", "Pelatihan Tahap 2 bagi Pencari Kerja"),
    ("X.XX.01", "program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"),
    ("X.XX.01.2.01", "kegiatan", "Perencanaan, Penganggaran, dan Evaluasi Kinerja"),
    ("X.XX.01.2.01.0001", "sub_kegiatan", "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
]


def make_edisi(kode: str = "uji", daftar: str = "nomenklatur", **overrides) -> EdisiReferensi:
    values = {"nama": f"Edisi {kode}", "daftar": daftar, "jenis": "kabkota",
              "dasar_hukum": "Kepmendagri (uji)", "berlaku_mulai": date(2024, 1, 1)}
    values.update(overrides)
    return EdisiReferensi.objects.create(kode=kode, **values)


def make_kode(edisi: EdisiReferensi, kode: str, tingkat: str, nama: str,
              **overrides) -> KodeNomenklatur:
    values = {"kinerja": f"Kinerja {nama}", "indikator": f"Jumlah {nama}", "satuan": "Dokumen"}
    values.update(overrides)
    return KodeNomenklatur.objects.create(edisi=edisi, kode=kode, tingkat=tingkat, nama=nama,
                                          cari=normalisasi(nama), **values)


def make_sosial(kode: str = "uji") -> EdisiReferensi:
    edisi = make_edisi(kode)
    for k, tingkat, nama in KODE:
        make_kode(edisi, k, tingkat, nama)
    return edisi
