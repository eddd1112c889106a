"""The tables and lists of Bab II (Perencanaan Kinerja)."""

from __future__ import annotations

from akuntabel.plans.models import PerjanjianKinerja
from akuntabel.reports.document import Sel, Tabel
from akuntabel.reports.lakip.values import _nilai_teks, persen, rupiah, teks
from akuntabel.reports.models import Narasi


class TabelBab2:
    """Bab II Perencanaan Kinerja: visi dan misi, the programs, Tabel 2.1 IKU Renstra,
    2.2 Strategi, 2.3 Perjanjian Kinerja (also Lampiran 1)."""

    def visi_misi(self) -> tuple[str, ...]:
        rpjmd = self.renstra.rpjmd
        served = {m.nomor for m in self.renstra.misi.all()}
        out = [f"Visi {self.opd.pemda.nama} dalam RPJMD Tahun {rpjmd.tahun_awal}–"
               f"{rpjmd.tahun_akhir}: “{rpjmd.visi}”.", "Misi:"]
        for m in rpjmd.misi.all():
            mark = f" ({self.opd.nama} mendukung misi ini)" if m.nomor in served else ""
            out.append(f"- Misi {m.nomor}: {m.uraian}{mark}")
        return tuple(out) if "visi_misi" not in self.stored or \
            self.stored["visi_misi"].asal == Narasi.Asal.TERCETAK else ()

    def daftar_program(self) -> tuple[str, ...]:
        return tuple(f"- {i.kode} {i.uraian}" for k, i in self.budget.info.items()
                     if i.tingkat == "program")

    def tabel_iku_renstra(self) -> Tabel:
        years = list(self.renstra.tahun)
        rows = []
        for ind in self.indikator:
            if not (ind.tujuan_id or ind.sasaran_id):
                continue
            level = "Tujuan" if ind.tujuan_id else "Sasaran"
            rows.append((f"{level}: {self.node_label(ind)}", ind.uraian, ind.satuan or "–",
                         persen(ind.kondisi_awal) if ind.satuan == "%" else
                         teks(ind.kondisi_awal_teks),
                         *(_nilai_teks(self.renstra_target(ind, y)) for y in years),
                         persen(ind.kondisi_akhir) if ind.satuan == "%" else
                         teks(ind.kondisi_akhir_teks),
                         ind.formula or "–"))
        return Tabel("tabel-2-1-iku", f"Tabel 2.1 Indikator Kinerja Utama Renstra "
                     f"{years[0]}–{years[-1]}",
                     ("Tujuan/Sasaran", "Indikator", "Satuan", "Kondisi awal",
                      *(str(y) for y in years), "Kondisi akhir", "Formula"), tuple(rows))

    def tabel_strategi(self) -> Tabel:
        strategi = [s.uraian for s in self.renstra.strategi.all()]
        arah = [a.uraian for a in self.renstra.arah_kebijakan.all()]
        n = max(len(strategi), len(arah))
        rows = tuple((strategi[i] if i < len(strategi) else "",
                      arah[i] if i < len(arah) else "") for i in range(n))
        return Tabel("tabel-2-2-strategi", "Tabel 2.2 Strategi dan Arah Kebijakan",
                     ("Strategi", "Arah kebijakan"), rows)

    def tabel_pk(self, judul: str = "") -> Tabel:
        pk = (PerjanjianKinerja.objects.filter(perangkat_daerah=self.opd, tahun=self.tahun,
                                               tingkat=PerjanjianKinerja.Tingkat.KEPALA)
              .order_by("-jenis").first())  # "perubahan" sorts after "induk": latest first
        rows: list[tuple[Sel, ...]] = []
        if pk is not None:
            for b in pk.baris.select_related("sasaran", "indikator"):
                rows.append((b.sasaran.uraian, b.indikator.uraian,
                             persen(b.target) if b.indikator.satuan == "%" and b.target
                             is not None else teks(b.target_teks)))
        programs: list[tuple[Sel, ...]] = [
            (f"{i.kode} {i.uraian}", "Anggaran", rupiah(self.budget.hasil[k].pagu.nilai,
                                                        "Σ pagu sub kegiatan DPA", self.src_dpa))
            for k, i in self.budget.info.items() if i.tingkat == "program"]
        return Tabel("tabel-pk" if not judul else "lampiran-pk",
                     judul or f"Tabel 2.3 Perjanjian Kinerja Tahun {self.tahun}",
                     ("Sasaran strategis / Program", "Indikator kinerja / Anggaran", "Target"),
                     tuple(rows) + tuple(programs),
                     catatan=("Anggaran program dari DPA tahun berjalan." if pk else
                              "Belum ada Perjanjian Kinerja yang tercatat untuk tahun ini."))
