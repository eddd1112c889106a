"""The LKjIP of the pemda (the Wali Kota's or Bupati's report) as plain data (``Dokumen``),
in the PermenPAN-RB 53/2014 outline for a pemda: Kata Pengantar, Ikhtisar Eksekutif, Bab I
Pendahuluan, Bab II Perencanaan Kinerja (RPJMD, IKU of the Perkada, PK of the kepala daerah),
Bab III Akuntabilitas Kinerja (a section per sasaran daerah, the APBD per urusan and per OPD,
efficiency), Bab IV Penutup, Lampiran.

Every figure is computed, never typed: the IKU's realisasi by its own formula over the OPD
figures (``daerah.realisasi``, verified figures only: ``core.angka_opd``), each with its
formula and links down to the OPD entries; the APBD from the DPA (``budget.services``, the
dashboard's totals). The text of each chapter is drafted from those figures; where a figure is
missing or not verified the text says so and whose it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse

from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.budget.services import build_budget_totals
from akuntabel.core.anggaran import BarisAnggaran, HasilNode, rollup
from akuntabel.core.angka import format_angka, format_persen
from akuntabel.core.angka_opd import DASAR_VERIFIKASI, StatusAngka, bidang_urusan
from akuntabel.core.capaian import (
    compute_capaian_target,
    compute_perubahan,
    tulis_rumus_capaian,
)
from akuntabel.core.efisiensi import Varian, describe_efisiensi, jelaskan_efisiensi
from akuntabel.core.peringkat import Skala
from akuntabel.daerah.models import IkuDaerah, PkDaerah, TargetIku
from akuntabel.daerah.pk import pk_berlaku, pk_tahun
from akuntabel.daerah.realisasi import Masukan, RealisasiIku, realisasi_iku_many
from akuntabel.daerah.services import perkada_berlaku
from akuntabel.daerah.tujuan import (
    BarisTujuan,
    arah_perubahan,
    baca_tahun,
    rumus_perubahan,
)
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import Rpjmd, SasaranDaerah, TujuanDaerah
from akuntabel.references.models import KodeNomenklatur
from akuntabel.references.services import skala_for
from akuntabel.reports.document import Angka, Bagian, Dokumen, Penandatangan, Sel, Tabel
from akuntabel.reports.kop import kop_of
from akuntabel.reports.lakip.values import persen, rupiah, teks, ukuran
from akuntabel.reports.pk import tempat_tanggal

JENIS = "lkjip-pemda"
STATUS_TEKS = {StatusAngka.TERVERIFIKASI: "terverifikasi",
               StatusAngka.BELUM_DIVERIFIKASI: "belum diverifikasi",
               StatusAngka.TIDAK_ADA: "tidak ada angka"}
PENUNJANG = "Penunjang Urusan Pemerintahan Daerah"
ROOT = "apbd"


class NoRpjmd(LookupError):
    """The pemda has no RPJMD covering the year; the message is for the user."""


@dataclass(frozen=True)
class BarisIku:
    """One IKU of the pemda with its figures of the year, last year and the RPJMD's end."""

    iku: IkuDaerah
    kini: RealisasiIku
    lalu: RealisasiIku
    target_akhir: TargetIku | None
    peringkat: str | None


def rpjmd_of(pemda: Pemda, tahun: int) -> Rpjmd:
    rpjmd = (Rpjmd.objects.filter(pemda=pemda, tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
             .order_by("-tahun_awal").first())
    if rpjmd is None:
        raise NoRpjmd(f"{pemda.nama} belum memiliki RPJMD yang mencakup tahun {tahun}; LKjIP "
                      "Pemerintah Daerah disusun dari RPJMD dan IKU-nya.")
    return rpjmd


def _entri_url(m: Masukan, tahun: int, triwulan: int) -> str:
    if triwulan:   # to the indicator's row of the quarter's grid
        return (reverse("realisasi_grid", args=[m.opd.pk, tahun, triwulan])
                + f"#indikator-{m.indikator.pk}")
    return reverse("indikator_detail", args=[m.indikator.pk]) + f"?tahun={tahun}"


def _verifikasi(terverifikasi: bool) -> str:
    return "terverifikasi" if terverifikasi else "belum diverifikasi"


def sumber_iku(h: RealisasiIku) -> tuple[tuple[str, str], ...]:
    """Links from an IKU's realisasi down to each OPD indicator and each of its entries."""
    links = [(f"IKU {h.iku.kode or h.iku.uraian}", reverse("iku_detail", args=[h.iku.pk]))]
    for m in h.masukan:
        links.append((f"{m.nama} = {format_angka(m.nilai)}: {m.opd.nama}, {m.indikator.uraian} "
                      f"({STATUS_TEKS[m.status]})",
                      reverse("indikator_detail", args=[m.indikator.pk]) + f"?tahun={h.tahun}"))
        for e in m.entri:
            kapan = f"TW {e.romawi}" if e.triwulan else "tahunan"
            links.append((f"{m.opd.nama} {kapan}: {e.teks or '–'} "
                          f"({_verifikasi(e.terverifikasi)})",
                          _entri_url(m, h.tahun, e.triwulan)))
    return tuple(links)


def realisasi_angka(h: RealisasiIku) -> Angka:
    """The IKU's realisasi as printed, its formula filled in and its sources; "–" with the
    reason when it cannot be computed."""
    isian = ", ".join(f"{m.nama} = {format_angka(m.nilai)}" for m in h.masukan)
    rumus = f"{h.rumus or '–'}" + (f" dengan {isian}" if isian else "")
    if h.realisasi is None:
        return Angka(None, "angka", "–", f"{rumus}; {h.alasan}".strip("; "), sumber_iku(h))
    return ukuran(h.realisasi, h.iku.satuan, rumus, sumber_iku(h))


def target_angka(teks_target: str, nilai: Decimal | None, satuan: str) -> Angka:
    if nilai is None:
        return teks(teks_target)
    return ukuran(nilai, satuan)


def capaian_angka(h: RealisasiIku) -> Angka:
    rumus = tulis_rumus_capaian(h.target, h.realisasi, h.iku.polaritas, h.iku.metode_turun,
                                target_teks=h.target_teks)
    return persen(h.capaian, rumus)


def catatan_masukan(h: RealisasiIku, rinci: bool = True) -> str:
    """Which OPD figures are missing or not verified ("" when all count): per OPD and
    indicator (``rinci``), else the OPD names per status, for a table cell."""
    if not h.masukan:
        return "belum ada indikator Perangkat Daerah yang disetujui untuk mengukur IKU ini"
    if rinci:
        return "; ".join(f"{m.opd.nama} ({m.indikator.uraian}): {STATUS_TEKS[m.status]}"
                         for m in h.masukan if m.status != StatusAngka.TERVERIFIKASI)
    bagian = []
    for status in (StatusAngka.BELUM_DIVERIFIKASI, StatusAngka.TIDAK_ADA):
        nama = sorted({m.opd.nama for m in h.masukan if m.status == status})
        if nama:
            bagian.append(f"{STATUS_TEKS[status]}: {', '.join(nama)}")
    return "; ".join(bagian)


def apbd_per_bidang(pemda: Pemda, tahun: int) -> tuple[list[str], dict[str, HasilNode]]:
    """The APBD per bidang urusan: the DPA sub kegiatan of every agency grouped by the first
    two parts of their code (``core.angka_opd.bidang_urusan``), rolled up by ``core.anggaran``
    (a total has no amount when one of its parts lacks it). The bidang codes in order, and the
    roll-up keyed ``b<kode>`` with ``ROOT`` the whole APBD; one reading for Tabel 3.4 and for
    what a final's outdated check compares."""
    baris = [BarisAnggaran(ROOT, None, None, None)]
    bidang: dict[str, None] = {}
    for pk, kode, pagu, realisasi in (DpaSubKegiatan.objects.filter(
            dpa__perangkat_daerah__pemda=pemda, dpa__tahun=tahun)
            .values_list("pk", "sub_kegiatan__kode", "pagu", "realisasi")):
        b = bidang_urusan(kode or "") or "tanpa kode"
        bidang.setdefault(b, None)
        baris.append(BarisAnggaran(f"s{pk}", f"b{b}", pagu, realisasi))
    kode_list = sorted(bidang)
    baris[1:1] = [BarisAnggaran(f"b{b}", ROOT, None, None) for b in kode_list]
    return kode_list, rollup(baris)


class LkjipPemda:
    def __init__(self, pemda: Pemda, tahun: int, tanggal: date) -> None:
        self.pemda, self.tahun, self.tanggal = pemda, tahun, tanggal
        self.rpjmd = rpjmd_of(pemda, tahun)
        self.skala: Skala = skala_for(pemda, date(tahun, 12, 31))
        self.perkada = perkada_berlaku(pemda, tahun)
        self.iku = list(self.perkada.iku.select_related("sasaran_daerah")
                        .prefetch_related("target", "penanggung_jawab")) if self.perkada else []
        hasil = realisasi_iku_many(self.iku, [tahun - 1, tahun], hanya_terverifikasi=True)
        akhir = self.rpjmd.tahun_akhir
        self.baris = [BarisIku(i, hasil[i.pk, tahun], hasil[i.pk, tahun - 1],
                               next((t for t in i.target.all() if t.tahun == akhir), None),
                               self.skala.peringkat(hasil[i.pk, tahun].capaian))
                      for i in self.iku]
        self.tujuan = list(TujuanDaerah.objects.filter(rpjmd=self.rpjmd)
                           .order_by("urutan", "id"))
        self.tujuan_baris = baca_tahun(self.rpjmd, tahun)
        self.sasaran = list(SasaranDaerah.objects.filter(tujuan_daerah__rpjmd=self.rpjmd)
                            .select_related("tujuan_daerah").order_by(
                                "tujuan_daerah__urutan", "tujuan_daerah_id", "urutan", "id"))
        self.opd = list(PerangkatDaerah.objects.filter(pemda=pemda).order_by("nama"))
        self.anggaran = build_budget_totals(self.opd, tahun)
        pks = list(pk_tahun(pemda, tahun))
        self.pk: PkDaerah | None = pk_berlaku(pks)
        self._tabel_bab3 = 0
        self.metode = Varian(pemda.efisiensi_metode)
        self.ambang = pemda.efisiensi_ambang

    def nomor_tabel(self) -> str:
        """The next table number of Bab III ("Tabel 3.1", "Tabel 3.2", …), in the order the
        chapter is built, which is the order it prints."""
        self._tabel_bab3 += 1
        return f"Tabel 3.{self._tabel_bab3}"

    # -- figures ---------------------------------------------------------------------------
    def jumlah_peringkat(self) -> list[tuple[str, int]]:
        labels = [p.label for p in self.skala.pita]
        return [(label, sum(1 for b in self.baris if b.peringkat == label)) for label in labels]

    def total_apbd(self) -> HasilNode:
        rows = [BarisAnggaran(ROOT, None, None, None)]
        for o in self.opd:
            node = self.anggaran.get(o.pk)
            if node is not None:
                rows.append(BarisAnggaran(f"opd{o.pk}", ROOT, node.pagu.nilai,
                                          node.realisasi.nilai))
        return rollup(rows)[ROOT]

    def anggaran_opd(self, pks: list[int]) -> HasilNode | None:
        rows = [BarisAnggaran(ROOT, None, None, None)]
        for pk in pks:
            node = self.anggaran.get(pk)
            if node is not None:
                rows.append(BarisAnggaran(f"opd{pk}", ROOT, node.pagu.nilai,
                                          node.realisasi.nilai))
        return rollup(rows)[ROOT] if len(rows) > 1 else None

    # -- tables ----------------------------------------------------------------------------
    def tabel_capaian(self, kunci: str, judul: str, baris: list[BarisIku] | None = None
                      ) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        for n, b in enumerate(baris if baris is not None else self.baris, start=1):
            h = b.kini
            rows.append((str(n), b.iku.sasaran_daerah.uraian, b.iku.uraian,
                         target_angka(h.target_teks, h.target, b.iku.satuan),
                         realisasi_angka(h), capaian_angka(h), b.peringkat or "–",
                         catatan_masukan(h, rinci=False) or "semua terverifikasi"))
        return Tabel(kunci, judul, ("No", "Sasaran Daerah", "Indikator Kinerja Utama", "Target",
                                    "Realisasi", "Capaian", "Peringkat", "Angka Perangkat Daerah"),
                     tuple(rows), catatan=DASAR_VERIFIKASI)

    def tabel_tahun_lalu(self) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        for n, b in enumerate(self.baris, start=1):
            ubah = compute_perubahan(b.lalu.realisasi, b.kini.realisasi, b.iku.polaritas)
            arah = "–" if ubah.membaik is None else ("membaik" if ubah.membaik else
                                                      "tidak membaik")
            rumus = (f"({format_angka(b.kini.realisasi)} − {format_angka(b.lalu.realisasi)}) ÷ "
                     f"|{format_angka(b.lalu.realisasi)}| × 100" if ubah.persen is not None
                     else "")
            rows.append((str(n), b.iku.uraian, realisasi_angka(b.lalu), capaian_angka(b.lalu),
                         realisasi_angka(b.kini), capaian_angka(b.kini),
                         persen(ubah.persen, rumus), arah))
        return Tabel("tabel-3-2-tahun-lalu",
                     f"{self.nomor_tabel()} Perbandingan Realisasi IKU Tahun {self.tahun} "
                     f"dengan Tahun "
                     f"{self.tahun - 1}",
                     ("No", "Indikator Kinerja Utama", f"Realisasi {self.tahun - 1}",
                      f"Capaian {self.tahun - 1}", f"Realisasi {self.tahun}",
                      f"Capaian {self.tahun}", "Perubahan", "Arah"), tuple(rows),
                     catatan="Perubahan = (realisasi tahun ini − realisasi tahun lalu) ÷ "
                             "|realisasi tahun lalu| × 100; arahnya dibaca menurut polaritas IKU.")

    def tabel_rpjmd(self) -> Tabel:
        akhir = self.rpjmd.tahun_akhir
        rows: list[tuple[Sel, ...]] = []
        for n, b in enumerate(self.baris, start=1):
            t = b.target_akhir
            nilai = t.nilai if t else None
            capaian = None
            rumus = ""
            if nilai is not None and b.kini.realisasi is not None:
                capaian = compute_capaian_target(nilai, b.kini.realisasi, b.iku.polaritas,
                                                 b.iku.metode_turun, target_teks=t.teks if t
                                                 else "")
                rumus = tulis_rumus_capaian(nilai, b.kini.realisasi, b.iku.polaritas,
                                            b.iku.metode_turun, target_teks=t.teks if t else "")
            rows.append((str(n), b.iku.uraian,
                         target_angka(t.teks if t else "", nilai, b.iku.satuan),
                         realisasi_angka(b.kini), persen(capaian, rumus)))
        return Tabel("tabel-3-3-rpjmd",
                     f"{self.nomor_tabel()} Realisasi IKU Tahun {self.tahun} dibandingkan "
                     f"dengan Target "
                     f"Akhir RPJMD ({akhir})",
                     ("No", "Indikator Kinerja Utama", f"Target Akhir RPJMD {akhir}",
                      f"Realisasi {self.tahun}", "Capaian terhadap Target Akhir"), tuple(rows))

    def tabel_tujuan_capaian(self, t: TujuanDaerah, n: int) -> Tabel:
        """The indicators of one tujuan daerah: target, realisasi (as Bappeda entered it from
        its source, linked to the entry) and capaian of the year, last year's realisasi and
        the change, the RPJMD end target and the capaian against it."""
        akhir, tahun = self.rpjmd.tahun_akhir, self.tahun
        rows: list[tuple[Sel, ...]] = []
        for k, b in enumerate(self.tujuan_baris.get(t.pk, []), start=1):
            i = b.indikator
            rows.append((str(k), f"{i.kode} {i.uraian}".strip(),
                         target_angka(b.target.teks if b.target else "",
                                      b.target.nilai if b.target else None, i.satuan),
                         _realisasi_tujuan(b, b.realisasi, tahun),
                         persen(b.capaian, b.rumus), _realisasi_tujuan(b, b.lalu, tahun - 1),
                         _perubahan_tujuan(b),
                         target_angka(i.kondisi_akhir_teks, i.kondisi_akhir, i.satuan),
                         persen(b.capaian_akhir, b.rumus_akhir),
                         b.kurang or (b.realisasi.sumber if b.realisasi else "")))
        return Tabel(f"tabel-tujuan-{t.pk}",
                     f"{self.nomor_tabel()} Capaian Indikator Tujuan "
                     f"{t.kode or n} Tahun {tahun}",
                     ("No", "Indikator Tujuan", f"Target {tahun}", f"Realisasi {tahun}",
                      "Capaian", f"Realisasi {tahun - 1}", "Perubahan",
                      f"Target Akhir RPJMD {akhir}", "Capaian terhadap Target Akhir",
                      "Sumber data / keterangan"), tuple(rows),
                     catatan="Realisasi indikator tujuan diisi Bappeda dari sumbernya (BPS dan "
                             "lainnya), bukan dari angka Perangkat Daerah. Capaian = realisasi ÷ "
                             "target × 100 (semakin rendah semakin baik: (2 × target − "
                             "realisasi) ÷ target × 100, PermenPAN-RB 6/2022).")

    def bab_tujuan(self) -> Bagian:
        """Bab III 3.2: per tujuan daerah, its indicators and their figures of the year."""
        para: list[str] = []
        tabel = []
        for n, t in enumerate(self.tujuan, start=1):
            baris = self.tujuan_baris.get(t.pk, [])
            if not baris:
                para.append(f"Tujuan “{t.uraian}” belum memiliki indikator dalam RPJMD.")
                continue
            para.append(f"Tujuan “{t.uraian}” diukur dengan {len(baris)} indikator: "
                        + "; ".join(self.kalimat_tujuan(b) for b in baris) + ".")
            tabel.append(self.tabel_tujuan_capaian(t, n))
        if not self.tujuan:
            para.append("RPJMD belum memuat tujuan daerah.")
        return Bagian("capaian_tujuan", "3.2", "Capaian Tujuan Daerah", 1, tuple(para),
                      tuple(tabel))

    def kalimat_tujuan(self, b: BarisTujuan) -> str:
        i = b.indikator
        if b.realisasi is None:
            return f"{i.uraian} belum dapat diukur ({b.kurang})"
        teks_ = (f"{i.uraian} terealisasi {ukuran(b.realisasi.nilai, i.satuan).teks} "
                 f"(sumber: {b.realisasi.sumber})")
        if b.capaian is not None:
            teks_ += f", capaian {format_persen(b.capaian)} dari target"
        else:
            teks_ += f", {b.kurang}"
        if b.capaian_akhir is not None:
            teks_ += (f", {format_persen(b.capaian_akhir)} terhadap target akhir RPJMD "
                      f"{self.rpjmd.tahun_akhir}")
        return teks_

    def tabel_masukan(self, b: BarisIku, nomor: str) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        for m in b.kini.masukan:
            entri = "; ".join(f"{'TW ' + e.romawi if e.triwulan else 'tahunan'} "
                              f"{e.teks or '–'} ({_verifikasi(e.terverifikasi)})"
                              for e in m.entri) or "tidak ada entri"
            link = ((m.indikator.uraian, reverse("indikator_detail", args=[m.indikator.pk])
                     + f"?tahun={self.tahun}"),)
            rows.append((m.opd.nama, m.indikator.uraian, m.nama,
                         Angka(m.nilai, "angka", format_angka(m.nilai), m.sumber, link),
                         STATUS_TEKS[m.status], entri))
        return Tabel(f"tabel-{nomor.replace('.', '-')}-iku-{b.iku.pk}",
                     f"{self.nomor_tabel()} Perhitungan IKU "
                     f"{f'{b.iku.kode} ' if b.iku.kode else ''}{b.iku.uraian}",
                     ("Perangkat Daerah", "Indikator", "Nama dalam rumus", "Angka tahun "
                      f"{self.tahun}", "Status", "Entri"), tuple(rows),
                     catatan=f"Rumus: {b.kini.rumus or '–'}. {DASAR_VERIFIKASI}")

    def tabel_urusan(self) -> Tabel:
        kode_list, hasil = apbd_per_bidang(self.pemda, self.tahun)
        nama = dict(KodeNomenklatur.objects.filter(
            tingkat=KodeNomenklatur.Tingkat.BIDANG, kode__in=kode_list)
            .order_by("edisi__berlaku_mulai").values_list("kode", "nama"))  # newest wins
        out: list[tuple[Sel, ...]] = []
        for n, b in enumerate(kode_list, start=1):
            node = hasil[f"b{b}"]
            label = PENUNJANG if b == "X.XX" else nama.get(b, "")
            out.append((str(n), b, label or "–", *self._uang(node, f"Σ DPA bidang {b}")))
        total = hasil[ROOT]
        out.append(("", "", "Jumlah", *self._uang(total, "Σ seluruh bidang urusan")))
        return Tabel("tabel-3-4-urusan",
                     f"{self.nomor_tabel()} Realisasi APBD Tahun {self.tahun} per Bidang Urusan",
                     ("No", "Kode", "Bidang Urusan", "Pagu", "Realisasi", "Serapan"),
                     tuple(out), tebal=tuple([False] * (len(out) - 1) + [True]),
                     catatan="Bidang urusan: dua bagian pertama kode sub kegiatan "
                             "(Kepmendagri 050-5889/2021); X.XX = penunjang urusan.")

    def _uang(self, node: HasilNode | None, label: str,
              sumber: tuple[tuple[str, str], ...] = ()) -> tuple[Angka, Angka, Angka]:
        if node is None:
            return rupiah(None), rupiah(None), persen(None)
        pagu, real = node.pagu.nilai, node.realisasi.nilai
        rumus = (f"{format_angka(real, 0)} ÷ {format_angka(pagu, 0)} × 100"
                 if pagu is not None and real is not None else "")
        return (rupiah(pagu, label, sumber), rupiah(real, label, sumber),
                persen(node.serapan, rumus, sumber))

    def tabel_opd(self) -> Tabel:
        out: list[tuple[Sel, ...]] = []
        n = 0
        for o in self.opd:
            node = self.anggaran.get(o.pk)
            if node is None:
                continue
            n += 1
            link = ((f"Anggaran {o.nama}", reverse("opd_detail", args=[o.pk])
                     + f"?tahun={self.tahun}"),)
            out.append((str(n), o.nama, *self._uang(node, "Σ sub kegiatan DPA", link)))
        out.append(("", "Jumlah", *self._uang(self.total_apbd(), "Σ seluruh Perangkat Daerah")))
        return Tabel("tabel-3-5-opd",
                     f"{self.nomor_tabel()} Realisasi APBD Tahun {self.tahun} per Perangkat "
                     "Daerah",
                     ("No", "Perangkat Daerah", "Pagu", "Realisasi", "Serapan"), tuple(out),
                     tebal=tuple([False] * (len(out) - 1) + [True]),
                     catatan="Pagu dan realisasi: jumlah sub kegiatan DPA tiap Perangkat Daerah "
                             "(sama dengan dasbor Pemerintah Daerah).")

    def tabel_efisiensi(self) -> Tabel:
        out: list[tuple[Sel, ...]] = []
        for n, b in enumerate(self.baris, start=1):
            node = self.anggaran_opd([o.pk for o in b.iku.penanggung_jawab.all()])
            serapan = node.serapan if node else None
            p = jelaskan_efisiensi(b.kini.capaian, serapan, self.metode, self.ambang)
            nilai = p.efisiensi.nilai
            out.append((str(n), b.iku.uraian,
                        ", ".join(o.nama for o in b.iku.penanggung_jawab.all()) or "–",
                        capaian_angka(b.kini), persen(serapan),
                        Angka(nilai, "angka", format_angka(nilai, 2),
                              p.alasan if nilai is not None else ""),
                        p.kesimpulan, p.alasan[0].upper() + p.alasan[1:] + "."))
        return Tabel("tabel-3-6-efisiensi",
                     f"{self.nomor_tabel()} Efisiensi Penggunaan Anggaran per IKU Tahun "
                     f"{self.tahun}",
                     ("No", "Indikator Kinerja Utama", "Perangkat Daerah penanggung jawab",
                      "Capaian", "Serapan",
                      "Selisih (poin)" if self.metode == Varian.SELISIH else "Rasio",
                      "Kesimpulan", "Penjelasan"), tuple(out),
                     catatan=self.dasar_efisiensi())

    def dasar_efisiensi(self) -> str:
        """The method the pemda chose (its document settings) and the basis of the serapan."""
        return (describe_efisiensi(self.metode, self.ambang) + " Serapan: anggaran seluruh "
                "Perangkat Daerah penanggung jawab IKU. Metode dipilih oleh pemerintah daerah.")

    def tabel_pk(self, judul: str) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        if self.pk is not None:
            for n, r in enumerate(self.pk.baris.all(), start=1):
                rows.append((str(n), r.uraian_sasaran, r.uraian_iku, teks(r.target_teks),
                             r.satuan))
        catatan = ("Perjanjian Kinerja Kepala Daerah yang berlaku (ditandatangani)." if self.pk
                   else f"Belum ada Perjanjian Kinerja Kepala Daerah tahun {self.tahun} yang "
                        "ditandatangani.")
        return Tabel("lampiran-1-pk", judul, ("No", "Sasaran Daerah", "Indikator Kinerja Utama",
                                              "Target", "Satuan"), tuple(rows), catatan=catatan)

    def tabel_iku(self, kunci: str, judul: str) -> Tabel:
        """The IKU with their targets of the year and of the RPJMD's end (Bab II)."""
        akhir = self.rpjmd.tahun_akhir
        rows: list[tuple[Sel, ...]] = []
        for n, b in enumerate(self.baris, start=1):
            i = b.iku
            rows.append((str(n), i.sasaran_daerah.uraian, f"{i.kode} {i.uraian}".strip(),
                         i.satuan, target_angka(b.kini.target_teks, b.kini.target, i.satuan),
                         target_angka(b.target_akhir.teks if b.target_akhir else "",
                                      b.target_akhir.nilai if b.target_akhir else None,
                                      i.satuan),
                         ", ".join(o.nama for o in i.penanggung_jawab.all()) or "–"))
        return Tabel(kunci, judul, ("No", "Sasaran Daerah", "Indikator Kinerja Utama", "Satuan",
                                    f"Target {self.tahun}", f"Target {akhir}",
                                    "Perangkat Daerah penanggung jawab"),
                     tuple(rows), catatan=f"Dasar: {self.dasar_perkada()}.")

    def dasar_perkada(self) -> str:
        return (f"Perkada {self.perkada.nomor} tentang {self.perkada.tentang}"
                if self.perkada else "belum ada Perkada IKU yang berlaku")

    def tabel_iku_rumus(self, kunci: str, judul: str) -> Tabel:
        """The IKU with their formula, the responsible OPD and the data source (annex)."""
        rows: list[tuple[Sel, ...]] = []
        for n, b in enumerate(self.baris, start=1):
            i = b.iku
            rumus = i.rumus or (b.kini.rumus and f"{b.kini.rumus} (bawaan)") or "–"
            tautan = ", ".join(f"{m.nama} = {m.indikator.uraian} ({m.opd.nama})"
                               for m in b.kini.masukan) or "–"
            rows.append((str(n), f"{i.kode} {i.uraian}".strip(), i.satuan, rumus, tautan,
                         ", ".join(o.nama for o in i.penanggung_jawab.all()) or "–",
                         i.sumber_data or "–"))
        return Tabel(kunci, judul, ("No", "Indikator Kinerja Utama", "Satuan", "Rumus",
                                    "Indikator Perangkat Daerah dalam rumus",
                                    "Perangkat Daerah penanggung jawab", "Sumber data"),
                     tuple(rows), catatan=f"Dasar: {self.dasar_perkada()}.")

    # -- text drafted from the figures -----------------------------------------------------
    def kalimat_iku(self, b: BarisIku) -> str:
        """One paragraph on an IKU: target, realisasi, capaian, last year, RPJMD end target;
        the missing or unverified OPD figures named."""
        h, i = b.kini, b.iku
        target = target_angka(h.target_teks, h.target, i.satuan).teks
        if h.realisasi is None:
            kurang = catatan_masukan(h)
            return (f"IKU “{i.uraian}” dengan target {target} belum dapat diukur untuk tahun "
                    f"{self.tahun}: {kurang or h.alasan}.")
        teks_ = (f"IKU “{i.uraian}” dengan target {target} terealisasi "
                 f"{realisasi_angka(h).teks}, capaian {format_persen(h.capaian)}"
                 f"{f' ({b.peringkat})' if b.peringkat else ''}.")
        if b.lalu.realisasi is not None:
            ubah = compute_perubahan(b.lalu.realisasi, h.realisasi, i.polaritas)
            arah = ("membaik" if ubah.membaik else "tidak membaik") if ubah.membaik is not None \
                else "berubah"
            teks_ += (f" Dibandingkan tahun {self.tahun - 1} ({realisasi_angka(b.lalu).teks}) "
                      f"kinerja {arah}.")
        else:
            teks_ += f" Realisasi tahun {self.tahun - 1} belum dapat dihitung dari data."
        t = b.target_akhir
        if t is not None and t.nilai is not None:
            c = compute_capaian_target(t.nilai, h.realisasi, i.polaritas, i.metode_turun,
                                       target_teks=t.teks)
            teks_ += (f" Terhadap target akhir RPJMD tahun {self.rpjmd.tahun_akhir} "
                      f"({target_angka(t.teks, t.nilai, i.satuan).teks}) capaiannya "
                      f"{format_persen(c)}.")
        return teks_

    def nama_perkada(self) -> str:
        return f"Perkada {self.perkada.nomor}" if self.perkada else "Perkada IKU"

    def ikhtisar(self) -> tuple[str, ...]:
        n = len(self.baris)
        terukur = sum(1 for b in self.baris if b.kini.realisasi is not None)
        pita = ", ".join(f"{label} {jumlah}" for label, jumlah in self.jumlah_peringkat()
                         if jumlah)
        total = self.total_apbd()
        pk = ("diperjanjikan dalam Perjanjian Kinerja Kepala Daerah" if self.pk else
              "belum diperjanjikan dalam Perjanjian Kinerja Kepala Daerah yang ditandatangani")
        if n:
            p = [f"Laporan Kinerja Instansi Pemerintah {self.pemda.nama} Tahun {self.tahun} "
                 f"menyajikan capaian {n} Indikator Kinerja Utama (IKU) Pemerintah Daerah "
                 f"sebagaimana ditetapkan dalam {self.nama_perkada()}; IKU tersebut {pk}."]
        else:
            sebab = (f"{self.nama_perkada()} tidak memuat IKU" if self.perkada
                     else "belum ada Perkada IKU")
            p = [f"Belum ada IKU Pemerintah Daerah yang berlaku pada tahun {self.tahun} "
                 f"({sebab}); capaian kinerja Pemerintah Daerah belum dapat diukur."]
        if n:
            p.append(f"Dari {n} IKU, {terukur} dapat diukur dari angka Perangkat Daerah yang "
                     f"telah diverifikasi" + (f"; peringkat capaiannya: {pita}." if pita
                                               else "."))
        belum = [b for b in self.baris if b.kini.realisasi is None]
        if belum:
            p.append("IKU yang belum dapat diukur: " + "; ".join(
                f"{b.iku.uraian} ({catatan_masukan(b.kini) or b.kini.alasan})" for b in belum)
                + ".")
        p += self.ikhtisar_tujuan()
        p.append(f"Realisasi APBD Tahun {self.tahun} sebesar "
                 f"{rupiah(total.realisasi.nilai).teks} dari pagu {rupiah(total.pagu.nilai).teks}"
                 f" (serapan {format_persen(total.serapan)}).")
        return tuple(p)

    def ikhtisar_tujuan(self) -> list[str]:
        """One sentence on the indicators of the tujuan daerah: how many have the year's
        realisasi, their capaian by the pemda's rating scale, and those still missing."""
        baris = [b for t in self.tujuan for b in self.tujuan_baris.get(t.pk, [])]
        if not baris:
            return []
        ada = [b for b in baris if b.realisasi is not None]
        teks_ = (f"Dari {len(baris)} indikator tujuan daerah RPJMD, {len(ada)} telah diisi "
                 f"realisasi tahun {self.tahun} oleh Bappeda dari sumbernya")
        peringkat = [self.skala.peringkat(b.capaian) for b in ada]
        pita = ", ".join(f"{p.label} {n}" for p in self.skala.pita
                         if (n := peringkat.count(p.label)))
        teks_ += f"; peringkat capaiannya: {pita}." if pita else "."
        belum = [b.indikator.uraian for b in baris if b.realisasi is None]
        if belum:
            teks_ += f" Belum ada realisasi: {', '.join(belum)}."
        return [teks_]

    def isu(self) -> tuple[str, ...]:
        rendah = [b for b in self.baris if b.kini.capaian is not None and b.peringkat
                  in {p.label for p in self.skala.pita[-2:]}]
        p = ["Isu strategis daerah dirumuskan dalam RPJMD; di bawah ini isu kinerja tahun "
             f"{self.tahun} yang tampak dari angka IKU."]
        p += [f"- {b.iku.uraian}: capaian {format_persen(b.kini.capaian)} ({b.peringkat})."
              for b in rendah]
        p += [f"- {b.iku.uraian}: belum dapat diukur ({catatan_masukan(b.kini) or b.kini.alasan})."
              for b in self.baris if b.kini.realisasi is None]
        if not self.baris:
            p.append("- Belum ada IKU Pemerintah Daerah yang dapat dinilai.")
        elif len(p) == 1:
            p.append("- Tidak ada IKU dengan capaian rendah atau yang belum dapat diukur.")
        return tuple(p)

    def tabel_opd_daftar(self) -> Tabel:
        rows = tuple((str(n), o.nama, ", ".join(map(str, o.bidang_urusan)) or "–")
                     for n, o in enumerate(self.opd, start=1))
        return Tabel("tabel-1-1-opd", "Tabel 1.1 Perangkat Daerah",
                     ("No", "Perangkat Daerah", "Bidang urusan"), rows)

    def tabel_tujuan(self) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        for s in self.sasaran:
            rows.append((s.tujuan_daerah.uraian, f"{s.kode} {s.uraian}".strip(),
                         str(sum(1 for b in self.baris if b.iku.sasaran_daerah_id == s.pk))))
        return Tabel("tabel-2-1-tujuan-sasaran", "Tabel 2.1 Tujuan dan Sasaran Daerah",
                     ("Tujuan Daerah", "Sasaran Daerah", "Jumlah IKU"), tuple(rows))

    def bab_sasaran(self) -> list[Bagian]:
        out = []
        for n, s in enumerate(self.sasaran, start=1):
            baris = [b for b in self.baris if b.iku.sasaran_daerah_id == s.pk]
            nomor = f"3.3.{n}"
            if not baris:
                para: tuple[str, ...] = ("Sasaran ini belum diukur dengan IKU dalam "
                                         f"{self.nama_perkada()}.",)
            else:
                para = (f"Sasaran “{s.uraian}” diukur dengan {len(baris)} IKU.",
                        *(self.kalimat_iku(b) for b in baris))
            tabel = (self.tabel_capaian(f"tabel-{nomor.replace('.', '-')}",
                                        f"{self.nomor_tabel()} Capaian IKU Sasaran {s.kode or n}",
                                        baris),
                     *(self.tabel_masukan(b, f"{nomor}.{chr(ord('b') + k)}")
                       for k, b in enumerate(baris))) if baris else ()
            out.append(Bagian(f"sasaran-{s.pk}", nomor, f"Sasaran {s.kode} {s.uraian}".replace(
                "  ", " "), 2, para, tabel))
        return out

    def build(self) -> Dokumen:
        pemda, tahun = self.pemda, self.tahun
        kepala = Penandatangan(jabatan=pemda.kepala_daerah_jabatan, nama=pemda.kepala_daerah_nama,
                               pangkat="", nip=pemda.kepala_daerah_nip,
                               tempat_tanggal=tempat_tanggal(pemda, tahun, self.tanggal))
        total = self.total_apbd()
        misi = [f"- Misi {m.nomor}: {m.uraian}" for m in self.rpjmd.misi.order_by("nomor")]
        perkada = (f"Perkada {self.perkada.nomor} tentang {self.perkada.tentang}"
                   if self.perkada else None)
        perubahan = (" (perubahan)" if self.pk and self.pk.jenis == PkDaerah.Jenis.PERUBAHAN
                     else "")
        bagian = [
            Bagian("kata_pengantar", "", "Kata Pengantar", 0, (
                f"Laporan Kinerja Instansi Pemerintah (LKjIP) {pemda.nama} Tahun {tahun} "
                "disusun sebagai wujud pertanggungjawaban pelaksanaan tugas pemerintahan "
                "daerah sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
                "Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan Menteri PANRB Nomor 53 "
                "Tahun 2014.",
                "Laporan ini menyajikan capaian Indikator Kinerja Utama Pemerintah Daerah, yang "
                "seluruh angkanya dihitung dari data Perangkat Daerah yang telah diverifikasi.",
            ), tanda_tangan=True),
            Bagian("ikhtisar_eksekutif", "", "Ikhtisar Eksekutif", 0, self.ikhtisar(),
                   (self.tabel_capaian("tabel-ikhtisar", f"Ringkasan Capaian IKU Pemerintah "
                                                          f"Daerah Tahun {tahun}"),)),
            Bagian("bab1", "BAB I", "Pendahuluan", 0),
            Bagian("latar_belakang", "1.1", "Latar Belakang", 1, (
                "Peraturan Presiden Nomor 29 Tahun 2014 mewajibkan setiap instansi pemerintah "
                "menyusun laporan kinerja tahunan. Peraturan Menteri PANRB Nomor 53 Tahun 2014 "
                "menetapkan bentuk dan isinya: capaian kinerja dibandingkan dengan Perjanjian "
                "Kinerja, dengan tahun sebelumnya dan dengan target jangka menengah.",)),
            Bagian("gambaran_umum", "1.2", "Gambaran Umum Pemerintah Daerah", 1, (
                f"{pemda.nama} dipimpin oleh {pemda.kepala_daerah_jabatan}"
                f"{f' {pemda.kepala_daerah_nama}' if pemda.kepala_daerah_nama else ''}. "
                f"Penyelenggaraan urusan pemerintahan dilaksanakan oleh {len(self.opd)} "
                "Perangkat Daerah.",), (self.tabel_opd_daftar(),)),
            Bagian("isu_strategis", "1.3", "Isu Strategis", 1, self.isu()),
            Bagian("bab2", "BAB II", "Perencanaan Kinerja", 0),
            Bagian("rpjmd", "2.1", f"RPJMD {self.rpjmd.tahun_awal}–{self.rpjmd.tahun_akhir}", 1,
                   (f"Visi: {self.rpjmd.visi}",
                    *(["Misi:", *misi] if misi else []),
                    *([f"Dasar hukum: {self.rpjmd.dasar_hukum}."] if self.rpjmd.dasar_hukum
                      else [])), (self.tabel_tujuan(),)),
            Bagian("iku", "2.2", "Indikator Kinerja Utama Pemerintah Daerah", 1, (
                f"IKU Pemerintah Daerah ditetapkan dengan {perkada}." if perkada else
                f"Belum ada Perkada IKU yang berlaku pada tahun {tahun}.",),
                (self.tabel_iku("tabel-2-2-iku", f"Tabel 2.2 IKU Pemerintah Daerah Tahun "
                                                 f"{tahun}"),)),
            Bagian("perjanjian_kinerja", "2.3", "Perjanjian Kinerja Kepala Daerah", 1, (
                (f"Perjanjian Kinerja {pemda.kepala_daerah_jabatan} Tahun {tahun}{perubahan} "
                 "memuat target IKU berikut.") if self.pk else
                f"Belum ada Perjanjian Kinerja Kepala Daerah Tahun {tahun} yang ditandatangani; "
                "target yang dipakai adalah target IKU dalam Perkada.",),
                (self.tabel_pk(f"Tabel 2.3 Perjanjian Kinerja Kepala Daerah Tahun {tahun}"),)),
            Bagian("bab3", "BAB III", "Akuntabilitas Kinerja", 0),
            Bagian("capaian", "3.1", "Capaian Kinerja Pemerintah Daerah", 1, (
                f"Capaian IKU diukur dari angka Perangkat Daerah menurut rumus tiap IKU, bukan "
                f"rata-rata capaian Perangkat Daerah. {DASAR_VERIFIKASI}",),
                (self.tabel_capaian("tabel-3-1-capaian", f"{self.nomor_tabel()} Capaian IKU "
                                                         "Pemerintah "
                                                         f"Daerah Tahun {tahun}"),
                 self.tabel_tahun_lalu(), self.tabel_rpjmd())),
            self.bab_tujuan(),
            Bagian("per_sasaran", "3.3", "Analisis Capaian per Sasaran Daerah", 1),
            *self.bab_sasaran(),
            Bagian("realisasi_anggaran", "3.4", "Realisasi Anggaran", 1, (
                f"Pagu APBD (belanja Perangkat Daerah) Tahun {tahun} "
                f"{rupiah(total.pagu.nilai).teks}, terealisasi {rupiah(total.realisasi.nilai).teks}"
                f" (serapan {format_persen(total.serapan)}).",),
                (self.tabel_urusan(), self.tabel_opd())),
            Bagian("efisiensi", "3.5", "Efisiensi Penggunaan Sumber Daya", 1,
                   (self.dasar_efisiensi(),), (self.tabel_efisiensi(),)),
            Bagian("penutup", "BAB IV", "Penutup", 0, (
                *self.ikhtisar()[1:],
                "Capaian dan kendala tersebut menjadi bahan perbaikan perencanaan dan "
                "pelaksanaan program tahun berikutnya.",), tanda_tangan=True),
            Bagian("lampiran", "", "Lampiran", 0, (), (
                self.tabel_pk(f"Lampiran 1. Perjanjian Kinerja Kepala Daerah Tahun {tahun}"),
                self.tabel_iku_rumus("lampiran-2-iku", "Lampiran 2. Indikator Kinerja Utama "
                                                       "Pemerintah Daerah"))),
        ]
        ringkasan = {"apbd_pagu": rupiah(total.pagu.nilai), "apbd_realisasi":
                     rupiah(total.realisasi.nilai), "apbd_serapan": persen(total.serapan)}
        return Dokumen(
            jenis=JENIS, judul="Laporan Kinerja Instansi Pemerintah (LKjIP)",
            # The report is the kepala daerah's: the cover names him under the pemda.
            subjudul=f"{pemda.nama} Tahun {tahun}", instansi=pemda.kepala_daerah_jabatan,
            pemda=f"Pemerintah {pemda.nama}", tahun=tahun, penandatangan=kepala,
            bagian=tuple(bagian), ringkasan=ringkasan, kop=kop_of(pemda))


def _perubahan_tujuan(b: BarisTujuan) -> Angka:
    """The change from last year with its direction by the polarity: "−2,98% (membaik)"."""
    angka = persen(b.perubahan_persen, rumus_perubahan(b))
    arah = arah_perubahan(b)
    return replace(angka, teks=f"{angka.teks} ({arah})") if arah else angka


def _realisasi_tujuan(b: BarisTujuan, r: Any, tahun: int) -> Angka:
    """A realisasi of a tujuan indicator as printed, linked to its entry; "–" with the reason
    when Bappeda has not entered it (never 0)."""
    i = b.indikator
    link = ((f"Realisasi {i.uraian} {tahun}",
             reverse("tujuan_realisasi", args=[i.pk, tahun])),)
    if r is None:
        return Angka(None, "angka", "–", f"realisasi {tahun} belum diisi", link)
    return ukuran(r.nilai, i.satuan, f"{r.teks} (sumber: {r.sumber})", link)


def build_lkjip_pemda(pemda: Pemda, tahun: int, tanggal: date | None = None) -> Dokumen:
    """The LKjIP of ``pemda`` for ``tahun``; ``tanggal`` is the signature date (default:
    today). Raises NoRpjmd when no RPJMD covers the year."""
    from django.utils import timezone

    return LkjipPemda(pemda, tahun, tanggal or timezone.localdate()).build()


def filename(pemda: Pemda, tahun: int, fmt: str) -> str:
    return f"LKjIP-{pemda.kode}-{tahun}.{fmt}"
