"""The SMART checks of a performance indicator that the data can decide.

An evaluator grading LKE criterion 1.b "ukuran keberhasilan (indikator kinerja) telah memenuhi
kriteria SMART" and 2.a "terdapat definisi operasional yang jelas atas kinerja dan cara mengukur
indikator kinerja" (PermenPAN-RB 88/2021) judges Specific, Measurable, Achievable, Relevant and
Time-bound. Relevance and achievability need a person; what the data decides is checked here
(project convention, the checks an evaluator makes first on the Renstra's indicator table,
Permendagri 86/2017 lampiran: indikator, satuan, kondisi awal, target per tahun):

- ``satuan``: the indicator has a unit (measurable); a qualitative indicator needs none;
- ``definisi``: a definisi operasional or a formula says what is counted and how (specific);
- ``kondisi-awal``: a baseline, as a number or as printed text (the starting point of the
  targets);
- ``target-tahunan``: a target in every year of the period (time-bound); a target written only
  in words counts, it is still that year's target;
- ``polaritas``: a polarity is stated, and the targets (after the baseline) move the way it
  says: never down when higher is better, never up when lower is better. A range or a
  qualitative indicator has no direction to follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from akuntabel.core.angka import format_angka
from akuntabel.core.capaian import Polaritas

__all__ = ["DASAR", "HasilSmart", "IndikatorSmart", "PemeriksaanSmart", "periksa_smart"]

DASAR = ("PermenPAN-RB 88/2021, LKE kriteria 1.b (SMART) dan 2.a (definisi operasional); "
         "Permendagri 86/2017 (tabel indikator Renstra); pemeriksaan yang dapat dihitung: "
         "konvensi proyek.")


@dataclass(frozen=True)
class IndikatorSmart:
    """The fields of an indicator the checks read; ``target`` maps each year that has a target
    to its value (None when it is written only in words)."""

    satuan: str
    definisi_operasional: str
    formula: str
    kondisi_awal: Decimal | None
    kondisi_awal_teks: str
    polaritas: str
    tahun_awal: int
    tahun_akhir: int
    target: Mapping[int, Decimal | None]


@dataclass(frozen=True)
class PemeriksaanSmart:
    kode: str
    lulus: bool
    pesan: str


@dataclass(frozen=True)
class HasilSmart:
    pemeriksaan: tuple[PemeriksaanSmart, ...]

    @property
    def memenuhi(self) -> bool:
        return all(c.lulus for c in self.pemeriksaan)

    @property
    def gagal(self) -> tuple[PemeriksaanSmart, ...]:
        return tuple(c for c in self.pemeriksaan if not c.lulus)


def _arah(ind: IndikatorSmart) -> str | None:
    """Why the targets go against the polarity, or None when they do not."""
    if ind.polaritas not in (Polaritas.NAIK, Polaritas.TURUN):
        return None
    deret: list[tuple[str, Decimal]] = []
    if ind.kondisi_awal is not None:
        deret.append(("kondisi awal", ind.kondisi_awal))
    for t in sorted(ind.target):
        nilai = ind.target[t]
        if nilai is not None:
            deret.append((f"target {t}", nilai))
    naik = ind.polaritas == Polaritas.NAIK
    for (nama_a, a), (nama_b, b) in pairwise(deret):
        if (b < a) if naik else (b > a):
            arah = "naik" if naik else "turun"
            return (f"Polaritas {arah}, tetapi {nama_b} ({format_angka(b)}) "
                    f"{'lebih rendah' if naik else 'lebih tinggi'} dari {nama_a} "
                    f"({format_angka(a)}).")
    return None


def periksa_smart(ind: IndikatorSmart) -> HasilSmart:
    kualitatif = ind.polaritas == Polaritas.KUALITATIF
    hasil = [
        PemeriksaanSmart("satuan", kualitatif or bool(ind.satuan.strip()),
                         "Satuan belum diisi."),
        PemeriksaanSmart("definisi",
                         bool(ind.definisi_operasional.strip() or ind.formula.strip()),
                         "Definisi operasional dan formula belum diisi."),
        PemeriksaanSmart("kondisi-awal",
                         ind.kondisi_awal is not None or bool(ind.kondisi_awal_teks.strip()),
                         "Kondisi awal (baseline) belum diisi."),
    ]
    kurang = [t for t in range(ind.tahun_awal, ind.tahun_akhir + 1) if t not in ind.target]
    hasil.append(PemeriksaanSmart(
        "target-tahunan", not kurang,
        f"Target tahun {', '.join(map(str, kurang))} belum ada."))
    if ind.polaritas not in set(Polaritas):
        hasil.append(PemeriksaanSmart("polaritas", False, "Polaritas belum ditetapkan."))
    else:
        salah = _arah(ind)
        hasil.append(PemeriksaanSmart("polaritas", salah is None, salah or ""))
    return HasilSmart(tuple(c if not c.lulus else PemeriksaanSmart(c.kode, True, "")
                            for c in hasil))
