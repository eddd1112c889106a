"""The demo's final LKjIP 2023 of Dinas Sosial Kota Metro, published: the demo's figures come
from the printed LKjIP 2023, with no quarterly report verified in Akuntabel, so the public
portal shows them only through a published final (docs/portal.md).

It is made by the same service as a user's final (``reports.final.make_final``), with its open
problems as they are (the reviu errors of the printed report are real findings on the source
and stay listed) and a note saying what it is; then published as a kepala publishes one. It is
made only when the OPD has no final LKjIP of 2023: a rerun of the demo never makes a second
one, nor publishes again one a user withdrew.

Likewise the LHE of the demo's illustrative Evaluasi AKIP 2023 (``evaluasi.demo``: locked,
every criterion graded, its recommendations and register number), made final by its reviewer
through the LHE's own path (``evaluasi.lhe_final.buat_final``) with a note saying it is an
illustration, and published, so that the portal shows an evaluation result the pemda
publishes; only for that evaluation (its register number is the demo's) and only while it
has no LHE final."""

from __future__ import annotations

from typing import Any

from akuntabel.accounts.models import Membership, Peran
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reports.final import FINAL_FORMATS, make_final, set_publikasi
from akuntabel.reports.models import LaporanFinal

TAHUN = 2023
CATATAN = (
    "Final demo Akuntabel: LKjIP 2023 Dinas Sosial Kota Metro sebagaimana tercetak (data "
    "sumber demo), dibuat dan diterbitkan oleh perintah `akuntabel demo` agar portal publik "
    "menampilkan angkanya. Masalah terbuka yang tercantum (kesalahan reviu atas laporan "
    "tercetak dan lainnya) adalah temuan nyata atas dokumen sumber dan sengaja dibiarkan, "
    "tidak diperbaiki dalam demo.")


CATATAN_LHE = (
    "Final demo Akuntabel: LHE Evaluasi AKIP 2023 Dinas Sosial Kota Metro ini ILUSTRASI "
    "(nilai contoh, bukan hasil evaluasi sebenarnya; sumber demo tidak memuat nilai LKE), "
    "dibuat dan diterbitkan oleh perintah `akuntabel demo` agar portal publik memperlihatkan "
    "hasil evaluasi yang diterbitkan pemda. Masalah terbuka yang tercantum (peringatan "
    "konsistensi atas nilai contoh, Inspektur belum tercatat) sengaja dibiarkan.")


def _kepala(opd: PerangkatDaerah) -> Any:
    m = (Membership.objects.filter(pemda=opd.pemda, peran=Peran.KEPALA_OPD, perangkat_daerah=opd)
         .select_related("user").order_by("pk").first())
    return m.user if m else None


def terbitkan_final_demo(opd: PerangkatDaerah, formats: tuple[str, ...] = FINAL_FORMATS
                         ) -> list[LaporanFinal] | None:
    """Make and publish the demo's final LKjIP 2023 of ``opd`` as its kepala (when the demo's
    kepala exists); None (nothing written) when the OPD already has a final LKjIP of 2023."""
    if LaporanFinal.objects.filter(perangkat_daerah=opd, tahun=TAHUN, dokumen="lakip").exists():
        return None
    kepala = _kepala(opd)
    made = make_final(opd, TAHUN, kepala, formats=formats, catatan=CATATAN)
    for final in made:
        set_publikasi(final, True, kepala)
    return made


def terbitkan_lhe_demo(opd: PerangkatDaerah, formats: tuple[str, ...] = FINAL_FORMATS
                       ) -> list[Any] | None:
    """Make and publish, as its reviewer, the LHE final of the demo's illustrative evaluation
    of ``opd``; None (nothing written) when there is no such evaluation (none of 2023, not
    locked, another register number than the demo's, no reviewer) or it has an LHE final."""
    from akuntabel.evaluasi import lhe_final
    from akuntabel.evaluasi.demo import NOMOR_LHE
    from akuntabel.evaluasi.models import Evaluasi, LheFinal

    evaluasi = Evaluasi.objects.filter(perangkat_daerah=opd, tahun=TAHUN,
                                       lhe__nomor=NOMOR_LHE, dikunci_pada__isnull=False).first()
    if evaluasi is None or LheFinal.objects.filter(evaluasi=evaluasi).exists():
        return None
    m = (Membership.objects.filter(pemda=opd.pemda, peran=Peran.REVIEWER)
         .select_related("user").order_by("pk").first())
    if m is None:
        return None
    made = lhe_final.buat_final(evaluasi, m.user, formats, catatan=CATATAN_LHE)
    for final in made:
        lhe_final.set_publikasi(final, True, m.user)
    return made
