"""Evidence files (bukti dukung): checked, then stored under MEDIA_ROOT with a random name.

A file is accepted when its extension AND its first bytes (the "magic number") both say PDF,
PNG or JPEG, and when its size is at most ``settings.AKUNTABEL_BUKTI_MAX_BYTES``. The size is
checked first, from what the upload declares, before the content is read. The name the user
gave is kept only as a label (``BuktiDukung.nama``), never in the stored path.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from akuntabel.audit.services import record_change
from akuntabel.core.angka import format_angka, round_half_up
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.results.models import BuktiDukung, Realisasi

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Jenis:
    ekstensi: tuple[str, ...]
    magic: bytes
    content_type: str


JENIS = {
    "pdf": Jenis((".pdf",), b"%PDF-", "application/pdf"),
    "png": Jenis((".png",), b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpg": Jenis((".jpg", ".jpeg"), b"\xff\xd8\xff", "image/jpeg"),
}


class BuktiDitolak(ValueError):
    """The file is refused; the message says why, for the user."""


def max_bytes() -> int:
    return int(getattr(settings, "AKUNTABEL_BUKTI_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_file(berkas: UploadedFile) -> str:
    """The kind of an acceptable evidence file ("pdf", "png", "jpg"); BuktiDitolak otherwise."""
    batas = max_bytes()
    if berkas.size is not None and berkas.size > batas:
        ukuran, batas_teks = format_ukuran(berkas.size), format_ukuran(batas)
        if ukuran == batas_teks:   # 5,02 MB is not "5 MB; the limit is 5 MB"
            ukuran = format_ukuran(berkas.size, 2)
        raise BuktiDitolak(
            _("The file '%(nama)s' is %(ukuran)s; the limit is %(batas)s.")
            % {"nama": berkas.name, "ukuran": ukuran, "batas": batas_teks})
    if not berkas.size:
        raise BuktiDitolak(_("The file '%(nama)s' is empty.") % {"nama": berkas.name})
    ekstensi = PurePath(berkas.name or "").suffix.lower()
    jenis = next((k for k, j in JENIS.items() if ekstensi in j.ekstensi), None)
    if jenis is None:
        raise BuktiDitolak(
            _("The file '%(nama)s' is not a PDF, PNG or JPEG (by its name).")
            % {"nama": berkas.name})
    berkas.seek(0)
    awal = berkas.read(16)
    berkas.seek(0)
    if not awal.startswith(JENIS[jenis].magic):
        raise BuktiDitolak(
            _("The content of '%(nama)s' is not a %(jenis)s file, whatever its name says.")
            % {"nama": berkas.name, "jenis": jenis.upper()})
    return jenis


def format_ukuran(size: int, places: int | None = None) -> str:
    """A file size for people, in Indonesian format: "5 MB", "2,5 MB", "500 KB", "800 byte".
    MB and KB count 1024 units; without ``places`` at most one decimal is shown."""
    for satuan, besar in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= besar:
            nilai = Decimal(size) / Decimal(besar)
            if places is None:
                nilai = round_half_up(nilai, 1)
            return f"{format_angka(nilai, places)} {satuan}"
    return f"{format_angka(Decimal(size), 0)} byte"


def store_bukti(opd: PerangkatDaerah, realisasi: Realisasi, berkas: UploadedFile, *, user: Any,
                sumber: str, keterangan: str = "") -> BuktiDukung:
    """Check and store an evidence file for ``realisasi``; recorded in the change history.

    The file is written first; when the database writes that follow fail, it is deleted
    again before the error goes on, so no file is left without its record."""
    jenis = check_file(berkas)
    nama = PurePath((berkas.name or "").replace("\\", "/")).name[:200] or f"bukti.{jenis}"
    bukti = BuktiDukung(realisasi=realisasi, nama=nama, keterangan=keterangan,
                        uploaded_by=user if user.is_authenticated else None)
    bukti.berkas.save(f"{uuid.uuid4().hex}{JENIS[jenis].ekstensi[0]}", berkas, save=False)
    try:
        with transaction.atomic():
            bukti.save()
            record_change(opd, realisasi, "bukti", "", nama, sumber=sumber, oleh=user)
    except BaseException:
        bukti.berkas.storage.delete(bukti.berkas.name)
        raise
    return bukti


def remove_bukti(opd: PerangkatDaerah, bukti: BuktiDukung, *, user: Any, sumber: str) -> None:
    """Delete an evidence record, and its file once the deletion is committed (a rolled back
    transaction keeps both); recorded in the change history."""
    record_change(opd, bukti.realisasi, "bukti", bukti.nama, "", sumber=sumber, oleh=user)
    storage, name = bukti.berkas.storage, bukti.berkas.name
    bukti.delete()
    transaction.on_commit(lambda: storage.delete(name))


def content_type_of(bukti: BuktiDukung) -> str:
    ekstensi = PurePath(bukti.berkas.name).suffix.lower()
    return next((j.content_type for j in JENIS.values() if ekstensi in j.ekstensi),
                "application/octet-stream")
