"""Scoring of the Evaluasi Akuntabilitas Kinerja Instansi Pemerintah (AKIP) by its Lembar
Kriteria Evaluasi (LKE), PermenPAN-RB Nomor 88 Tahun 2021.

The template (components, sub-components, criteria, answer scale, predikat bands) is data: it
is passed in, never held here, since templates differ between evaluators and years. The rules:

- a criterion's answer (``AA`` … ``E`` in the 8-grade scale of current practice, ``Y``/``T``
  or ``A``–``E`` in older templates) is worth the percentage the template's scale gives it;
- a sub-component is worth its weight × the mean of its criteria's percentages ÷ 100. Each
  sub-component is one perspective of its component (keberadaan 20 %, kualitas 30 %,
  pemanfaatan 50 % of the component's weight, PermenPAN-RB 88/2021): the split is in the
  sub-components' weights, so the rule needs no further factor;
- a component is the sum of its sub-components; the total is the sum of the components (0–100);
- the predikat is the band whose lower bound the total passes: "more than" the bound when the
  band says so (PermenPAN-RB 88/2021: AA > 90–100, A > 80–90 …; exactly 90,00 is A, exactly
  70,00 is B).

Project conventions, stated so an auditor can check them:

- a criterion not answered counts 0 % and is listed in :attr:`HasilEvaluasi.tak_dijawab`, so
  an incomplete worksheet is visible and never scored higher than its answers;
- figures are computed exactly (Decimal); the total is rounded half-up to two decimals
  (:func:`akuntabel.core.angka.round_half_up`) only when shown, and the predikat is read from
  that rounded total, the figure the LHE prints (a total of 90,004 is printed 90,00 and is A).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from akuntabel.core.angka import format_angka, round_half_up

__all__ = [
    "DASAR",
    "HasilEvaluasi",
    "Komponen",
    "PitaPredikat",
    "SubKomponen",
    "format_nilai",
    "hitung_evaluasi",
    "nilai_sub_komponen",
    "persen_jawaban",
    "predikat_untuk",
]

DASAR = ("PermenPAN-RB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas Kinerja Instansi "
         "Pemerintah; kriteria tak dijawab bernilai 0: konvensi proyek.")

SERATUS = Decimal(100)


@dataclass(frozen=True)
class PitaPredikat:
    """One predikat band: a total above ``batas_bawah`` (or at it, when not ``eksklusif``)."""

    batas_bawah: Decimal
    eksklusif: bool
    predikat: str
    sebutan: str = ""

    def memuat(self, nilai: Decimal) -> bool:
        return nilai > self.batas_bawah if self.eksklusif else nilai >= self.batas_bawah


@dataclass(frozen=True)
class SubKomponen:
    """A sub-component: its weight (points of the 100) and its criteria's codes, in order."""

    kode: str
    bobot: Decimal
    kriteria: tuple[str, ...]


@dataclass(frozen=True)
class Komponen:
    kode: str
    sub: tuple[SubKomponen, ...]


@dataclass(frozen=True)
class HasilEvaluasi:
    """Exact figures (not rounded), the predikat of the rounded total, unanswered criteria."""

    nilai_sub: dict[str, Decimal]
    nilai_komponen: dict[str, Decimal]
    total: Decimal
    predikat: PitaPredikat | None
    tak_dijawab: tuple[str, ...]


def persen_jawaban(kriteria: str, jawaban: str | None, skala: Mapping[str, Decimal]) -> Decimal:
    """The percentage of ``jawaban`` in the template's scale; 0 when not answered (project
    convention). An answer the scale does not know is refused, naming the criterion."""
    if jawaban is None or not jawaban.strip():
        return Decimal(0)
    kode = jawaban.strip().upper()
    if kode not in skala:
        pilihan = ", ".join(skala)
        raise ValueError(f"Kriteria {kriteria}: jawaban {jawaban!r} tidak ada dalam skala "
                         f"template ({pilihan}).")
    return skala[kode]


def nilai_sub_komponen(bobot: Decimal, persen: Sequence[Decimal]) -> Decimal:
    """Weight × the mean of the criteria's percentages ÷ 100 (PermenPAN-RB 88/2021)."""
    if not persen:
        raise ValueError("Sub-komponen tanpa kriteria tidak dapat dinilai.")
    return bobot * (sum(persen, Decimal(0)) / len(persen)) / SERATUS


def predikat_untuk(nilai: Decimal, pita: Sequence[PitaPredikat]) -> PitaPredikat | None:
    """The band of the highest lower bound that ``nilai`` passes; None when none holds it."""
    for p in sorted(pita, key=lambda p: (p.batas_bawah, p.eksklusif), reverse=True):
        if p.memuat(nilai):
            return p
    return None


def hitung_evaluasi(komponen: Sequence[Komponen], skala: Mapping[str, Decimal],
                    pita: Sequence[PitaPredikat],
                    jawaban: Mapping[str, str | None]) -> HasilEvaluasi:
    """Score a worksheet: ``jawaban`` maps a criterion's code to its answer (or None)."""
    nilai_sub: dict[str, Decimal] = {}
    nilai_komponen: dict[str, Decimal] = {}
    tak_dijawab: list[str] = []
    for k in komponen:
        jumlah = Decimal(0)
        for s in k.sub:
            persen = []
            for kode in s.kriteria:
                j = jawaban.get(kode)
                if j is None or not j.strip():
                    tak_dijawab.append(kode)
                persen.append(persen_jawaban(kode, j, skala))
            if not persen:
                raise ValueError(f"Sub-komponen {s.kode} tidak memiliki kriteria.")
            nilai_sub[s.kode] = nilai_sub_komponen(s.bobot, persen)
            jumlah += nilai_sub[s.kode]
        nilai_komponen[k.kode] = jumlah
    total = sum(nilai_komponen.values(), Decimal(0))
    return HasilEvaluasi(nilai_sub, nilai_komponen, total,
                         predikat_untuk(round_half_up(total), pita), tuple(tak_dijawab))


def format_nilai(nilai: Decimal) -> str:
    """A score as printed: two decimals, half-up, decimal comma (``70,00``)."""
    return format_angka(round_half_up(nilai), 2)
