"""What the kepala chooses for one OPD-year document before signing it: the place and date
above the signature and whether the appendix of differences is annexed (``PengaturanDokumen``).

The date defaults to the document's due date in force (``reporting.jadwal.batas_pemda``: the
pemda's own deadline, else ``core.jadwal.batas_baku``: the LKjIP at the end of February of
the next year, the PK on 31 January), never the day it is generated; the place
to the pemda's seat (its name without "Kota"/"Kabupaten").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from akuntabel.core.jadwal import Dokumen as JenisJadwal
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.reporting.jadwal import batas_pemda
from akuntabel.reports.models import PengaturanDokumen

_JADWAL = {"lakip": JenisJadwal.LKJIP, "pk": JenisJadwal.PK}


@dataclass(frozen=True)
class Pilihan:
    tempat: str
    tanggal: date
    tanggal_dipilih: bool  # False: the due date by default
    lampiran_perbedaan: bool
    batas: date  # the due date, shown beside the choice


def tempat_baku(pemda: Pemda) -> str:
    return pemda.nama.removeprefix("Kota ").removeprefix("Kabupaten ")


def pilihan_of(opd: PerangkatDaerah, tahun: int, dokumen: str = "lakip") -> Pilihan:
    batas = batas_pemda(opd.pemda, tahun)[_JADWAL[dokumen]].batas
    p = PengaturanDokumen.objects.filter(perangkat_daerah=opd, tahun=tahun,
                                         dokumen=dokumen).first()
    if p is None:
        return Pilihan(tempat_baku(opd.pemda), batas, False, False, batas)
    return Pilihan(p.tempat or tempat_baku(opd.pemda), p.tanggal or batas, p.tanggal is not None,
                   p.lampiran_perbedaan, batas)


@transaction.atomic
def simpan_pengaturan(opd: PerangkatDaerah, tahun: int, dokumen: str, *, tempat: str,
                      tanggal: date | None, lampiran_perbedaan: bool,
                      oleh: AbstractBaseUser | None) -> PengaturanDokumen:
    """Record the kepala's choice (audited); ``tanggal`` None returns to the due date."""
    from akuntabel.audit.services import record_change

    if dokumen not in _JADWAL:
        raise ValueError(f"Dokumen {dokumen!r} tidak dikenal.")
    p, _created = PengaturanDokumen.objects.select_for_update().get_or_create(
        perangkat_daerah=opd, tahun=tahun, dokumen=dokumen)
    for field, value in (("tempat", tempat.strip()), ("tanggal", tanggal),
                         ("lampiran_perbedaan", lampiran_perbedaan)):
        record_change(opd, p, field, getattr(p, field), value,
                      sumber="Tempat dan tanggal tanda tangan", oleh=oleh)
        setattr(p, field, value)
    p.diubah_oleh = oleh if oleh is not None and oleh.is_authenticated else None
    p.save()
    return p
