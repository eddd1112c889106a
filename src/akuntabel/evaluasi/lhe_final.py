"""The LHE final: the Laporan Hasil Evaluasi of a locked evaluation frozen the way the OPD's
LKjIP is (``reports.final``): one ``Dokumen`` built once in one reading of the database,
rendered in each format, stored as bytes with its JSON snapshot (the document, and the scores,
grades and recommendations it was made from) and the SHA-256 of each file, checked before
every download; never re-rendered. The PDF is PDF/A-3b with the snapshot embedded, signed
with the pemda's key (``reports.final.tandatangani_final``), so that ``reports.verifikasi``
names it "LHE" of its OPD (or pemda) and year.

Made only once the evaluation is locked (before, the LHE is a draft) and only by the reviewer
(Inspektorat) or the admin pemda (``HakEvaluasi.kelola``), with eyes open as the LKjIP's
final (``reports.kesiapan``): the problems open in the evaluation are listed
(``masalah_terbuka``) and need a note kept with the final, and a final whose grades, answers
or scores changed afterwards is shown as outdated with what changed (``final_kedaluwarsa``)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from akuntabel.audit.services import record_change, record_pemda_change
from akuntabel.core.lke import aturan_dari_data, periksa_konsistensi
from akuntabel.core.nip import periksa_nip
from akuntabel.evaluasi.access import hak_evaluasi
from akuntabel.evaluasi.bukti import struktur_template
from akuntabel.evaluasi.lhe import KOSONG, build_lhe, inspektur
from akuntabel.evaluasi.models import Evaluasi, LheFinal
from akuntabel.evaluasi.services import nama_unit, skor
from akuntabel.organizations.models import Pemda
from akuntabel.reports.document import Dokumen
from akuntabel.reports.final import (
    FINAL_FORMATS,
    SNAPSHOT_VERSION,
    CatatanDiperlukan,
    FinalTidakBerubah,
    PemilikFinal,
    is_intact,
    one_reading,
    simpan_final,
    to_json,
    to_json_roundtrip,
    ubah_publikasi,
)
from akuntabel.reports.kesiapan import MAKS_PERBEDAAN, Masalah, Perbedaan, perbedaan

__all__ = ["CatatanDiperlukan", "FinalTidakBerubah", "LheFinalDitolak", "buat_final",
           "filename_of", "final_kedaluwarsa", "final_terbit", "is_intact", "masalah_terbuka",
           "set_publikasi"]

PALING_BANYAK_KRITERIA = 10
"""The most criteria numbers named in the one problem of the ungraded criteria."""


class LheFinalDitolak(Exception):
    """No final is made (the evaluation is not locked); the message says why, in the active
    language, naming the LHE."""


def _data(evaluasi: Evaluasi) -> dict[str, Any]:
    """The plain data an LHE is made from: the scores (exact) and predikat, every criterion's
    grades and notes, the recommendations."""
    hasil = skor(evaluasi)
    return {
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
    }


def snapshot(dok: Dokumen, evaluasi: Evaluasi) -> dict[str, Any]:
    """The document and the plain data it was made from (``_data``). Call it in the same
    reading as ``dok``."""
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
        **_data(evaluasi),
    })


# -- with eyes open --------------------------------------------------------------------------
def masalah_terbuka(evaluasi: Evaluasi) -> list[Masalah]:
    """The problems open now in ``evaluasi`` for its LHE (project convention, issue 16): the
    evaluation not locked; the criteria without the evaluator's grade (one problem naming
    them); each consistency warning of the template's rules (``core.lke``) on the evaluator's
    grades; the Inspektur who signs not recorded (the LHE prints dots), or his NIP failing
    ``core.nip``. The suggestion-band warnings of the worksheet are not repeated here: they
    need the evidence, read from the whole of the unit's data."""
    unit = f"Evaluasi {nama_unit(evaluasi)} {evaluasi.tahun}"
    hasil = []
    if not evaluasi.terkunci:
        hasil.append(Masalah("kunci", "", unit, "Evaluasi belum dikunci; LHE final dibuat "
                                                "setelah evaluator mengunci evaluasi."))
    penetapan = dict(evaluasi.jawaban.values_list("kriteria__nomor", "nilai_penetapan"))
    kosong = [n for n, v in penetapan.items() if not (v or "").strip()]
    if kosong:
        daftar = ", ".join(kosong[:PALING_BANYAK_KRITERIA]) + (
            ", …" if len(kosong) > PALING_BANYAK_KRITERIA else "")
        hasil.append(Masalah("nilai", "", f"Kriteria {daftar}",
                             f"{len(kosong)} kriteria belum diberi nilai evaluator."))
    template = evaluasi.template
    struktur, _kriteria = struktur_template(template)
    skala = {s.kode: s.persen for s in template.skala.all()}
    aturan = aturan_dari_data((template.aturan or {}).get("konsistensi"), struktur)
    for w in periksa_konsistensi(aturan, struktur, skala, penetapan):
        hasil.append(Masalah("konsistensi", w.kode, "Kriteria " + ", ".join(w.kriteria),
                             w.pesan))
    ttd = inspektur(evaluasi.pemda)
    if ttd.nama == KOSONG:
        hasil.append(Masalah("inspektur", "", f"Penanda tangan · {ttd.jabatan}",
                             "Nama dan NIP Inspektur belum tercatat (kepala Inspektorat di "
                             "daftar pejabat); LHE mencetak titik-titik untuk diisi tangan."))
    else:
        hasil += [Masalah("nip", m.kode, f"Penanda tangan · {ttd.nama}", m.pesan)
                  for m in periksa_nip(ttd.nip, timezone.localdate())]
    return hasil


def _bacaan(data: dict[str, Any]) -> dict[str, Any]:
    """What a reader of the LHE compares between a final's snapshot and today, by worded
    places: the score and predikat, each criterion's answer, grade and the evaluator's note,
    each recommendation's due date (by component and text). A recommendation's follow-up
    status is not compared: following it up after the LHE is what is expected."""
    hasil = data.get("hasil") or {}
    out: dict[str, Any] = {"Nilai akhir": hasil.get("total"),
                           "Predikat": hasil.get("predikat")}
    for j in data.get("jawaban") or []:
        out[f"Kriteria {j['kriteria']}"] = {
            "jawaban unit": j.get("nilai_usulan"), "nilai evaluator": j.get("nilai_penetapan"),
            "catatan evaluator": j.get("catatan_penetapan")}
    out["Rekomendasi"] = {f"Komponen {r['komponen']}: {r['uraian']}": r.get("batas_waktu")
                          or "tanpa batas waktu" for r in data.get("rekomendasi") or []}
    return out


def final_kedaluwarsa(evaluasi: Evaluasi) -> dict[str, Any]:
    """For the results page: the latest LHE final of ``evaluasi`` and what changed in its
    grades, answers, scores or recommendations since it was made (at most ``MAKS_PERBEDAAN``
    named, with the total count), as ``reports.kesiapan.final_kedaluwarsa`` for the LKjIP."""
    final = (LheFinal.objects.filter(evaluasi=evaluasi).only("pk", "created_at", "data")
             .order_by("-created_at", "-pk").first())
    beda: list[Perbedaan] = []
    if final is not None:
        kini = to_json_roundtrip(to_json(_data(evaluasi)))
        beda = perbedaan(_bacaan(final.data), _bacaan(kini))
    return {"final_terakhir": final, "perbedaan": beda[:MAKS_PERBEDAAN],
            "jumlah_perbedaan": len(beda)}


def buat_final(evaluasi: Evaluasi, oleh: Any,
               formats: tuple[str, ...] = FINAL_FORMATS, *, catatan: str = "") -> list[LheFinal]:
    """Freeze the LHE of ``evaluasi``: PermissionDenied unless ``oleh`` is its reviewer or
    the admin pemda (``None``: the command line, run by whoever runs the server),
    LheFinalDitolak while it is not locked, CatatanDiperlukan while problems are open
    (``masalah_terbuka``) and ``catatan`` is empty, FinalTidakBerubah when nothing changed
    since the latest final (a double click makes one final)."""
    if oleh is not None:
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
        masalah = masalah_terbuka(evaluasi)
        dok = build_lhe(evaluasi)
        data = snapshot(dok, evaluasi)
    pemilik = PemilikFinal(LheFinal, evaluasi, {"evaluasi": evaluasi, "tahun": evaluasi.tahun},
                           evaluasi.pemda, nama_unit(evaluasi), _catat(evaluasi),
                           "LHE final dibuat")
    return simpan_final(pemilik, dok, data, oleh, formats, masalah=masalah, catatan=catatan)


def _catat(evaluasi: Evaluasi) -> Any:
    """record_change bound to the evaluated unit (an OPD's history, or the pemda's)."""
    opd = evaluasi.perangkat_daerah
    return (partial(record_change, opd) if opd is not None
            else partial(record_pemda_change, evaluasi.pemda))


def set_publikasi(final: LheFinal, dipublikasikan: bool, oleh: Any) -> bool:
    """Publish or withdraw an LHE final (readable by anyone, listed on /publikasi/ and the
    pemda's portal), by the one who may make it (PermissionDenied otherwise; ``None``: the
    command line), as an LKjIP final (``reports.final.ubah_publikasi``); returns whether
    anything changed, recorded in the evaluated unit's history."""
    evaluasi = final.evaluasi
    if oleh is not None:
        hak = hak_evaluasi(oleh, evaluasi)
        if hak is None or not hak.kelola:
            raise PermissionDenied
    return ubah_publikasi(final, dipublikasikan, oleh, _catat(evaluasi), "Publikasi LHE final")


def final_terbit(pemda: Pemda, opd_pks: list[int] | None = None) -> list[LheFinal]:
    """The published LHE finals of the pemda's evaluations (of ``opd_pks`` only when given,
    the pemda's own then left out), newest year first, without their bytes: for the public
    lists of documents."""
    finals = LheFinal.objects.filter(evaluasi__pemda=pemda, dipublikasikan=True)
    if opd_pks is not None:
        finals = finals.filter(evaluasi__perangkat_daerah__in=opd_pks)
    return list(finals.select_related("evaluasi__pemda", "evaluasi__perangkat_daerah")
                .defer("isi", "data")
                .order_by("-tahun", "evaluasi__perangkat_daerah__nama", "-created_at", "format"))


def filename_of(final: LheFinal) -> str:
    evaluasi = final.evaluasi
    kode = evaluasi.perangkat_daerah.kode if evaluasi.perangkat_daerah else "pemda"
    stamp = final.created_at.strftime("%Y%m%d-%H%M%S") if final.created_at else "final"
    return f"LHE-{evaluasi.pemda.kode}-{kode}-{final.tahun}-final-{stamp}.{final.format}"
