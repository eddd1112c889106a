"""Early warning: the year-end realisasi and capaian of an indicator projected from the
quarters entered so far (TW I..k), with an interval and the method stated.

No regulation prescribes a projection: every method here is a project convention, chosen to
be explained in one sentence to an operator and measured by a backtest (``bench/proyeksi.py``:
project from TW I, II, III of past years and compare with the year's realisasi). What a
quarter holds follows ``core.realisasi``: for a count (``kumulatif``) what was achieved IN the
quarter, for a rate (``nilai_akhir``) the value AT ITS END.

* **Kumulatif**, the pace against the plan (:func:`proyeksi_realisasi`): the realisasi so far
  plus the rest of the year's plan at the pace so far. The plan is, in order, the quarterly
  targets (the year's target spread over TW I–IV); else the shape of the earlier years (what
  share of the year's realisasi the same quarters held); else an even spread (so far × 4 / n).
* **Nilai akhir**, the trend: the last value times the earlier years' ratio of the year-end
  value to the value at the same quarter; without history a least-squares line through the
  quarters at TW IV (three quarters or more), else the last value (with two quarters, the
  line's value is an end of the interval).
* **The interval**: the spread of what was observed (the quarters' own paces against their
  plan, the earlier years' ratios, the line's residuals), never narrower than
  :data:`LEBAR_MIN` of the part still to come; and, when enough past projections exist
  (:func:`kalibrasi_interval`), widened to hold :data:`CAKUPAN` of the errors the same method
  made on past years. It is a range of plausible values, not a guarantee: the backtest prints
  how often the year's realisasi fell inside it.
* **Likely below Sedang** (:func:`proyeksi_capaian`): the projected capaian (``core.capaian``,
  the indicator's own formula against the year's target) lies in a band below the scale's
  "Sedang" band; ``seluruh_interval_di_bawah`` says that even the interval's best end does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from akuntabel.core.capaian import Agregasi, MetodeTurun, Polaritas, compute_capaian_target
from akuntabel.core.peringkat import Skala
from akuntabel.core.realisasi import TRIWULAN, realisasi_tahun

__all__ = [
    "CAKUPAN",
    "LEBAR_MIN",
    "MIN_KALIBRASI",
    "PITA_SEDANG",
    "Akurasi",
    "Kalibrasi",
    "KasusUji",
    "MetodeProyeksi",
    "Proyeksi",
    "ProyeksiCapaian",
    "RiwayatTahun",
    "batas_sedang",
    "kalibrasi_interval",
    "proyeksi_capaian",
    "proyeksi_realisasi",
    "uji_balik",
]

LEBAR_MIN = Decimal("0.10")
"""The narrowest interval: ± 10 % of the part of the year still to come (of the projected
value for a rate), so that one quarter or identical earlier years never give a zero-width
interval (project convention; the backtest's coverage tells whether it is wide enough)."""

PITA_SEDANG = "Sedang"
"""The band an indicator should at least reach (Permendagri 86/2017: capaian 66–75)."""

_EMPAT = Decimal(4)


class MetodeProyeksi(StrEnum):
    """How a projection was made; its sentence (:attr:`uraian`) is printed beside it."""

    RENCANA_TRIWULAN = "rencana_triwulan"
    RIWAYAT_KUMULATIF = "riwayat_kumulatif"
    LINIER = "linier"
    RASIO_RIWAYAT = "rasio_riwayat"
    GARIS_TREN = "garis_tren"
    NILAI_TERAKHIR = "nilai_terakhir"
    TAHUN_LENGKAP = "tahun_lengkap"

    @property
    def uraian(self) -> str:
        return _URAIAN[self]


_URAIAN = {
    MetodeProyeksi.RENCANA_TRIWULAN: (
        "Laju terhadap rencana triwulan: realisasi s.d. triwulan ini ditambah sisa target "
        "triwulan dengan laju yang sama; interval dari sebaran laju tiap triwulan."),
    MetodeProyeksi.RIWAYAT_KUMULATIF: (
        "Laju terhadap pola tahun-tahun sebelumnya: realisasi s.d. triwulan ini dibagi porsi "
        "triwulan yang sama pada tahun sebelumnya; interval dari sebaran porsi itu."),
    MetodeProyeksi.LINIER: (
        "Linier: realisasi s.d. triwulan ini × 4 / jumlah triwulan terisi; interval dari "
        "sebaran nilai tiap triwulan."),
    MetodeProyeksi.RASIO_RIWAYAT: (
        "Nilai triwulan terakhir × rasio nilai akhir tahun terhadap nilai triwulan yang sama "
        "pada tahun-tahun sebelumnya; interval dari rasio terkecil dan terbesar."),
    MetodeProyeksi.GARIS_TREN: (
        "Garis tren (kuadrat terkecil) melalui nilai tiga triwulan, diteruskan ke TW IV; "
        "interval antara nilai terakhir dan garis, diperlebar dengan simpangan terbesar."),
    MetodeProyeksi.NILAI_TERAKHIR: (
        "Nilai triwulan terakhir dianggap bertahan sampai akhir tahun (belum ada riwayat, dan "
        "tren baru dapat dinilai dari tiga triwulan); interval sampai garis tren dua triwulan "
        "bila ada."),
    MetodeProyeksi.TAHUN_LENGKAP: "Tahun sudah lengkap: realisasi tahun, bukan proyeksi.",
}


@dataclass(frozen=True)
class RiwayatTahun:
    """An earlier year of the indicator: its quarters and the annual figure reported."""

    triwulan: Mapping[int, Decimal | None]
    tahunan: Decimal | None = None


@dataclass(frozen=True)
class Proyeksi:
    """A projected year-end realisasi with its interval and method; or, when there is none,
    ``realisasi`` None and the reason (``alasan``, Indonesian)."""

    realisasi: Decimal | None
    bawah: Decimal | None = None
    atas: Decimal | None = None
    metode: MetodeProyeksi | None = None
    alasan: str = ""
    triwulan_terisi: tuple[int, ...] = ()
    dikalibrasi: int = 0   # past projections the interval was widened by (:class:`Kalibrasi`)


def _tidak(alasan: str, terisi: tuple[int, ...] = ()) -> Proyeksi:
    return Proyeksi(None, alasan=alasan, triwulan_terisi=terisi)


def _lebarkan(titik: Decimal, bawah: Decimal, atas: Decimal, skala: Decimal
              ) -> tuple[Decimal, Decimal]:
    """``[bawah, atas]`` holding ``titik`` and at least ``LEBAR_MIN × |skala|`` either side."""
    lebar = LEBAR_MIN * abs(skala)
    return min(bawah, titik - lebar), max(atas, titik + lebar)


def proyeksi_realisasi(agregasi: Agregasi | str, triwulan: Mapping[int, Decimal | None],
                       sampai: int, *, rencana: Mapping[int, Decimal | None] | None = None,
                       target_tahun: Decimal | None = None,
                       riwayat: Sequence[RiwayatTahun] = (),
                       kalibrasi: Kalibrasi | None = None) -> Proyeksi:
    """The year-end realisasi projected at triwulan ``sampai`` (1–4) from the quarters filled
    among TW I..``sampai`` (``triwulan``: quarter -> value), the quarterly target plan
    (``rencana``: quarter -> target, for a count), the year's target and earlier years
    (``riwayat``). The methods are the module's (project convention). At TW IV with every
    quarter filled the year is complete: its realisasi, no interval. No projection (with the
    reason) when no quarter is filled. With ``kalibrasi`` the interval is widened to hold the
    errors of the same method's past projections (:func:`kalibrasi_interval`)."""
    agregasi = Agregasi(agregasi)
    if sampai not in TRIWULAN:
        raise ValueError(f"Triwulan harus 1 sampai 4, bukan {sampai}.")
    terisi = tuple(tw for tw in TRIWULAN if tw <= sampai and triwulan.get(tw) is not None)
    if not terisi:
        return _tidak("Belum ada realisasi triwulan yang diisi s.d. triwulan ini.")
    nilai = {tw: v for tw in terisi if (v := triwulan.get(tw)) is not None}
    if terisi == TRIWULAN:
        tahun = realisasi_tahun(None, nilai, agregasi).nilai
        return Proyeksi(tahun, tahun, tahun, MetodeProyeksi.TAHUN_LENGKAP, triwulan_terisi=terisi)
    if agregasi == Agregasi.KUMULATIF:
        p = _kumulatif(nilai, terisi, rencana or {}, target_tahun, riwayat)
    else:
        p = _nilai_akhir(nilai, terisi, riwayat)
    if kalibrasi is None or p.realisasi is None or p.bawah is None or p.atas is None:
        return p
    bawah = min(p.bawah, p.realisasi + kalibrasi.bawah * abs(p.realisasi))
    atas = max(p.atas, p.realisasi + kalibrasi.atas * abs(p.realisasi))
    if agregasi == Agregasi.KUMULATIF:   # a count cannot end below what is already achieved
        bawah = max(bawah, sum(nilai.values(), Decimal(0)))
    return replace(p, bawah=bawah, atas=atas, dikalibrasi=kalibrasi.n)


def _kumulatif(nilai: Mapping[int, Decimal], terisi: tuple[int, ...],
               rencana: Mapping[int, Decimal | None], target_tahun: Decimal | None,
               riwayat: Sequence[RiwayatTahun]) -> Proyeksi:
    """Pace against a plan (see the module): ``so far + pace × the plan still to come``, the
    pace between the smallest and largest of the quarters' own paces."""
    sejauh = sum(nilai.values(), Decimal(0))
    rencana_tw = {tw: rencana.get(tw) for tw in TRIWULAN}
    total = target_tahun
    if total is None and all(v is not None for v in rencana_tw.values()):
        total = sum((v for v in rencana_tw.values() if v is not None), Decimal(0))
    if total is not None and all(rencana_tw[tw] is not None for tw in terisi):
        rencana_sejauh = sum((rencana_tw[tw] or Decimal(0) for tw in terisi), Decimal(0))
        if rencana_sejauh > 0 and total >= rencana_sejauh:
            laju = [nilai[tw] / r for tw in terisi if (r := rencana_tw[tw])]
            return _dengan_laju(sejauh, sejauh / rencana_sejauh, laju, total - rencana_sejauh,
                                MetodeProyeksi.RENCANA_TRIWULAN, terisi)
    porsi = _porsi_riwayat(terisi, riwayat)
    if porsi:
        rata = sum(porsi, Decimal(0)) / len(porsi)
        titik = sejauh / rata
        bawah, atas = _lebarkan(titik, sejauh / max(porsi), sejauh / min(porsi), titik - sejauh)
        return Proyeksi(titik, max(bawah, sejauh), atas, MetodeProyeksi.RIWAYAT_KUMULATIF,
                        triwulan_terisi=terisi)
    rata_tw = sejauh / len(terisi)
    laju = [nilai[tw] / rata_tw for tw in terisi] if rata_tw else []
    return _dengan_laju(sejauh, Decimal(1), laju, rata_tw * (4 - len(terisi)),
                        MetodeProyeksi.LINIER, terisi)


def _dengan_laju(sejauh: Decimal, laju: Decimal, laju_tw: Sequence[Decimal], sisa: Decimal,
                 metode: MetodeProyeksi, terisi: tuple[int, ...]) -> Proyeksi:
    titik = sejauh + laju * sisa
    bawah = sejauh + min([laju, *laju_tw]) * sisa
    atas = sejauh + max([laju, *laju_tw]) * sisa
    bawah, atas = _lebarkan(titik, bawah, atas, laju * sisa)
    return Proyeksi(titik, max(bawah, sejauh), atas, metode, triwulan_terisi=terisi)


def _porsi_riwayat(terisi: tuple[int, ...], riwayat: Sequence[RiwayatTahun]) -> list[Decimal]:
    """For each earlier year with the same quarters filled and a year's figure: the share of
    the year's realisasi those quarters held (a count)."""
    porsi = []
    for r in riwayat:
        tahun = realisasi_tahun(r.tahunan, r.triwulan, Agregasi.KUMULATIF).nilai
        if tahun is None or tahun <= 0 or any(r.triwulan.get(tw) is None for tw in terisi):
            continue
        bagian = sum((r.triwulan[tw] or Decimal(0) for tw in terisi), Decimal(0)) / tahun
        if bagian > 0:
            porsi.append(bagian)
    return porsi


def _nilai_akhir(nilai: Mapping[int, Decimal], terisi: tuple[int, ...],
                 riwayat: Sequence[RiwayatTahun]) -> Proyeksi:
    """The trend of a rate (see the module)."""
    k = terisi[-1]
    akhir = nilai[k]
    rasio = []
    for r in riwayat:
        tahun = realisasi_tahun(r.tahunan, r.triwulan, Agregasi.NILAI_AKHIR).nilai
        pada_k = r.triwulan.get(k)
        if tahun is not None and pada_k:
            rasio.append(tahun / pada_k)
    if rasio:
        titik = akhir * sum(rasio, Decimal(0)) / len(rasio)
        ujung = sorted((akhir * min(rasio), akhir * max(rasio)))
        bawah, atas = _lebarkan(titik, ujung[0], ujung[1], titik)
        return Proyeksi(titik, bawah, atas, MetodeProyeksi.RASIO_RIWAYAT, triwulan_terisi=terisi)
    if len(terisi) < 2:
        bawah, atas = _lebarkan(akhir, akhir, akhir, akhir)
        return Proyeksi(akhir, bawah, atas, MetodeProyeksi.NILAI_TERAKHIR,
                        triwulan_terisi=terisi)
    x = [Decimal(tw) for tw in terisi]
    y = [nilai[tw] for tw in terisi]
    n = len(x)
    mx, my = sum(x, Decimal(0)) / n, sum(y, Decimal(0)) / n
    miring = (sum(((a - mx) * (b - my) for a, b in zip(x, y, strict=True)), Decimal(0))
              / sum(((a - mx) ** 2 for a in x), Decimal(0)))
    garis = my + miring * (_EMPAT - mx)
    sisa = max(abs(b - (my + miring * (a - mx))) for a, b in zip(x, y, strict=True))
    # Two points always fit a line, so it cannot be judged: the last value is kept and the
    # line only reaches into the interval (the backtest: the two-point line at TW II erred
    # 21 % on Kota Contoh, bench/README.md).
    titik, metode = ((garis, MetodeProyeksi.GARIS_TREN) if n >= 3
                     else (akhir, MetodeProyeksi.NILAI_TERAKHIR))
    bawah, atas = _lebarkan(titik, min(akhir, garis) - sisa, max(akhir, garis) + sisa, titik)
    return Proyeksi(titik, bawah, atas, metode, triwulan_terisi=terisi)


def batas_sedang(skala: Skala) -> Decimal | None:
    """The lower bound of the scale's "Sedang" band; None when the scale has no such band or
    it is the open bottom band."""
    for pita in skala.pita:
        if pita.label.casefold() == PITA_SEDANG.casefold():
            return pita.batas_bawah
    return None


@dataclass(frozen=True)
class ProyeksiCapaian:
    """The projected capaian, its interval and peringkat, and the early-warning flags; or
    ``capaian`` None and the reason (``alasan``)."""

    proyeksi: Proyeksi
    capaian: Decimal | None
    bawah: Decimal | None = None
    atas: Decimal | None = None
    peringkat: str | None = None
    di_bawah_sedang: bool = False
    seluruh_interval_di_bawah: bool = False
    alasan: str = ""


def proyeksi_capaian(proyeksi: Proyeksi, target: Decimal | None,
                     polaritas: Polaritas | str,
                     metode_turun: MetodeTurun | str = MetodeTurun.SELISIH, *,
                     target_atas: Decimal | None = None, skala: Skala) -> ProyeksiCapaian:
    """The capaian of the projected realisasi against the year's target by the indicator's own
    formula (``core.capaian.compute_capaian_target``), its interval (the capaian of the
    interval's ends; a range target also of its bounds when the interval spans them, where
    the capaian is 100) and its peringkat on ``skala``.

    ``di_bawah_sedang`` (project convention): the projected capaian lies below the lower
    bound of the scale's "Sedang" band; ``seluruh_interval_di_bawah``: the interval's best end
    does too. A qualitative indicator, a missing or zero target, or no projection gives no
    capaian, with the reason."""
    polaritas = Polaritas(polaritas)
    if polaritas == Polaritas.KUALITATIF:
        return ProyeksiCapaian(proyeksi, None, alasan="Indikator kualitatif: capaian tidak "
                               "diproyeksikan dari angka triwulan.")
    if proyeksi.realisasi is None:
        return ProyeksiCapaian(proyeksi, None, alasan=proyeksi.alasan)
    if target is None:
        return ProyeksiCapaian(proyeksi, None, alasan="Tidak ada target tahun ini.")

    def capaian(r: Decimal | None) -> Decimal | None:
        return compute_capaian_target(target, r, polaritas, metode_turun,
                                      target_atas=target_atas)

    titik = capaian(proyeksi.realisasi)
    if titik is None:
        return ProyeksiCapaian(proyeksi, None, alasan="Capaian tidak dapat dihitung (target "
                               "nol atau negatif, atau realisasi tidak bermakna untuk rumusnya).")
    ujung = [proyeksi.bawah, proyeksi.atas]
    if target_atas is not None:
        ujung += [b for b in (target, target_atas)
                  if proyeksi.bawah is not None and proyeksi.atas is not None
                  and proyeksi.bawah <= b <= proyeksi.atas]
    nilai = [c for c in (capaian(r) for r in ujung) if c is not None] + [titik]
    bawah, atas = min(nilai), max(nilai)
    batas = batas_sedang(skala)
    return ProyeksiCapaian(
        proyeksi, titik, bawah, atas, skala.peringkat(titik),
        di_bawah_sedang=batas is not None and titik < batas,
        seluruh_interval_di_bawah=batas is not None and atas < batas)


@dataclass(frozen=True)
class KasusUji:
    """A past indicator-year for the backtest: its four quarters, the annual figure reported,
    the quarterly plan and year's target, and the years before it."""

    agregasi: Agregasi | str
    triwulan: Mapping[int, Decimal | None]
    tahunan: Decimal | None = None
    rencana: Mapping[int, Decimal | None] | None = None
    target_tahun: Decimal | None = None
    riwayat: Sequence[RiwayatTahun] = ()
    kalibrasi: Kalibrasi | None = None


@dataclass(frozen=True)
class Akurasi:
    """How projections made at TW ``sampai`` compared with the year's realisasi: over ``n``
    indicator-years, the mean absolute percentage error and the share (percent) of the
    year's values inside the interval; None when ``n`` is 0."""

    sampai: int
    n: int
    mape: Decimal | None
    dalam_interval: Decimal | None


def _uji(kasus: Iterable[KasusUji], sampai: int) -> Iterator[tuple[Proyeksi, Decimal]]:
    """Each past year's projection at TW ``sampai`` and the year's realisasi. A year without
    a figure, with a figure of 0 (no percentage error), with a quarter empty and no annual
    figure (the year is not complete: TW IV late) or without a projection is left out."""
    for k in kasus:
        tahun = realisasi_tahun(k.tahunan, k.triwulan, k.agregasi)
        aktual = tahun.nilai
        if aktual is None or aktual == 0 or (k.tahunan is None and tahun.triwulan_terisi
                                             != TRIWULAN):
            continue
        sejauh = {tw: v for tw, v in k.triwulan.items() if tw <= sampai}
        p = proyeksi_realisasi(k.agregasi, sejauh, sampai, rencana=k.rencana,
                               target_tahun=k.target_tahun, riwayat=k.riwayat,
                               kalibrasi=k.kalibrasi)
        if p.realisasi is not None and p.bawah is not None and p.atas is not None:
            yield p, aktual


def uji_balik(kasus: Iterable[KasusUji], sampai: int) -> Akurasi:
    """The backtest (project convention): project each past year from its quarters TW
    I..``sampai`` as :func:`proyeksi_realisasi` would have then, and compare with the year's
    realisasi (``core.realisasi.realisasi_tahun``); the years left out are :func:`_uji`'s."""
    galat: list[Decimal] = []
    dalam = 0
    for p, aktual in _uji(kasus, sampai):
        assert p.realisasi is not None and p.bawah is not None and p.atas is not None
        galat.append(abs(p.realisasi - aktual) * 100 / abs(aktual))
        dalam += p.bawah <= aktual <= p.atas
    if not galat:
        return Akurasi(sampai, 0, None, None)
    n = len(galat)
    return Akurasi(sampai, n, sum(galat, Decimal(0)) / n, Decimal(dalam) * 100 / n)


CAKUPAN = Decimal("0.80")
"""The share of past errors a calibrated interval holds (project convention)."""
MIN_KALIBRASI = 10
"""The fewest past projections a calibration is made from (fewer say little of the spread)."""


@dataclass(frozen=True)
class Kalibrasi:
    """The spread of a method's past errors at TW ``sampai``, relative to the projection:
    ``(realisasi − proyeksi) / |proyeksi|`` at its lower and upper quantile, over ``n``."""

    sampai: int
    n: int
    bawah: Decimal
    atas: Decimal


def kalibrasi_interval(kasus: Iterable[KasusUji], sampai: int,
                       cakupan: Decimal = CAKUPAN) -> Kalibrasi | None:
    """How far the year's realisasi fell from the projections at TW ``sampai`` of past years
    (:func:`_uji`), as the ``(1 − cakupan) / 2`` and ``(1 + cakupan) / 2`` quantiles of the
    relative errors (nearest rank, no interpolation): an interval ``proyeksi × (1 + bawah)``
    to ``proyeksi × (1 + atas)`` held ``cakupan`` of them (project convention; the idea of a
    split-conformal prediction interval: the spread is read from errors actually made, and
    their bias is kept). None with fewer than :data:`MIN_KALIBRASI` past projections."""
    galat = sorted((aktual - p.realisasi) / abs(p.realisasi) for p, aktual in _uji(kasus, sampai)
                   if p.realisasi)
    if len(galat) < MIN_KALIBRASI:
        return None
    n = len(galat)
    ekor = (1 - cakupan) / 2

    def rank(q: Decimal) -> int:
        return min(n - 1, max(0, int((q * (n - 1)).to_integral_value())))

    return Kalibrasi(sampai, n, min(Decimal(0), galat[rank(ekor)]),
                     max(Decimal(0), galat[rank(1 - ekor)]))
