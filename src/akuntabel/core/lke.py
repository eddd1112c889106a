"""Rules on an LKE worksheet beside its score (:mod:`akuntabel.core.evaluasi`): the consistency
warnings between criteria and the grade the evidence suggests. Both are data of the template
(its YAML's ``aturan_konsistensi`` and ``saran_nilai``), read and checked here, since templates
differ between evaluators and years; no criterion's code is named in this module.

**Consistency** (PermenPAN-RB 88/2021: each component is judged from three perspectives that
build on one another, keberadaan → kualitas → pemanfaatan; an evaluator defending a grade to
KemenPAN-RB must explain a use graded above the existence it needs). Two kinds of rule:

- ``antar-perspektif`` (``atas``, ``acuan`` are perspectives): in every component, the mean of
  the ``atas`` sub-component's answered criteria above the mean of the ``acuan`` one's is a
  warning, shown on each ``atas`` criterion above that mean;
- ``tidak-melebihi`` (``atas``, ``acuan`` are a criterion's number or a sub-component's code):
  each ``atas`` criterion (every criterion of a sub-component) above the ``acuan`` criterion's
  percentage, or above the mean of the ``acuan`` sub-component's answered criteria, is a
  warning: "a criterion above the average of the sub-component it depends on".

A warning never changes a grade; the evaluator decides. Criteria not answered are not compared
(nothing to compare yet), and an answer the scale does not know is left to the write service
that refuses it (project convention).

**Suggested grade** (project convention from the meaning of the grades in keberadaan, LKE
practice under PermenPAN-RB 88/2021: AA fulfilled and sustained at least 5 years, A at least 1
year, BB fulfilled, B more than 75 % fulfilled, CC more than 50 %, C more than 25 %, D started,
E nothing): the evidence counts how many of the things a criterion asks for are there
(``terpenuhi`` of ``jumlah``) and for how many consecutive years before this one it was fully
met (``tahun_sebelumnya``); the band with the highest bound these pass is the suggestion.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from akuntabel.core.angka import format_angka

__all__ = [
    "DASAR",
    "JENIS_ATURAN",
    "JENIS_BUKTI",
    "PERSPEKTIF",
    "AturanKonsistensi",
    "PeringatanKonsistensi",
    "PetaBukti",
    "PitaSaran",
    "SubLke",
    "aturan_dari_data",
    "di_atas_saran",
    "periksa_konsistensi",
    "peta_bukti_dari_data",
    "pita_saran_dari_data",
    "saran_nilai",
]

DASAR = ("PermenPAN-RB Nomor 88 Tahun 2021 (keberadaan, kualitas, pemanfaatan); aturan "
         "konsistensi dan nilai saran dari data template: konvensi proyek.")
PERSPEKTIF = ("keberadaan", "kualitas", "pemanfaatan")
JENIS_ATURAN = ("antar-perspektif", "tidak-melebihi")
SERATUS = Decimal(100)

JENIS_BUKTI = {
    "renstra": "Renstra (RPJMD bagi pemda) yang berlaku pada tahun itu; terpenuhi bila ada.",
    "renstra_formal": "Renstra (RPJMD) yang berlaku dengan dasar hukum penetapannya.",
    "pk": "Perjanjian Kinerja kepala yang ditandatangani (bagi pemda: per perangkat daerah).",
    "iku_definisi": "IKU yang memiliki definisi operasional atau formula, dari seluruh IKU.",
    "iku_smart": "IKU yang lolos pemeriksaan SMART yang dapat dihitung (core.smart).",
    "triwulan": "Laporan triwulan yang diverifikasi, dari empat triwulan per unit.",
    "capaian": "Indikator PK/IKU yang capaiannya 100 % atau lebih, dari yang terukur.",
    "lkjip_disusun": "LKjIP tahun itu yang disusun (narasi atau dokumen final).",
    "lkjip": "LKjIP final (dibekukan dengan sidik SHA-256) tahun itu.",
    "lkjip_publikasi": "LKjIP final yang dipublikasikan.",
    "lkjip_tepat_waktu": "LKjIP final yang dibuat paling lambat pada batas waktunya.",
    "reviu": "Temuan reviu (galat dan peringatan) yang telah dijelaskan, dari seluruhnya.",
    "rekomendasi": "Rekomendasi evaluasi tahun lalu yang telah ditindaklanjuti (selesai).",
}
"""The evidence kinds Akuntabel holds, each with what its fulfilment counts (terpenuhi of
jumlah); the template maps its criteria to them (project convention)."""


@dataclass(frozen=True)
class SubLke:
    """A sub-component as the rules see it: its component, perspective and criteria."""

    kode: str
    komponen: str
    perspektif: str
    kriteria: tuple[str, ...]


@dataclass(frozen=True)
class AturanKonsistensi:
    kode: str
    jenis: str
    atas: str
    acuan: str
    penjelasan: str = ""


@dataclass(frozen=True)
class PeringatanKonsistensi:
    """A warning of rule ``kode`` on the criteria ``kriteria``, with its message."""

    kode: str
    kriteria: tuple[str, ...]
    pesan: str


@dataclass(frozen=True)
class PetaBukti:
    """The evidence shown on a criterion and the kind whose fulfilment suggests its grade."""

    bukti: tuple[str, ...]
    saran: str | None = None


@dataclass(frozen=True)
class PitaSaran:
    """A suggested grade for at least ``pemenuhan`` percent fulfilled (more than, when
    ``eksklusif``) and at least ``tahun_sebelumnya`` earlier years fully met."""

    nilai: str
    pemenuhan: Decimal
    eksklusif: bool
    tahun_sebelumnya: int = 0
    arti: str = ""


def _persen(p: Decimal) -> str:
    return f"{format_angka(p)} %"


def _rata(kriteria: Sequence[str], persen: Mapping[str, Decimal]) -> Decimal | None:
    nilai = [persen[k] for k in kriteria if k in persen]
    return sum(nilai, Decimal(0)) / len(nilai) if nilai else None


def periksa_konsistensi(aturan: Sequence[AturanKonsistensi], struktur: Sequence[SubLke],
                        skala: Mapping[str, Decimal],
                        jawaban: Mapping[str, str | None]) -> list[PeringatanKonsistensi]:
    """The warnings of ``aturan`` on the answers ``jawaban`` (criterion number -> answer)."""
    kode_jawaban = {k: j.strip().upper() for k, j in jawaban.items() if j and j.strip()}
    persen = {k: skala[j] for k, j in kode_jawaban.items() if j in skala}
    sub = {s.kode: s for s in struktur}
    hasil: list[PeringatanKonsistensi] = []
    for a in aturan:
        if a.jenis == "antar-perspektif":
            for komponen in dict.fromkeys(s.komponen for s in struktur):
                atas = [s for s in struktur if s.komponen == komponen and s.perspektif == a.atas]
                acuan = [s for s in struktur
                         if s.komponen == komponen and s.perspektif == a.acuan]
                if not atas or not acuan:
                    continue
                k_atas = [k for s in atas for k in s.kriteria]
                r_atas = _rata(k_atas, persen)
                r_acuan = _rata([k for s in acuan for k in s.kriteria], persen)
                if r_atas is None or r_acuan is None or r_atas <= r_acuan:
                    continue
                nama_atas = ", ".join(s.kode for s in atas)
                nama_acuan = ", ".join(s.kode for s in acuan)
                pesan = (f"Komponen {komponen}: rata-rata {a.atas} ({nama_atas}) "
                         f"{_persen(r_atas)} lebih tinggi dari rata-rata {a.acuan} "
                         f"({nama_acuan}) {_persen(r_acuan)}.")
                hasil.append(PeringatanKonsistensi(
                    a.kode, tuple(k for k in k_atas if k in persen and persen[k] > r_acuan),
                    f"{pesan} {a.penjelasan}".strip()))
        else:
            atas_kriteria = sub[a.atas].kriteria if a.atas in sub else (a.atas,)
            if a.acuan in sub:
                batas = _rata(sub[a.acuan].kriteria, persen)
                nama = f"rata-rata {a.acuan}"
            else:
                batas = persen.get(a.acuan)
                nama = f"kriteria {a.acuan}"
                if a.acuan in kode_jawaban:
                    nama += f" ({kode_jawaban[a.acuan]})"
            if batas is None:
                continue
            for k in atas_kriteria:
                if k in persen and persen[k] > batas:
                    pesan = (f"Kriteria {k} ({kode_jawaban[k]}, {_persen(persen[k])}) lebih "
                             f"tinggi dari {nama} ({_persen(batas)}).")
                    hasil.append(PeringatanKonsistensi(a.kode, (k,),
                                                       f"{pesan} {a.penjelasan}".strip()))
    return hasil


def _teks(data: Any, kunci: str, tempat: str, wajib: bool = True) -> str:
    nilai = data.get(kunci) if isinstance(data, dict) else None
    if nilai is None and not wajib:
        return ""
    if not isinstance(nilai, str) or not nilai.strip():
        raise ValueError(f"{tempat}.{kunci}: wajib diisi dengan teks.")
    return nilai.strip()


def aturan_dari_data(data: Any, struktur: Sequence[SubLke]) -> tuple[AturanKonsistensi, ...]:
    """The rules of a template's ``aturan_konsistensi`` list, checked against its structure;
    ValueError naming the place (``aturan_konsistensi[2].acuan``) on the first fault."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ValueError("aturan_konsistensi: wajib berupa daftar aturan.")
    sub = {s.kode for s in struktur}
    kriteria = {k for s in struktur for k in s.kriteria}
    hasil: list[AturanKonsistensi] = []
    for i, d in enumerate(data):
        t = f"aturan_konsistensi[{i}]"
        kode = _teks(d, "kode", t)
        if kode in {a.kode for a in hasil}:
            raise ValueError(f"{t}.kode: kode {kode} ganda.")
        jenis = _teks(d, "jenis", t)
        if jenis not in JENIS_ATURAN:
            raise ValueError(f"{t}.jenis: {jenis!r} bukan {' atau '.join(JENIS_ATURAN)}.")
        pilihan = set(PERSPEKTIF) if jenis == "antar-perspektif" else sub | kriteria
        nama = "perspektif" if jenis == "antar-perspektif" else "sub-komponen atau kriteria"
        ujung = {}
        for kunci in ("atas", "acuan"):
            ujung[kunci] = _teks(d, kunci, t)
            if ujung[kunci] not in pilihan:
                raise ValueError(f"{t}.{kunci}: {ujung[kunci]!r} bukan {nama} template ini.")
        hasil.append(AturanKonsistensi(kode, jenis, ujung["atas"], ujung["acuan"],
                                       _teks(d, "penjelasan", t, wajib=False)))
    return tuple(hasil)


def pita_saran_dari_data(data: Any, skala: Collection[str]) -> tuple[PitaSaran, ...]:
    """The bands of a template's ``saran_nilai`` list; each grade must be in its scale."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ValueError("saran_nilai: wajib berupa daftar pita.")
    hasil: list[PitaSaran] = []
    for i, d in enumerate(data):
        t = f"saran_nilai[{i}]"
        nilai = _teks(d, "nilai", t).upper()
        if nilai not in skala:
            raise ValueError(f"{t}.nilai: {nilai!r} tidak ada dalam skala jawaban template.")
        eksklusif = "pemenuhan_lebih_dari" in d
        if eksklusif == ("pemenuhan_minimal" in d):
            raise ValueError(f"{t}: tulis tepat satu dari pemenuhan_lebih_dari atau "
                             "pemenuhan_minimal.")
        mentah = d["pemenuhan_lebih_dari" if eksklusif else "pemenuhan_minimal"]
        tahun = d.get("tahun_sebelumnya", 0)
        try:
            if isinstance(mentah, bool) or not isinstance(mentah, int | str):
                raise InvalidOperation
            batas = Decimal(str(mentah))
        except InvalidOperation:
            raise ValueError(f"{t}: batas pemenuhan bukan angka ({mentah!r}).") from None
        if not batas.is_finite() or not Decimal(0) <= batas <= SERATUS:
            raise ValueError(f"{t}: batas pemenuhan harus antara 0 dan 100 ({mentah!r}).")
        if isinstance(tahun, bool) or not isinstance(tahun, int) or tahun < 0:
            raise ValueError(f"{t}.tahun_sebelumnya: bukan bilangan bulat ≥ 0 ({tahun!r}).")
        hasil.append(PitaSaran(nilai, batas, eksklusif, tahun,
                               _teks(d, "arti", t, wajib=False)))
    return tuple(hasil)


def di_atas_saran(jawaban: str | None, saran: str | None,
                  skala: Mapping[str, Decimal]) -> str | None:
    """A warning when ``jawaban`` is worth more than the grade the evidence suggests (project
    convention: a grade above what Akuntabel's own evidence shows needs the evaluator's eye; one
    below it is cautious and left alone); None otherwise."""
    kode = (jawaban or "").strip().upper()
    if not kode or saran is None or kode not in skala or saran not in skala:
        return None
    if skala[kode] <= skala[saran]:
        return None
    return (f"Nilai {kode} ({_persen(skala[kode])}) lebih tinggi dari nilai saran bukti "
            f"Akuntabel {saran} ({_persen(skala[saran])}).")


def saran_nilai(terpenuhi: int, jumlah: int, tahun_sebelumnya: int,
                pita: Sequence[PitaSaran]) -> PitaSaran | None:
    """The band of the highest bound that ``terpenuhi`` of ``jumlah`` passes, with its years;
    None when there is nothing to count or no band holds it."""
    if jumlah <= 0:
        return None
    persen = Decimal(terpenuhi) * SERATUS / Decimal(jumlah)
    for p in sorted(pita, key=lambda p: (p.pemenuhan, p.eksklusif, p.tahun_sebelumnya),
                    reverse=True):
        lewat = persen > p.pemenuhan if p.eksklusif else persen >= p.pemenuhan
        if lewat and tahun_sebelumnya >= p.tahun_sebelumnya:
            return p
    return None


def peta_bukti_dari_data(data: Any, kriteria: Collection[str]) -> dict[str, PetaBukti]:
    """A template's ``bukti_kriteria`` (criterion number -> ``bukti`` kinds, ``saran`` one of
    them), checked against its criteria and :data:`JENIS_BUKTI`."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ValueError("bukti_kriteria: wajib berupa pemetaan nomor kriteria -> bukti.")
    hasil: dict[str, PetaBukti] = {}
    for nomor, d in data.items():
        t = f"bukti_kriteria.{nomor}"
        if nomor not in kriteria:
            raise ValueError(f"{t}: bukan nomor kriteria template ini.")
        bukti = d.get("bukti") if isinstance(d, dict) else None
        if not isinstance(bukti, list) or not bukti:
            raise ValueError(f"{t}.bukti: wajib berupa daftar jenis bukti.")
        for jenis in bukti:
            if jenis not in JENIS_BUKTI:
                raise ValueError(f"{t}.bukti: {jenis!r} bukan jenis bukti Akuntabel "
                                 f"({', '.join(JENIS_BUKTI)}).")
        saran = d.get("saran")
        if saran is not None and saran not in bukti:
            raise ValueError(f"{t}.saran: {saran!r} bukan salah satu bukti kriteria ini.")
        hasil[str(nomor)] = PetaBukti(tuple(bukti), saran)
    return hasil
