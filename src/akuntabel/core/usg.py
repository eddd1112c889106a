"""USG scoring of strategic issues: Urgency, Seriousness, Growth.

The Renstra's step of formulating strategic issues (perumusan isu strategis, Permendagri
86/2017) names no scoring method; USG is the method most Renstra and LKjIP use, the seed's
among them. What follows is project convention, stated so that an auditor can check it:

- each of U, S and G is scored on the pemda's scale (1–5 unless the pemda sets another),
  at most two decimals (the mean of a panel's scores);
- the total is U + S + G; an issue missing one score has no total and no rank;
- issues are ranked from the highest total; equal totals share a rank and the next rank is
  skipped (1, 2, 2, 4: "standard competition ranking"). No tie-break by U or S is applied,
  since no rule sets one: the planner chooses the priority and writes the reason.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from akuntabel.core.angka import format_angka

__all__ = [
    "DASAR",
    "DEFAULT_SKALA_USG",
    "NilaiUsg",
    "SkalaUsg",
    "nilai_usg",
    "periksa_skor",
    "peringkat_usg",
    "total_usg",
]

DASAR = ("Metode USG (Urgency, Seriousness, Growth): praktik umum penyusunan Renstra, "
         "konvensi proyek; tahap perumusan isu strategis: Permendagri 86/2017.")

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class SkalaUsg:
    """The lowest and highest score of each of U, S and G."""

    nilai_min: Decimal
    nilai_maks: Decimal

    def __post_init__(self) -> None:
        if self.nilai_maks <= self.nilai_min:
            raise ValueError(f"Skala USG {self.nilai_min}–{self.nilai_maks}: nilai tertinggi "
                             "harus lebih besar dari nilai terendah.")

    def __str__(self) -> str:
        return f"{format_angka(self.nilai_min)}–{format_angka(self.nilai_maks)}"


DEFAULT_SKALA_USG = SkalaUsg(Decimal(1), Decimal(5))


def periksa_skor(nama: str, nilai: Decimal | None, skala: SkalaUsg) -> str | None:
    """Why the score ``nilai`` of ``nama`` ("Urgensi" …) is refused, or None when it is
    allowed; an empty score is allowed (the issue is not scored yet)."""
    if nilai is None:
        return None
    if nilai != nilai.quantize(Decimal("0.01")):
        return f"{nama} {format_angka(nilai, 3)}: paling banyak dua angka desimal."
    if not skala.nilai_min <= nilai <= skala.nilai_maks:
        return f"{nama} {format_angka(nilai)} di luar skala USG pemda ({skala})."
    return None


def total_usg(urgensi: Decimal | None, keseriusan: Decimal | None,
              pertumbuhan: Decimal | None) -> Decimal | None:
    """U + S + G; None when one of them is missing."""
    if urgensi is None or keseriusan is None or pertumbuhan is None:
        return None
    return urgensi + keseriusan + pertumbuhan


def peringkat_usg(totals: Mapping[K, Decimal | None]) -> dict[K, int | None]:
    """The rank of each total, 1 for the highest; equal totals share a rank and the next is
    skipped (1, 2, 2, 4); no total, no rank. Keys keep the order given."""
    scored = sorted((t for t in totals.values() if t is not None), reverse=True)
    first: dict[Decimal, int] = {}
    for i, t in enumerate(scored, start=1):
        first.setdefault(t, i)
    return {k: (first[t] if t is not None else None) for k, t in totals.items()}


@dataclass(frozen=True)
class NilaiUsg:
    total: Decimal | None
    peringkat: int | None
    tertinggi: bool  # ranked 1 (alone or tied)


def nilai_usg(skor: Mapping[K, tuple[Decimal | None, Decimal | None, Decimal | None]]
              ) -> dict[K, NilaiUsg]:
    """Total and rank of each issue's ``(U, S, G)``, keys in the order given."""
    totals = {k: total_usg(*usg) for k, usg in skor.items()}
    ranks = peringkat_usg(totals)
    return {k: NilaiUsg(totals[k], ranks[k], ranks[k] == 1) for k in skor}
