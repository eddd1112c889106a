"""The public figures of a pemda's indicators, as its portal shows them (``/pemda/{pk}/capaian``).

``/opd/{pk}/indikator`` is the realisasi grid (quarters, versions, the line a token writes to);
anonymous callers see there only verified quarters. A year whose figures an agency made
public by publishing its final LKjIP has no verified quarter to show (the demo's 2023, printed
before Akuntabel), yet its portal page shows the year. This endpoint answers what the portal
and the data package (``capaian-indikator``, ``realisasi-triwulan``) show, read by the same
function (``portal.data.baris_opd``): one truth for the page, the CSV and the API. Public data
only, whoever asks (a token changes nothing; a token's own reading is ``/opd/{pk}/indikator``).
"""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from akuntabel.api.api import BACA, Galat, Halaman, jawab
from akuntabel.core.angka import angka_data
from akuntabel.organizations.models import Pemda
from akuntabel.portal import data
from akuntabel.portal.tabel import sumber_angka

router = Router(tags=["kinerja"])


class SaringCapaian(Halaman):
    tahun: int = Field(ge=2000, le=2100)
    opd: int | None = Field(None, description="only this perangkat daerah")
    iku: bool = Field(False, description="only the agencies' IKU")


class AngkaPublik(Schema):
    triwulan: int = Field(description="0: the year; 1-4: a verified quarter")
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None = Field(description="percent, by the indicator's polarity")
    peringkat: str | None


class CapaianOut(Schema):
    indikator_id: int
    opd_id: int
    opd_kode: str
    opd_nama: str
    kode: str
    uraian: str
    satuan: str
    sasaran: str
    tahun: AngkaPublik | None = Field(description="the year's figures; realisasi and capaian "
                                                   "empty until public")
    sumber_angka: str = Field(description='"LKjIP final <SHA-256>" (the published final '
                                          'LKjIP the year is from), "triwulan terverifikasi", '
                                          "or empty when no figure is public")
    verifikasi: str | None = Field(description="where the final's file is verified, if any")
    triwulan: list[AngkaPublik] = Field(description="verified quarters of the year")


class CapaianList(Schema):
    pemda_id: int
    tahun: int
    count: int
    items: list[CapaianOut]


def _angka(a: data.Angka) -> dict[str, object]:
    return {"triwulan": a.triwulan, "peringkat": a.peringkat,
            **{k: None if v is None else angka_data(v)
               for k, v in (("target", a.target), ("realisasi", a.realisasi),
                            ("capaian", a.capaian))}}


@router.get("/pemda/{pk}/capaian", response={200: CapaianList, 404: Galat, **BACA})
def capaian_pemda(request: HttpRequest, pk: int, saring: Query[SaringCapaian]) -> HttpResponse:
    """The indicators the pemda's agencies show, with the year's target, realisasi, capaian
    and peringkat and the verified quarters, exactly as the public portal shows them: a year
    with a published final LKjIP as that final holds it, another year only from verified
    quarterly reports. Paged over indicators; figures computed for the page only."""
    pemda = Pemda.objects.filter(pk=pk).first()
    if pemda is None:
        raise Http404
    opds = pemda.perangkat_daerah.order_by("nama", "pk")
    if saring.opd is not None:
        opds = opds.filter(pk=saring.opd)
    semua = data.indikator_publik_qs(list(opds.values_list("pk", flat=True)), saring.tahun,
                                     hanya_iku=saring.iku)
    halaman = list(semua[saring.offset:saring.offset + saring.limit])
    rows = data.baris_opd(pemda, halaman, saring.tahun, [saring.tahun], timezone.localdate())
    items = []
    for r in rows:
        assert r.opd is not None   # an OPD's indicator
        a = r.tahun_ini(saring.tahun)
        items.append({
            "indikator_id": r.pk, "opd_id": r.opd.pk, "opd_kode": r.opd.kode,
            "opd_nama": r.opd.nama, "kode": r.kode, "uraian": r.uraian, "satuan": r.satuan,
            "sasaran": r.sasaran, "tahun": _angka(a) if a else None,
            "sumber_angka": sumber_angka(a) if a else "",
            "verifikasi": (request.build_absolute_uri(reverse("verifikasi"))
                           if a and a.final else None),
            "triwulan": [_angka(t) for t in r.triwulan]})
    return jawab(request, {"pemda_id": pemda.pk, "tahun": saring.tahun, "count": semua.count(),
                           "items": items})
