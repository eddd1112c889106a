"""The pemda's final LKjIP: the same mechanism as the OPD's (``reports.final``): one
``Dokumen`` built once in one reading of the database, rendered in each format, stored as
bytes with its JSON snapshot (the document and the IKU figures with their OPD inputs and
entries) and the SHA-256 of each file, checked before every download; never re-rendered.
The JSON, hash, stable-bytes and one-reading helpers are reports.final's own; the PDF is, as
the OPD's, PDF/A-3b with the snapshot embedded, signed with the pemda's key."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import partial
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from akuntabel.audit.services import record_pemda_change
from akuntabel.budget.services import build_budget_totals
from akuntabel.core.anggaran import HasilNode
from akuntabel.daerah.lkjip import (
    JENIS,
    LkjipPemda,
    NoRpjmd,
    apbd_per_bidang,
    catatan_masukan,
    filename,
    rpjmd_of,
)
from akuntabel.daerah.models import IkuDaerah, LaporanFinalPemda, TautanIku
from akuntabel.daerah.realisasi import RealisasiIku, realisasi_iku_many
from akuntabel.daerah.services import perkada_berlaku
from akuntabel.daerah.tujuan import baca_tahun
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.reports.final import (
    FINAL_FORMATS,
    SNAPSHOT_VERSION,
    CatatanDiperlukan,
    FinalTidakBerubah,
    PemilikFinal,
    is_intact,
    one_reading,
    render_bytes,
    reproduce,
    simpan_final,
    to_json,
    to_json_roundtrip,
    ubah_publikasi,
)
from akuntabel.reports.kesiapan import MAKS_PERBEDAAN, Masalah, Perbedaan, perbedaan
from akuntabel.reports.models import LaporanFinal
from akuntabel.reports.tembolok import data_pemda

__all__ = ["CatatanDiperlukan", "FinalTidakBerubah", "final_terbit", "is_intact", "make_final",
           "masalah_terbuka", "render_bytes", "reproduce", "set_publikasi"]


def belum_terukur(pemda: Pemda, tahun: int) -> list[tuple[str, str]]:
    """The IKU the LKjIP cannot measure yet, each with the OPD figures missing or not
    verified (the document's own reading, without building the document)."""
    perkada = perkada_berlaku(pemda, tahun)
    if perkada is None:
        return []
    iku = list(perkada.iku.prefetch_related("target"))
    hasil = realisasi_iku_many(iku, [tahun], hanya_terverifikasi=True)
    return [(i.uraian, catatan_masukan(h, rinci=False) or h.alasan)
            for i in iku if (h := hasil[i.pk, tahun]).realisasi is None]


def opd_iku(pemda: Pemda, tahun: int) -> list[PerangkatDaerah]:
    """The agencies the pemda's IKU of ``tahun`` rest on: responsible for an IKU of the
    Perkada in force, or owning an indicator linked (approved) to one; by name."""
    perkada = perkada_berlaku(pemda, tahun)
    if perkada is None:
        return []
    return list(PerangkatDaerah.objects.filter(pemda=pemda).filter(
        Q(iku_daerah__perkada=perkada)
        | Q(indikator__tautan_iku_daerah__iku__perkada=perkada,
            indikator__tautan_iku_daerah__status=TautanIku.Status.DISETUJUI))
        .distinct().order_by("nama"))


def masalah_terbuka(pemda: Pemda, tahun: int) -> list[Masalah]:
    """The problems open now for the pemda's LKjIP of ``tahun`` (issue 16, "final with eyes
    open"): no Perkada on the IKU in force for the year (the LKjIP then reports no IKU), each
    IKU not measured yet with the OPD figures missing or unverified, and each agency an IKU
    rests on (``opd_iku``) whose own LKjIP of the year has no final document yet (another
    agency's LKjIP is no input of the pemda's)."""
    if perkada_berlaku(pemda, tahun) is None:
        return [Masalah("perkada", "", "IKU Pemerintah Daerah",
                        f"Belum ada Perkada IKU yang berlaku untuk tahun {tahun}; LKjIP tidak "
                        "memuat IKU dan capaiannya.")]
    hasil = [Masalah("iku", "", uraian, sebab) for uraian, sebab in
             belum_terukur(pemda, tahun)]
    ada_final = set(LaporanFinal.objects.filter(
        perangkat_daerah__pemda=pemda, tahun=tahun, dokumen="lakip")
        .values_list("perangkat_daerah", flat=True))
    for opd in opd_iku(pemda, tahun):
        if opd.pk not in ada_final:
            hasil.append(Masalah("final-opd", "", opd.nama,
                                 f"LKjIP {opd.nama} tahun {tahun} belum difinalkan."))
    return hasil


def _iku_json(pasangan: Iterable[tuple[IkuDaerah, RealisasiIku]]) -> list[dict[str, Any]]:
    """Each IKU's figures of a year with its OPD inputs and entries, as plain data."""
    return [{
        "iku": i.pk, "kode": i.kode, "uraian": i.uraian, "tahun": h.tahun,
        "rumus": h.rumus, "realisasi": h.realisasi, "alasan": h.alasan,
        "target": h.target, "capaian": h.capaian,
        "masukan": [{"nama": m.nama, "opd": m.opd.kode, "indikator": m.indikator.pk,
                     "nilai": m.nilai, "sumber": m.sumber, "status": str(m.status),
                     "entri": [{"triwulan": e.triwulan, "nilai": e.nilai, "teks": e.teks,
                                "terverifikasi": e.terverifikasi} for e in m.entri]}
                    for m in h.masukan]} for i, h in pasangan]


def _anggaran_opd(opds: Iterable[PerangkatDaerah],
                  total: dict[int, HasilNode | None]) -> dict[str, Any]:
    """Each agency's APBD total (pagu, realisasi) by its code, as Tabel 3.5 prints it."""
    return {o.kode: (None if (n := total.get(o.pk)) is None else
                     {"pagu": n.pagu.nilai, "realisasi": n.realisasi.nilai}) for o in opds}


def anggaran_urusan(pemda: Pemda, tahun: int) -> dict[str, Any]:
    """The APBD per bidang urusan (pagu, realisasi) as Tabel 3.4 reads it
    (``daerah.lkjip.apbd_per_bidang``)."""
    kode_list, hasil = apbd_per_bidang(pemda, tahun)
    return {b: {"pagu": hasil[f"b{b}"].pagu.nilai, "realisasi": hasil[f"b{b}"].realisasi.nilai}
            for b in kode_list}


def tujuan_json(rpjmd: Any, tahun: int) -> dict[str, Any]:
    """The tujuan daerah indicators as Tabel 3.2 prints them (``daerah.tujuan.baca_tahun``):
    per indicator, by its words, the year's target and realisasi and last year's realisasi."""
    out: dict[str, Any] = {}
    for baris in baca_tahun(rpjmd, tahun).values():
        for b in baris:
            nama = b.indikator.uraian
            if nama in out:
                nama = f"{nama} ({b.indikator.kode or b.indikator.pk})"
            out[nama] = {f"target {tahun}": b.target.nilai if b.target else None,
                         f"realisasi {tahun}": b.realisasi.nilai if b.realisasi else None,
                         f"realisasi {tahun - 1}": b.lalu.nilai if b.lalu else None}
    return out


def _sumber(builder: LkjipPemda) -> dict[str, Any]:
    """The plain data the document was computed from: each IKU's figures and inputs, the
    APBD per agency and per bidang urusan."""
    iku = _iku_json((b.iku, h) for b in builder.baris for h in (b.lalu, b.kini))
    return {"iku": iku, "anggaran": _anggaran_opd(builder.opd, builder.anggaran),
            "anggaran_urusan": anggaran_urusan(builder.pemda, builder.tahun),
            "tujuan": tujuan_json(builder.rpjmd, builder.tahun),
            "pk_daerah": builder.pk.pk if builder.pk else None,
            "perkada": builder.perkada.nomor if builder.perkada else None}


def _perubahan(sumber: dict[str, Any], pemda: Pemda, tahun: int) -> list[Perbedaan]:
    """What differs between a final's ``sumber`` and today's reading of the same IKU, years
    and budget (an older final without the budget per urusan is compared on what it has)."""
    beda: list[Perbedaan] = []
    if "iku" in sumber:
        perkada = perkada_berlaku(pemda, tahun)
        iku = list(perkada.iku.select_related("sasaran_daerah")
                   .prefetch_related("target", "penanggung_jawab")) if perkada else []
        hasil = realisasi_iku_many(iku, [tahun - 1, tahun], hanya_terverifikasi=True)
        kini = to_json_roundtrip(to_json(_iku_json(
            (i, hasil[i.pk, th]) for i in iku for th in (tahun - 1, tahun))))
        beda += perbedaan(sumber["iku"], kini, "IKU")
    if "anggaran" in sumber:
        opds = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))
        nama = {o.kode: o.nama for o in opds}
        kini = to_json_roundtrip(to_json(_anggaran_opd(opds, build_budget_totals(opds, tahun))))
        beda += perbedaan({nama.get(k, k): v for k, v in sumber["anggaran"].items()},
                          {nama.get(k, k): v for k, v in kini.items()},
                          "Anggaran per Perangkat Daerah")
    if "anggaran_urusan" in sumber:
        beda += perbedaan(sumber["anggaran_urusan"],
                          to_json_roundtrip(to_json(anggaran_urusan(pemda, tahun))),
                          "Anggaran per bidang urusan")
    if "tujuan" in sumber:
        try:
            kini_tujuan = tujuan_json(rpjmd_of(pemda, tahun), tahun)
        except NoRpjmd:   # the RPJMD itself removed since: every indicator is gone
            kini_tujuan = {}
        beda += perbedaan(sumber["tujuan"], to_json_roundtrip(to_json(kini_tujuan)),
                          "Indikator tujuan daerah")
    return beda


def final_kedaluwarsa(pemda: Pemda, tahun: int) -> dict[str, Any]:
    """For the page: the latest final and what changed since it was made in its IKU figures
    and their OPD inputs and in its APBD per agency and per bidang urusan (today's reading of
    the same; at most ``MAKS_PERBEDAAN`` named, with the total count). The OPD final's twin
    (``reports.kesiapan.final_kedaluwarsa``), compared with its ``perbedaan``; kept in the
    cache by the data revisions of the pemda and its OPD and the final."""
    final = (LaporanFinalPemda.objects.filter(pemda=pemda, tahun=tahun, dokumen=JENIS)
             .only("pk", "created_at", "data").order_by("-created_at", "-pk").first())
    beda: list[Perbedaan] = []
    if final is not None and "sumber" in final.data:
        beda = data_pemda(pemda, tahun, "final-kedaluwarsa",
                          lambda: _perubahan(final.data["sumber"], pemda, tahun), final.pk)
    return {"final_terakhir": final, "perbedaan": beda[:MAKS_PERBEDAAN],
            "jumlah_perbedaan": len(beda)}


def make_final(pemda: Pemda, tahun: int, oleh: AbstractBaseUser | None,
               tanggal: date | None = None,
               formats: tuple[str, ...] = FINAL_FORMATS,
               catatan: str = "") -> list[LaporanFinalPemda]:
    """Freeze the pemda's LKjIP of ``tahun``: one context, rendered in each format, stored with
    its snapshot, hash, the problems open and the maker's note, in one transaction. Raises
    NoRpjmd without an RPJMD, CatatanDiperlukan when problems are open and ``catatan`` is
    empty, and FinalTidakBerubah when nothing changed since the latest final."""
    from django.utils import timezone

    with one_reading():   # the problems listed with the final are those of its data
        masalah = masalah_terbuka(pemda, tahun)
        builder = LkjipPemda(pemda, tahun, tanggal or timezone.localdate())
        dok = builder.build()
        data = {"versi_format": SNAPSHOT_VERSION,
                "pemda": {"pk": pemda.pk, "kode": pemda.kode, "nama": pemda.nama},
                "tahun": tahun, "dokumen": to_json(dok), "sumber": to_json(_sumber(builder))}
    pemilik = PemilikFinal(LaporanFinalPemda, pemda,
                           {"pemda": pemda, "tahun": tahun, "dokumen": JENIS},
                           pemda, f"Pemerintah {pemda.nama}", partial(record_pemda_change, pemda),
                           "LKjIP Pemerintah Daerah final dibuat")
    return simpan_final(pemilik, dok, data, oleh, formats, masalah=masalah, catatan=catatan)


def set_publikasi(final: LaporanFinalPemda, dipublikasikan: bool,
                  oleh: AbstractBaseUser | None) -> bool:
    """Publish or withdraw a final of the pemda (readable by anyone, listed on the public
    portal), as an OPD's final (``reports.final.ubah_publikasi``); returns whether anything
    changed, recorded in the pemda's history."""
    return ubah_publikasi(final, dipublikasikan, oleh, partial(record_pemda_change, final.pemda),
                          "Publikasi LKjIP Pemerintah Daerah final")


def final_terbit(pemda: Pemda) -> list[LaporanFinalPemda]:
    """The published finals of the pemda, newest year first (for the public portal's list of
    documents), without their bytes."""
    return list(LaporanFinalPemda.objects.filter(pemda=pemda, dipublikasikan=True)
                .select_related("pemda").defer("isi", "data")
                .order_by("-tahun", "-created_at", "format"))


def filename_of(final: LaporanFinalPemda) -> str:
    stamp = final.created_at.strftime("%Y%m%d-%H%M%S") if final.created_at else "final"
    return filename(final.pemda, final.tahun, final.format).replace(
        f".{final.format}", f"-final-{stamp}.{final.format}")
