"""Rules of a Renstra's structure: its period, the sameness of two sasaran, and the
completeness checks the Renstra editor shows as warnings (never refusals).

Permendagri 86/2017 (Pasal 1 angka 38 and Pasal 105 ff.): a Renstra Perangkat Daerah is the
plan of a period of five years, following the RPJMD. Its tables print the baseline year beside
the five plan years, and a transitional Renstra (Inmendagri 52/2022) may be shorter; the
bounds below (1 to 6 years) are therefore a project convention that admits both.

The completeness checks are a project convention: what a Bappeda planner checks before the
Renstra is signed (Permendagri 86/2017, Lampiran II, the Renstra's table of tujuan, sasaran
and indikator with targets for every year).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from akuntabel.core.capaian import Agregasi

__all__ = [
    "PERIODE_MAKS",
    "PERIODE_MAKS_TAHUN",
    "PERIODE_MIN_TAHUN",
    "IndikatorRencana",
    "Peringatan",
    "SasaranRencana",
    "agregasi_menurut_satuan",
    "cek_berlaku_mulai",
    "cek_kelengkapan",
    "cek_periode",
    "cek_tahun",
    "sama_uraian",
    "uraian_normal",
]

PERIODE_MAKS = 6
"""The most years a Renstra or RPJMD may span (five plan years and the baseline year)."""

PERIODE_MIN_TAHUN = 2000
PERIODE_MAKS_TAHUN = 2100
"""The years a plan may name: a year outside is a typing error (project convention)."""

_SPASI = re.compile(r"\s+")
_TANDA_AKHIR = ".;:,"


def uraian_normal(teks: str) -> str:
    """A description as compared: Unicode-normalised (NFKC), case-folded, runs of spaces as
    one, without the spaces and final punctuation around it.

    ``"Meningkatnya  Kualitas Layanan."`` and ``"meningkatnya kualitas layanan"`` are the same.
    """
    teks = unicodedata.normalize("NFKC", teks).casefold()
    return _SPASI.sub(" ", teks).strip().rstrip(_TANDA_AKHIR).strip()


def sama_uraian(a: str, b: str) -> bool:
    """Whether two descriptions are the same once normalised (:func:`uraian_normal`)."""
    return uraian_normal(a) == uraian_normal(b)


def cek_tahun(tahun: int, awal: int, akhir: int) -> str | None:
    """Why ``tahun`` cannot hold a target of a plan of ``awal``–``akhir``; None when it can."""
    if awal <= tahun <= akhir:
        return None
    return f"tahun {tahun} di luar periode Renstra {awal}–{akhir}."


def cek_periode(awal: int, akhir: int) -> str | None:
    """Why ``awal``–``akhir`` cannot be the period of a Renstra or an RPJMD; None when it can."""
    for tahun in (awal, akhir):
        if not PERIODE_MIN_TAHUN <= tahun <= PERIODE_MAKS_TAHUN:
            return (f"tahun {tahun} tidak wajar; tahun harus antara {PERIODE_MIN_TAHUN} dan "
                    f"{PERIODE_MAKS_TAHUN}.")
    if akhir < awal:
        return f"tahun akhir {akhir} sebelum tahun awal {awal}."
    if akhir - awal + 1 > PERIODE_MAKS:
        return (f"periode {awal}–{akhir} mencakup {akhir - awal + 1} tahun; paling lama "
                f"{PERIODE_MAKS} tahun (lima tahun rencana dan tahun kondisi awal).")
    return None


@dataclass(frozen=True)
class IndikatorRencana:
    """An indicator as the completeness checks read it."""

    uraian: str
    satuan: str = ""
    formula: str = ""
    iku: bool = False
    tahun_bertarget: frozenset[int] = frozenset()   # the years that have a Renstra target
    tempat: str = ""                                # where it is, for the message


@dataclass(frozen=True)
class SasaranRencana:
    """A sasaran as the completeness checks read it."""

    uraian: str
    indikator: Sequence[IndikatorRencana] = field(default_factory=tuple)
    tempat: str = ""


@dataclass(frozen=True)
class Peringatan:
    """A warning shown on the Renstra editor; never a refusal."""

    kode: str
    tempat: str
    pesan: str


def cek_kelengkapan(sasaran: Sequence[SasaranRencana], tahun: Sequence[int]
                    ) -> list[Peringatan]:
    """The completeness warnings of a Renstra whose plan years are ``tahun``:

    * ``REN-001`` a sasaran without an indicator (nothing measures it);
    * ``REN-002`` an IKU without a Renstra target in some plan year;
    * ``REN-003`` an indicator with a formula but no unit (the formula's result names none).
    """
    hasil: list[Peringatan] = []
    for s in sasaran:
        if not s.indikator:
            hasil.append(Peringatan("REN-001", s.tempat,
                                    f"Sasaran '{s.uraian}' belum memiliki indikator."))
        for i in s.indikator:
            kosong = [t for t in tahun if t not in i.tahun_bertarget]
            if i.iku and kosong:
                daftar = ", ".join(str(t) for t in kosong)
                hasil.append(Peringatan("REN-002", i.tempat,
                                        f"IKU '{i.uraian}' belum memiliki target tahun {daftar}."))
            if i.formula.strip() and not i.satuan.strip():
                hasil.append(Peringatan("REN-003", i.tempat,
                                        f"Indikator '{i.uraian}' memiliki formula tetapi tidak "
                                        "menyebut satuan."))
    return hasil


def cek_berlaku_mulai(tahun: int, *, awal: int, akhir: int, berlaku_terakhir: int,
                      tercatat: Mapping[int, Sequence[str]]) -> str | None:
    """Why a perubahan of the Renstra ``awal``–``akhir`` cannot be in force from ``tahun``;
    None when it can. ``berlaku_terakhir`` is the first year of the latest version (``awal``
    for a Renstra never changed); ``tercatat`` names, per year, what that year has already
    measured against the current version ("realisasi 3 indikator", "DPA", "PK yang sudah
    ditandatangani").

    Permendagri 86/2017 (Bab VI, perubahan Renstra Perangkat Daerah) lets a Renstra be changed
    within its period, established like the original; it says nothing of the years. Project
    convention: a perubahan is a new version in force from a year inside the period, after the
    first year of the version it changes, and never from a year that already has realisasi, a
    DPA or a signed Perjanjian Kinerja measured against that version: a year measured stays
    measured against the plan it was measured with.
    """
    if not awal <= tahun <= akhir:
        return f"tahun {tahun} di luar periode Renstra {awal}–{akhir}."
    if tahun <= berlaku_terakhir:
        return (f"versi yang diubah berlaku sejak tahun {berlaku_terakhir}; perubahan berlaku "
                f"paling cepat tahun {berlaku_terakhir + 1}.")
    terikat = sorted(t for t, apa in tercatat.items() if t >= tahun and apa)
    if not terikat:
        return None
    rincian = "; ".join(f"tahun {t}: {', '.join(tercatat[t])}" for t in terikat)
    paling_cepat = terikat[-1] + 1
    saran = (f"perubahan berlaku paling cepat tahun {paling_cepat}" if paling_cepat <= akhir
             else "tidak ada tahun tersisa untuk perubahan")
    return (f"tahun yang sudah diukur dengan versi yang berlaku tidak dapat diubah ({rincian}); "
            f"{saran}.")


# Units whose values are a level, not a count: a percentage, an index, a ratio, a score or a
# rate "per 1.000 penduduk". Their quarters and years are never summed (``Agregasi``).
_SATUAN_NILAI = frozenset({"%", "persen", "persentase", "indeks", "index", "rasio", "nilai",
                           "skor", "per", "permil", "‰"})
_KATA = re.compile(r"%|‰|[^\W\d_]+")


def agregasi_menurut_satuan(satuan: str) -> str:
    """The aggregation a new indicator takes from its unit when the planner chooses none
    (project convention): ``"nilai_akhir"`` (the last value, never summed) when a word of the
    unit is one of %, persen, persentase, indeks, rasio, nilai, skor or a rate "per …";
    otherwise ``"kumulatif"`` (a count: orang, desa, dokumen, kasus, or no unit)."""
    kata = {k.casefold() for k in _KATA.findall(satuan)}
    return (Agregasi.NILAI_AKHIR if kata & _SATUAN_NILAI else Agregasi.KUMULATIF).value
