"""The pemda's letterhead (kop surat): set by its administrator, printed on every document.

One write path (``simpan_kop``): the logo is checked to be a PNG or JPEG image of bounded size
and dimensions before anything is saved; the change is audited. ``kop_of`` gives the plain
``Kop`` the document builders attach to a ``Dokumen``.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from akuntabel.organizations.models import Pemda
from akuntabel.reports.document import Kop

LOGO_MAKS_BYTE = 512 * 1024
LOGO_MAKS_PIKSEL = 2000
_FORMAT = {"PNG": "image/png", "JPEG": "image/jpeg"}


def periksa_logo(isi: bytes) -> bytes:
    """The logo's bytes when they are a PNG or JPEG image within bounds; ValidationError with
    an Indonesian message otherwise."""
    from PIL import Image, UnidentifiedImageError

    if len(isi) > LOGO_MAKS_BYTE:
        raise ValidationError(f"Logo berukuran {len(isi) // 1024} KB; paling besar "
                              f"{LOGO_MAKS_BYTE // 1024} KB.")
    try:
        with Image.open(io.BytesIO(isi)) as im:
            fmt = im.format
            im.verify()
            lebar, tinggi = im.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError("Logo harus berkas gambar PNG atau JPEG.") from None
    if fmt not in _FORMAT:
        raise ValidationError(f"Logo berformat {fmt}; yang diterima hanya PNG atau JPEG.")
    if max(lebar, tinggi) > LOGO_MAKS_PIKSEL:
        raise ValidationError(f"Logo berukuran {lebar}×{tinggi} piksel; paling besar "
                              f"{LOGO_MAKS_PIKSEL} piksel per sisi.")
    return isi


def jenis_logo(isi: bytes) -> str:
    """The MIME type of a stored logo ("image/png" or "image/jpeg")."""
    return "image/jpeg" if isi[:3] == b"\xff\xd8\xff" else "image/png"


@transaction.atomic
def simpan_kop(pemda: Pemda, *, alamat: str, kontak: str, logo: bytes | None,
               hapus_logo: bool = False, efisiensi_metode: str | None = None,
               efisiensi_ambang: Decimal | None = None,
               oleh: AbstractBaseUser | None = None) -> None:
    """Save the letterhead (and the efficiency method the pemda's reports use). ``logo`` None
    keeps the stored one; ``hapus_logo`` removes it. Nothing is saved when the logo is bad."""
    from akuntabel.audit.services import record_pemda_change

    if logo is not None:
        periksa_logo(logo)
    locked = Pemda.objects.select_for_update().get(pk=pemda.pk)
    changes: dict[str, object] = {"kop_alamat": alamat.strip(), "kop_kontak": kontak.strip()}
    if logo is not None:
        changes["kop_logo"] = logo
    elif hapus_logo:
        changes["kop_logo"] = b""
    if efisiensi_metode is not None:
        changes["efisiensi_metode"] = efisiensi_metode
    if efisiensi_ambang is not None:
        changes["efisiensi_ambang"] = efisiensi_ambang
    for field, value in changes.items():
        old = getattr(locked, field)
        if field == "kop_logo":
            old = bytes(old or b"")
            if old != value:
                record_pemda_change(locked, locked, field, f"{len(old)} byte",
                                    f"{len(value)} byte", sumber="Kop surat", oleh=oleh)
        elif str(old) != str(value):
            record_pemda_change(locked, locked, field, old, value, sumber="Kop surat", oleh=oleh)
        setattr(locked, field, value)
    locked.save(update_fields=list(changes))
    for field in changes:
        setattr(pemda, field, getattr(locked, field))


def kop_of(pemda: Pemda, instansi: str = "") -> Kop:
    """The letterhead of ``pemda`` for a document of ``instansi`` (an OPD's name; empty for the
    pemda's own documents)."""
    return Kop(pemda=f"Pemerintah {pemda.nama}".upper(), instansi=instansi.upper(),
               alamat=pemda.kop_alamat, kontak=pemda.kop_kontak,
               logo=bytes(pemda.kop_logo or b""))
