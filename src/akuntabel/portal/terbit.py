"""The figures a published final LKjIP makes public (docs/portal.md, project convention): for
a year in which an agency published its final LKjIP, the portal shows that year's figures as
the final's snapshot holds them, not today's database, computed from the snapshot by
``reports.ringkas`` once when the final is made and stored in parts (``RingkasFinal``).

A page reads only the parts it shows (``isi_final_many``'s ``bagian``): the home of a pemda and
an agency's page their agencies' IKU and budget totals (a few hundred bytes a final), the open
data and a chart of another indicator every indicator, the budget per program the programs;
each part is cached by the final's id. A final without a summary (made before summaries were
stored, or written by hand) is read from its snapshot on each cold reading."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from decimal import InvalidOperation

from django.core.cache import cache
from django.db.models import Case, F, JSONField, Q, Subquery, When
from django.utils import timezone

from akuntabel.audit.models import Perubahan
from akuntabel.plans.models import Indikator
from akuntabel.reports.models import LaporanFinal
from akuntabel.reports.ringkas import (  # noqa: F401 (the portal's names of the figures)
    BAGIAN,
    AngkaFinal,
    IsiFinal,
    UangFinal,
    isi_dari_ringkas,
    isi_dari_snapshot,
    ringkas_publik,
    simpan_ringkas_publik,  # migration reports/0007 imports it from here
)
from akuntabel.reviews.context import kunci_indikator_many

TTL = 7 * 24 * 3600   # a final never changes: its figures are kept by its id


@dataclass(frozen=True)
class Terbit:
    """A published final LKjIP whose figures a page shows."""

    pk: int
    opd_id: int
    tahun: int
    format: str
    sha256: str
    tanggal: date      # the day it was published (its history), else the day it was made


# The parts a page reads (``RingkasFinal``'s columns): the home's, an agency page's and the
# open data's, the budget per program's; everything (a final's whole summary).
IKU = ("iku", "anggaran")
INDIKATOR = ("iku", "indikator", "anggaran")
PROGRAM = ("program",)
SEMUA = BAGIAN


def final_terbit(opd_pks: list[int], years: list[int]) -> dict[tuple[int, int], Terbit]:
    """``(opd pk, tahun) -> Terbit``: the latest published final LKjIP of each agency-year
    (three queries whatever their number)."""
    # No test on the snapshot here (it would parse every final's JSON, 4 MB for an agency of
    # 300 indicators, on every page): a latest final without one gives nothing (isi_final)
    rows = (LaporanFinal.objects.filter(perangkat_daerah__in=opd_pks, tahun__in=years,
                                        dokumen="lakip", dipublikasikan=True)
            .order_by("created_at", "pk")
            .values_list("pk", "perangkat_daerah_id", "tahun", "format", "sha256", "created_at"))
    latest = {(opd, th): (pk, fmt, sha, made) for pk, opd, th, fmt, sha, made in rows}
    if not latest:
        return {}
    # name the final by its PDF (verifiable by upload) when the PDF of the same final (the
    # same snapshot) is published too: one query for every agency-year
    bukan_pdf = Q()
    for (opd, th), (pk, fmt, _sha, _made) in latest.items():
        if fmt != "pdf":
            bukan_pdf |= Q(perangkat_daerah=opd, tahun=th, data=Subquery(
                LaporanFinal.objects.filter(pk=pk).values("data")))
    if bukan_pdf:
        for pk, opd, th, fmt, sha, made in (LaporanFinal.objects.filter(
                bukan_pdf, dokumen="lakip", dipublikasikan=True, format="pdf")
                .order_by("created_at", "pk").values_list(
                    "pk", "perangkat_daerah_id", "tahun", "format", "sha256", "created_at")):
            if latest[opd, th][1] != "pdf" or latest[opd, th][3] <= made:
                latest[opd, th] = (pk, fmt, sha, made)
    published = dict(Perubahan.objects.filter(
        model="LaporanFinal", kolom="dipublikasikan",
        objek_id__in=[v[0] for v in latest.values()]).order_by("created_at", "pk")
        .values_list("objek_id", "created_at"))
    return {(opd, th): Terbit(pk, opd, th, fmt, sha,
                              timezone.localdate(published.get(pk, made)))
            for (opd, th), (pk, fmt, sha, made) in latest.items()}


def isi_final(terbit: Terbit) -> IsiFinal:
    """The whole figures of a published final (cached by its id)."""
    return isi_final_many([terbit])[terbit.pk]


def _kunci_isi(terbit: Terbit, bagian: tuple[str, ...]) -> str:
    # a row id alone may come back; "3": the figures' shape (stored in parts)
    return f"portal:final:3:{terbit.pk}:{terbit.sha256}:{'+'.join(bagian)}"


# The process's own copies of the finals' figures it read: unpickling forty agencies' figures
# from the shared cache cost about 150 ms a page on the loaded machine. A copy is used only
# while the shared entry exists (``has_key`` reads its header, not its body), so emptying the
# cache empties these too (as ``reports.tembolok``'s); a final never changes.
DEKAT_MAKS = 400
_dekat: OrderedDict[str, IsiFinal] = OrderedDict()
_dekat_kunci = threading.Lock()


def _ingat(isi: dict[str, IsiFinal]) -> None:
    with _dekat_kunci:
        for k, v in isi.items():
            _dekat[k] = v
            _dekat.move_to_end(k)
        while len(_dekat) > DEKAT_MAKS:
            _dekat.popitem(last=False)


def isi_final_many(terbit: list[Terbit], bagian: tuple[str, ...] = SEMUA
                   ) -> dict[int, IsiFinal]:
    """Final pk -> its figures of the parts ``bagian`` (``IKU``, ``INDIKATOR``, ``PROGRAM``,
    ``SEMUA``), those not cached read in one query: the stored summary's parts alone, or the
    whole snapshot of a final without a summary (its figures then hold every part)."""
    kunci = {_kunci_isi(t, bagian): t for t in terbit}
    with _dekat_kunci:
        dekat = {k: _dekat[k] for k in kunci if k in _dekat}
    hasil = {kunci[k].pk: v for k, v in dekat.items() if cache.has_key(k)}
    dibaca = cache.get_many([k for k in kunci if kunci[k].pk not in hasil])
    _ingat(dibaca)
    hasil.update({kunci[k].pk: v for k, v in dibaca.items()})
    kurang = {t.pk: t for t in terbit if t.pk not in hasil}
    if not kurang:
        return hasil
    baru = {}
    # the snapshot (4 MB of an agency's budget lines) is read only for a final without a
    # summary row: CASE reads the column of the rows it is true for alone; no ordering (the
    # finals' own joins their agencies through a column stored after the snapshot: on SQLite
    # read by walking its megabytes, 50 ms for 40 finals)
    for pk, *nilai, data in (LaporanFinal.objects.filter(pk__in=kurang).order_by()
                             .annotate(snapshot=Case(When(ringkas__isnull=True, then=F("data")),
                                                     default=None, output_field=JSONField()))
                             .values_list("pk", *(f"ringkas__{b}" for b in bagian),
                                          "snapshot")):
        try:
            isi = (isi_dari_snapshot(data, kurang[pk].tahun) if data is not None
                   else isi_dari_ringkas(dict(zip(bagian, nilai, strict=True))))
        except (KeyError, TypeError, ValueError, InvalidOperation):
            isi = IsiFinal({}, None)
        hasil[pk] = isi
        baru[_kunci_isi(kurang[pk], bagian)] = isi
    cache.set_many(baru, TTL)
    _ingat(baru)
    return hasil


def peta_kunci(opd_pks: list[int], tahun: int, indikator: list[Indikator]
               ) -> dict[int, str]:
    """Indicator id -> snapshot key of ``indikator`` of the agencies in ``tahun`` (none for an
    agency no Renstra covers in that year), in a few queries whatever their number: of a few
    indicators (a page of IKU) reading only their nodes, of many the agencies' whole map."""
    return kunci_indikator_many(opd_pks, tahun, indikator if len(indikator) <= 500 else None)
