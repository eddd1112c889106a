"""Whether a file is an unaltered final of Akuntabel, and of what: one function for the CLI
(``akuntabel verifikasi``) and the public verification page.

A file passes when all of these hold (project convention):

1. it is a PDF with exactly one signature, Akuntabel's, and that signature covers the whole
   file (nothing appended after signing) and its digest and cryptography are intact;
2. the signer's certificate is one the pemda named in the snapshot registered here
   (``tanda_tangan.sertifikat_terdaftar``): a file re-signed with any other key fails;
3. the data snapshot is embedded (and therefore covered by the signature);
4. the certificate was valid when the file was signed. A final is an archive: its certificate
   may expire later. The signing time is taken from sound evidence only: the signature's RFC
   3161 timestamp from a TSA registered here (``tanda_tangan.sertifikat_tsa``), else the time
   this Akuntabel recorded the final with the file's hash (``dicatat_pada``); without either,
   the certificate must be valid now (the time the signer wrote into the file is his own
   claim, no evidence).

Whether the database also holds a final with the file's SHA-256 is said (``tercatat``), not
required: a copy verified away from the server has no database to ask. ``final_tercatat``
looks it up among the OPD's finals and the pemda's (its LKjIP); ``periksa`` looks it up and
verifies.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from akuntabel.reports import pdfa, tanda_tangan
from akuntabel.reports.models import NAMA_DOKUMEN

log = logging.getLogger(__name__)



@dataclass
class Hasil:
    sah: bool = False
    alasan: list[str] = field(default_factory=list)   # why it fails, in Indonesian
    sha256: str = ""                 # of the file
    pemda: str = ""
    pemda_kode: str = ""
    opd: str = ""
    dokumen: str = ""                # "lakip" | "pk" | "e81" | "lkjip-pemda" | "lhe"
    judul: str = ""
    tahun: int | None = None
    snapshot_sha256: str = ""
    penandatangan: str = ""
    sertifikat_sha256: str = ""
    ditandatangani_pada: datetime | None = None   # as the signer wrote it (his claim)
    tercatat: bool | None = None     # a final with this SHA-256 is in the database
    dicatat_pada: datetime | None = None    # when that final was recorded
    stempel_waktu: datetime | None = None   # the RFC 3161 timestamp's time, if any
    keterangan: list[str] = field(default_factory=list)  # notes on a valid file, Indonesian

    @property
    def nama_dokumen(self) -> str:
        return NAMA_DOKUMEN.get(self.dokumen, self.dokumen)


def final_tercatat(sha256: str) -> Any:
    """The final made in this Akuntabel whose file has ``sha256``: an OPD's
    (``LaporanFinal``), the pemda's (``LaporanFinalPemda``) or an evaluation's LHE
    (``LheFinal``), else None. Its file and data are not read."""
    from akuntabel.daerah.models import LaporanFinalPemda
    from akuntabel.evaluasi.models import LheFinal
    from akuntabel.reports.models import LaporanFinal

    return (LaporanFinal.objects.filter(sha256=sha256)
            .select_related("perangkat_daerah__pemda")
            .defer("isi", "data", "catatan", "masalah").first()
            or LaporanFinalPemda.objects.filter(sha256=sha256).select_related("pemda")
            .defer("isi", "data").first()
            or LheFinal.objects.filter(sha256=sha256)
            .select_related("evaluasi__pemda", "evaluasi__perangkat_daerah")
            .defer("isi", "data").first())


def _identitas(hasil: Hasil, data: dict[str, Any]) -> None:
    opd = data.get("opd") or {}
    pemda = data.get("pemda") if isinstance(data.get("pemda"), dict) else {}  # a pemda's own
    dok = data.get("dokumen") or {}
    hasil.pemda = str(opd.get("pemda_nama", "") or pemda.get("nama", ""))
    hasil.pemda_kode = str(opd.get("pemda", "") or pemda.get("kode", ""))
    hasil.opd = str(opd.get("nama", ""))
    hasil.dokumen = str(dok.get("jenis", ""))
    hasil.judul = str(dok.get("judul", ""))
    tahun = data.get("tahun")
    hasil.tahun = tahun if isinstance(tahun, int) else None


def periksa(isi: bytes) -> Hasil:
    """``verify`` with the file's record looked up in the database (None when there is no
    database to ask, e.g. a copy checked away from the server)."""
    from django.db import DatabaseError

    try:
        final = final_tercatat(hashlib.sha256(isi).hexdigest())
    except DatabaseError:
        return verify(isi)
    return verify(isi, final is not None, final.created_at if final is not None else None)


def _tanggal(t: datetime) -> str:
    return f"{t.astimezone(UTC):%d-%m-%Y %H:%M} UTC"


def _validasi(sig: Any, roots: list[Any], tsa: list[Any], moment: datetime | None) -> Any:
    return validate_pdf_signature(
        sig, ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment),
        ts_validation_context=ValidationContext(trust_roots=tsa, allow_fetching=False))


def _berlaku(cert: Any, saat: datetime) -> bool:
    """Whether ``cert`` is valid at ``saat``: checked here, because the validator does not
    check the validity period of a certificate that is itself a trust root (the pemda's
    registered certificate, a TSA's)."""
    berlaku = cert["tbs_certificate"]["validity"]
    return bool(berlaku["not_before"].native <= saat <= berlaku["not_after"].native)


def _tidak_berlaku(cert: Any, moment: datetime | None, sumber: str, ada_stempel: bool) -> str:
    """Why the signer's certificate fails at ``moment`` (now when None), in Indonesian."""
    berlaku = cert["tbs_certificate"]["validity"]
    mulai, sampai = berlaku["not_before"].native, berlaku["not_after"].native
    saat = moment or datetime.now(UTC)
    if saat > sampai and moment is not None:
        return (f"Sertifikat penanda tangan kedaluwarsa pada {_tanggal(sampai)}, sebelum "
                f"berkas ditandatangani ({_tanggal(moment)}, {sumber}).")
    if saat > sampai:
        stempel = ("stempel waktunya dari penyedia yang tidak terdaftar di sini" if ada_stempel
                   else "tanda tangannya tanpa stempel waktu (RFC 3161)")
        return (f"Sertifikat penanda tangan kedaluwarsa pada {_tanggal(sampai)} dan tidak ada "
                "bukti bahwa berkas ditandatangani sebelum itu: berkas tidak tercatat sebagai "
                f"dokumen final di Akuntabel ini dan {stempel}. Periksa berkas di Akuntabel yang "
                "membuatnya (yang mencatat SHA-256 berkas ini).")
    if saat < mulai:
        return f"Sertifikat penanda tangan belum berlaku pada {_tanggal(saat)}."
    return "Sertifikat penanda tangan tidak sah (rantainya tidak dapat diperiksa)."


def verify(isi: bytes, tercatat: bool | None = None,
           dicatat_pada: datetime | None = None) -> Hasil:
    """Check ``isi`` as described in the module docstring. ``tercatat`` and ``dicatat_pada``
    (when the final with this file's hash was recorded) are passed by a caller that looked the
    file's hash up in the database (``periksa``); given ``tercatat`` alone, the time is looked
    up."""
    if tercatat and dicatat_pada is None:
        final = final_tercatat(hashlib.sha256(isi).hexdigest())
        dicatat_pada = final.created_at if final is not None else None
    hasil = Hasil(sha256=hashlib.sha256(isi).hexdigest(), tercatat=tercatat,
                  dicatat_pada=dicatat_pada)
    snapshot = pdfa.embedded_snapshot(isi)
    if snapshot is None:
        hasil.alasan.append("Berkas tidak memuat cuplikan data Akuntabel (bukan dokumen final "
                            "Akuntabel, atau bukan PDF).")
    else:
        hasil.snapshot_sha256 = hashlib.sha256(snapshot).hexdigest()
        try:
            data = json.loads(snapshot)
        except ValueError:
            data = None
        if isinstance(data, dict):
            _identitas(hasil, data)
        else:
            hasil.alasan.append("Cuplikan data di dalam berkas bukan JSON yang utuh.")
    try:
        sigs = PdfFileReader(io.BytesIO(isi), strict=False).embedded_signatures
    except Exception:
        log.debug("unreadable PDF", exc_info=True)
        hasil.alasan.append("Berkas bukan PDF yang dapat dibaca.")
        return hasil
    if len(sigs) != 1 or sigs[0].field_name != tanda_tangan.FIELD:
        hasil.alasan.append(f"Berkas memuat {len(sigs)} tanda tangan digital; dokumen final "
                            "Akuntabel memuat tepat satu, tanda tangan Akuntabel.")
        return hasil
    sig = sigs[0]
    terdaftar = tanda_tangan.sertifikat_terdaftar()
    roots = [c for certs in terdaftar.values() for c in certs]
    cert = sig.signer_cert
    hasil.penandatangan = cert.subject.human_friendly
    hasil.sertifikat_sha256 = cert.sha256.hex()
    milik_pemda = {c.sha256.hex() for c in terdaftar.get(hasil.pemda_kode, [])}
    tsa = tanda_tangan.sertifikat_tsa()
    moment, sumber = None, ""
    try:
        status = _validasi(sig, roots, tsa, None)
        stempel = status.timestamp_validity
        if stempel is not None:
            hasil.stempel_waktu = stempel.timestamp
        if (stempel is not None and stempel.intact and stempel.valid and stempel.trusted
                and _berlaku(stempel.signing_cert, stempel.timestamp)):
            moment, sumber = stempel.timestamp, "menurut stempel waktu (RFC 3161)"
        elif dicatat_pada is not None:
            moment, sumber = dicatat_pada, "menurut catatan Akuntabel"
        if moment is not None:
            status = _validasi(sig, roots, tsa, moment)
    except Exception:
        log.debug("signature validation failed", exc_info=True)
        hasil.alasan.append("Tanda tangan digital tidak dapat diperiksa (rusak).")
        return hasil
    if hasil.stempel_waktu is not None and sumber != "menurut stempel waktu (RFC 3161)":
        hasil.keterangan.append("stempel waktu berasal dari penyedia yang tidak terdaftar di "
                                "sini (atau rusak); tidak dipakai sebagai bukti waktu.")
    hasil.ditandatangani_pada = status.signer_reported_dt
    if not status.intact:
        hasil.alasan.append("Isi berkas berubah setelah ditandatangani: ringkasan (digest) "
                            "tanda tangan tidak cocok.")
    elif not status.valid:
        hasil.alasan.append("Tanda tangan digital tidak sah secara kriptografis.")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        hasil.alasan.append("Ada isi yang ditambahkan setelah tanda tangan: tanda tangan tidak "
                            "mencakup seluruh berkas.")
    if not terdaftar:
        hasil.alasan.append(
            f"Tidak ada sertifikat pemda yang terdaftar di {settings.AKUNTABEL_KUNCI_DIR}: "
            "jalankan pemeriksaan dari folder instalasi Akuntabel, atau atur AKUNTABEL_VAR_DIR "
            "(atau AKUNTABEL_KUNCI_DIR) ke foldernya.")
    elif hasil.sertifikat_sha256 not in milik_pemda:
        hasil.alasan.append(
            f"Penanda tangan ({hasil.penandatangan}) bukan sertifikat yang terdaftar untuk "
            f"{hasil.pemda or 'pemda dokumen ini'} di Akuntabel ini.")
    elif not status.trusted or not _berlaku(cert, moment or datetime.now(UTC)):
        hasil.alasan.append(_tidak_berlaku(cert, moment, sumber, hasil.stempel_waktu is not None))
    elif moment is not None:
        hasil.keterangan.append(f"sertifikat berlaku pada saat ditandatangani, "
                                f"{_tanggal(moment)}, {sumber}.")
    hasil.sah = not hasil.alasan
    return hasil


def lines(hasil: Hasil) -> list[str]:
    """The result as a person reads it, one fact a line (the CLI prints these)."""
    out = [("SAH: dokumen final Akuntabel yang tidak berubah." if hasil.sah
            else "TIDAK SAH: bukan dokumen final Akuntabel yang utuh.")]
    out += [f"  - {a}" for a in hasil.alasan]
    nama = hasil.nama_dokumen
    rows = [
        ("Pemda", hasil.pemda), ("Perangkat daerah", hasil.opd),
        ("Dokumen", f"{nama} — {hasil.judul}" if hasil.judul else nama),
        ("Tahun", str(hasil.tahun or "")),
        ("SHA-256 berkas", hasil.sha256), ("SHA-256 cuplikan data", hasil.snapshot_sha256),
        ("Penanda tangan", hasil.penandatangan),
        ("SHA-256 sertifikat", hasil.sertifikat_sha256),
        ("Ditandatangani", hasil.ditandatangani_pada.isoformat(timespec="seconds")
         if hasil.ditandatangani_pada else ""),
        ("Stempel waktu (RFC 3161)", hasil.stempel_waktu.isoformat(timespec="seconds")
         if hasil.stempel_waktu else ""),
        ("Tercatat di basis data", "" if hasil.tercatat is None
         else (f"ya, {_tanggal(hasil.dicatat_pada)}" if hasil.tercatat and hasil.dicatat_pada
               else ("ya" if hasil.tercatat else "tidak"))),
    ]
    out += [f"{k}: {v}" for k, v in rows if v]
    out += [f"Keterangan: {k}" for k in hasil.keterangan]
    return out
