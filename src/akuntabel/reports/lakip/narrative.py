"""The narrative of the LKjIP: its placeholders' figures and each section's text."""

from __future__ import annotations

from akuntabel.core.efisiensi import describe_efisiensi
from akuntabel.reports.document import Angka
from akuntabel.reports.lakip.values import EFISIENSI_VARIAN, _serapan, persen, rupiah, teks
from akuntabel.reports.models import Narasi
from akuntabel.reports.narasi import DEFAULTS, fill_placeholders


class Narrative:
    """The figures a narrative may name (its placeholders) and the text of each section: a
    text written in Akuntabel wins; a printed one gives way to the default draft."""

    def figures(self) -> dict[str, Angka | str]:
        total = self.budget.total
        iku = [i for i in self.indikator if i.iku]
        f: dict[str, Angka | str] = {
            "instansi": self.opd.nama, "pemda_nama": self.opd.pemda.nama,
            "tahun": str(self.tahun), "tahun_lalu": str(self.tahun - 1),
            "renstra_periode": f"Tahun {self.renstra.tahun_awal}–{self.renstra.tahun_akhir}",
            "rpjmd_periode": (f"Tahun {self.renstra.rpjmd.tahun_awal}–"
                              f"{self.renstra.rpjmd.tahun_akhir}"),
            "pagu": rupiah(total.pagu.nilai, "Σ pagu sub kegiatan DPA", self.src_dpa),
            "realisasi": rupiah(total.realisasi.nilai, "Σ realisasi sub kegiatan DPA",
                                self.src_dpa),
            "serapan_anggaran": _serapan(total.pagu.nilai, total.realisasi.nilai, self.src_dpa),
            "jumlah_program": str(sum(1 for i in self.budget.info.values()
                                      if i.tingkat == "program")),
            "jumlah_kegiatan": str(sum(1 for i in self.budget.info.values()
                                       if i.tingkat == "kegiatan")),
            "jumlah_sub_kegiatan": str(sum(1 for i in self.budget.info.values()
                                           if i.tingkat == "sub_kegiatan")),
            "jumlah_iku": str(len(iku)),
            "skala_nama": self.skala.nama, "skala_dasar_hukum": self.skala.dasar_hukum,
            "pihak_kedua": self.opd.pemda.kepala_daerah_jabatan,
            "efisiensi_varian": describe_efisiensi(EFISIENSI_VARIAN),
        }
        if iku:
            ind = iku[0]
            real = self.realisasi_of(ind, self.tahun)
            dari_komponen = self.hasil[ind.pk, self.tahun].realisasi.sumber == "komponen"
            f.update({
                "iku_nama": ind.uraian,
                "iku_target": self.target_in_force(ind, self.tahun),
                "iku_realisasi": real,
                "iku_capaian": self.capaian_of(ind, self.tahun),
                "iku_peringkat": self.peringkat_of(ind, self.tahun),
                "iku_kondisi_akhir": (persen(ind.kondisi_akhir) if ind.satuan == "%"
                                      else teks(ind.kondisi_akhir_teks)),
                "iku_rumus": real.rumus if dari_komponen else (ind.formula or ind.uraian),
            })
        return f

    def narasi(self, kunci: str, figures: dict[str, Angka | str]) -> tuple[str, ...]:
        stored = self.stored.get(kunci)
        if stored is not None and (stored.asal == Narasi.Asal.DISUNTING
                                   or kunci not in DEFAULTS):
            text = stored.teks
        else:
            text = DEFAULTS.get(kunci, "")
        filled = fill_placeholders(text, figures)
        return tuple(p.strip() for p in filled.split("\n\n") if p.strip())
