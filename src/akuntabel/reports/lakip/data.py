"""The data of the LKjIP: read once, then each indicator's figures as the web pages have
them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.urls import reverse

from akuntabel.budget.services import BudgetTree, build_budget_tree
from akuntabel.core.angka import format_angka
from akuntabel.core.capaian import tulis_rumus_capaian
from akuntabel.core.peringkat import Skala
from akuntabel.core.reviu.common import NAMA_TARGET
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, Target
from akuntabel.plans.services import indikator_of, renstra_for
from akuntabel.references.services import skala_for
from akuntabel.reports.document import Angka
from akuntabel.reports.lakip.values import persen, teks, ukuran
from akuntabel.reports.models import Narasi
from akuntabel.results.capaian import CapaianIndikator, TargetTahunan, compute_capaian_many
from akuntabel.results.models import KomponenPerhitungan, Perhitungan, Realisasi


class Data:
    """The report's data, read once: the indicators with the figures of the web pages
    (``compute_capaian_many``) for every year the report shows, the rows as entered, the IKU
    computations and the DPA; and each indicator's target, realisasi, capaian and peringkat
    as document figures with their formula and source."""

    def __init__(self, opd: PerangkatDaerah, tahun: int, tanggal: date):
        self.opd = opd
        self.tahun = tahun
        self.tanggal = tanggal
        self.tempat = opd.pemda.nama.removeprefix("Kota ").removeprefix("Kabupaten ")
        # Internal notes kept out of the body: (where, note) for the appendix of differences.
        self.perbedaan: list[tuple[str, str]] = []
        self._satuan_dicatat: set[tuple[str, int]] = set()
        self.renstra = renstra_for(opd, tahun)
        self.skala: Skala = skala_for(opd.pemda, date(tahun, 12, 31))
        self.url_opd = reverse("opd_detail", args=[opd.pk]) + f"?tahun={tahun}"
        self.src_dpa = ((f"DPA {tahun}", self.url_opd),)
        self.budget: BudgetTree = build_budget_tree(opd, tahun)
        self._load_indicators()
        self.stored = {n.kunci: n for n in Narasi.objects.filter(perangkat_daerah=opd,
                                                                 tahun=tahun)}

    def _load_indicators(self) -> None:
        opd = self.opd
        # The indicators of the Renstra version the year is measured against (``renstra_for``).
        self.indikator = list(Indikator.objects.filter(
            indikator_of(self.renstra), perangkat_daerah=opd).select_related(
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

    def catatan_satuan(self, inds: list[Indikator], tempat: str = "") -> str:
        """The indicators whose capaian was computed over differently written units go to the
        appendix of differences (an internal note, not the body's); returns ""."""
        for ind in inds:
            b = self.satuan_berbeda(ind, self.tahun)
            if b is not None and (tempat, ind.pk) not in self._satuan_dicatat:
                self._satuan_dicatat.add((tempat, ind.pk))
                self.perbedaan.append((tempat or "Capaian indikator", (
                    f"{ind.uraian or self.node_label(ind)}: satuan target “{b[0]}” dan "
                    f"realisasi “{b[1]}” tercetak berbeda; capaian dihitung atas angkanya.")))
        return ""

    def node_label(self, ind: Indikator) -> str:
        """The indicator's node as a reader names it: "1.06.04.2.01.0012 Pemberian …"."""
        node = ind.node
        nama = getattr(node, "nama", None)
        if nama is not None:
            return f"{node.kode} {nama}".strip()
        return str(getattr(node, "uraian", node))
