"""The plain data a reviu runs on, and what it produces.

``ReviuData`` is built from the database (``akuntabel.reviews.context``) or by a test; the
rules read it and return ``Finding`` objects. Nothing here knows about Django.

Keys (``kunci``) are stable across reloads of the same data: they are made of codes and
names, not database ids, so that a finding explained once stays explained while the data it
refers to does not change (``Finding.sidik_jari``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from akuntabel.core.peringkat import DEFAULT_SKALA, Skala

Tingkat = Literal["error", "warning", "info"]
TINGKAT_URUTAN: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Nilai:
    """A value as printed or entered (``teks``) with what could be read from it."""

    teks: str
    nilai: Decimal | None = None
    satuan: str | None = None


@dataclass(frozen=True)
class Identitas:
    opd_nama: str
    pemda_nama: str
    pemda_jenis: str  # kota | kabupaten | provinsi
    kepala_daerah_jabatan: str  # e.g. "Wali Kota Metro"
    tahun: int  # the report year
    renstra_awal: int
    renstra_akhir: int
    rpjmd_awal: int
    rpjmd_akhir: int
    tabel_tahun_tercetak: tuple[int, ...] = ()  # the Renstra table's year columns as printed
    pejabat: tuple[Pejabat, ...] = ()


@dataclass(frozen=True)
class Pejabat:
    nama: str
    nip: str
    jabatan: str


@dataclass(frozen=True)
class BarisAnggaran:
    """One row of the budget tree: the OPD, a program, kegiatan, sub kegiatan or rekening line.

    For a sub kegiatan, ``pagu``/``realisasi`` are its DPA amounts (the truth for it and above).
    For a rekening leaf they are its amounts. For a program, kegiatan or a rekening line with
    children they are the amounts printed on that row (None when none was printed).
    """

    kunci: str  # "opd", "program:1.06.02", "sub_kegiatan:1.06.04.2.01.0012", "rekening:…"
    induk: str | None
    tingkat: str  # opd | program | kegiatan | sub_kegiatan | rekening
    kode: str
    uraian: str
    jalur: str  # a person's path to it: "1.06.04 › 1.06.04.2.01.0012 Pemberian … › Belanja Operasi"
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan_tercetak: Nilai | None = None  # the serapan printed on the row, if any


@dataclass(frozen=True)
class AnggaranLain:
    """A budget total printed outside the budget table (a summary table, a sentence)."""

    tempat: str
    pagu: Decimal | None
    realisasi: Decimal | None
    serapan_teks: str = ""


@dataclass(frozen=True)
class Indikator:
    kunci: str  # "indikator:IKU-1" or "indikator:<node kunci>#<n>"
    uraian: str
    node_kunci: str  # kunci of its tujuan / sasaran / program / kegiatan / sub kegiatan
    jalur: str
    satuan: str = ""
    polaritas: str = "naik"
    metode_turun: str = "selisih"
    iku: bool = False
    nomor_tercetak: int | None = None
    target: dict[str, dict[int, Nilai]] = field(default_factory=dict)  # jenis -> tahun -> value
    # The year's realisasi: the annual figure reported, else the quarters combined by
    # ``agregasi`` (core.realisasi); the quarters' figure is also kept apart to compare.
    realisasi: dict[int, Nilai] = field(default_factory=dict)
    realisasi_dihitung: dict[int, Decimal] = field(default_factory=dict)  # from components
    agregasi: str = "kumulatif"
    realisasi_triwulan: dict[int, Decimal] = field(default_factory=dict)  # TW I–IV combined
    capaian_tercetak: dict[int, Nilai] = field(default_factory=dict)  # capaian as printed


@dataclass(frozen=True)
class Komponen:
    nomor: str
    uraian: str
    nilai: Nilai | None
    rincian: tuple[Komponen, ...] = ()


@dataclass(frozen=True)
class Perhitungan:
    """An indicator computed from components: Σ komponen ÷ penyebut × 100."""

    indikator_kunci: str
    tahun: int
    penyebut: Nilai | None
    pembilang_tercetak: Nilai | None
    hasil_tercetak: Nilai | None
    komponen: tuple[Komponen, ...] = ()


@dataclass(frozen=True)
class RenstraAnggaran:
    """A node's funding in the Renstra for a year and the realisasi the report printed
    against it (to compare with the DPA row ``node_kunci``)."""

    node_kunci: str
    jalur: str
    tahun: int
    target: Decimal | None
    target_teks: str
    realisasi_dilaporkan: Decimal | None
    realisasi_teks: str


@dataclass(frozen=True)
class BarisPk:
    indikator_kunci: str
    target: Nilai | None


@dataclass(frozen=True)
class PerjanjianKinerja:
    tahun: int
    jenis: str  # induk | perubahan
    tahun_tercetak: int | None
    baris: tuple[BarisPk, ...] = ()


@dataclass(frozen=True)
class Narasi:
    kunci: str  # section key (reports.models.NARASI_KUNCI)
    judul: str
    teks: str


@dataclass(frozen=True)
class ReviuData:
    identitas: Identitas
    anggaran: tuple[BarisAnggaran, ...] = ()
    anggaran_lain: tuple[AnggaranLain, ...] = ()
    indikator: tuple[Indikator, ...] = ()
    perhitungan: tuple[Perhitungan, ...] = ()
    renstra_anggaran: tuple[RenstraAnggaran, ...] = ()
    perjanjian_kinerja: tuple[PerjanjianKinerja, ...] = ()
    narasi: tuple[Narasi, ...] = ()
    # Counts of the program tree in the report year (nodes with budget or indicators).
    jumlah_program: int = 0
    jumlah_kegiatan: int = 0
    jumlah_sub_kegiatan: int = 0
    skala: Skala = DEFAULT_SKALA
    # The state of each triwulan report of the year (1-4 -> "draft", "diajukan",
    # "diverifikasi", "dikembalikan"); None when unknown (a report imported from print).
    triwulan_status: dict[int, str] | None = None
    # By triwulan: how many realisasi values carry a plausibility warning (core.plausibilitas)
    # and no note; None when unknown.
    kewajaran_tanpa_catatan: dict[int, int] | None = None


@dataclass(frozen=True)
class Lokasi:
    bagian: str  # where a reader finds it: "Tabel 3.2 Realisasi Anggaran", "Bab IV Penutup"
    kunci: str  # the stable key of the object (see module docstring)
    uraian: str  # a person's description: the path of the node, the sentence quoted


@dataclass(frozen=True)
class Finding:
    code: str  # stable rule code, e.g. "ANG-001"
    tingkat: Tingkat
    pesan: str  # Indonesian
    pesan_en: str
    lokasi: Lokasi
    diharapkan: str | None = None  # expected value, as a person writes it
    ditemukan: str | None = None  # found value

    @property
    def sidik_jari(self) -> str:
        """A fingerprint that changes when the finding's object or values change."""
        raw = "|".join((self.code, self.lokasi.kunci, self.diharapkan or "", self.ditemukan or ""))
        return hashlib.sha256(raw.encode()).hexdigest()[:20]
