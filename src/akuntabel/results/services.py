"""Realisasi and capaian of indicators, computed with ``akuntabel.core``.

An indicator with components (``Perhitungan``) has its realisasi computed from them; the
value the source printed is kept as reported and shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from akuntabel.core.capaian import MetodeTurun, Polaritas, compute_capaian, compute_persentase
from akuntabel.core.peringkat import DEFAULT_SKALA, Skala
from akuntabel.plans.models import TAHUNAN, Indikator, Target
from akuntabel.results.models import Perhitungan, Realisasi


@dataclass(frozen=True)
class RealisasiIndikator:
    nilai: Decimal | None          # the truth: computed where possible
    sumber: str  # "komponen" (computed) | "input" (as entered or printed) | "tidak_ada"
    dilaporkan: Decimal | None     # the value as printed or entered
    dilaporkan_teks: str
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None


@dataclass(frozen=True)
class CapaianIndikator:
    indikator: Indikator
    tahun: int
    target: Decimal | None
    target_teks: str
    jenis_target: str
    realisasi: RealisasiIndikator
    capaian: Decimal | None
    capaian_dilaporkan: Decimal | None  # capaian on the reported value, for comparison
    peringkat: str | None


def compute_realisasi(indikator: Indikator, tahun: int) -> RealisasiIndikator:
    entered = Realisasi.objects.filter(indikator=indikator, tahun=tahun,
                                       triwulan=TAHUNAN).first()
    dilaporkan = entered.nilai if entered else None
    teks = entered.teks if entered else ""
    perhitungan = Perhitungan.objects.filter(indikator=indikator, tahun=tahun).first()
    if perhitungan is not None:
        values = list(perhitungan.komponen.filter(induk__isnull=True)
                      .values_list("nilai", flat=True))
        pembilang = (sum(values, Decimal(0))
                     if values and all(v is not None for v in values) else None)
        nilai = compute_persentase(pembilang, perhitungan.penyebut)
        if nilai is not None:
            return RealisasiIndikator(nilai, "komponen", dilaporkan, teks, pembilang,
                                      perhitungan.penyebut)
    if dilaporkan is not None:
        return RealisasiIndikator(dilaporkan, "input", dilaporkan, teks)
    return RealisasiIndikator(None, "tidak_ada", None, teks)


TARGET_ORDER = (Target.Jenis.PK_PERUBAHAN, Target.Jenis.PK, Target.Jenis.RENJA,
                Target.Jenis.RENSTRA)


def compute_capaian_indikator(indikator: Indikator, tahun: int,
                              skala: Skala = DEFAULT_SKALA) -> CapaianIndikator:
    """Capaian against the target in force: PK perubahan, else PK, else Renja, else Renstra
    (Permenpan RB 53/2014: performance is measured against the Perjanjian Kinerja)."""
    targets = {t.jenis: t for t in Target.objects.filter(indikator=indikator, tahun=tahun,
                                                         triwulan=TAHUNAN)}
    target = next((targets[j] for j in TARGET_ORDER if j in targets), None)
    realisasi = compute_realisasi(indikator, tahun)
    polaritas = Polaritas(indikator.polaritas)
    capaian = dilaporkan = None
    if target is not None and polaritas in (Polaritas.NAIK, Polaritas.TURUN):
        metode = MetodeTurun(indikator.metode_turun)
        capaian = compute_capaian(target.nilai, realisasi.nilai, polaritas, metode)
        dilaporkan = compute_capaian(target.nilai, realisasi.dilaporkan, polaritas, metode)
    return CapaianIndikator(
        indikator=indikator, tahun=tahun,
        target=target.nilai if target else None, target_teks=target.teks if target else "",
        jenis_target=target.jenis if target else "", realisasi=realisasi, capaian=capaian,
        capaian_dilaporkan=dilaporkan, peringkat=skala.peringkat(capaian))
