"""The LHE final: the Laporan Hasil Evaluasi of a locked evaluation frozen the way the OPD's
LKjIP is (``reports.final``): one ``Dokumen`` built once in one reading of the database,
rendered in each format, stored as bytes with its JSON snapshot (the document, and the scores,
grades and recommendations it was made from) and the SHA-256 of each file, checked before
every download; never re-rendered. The PDF is PDF/A-3b with the snapshot embedded, signed
with the pemda's key (``reports.final.tandatangani_final``), so that ``reports.verifikasi``
names it "LHE" of its OPD (or pemda) and year.

Made only once the evaluation is locked (before, the LHE is a draft) and only by the reviewer
(Inspektorat) or the admin pemda (``HakEvaluasi.kelola``)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from akuntabel.audit.services import record_change, record_pemda_change
from akuntabel.evaluasi.access import hak_evaluasi
from akuntabel.evaluasi.lhe import build_lhe
from akuntabel.evaluasi.models import Evaluasi, LheFinal
from akuntabel.evaluasi.services import nama_unit, skor
from akuntabel.reports.document import Dokumen
from akuntabel.reports.final import (
    FINAL_FORMATS,
    SNAPSHOT_VERSION,
    FinalTidakBerubah,
    PemilikFinal,
    one_reading,
    sha256_of,
    simpan_final,
    to_json,
)

__all__ = ["FinalTidakBerubah", "LheFinalDitolak", "buat_final", "filename_of", "is_intact"]


class LheFinalDitolak(Exception):
    """No final is made (the evaluation is not locked); the message says why, in the active
    language, naming the LHE."""


def snapshot(dok: Dokumen, evaluasi: Evaluasi) -> dict[str, Any]:
    """The document and the plain data it was made from: the scores (exact) and predikat,
    every criterion's grades and notes, the recommendations. Call it in the same reading as
    ``dok``."""
    hasil = skor(evaluasi)
    opd = evaluasi.perangkat_daerah
    pemda = evaluasi.pemda
    return to_json({
        "versi_format": SNAPSHOT_VERSION,
        "evaluasi": evaluasi.pk,
        "opd": ({"pk": opd.pk, "kode": opd.kode, "nama": opd.nama, "pemda": pemda.kode,
                 "pemda_nama": pemda.nama} if opd is not None else None),
        "pemda": {"kode": pemda.kode, "nama": pemda.nama},
        "tahun": evaluasi.tahun,
        "template": evaluasi.template.kode,
        "dikunci_pada": evaluasi.dikunci_pada,
        "dokumen": dok,
        "hasil": {"total": hasil.total, "nilai_komponen": hasil.nilai_komponen,
                  "nilai_sub": hasil.nilai_sub,
                  "predikat": hasil.predikat.predikat if hasil.predikat else None,
                  "tak_dijawab": hasil.tak_dijawab},
        "jawaban": [{"kriteria": j.kriteria.nomor, "nilai_usulan": j.nilai_usulan,
                     "nilai_penetapan": j.nilai_penetapan, "nilai_saran": j.nilai_saran,
                     "catatan_penetapan": j.catatan_penetapan, "tanggapan": j.tanggapan}
                    for j in evaluasi.jawaban.select_related("kriteria")],
        "rekomendasi": [{"komponen": r.komponen.kode, "opd": r.perangkat_daerah.kode,
                         "uraian": r.uraian, "batas_waktu": r.batas_waktu, "status": r.status}
                        for r in evaluasi.rekomendasi.select_related("komponen",
                                                                     "perangkat_daerah")],
    })


def buat_final(evaluasi: Evaluasi, oleh: Any,
               formats: tuple[str, ...] = FINAL_FORMATS) -> list[LheFinal]:
    """Freeze the LHE of ``evaluasi``: PermissionDenied unless ``oleh`` is its reviewer or
    the admin pemda, LheFinalDitolak while it is not locked, FinalTidakBerubah when nothing
    changed since the latest final (a double click makes one final)."""
    hak = hak_evaluasi(oleh, evaluasi)
    if hak is None or not hak.kelola:
        raise PermissionDenied
    with one_reading():
        evaluasi = Evaluasi.objects.select_related("pemda", "perangkat_daerah", "template").get(
            pk=evaluasi.pk)
        nama = f"LHE {nama_unit(evaluasi)} {evaluasi.tahun}"
        if not evaluasi.terkunci:
            raise LheFinalDitolak(f"{nama}: " + _(
                "the evaluation is not locked yet; the LHE is made final only after the lock "
                "(before, it is a draft)."))
        dok = build_lhe(evaluasi)
        data = snapshot(dok, evaluasi)
    opd = evaluasi.perangkat_daerah
    catat = (partial(record_change, opd) if opd is not None
             else partial(record_pemda_change, evaluasi.pemda))
    pemilik = PemilikFinal(LheFinal, evaluasi, {"evaluasi": evaluasi, "tahun": evaluasi.tahun},
                           evaluasi.pemda, nama_unit(evaluasi), catat, "LHE final dibuat")
    return simpan_final(pemilik, dok, data, oleh, formats)


def is_intact(final: LheFinal) -> bool:
    """Whether the stored file still has the hash recorded when it was made."""
    return sha256_of(bytes(final.isi)) == final.sha256


def filename_of(final: LheFinal) -> str:
    evaluasi = final.evaluasi
    kode = evaluasi.perangkat_daerah.kode if evaluasi.perangkat_daerah else "pemda"
    stamp = final.created_at.strftime("%Y%m%d-%H%M%S") if final.created_at else "final"
    return f"LHE-{evaluasi.pemda.kode}-{kode}-{final.tahun}-final-{stamp}.{final.format}"
