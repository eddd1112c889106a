"""The narrative of the LKjIP: its placeholders' figures and each section's text."""

from __future__ import annotations

import re

from akuntabel.reports.document import Angka
from akuntabel.reports.lakip.values import _serapan, persen, rupiah, teks
from akuntabel.reports.models import Narasi
from akuntabel.reports.narasi import DEFAULTS, fill_placeholders

_NOMOR = re.compile(r"^\s*\d{1,2}[.)]\s+")  # "1. ", "2) ": a numbered item as typed


class Narrative:
    """The figures a narrative may name (its placeholders) and the text of each section: a
    text written in Akuntabel wins; a printed one gives way to the default draft."""

    def figures(self) -> dict[str, Angka | str]:
        total = self.budget.total
        iku = [i for i in self.indikator if i.iku]
        f: dict[str, Angka | str] = {
            "instansi": self.opd.nama, "pemda_nama": self.opd.pemda.nama,
            "tahun": str(self.tahun), "tahun_lalu": str(self.tahun - 1),
            "tahun_depan": str(self.tahun + 1),
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
            "efisiensi_varian": self.dasar_efisiensi(),
        }
        f.update(self._capaian_ringkas())
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

    def _capaian_ringkas(self) -> dict[str, Angka | str]:
        """What was achieved and what was not, from the figures; why, from the obstacles the
        OPD recorded in section 3.6 (never written here): its numbered items ("1. …"), as the
        seed lists its kendala; a 3.6 in prose is referred to, not quoted."""
        inds = [i for i in self.indikator
                if (i.iku or i.program_id or i.kegiatan_id or i.sub_kegiatan_id) and i.uraian
                and self.capaian_of(i, self.tahun).nilai is not None]
        belum = [i for i in inds if self.capaian_of(i, self.tahun).nilai < 100]  # type: ignore[operator]
        ringkas = (f"Dari {len(inds)} indikator kinerja yang capaiannya dapat dihitung, "
                   f"{len(inds) - len(belum)} mencapai atau melampaui target dan {len(belum)} "
                   "belum mencapai target.")
        if belum:
            daftar = "Indikator yang belum mencapai target:\n" + "\n".join(
                f"- {i.uraian}: capaian {self.capaian_of(i, self.tahun).teks} (target "
                f"{self.target_in_force(i, self.tahun).teks}, realisasi "
                f"{self.realisasi_of(i, self.tahun).teks})" for i in belum)
        else:
            daftar = "Seluruh indikator tersebut mencapai target."
        stored = self.stored.get("analisis_penyebab")
        kendala = [line.strip() for line in (stored.teks if stored else "").splitlines()
                   if _NOMOR.match(line)]
        if kendala:
            hambatan = ("Kendala yang dicatat pada subbab 3.6:\n"
                        + "\n".join("- " + _NOMOR.sub("", k) for k in kendala))
        elif stored is not None and stored.teks.strip():
            hambatan = ("Faktor penghambat dan pendukungnya diuraikan pada subbab 3.6 Analisis "
                        "Penyebab Keberhasilan/Kegagalan dan Alternatif Solusi.")
        else:
            hambatan = ("Faktor penghambat belum diuraikan pada subbab 3.6 Analisis Penyebab "
                        "Keberhasilan/Kegagalan.")
        return {"capaian_ringkas": ringkas, "capaian_belum": daftar, "hambatan": hambatan}

    def narasi(self, kunci: str, figures: dict[str, Angka | str]) -> tuple[str, ...]:
        stored = self.stored.get(kunci)
        if stored is not None and (stored.asal == Narasi.Asal.DISUNTING
                                   or kunci not in DEFAULTS):
            text = stored.teks
        else:
            text = DEFAULTS.get(kunci, "")
        filled = fill_placeholders(text, figures)
        return tuple(p.strip() for p in filled.split("\n\n") if p.strip())
