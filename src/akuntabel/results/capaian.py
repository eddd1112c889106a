"""Realisasi and capaian of indicators in a year, computed with ``akuntabel.core``: the
figures the pages, the dashboards and the LKjIP read (``compute_capaian_many``).

An indicator with components (``Perhitungan``) has its realisasi computed from them; the
value the source printed is kept as reported and shown beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from akuntabel.core.angka import format_angka
from akuntabel.core.capaian import MetodeTurun, Polaritas, compute_capaian_target
from akuntabel.core.peringkat import DEFAULT_SKALA, Skala
from akuntabel.core.realisasi import (
    RealisasiTahun,
    SumberTahun,
    realisasi_komponen,
    realisasi_tahun,
)
from akuntabel.core.target import target_berlaku
from akuntabel.plans.models import (
    TAHUNAN,
    Indikator,
    PerjanjianKinerja,
    PerjanjianKinerjaBaris,
    Target,
)
from akuntabel.results.models import KomponenPerhitungan, Perhitungan, Realisasi


class Tercatat(NamedTuple):
    """A stored target or realisasi the grid only shows: its number and its text as printed
    or entered (a plain value rather than a model instance: a page holds hundreds)."""

    nilai: Decimal | None
    teks: str
    nilai_atas: Decimal | None = None   # the upper bound of a range target


@dataclass(frozen=True)
class RealisasiIndikator:
    nilai: Decimal | None          # the truth: computed where possible
    # "komponen" (computed from components) | "input" (the annual figure as entered or
    # printed) | "triwulan" (the quarters combined, ``core.realisasi``) | "tidak_ada"
    sumber: str
    dilaporkan: Decimal | None     # the figure entered: the annual one, else the quarters'
    dilaporkan_teks: str
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None
    tahun: RealisasiTahun | None = None   # the annual figure and the quarters' beside it


class TargetTahunan(NamedTuple):
    """An annual target as the pages and the LKjIP read it (a plain value: the dashboards and
    the pemda overview read hundreds): as printed, its number, its unit."""

    teks: str
    nilai: Decimal | None
    satuan: str
    nilai_atas: Decimal | None   # the upper bound of a range target ("60–85 %")


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
    targets: dict[str, TargetTahunan] = field(default_factory=dict)  # the year's, by jenis
    target_atas: Decimal | None = None  # the upper bound when the target is a range


class _Penyebut(NamedTuple):
    """What ``_realisasi_of`` reads of a ``Perhitungan`` (a plain value: pages read hundreds)."""

    pk: int
    penyebut: Decimal | None


def _realisasi_of(tahun: RealisasiTahun, teks: str,
                  perhitungan: Perhitungan | _Penyebut | None,
                  komponen: list[Decimal | None]) -> RealisasiIndikator:
    """The realisasi from rows already read: computed from the top-level ``komponen`` values of
    ``perhitungan`` when they are all given and the penyebut is not 0, else the year's figure
    entered (``core.realisasi.realisasi_tahun``: the annual one, else the quarters combined).
    ``teks`` is the annual figure as printed or entered ("" when none)."""
    dilaporkan = tahun.nilai
    if tahun.sumber == SumberTahun.TRIWULAN and not teks:
        teks = format_angka(dilaporkan)
    dihitung = (realisasi_komponen(komponen, perhitungan.penyebut)
                if perhitungan is not None else None)
    if dihitung is not None:
        return RealisasiIndikator(dihitung.nilai, "komponen", dilaporkan, teks,
                                  dihitung.pembilang, dihitung.penyebut, tahun)
    if dilaporkan is not None:
        sumber = "triwulan" if tahun.sumber == SumberTahun.TRIWULAN else "input"
        return RealisasiIndikator(dilaporkan, sumber, dilaporkan, teks, tahun=tahun)
    return RealisasiIndikator(None, "tidak_ada", None, teks, tahun=tahun)


def compute_realisasi(indikator: Indikator, tahun: int) -> RealisasiIndikator:
    """The realisasi of one indicator in ``tahun`` (see ``compute_capaian_many``)."""
    return compute_capaian_indikator(indikator, tahun).realisasi


# The order of the target in force, as the stored strings (a dict keyed by the strings the
# database gives is searched with strings: hashing an enum member runs Python code, and the
# grid does it for every line).
TARGET_ORDER = tuple(j.value for j in (Target.Jenis.PK_PERUBAHAN, Target.Jenis.PK,
                                       Target.Jenis.RENJA, Target.Jenis.RENSTRA))


def compute_capaian_indikator(indikator: Indikator, tahun: int,
                              skala: Skala = DEFAULT_SKALA) -> CapaianIndikator:
    """The capaian of one indicator in ``tahun`` (see ``compute_capaian_many``)."""
    return compute_capaian_many([indikator], tahun, skala)[indikator.pk, tahun]


def compute_capaian_many(indikator: Iterable[Indikator], tahun: int | Iterable[int],
                         skala: Skala | Callable[[int], Skala] = DEFAULT_SKALA, *,
                         where: dict[str, Any] | None = None
                         ) -> dict[tuple[int, int], CapaianIndikator]:
    """``(indikator pk, tahun) -> CapaianIndikator`` for every given indicator and year, in five
    queries whatever their number (four when none has a computation from components).

    The target in force is the reviu's (``core.reviu.common.target_berlaku``): PK perubahan,
    else PK, else Renja, else Renstra, a row of a Perjanjian Kinerja counting as the
    indicator's PK target and a target left blank or dashed passed over (Permenpan RB 53/2014:
    performance is measured against the Perjanjian Kinerja). The realisasi of an indicator with
    components (``Perhitungan``) is computed from them; the value reported is kept beside it.

    ``skala`` is the rating scale, or a function giving the scale of a year. ``where`` narrows
    the rows read, as a lookup on the indicator (default ``{"indikator__in": the given ones}``;
    ``{"indikator__perangkat_daerah": opd}`` reads a whole agency without a long IN list).
    """
    indikator = list(indikator)
    years = [tahun] if isinstance(tahun, int) else list(tahun)
    skala_of = (lambda _th: skala) if isinstance(skala, Skala) else skala
    if where is None:
        where = {"indikator__in": [i.pk for i in indikator]}
    targets: dict[tuple[int, int], dict[str, TargetTahunan]] = defaultdict(dict)
    # Ordered by jenis only: each indicator-year's dict gets its targets in the order of the
    # model's ordering (indikator, jenis, ...) without the join and sort on the indicators.
    for ind_id, th, jenis, *target in (
            Target.objects.filter(tahun__in=years, triwulan=TAHUNAN, **where).order_by("jenis")
            .values_list("indikator_id", "tahun", "jenis", *TargetTahunan._fields)):
        targets[ind_id, th][jenis] = TargetTahunan(*target)
    # Plain values rather than model instances for the rows only read here; one row per key
    # (unique constraints), so in no particular order. The annual figure and the quarters.
    entered: dict[tuple[int, int], Tercatat] = {}
    quarters: dict[tuple[int, int], dict[int, Decimal | None]] = defaultdict(dict)
    for ind_id, th, tw, nilai, teks in (
            Realisasi.objects.filter(tahun__in=years, **where).order_by()
            .values_list("indikator_id", "tahun", "triwulan", "nilai", "teks")):
        if tw == TAHUNAN:
            entered[ind_id, th] = Tercatat(nilai, teks)
        else:
            quarters[ind_id, th][tw] = nilai
    perhitungan = {(ind_id, th): _Penyebut(pk, penyebut) for pk, ind_id, th, penyebut in
                   Perhitungan.objects.filter(tahun__in=years, **where)
                   .order_by().values_list("pk", "indikator_id", "tahun", "penyebut")}
    komponen: dict[int, list[Decimal | None]] = defaultdict(list)
    for perhitungan_id, nilai in (KomponenPerhitungan.objects.filter(
            perhitungan__tahun__in=years, induk__isnull=True,
            **{f"perhitungan__{k}": v for k, v in where.items()}).values_list(
            "perhitungan_id", "nilai") if perhitungan else ()):  # no computation, no components
        komponen[perhitungan_id].append(nilai)
    pk_rows = pk_targets(years, where)
    skala_tahun = {th: skala_of(th) for th in years}

    hasil: dict[tuple[int, int], CapaianIndikator] = {}
    for ind in indikator:
        polaritas = Polaritas(ind.polaritas)
        for th in years:
            key = (ind.pk, th)
            rows = targets.get(key, {})
            berlaku = target_berlaku(rows, pk_rows.get(key))
            target = berlaku[1] if berlaku else None
            p = perhitungan.get(key)
            annual = entered.get(key)
            tahunan = realisasi_tahun(annual.nilai if annual else None, quarters.get(key, {}),
                                      ind.agregasi)
            realisasi = _realisasi_of(tahunan, annual.teks if annual else "", p,
                                      komponen.get(p.pk, []) if p else [])
            capaian = dilaporkan = None
            atas = getattr(target, "nilai_atas", None)
            if target is not None:
                metode = MetodeTurun(ind.metode_turun)
                capaian = compute_capaian_target(
                    target.nilai, realisasi.nilai, polaritas, metode, target_atas=atas,
                    target_teks=target.teks, realisasi_teks=realisasi.dilaporkan_teks)
                dilaporkan = compute_capaian_target(
                    target.nilai, realisasi.dilaporkan, polaritas, metode, target_atas=atas,
                    target_teks=target.teks, realisasi_teks=realisasi.dilaporkan_teks)
            hasil[key] = CapaianIndikator(
                indikator=ind, tahun=th, target=target.nilai if target else None,
                target_teks=target.teks if target else "",
                jenis_target=berlaku[0] if berlaku else "", realisasi=realisasi,
                capaian=capaian, capaian_dilaporkan=dilaporkan,
                peringkat=skala_tahun[th].peringkat(capaian), targets=rows, target_atas=atas)
    return hasil


def pk_targets(tahun: list[int], where: dict[str, Any]
               ) -> dict[tuple[int, int], dict[str, Tercatat]]:
    """``(indikator pk, tahun) -> {"pk" | "pk_perubahan": target}``: the rows of the
    Perjanjian Kinerja documents of the years that give the indicator a target, which
    ``core.target.target_berlaku`` counts as its PK targets; of two documents of one kind, the
    one whose first row comes first (one query)."""
    dokumen: dict[int, int] = {}
    rows: list[tuple[int, int, str, int, Tercatat]] = []
    for dok_pk, th, jenis, ind_id, target_teks, target, atas in (
            PerjanjianKinerjaBaris.objects.filter(perjanjian_kinerja__tahun__in=tahun, **where)
            .order_by("urutan", "pk").values_list(
                "perjanjian_kinerja_id", "perjanjian_kinerja__tahun",
                "perjanjian_kinerja__jenis", "indikator_id", "target_teks", "target",
                "target_atas")):
        dokumen.setdefault(dok_pk, len(dokumen))
        if target_teks or target is not None:
            kind = "pk_perubahan" if jenis == PerjanjianKinerja.Jenis.PERUBAHAN else "pk"
            rows.append((dokumen[dok_pk], th, kind, ind_id, Tercatat(target, target_teks, atas)))
    hasil: dict[tuple[int, int], dict[str, Tercatat]] = defaultdict(dict)
    for _urutan, th, kind, ind_id, nilai in sorted(rows, key=lambda r: r[0]):  # stable
        hasil[ind_id, th].setdefault(kind, nilai)
    return hasil
