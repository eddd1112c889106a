"""Final documents: a LAKIP frozen as the exact files generated and the data they were generated
from, with the SHA-256 of each file.

A final is made from ONE context: the ``Dokumen`` is built once and every format is rendered
from it, so the PDF and the DOCX of one final say the same thing. The stored bytes are what is
served forever (never re-rendered), and the hash is checked before every download. The JSON
snapshot holds the document as plain data (``dokumen``, which ``dokumen_from_json`` turns back
into a ``Dokumen`` that renders again) and the data it was computed from (``sumber``: the
OPD's plans, targets, realisasi, budget and narratives as the reviu reads them).

A final is made with eyes open (``reports.kesiapan``): the problems still open are listed
and a note on them is required; both are kept with it. The PDF is PDF/A-3b with the snapshot
embedded, signed with the pemda's key (``reports.pdfa``, ``reports.tanda_tangan``), so that
``reports.verifikasi`` can tell an unaltered final from any other file.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection, transaction
from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext as _

from akuntabel.accounts.access import Hak, hak_for, visible_opd
from akuntabel.audit.services import record_change
from akuntabel.common.waktu import format_waktu
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.reports import pdfa, tanda_tangan
from akuntabel.reports.document import (
    Angka,
    Bagian,
    Dokumen,
    Grafik,
    Kop,
    Penandatangan,
    Tabel,
)
from akuntabel.reports.kesiapan import Masalah, masalah_terbuka
from akuntabel.reports.models import LaporanFinal
from akuntabel.reports.ringkas import penyimpan_ringkas
from akuntabel.reports.services import NAMA_BERKAS, build_context, renderer

FINAL_FORMATS = ("pdf", "docx")
SNAPSHOT_VERSION = 1


# -- JSON snapshot ---------------------------------------------------------------------------
def to_json(value: Any) -> Any:
    """Plain JSON of a document or data dataclass: Decimal as a string (exact), bytes as
    base64, tuples as lists, dates as ISO text; each dataclass object names its type."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {"_jenis": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = to_json(getattr(value, f.name))
        return out
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [to_json(v) for v in items]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _angka(d: dict[str, Any]) -> Angka:
    return Angka(Decimal(d["nilai"]) if d["nilai"] is not None else None, d["format"], d["teks"],
                 d["rumus"], tuple(tuple(s) for s in d["sumber"]))  # type: ignore[misc]


def _sel(v: Any) -> Angka | str:
    return _angka(v) if isinstance(v, dict) else v


def _tabel(d: dict[str, Any]) -> Tabel:
    return Tabel(d["kunci"], d["judul"], tuple(d["kolom"]),
                 tuple(tuple(_sel(c) for c in row) for row in d["baris"]),
                 tuple(d["tingkat"]), tuple(d["tebal"]), d["catatan"])


def _penandatangan(d: dict[str, Any] | None) -> Penandatangan | None:
    if d is None:
        return None
    return Penandatangan(d["jabatan"], d["nama"], d["pangkat"], d["nip"], d["tempat_tanggal"])


def dokumen_from_json(d: dict[str, Any]) -> Dokumen:
    """The ``Dokumen`` back from its snapshot (``to_json``): it renders the same document."""
    bagian = tuple(
        Bagian(b["kunci"], b["nomor"], b["judul"], b["tingkat"], tuple(b["paragraf"]),
               tuple(_tabel(t) for t in b["tabel"]),
               tuple(Grafik(g["kunci"], g["judul"], base64.b64decode(g["png"]), g["keterangan"])
                     for g in b["grafik"]), b["tanda_tangan"])
        for b in d["bagian"])
    return Dokumen(d["jenis"], d["judul"], d["subjudul"], d["instansi"], d["pemda"], d["tahun"],
                   _penandatangan(d["penandatangan"]), bagian, _penandatangan(d["pihak_kedua"]),
                   {k: _angka(v) for k, v in d["ringkasan"].items()}, Kop.from_json(d.get("kop")))


def snapshot(dok: Dokumen, opd: PerangkatDaerah, tahun: int) -> dict[str, Any]:
    """The final's snapshot: the document and the plain data it was computed from. Call it in
    the same reading as ``dok`` (``one_reading``) so that both show the same database."""
    from akuntabel.reviews.context import build_reviu_data

    return {
        "versi_format": SNAPSHOT_VERSION,
        "opd": {"pk": opd.pk, "kode": opd.kode, "nama": opd.nama,
                "pemda": opd.pemda.kode, "pemda_nama": opd.pemda.nama},
        "tahun": tahun,
        "dokumen": to_json(dok),
        "sumber": to_json(build_reviu_data(opd, tahun)),
    }


# -- making and checking finals --------------------------------------------------------------
def sha256_of(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _stable(fmt: str, isi: bytes) -> bytes:
    """The file with nothing in it that depends on the moment it was written: a DOCX (a zip)
    is rewritten with fixed entry times, so the same document gives the same bytes. (The PDF
    writer puts no clock time in its output.)"""
    if fmt not in ("docx", "xlsx"):
        return isi
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(isi)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def render_final(dok: Dokumen, fmt: str, opd: PerangkatDaerah) -> bytes:
    return render_bytes(dok, fmt)


NAMA_DOKUMEN = {"lakip": "LKjIP", "pk": "Perjanjian Kinerja", "lkjip-pemda": "LKjIP",
                "lhe": "LHE", "e81": "E.81"}


def tandatangani_final(dok: Dokumen, data: dict[str, Any], pemda: Pemda,
                       pemilik: str) -> bytes:
    """The final PDF of any document of ``pemda`` (an OPD's, or the pemda's own): PDF/A-3b
    with ``data`` embedded, signed with the pemda's key, the reason naming ``pemilik``. A
    local install makes a self-signed key for a pemda that has none
    (``AKUNTABEL_KUNCI_SWATANDA_OTOMATIS``); elsewhere ``KunciTidakAda`` says what to do."""
    if not tanda_tangan.ada_kunci(pemda.kode) and settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS:
        tanda_tangan.buat_kunci_demo(pemda.kode, f"Pemerintah {pemda.nama}")
    unsigned = pdfa.render_pdfa(dok, pdfa.snapshot_bytes(data))
    alasan = f"{NAMA_DOKUMEN.get(dok.jenis, dok.jenis)} final {pemilik} tahun {data['tahun']}"
    return tanda_tangan.tanda_tangani(unsigned, pemda.kode, alasan, pemda.nama)


def render_signed_pdf(dok: Dokumen, data: dict[str, Any], opd: PerangkatDaerah) -> bytes:
    """The OPD's final PDF (``tandatangani_final``)."""
    return tandatangani_final(dok, data, opd.pemda, opd.nama)


def reproduce(final: Any) -> bytes:
    """The file generated again from a final's snapshot (not from today's data), of any kind
    of final: the same bytes as stored when the renderers have not changed since. For the
    PDF, the unsigned PDF/A: the stored file is that file with the signature appended (an
    incremental update)."""
    dok = dokumen_from_json(final.data["dokumen"])
    if final.format == "pdf":
        return pdfa.render_pdfa(dok, pdfa.snapshot_bytes(final.data))
    return render_bytes(dok, final.format)


class FinalTidakBerubah(Exception):
    """Nothing changed since the latest final; the message says so in the active language."""


class CatatanDiperlukan(Exception):
    """Problems are open and no note was given: nothing is made."""

    def __init__(self, masalah: list[Masalah]) -> None:
        super().__init__(_("%(n)s problem(s) are still open; a final document is made only "
                           "with a note on them.") % {"n": len(masalah)})
        self.masalah = masalah


@contextmanager
def one_reading() -> Iterator[None]:
    """Read the database as of one moment: the document and the data archived with it must
    not come from two readings between which someone saved (a grid, an import). One
    transaction; on PostgreSQL at REPEATABLE READ, whose snapshot is taken at its first query
    (under READ COMMITTED each query would see the latest commits); on SQLite a transaction
    already reads one state of the file. Inside an enclosing transaction (a test, a caller's
    atomic block) the isolation level can no longer be set, and the enclosing one decides."""
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def to_json_roundtrip(data: dict[str, Any]) -> Any:
    """``data`` as it reads back from the JSON column (tuples become lists, and so on)."""
    return json.loads(json.dumps(data))


@dataclass(frozen=True)
class PemilikFinal:
    """Whose final is made, for ``simpan_final``: what differs between the OPD's LKjIP and PK,
    the pemda's LKjIP and the LHE is only whose row is locked, which fields key the rows, whose
    key signs and where the history goes."""

    model: type[Model]                  # LaporanFinal, LaporanFinalPemda, LheFinal
    baris: Model                        # the owner row locked while making: one maker at a time
    kolom: dict[str, Any]               # fields of every row made; also the latest final's filter
    pemda: Pemda                        # whose key signs the PDF
    nama: str                           # the owner, as the signature's reason names it
    catat: Callable[..., Any]           # record_change bound to the owner (OPD or pemda)
    sumber: str                         # the history's source, e.g. "LKjIP final dibuat"
    # what the owner keeps beside its finals (the OPD LKjIP's public summary, ``reports.ringkas``):
    # given the snapshot as stored, computed before the lock, it returns what stores it for the
    # rows made, in their transaction
    bersama: Callable[[dict[str, Any]], Callable[[list[Any]], Any]] | None = None


def render_bytes(dok: Dokumen, fmt: str) -> bytes:
    """The file of ``dok`` in ``fmt``, with nothing in it that depends on the moment."""
    out = renderer(fmt)(dok)
    return _stable(fmt, out.encode("utf-8") if isinstance(out, str) else out)


def simpan_final(pemilik: PemilikFinal, dok: Dokumen, data: dict[str, Any],
                 oleh: AbstractBaseUser | None, formats: tuple[str, ...] = FINAL_FORMATS, *,
                 masalah: list[Masalah] | tuple[()] = (), catatan: str = "") -> list[Any]:
    """Freeze ``dok`` (built with ``data`` in one reading by the caller): refuse without a note
    while ``masalah`` are open (CatatanDiperlukan), render each format (the PDF PDF/A-3b with
    ``data`` embedded, signed with the pemda's key), then in one transaction lock the owner's
    row, refuse a snapshot equal to the latest final's (FinalTidakBerubah: a double click or
    two people at once make one final), and store one row per format with its hash, the
    problems and the note, each with its history. The one way every kind of final is made."""
    catatan = catatan.strip()
    if masalah and not catatan:
        raise CatatanDiperlukan(list(masalah))
    files = [(fmt, tandatangani_final(dok, data, pemilik.pemda, pemilik.nama) if fmt == "pdf"
              else render_bytes(dok, fmt)) for fmt in formats]
    model, baris = pemilik.model, pemilik.baris
    tersimpan = to_json_roundtrip(data)
    simpan_bersama = pemilik.bersama(tersimpan) if pemilik.bersama is not None else None
    made = []
    with transaction.atomic():
        type(baris)._default_manager.select_for_update(of=("self",)).filter(pk=baris.pk).first()
        latest = (model._default_manager.filter(**pemilik.kolom)
                  .order_by("-created_at", "-pk").first())
        if latest is not None and latest.data == tersimpan:
            raise FinalTidakBerubah(
                _("The document's data and text have not changed since the latest final "
                  "document (%(waktu)s); no new final document was made.")
                % {"waktu": format_waktu(latest.created_at)})
        for fmt, isi in files:
            final = model._default_manager.create(
                **pemilik.kolom, format=fmt, isi=isi, data=data, sha256=sha256_of(isi),
                dibuat_oleh=oleh, masalah=[m.to_json() for m in masalah], catatan=catatan)
            pemilik.catat(final, "sha256", "", final.sha256, sumber=pemilik.sumber, oleh=oleh)
            made.append(final)
        if simpan_bersama is not None:
            simpan_bersama(made)
    return made


def make_final(opd: PerangkatDaerah, tahun: int, oleh: AbstractBaseUser | None,
               tanggal: date | None = None,
               formats: tuple[str, ...] = FINAL_FORMATS, *, dokumen: str = "lakip",
               catatan: str = "") -> list[LaporanFinal]:
    """Freeze the LAKIP (or the PK, ``dokumen="pk"``) of ``opd`` and ``tahun``: one context,
    rendered in each format (the PDF signed), stored with its snapshot, hash, the problems
    open and the maker's note, in one transaction. Raises CatatanDiperlukan when problems are
    open and ``catatan`` is empty, NoRenstra (NoPerjanjianKinerja) when there is no plan."""
    with one_reading():
        dok = build_context(opd, tahun, dokumen, tanggal)
        data = snapshot(dok, opd, tahun)
        masalah = masalah_terbuka(opd, tahun, dokumen)
    # an LKjIP keeps what the portal shows of it once published, computed once here
    pemilik = PemilikFinal(LaporanFinal, opd,
                           {"perangkat_daerah": opd, "tahun": tahun, "dokumen": dokumen},
                           opd.pemda, opd.nama, partial(record_change, opd),
                           f"{NAMA_DOKUMEN.get(dokumen, dokumen)} final dibuat",
                           partial(penyimpan_ringkas, tahun=tahun) if dokumen == "lakip" else None)
    return simpan_final(pemilik, dok, data, oleh, formats, masalah=masalah, catatan=catatan)


def is_intact(final: Any) -> bool:
    """Whether the stored file of a final (of any kind) still has the hash recorded when it
    was made."""
    return sha256_of(bytes(final.isi)) == final.sha256


@transaction.atomic
def ubah_publikasi(final: Any, dipublikasikan: bool, oleh: AbstractBaseUser | None,
                   catat: Callable[..., Any], sumber: str) -> bool:
    """Publish or withdraw a final of any kind with a ``dipublikasikan`` field (the OPD's, the
    pemda's); returns whether anything changed, recorded by ``catat`` (record_change bound to
    its owner)."""
    model = type(final)
    locked = model._default_manager.select_for_update().only("pk", "dipublikasikan").get(
        pk=final.pk)
    if locked.dipublikasikan == dipublikasikan:
        return False
    model._default_manager.filter(pk=final.pk).update(dipublikasikan=dipublikasikan)
    catat(final, "dipublikasikan", locked.dipublikasikan, dipublikasikan, sumber=sumber,
          oleh=oleh)
    final.dipublikasikan = dipublikasikan
    return True


def set_publikasi(final: LaporanFinal, dipublikasikan: bool,
                  oleh: AbstractBaseUser | None) -> bool:
    """Publish or withdraw an OPD's final; returns whether anything changed (audited)."""
    return ubah_publikasi(final, dipublikasikan, oleh,
                          partial(record_change, final.perangkat_daerah), "Publikasi LKjIP final")


def filename_of(final: LaporanFinal) -> str:
    opd = final.perangkat_daerah
    stamp = final.created_at.strftime("%Y%m%d-%H%M%S") if final.created_at else "final"
    name = NAMA_BERKAS.get(final.dokumen, final.dokumen)
    return f"{name}-{opd.pemda.kode}-{opd.kode}-{final.tahun}-final-{stamp}.{final.format}"


# -- access ----------------------------------------------------------------------------------
def get_laporan_final_for_user(user: AbstractBaseUser | AnonymousUser,
                               pk: int) -> tuple[LaporanFinal, Hak]:
    """A final document and the user's rights on its OPD. A published final may be read by
    anyone; an unpublished one only by the readers of its OPD (Http404 for everyone else, so
    that nobody learns it exists)."""
    final = (LaporanFinal.objects.select_related("perangkat_daerah__pemda", "dibuat_oleh")
             .filter(pk=pk).first())
    if final is None:
        raise Http404
    if not visible_opd(user).filter(pk=final.perangkat_daerah_id).exists():
        if not final.dipublikasikan:
            raise Http404
        return final, Hak()
    return final, hak_for(user, final.perangkat_daerah)
