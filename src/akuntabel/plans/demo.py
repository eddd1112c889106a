"""The demo's Renstra 2021–2026 of Dinas Sosial Kota Metro, established, so that the demo's
public portal shows a Renstra document (``portal.renstra``).

The demo's source (the LKjIP 2023 of Dinas Sosial Kota Metro) names the RPJMD's Peraturan
Daerah but prints neither the number nor the date of the Peraturan Wali Kota establishing the
Renstra: the demo's legal basis is an ILLUSTRATION and says so in its text. A basis a user
typed on the Renstra is kept. The penetapan goes through the same service as a user's
(``plans.penetapan.tetapkan``), recorded as the demo's kepala, and only for a version whose
penetapan was never recorded nor undone: a rerun of the demo never redoes what a user did."""

from __future__ import annotations

from datetime import date
from typing import Any

from akuntabel.accounts.models import Membership, Peran
from akuntabel.audit.models import Perubahan
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans import penetapan
from akuntabel.plans.models import Renstra

DASAR_HUKUM = ("ILUSTRASI DEMO: Peraturan Wali Kota Metro tentang Renstra Dinas Sosial "
               "2021–2026 (nomor dan tanggalnya tidak tercetak dalam LKjIP 2023 sumber demo)")
TANGGAL = date(2021, 12, 31)   # illustrative as well: the end of the Renstra's first year
ALASAN = "Demo Akuntabel: Renstra ditetapkan agar portal publik menampilkan dokumennya."


def _kepala(opd: PerangkatDaerah) -> Any:
    m = (Membership.objects.filter(perangkat_daerah=opd, peran=Peran.KEPALA_OPD)
         .select_related("user").order_by("pk").first())
    return m.user if m else None


def tetapkan_renstra_demo(opd: PerangkatDaerah) -> list[Renstra]:
    """Establish every draft Renstra version of ``opd`` whose penetapan was never recorded nor
    undone, and return them ([] when there is none)."""
    tercatat = set(Perubahan.objects.filter(model="Renstra", kolom="status",
                                            sumber=penetapan.SUMBER)
                   .values_list("objek_id", flat=True))
    kepala = _kepala(opd)
    made = []
    for r in Renstra.objects.filter(perangkat_daerah=opd, status=Renstra.Status.DRAFT
                                    ).order_by("tahun_awal", "berlaku_mulai"):
        if r.pk in tercatat:
            continue
        basis = (r.dasar_hukum, r.tanggal_dasar_hukum)
        dasar, tanggal = basis if all(basis) else (DASAR_HUKUM, TANGGAL)
        made.append(penetapan.tetapkan(r, dasar_hukum=dasar, tanggal_dasar_hukum=tanggal,
                                       alasan=ALASAN, user=kepala))
    return made
