"""The tables of Bab III (Akuntabilitas Kinerja)."""

from __future__ import annotations

from decimal import Decimal

from akuntabel.budget.services import ROOT, build_line_rollup
from akuntabel.core.angka import format_angka
from akuntabel.core.capaian import average_capaian, compute_persentase, compute_perubahan
from akuntabel.core.efisiensi import Varian, describe_efisiensi, jelaskan_efisiensi
from akuntabel.plans.models import Indikator, RenstraAnggaran
from akuntabel.reports.document import Angka, Sel, Tabel
from akuntabel.reports.lakip.values import (
    TARGET_BERLAKU,
    _serapan,
    angka,
    persen,
    rupiah,
    teks,
)


class TabelBab3:
    """Bab III Akuntabilitas Kinerja: Tabel 3.1 to 3.9."""

    def tabel_skala(self) -> Tabel:
        rows = []
        bands = self.skala.pita
        for i, pita in enumerate(bands):
            atas = bands[i - 1].batas_bawah if i > 0 else None
            if pita.batas_bawah is None:
                rentang = f"< {format_angka(atas)}" if atas is not None else "semua"
            elif atas is None:
                rentang = f"≥ {format_angka(pita.batas_bawah)}"
            else:
                rentang = f"{format_angka(pita.batas_bawah)} ≤ capaian < {format_angka(atas)}"
            rows.append((str(i + 1), rentang, pita.label))
        return Tabel("tabel-3-1-skala", "Tabel 3.1 Skala Nilai Peringkat Kinerja",
                     ("No", "Interval capaian (%)", "Kriteria"), tuple(rows),
                     catatan=f"{self.skala.nama}; {self.skala.dasar_hukum}. Batas antarkriteria "
                             "dibaca setengah terbuka: capaian 90,99% termasuk Tinggi, 91% "
                             "termasuk Sangat Tinggi.")

    def tabel_iku_capaian(self, f: dict[str, Angka | str], judul: str = "") -> Tabel:
        rows = []
        iku = [i for i in self.indikator if i.iku]
        for ind in iku:
            rows.append((self.node_label(ind), ind.uraian, self.target_in_force(ind, self.tahun),
                         self.realisasi_of(ind, self.tahun), self.capaian_of(ind, self.tahun),
                         self.peringkat_of(ind, self.tahun)))
        return Tabel("tabel-3-2-capaian-iku" if not judul else "ringkasan-capaian-iku",
                     judul or f"Tabel 3.2 Capaian Indikator Kinerja Utama Tahun {self.tahun}",
                     ("Sasaran", "Indikator", "Target", "Realisasi", "Capaian kinerja",
                      "Peringkat"), tuple(rows),
                     catatan=("Capaian kinerja = realisasi ÷ target yang berlaku × 100. "
                              f"{TARGET_BERLAKU} Serapan anggaran tahun {self.tahun} "
                              f"{f['serapan_anggaran'].teks if isinstance(f['serapan_anggaran'], Angka) else ''} "  # noqa: E501
                              "adalah ukuran belanja, bukan capaian kinerja."
                              + self.catatan_satuan(iku, "Capaian IKU")))

    def _node_indicators(self) -> list[Indikator]:
        return [i for i in self.indikator if i.program_id or i.kegiatan_id or i.sub_kegiatan_id]

    def tabel_realisasi_kinerja(self) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        tingkat = []
        shown = []
        for ind in self._node_indicators():
            c = self.hasil[ind.pk, self.tahun]
            kosong = not (c.targets or c.jenis_target or self.has_realisasi(ind, self.tahun))
            if kosong or not ind.uraian:
                continue  # no value, or a value printed without its indicator (see Tabel 3.4)
            rows.append((self.node_label(ind), ind.uraian or "–",
                         self.target_in_force(ind, self.tahun), self.realisasi_of(ind, self.tahun),
                         self.capaian_of(ind, self.tahun)))
            tingkat.append(0 if ind.program_id else 1 if ind.kegiatan_id else 2)
            shown.append(ind)
        return Tabel("tabel-3-3-realisasi-kinerja",
                     f"Tabel 3.3 Realisasi Kinerja Program, Kegiatan dan Sub Kegiatan Tahun "
                     f"{self.tahun}",
                     ("Program/Kegiatan/Sub Kegiatan", "Indikator kinerja", "Target",
                      "Realisasi", "Capaian"), tuple(rows), tingkat=tuple(tingkat),
                     catatan=f"{TARGET_BERLAKU} Capaian dihitung bila target dan realisasi berupa "
                             "angka; selain itu ditulis “–”."
                             + self.catatan_satuan(shown, "Realisasi kinerja program, kegiatan "
                                                          "dan sub kegiatan"))

    def tabel_tahun_lalu(self) -> Tabel:
        rows = []
        for ind in self._node_indicators() + [i for i in self.indikator if i.iku]:
            now = self.has_realisasi(ind, self.tahun)
            before = self.has_realisasi(ind, self.tahun - 1)
            if (not now and not before) or (not ind.uraian and not before):
                continue
            lalu, kini = self.realisasi_of(ind, self.tahun - 1), self.realisasi_of(ind, self.tahun)
            sama_satuan = (self.satuan_realisasi(ind, self.tahun - 1).casefold()
                           == self.satuan_realisasi(ind, self.tahun).casefold())
            ubah = compute_perubahan(lalu.nilai if sama_satuan else None, kini.nilai,
                                     ind.polaritas)
            rows.append((self.node_label(ind), ind.uraian or "–", lalu, kini,
                         persen(ubah.persen, f"({kini.teks} − {lalu.teks}) ÷ |{lalu.teks}| × 100"
                                if ubah.persen is not None else ""),
                         teks({True: "membaik", False: "tidak membaik"}.get(ubah.membaik, ""))))
        return Tabel("tabel-3-4-tahun-lalu",
                     f"Tabel 3.4 Realisasi Kinerja Tahun {self.tahun - 1} dan {self.tahun}",
                     ("Program/Kegiatan/Sub Kegiatan", "Indikator kinerja",
                      f"Realisasi {self.tahun - 1}", f"Realisasi {self.tahun}", "Perubahan",
                      "Keterangan"), tuple(rows),
                     catatan="Perubahan = (realisasi tahun ini − realisasi tahun lalu) ÷ "
                             "|realisasi tahun lalu| × 100; dibaca membaik atau tidak menurut "
                             "polaritas indikator; “–” bila tahun lalu nol, kosong, atau "
                             "bersatuan lain.")

    def tabel_renstra_progres(self) -> Tabel:
        rows = []
        sisa = self.renstra.tahun_akhir - self.tahun
        for ind in (i for i in self.indikator if i.iku):
            real = self.realisasi_of(ind, self.tahun)
            akhir = ind.kondisi_akhir
            progres = compute_persentase(real.nilai, akhir)
            laju = ((akhir - real.nilai) / sisa if akhir is not None and real.nilai is not None
                    and sisa > 0 else None)
            rows.append((ind.uraian, persen(akhir) if ind.satuan == "%" else angka(akhir), real,
                         persen(progres, f"{real.teks} ÷ {format_angka(akhir)} × 100"
                                if akhir is not None else ""),
                         (angka(laju, f"({format_angka(akhir)} − {real.teks}) ÷ {sisa} tahun")
                          if laju is not None else teks("")),
                         Angka(Decimal(sisa), "angka", str(sisa),
                               f"{self.renstra.tahun_akhir} − {self.tahun}")))
        return Tabel("tabel-3-5-renstra", f"Tabel 3.5 Realisasi IKU Tahun {self.tahun} terhadap "
                     f"Target Akhir Renstra {self.renstra.tahun_awal}–{self.renstra.tahun_akhir}",
                     ("Indikator", "Target akhir Renstra", f"Realisasi {self.tahun}",
                      "Tingkat kemajuan", "Kenaikan yang diperlukan per tahun (poin)",
                      "Sisa tahun"), tuple(rows))

    def tabel_renstra_anggaran(self) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        tingkat = []
        by_node = {}
        for ra in RenstraAnggaran.objects.filter(tahun=self.tahun).filter(
                program__renstra=self.renstra) | RenstraAnggaran.objects.filter(
                tahun=self.tahun, kegiatan__program__renstra=self.renstra) | \
                RenstraAnggaran.objects.filter(tahun=self.tahun,
                                               sub_kegiatan__kegiatan__program__renstra=(
                                                   self.renstra)):
            key = (f"p{ra.program_id}" if ra.program_id else f"k{ra.kegiatan_id}"
                   if ra.kegiatan_id else f"s{ra.sub_kegiatan_id}")
            by_node[key] = ra
        for key, info in self.budget.info.items():
            if info.tingkat not in ("program", "kegiatan", "sub_kegiatan"):
                continue
            ra = by_node.get(key)
            node = self.budget.hasil[key]
            rows.append((f"{info.kode} {info.uraian}".strip(),
                         rupiah(ra.target if ra else None), rupiah(node.realisasi.nilai,
                                                                   "DPA", self.src_dpa),
                         _serapan(ra.target if ra else None, node.realisasi.nilai)))
            tingkat.append({"program": 0, "kegiatan": 1, "sub_kegiatan": 2}[info.tingkat])
        return Tabel("tabel-3-6-renstra-anggaran",
                     f"Tabel 3.6 Pendanaan Renstra Tahun {self.tahun} dan Realisasi Anggaran",
                     ("Program/Kegiatan/Sub Kegiatan", f"Pendanaan Renstra {self.tahun}",
                      f"Realisasi DPA {self.tahun}", "Realisasi terhadap Renstra"),
                     tuple(rows), tingkat=tuple(tingkat))

    def tabel_komponen(self) -> tuple[Tabel, ...]:
        tables = []
        for ind in (i for i in self.indikator if i.iku):
            p = self.perhitungan.get(ind.pk)
            if p is None:
                continue
            rows: list[tuple[Sel, ...]] = []
            tingkat = []
            tebal = []
            for k in self.komponen.get(p.pk, []):
                rows.append((k.nomor, k.uraian, angka(k.nilai) if k.nilai is not None
                             else teks(k.teks)))
                tingkat.append(1 if k.induk_id else 0)
                tebal.append(False)
            tidak_sama = self._rincian_tidak_sama(self.komponen.get(p.pk, []))
            real = self.realisasi_of(ind, self.tahun)
            pembilang = sum((k.nilai for k in self.komponen.get(p.pk, [])
                             if not k.induk_id and k.nilai is not None), Decimal(0))
            rows.append(("", "Jumlah yang ditangani", angka(pembilang, "Σ komponen")))
            rows.append(("", p.penyebut_uraian, angka(p.penyebut)))
            rows.append(("", ind.uraian, real))
            tingkat += [0, 0, 0]
            tebal += [True, True, True]
            tables.append(Tabel(
                f"tabel-3-7-komponen-{ind.kode or ind.pk}",
                f"Tabel 3.7 Perhitungan {ind.uraian} Tahun {self.tahun}",
                ("No", "Komponen", "Jumlah"), tuple(rows), tingkat=tuple(tingkat),
                tebal=tuple(tebal),
                catatan=f"{ind.formula or ind.uraian}: {real.rumus} = {real.teks}."
                        + tidak_sama))
            tempat = f"Perhitungan {ind.uraian}"
            if p.catatan:
                self.perbedaan.append((tempat, p.catatan))
            self.perbedaan.extend((f"{tempat}, butir {k.nomor or k.uraian}", k.catatan)
                                  for k in self.komponen.get(p.pk, []) if k.catatan)
            if p.hasil_tercetak_teks and p.hasil_tercetak_teks != real.teks:
                self.perbedaan.append((
                    f"Perhitungan {ind.uraian}",
                    f"Dokumen sumber mencetak {p.hasil_tercetak_teks}; dihitung dari "
                    f"komponennya {real.rumus} = {real.teks}."))
        return tuple(tables)

    @staticmethod
    def _rincian_tidak_sama(komponen: list) -> str:  # type: ignore[type-arg]
        """A note naming each component whose details do not add up to its own value, and by
        how much (Jumlah yang ditangani counts the components' own values)."""
        anak: dict[int, list[Decimal]] = {}
        for k in komponen:
            if k.induk_id and k.nilai is not None:
                anak.setdefault(k.induk_id, []).append(k.nilai)
        beda = []
        for k in komponen:
            if k.induk_id or k.pk not in anak or k.nilai is None:
                continue
            jumlah = sum(anak[k.pk], Decimal(0))
            if jumlah != k.nilai:
                beda.append(f"butir {k.nomor or k.uraian} bernilai {format_angka(k.nilai)}, "
                            f"rinciannya berjumlah {format_angka(jumlah)} (selisih "
                            f"{format_angka(abs(k.nilai - jumlah))})")
        if not beda:
            return ""
        return (" Rincian beberapa butir tidak berjumlah sama dengan nilai butirnya: "
                + "; ".join(beda) + ". Jumlah yang ditangani memakai nilai butir.")

    def tabel_efisiensi(self) -> Tabel:
        metode = Varian(self.opd.pemda.efisiensi_metode)
        ambang = self.opd.pemda.efisiensi_ambang
        rows = []
        for key in self.budget.children(ROOT):
            info = self.budget.info[key]
            node = self.budget.hasil[key]
            capaian_list = [self.capaian_of(i, self.tahun).nilai for i in self._node_indicators()
                            if self._program_of(i) == info.pk]
            capaian = average_capaian(capaian_list, Decimal(100)) if capaian_list else None
            p = jelaskan_efisiensi(capaian, node.serapan, metode, ambang)
            nilai = p.efisiensi.nilai
            rows.append((f"{info.kode} {info.uraian}".strip(),
                         persen(capaian, "rata-rata capaian indikator program, kegiatan dan sub "
                                "kegiatan (masing-masing dibatasi 100%)"),
                         _serapan(node.pagu.nilai, node.realisasi.nilai, self.src_dpa),
                         Angka(nilai, "angka", format_angka(nilai, 2),
                               p.alasan if nilai is not None else ""),
                         p.kesimpulan, p.alasan[0].upper() + p.alasan[1:] + "."))
        return Tabel("tabel-3-8-efisiensi", f"Tabel 3.8 Capaian Kinerja dan Serapan Anggaran per "
                     f"Program Tahun {self.tahun}",
                     ("Program", "Capaian kinerja", "Serapan anggaran",
                      "Selisih (poin)" if metode == Varian.SELISIH else "Rasio",
                      "Kesimpulan", "Penjelasan"), tuple(rows),
                     catatan=self.dasar_efisiensi())

    def dasar_efisiensi(self) -> str:
        """The method the pemda chose and the basis of its two figures."""
        pemda = self.opd.pemda
        return (describe_efisiensi(Varian(pemda.efisiensi_metode),
                                   pemda.efisiensi_ambang)
                + " Capaian kinerja program = rata-rata capaian indikator program, kegiatan dan "
                  "sub kegiatannya (masing-masing dibatasi 100%); serapan anggaran = realisasi "
                  "÷ pagu DPA program × 100. Metode dipilih oleh pemerintah daerah (Akuntabel, "
                  "konvensi proyek; PermenPAN-RB 53/2014 meminta analisis efisiensi tanpa "
                  "menetapkan rumusnya).")

    @staticmethod
    def _program_of(ind: Indikator) -> int | None:
        if ind.program_id:
            return ind.program_id
        if ind.kegiatan_id:
            return ind.kegiatan.program_id
        if ind.sub_kegiatan_id:
            return ind.sub_kegiatan.kegiatan.program_id
        return None

    def tabel_anggaran(self) -> Tabel:
        lines = build_line_rollup(self.opd, self.tahun)
        rows: list[tuple[Sel, ...]] = []
        tingkat: list[int] = []
        tebal: list[bool] = []

        def add(label: str, node, depth: int, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
            rows.append((label, rupiah(node.pagu.nilai), rupiah(node.realisasi.nilai),
                         _serapan(node.pagu.nilai, node.realisasi.nilai)))
            tingkat.append(depth)
            tebal.append(bold)

        def walk(key: str, depth: int) -> None:
            info = self.budget.info[key]
            add(f"{info.kode} {info.uraian}".strip(), self.budget.hasil[key], depth,
                bold=info.tingkat == "program")
            if info.tingkat == "sub_kegiatan":
                result = lines.hasil.get(self.budget.anggaran_pk[key], {})
                stack = [(k, depth + 1) for k in reversed(result.get("__sub__").anak)] \
                    if "__sub__" in result else []
                while stack:
                    k, d = stack.pop()
                    line = lines.info[k]
                    node = result[k]
                    add(f"{line.kode} {line.uraian}".strip(), node, d)
                    stack.extend((c, d + 1) for c in reversed(node.anak))
                return
            for child in self.budget.children(key):
                walk(child, depth + 1)

        for key in self.budget.children(ROOT):
            walk(key, 0)
        add("Jumlah", self.budget.total, 0, bold=True)
        return Tabel("tabel-3-9-realisasi-anggaran",
                     f"Tabel 3.9 Realisasi Anggaran Tahun {self.tahun}",
                     ("Uraian", "Pagu", "Realisasi", "Serapan anggaran"), tuple(rows),
                     tingkat=tuple(tingkat), tebal=tuple(tebal),
                     catatan="Serapan anggaran = realisasi ÷ pagu × 100 per baris. Jumlah sub "
                             "kegiatan ke atas dari DPA; baris kode rekening adalah rinciannya.")
