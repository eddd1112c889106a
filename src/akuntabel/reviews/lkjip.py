"""The reviu of the LKjIP as Akuntabel prints it: the Inspektorat's reviu before the kepala
signs (PermenPAN-RB 53/2014), and the evidence of LKE criterion 3.a "direviu" (PermenPAN-RB
88/2021).

The data are the OPD-year's one reading (``build_reviu_data``) with two differences from the
reviu of the stored report: the narrative is the text the document prints (a section Akuntabel
drafts from the data is reviewed as drafted, ``reports.lakip``), and the state of the four
quarterly reports is known (STR-007), with their values still carrying a plausibility warning
without a note (STR-008, counted as the verifikator's inbox counts them). Explanations are
shared with the reviu page: the same finding keeps its explanation.
"""

from __future__ import annotations

from dataclasses import replace

from akuntabel.core.reviu import data as rd
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reporting.kotak_masuk import jumlah_peringatan
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.lakip import build_lakip_context
from akuntabel.reports.models import NARASI_KUNCI
from akuntabel.reviews.context import build_reviu_data
from akuntabel.reviews.services import Temuan, review


def data_lkjip(opd: PerangkatDaerah, tahun: int) -> rd.ReviuData:
    """The reviu data of the LKjIP as printed: its narrative sections as the document holds
    them, and the quarters' state (a quarter without a report is a draft)."""
    dokumen = build_lakip_context(opd, tahun)
    narasi = tuple(rd.Narasi(b.kunci, b.judul, "\n\n".join(b.paragraf))
                   for b in dokumen.bagian if b.kunci in NARASI_KUNCI and b.paragraf)
    status = dict(PelaporanTriwulan.objects.filter(perangkat_daerah=opd, tahun=tahun)
                  .values_list("triwulan", "status"))
    kewajaran = jumlah_peringatan({(opd.pk, tw) for tw in range(1, 5)}, tahun,
                                  tanpa_catatan=True)
    return replace(build_reviu_data(opd, tahun), narasi=narasi,
                   triwulan_status={tw: status.get(tw, "draft") for tw in range(1, 5)},
                   kewajaran_tanpa_catatan={tw: kewajaran.get((opd.pk, tw), 0)
                                            for tw in range(1, 5)})


def reviu_lkjip(opd: PerangkatDaerah, tahun: int) -> list[Temuan]:
    """The findings on the LKjIP as printed, each with its explanation if one applies."""
    return review(opd, tahun, data=data_lkjip(opd, tahun))
