"""The code list search as JSON, for the pickers of the planning screens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from akuntabel.accounts.models import Membership
from akuntabel.organizations.models import Pemda
from akuntabel.references.models import EdisiReferensi, KodeNomenklatur
from akuntabel.references.services import cari_nomenklatur, edisi_pemda

BATAS_MAKS = 50


def get_pemda_member(user: Any, pk: str | None) -> Pemda:
    """The pemda ``pk`` (or, without one, the user's first) in which the user has a role, of any
    kind; Http404 for anyone else."""
    pemda_ids = set(Membership.objects.filter(user=user).values_list("pemda_id", flat=True))
    if pk:
        if not pk.isdigit() or not (user.is_superuser or int(pk) in pemda_ids):
            raise Http404
        pemda = Pemda.objects.filter(pk=int(pk)).first()
    else:
        pemda = Pemda.objects.filter(pk__in=pemda_ids).order_by("pk").first()
    if pemda is None:
        raise Http404
    return pemda


@login_required
@require_GET
def nomenklatur_json(request: HttpRequest) -> JsonResponse:
    """``?q=&tingkat=&induk=&batas=``: codes of the pemda's edition (or ``?edisi=<kode>``)
    matching ``q``, ranked as ``cari_nomenklatur`` ranks them."""
    pemda = get_pemda_member(request.user, request.GET.get("pemda"))
    kode_edisi = request.GET.get("edisi", "").strip()
    if kode_edisi:
        edisi = EdisiReferensi.objects.filter(
            kode=kode_edisi, daftar=EdisiReferensi.Daftar.NOMENKLATUR).first()
        if edisi is None:
            raise Http404
    else:
        edisi = edisi_pemda(pemda)
    tingkat = request.GET.get("tingkat", "")
    if tingkat not in KodeNomenklatur.Tingkat.values:
        tingkat = ""
    batas = request.GET.get("batas", "")
    batas_n = min(int(batas), BATAS_MAKS) if batas.isdigit() else 20
    hasil = [] if edisi is None else cari_nomenklatur(
        edisi, request.GET.get("q", "")[:200], tingkat=tingkat or None,
        induk=request.GET.get("induk", "")[:40] or None, batas=batas_n)
    return JsonResponse({
        "edisi": edisi and {"kode": edisi.kode, "nama": edisi.nama},
        "hasil": [{"kode": r.kode, "tingkat": r.tingkat, "nama": r.nama, "kinerja": r.kinerja,
                   "indikator": r.indikator, "satuan": r.satuan, "kode_daftar": r.kode_daftar}
                  for r in hasil]})
