"""Penetapan of a Renstra: a Renstra Perangkat Daerah (each version, a perubahan too) is a draft
until the Peraturan Kepala Daerah establishing it is recorded (Permendagri 86/2017: the Renstra
PD is established by a peraturan kepala daerah). Only an established version is public.

:func:`tetapkan` records the regulation's number and date with who and when, and freezes the
document as established: what the Renstra prints (tujuan, sasaran, their indicators with unit,
baseline, target per year and end target, strategi and arah kebijakan, the programs with their
indicators, their kegiatan, the funding of both as printed) as canonical JSON (:func:`kanonik`)
with its SHA-256, so that later edits never change the established document;
:func:`bagian_berubah` says what changed since.
:func:`batalkan` undoes a penetapan (an admin, with a reason). Both lock the Renstra row, are
all or nothing, raise the OPD's data revision (the public portal's pages) and record every
value they change in the history with the user and the reason.

Who may (the callers check it, ``accounts.access.Hak``): a penetapan is recorded by the
kepala OPD, whose plan it is and who signs its other documents, or by the admin pemda, who
keeps the pemda's regulations (``Hak.tandatangani``); an operator drafts but never publishes.
Undoing one is the admin pemda's alone (``Hak.kelola``): it withdraws a public document.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akuntabel.audit.services import record_change
from akuntabel.core.angka import format_angka
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    Program,
    Renstra,
    RenstraAnggaran,
    Sasaran,
    Strategi,
    Target,
    Tujuan,
)
from akuntabel.plans.structure import StructureError
from akuntabel.revisi.services import naikkan_opd

SUMBER = "Penetapan Renstra"
FORMAT = "akuntabel-renstra/1"
DASAR_HUKUM_MAKS = 300
# The parts of the document, in the order a change is named (``bagian_berubah``).
BAGIAN = {
    "tujuan": gettext_lazy("goals and objectives"),
    "indikator": gettext_lazy("indicators"),
    "target": gettext_lazy("targets"),
    "strategi": gettext_lazy("strategies and policy directions"),
    "program": gettext_lazy("programs and their funding"),
}


# --- The document -------------------------------------------------------------------------

def _ukuran(teks: str, nilai: Any) -> str:
    """A measure as the document prints it: its text, else its value."""
    return teks or format_angka(nilai)


def _indikator(i: Indikator) -> dict[str, Any]:
    return {
        "id": i.pk, "kode": i.kode, "uraian": i.uraian, "satuan": i.satuan,
        "iku": i.iku, "polaritas": i.polaritas,
        "definisi_operasional": i.definisi_operasional, "formula": i.formula,
        "sumber_data": i.sumber_data,
        "kondisi_awal_tahun": i.kondisi_awal_tahun,
        "kondisi_awal": _ukuran(i.kondisi_awal_teks, i.kondisi_awal),
        "target": {str(t.tahun): _ukuran(t.teks, t.nilai) for t in i.target_renstra},
        "kondisi_akhir": _ukuran(i.kondisi_akhir_teks, i.kondisi_akhir),
    }


def dokumen(renstra: Renstra) -> dict[str, Any]:
    """What the Renstra ``renstra`` prints now, as plain data (a fixed number of queries)."""
    targets = Prefetch("target", queryset=Target.objects.filter(
        jenis=Target.Jenis.RENSTRA, triwulan=0).order_by("tahun"), to_attr="target_renstra")
    indikator = Prefetch("indikator", queryset=Indikator.objects.prefetch_related(targets)
                         .order_by("urutan", "id"))
    sasaran = Prefetch("sasaran", queryset=Sasaran.objects.select_related("sasaran_daerah")
                       .prefetch_related(indikator).order_by("urutan", "id"))
    tujuan = [{
        "kode": t.kode, "uraian": t.uraian,
        "indikator": [_indikator(i) for i in t.indikator.all()],
        "sasaran": [{
            "kode": s.kode, "uraian": s.uraian,
            "sasaran_daerah": str(s.sasaran_daerah or ""),
            "indikator": [_indikator(i) for i in s.indikator.all()],
        } for s in t.sasaran.all()],
    } for t in Tujuan.objects.filter(renstra=renstra).prefetch_related(indikator, sasaran)
        .order_by("urutan", "id")]
    strategi = [{
        "uraian": s.uraian, "sasaran": s.sasaran.uraian if s.sasaran else "",
        "arah_kebijakan": [a.uraian for a in s.arah_kebijakan.order_by("urutan", "id")],
    } for s in Strategi.objects.filter(renstra=renstra).select_related("sasaran")
        .prefetch_related("arah_kebijakan").order_by("urutan", "id")]
    # the funding as printed, of a program or a kegiatan, by year (never summed here)
    pagu: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
    for a in RenstraAnggaran.objects.filter(
            Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
    ).order_by("tahun"):
        node = ("program", a.program_id) if a.program_id else ("kegiatan", a.kegiatan_id)
        pagu[node][str(a.tahun)] = _ukuran(a.target_teks, a.target)
    kegiatan = Prefetch("kegiatan", queryset=Kegiatan.objects.order_by("urutan", "id"))
    program = [{
        "kode": p.kode, "nama": p.nama, "sasaran": p.sasaran.uraian if p.sasaran else "",
        "indikator": [_indikator(i) for i in p.indikator.all()],
        "pagu": pagu[("program", p.pk)],
        "kegiatan": [{"kode": k.kode, "nama": k.nama, "pagu": pagu[("kegiatan", k.pk)]}
                     for k in p.kegiatan.all()],
    } for p in Program.objects.filter(renstra=renstra).select_related("sasaran")
        .prefetch_related(indikator, kegiatan).order_by("urutan", "id")]
    opd = renstra.perangkat_daerah
    return {
        "format": FORMAT,
        "pemda": opd.pemda.nama,
        "perangkat_daerah": {"kode": opd.kode, "nama": opd.nama},
        "periode": [renstra.tahun_awal, renstra.tahun_akhir],
        "berlaku_mulai": renstra.berlaku_mulai,
        "perubahan": renstra.versi_dari_id is not None,
        "alasan_perubahan": renstra.alasan_perubahan,
        "rpjmd": f"{renstra.rpjmd.tahun_awal}–{renstra.rpjmd.tahun_akhir}",
        "tahun": list(renstra.tahun),
        "penetapan": {
            "dasar_hukum": renstra.dasar_hukum,
            "tanggal": (renstra.tanggal_dasar_hukum.isoformat()
                        if renstra.tanggal_dasar_hukum else ""),
        },
        "tujuan": tujuan, "strategi": strategi, "program": program,
    }


def kanonik(doc: dict[str, Any]) -> bytes:
    """The document's canonical bytes, those its SHA-256 is taken of: JSON with sorted keys,
    no spaces, UTF-8 (anyone can recompute the hash of the downloaded file)."""
    return json.dumps(doc, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def sha256(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def semua_indikator(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every indicator of the document, in its order."""
    rows = []
    for t in doc["tujuan"]:
        rows += t["indikator"]
        for s in t["sasaran"]:
            rows += s["indikator"]
    for p in doc["program"]:
        rows += p["indikator"]
    return rows


def _bagian(doc: dict[str, Any]) -> dict[str, Any]:
    """The document split into the parts ``BAGIAN`` names (for comparing two of them)."""
    inds = semua_indikator(doc)
    return {
        "tujuan": [(t["kode"], t["uraian"], [(s["kode"], s["uraian"], s["sasaran_daerah"])
                                             for s in t["sasaran"]]) for t in doc["tujuan"]],
        "indikator": [{k: v for k, v in i.items() if k != "target"} for i in inds],
        "target": [(i["id"], i["target"]) for i in inds],
        "strategi": doc["strategi"],
        "program": [{k: v for k, v in p.items() if k != "indikator"} for p in doc["program"]],
    }


def bagian_berubah(renstra: Renstra) -> list[str]:
    """The parts (keys of ``BAGIAN``) of an established ``renstra`` that changed since its
    penetapan; [] when nothing did (or it is a draft)."""
    if renstra.status != Renstra.Status.DITETAPKAN or not renstra.dokumen_tetap:
        return []
    lama, kini = _bagian(json.loads(renstra.dokumen_tetap)), _bagian(dokumen(renstra))
    return [key for key in BAGIAN if lama[key] != kini[key]]


def ditetapkan(opd_pks: list[int]) -> list[Renstra]:
    """The established Renstra versions of the OPD (their lists of published documents),
    without their frozen documents: by agency, latest period first, versions in order."""
    return list(Renstra.objects.filter(perangkat_daerah__in=opd_pks,
                                       status=Renstra.Status.DITETAPKAN)
                .select_related("perangkat_daerah").defer("dokumen_tetap")
                .order_by("perangkat_daerah__nama", "-tahun_awal", "berlaku_mulai"))


# --- The writes ---------------------------------------------------------------------------

def tetapkan(renstra: Renstra, *, dasar_hukum: str, tanggal_dasar_hukum: date | None,
             alasan: str, user: Any) -> Renstra:
    """Establish ``renstra`` by the regulation ``dasar_hukum`` of ``tanggal_dasar_hukum`` and
    freeze its document; ``alasan`` (optional: the regulation is the reason) goes into the
    history. StructureError, nothing written, when the number or date is missing or when it
    is established already."""
    dasar_hukum, alasan = " ".join(dasar_hukum.split()), alasan.strip()
    errors: dict[str, str] = {}
    if not dasar_hukum:
        errors["dasar_hukum"] = _("Legal basis: write the number of the regulation "
                                  "establishing the Renstra (e.g. Peraturan Wali Kota Metro "
                                  "Nomor 12 Tahun 2021).")
    elif len(dasar_hukum) > DASAR_HUKUM_MAKS:
        errors["dasar_hukum"] = _("Legal basis: at most %(n)s characters.") % {
            "n": DASAR_HUKUM_MAKS}
    if tanggal_dasar_hukum is None:
        errors["tanggal_dasar_hukum"] = _("Date of the legal basis: write the date the "
                                          "regulation was established.")
    if errors:
        raise StructureError(errors)
    with transaction.atomic():
        renstra = (Renstra.objects.select_for_update()
                   .select_related("perangkat_daerah__pemda", "rpjmd").get(pk=renstra.pk))
        if renstra.status == Renstra.Status.DITETAPKAN:
            raise StructureError({"__all__": _(
                "This Renstra has already been established (%(dasar)s); nothing was changed.")
                % {"dasar": renstra.dasar_hukum}})
        naikkan_opd(renstra.perangkat_daerah)   # the revision of its documents and portal
        lama = {"dasar_hukum": renstra.dasar_hukum,
                "tanggal_dasar_hukum": renstra.tanggal_dasar_hukum}
        renstra.dasar_hukum, renstra.tanggal_dasar_hukum = dasar_hukum, tanggal_dasar_hukum
        isi = kanonik(dokumen(renstra))
        renstra.status = Renstra.Status.DITETAPKAN
        renstra.ditetapkan_oleh = user if getattr(user, "is_authenticated", False) else None
        renstra.ditetapkan_pada = timezone.now()
        renstra.dokumen_tetap, renstra.sha256 = isi.decode("utf-8"), sha256(isi)
        renstra.save(update_fields=["status", "dasar_hukum", "tanggal_dasar_hukum",
                                    "ditetapkan_oleh", "ditetapkan_pada", "dokumen_tetap",
                                    "sha256"])
        for kolom, nilai in lama.items():
            _record(renstra, kolom, nilai, getattr(renstra, kolom), user, alasan)
        _record(renstra, "status", Renstra.Status.DRAFT, renstra.status, user, alasan)
        _record(renstra, "sha256", "", renstra.sha256, user, alasan)
    return renstra


def batalkan(renstra: Renstra, *, alasan: str, user: Any) -> Renstra:
    """Undo the penetapan of ``renstra``: a draft again, its frozen document dropped (its hash
    stays in the history). StructureError, nothing written, without a reason or when it is
    not established."""
    alasan = alasan.strip()
    if not alasan:
        raise StructureError({"alasan": _("Reason: write why the penetapan is undone.")})
    with transaction.atomic():
        renstra = (Renstra.objects.select_for_update().select_related("perangkat_daerah")
                   .get(pk=renstra.pk))
        if renstra.status != Renstra.Status.DITETAPKAN:
            raise StructureError({"__all__": _("This Renstra is a draft; there is no "
                                               "penetapan to undo.")})
        naikkan_opd(renstra.perangkat_daerah)
        lama = renstra.sha256
        renstra.status = Renstra.Status.DRAFT
        renstra.ditetapkan_oleh, renstra.ditetapkan_pada = None, None
        renstra.dokumen_tetap, renstra.sha256 = "", ""
        renstra.save(update_fields=["status", "ditetapkan_oleh", "ditetapkan_pada",
                                    "dokumen_tetap", "sha256"])
        _record(renstra, "status", Renstra.Status.DITETAPKAN, renstra.status, user, alasan)
        _record(renstra, "sha256", lama, "", user, alasan)
    return renstra


def _record(renstra: Renstra, kolom: str, lama: Any, baru: Any, user: Any,
            alasan: str) -> None:
    record_change(renstra.perangkat_daerah, renstra, kolom, lama, baru, sumber=SUMBER,
                  oleh=user, alasan=alasan)
