"""The rating scale in force for a pemda on a date, as a core ``Skala``."""

from __future__ import annotations

from datetime import date

from akuntabel.core.peringkat import DEFAULT_SKALA, Pita, Skala, pilih_skala
from akuntabel.organizations.models import Pemda
from akuntabel.references.models import SkalaPeringkat


def skala_for(pemda: Pemda, tanggal: date) -> Skala:
    """The pemda's own scale in force on ``tanggal``, else the Permendagri 86/2017 default.

    A pemda scale that does not form valid bands raises ``ValueError`` with the reason.
    """
    own = [
        Skala(kode=s.kode, nama=s.nama, berlaku_mulai=s.berlaku_mulai, dasar_hukum=s.dasar_hukum,
              catatan=s.catatan,
              pita=tuple(Pita(p.batas_bawah, p.label, p.inklusif) for p in s.pita.all()))
        for s in SkalaPeringkat.objects.filter(pemda=pemda).prefetch_related("pita")
    ]
    return pilih_skala([DEFAULT_SKALA, *own], tanggal) or DEFAULT_SKALA
