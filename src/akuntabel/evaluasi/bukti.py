"""The evidence Akuntabel holds for an evaluation, linked per criterion of its LKE.

For the evaluated unit (an OPD, or the pemda for its own self-assessment) and year, each kind of
evidence (``core.lke.JENIS_BUKTI``: the Renstra and its formal basis, the signed PK, the IKU
with their definitions and SMART checks, the quarters verified, the capaian, the LKjIP final,
published and on time, the reviu's findings, last year's recommendations) is read once, with a
label, a link into the web app, its facts, and how much of it is there (``terpenuhi`` of
``jumlah``, and for how many consecutive earlier years it was fully met). The template's
evidence map (``TemplateLke.aturan["bukti"]``) says which kinds a criterion shows and which one
suggests its grade (``core.lke.saran_nilai``); the consistency rules of the template
(``core.lke.periksa_konsistensi``) give the warnings on the unit's answers and on the
evaluator's grades. Nothing here sets a grade: the evaluator decides.

The worksheet calls :func:`bukti_evaluasi`; facts and reasons are Indonesian, the language of
the evaluation the evaluator defends to KemenPAN-RB.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache as django_cache
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from akuntabel.audit.models import Perubahan
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.angka import format_angka
from akuntabel.core.jadwal import Dokumen
from akuntabel.core.lke import (
    JENIS_BUKTI,
    PeringatanKonsistensi,
    SubLke,
    aturan_dari_data,
    di_atas_saran,
    periksa_konsistensi,
    peta_bukti_dari_data,
    pita_saran_dari_data,
    saran_nilai,
)
from akuntabel.core.smart import IndikatorSmart, periksa_smart
from akuntabel.evaluasi.models import Evaluasi, KriteriaLke, TemplateLke
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, PerjanjianKinerja, Renstra, Rpjmd, Target
from akuntabel.plans.services import indikator_of, renstra_in_force
from akuntabel.reporting.jadwal import batas_pemda
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.models import LaporanFinal, Narasi
from akuntabel.reports.tembolok import UMUR_DETIK, versi_kode
from akuntabel.results.capaian import compute_capaian_many
from akuntabel.revisi.services import revisi_opd, sudah_naik

Rencana = Renstra | Rpjmd
TAHUN_KE_BELAKANG = 5
"""How far back "sustained" is counted: the most the suggestion bands ask (AA: 5 years)."""
PALING_BANYAK_RINCIAN = 10
"""The most detail lines (an IKU failing a check, an indicator below target) an item lists."""


@dataclass(frozen=True)
class ItemBukti:
    """One piece of evidence: what it is, where to see it, its facts, and how much of what the
    criterion asks it shows (``terpenuhi`` of ``jumlah`` things, ``satuan`` naming them)."""

    jenis: str
    label: str
    url: str | None
    fakta: tuple[str, ...]
    terpenuhi: int
    jumlah: int
    satuan: str = ""
    tahun_sebelumnya: int = 0


@dataclass(frozen=True)
class Saran:
    """A suggested grade (a code of the template's scale) and why."""

    nilai: str
    alasan: str


@dataclass(frozen=True)
class BuktiKriteria:
    """What the worksheet shows on one criterion: the evidence, the suggestion, and the
    consistency warnings on the unit's answers and on the evaluator's grades (their messages;
    ``kode_peringatan`` the template's rule codes behind them)."""

    bukti: tuple[ItemBukti, ...] = ()
    saran: Saran | None = None
    peringatan_usulan: tuple[str, ...] = ()
    peringatan_penetapan: tuple[str, ...] = ()
    kode_peringatan: tuple[str, ...] = ()


def _tanggal(d: date) -> str:
    return date_format(d, "j F Y")


def _berturut(tahun: int, terpenuhi: Callable[[int], bool]) -> int:
    """Consecutive years before ``tahun`` in which ``terpenuhi`` holds (at most 5)."""
    n = 0
    while n < TAHUN_KE_BELAKANG and terpenuhi(tahun - n - 1):
        n += 1
    return n


class _Unit:
    """The evidence of one unit and year, each kind read when first asked for."""

    def __init__(self, evaluasi: Evaluasi) -> None:
        self.evaluasi = evaluasi
        self.pemda = evaluasi.pemda
        self.opd: PerangkatDaerah | None = evaluasi.perangkat_daerah
        self.tahun = evaluasi.tahun
        self.opds = ([self.opd] if self.opd is not None
                     else list(PerangkatDaerah.objects.filter(pemda=self.pemda)))
        self._cache: dict[str, ItemBukti | None] = {}
        self._iku: list[tuple[Indikator, list[str]]] | None = None

    def item(self, jenis: str) -> ItemBukti | None:
        if jenis not in self._cache:
            self._cache[jenis] = getattr(self, f"_{jenis}")()
        return self._cache[jenis]

    # --- planning -----------------------------------------------------------------------

    def _rencana(self) -> tuple[str, Rencana | None, Callable[[int], Rencana | None]]:
        """The planning document of the unit (Renstra of the OPD, RPJMD of the pemda) in
        force in the year, and how to find it in another year."""
        if self.opd is not None:
            opd = self.opd
            return "Renstra", renstra_in_force(opd, self.tahun).first(), \
                lambda th: renstra_in_force(opd, th).first()

        def rpjmd(th: int) -> Rpjmd | None:
            return (Rpjmd.objects.filter(pemda=self.pemda, tahun_awal__lte=th,
                                         tahun_akhir__gte=th).order_by("-tahun_awal").first())
        return "RPJMD", rpjmd(self.tahun), rpjmd

    def _url_rencana(self, dok: Rencana | None) -> str:
        if isinstance(dok, Renstra):
            return reverse("renstra_editor", args=[dok.pk])
        if isinstance(dok, Rpjmd):
            return reverse("rpjmd_editor", args=[dok.pk])
        if self.opd is not None:
            return reverse("renstra_list", args=[self.opd.pk])
        return reverse("rpjmd_list", args=[self.pemda.pk])

    def _renstra(self) -> ItemBukti:
        nama, dok, pada = self._rencana()
        if dok is None:
            return ItemBukti("renstra", nama, self._url_rencana(None),
                             (f"Tidak ada {nama} yang mencakup tahun {self.tahun}.",), 0, 1,
                             "dokumen")
        fakta = [f"{nama} {dok.tahun_awal}–{dok.tahun_akhir} mencakup tahun {self.tahun}."]
        if isinstance(dok, Renstra) and dok.versi_dari_id:
            fakta.append(f"Versi perubahan yang berlaku mulai {dok.berlaku_mulai}.")
        return ItemBukti("renstra", f"{nama} {dok.tahun_awal}–{dok.tahun_akhir}",
                         self._url_rencana(dok), tuple(fakta), 1, 1, "dokumen",
                         _berturut(self.tahun, lambda th: pada(th) is not None))

    def _renstra_formal(self) -> ItemBukti:
        nama, dok, pada = self._rencana()

        def formal(d: Rencana | None) -> bool:
            return d is not None and bool(d.dasar_hukum.strip())

        if dok is None:
            fakta = (f"Tidak ada {nama} yang mencakup tahun {self.tahun}.",)
            label = nama
        else:
            label = f"{nama} {dok.tahun_awal}–{dok.tahun_akhir}: dasar hukum"
            if formal(dok):
                tgl = getattr(dok, "tanggal_dasar_hukum", None)
                fakta = (f"Ditetapkan dengan {dok.dasar_hukum}"
                         + (f" tanggal {_tanggal(tgl)}." if tgl else "."),)
            else:
                fakta = (f"Dasar hukum penetapan {nama} belum dicatat.",)
        return ItemBukti("renstra_formal", label, self._url_rencana(dok), fakta,
                         int(formal(dok)), 1, "dokumen ditetapkan",
                         _berturut(self.tahun, lambda th: formal(pada(th))))

    def _pk_ditandatangani(self, tahun: int) -> dict[int, PerjanjianKinerja]:
        return {pk.perangkat_daerah_id: pk for pk in PerjanjianKinerja.objects.filter(
            perangkat_daerah__in=self.opds, tahun=tahun, jenis=PerjanjianKinerja.Jenis.INDUK,
            tingkat=PerjanjianKinerja.Tingkat.KEPALA,
            status=PerjanjianKinerja.Status.DITANDATANGANI)}

    def _pk(self) -> ItemBukti:
        tertanda = self._pk_ditandatangani(self.tahun)
        fakta = []
        for opd in self.opds:
            pk = tertanda.get(opd.pk)
            awal = f"{opd.nama}: " if self.opd is None else ""
            if pk is None:
                fakta.append(f"{awal}PK {self.tahun} belum ditandatangani.")
            else:
                kapan = pk.tanggal or (timezone.localdate(pk.ditandatangani_pada)
                                       if pk.ditandatangani_pada else None)
                fakta.append(f"{awal}PK {self.tahun} ditandatangani"
                             + (f" tanggal {_tanggal(kapan)}." if kapan else "."))
        if self.opd is not None:
            url = reverse("pk_detail", args=[self.opd.pk, self.tahun])
        else:
            url = reverse("jadwal_pemda", args=[self.pemda.pk, self.tahun])
        semua = len(self.opds)
        return ItemBukti(
            "pk", f"Perjanjian Kinerja {self.tahun}", url, tuple(fakta), len(tertanda), semua,
            "PK ditandatangani",
            _berturut(self.tahun, lambda th: semua > 0
                      and len(self._pk_ditandatangani(th)) == semua))

    # --- indicators ---------------------------------------------------------------------

    def _iku_baca(self) -> list[tuple[Indikator, list[str]]]:
        """The IKU of each OPD's Renstra in force with the SMART checks each fails (read
        once: two kinds of evidence show it)."""
        if self._iku is not None:
            return self._iku
        hasil: list[tuple[Indikator, list[str]]] = []
        for opd in self.opds:
            renstra = renstra_in_force(opd, self.tahun).first()
            if renstra is None:
                continue
            iku = list(Indikator.objects.filter(indikator_of(renstra), iku=True)
                       .order_by("urutan", "pk"))
            target: dict[int, dict[int, object]] = {i.pk: {} for i in iku}
            for ind_id, th, nilai in Target.objects.filter(
                    indikator__in=iku, jenis=Target.Jenis.RENSTRA, triwulan=TAHUNAN).values_list(
                    "indikator_id", "tahun", "nilai"):
                target[ind_id][th] = nilai
            for i in iku:
                cek = periksa_smart(IndikatorSmart(
                    i.satuan, i.definisi_operasional, i.formula, i.kondisi_awal,
                    i.kondisi_awal_teks, i.polaritas, renstra.tahun_awal, renstra.tahun_akhir,
                    target[i.pk]))  # type: ignore[arg-type]
                hasil.append((i, [c.pesan for c in cek.gagal]))
        self._iku = hasil
        return hasil

    def _nama_iku(self) -> str:
        """The pemda's own IKU are its Perkada's (``daerah``); its evaluation reads the IKU of
        its agencies' Renstra, and says so."""
        return "IKU" if self.opd is not None else "IKU perangkat daerah"

    def _url_rencana_tahun(self) -> str:
        if self.opd is not None:
            return reverse("plan", args=[self.opd.pk, self.tahun])
        return reverse("iku_pemda", args=[self.pemda.pk])

    def _iku_definisi(self) -> ItemBukti:
        iku = self._iku_baca()
        ada = [i for i, _ in iku if i.definisi_operasional.strip() or i.formula.strip()]
        fakta = [f"{len(ada)} dari {len(iku)} IKU memiliki definisi operasional atau formula."]
        fakta += [f"Belum ada definisi operasional dan formula: {i.uraian or i.kode}."
                  for i, _ in iku if i not in ada][:PALING_BANYAK_RINCIAN]
        return ItemBukti("iku_definisi", f"{self._nama_iku()}: definisi operasional dan formula",
                         self._url_rencana_tahun(), tuple(fakta), len(ada), len(iku), "IKU")

    def _iku_smart(self) -> ItemBukti:
        iku = self._iku_baca()
        lolos = sum(1 for _, gagal in iku if not gagal)
        fakta = [f"{lolos} dari {len(iku)} IKU lolos pemeriksaan SMART yang dapat dihitung "
                 "(satuan, definisi/formula, kondisi awal, target tiap tahun, polaritas)."]
        fakta += [f"{i.uraian or i.kode}: {' '.join(gagal)}"
                  for i, gagal in iku if gagal][:PALING_BANYAK_RINCIAN]
        return ItemBukti("iku_smart", f"{self._nama_iku()}: pemeriksaan SMART",
                         self._url_rencana_tahun(),
                         tuple(fakta), lolos, len(iku), "IKU")

    def _capaian(self) -> ItemBukti:
        """The capaian of the indicators of each OPD's signed PK (else its IKU)."""
        indikator: list[Indikator] = []
        tertanda = self._pk_ditandatangani(self.tahun)
        for opd in self.opds:
            pk = tertanda.get(opd.pk)
            if pk is not None:
                q = Q(pk__in=pk.baris.filter(indikator__isnull=False).values("indikator"))
            else:
                renstra = renstra_in_force(opd, self.tahun).first()
                if renstra is None:
                    continue
                q = indikator_of(renstra) & Q(iku=True)
            indikator += list(Indikator.objects.filter(q).order_by("urutan", "pk"))
        capaian = compute_capaian_many(indikator, self.tahun)
        terukur = [c for c in (capaian[i.pk, self.tahun] for i in indikator)
                   if c.capaian is not None]
        tercapai = [c for c in terukur if c.capaian is not None and c.capaian >= 100]
        fakta = [f"{len(tercapai)} dari {len(terukur)} indikator terukur mencapai target "
                 f"(capaian 100 % atau lebih); {len(indikator) - len(terukur)} belum terukur."]
        fakta += [f"{c.indikator.uraian}: capaian {format_angka(c.capaian)} %."
                  for c in terukur if c not in tercapai][:PALING_BANYAK_RINCIAN]
        url = (reverse("lakip", args=[self.opd.pk, self.tahun]) if self.opd is not None
               else reverse("iku_pemda", args=[self.pemda.pk]))
        return ItemBukti("capaian", f"Capaian kinerja {self.tahun}", url, tuple(fakta),
                         len(tercapai), len(terukur), "indikator")

    # --- reporting ----------------------------------------------------------------------

    def _triwulan(self) -> ItemBukti:
        """Each quarter's state; when it was first submitted (against its deadline) and first
        verified, from the history of its status (``reporting.workflow`` records each step)."""
        batas = batas_pemda(self.pemda, self.tahun)
        status = {(p.perangkat_daerah_id, p.triwulan): p for p in PelaporanTriwulan.objects
                  .filter(perangkat_daerah__in=self.opds, tahun=self.tahun)}
        pertama: dict[tuple[int, str], date] = {}
        for objek, baru, kapan in Perubahan.objects.filter(
                model=PelaporanTriwulan.__name__, kolom="status",
                objek_id__in=[p.pk for p in status.values()],
                baru__in=["diajukan", "diverifikasi"]).order_by("-created_at").values_list(
                "objek_id", "baru", "created_at"):
            pertama[objek, baru] = timezone.localdate(kapan)
        fakta = []
        verified = 0
        for opd in self.opds:
            bagian = []
            for tw in range(1, 5):
                p = status.get((opd.pk, tw))
                if p is None or p.status == PelaporanTriwulan.Status.DRAFT:
                    bagian.append(f"TW {TRIWULAN_ROMAWI[tw]} belum diajukan")
                    continue
                batas_tw = batas[Dokumen(f"realisasi-{tw}")].batas
                diajukan = pertama.get((p.pk, "diajukan"))
                diverifikasi = pertama.get((p.pk, "diverifikasi"))
                if diajukan is None:
                    teks = f"TW {TRIWULAN_ROMAWI[tw]} {p.get_status_display()}"
                else:
                    teks = f"TW {TRIWULAN_ROMAWI[tw]} diajukan {_tanggal(diajukan)}"
                    teks += (f" (setelah batas {_tanggal(batas_tw)})" if diajukan > batas_tw
                             else " (tepat waktu)")
                if p.status == PelaporanTriwulan.Status.DIVERIFIKASI:
                    verified += 1
                    if diverifikasi is not None:
                        teks += f", diverifikasi {_tanggal(diverifikasi)}"
                    elif diajukan is not None:
                        teks += ", diverifikasi"
                elif diajukan is not None:
                    teks += f", kini {p.get_status_display()}"
                bagian.append(teks)
            awal = f"{opd.nama}: " if self.opd is None else ""
            fakta.append(f"{awal}{'; '.join(bagian)}.")
        url = (reverse("realisasi_grid", args=[self.opd.pk, self.tahun, 4])
               if self.opd is not None else reverse("jadwal_pemda",
                                                     args=[self.pemda.pk, self.tahun]))
        return ItemBukti("triwulan", f"Laporan triwulan {self.tahun}", url, tuple(fakta),
                         verified, 4 * len(self.opds), "laporan triwulan diverifikasi")

    def _finals(self, tahun: int) -> list[LaporanFinal]:
        return list(LaporanFinal.objects.filter(perangkat_daerah__in=self.opds, tahun=tahun,
                                                dokumen="lakip").order_by("created_at")
                    .defer("isi", "data"))

    def _url_lkjip(self, final: LaporanFinal | None = None) -> str:
        if final is not None:
            return reverse("laporan_final_download", args=[final.pk])
        if self.opd is not None:
            return reverse("lakip", args=[self.opd.pk, self.tahun])
        return reverse("publikasi")

    def _per_opd(self, finals: list[LaporanFinal]) -> dict[int, list[LaporanFinal]]:
        hasil: dict[int, list[LaporanFinal]] = {}
        for f in finals:
            hasil.setdefault(f.perangkat_daerah_id, []).append(f)
        return hasil

    def _lkjip_disusun(self) -> ItemBukti:
        final = self._per_opd(self._finals(self.tahun))
        narasi = set(Narasi.objects.filter(perangkat_daerah__in=self.opds, tahun=self.tahun)
                     .values_list("perangkat_daerah_id", flat=True))
        fakta = []
        for opd in self.opds:
            awal = f"{opd.nama}: " if self.opd is None else ""
            if opd.pk in final:
                fakta.append(f"{awal}LKjIP {self.tahun} telah dibuat final.")
            elif opd.pk in narasi:
                fakta.append(f"{awal}Narasi LKjIP {self.tahun} sedang disusun (belum final).")
            else:
                fakta.append(f"{awal}LKjIP {self.tahun} belum disusun.")
        ada = sum(1 for o in self.opds if o.pk in final or o.pk in narasi)
        return ItemBukti("lkjip_disusun", f"LKjIP {self.tahun}", self._url_lkjip(), tuple(fakta),
                         ada, len(self.opds), "LKjIP disusun")

    def _lkjip(self) -> ItemBukti:
        final = self._per_opd(self._finals(self.tahun))
        fakta = []
        for opd in self.opds:
            awal = f"{opd.nama}: " if self.opd is None else ""
            f = final.get(opd.pk)
            if f is None:
                fakta.append(f"{awal}LKjIP {self.tahun} belum dibuat final.")
            else:
                pdf = [x for x in f if x.format == "pdf"] or f   # one version: PDF and Word
                kapan = _tanggal(timezone.localdate(pdf[-1].created_at))
                fakta.append(f"{awal}LKjIP {self.tahun} final {kapan} "
                             f"(SHA-256 {pdf[-1].sha256[:12]}…), {len(pdf)} versi final.")
        semua = len(self.opds)
        terakhir = (next((x for x in reversed(final.get(self.opd.pk, [])) if x.format == "pdf"),
                         None) if self.opd is not None else None)
        return ItemBukti(
            "lkjip", f"LKjIP {self.tahun} final", self._url_lkjip(terakhir),
            tuple(fakta), len(final), semua, "LKjIP final",
            _berturut(self.tahun, lambda th: semua > 0
                      and len(self._per_opd(self._finals(th))) == semua))

    def _lkjip_publikasi(self) -> ItemBukti:
        final = self._per_opd(self._finals(self.tahun))
        terbit = {o for o, fs in final.items() if any(f.dipublikasikan for f in fs)}
        sejak: dict[int, date] = {}   # final pk -> when it was last published (its history)
        for objek, kapan in Perubahan.objects.filter(
                model=LaporanFinal.__name__, kolom="dipublikasikan", baru=str(True),
                objek_id__in=[f.pk for fs in final.values() for f in fs if f.dipublikasikan]
        ).order_by("created_at").values_list("objek_id", "created_at"):
            sejak[objek] = timezone.localdate(kapan)
        fakta = []
        for opd in self.opds:
            awal = f"{opd.nama}: " if self.opd is None else ""
            if opd.pk in terbit:
                tanggal = [sejak[f.pk] for f in final[opd.pk] if f.pk in sejak]
                fakta.append(f"{awal}LKjIP {self.tahun} final dipublikasikan"
                             + (f" sejak {_tanggal(max(tanggal))}." if tanggal else "."))
            elif opd.pk in final:
                fakta.append(f"{awal}LKjIP {self.tahun} final belum dipublikasikan.")
            else:
                fakta.append(f"{awal}LKjIP {self.tahun} belum dibuat final.")
        return ItemBukti("lkjip_publikasi", f"LKjIP {self.tahun}: publikasi",
                         reverse("publikasi"), tuple(fakta), len(terbit), len(self.opds),
                         "LKjIP dipublikasikan")

    def _lkjip_tepat_waktu(self) -> ItemBukti:
        batas = batas_pemda(self.pemda, self.tahun)[Dokumen.LKJIP]
        final = self._per_opd(self._finals(self.tahun))
        fakta = [f"Batas penyampaian {_tanggal(batas.batas)} ({batas.dasar_hukum})."]
        tepat = 0
        for opd in self.opds:
            awal = f"{opd.nama}: " if self.opd is None else ""
            fs = final.get(opd.pk)
            if not fs:
                fakta.append(f"{awal}LKjIP {self.tahun} belum dibuat final.")
                continue
            pertama = timezone.localdate(fs[0].created_at)
            if pertama <= batas.batas:
                tepat += 1
                fakta.append(f"{awal}Final pertama {_tanggal(pertama)}: tepat waktu.")
            else:
                fakta.append(f"{awal}Final pertama {_tanggal(pertama)}: terlambat "
                             f"{(pertama - batas.batas).days} hari.")
        return ItemBukti("lkjip_tepat_waktu", f"LKjIP {self.tahun}: ketepatan waktu",
                         self._url_lkjip(), tuple(fakta), tepat, len(self.opds),
                         "LKjIP tepat waktu")

    def _reviu(self) -> ItemBukti | None:
        """The reviu of the LKjIP as printed (``reviews.lkjip``). It drafts the document, so
        it is kept in the cache under the OPD's data revision (``reports.tembolok``: any write
        to the data or an explanation advances it) and computed again only after a change."""
        if self.opd is None:
            return None  # the pemda's reviu is its OPDs', read on their own evaluations
        key = (f"bukti-reviu:{self.opd.pk}:{self.tahun}:"
               f"{'.'.join(map(str, revisi_opd(self.opd)))}:{timezone.localdate()}:"
               f"{versi_kode()}")
        hit = django_cache.get(key)
        if isinstance(hit, ItemBukti):
            return hit
        item = self._reviu_hitung(self.opd)
        if not sudah_naik(connection):  # never keep what an open, uncommitted write computed
            django_cache.set(key, item, UMUR_DETIK)
        return item

    def _reviu_hitung(self, opd: PerangkatDaerah) -> ItemBukti:
        from akuntabel.plans.services import NoRenstra
        from akuntabel.reviews.lkjip import reviu_lkjip

        url = reverse("reviu", args=[opd.pk, self.tahun]) + "?sumber=cetak"
        try:
            temuan = [t for t in reviu_lkjip(opd, self.tahun)
                      if t.finding.tingkat in ("error", "warning")]
        except NoRenstra as exc:
            return ItemBukti("reviu", f"Reviu LKjIP {self.tahun}", url, (str(exc),), 0, 1,
                             "reviu")
        galat = sum(1 for t in temuan if t.finding.tingkat == "error")
        jelas = sum(1 for t in temuan if t.explained)
        fakta = [f"Reviu LKjIP {self.tahun} sebagaimana dicetak Akuntabel: {galat} galat dan "
                 f"{len(temuan) - galat} peringatan; {jelas} telah dijelaskan, "
                 f"{len(temuan) - jelas} masih terbuka."]
        fakta += [f"{t.finding.code} ({t.finding.lokasi.bagian}): {t.finding.pesan}"
                  for t in temuan if not t.explained][:PALING_BANYAK_RINCIAN]
        if not temuan:
            return ItemBukti("reviu", f"Reviu LKjIP {self.tahun}", url, tuple(fakta), 1, 1,
                             "reviu tanpa temuan terbuka")
        return ItemBukti("reviu", f"Reviu LKjIP {self.tahun}", url, tuple(fakta), jelas,
                         len(temuan), "temuan dijelaskan")

    def _rekomendasi(self) -> ItemBukti:
        from akuntabel.evaluasi.models import Rekomendasi
        from akuntabel.evaluasi.rekomendasi import rekomendasi_sebelumnya
        from akuntabel.evaluasi.services import evaluasi_tahun_lalu

        rek = list(rekomendasi_sebelumnya(self.evaluasi))
        selesai = [r for r in rek if r.status == Rekomendasi.Status.SELESAI]
        fakta = [f"{len(selesai)} dari {len(rek)} rekomendasi evaluasi sebelumnya telah "
                 "ditindaklanjuti (selesai)."]
        fakta += [f"{r.evaluasi.tahun} komponen {r.komponen.kode}: {r.uraian} "
                  f"({r.get_status_display()})" for r in rek if r not in selesai
                  ][:PALING_BANYAK_RINCIAN]
        lalu = evaluasi_tahun_lalu(self.evaluasi)
        if lalu is not None:
            url = reverse("lembar_kerja", args=[lalu.pk])
        elif self.opd is not None:
            url = reverse("evaluasi_opd", args=[self.opd.pk])
        else:
            url = reverse("evaluasi_pemda", args=[self.pemda.pk])
        return ItemBukti("rekomendasi", "Tindak lanjut rekomendasi evaluasi sebelumnya",
                         url, tuple(fakta), len(selesai), len(rek), "rekomendasi selesai")


def struktur_template(template: TemplateLke) -> tuple[list[SubLke], dict[str, KriteriaLke]]:
    """The template's sub-components as the rules see them, and its criteria by number."""
    struktur: list[SubLke] = []
    kriteria: dict[str, KriteriaLke] = {}
    for k in template.komponen.prefetch_related("sub__kriteria"):
        for s in k.sub.all():
            daftar = list(s.kriteria.all())
            kriteria.update((c.nomor, c) for c in daftar)
            struktur.append(SubLke(s.kode, k.kode, s.perspektif, tuple(c.nomor for c in daftar)))
    return struktur, kriteria


def _alasan(item: ItemBukti, nilai: str, arti: str) -> str:
    persen = (format_angka(Decimal(item.terpenuhi) * 100 / Decimal(item.jumlah))
              if item.jumlah else "0")
    teks = (f"{item.label}: {item.terpenuhi} dari {item.jumlah} {item.satuan} ({persen} %)"
            .replace("  ", " "))
    if item.tahun_sebelumnya:
        teks += f", terpenuhi pula {item.tahun_sebelumnya} tahun berturut-turut sebelumnya"
    return f"{teks}: {nilai} ({arti})." if arti else f"{teks}: {nilai}."


def _ada(pesan: str | None) -> tuple[str, ...]:
    return (pesan,) if pesan else ()


def bukti_evaluasi(evaluasi: Evaluasi) -> dict[int, BuktiKriteria]:
    """For every criterion of the evaluation's template (by ``KriteriaLke`` id): the evidence
    Akuntabel holds, the grade it suggests where the data can decide, and the consistency
    warnings on the unit's answers and on the evaluator's grades (with an answer worth more
    than the suggestion, ``core.lke.di_atas_saran``)."""
    template = evaluasi.template
    aturan = template.aturan or {}
    struktur, kriteria = struktur_template(template)
    skala = {s.kode: s.persen for s in template.skala.all()}
    peta = peta_bukti_dari_data(aturan.get("bukti"), set(kriteria))
    pita = pita_saran_dari_data(aturan.get("saran"), set(skala))
    konsistensi = aturan_dari_data(aturan.get("konsistensi"), struktur)

    jawaban = list(evaluasi.jawaban.select_related("kriteria"))
    usulan = {j.kriteria.nomor: j.nilai_usulan for j in jawaban}
    penetapan = {j.kriteria.nomor: j.nilai_penetapan for j in jawaban}
    per_kriteria: dict[str, dict[str, list[PeringatanKonsistensi]]] = {}
    for sisi, nilai in (("usulan", usulan), ("penetapan", penetapan)):
        for w in periksa_konsistensi(konsistensi, struktur, skala, nilai):
            for nomor in w.kriteria:
                per_kriteria.setdefault(nomor, {}).setdefault(sisi, []).append(w)

    unit = _Unit(evaluasi)
    hasil: dict[int, BuktiKriteria] = {}
    for nomor, c in kriteria.items():
        p = peta.get(nomor)
        items = tuple(i for i in (unit.item(j) for j in (p.bukti if p else ())) if i is not None)
        saran = None
        if p is not None and p.saran is not None:
            item = unit.item(p.saran)
            band = (saran_nilai(item.terpenuhi, item.jumlah, item.tahun_sebelumnya, pita)
                    if item is not None else None)
            if item is not None and band is not None:
                saran = Saran(band.nilai, _alasan(item, band.nilai, band.arti))
        sisi_w = per_kriteria.get(nomor, {})
        lebih = {sisi: di_atas_saran(nilai.get(nomor), saran.nilai if saran else None, skala)
                 for sisi, nilai in (("usulan", usulan), ("penetapan", penetapan))}
        hasil[c.pk] = BuktiKriteria(
            items, saran,
            tuple(x.pesan for x in sisi_w.get("usulan", [])) + _ada(lebih["usulan"]),
            tuple(x.pesan for x in sisi_w.get("penetapan", [])) + _ada(lebih["penetapan"]),
            tuple(dict.fromkeys(x.kode for ws in sisi_w.values() for x in ws)))
    return hasil


__all__ = ["JENIS_BUKTI", "BuktiKriteria", "ItemBukti", "Saran", "bukti_evaluasi",
           "struktur_template"]
