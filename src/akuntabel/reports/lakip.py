"""The LAKIP / LKjIP context: the whole report of one OPD and year as plain data (``Dokumen``),
built once from the database, in the outline of Permenpan RB 53/2014.

Every figure is computed here with ``akuntabel.core`` and carries its formula and inputs
(``Angka.rumus``); renderers only lay it out. The target in force, realisasi, capaian and
peringkat of every indicator are those of the web pages: ``results.capaian.
compute_capaian_many`` computes them, and this module only writes them out with their
formula, source and notes. The number of queries does not grow with the size of the OPD.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.urls import reverse

from akuntabel.budget.services import ROOT, BudgetTree, build_budget_tree, build_line_rollup
from akuntabel.core.angka import format_angka, format_persen, format_rupiah
from akuntabel.core.capaian import (
    average_capaian,
    compute_persentase,
    compute_perubahan,
    tulis_rumus_capaian,
)
from akuntabel.core.efisiensi import Varian, compute_efisiensi, describe_efisiensi
from akuntabel.core.peringkat import Skala
from akuntabel.core.reviu.common import NAMA_TARGET
from akuntabel.organizations.models import Pejabat, PerangkatDaerah
from akuntabel.plans.models import (
    TAHUNAN,
    Indikator,
    IsuStrategis,
    PerjanjianKinerja,
    RenstraAnggaran,
    Target,
)
from akuntabel.plans.services import renstra_for
from akuntabel.references.services import skala_for
from akuntabel.reports.charts import (
    chart_capaian_indikator,
    chart_iku_tren,
    chart_serapan_program,
)
from akuntabel.reports.document import (
    Angka,
    Bagian,
    Dokumen,
    Grafik,
    Penandatangan,
    Sel,
    Tabel,
)
from akuntabel.reports.models import Narasi
from akuntabel.reports.narasi import DEFAULTS, fill_placeholders
from akuntabel.results.capaian import CapaianIndikator, TargetTahunan, compute_capaian_many
from akuntabel.results.models import KomponenPerhitungan, Perhitungan, Realisasi

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
EFISIENSI_VARIAN = Varian.SELISIH
# The order of ``core.reviu.common.target_berlaku``, which ``compute_capaian_many`` applies.
TARGET_BERLAKU = ("Target yang berlaku: PK perubahan, lalu PK, Renja, Renstra; target yang "
                  "kosong atau “-” dilewati.")


def format_tanggal(d: date) -> str:
    """``29 Februari 2024``."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def rupiah(nilai: Decimal | None, rumus: str = "",
           sumber: tuple[tuple[str, str], ...] = ()) -> Angka:
    return Angka(nilai, "rupiah", format_rupiah(nilai), rumus, sumber)


def persen(nilai: Decimal | None, rumus: str = "",
           sumber: tuple[tuple[str, str], ...] = ()) -> Angka:
    return Angka(nilai, "persen", format_persen(nilai), rumus, sumber)


def angka(nilai: Decimal | None, rumus: str = "") -> Angka:
    return Angka(nilai, "angka", format_angka(nilai), rumus)


def teks(value: str) -> Angka:
    return Angka(None, "teks", value or "–")


def _serapan(pagu: Decimal | None, realisasi: Decimal | None, src: tuple[tuple[str, str], ...]
             = ()) -> Angka:
    nilai = compute_persentase(realisasi, pagu)
    rumus = (f"{format_angka(realisasi, 0)} ÷ {format_angka(pagu, 0)} × 100"
             if pagu is not None and realisasi is not None else "")
    return persen(nilai, rumus, src)


def ukuran(nilai: Decimal, satuan: str, rumus: str = "",
           sumber: tuple[tuple[str, str], ...] = ()) -> Angka:
    """A measure with its unit: ``91,50%`` for "%", else ``12 Orang``."""
    if satuan == "%":
        return persen(nilai, rumus, sumber)
    return Angka(nilai, "angka", f"{format_angka(nilai)} {satuan}".strip(), rumus, sumber)


def _nilai_teks(value: TargetTahunan | Realisasi | None) -> Angka:
    """A target or realisasi as a figure: its number when it is one, else its text."""
    if value is None:
        return teks("")
    if value.nilai is not None and value.satuan == "%":
        return persen(value.nilai)
    if value.nilai is not None:
        return Angka(value.nilai, "angka", f"{format_angka(value.nilai)} {value.satuan}".strip())
    return teks(value.teks)


class _Builder:
    lampiran_reviu = False

    def __init__(self, opd: PerangkatDaerah, tahun: int, tanggal: date):
        self.opd = opd
        self.tahun = tahun
        self.tanggal = tanggal
        self.renstra = renstra_for(opd, tahun)
        self.skala: Skala = skala_for(opd.pemda, date(tahun, 12, 31))
        self.url_opd = reverse("opd_detail", args=[opd.pk]) + f"?tahun={tahun}"
        self.src_dpa = ((f"DPA {tahun}", self.url_opd),)
        self.budget: BudgetTree = build_budget_tree(opd, tahun)
        self._load_indicators()

    # -- data ------------------------------------------------------------------------------
    def _load_indicators(self) -> None:
        opd = self.opd
        self.indikator = list(Indikator.objects.filter(perangkat_daerah=opd).select_related(
            "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan__kegiatan")
            .order_by("urutan"))
        # The figures of the web pages, for every year the report shows: the Renstra's (Tabel
        # 2.1, the trend chart), the previous year (Tabel 3.4) and the report's own.
        years = sorted({*self.renstra.tahun, self.tahun - 1, self.tahun})
        self.hasil: dict[tuple[int, int], CapaianIndikator] = compute_capaian_many(
            self.indikator, years, self.skala, where={"indikator__perangkat_daerah": opd})
        # The rows as entered, for the unit they were printed with.
        self.realisasi: dict[int, dict[int, Realisasi]] = defaultdict(dict)
        for r in Realisasi.objects.filter(indikator__perangkat_daerah=opd, triwulan=TAHUNAN):
            self.realisasi[r.indikator_id][r.tahun] = r
        self.perhitungan = {p.indikator_id: p for p in Perhitungan.objects.filter(
            indikator__perangkat_daerah=opd, tahun=self.tahun)}
        self.komponen: dict[int, list[KomponenPerhitungan]] = defaultdict(list)
        for k in KomponenPerhitungan.objects.filter(
                perhitungan__in=self.perhitungan.values()).order_by("urutan"):
            self.komponen[k.perhitungan_id].append(k)

    def renstra_target(self, ind: Indikator, tahun: int) -> TargetTahunan | None:
        return self.hasil[ind.pk, tahun].targets.get(Target.Jenis.RENSTRA)

    def _sumber_indikator(self, label: str, ind: Indikator, tahun: int
                          ) -> tuple[tuple[str, str], ...]:
        url = reverse("indikator_detail", args=[ind.pk]) + f"?tahun={tahun}"
        return ((label, url),)

    def satuan_target(self, ind: Indikator, tahun: int) -> str:
        """The unit of the target in force: its own row's, else the indicator's (a row of the
        Perjanjian Kinerja has none)."""
        c = self.hasil[ind.pk, tahun]
        row = c.targets.get(c.jenis_target)
        if row is not None and row.nilai == c.target and row.teks == c.target_teks:
            return row.satuan or ind.satuan
        return ind.satuan

    def satuan_realisasi(self, ind: Indikator, tahun: int) -> str:
        c = self.hasil[ind.pk, tahun]
        if c.realisasi.sumber == "komponen":
            return "%"
        row = self.realisasi.get(ind.pk, {}).get(tahun)
        return (row.satuan if row is not None else "") or ind.satuan

    def target_in_force(self, ind: Indikator, tahun: int) -> Angka:
        """The target in force (``compute_capaian_many``: PK perubahan, PK, Renja, Renstra; a
        blank target passed over, a row of the PK document counted)."""
        c = self.hasil[ind.pk, tahun]
        if not c.jenis_target:
            return teks("")
        sumber = self._sumber_indikator(f"Target {NAMA_TARGET[c.jenis_target]} {tahun}", ind,
                                        tahun)
        if c.target is None:
            return Angka(None, "teks", c.target_teks or "–", "", sumber)
        if c.target_atas is not None:  # a range: as written, its lower bound as the number
            return Angka(c.target, "teks", c.target_teks, "", sumber)
        return ukuran(c.target, self.satuan_target(ind, tahun), sumber=sumber)

    def has_realisasi(self, ind: Indikator, tahun: int) -> bool:
        r = self.hasil[ind.pk, tahun].realisasi
        return r.sumber != "tidak_ada" or bool(r.dilaporkan_teks)

    def realisasi_of(self, ind: Indikator, tahun: int) -> Angka:
        """The truth: computed from components when the indicator has them, else as entered
        (``compute_capaian_many``)."""
        r = self.hasil[ind.pk, tahun].realisasi
        if r.nilai is None:
            return teks(r.dilaporkan_teks)
        if r.sumber != "komponen":
            return ukuran(r.nilai, self.satuan_realisasi(ind, tahun))
        rumus = f"{format_angka(r.pembilang)} ÷ {format_angka(r.penyebut)} × 100"
        p = self.perhitungan.get(ind.pk) if tahun == self.tahun else None
        if p is None:
            return persen(r.nilai, rumus)
        items = [k for k in self.komponen.get(p.pk, []) if not k.induk_id]
        return persen(r.nilai, f"{rumus} (Σ {len(items)} komponen ÷ {p.penyebut_uraian})",
                      (("3.5 Perhitungan IKU", "#perhitungan_iku"),))

    def satuan_berbeda(self, ind: Indikator, tahun: int) -> tuple[str, str] | None:
        """The units of the target and the realisasi, when both are numbers printed with
        different units (neither a percentage); None otherwise."""
        c = self.hasil[ind.pk, tahun]
        if c.target is None or c.realisasi.nilai is None:
            return None
        t, r = self.satuan_target(ind, tahun), self.satuan_realisasi(ind, tahun)
        if t.lower() == r.lower() or "%" in (t, r):
            return None
        return t, r

    def capaian_of(self, ind: Indikator, tahun: int) -> Angka:
        c = self.hasil[ind.pk, tahun]
        if c.capaian is None:
            return teks("")
        rumus = tulis_rumus_capaian(c.target, c.realisasi.nilai, ind.polaritas,
                                    ind.metode_turun, target_atas=c.target_atas,
                                    target_teks=c.target_teks,
                                    realisasi_teks=c.realisasi.dilaporkan_teks)
        beda = self.satuan_berbeda(ind, tahun)
        if beda is not None:
            rumus += f"; satuan tercetak berbeda: target “{beda[0]}”, realisasi “{beda[1]}”"
        return persen(c.capaian, rumus,
                      self._sumber_indikator(f"Capaian {ind.uraian or 'indikator'} {tahun}",
                                             ind, tahun))

    def peringkat_of(self, ind: Indikator, tahun: int) -> str:
        return self.hasil[ind.pk, tahun].peringkat or "–"

    def catatan_satuan(self, inds: list[Indikator]) -> str:
        """A note naming the indicators whose capaian was computed over differently printed
        units, for the reader to check."""
        beda = [(ind, b) for ind in inds
                if (b := self.satuan_berbeda(ind, self.tahun)) is not None]
        if not beda:
            return ""
        return (" Satuan target dan realisasi tercetak berbeda; capaian dihitung atas angkanya: "
                + "; ".join(f"{ind.uraian or self.node_label(ind)} (target “{t}”, realisasi "
                            f"“{r}”)" for ind, (t, r) in beda) + ".")

    def node_label(self, ind: Indikator) -> str:
        """The indicator's node as a reader names it: "1.06.04.2.01.0012 Pemberian …"."""
        node = ind.node
        nama = getattr(node, "nama", None)
        if nama is not None:
            return f"{node.kode} {nama}".strip()
        return str(getattr(node, "uraian", node))

    # -- figures ---------------------------------------------------------------------------
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

    # -- narrative -------------------------------------------------------------------------
    def narasi(self, kunci: str, figures: dict[str, Angka | str]) -> tuple[str, ...]:
        stored = self.stored.get(kunci)
        if stored is not None and (stored.asal == Narasi.Asal.DISUNTING
                                   or kunci not in DEFAULTS):
            text = stored.teks
        else:
            text = DEFAULTS.get(kunci, "")
        filled = fill_placeholders(text, figures)
        return tuple(p.strip() for p in filled.split("\n\n") if p.strip())

    # -- the document ----------------------------------------------------------------------
    def build(self) -> Dokumen:
        self.stored = {n.kunci: n for n in Narasi.objects.filter(perangkat_daerah=self.opd,
                                                                 tahun=self.tahun)}
        f = self.figures()
        kepala = Pejabat.objects.filter(perangkat_daerah=self.opd,
                                        peran=Pejabat.Peran.KEPALA).first()
        kota = self.opd.pemda.nama.removeprefix("Kota ").removeprefix("Kabupaten ")
        ttd = Penandatangan(
            jabatan=kepala.jabatan if kepala else f"Kepala {self.opd.nama}",
            nama=kepala.nama if kepala else "", pangkat=kepala.pangkat if kepala else "",
            nip=kepala.nip if kepala else "",
            tempat_tanggal=f"{kota}, {format_tanggal(self.tanggal)}")

        def section(kunci: str, nomor: str, judul: str, tingkat: int = 1,
                    tabel: tuple[Tabel, ...] = (), grafik: tuple[Grafik, ...] = (),
                    extra: tuple[str, ...] = (), tanda_tangan: bool = False) -> Bagian:
            return Bagian(kunci, nomor, judul, tingkat, self.narasi(kunci, f) + extra, tabel,
                          grafik, tanda_tangan)

        bagian = [
            section("kata_pengantar", "", "Kata Pengantar", 0, tanda_tangan=True),
            section("ikhtisar_eksekutif", "", "Ikhtisar Eksekutif", 0,
                    tabel=(self.tabel_iku_capaian(
                        f, f"Ringkasan Capaian Indikator Kinerja Utama Tahun {self.tahun}"),)),
            Bagian("bab1", "BAB I", "Pendahuluan", 0),
            section("latar_belakang", "1.1", "Latar Belakang"),
            section("maksud_tujuan", "1.2", "Maksud dan Tujuan"),
            section("dasar_hukum", "1.3", "Dasar Hukum"),
            section("gambaran_umum", "1.4", "Gambaran Umum",
                    extra=self.tugas_fungsi()),
            section("isu_strategis", "1.5", "Isu Strategis", tabel=(self.tabel_isu(),)),
            Bagian("bab2", "BAB II", "Perencanaan Kinerja", 0),
            section("perencanaan_kinerja", "2.1", "Rencana Strategis"),
            section("visi_misi", "2.2", "Visi dan Misi", extra=self.visi_misi()),
            section("tujuan_sasaran", "2.3", "Tujuan, Sasaran dan Indikator Kinerja Utama",
                    tabel=(self.tabel_iku_renstra(),)),
            section("strategi", "2.4", "Strategi dan Arah Kebijakan",
                    tabel=(self.tabel_strategi(),)),
            section("program", "2.5", "Program", extra=self.daftar_program()),
            section("perjanjian_kinerja", "2.6", "Perjanjian Kinerja", tabel=(self.tabel_pk(),)),
            Bagian("bab3", "BAB III", "Akuntabilitas Kinerja", 0),
            section("capaian_kinerja_organisasi", "3.1", "Capaian Kinerja Organisasi",
                    tabel=(self.tabel_skala(), self.tabel_iku_capaian(f)),
                    grafik=self.grafik_capaian()),
            section("realisasi_kinerja", "3.2",
                    f"Realisasi Kinerja Program, Kegiatan dan Sub Kegiatan Tahun {self.tahun}",
                    tabel=(self.tabel_realisasi_kinerja(),)),
            section("perbandingan_tahun_lalu", "3.3",
                    f"Perbandingan Realisasi Tahun {self.tahun} dengan Tahun {self.tahun - 1}",
                    tabel=(self.tabel_tahun_lalu(),)),
            section("perbandingan_renstra", "3.4",
                    f"Perbandingan Realisasi Tahun {self.tahun} dengan Target Renstra",
                    tabel=(self.tabel_renstra_progres(), self.tabel_renstra_anggaran()),
                    grafik=self.grafik_tren()),
            section("perhitungan_iku", "3.5", "Perhitungan Indikator Kinerja Utama",
                    tabel=self.tabel_komponen()),
            section("analisis_penyebab", "3.6",
                    "Analisis Penyebab Keberhasilan/Kegagalan dan Alternatif Solusi"),
            section("analisis_efisiensi", "3.7", "Analisis Efisiensi Penggunaan Sumber Daya",
                    tabel=(self.tabel_efisiensi(),)),
            section("analisis_program", "3.8", "Analisis Program/Kegiatan"),
            section("realisasi_anggaran", "3.9", "Realisasi Anggaran",
                    tabel=(self.tabel_anggaran(),), grafik=self.grafik_serapan()),
            section("penutup", "BAB IV", "Penutup", 0, tanda_tangan=True),
            Bagian("lampiran", "", "Lampiran", 0, (),
                   tabel=(self.tabel_pk(f"Lampiran 1. Perjanjian Kinerja Tahun {self.tahun}"),
                          *((self.tabel_reviu(),) if self.lampiran_reviu else ()))),
        ]
        ringkasan = {k: v for k, v in f.items() if isinstance(v, Angka)}
        return Dokumen(
            jenis="lakip", judul="Laporan Kinerja Instansi Pemerintah (LKjIP)",
            subjudul=f"{self.opd.nama} Tahun {self.tahun}", instansi=self.opd.nama,
            pemda=f"Pemerintah {self.opd.pemda.nama}", tahun=self.tahun, penandatangan=ttd,
            bagian=tuple(bagian), ringkasan=ringkasan)

    # -- parts -----------------------------------------------------------------------------
    def tugas_fungsi(self) -> tuple[str, ...]:
        out: list[str] = []
        if self.opd.tugas:
            out.append(f"Tugas {self.opd.nama}: {self.opd.tugas}")
        if self.opd.fungsi:
            out.append(f"Fungsi {self.opd.nama}:")
            out.extend(f"- {x}" for x in self.opd.fungsi)
        return tuple(out) if "gambaran_umum" not in self.stored else ()

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

    def tabel_isu(self) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        for isu in IsuStrategis.objects.filter(renstra=self.renstra):
            scores = [isu.urgensi, isu.keseriusan, isu.pertumbuhan]
            total = sum(scores) if all(s is not None for s in scores) else None  # type: ignore[arg-type]
            rows.append((isu.uraian, *(angka(s) for s in scores),
                         angka(total, "U + S + G") if total is not None else teks(""),
                         "prioritas" if isu.prioritas else ""))
        return Tabel("tabel-1-5-isu-strategis", "Tabel 1.1 Isu Strategis dan Skor USG",
                     ("Isu strategis", "Urgensi", "Keseriusan", "Pertumbuhan", "Skor USG",
                      "Keterangan"), tuple(rows),
                     catatan="Skor USG yang tidak tercantum dalam data ditulis “–”.")

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
        pk = (PerjanjianKinerja.objects.filter(perangkat_daerah=self.opd, tahun=self.tahun)
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
                              + self.catatan_satuan(iku)))

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
                             "angka; selain itu ditulis “–”." + self.catatan_satuan(shown))

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
                        + (f" Nilai yang tercetak dalam sumber: {p.hasil_tercetak_teks}."
                           if p.hasil_tercetak_teks and p.hasil_tercetak_teks != real.teks
                           else "")))
        return tuple(tables)

    def tabel_efisiensi(self) -> Tabel:
        rows = []
        for key in self.budget.children(ROOT):
            info = self.budget.info[key]
            node = self.budget.hasil[key]
            capaian_list = [self.capaian_of(i, self.tahun).nilai for i in self._node_indicators()
                            if self._program_of(i) == info.pk]
            capaian = average_capaian(capaian_list, Decimal(100)) if capaian_list else None
            serapan = node.serapan
            efisiensi = compute_efisiensi(capaian, serapan, EFISIENSI_VARIAN)
            rows.append((f"{info.kode} {info.uraian}".strip(),
                         persen(capaian, "rata-rata capaian indikator program, kegiatan dan sub "
                                "kegiatan (masing-masing dibatasi 100%)"),
                         _serapan(node.pagu.nilai, node.realisasi.nilai, self.src_dpa),
                         Angka(efisiensi.nilai, "angka", format_angka(efisiensi.nilai, 2),
                               "capaian − serapan" if efisiensi.nilai is not None else ""),
                         "efisien" if efisiensi.efisien else "–" if efisiensi.efisien is None
                         else "tidak efisien"))
        return Tabel("tabel-3-8-efisiensi", f"Tabel 3.8 Capaian Kinerja dan Serapan Anggaran per "
                     f"Program Tahun {self.tahun}",
                     ("Program", "Capaian kinerja", "Serapan anggaran", "Selisih (poin)",
                      "Kesimpulan"), tuple(rows),
                     catatan=describe_efisiensi(EFISIENSI_VARIAN))

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

    def tabel_reviu(self) -> Tabel:
        from akuntabel.reviews.services import review

        rows: list[tuple[Sel, ...]] = []
        for t in review(self.opd, self.tahun):
            f = t.finding
            rows.append((f.code, {"error": "kesalahan", "warning": "peringatan"}.get(
                f.tingkat, "informasi"), f.lokasi.bagian, f.pesan,
                f"Dijelaskan: {t.penjelasan.catatan}" if t.penjelasan else "Terbuka"))
        return Tabel("lampiran-reviu", f"Lampiran 2. Hasil Reviu Otomatis Tahun {self.tahun}",
                     ("Kode", "Tingkat", "Bagian", "Temuan", "Status"), tuple(rows),
                     catatan="Temuan dihitung dari data saat laporan dibuat; aturan dan dasar "
                             "hukumnya tercantum pada perintah akuntabel reviu.")

    # -- charts ----------------------------------------------------------------------------
    def _chart(self, make: Callable[[], bytes], kunci: str, judul: str,
               ket: str) -> tuple[Grafik, ...]:
        return (Grafik(kunci, judul, make(), ket),)

    def grafik_tren(self) -> tuple[Grafik, ...]:
        iku = [i for i in self.indikator if i.iku]
        if not iku:
            return ()
        ind = iku[0]
        years = list(self.renstra.tahun)
        target = [t.nilai if (t := self.renstra_target(ind, y)) is not None else None
                  for y in years]
        real = [self.realisasi_of(ind, y).nilai if y <= self.tahun else None for y in years]

        def make() -> bytes:
            return chart_iku_tren(ind.uraian, years, target, real, satuan=ind.satuan)

        return self._chart(make, "grafik-iku-tren", f"Target dan realisasi {ind.uraian}",
                           f"Target Renstra dan realisasi {ind.uraian} {years[0]}–{years[-1]}")

    def grafik_capaian(self) -> tuple[Grafik, ...]:
        # The IKU and the program and kegiatan indicators: the sub kegiatan outputs (dozens,
        # mostly at 100%) are in Tabel 3.3.
        inds = [i for i in self.indikator
                if (i.iku or i.program_id or i.kegiatan_id)
                and self.capaian_of(i, self.tahun).nilai is not None]
        if not inds:
            return ()
        labels = [i.uraian or self.node_label(i) for i in inds]
        values = [self.capaian_of(i, self.tahun).nilai for i in inds]

        def make() -> bytes:
            return chart_capaian_indikator(labels, values)

        return self._chart(make, "grafik-capaian", "Capaian per indikator",
                           f"Capaian indikator kinerja tahun {self.tahun}")

    def grafik_serapan(self) -> tuple[Grafik, ...]:
        keys = self.budget.children(ROOT)
        labels = [self.budget.info[k].uraian for k in keys]
        values = [self.budget.hasil[k].serapan for k in keys]

        def make() -> bytes:
            return chart_serapan_program(labels, values)

        return self._chart(make, "grafik-serapan", "Serapan anggaran per program",
                           f"Serapan anggaran per program tahun {self.tahun}")


def build_lakip_context(opd: PerangkatDaerah, tahun: int, tanggal: date | None = None,
                        lampiran_reviu: bool = False) -> Dokumen:
    """The LAKIP of ``opd`` for ``tahun``; ``tanggal`` is the signature date (default: today).
    With ``lampiran_reviu`` the automatic reviu's open findings are annexed."""
    from django.utils import timezone

    builder = _Builder(opd, tahun, tanggal or timezone.localdate())
    builder.lampiran_reviu = lampiran_reviu
    return builder.build()


__all__ = ["build_lakip_context", "format_tanggal"]
