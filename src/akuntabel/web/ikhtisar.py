"""Figures of many perangkat daerah at once, for the OPD dashboard and the pemda overview:
IKU capaian, completeness of quarterly realisasi and report status. Each function uses a fixed
number of queries whatever the number of OPD and indicators; the arithmetic is ``core``'s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, TypeVar
from urllib.parse import urlencode

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from akuntabel.core.jadwal import StatusJadwal
from akuntabel.core.peringkat import Skala
from akuntabel.plans.models import Indikator
from akuntabel.plans.services import indikator_in_force
from akuntabel.reporting.kelengkapan import Kelengkapan, kelengkapan  # noqa: F401 (pages read them here)
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.capaian import CapaianIndikator, compute_capaian_many
from akuntabel.results.proyeksi import peringatan_per_opd


def capaian_iku(opd_pks: Iterable[int], tahun: int,
                skala: Skala) -> dict[int, list[CapaianIndikator]]:
    """The IKU of each OPD with their capaian (``results.capaian.compute_capaian_many``), by
    OPD pk, each OPD's in their order; six queries for any number of OPD.

    Of an indicator only what the capaian and the pages showing it read is loaded (its
    description); other fields load on access."""
    opd_pks = list(opd_pks)
    indikator = list(Indikator.objects.filter(indikator_in_force(tahun),
                                              perangkat_daerah__in=opd_pks, iku=True)
                     .order_by("urutan", "pk")   # not the model's: it joins the OPD and pemda
                     .only("perangkat_daerah_id", "uraian", "polaritas", "metode_turun", "agregasi",
                           "urutan", "satuan"))
    capaian = compute_capaian_many(indikator, tahun, skala, where={
        "indikator__perangkat_daerah__in": opd_pks, "indikator__iku": True})
    hasil: dict[int, list[CapaianIndikator]] = {pk: [] for pk in opd_pks}
    for ind in indikator:
        hasil[ind.perangkat_daerah_id].append(capaian[ind.pk, tahun])
    return hasil


def status_pelaporan(opd_pks: Iterable[int], tahun: int) -> dict[int, dict[int, str]]:
    """By OPD pk, the report status of each triwulan that has a row (no row is draft). One
    query."""
    hasil: dict[int, dict[int, str]] = {pk: {} for pk in opd_pks}
    for opd, tw, status in PelaporanTriwulan.objects.filter(
            perangkat_daerah__in=list(hasil), tahun=tahun).values_list(
            "perangkat_daerah", "triwulan", "status"):
        hasil[opd][tw] = status
    return hasil


def peringatan_dini(opd_pks: Iterable[int], tahun: int, triwulan: int,
                    skala: Skala) -> dict[int, int]:
    """By OPD pk, how many of its IKU are projected at ``triwulan`` to end ``tahun`` below
    Sedang (``results.proyeksi.peringatan_per_opd``); a fixed number of queries. Every
    indicator is listed on the OPD's early warning page."""
    return {pk: len(rows) for pk, rows in
            peringatan_per_opd(opd_pks, tahun, triwulan, skala, iku_saja=True).items()}


# --- the pemda dashboard: sorting, filters and the distribution of capaian -------------------

class Baris(Protocol):
    """What sorting, filtering and the chart read of a row of the pemda overview."""

    @property
    def nama(self) -> str: ...
    @property
    def rata(self) -> Decimal | None: ...
    @property
    def peringkat(self) -> str | None: ...
    @property
    def serapan(self) -> Decimal | None: ...
    @property
    def persen_lengkap(self) -> Decimal | None: ...
    @property
    def status(self) -> str: ...


B = TypeVar("B", bound=Baris)

URUTAN_STATUS = {s.value: i for i, s in enumerate(StatusJadwal)}
KOLOM: dict[str, Callable[[Baris], Any]] = {
    "nama": lambda r: r.nama.casefold(),
    "capaian": lambda r: r.rata,
    "serapan": lambda r: r.serapan,
    "kelengkapan": lambda r: r.persen_lengkap,
    "status": lambda r: URUTAN_STATUS.get(r.status),
}
PANJANG_CARI = 100


@dataclass(frozen=True)
class Tampilan:
    """The sorting and the filters of the pemda dashboard, as read from its GET parameters
    (``baca_tampilan``); ``query`` writes them back, so that a view is a shareable URL."""

    triwulan: int
    urut: str = "nama"
    turun: bool = False
    status: str = ""
    lengkap_bawah: Decimal | None = None   # completeness (%) below this
    pita: str = ""                          # average IKU capaian below this band
    cari: str = ""                          # text in the agency's name

    @property
    def arah(self) -> str:
        return "turun" if self.turun else "naik"

    @property
    def tersaring(self) -> bool:
        return bool(self.status or self.lengkap_bawah is not None or self.pita or self.cari)

    def query(self, **ganti: Any) -> str:
        """The URL query of this view, with ``ganti`` (a field's new value) changed."""
        t = replace(self, **ganti)
        pairs: list[tuple[str, Any]] = [("triwulan", t.triwulan)]
        pairs += [(k, v) for k, v in (("status", t.status), ("pita", t.pita), ("cari", t.cari))
                  if v]
        if t.lengkap_bawah is not None:
            pairs.append(("lengkap_bawah", t.lengkap_bawah))
        if (t.urut, t.turun) != ("nama", False):
            pairs += [("urut", t.urut), ("arah", t.arah)]
        return urlencode(pairs)


def baca_tampilan(get: Mapping[str, str], triwulan: int, skala: Skala) -> Tampilan:
    """The view asked by ``get``; a parameter that is unknown or not valid is left out (the
    page then shows every row, by name), never an error."""
    urut = get.get("urut", "")
    try:
        batas: Decimal | None = Decimal(get.get("lengkap_bawah", "").replace(",", "."))
    except InvalidOperation:
        batas = None
    if batas is not None and (not batas.is_finite() or not 0 <= batas <= 100):
        batas = None
    status, pita = get.get("status", ""), get.get("pita", "")
    return Tampilan(
        triwulan=triwulan, urut=urut if urut in KOLOM else "nama",
        turun=urut in KOLOM and get.get("arah") == "turun",
        status=status if status in URUTAN_STATUS else "",
        lengkap_bawah=batas, pita=pita if pita in [p.label for p in skala.pita] else "",
        cari=get.get("cari", "").strip()[:PANJANG_CARI])


def urutkan(rows: Sequence[B], urut: str, turun: bool) -> list[B]:
    """``rows`` by the column ``urut`` (``KOLOM``), ascending or descending; a row without a
    value comes last either way; equal values keep the order of ``rows`` (stable)."""
    key = KOLOM[urut]
    ada = [r for r in rows if key(r) is not None]
    return sorted(ada, key=key, reverse=turun) + [r for r in rows if key(r) is None]


def saring(rows: Sequence[B], tampilan: Tampilan, skala: Skala) -> list[B]:
    """The rows that pass every filter of ``tampilan``. "Below a band": the row's average IKU
    capaian is in a band under it (an agency without IKU has no capaian and is left out, as an
    agency without indicators is by the completeness filter)."""
    labels = [p.label for p in skala.pita]
    cari = tampilan.cari.casefold()
    hasil = []
    for r in rows:
        if cari and cari not in r.nama.casefold():
            continue
        if tampilan.status and r.status != tampilan.status:
            continue
        if tampilan.lengkap_bawah is not None and (
                r.persen_lengkap is None or r.persen_lengkap >= tampilan.lengkap_bawah):
            continue
        if tampilan.pita and (r.peringkat is None
                              or labels.index(r.peringkat) <= labels.index(tampilan.pita)):
            continue
        hasil.append(r)
    return hasil


def distribusi(rows: Iterable[Baris], skala: Skala) -> list[tuple[str, int]]:
    """How many of ``rows`` have their average IKU capaian in each band of ``skala``, top band
    first (rows without IKU are not counted)."""
    jumlah = Counter(r.peringkat for r in rows if r.peringkat is not None)
    return [(p.label, jumlah[p.label]) for p in skala.pita]


def svg_distribusi(bands: list[tuple[str, int, int]], judul: str, uraian: str) -> SafeString:
    """A horizontal bar chart of ``bands`` (label, count, colour class), drawn here as inline
    SVG (no script: the CSP forbids it), with a title and a description for screen readers;
    the table below the chart holds the same figures."""
    tinggi, lebar_label, lebar_bar = 26, 130, 300
    maks = max((n for _label, n, _k in bands), default=0) or 1
    out = [f'<svg class="distribusi" role="img" aria-labelledby="distribusi-judul '
           f'distribusi-uraian" viewBox="0 0 {lebar_label + lebar_bar + 50} '
           f'{tinggi * len(bands) + 4}" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="distribusi-judul">{escape(judul)}</title>',
           f'<desc id="distribusi-uraian">{escape(uraian)}</desc>']
    for i, (label, n, kelas) in enumerate(bands):
        y = i * tinggi + 2
        w = n * lebar_bar // maks
        out.append(f'<g class="bar" data-pita="{escape(label)}" data-jumlah="{n}">'
                   f'<text x="0" y="{y + 17}">{escape(label)}</text>'
                   f'<rect class="pita-{kelas}" x="{lebar_label}" y="{y}" width="{w}" '
                   f'height="{tinggi - 6}"></rect>'
                   f'<text x="{lebar_label + w + 6}" y="{y + 17}">{n}</text></g>')
    out.append("</svg>")
    return mark_safe("".join(out))  # labels and texts escaped above
