"""The public Renstra document: each established version of an agency's Renstra
(``plans.penetapan``), rendered from the document frozen at its penetapan, never from the plan
as edited since; a draft is never shown (404). With its SHA-256 and the document itself as JSON
(the bytes the hash is taken of) and as CSV, so anyone can check it.

An indicator its agency hides from the portal (``Indikator.tampil_publik``) is left out of the
page and of the downloads; the edition published then is the established document without it,
with its own hash (the page says how many are left out and gives the established document's
hash too)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from akuntabel.organizations.models import Pemda
from akuntabel.plans.models import Indikator, Renstra
from akuntabel.plans.penetapan import kanonik, semua_indikator, sha256
from akuntabel.portal.tabel import Kolom, Tabel, ke_csv
from akuntabel.portal.views import TIPE, _pemda, _tembolok


def _renstra(pemda: Pemda, pk: int) -> Renstra:
    """The established Renstra version ``pk`` of an agency of ``pemda``; Http404 for a draft,
    another pemda's or none."""
    renstra = (Renstra.objects.filter(pk=pk, perangkat_daerah__pemda=pemda,
                                      status=Renstra.Status.DITETAPKAN)
               .select_related("perangkat_daerah").first())
    if renstra is None:
        raise Http404
    return renstra


def _tanpa(rows: list[dict[str, Any]], hidden: set[int]) -> list[dict[str, Any]]:
    return [i for i in rows if i["id"] not in hidden]


def terbitan(renstra: Renstra) -> tuple[dict[str, Any], bytes, int]:
    """The edition the portal publishes: the frozen document without the indicators hidden
    from the portal now, its bytes (the frozen bytes themselves when none is hidden) and how
    many were left out."""
    doc = json.loads(renstra.dokumen_tetap)
    ids = [i["id"] for i in semua_indikator(doc)]
    hidden = set(Indikator.objects.filter(pk__in=ids, tampil_publik=False)
                 .values_list("pk", flat=True))
    if not hidden:
        return doc, renstra.dokumen_tetap.encode("utf-8"), 0
    for t in doc["tujuan"]:
        t["indikator"] = _tanpa(t["indikator"], hidden)
        for s in t["sasaran"]:
            s["indikator"] = _tanpa(s["indikator"], hidden)
    for p in doc["program"]:
        p["indikator"] = _tanpa(p["indikator"], hidden)
    return doc, kanonik(doc), len(hidden)


def _baris(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every indicator with its targets in the order of the document's years (the page)."""
    years = [str(y) for y in doc["tahun"]]
    for i in semua_indikator(doc):
        i["target_tahun"] = [i["target"].get(y, "") for y in years]
    for p in doc["program"]:
        for node in [p, *p["kegiatan"]]:
            node["pagu_tahun"] = [node["pagu"].get(y, "") for y in years]
    return doc["tujuan"]


def _ada_pagu(doc: dict[str, Any]) -> bool:
    """Whether the document prints any funding (else the program table has no year columns)."""
    return any(node["pagu"] for p in doc["program"] for node in [p, *p["kegiatan"]])


def tabel_renstra(doc: dict[str, Any]) -> Tabel:
    """The document as one table: a row per indicator (an element without one, once), its
    place in the plan and its targets per year."""
    years = [str(y) for y in doc["tahun"]]
    kolom = (Kolom("bagian", "string", "Where the row sits: tujuan, sasaran, program or "
                                       "kegiatan."),
             Kolom("kode", "string", "Code of the element."),
             Kolom("uraian", "string", "The element as worded."),
             Kolom("induk", "string", "The element the row belongs to, by its code (else its "
                                      "text): a sasaran's tujuan, a kegiatan's program."),
             Kolom("indikator_kode", "string", "Local key of the indicator; may be empty."),
             Kolom("indikator_uraian", "string", "The indicator as worded."),
             Kolom("satuan", "string", "Unit of the indicator."),
             Kolom("kondisi_awal", "string", "Baseline as printed."),
             *(Kolom(f"target_{y}", "string", f"Renstra target of {y} as printed.")
               for y in years),
             Kolom("kondisi_akhir", "string", "End-of-period target as printed."),
             *(Kolom(f"pagu_{y}", "string", f"Funding of the program or kegiatan in {y} as "
                                            "printed (Rupiah).")
               for y in years))
    baris: list[tuple[Any, ...]] = []

    def tambah(bagian: str, kode: str, uraian: str, induk: str,
               inds: list[dict[str, Any]], pagu: dict[str, str] | None = None) -> None:
        dana = tuple((pagu or {}).get(y, "") for y in years)
        for i in inds or [None]:  # type: ignore[list-item]
            ind = (("", "", "", "", *("" for _ in years), "") if i is None else (
                i["kode"], i["uraian"], i["satuan"], i["kondisi_awal"],
                *(i["target"].get(y, "") for y in years), i["kondisi_akhir"]))
            baris.append((bagian, kode, uraian, induk, *ind, *dana))

    for t in doc["tujuan"]:
        tambah("tujuan", t["kode"], t["uraian"], "", t["indikator"])
        for s in t["sasaran"]:
            tambah("sasaran", s["kode"], s["uraian"], t["kode"] or t["uraian"], s["indikator"])
    for p in doc["program"]:
        tambah("program", p["kode"], p["nama"], "", p["indikator"], p["pagu"])
        for k in p["kegiatan"]:
            tambah("kegiatan", k["kode"], k["nama"], p["kode"] or p["nama"], [], k["pagu"])
    return Tabel("renstra", "Renstra", kolom, baris)


def _nama_berkas(renstra: Renstra) -> str:
    return f"renstra-{renstra.perangkat_daerah.kode}-{renstra.tahun_awal}-{renstra.berlaku_mulai}"


@require_GET
def halaman(request: HttpRequest, pemda_id: int, pk: int) -> HttpResponse:
    """The established Renstra version as a printable page."""
    pemda = _pemda(pemda_id)
    renstra = _renstra(pemda, pk)

    def buat() -> tuple[bytes, str, int]:
        doc, isi, disembunyikan = terbitan(renstra)
        ctx = {"pemda": pemda, "renstra": renstra, "doc": doc, "tujuan": _baris(doc),
               "tanggal": date.fromisoformat(doc["penetapan"]["tanggal"]),
               "ada_pagu": _ada_pagu(doc),
               "sha256": sha256(isi), "disembunyikan": disembunyikan,
               "berkas": _nama_berkas(renstra)}
        return (render(request, "portal/renstra.html", ctx).content,
                "text/html; charset=utf-8", 200)
    return _tembolok(request, pemda, buat)


@require_GET
def unduh(request: HttpRequest, pemda_id: int, pk: int, fmt: str) -> HttpResponse:
    """The published edition as JSON (the bytes its SHA-256 is taken of) or as CSV."""
    pemda = _pemda(pemda_id)
    if fmt not in ("json", "csv"):
        raise Http404
    renstra = _renstra(pemda, pk)

    def buat() -> tuple[bytes, str, int]:
        doc, isi, _n = terbitan(renstra)
        return (isi if fmt == "json" else ke_csv(tabel_renstra(doc))), TIPE[fmt], 200
    response = _tembolok(request, pemda, buat)
    response["Content-Disposition"] = f'attachment; filename="{_nama_berkas(renstra)}.{fmt}"'
    return response
