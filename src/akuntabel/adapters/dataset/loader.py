"""Write a validated dataset into the database, all or nothing.

A load writes a whole OPD anew in one transaction (an empty OPD, or one whose data
``_clear_opd_data`` has just removed): there is no earlier value to lock, compare a version
with or give a reason for, and the load itself is recorded once in the history by its caller
(``akuntabel load``). So its rows are created here, in bulk where there are many, instead of
one by one through the write services that guard an edit (``plans.targets``,
``plans.renja``, ``plans.pk_services``, ``budget.writes`` for the quarterly budget
realisasi, ``reporting.workflow`` for the quarters' statuses, whose transitions would also
send mail): this module is the documented exception to "one write path per value"
(STYLE.md), and keeps to creating rows. The pemda level is the pemda's, shared with other
OPD, so it goes through the ``daerah`` services (Perkada, IKU, links); only the kepala
daerah's PK, created whole by the first file that can, is created here as the OPD's PK is.
A load that meets a problem the reader could not see (an edition the database lacks, a
program named in a PK but not in the tree) raises ``DatasetError`` inside the transaction,
and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from akuntabel.adapters.dataset.reader import BY_NUMBER, Cetak, Dataset, DatasetError, Node
from akuntabel.budget.models import (
    AnggaranTercetak,
    Dpa,
    DpaLine,
    DpaSubKegiatan,
    RealisasiAnggaranTriwulan,
)
from akuntabel.core.angka import Rentang, parse_rentang
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah
from akuntabel.plans.models import (
    TAHUNAN,
    ArahKebijakan,
    Indikator,
    IsuStrategis,
    Kegiatan,
    Misi,
    PerjanjianKinerja,
    PerjanjianKinerjaBaris,
    PerjanjianKinerjaProgram,
    Program,
    RenjaAnggaran,
    Renstra,
    RenstraAnggaran,
    Rpjmd,
    Sasaran,
    SasaranDaerah,
    SkalaUsg,
    Strategi,
    SubKegiatan,
    Target,
    Tujuan,
    TujuanDaerah,
)
from akuntabel.references.models import EdisiReferensi
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.models import Narasi
from akuntabel.results.models import (
    CapaianTercetak,
    KomponenPerhitungan,
    Perhitungan,
    Realisasi,
)


@dataclass
class LoadResult:
    perangkat_daerah: PerangkatDaerah
    counts: dict[str, int]


def _cetak(value: Cetak | None) -> tuple[str, Decimal | None, str]:
    if value is None:
        return "", None, ""
    return value.teks, value.nilai, value.satuan or ""


def _rentang(teks: str) -> Rentang | None:
    """A target printed as a range ("60–85 %") with both bounds within what a measure may
    hold; otherwise None and the text stays the target as printed."""
    rentang = parse_rentang(teks)
    if rentang and not (cek_batas(rentang.bawah, UKURAN) or cek_batas(rentang.atas, UKURAN)):
        return rentang
    return None


def _nilai_teks(teks: str) -> Decimal | None:
    """The number a printed text holds (a serapan such as "94,74 %"), or None."""
    from akuntabel.core.angka import Angka, parse_angka

    hasil = parse_angka(teks)
    return hasil.nilai if isinstance(hasil, Angka) else None


class _Writer:
    def __init__(self, ds: Dataset, opd: PerangkatDaerah):
        self.ds = ds
        self.opd = opd
        # Elements by their keys in the file (kode, or kunci for one without a code).
        self.tujuan: dict[str, Tujuan] = {}
        self.sasaran: dict[str, Sasaran] = {}
        self.sasaran_daerah: dict[str, SasaranDaerah] = {}
        self.indikator: dict[str, Indikator] = {}
        self.program: dict[str, Program] = {}
        self.sub_kegiatan: dict[str, SubKegiatan] = {}
        self.pejabat = list(Pejabat.objects.filter(perangkat_daerah=opd).order_by("urutan", "id"))
        self.urutan = 0
        self.targets: list[Target] = []
        self.realisasi: list[Realisasi] = []
        self.capaian: list[CapaianTercetak] = []
        self.counts: dict[str, int] = {}
        self.dpas: dict[int, Dpa] = {}
        self.anggaran_tw: list[RealisasiAnggaranTriwulan] = []
        # Each version of the Renstra: the year it is in force from, its elements by their
        # keys (the dictionaries above while it is written) and by kind in the file's order.
        self.versions: list[tuple[int, dict[str, dict[str, Any]]]] = []
        self.elemen: dict[str, list[tuple[Node, Any]]] = {}
        # The established versions: each with its penetapan and its place in the file.
        self.penetapan: list[tuple[Renstra, Node, str]] = []

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def next(self) -> int:
        self.urutan += 1
        return self.urutan

    def indikator_on(self, raw: Node, **node: Any) -> Indikator:
        awal = raw["kondisi_awal"] or {}
        awal_teks, awal_nilai, _ = _cetak(awal.get("nilai"))
        akhir_teks, akhir_nilai, _ = _cetak(raw["kondisi_akhir"])
        ind = Indikator.objects.create(
            perangkat_daerah=self.opd, kode=raw["kode"], uraian=raw["uraian"],
            uraian_tercetak=raw["uraian_tercetak"], satuan=raw["satuan"],
            definisi_operasional=raw["definisi_operasional"], polaritas=raw["polaritas"],
            metode_turun=raw["metode_turun"],
            agregasi=raw["agregasi"], iku=raw["iku"], formula=raw["formula"],
            sumber_data=raw["sumber_data"], kondisi_awal_tahun=awal.get("tahun"),
            kondisi_awal_teks=awal_teks, kondisi_awal=awal_nilai,
            kondisi_akhir_teks=akhir_teks, kondisi_akhir=akhir_nilai,
            nomor_tercetak=raw["nomor_tercetak"], urutan=self.next(), catatan=raw["catatan"],
            **node,
        )
        self.count("indikator")
        _keep(self.indikator, raw, ind)
        self.elemen.setdefault("indikator", []).append((raw, ind))
        for jenis, per_year in raw["target"].items():
            for tahun, value in per_year.items():
                self.add_target(ind, jenis, tahun, TAHUNAN, value)
        for tahun, per_tw in raw["target_triwulan"].items():
            for tw, value in per_tw.items():
                self.add_target(ind, Target.Jenis.RENJA, tahun, tw, value)
        for tahun, value in raw["realisasi"].items():
            self.add_realisasi(ind, tahun, TAHUNAN, value)
        for tahun, per_tw in raw["realisasi_triwulan"].items():
            for tw, value in per_tw.items():
                self.add_realisasi(ind, tahun, tw, value)
        for tahun, value in raw["capaian"].items():
            if value is not None:
                teks, nilai, satuan = _cetak(value)
                self.capaian.append(CapaianTercetak(indikator=ind, tahun=tahun, teks=teks,
                                                    nilai=nilai, satuan=satuan))
        return ind

    def add_target(self, ind: Indikator, jenis: str, tahun: int, tw: int,
                   value: Cetak | None) -> None:
        if value is None:
            return
        teks, nilai, satuan = _cetak(value)
        rentang = _rentang(teks) if nilai is None else None
        if rentang:
            self.targets.append(Target(indikator=ind, jenis=jenis, tahun=tahun, triwulan=tw,
                                       teks=teks, nilai=rentang.bawah, nilai_atas=rentang.atas,
                                       satuan=rentang.satuan or ""))
            return
        self.targets.append(Target(indikator=ind, jenis=jenis, tahun=tahun, triwulan=tw,
                                   teks=teks, nilai=nilai, satuan=satuan,
                                   catatan=value.alasan or ""))

    def add_realisasi(self, ind: Indikator, tahun: int, tw: int,
                      value: Cetak | None) -> None:
        if value is None:
            return
        teks, nilai, satuan = _cetak(value)
        self.realisasi.append(Realisasi(indikator=ind, tahun=tahun, triwulan=tw, teks=teks,
                                        nilai=nilai, satuan=satuan,
                                        catatan=value.alasan or ""))

    # -- plan ---------------------------------------------------------------------------------
    def write_rpjmd(self, r: Node) -> tuple[Rpjmd, dict[int, Misi]]:
        """The pemda's RPJMD, shared by its OPDs: created by the first dataset that names it,
        after that only checked; its misi, tujuan and sasaran daerah added where missing."""
        rpjmd, _ = Rpjmd.objects.get_or_create(
            pemda=self.opd.pemda, tahun_awal=r["tahun_awal"],
            defaults={"tahun_akhir": r["tahun_akhir"], "dasar_hukum": r["dasar_hukum"],
                      "visi": r["visi"]})
        if (rpjmd.tahun_akhir, rpjmd.visi) != (r["tahun_akhir"], r["visi"]):
            raise DatasetError([f"rpjmd: RPJMD {rpjmd.tahun_awal}–{rpjmd.tahun_akhir} pemda ini "
                                "sudah ada dengan isi berbeda; ubah lewat aplikasi"])
        misi = {}
        for m in r["misi"]:
            misi[m["nomor"]], _ = Misi.objects.get_or_create(
                rpjmd=rpjmd, nomor=m["nomor"], defaults={"uraian": m["uraian"]})
        for i, t in enumerate(r["tujuan"]):
            tujuan_daerah, _ = TujuanDaerah.objects.get_or_create(
                rpjmd=rpjmd, kode=t["kode"], uraian=t["uraian"],
                defaults={"misi": misi.get(t["misi"]), "urutan": i})
            for j, s in enumerate(t["sasaran"]):
                sasaran_daerah, _ = SasaranDaerah.objects.get_or_create(
                    tujuan_daerah=tujuan_daerah, kode=s["kode"], uraian=s["uraian"],
                    defaults={"urutan": j})
                _keep(self.sasaran_daerah, s, sasaran_daerah)
            for k, node in enumerate(t.get("indikator", [])):
                self.write_indikator_tujuan(f"rpjmd.tujuan[{i}].indikator[{k}]",
                                            tujuan_daerah, node)
        return rpjmd, misi

    def write_indikator_tujuan(self, tp: str, tujuan: TujuanDaerah, node: Node) -> None:
        """An indicator of a tujuan daerah through ``daerah.tujuan``, as Bappeda would enter
        it (targets, then each year's realisasi with its source); one already there (another
        OPD's file of the same pemda) is only checked."""
        from akuntabel.adapters.dataset.writer import export_indikator_tujuan
        from akuntabel.daerah import tujuan as layanan

        alasan = "dimuat dari berkas data"
        ada = tujuan.indikator.filter(kode=node["kode"], uraian=node["uraian"]).first()
        if ada is not None:
            if export_indikator_tujuan(ada) != export_indikator_tujuan(
                    _indikator_dari(node, tujuan)):
                raise DatasetError([f"{tp}: indikator tujuan “{ada.uraian}” sudah ada dengan "
                                    "isi, target atau realisasi berbeda; samakan berkas dengan "
                                    "aplikasi"])
            return
        data = {**{k: node[k] for k in ("kode", "uraian", "satuan", "definisi", "sumber_data",
                                        "polaritas", "metode_turun", "kondisi_awal",
                                        "kondisi_akhir")},
                "kondisi_awal_tahun": str(node["kondisi_awal_tahun"] or ""),
                **{f"target_{th}": teks for th, teks in node["target"].items()}}
        try:
            indikator = layanan.simpan_indikator(tujuan, data, user=None, alasan=alasan)
            for th, r in node["realisasi"].items():
                layanan.simpan_realisasi(indikator, th, teks=r["teks"], sumber=r["sumber"],
                                         versi=0, user=None, alasan=alasan)
        except layanan.TujuanError as err:
            raise DatasetError(_iku_errors(tp, err)) from None

    def write_plan(self) -> Renstra | None:
        ds = self.ds
        if ds.rpjmd is None:
            return None
        rpjmd, misi = self.write_rpjmd(ds.rpjmd)
        rs = ds.renstra
        if rs is None:
            return None
        self.misi = misi
        renstra = Renstra.objects.create(
            perangkat_daerah=self.opd, rpjmd=rpjmd, tahun_awal=rs["tahun_awal"],
            tahun_akhir=rs["tahun_akhir"], tabel_tahun_tercetak=rs["tabel_tahun_tercetak"],
            catatan=rs["catatan"],
            edisi_referensi=_edisi(rs["edisi_referensi"], "renstra.edisi_referensi"))
        self.write_version(renstra, rs, ds.isu_strategis)
        if rs["penetapan"]:
            self.penetapan.append((renstra, rs["penetapan"], "renstra.penetapan"))
        return renstra

    def write_perubahan(self, lama: Renstra, v: Node) -> Renstra:
        """A Renstra perubahan of ``lama``, written as the first version is, then linked to its
        counterparts in ``lama`` (``Renstra.asal_salinan``) as ``plans.perubahan`` links a
        copy."""
        rs = v["renstra"]
        before = self.elemen
        renstra = Renstra.objects.create(
            perangkat_daerah=self.opd, rpjmd=lama.rpjmd, tahun_awal=lama.tahun_awal,
            tahun_akhir=lama.tahun_akhir, tabel_tahun_tercetak=rs["tabel_tahun_tercetak"],
            catatan=rs["catatan"],
            edisi_referensi=_edisi(rs["edisi_referensi"], f"{v['tempat']}.edisi_referensi"),
            versi_dari=lama, berlaku_mulai=v["berlaku_mulai"], dasar_hukum=v["dasar_hukum"],
            tanggal_dasar_hukum=v["tanggal_dasar_hukum"], alasan_perubahan=v["alasan"])
        self.write_version(renstra, rs, v["isu_strategis"])
        self.write_tree(renstra, v["program"])
        if rs["penetapan"]:
            self.penetapan.append((renstra, rs["penetapan"], f"{v['tempat']}.penetapan"))
        asal: dict[str, dict[str, int]] = {}
        for kind, rows in self.elemen.items():
            old_rows = before.get(kind, [])
            by_key = {k: obj for raw, obj in old_rows
                      for k in (raw.get("kode"), raw.get("kunci")) if k}
            for raw, obj in rows:
                if raw.get("asal") is None:
                    continue
                if kind in BY_NUMBER:
                    old = old_rows[raw["asal"] - 1] if raw["asal"] else None
                    old = old[1] if old else None
                else:
                    old = by_key.get(raw["asal"] or raw["kode"] or raw["kunci"])
                if old is not None:
                    asal.setdefault(kind, {})[str(obj.pk)] = old.pk
        Renstra.objects.filter(pk=renstra.pk).update(asal_salinan=asal)
        return renstra

    def write_version(self, renstra: Renstra, rs: Node, isu_strategis: list[Node]) -> None:
        """A version's plan: tujuan, sasaran, their indicators, strategi, arah kebijakan and
        strategic issues; its elements are then found by its keys (``self.versions``)."""
        self.tujuan, self.sasaran, self.indikator = {}, {}, {}
        self.program, self.sub_kegiatan = {}, {}
        self.elemen = {}
        self.versions.append((renstra.berlaku_mulai, {
            "tujuan": self.tujuan, "sasaran": self.sasaran, "indikator": self.indikator,
            "program": self.program, "sub_kegiatan": self.sub_kegiatan}))
        renstra.misi.set([self.misi[n] for n in rs["misi"]])
        for i, t in enumerate(rs["tujuan"]):
            tujuan = Tujuan.objects.create(renstra=renstra, kode=t["kode"], uraian=t["uraian"],
                                           uraian_tercetak=t["uraian_tercetak"], urutan=i,
                                           catatan=t["catatan"])
            _keep(self.tujuan, t, tujuan)
            self.elemen.setdefault("tujuan", []).append((t, tujuan))
            for raw in t["indikator"]:
                self.indikator_on(raw, tujuan=tujuan)
            for j, s in enumerate(t["sasaran"]):
                sasaran = Sasaran.objects.create(
                    tujuan=tujuan, kode=s["kode"], uraian=s["uraian"],
                    uraian_tercetak=s["uraian_tercetak"], urutan=j, catatan=s["catatan"],
                    sasaran_daerah=self.sasaran_daerah.get(s["sasaran_daerah"]))
                _keep(self.sasaran, s, sasaran)
                self.elemen.setdefault("sasaran", []).append((s, sasaran))
                for raw in s["indikator"]:
                    self.indikator_on(raw, sasaran=sasaran)
        strategi = []
        for i, s in enumerate(rs["strategi"]):
            strategi.append(Strategi.objects.create(
                renstra=renstra, uraian=s["uraian"], urutan=i,
                sasaran=self.sasaran.get(s["sasaran"]) if s["sasaran"] else None))
            self.elemen.setdefault("strategi", []).append((s, strategi[-1]))
        for i, a in enumerate(rs["arah_kebijakan"]):
            self.elemen.setdefault("arah_kebijakan", []).append((a, ArahKebijakan.objects.create(
                renstra=renstra, uraian=a["uraian"], urutan=i,
                strategi=strategi[a["strategi"] - 1] if a["strategi"] else None)))
        for i, isu in enumerate(isu_strategis):
            obj = IsuStrategis.objects.create(
                renstra=renstra, misi_nomor=isu["misi"], uraian=isu["uraian"],
                urgensi=isu["urgensi"], keseriusan=isu["keseriusan"],
                pertumbuhan=isu["pertumbuhan"], prioritas=isu["prioritas"],
                alasan_prioritas=isu["alasan_prioritas"], urutan=i, catatan=isu["catatan"])
            obj.tujuan.set([self.tujuan[k] for k in isu["tujuan"]])
            obj.sasaran.set([self.sasaran[k] for k in isu["sasaran"]])
            self.elemen.setdefault("isu_strategis", []).append((isu, obj))

    # -- program tree and budget --------------------------------------------------------------
    def write_tree(self, renstra: Renstra, programs: list[Node]) -> None:
        dpas = self.dpas
        printed: list[AnggaranTercetak] = []
        renstra_anggaran: list[RenstraAnggaran] = []
        renja_anggaran: list[RenjaAnggaran] = []

        def dpa(tahun: int) -> Dpa:
            if tahun not in dpas:
                dpas[tahun] = Dpa.objects.create(perangkat_daerah=self.opd, tahun=tahun)
            return dpas[tahun]

        def node_extras(raw: Node, **where: Any) -> None:
            # A sub kegiatan's amounts are its DPA, written with its lines; above it they are
            # the amounts printed on the program and kegiatan rows.
            for tahun, a in ({} if "sub_kegiatan" in where else raw["anggaran"]).items():
                printed.append(AnggaranTercetak(
                    perangkat_daerah=self.opd, tahun=tahun, tempat=AnggaranTercetak.TABEL_ANGGARAN,
                    pagu_teks=a["pagu_teks"], pagu=a["pagu"], realisasi_teks=a["realisasi_teks"],
                    realisasi=a["realisasi"], serapan_teks=_cetak(a["serapan"])[0],
                    serapan=_cetak(a["serapan"])[1], urutan=self.next(), **where))
            for tahun, a in raw["renstra_anggaran"].items():
                renstra_anggaran.append(RenstraAnggaran(
                    tahun=tahun, target_teks=a["target_teks"], target=a["target"],
                    realisasi_teks=a["realisasi_teks"], realisasi_dilaporkan=a["realisasi"],
                    realisasi_kinerja_teks=a["realisasi_kinerja"], **where))
            renja_anggaran.extend(RenjaAnggaran(tahun=tahun, pagu_indikatif=pagu, **where)
                                  for tahun, pagu in raw["pagu_indikatif"].items())
            indikator = [self.indikator_on(r, **where) for r in raw["indikator"]]
            # Per-node performance values of the year-on-year table: on the node's only
            # indicator, or on an indicator without text when it has none or several.
            for field, note in (("realisasi_kinerja", ""),
                                ("realisasi_kinerja_tercetak",
                                 "Nilai tabel perbandingan tahun lalu, berbeda dari tabel "
                                 "realisasi kinerja")):
                for tahun, value in raw[field].items():
                    if value is None:
                        continue
                    if len(indikator) == 1 and not note and not any(
                            r.indikator is indikator[0] and r.tahun == tahun
                            for r in self.realisasi):
                        target = indikator[0]
                    else:
                        target = Indikator.objects.create(
                            perangkat_daerah=self.opd, uraian="", urutan=self.next(),
                            catatan=note or "Realisasi kinerja per node (tabel perbandingan)",
                            **where)
                        self.count("indikator")
                    self.add_realisasi(target, tahun, TAHUNAN, value)

        for i, p in enumerate(programs):
            program = Program.objects.create(
                renstra=renstra, kode=p["kode"], nama=p["nama"], nama_tercetak=p["nama_tercetak"],
                aktif_tahun=p["aktif"], urutan=i, catatan=p["catatan"],
                sasaran=self.sasaran.get(p["sasaran"]) if p["sasaran"] else None)
            self.count("program")
            if p["kode"]:
                self.program[p["kode"]] = program
            self.elemen.setdefault("program", []).append((p, program))
            node_extras(p, program=program)
            for j, k in enumerate(p["children"]):
                kegiatan = Kegiatan.objects.create(
                    program=program, kode=k["kode"], nama=k["nama"],
                    nama_tercetak=k["nama_tercetak"], aktif_tahun=k["aktif"], urutan=j,
                    catatan=k["catatan"])
                self.count("kegiatan")
                self.elemen.setdefault("kegiatan", []).append((k, kegiatan))
                node_extras(k, kegiatan=kegiatan)
                for m, s in enumerate(k["children"]):
                    sub = SubKegiatan.objects.create(
                        kegiatan=kegiatan, kode=s["kode"], nama=s["nama"],
                        nama_tercetak=s["nama_tercetak"], aktif_tahun=s["aktif"], urutan=m,
                        catatan=s["catatan"])
                    self.count("sub_kegiatan")
                    if s["kode"]:
                        self.sub_kegiatan[s["kode"]] = sub
                    self.elemen.setdefault("sub_kegiatan", []).append((s, sub))
                    node_extras(s, sub_kegiatan=sub)
                    for tahun in sorted(set(s["anggaran"]) | set(s["rekening"])):
                        a = s["anggaran"].get(tahun) or {}
                        anggaran = DpaSubKegiatan.objects.create(
                            dpa=dpa(tahun), sub_kegiatan=sub, pagu=a.get("pagu"),
                            pagu_teks=a.get("pagu_teks", ""), realisasi=a.get("realisasi"),
                            realisasi_teks=a.get("realisasi_teks", ""),
                            serapan_teks=_cetak(a.get("serapan"))[0],
                            serapan=_cetak(a.get("serapan"))[1])
                        self.write_lines(anggaran, None, s["rekening"].get(tahun, []))
                        self.anggaran_tw += [
                            RealisasiAnggaranTriwulan(dpa_sub_kegiatan=anggaran, triwulan=n,
                                                      nilai=nilai)
                            for n, nilai in sorted(a.get("realisasi_triwulan", {}).items())]
        AnggaranTercetak.objects.bulk_create(printed)
        RenstraAnggaran.objects.bulk_create(renstra_anggaran)
        RenjaAnggaran.objects.bulk_create(renja_anggaran)

    def write_anggaran_tercetak(self) -> None:
        for i, a in enumerate(self.ds.anggaran_tercetak):
            AnggaranTercetak.objects.create(
                perangkat_daerah=self.opd, tahun=a["tahun"], tempat=a["tempat"],
                pagu_teks=a["pagu_teks"], pagu=a["pagu"], realisasi_teks=a["realisasi_teks"],
                realisasi=a["realisasi"], serapan_teks=a["serapan_teks"],
                serapan=_nilai_teks(a["serapan_teks"]), urutan=100000 + i,
                catatan=a["catatan"])

    def write_lines(self, anggaran: DpaSubKegiatan, induk: DpaLine | None,
                    lines: list[Node]) -> None:
        # One level at a time: parents must exist before their children point at them.
        level = [DpaLine(anggaran=anggaran, induk=induk, kode_rekening=r["kode"],
                         uraian=r["uraian"], uraian_tercetak=r["uraian_tercetak"],
                         pagu=r["pagu"], pagu_teks=r["pagu_teks"],
                         pagu_murni=r["pagu_murni"], realisasi=r["realisasi"],
                         realisasi_teks=r["realisasi_teks"], serapan_teks=_cetak(r["serapan"])[0],
                         serapan=_cetak(r["serapan"])[1], urutan=self.next(),
                         catatan=r["catatan"]) for r in lines]
        DpaLine.objects.bulk_create(level)
        self.count("rekening", len(level))
        for line, raw in zip(level, lines, strict=True):
            if raw["rincian"]:
                self.write_lines(anggaran, line, raw["rincian"])

    # -- results, PK, narratives ----------------------------------------------------------------
    def in_force(self, tahun: int | None) -> None:
        """Find elements by their keys in the version of the Renstra in force in ``tahun``."""
        chosen = self.versions[0][1] if self.versions else None
        for mulai, keys in self.versions[1:]:
            if tahun is not None and mulai <= tahun:
                chosen = keys
        if chosen is not None:
            self.tujuan, self.sasaran, self.indikator = (
                chosen["tujuan"], chosen["sasaran"], chosen["indikator"])
            self.program, self.sub_kegiatan = chosen["program"], chosen["sub_kegiatan"]

    def write_rest(self) -> None:
        problems = []
        for i, k in enumerate(self.ds.komponen_iku):
            self.in_force(k["tahun"])
            _, penyebut, _ = _cetak(k["penyebut"])
            pt, pv, _ = _cetak(k["pembilang_tercetak"])
            ht, hv, _ = _cetak(k["hasil_tercetak"])
            perhitungan = Perhitungan.objects.create(
                indikator=self.indikator[k["indikator"]], tahun=k["tahun"],
                penyebut_uraian=k["penyebut_uraian"],
                penyebut_teks=k["penyebut"].teks if k["penyebut"] else "", penyebut=penyebut,
                pembilang_tercetak_teks=pt, pembilang_tercetak=pv, hasil_tercetak_teks=ht,
                hasil_tercetak=hv, catatan=k["catatan"])
            for j, item in enumerate(k["item"]):
                sub = None
                if item["sub_kegiatan"]:
                    sub = self.sub_kegiatan.get(item["sub_kegiatan"])
                    if sub is None:
                        problems.append(f"komponen_iku[{i}].item[{j}].sub_kegiatan: sub kegiatan "
                                        f"{item['sub_kegiatan']} tidak ada di pohon program")
                teks, nilai, _ = _cetak(item["nilai"])
                parent = KomponenPerhitungan.objects.create(
                    perhitungan=perhitungan, nomor=item["nomor"], uraian=item["uraian"],
                    teks=teks, nilai=nilai, sub_kegiatan=sub, urutan=self.next(),
                    catatan=item["catatan"])
                KomponenPerhitungan.objects.bulk_create(
                    KomponenPerhitungan(perhitungan=perhitungan, induk=parent,
                                        nomor=r["nomor"], uraian=r["uraian"],
                                        teks=_cetak(r["nilai"])[0], nilai=_cetak(r["nilai"])[1],
                                        urutan=self.next(), catatan=r["catatan"])
                    for r in item["rincian"])
        # In the file's order: a PK of the cascade comes after the PK above it (the reader
        # checks), so that its rows can name the rows they serve.
        pks: list[tuple[PerjanjianKinerja, list[PerjanjianKinerjaBaris]]] = []
        for i, pk in enumerate(self.ds.perjanjian_kinerja):
            self.in_force(pk["tahun"])
            a, b = pk["pihak_pertama"], pk["pihak_kedua"]
            atasan, baris_atasan = pks[pk["atasan"] - 1] if pk["atasan"] else (None, [])
            obj = PerjanjianKinerja.objects.create(
                perangkat_daerah=self.opd, tahun=pk["tahun"], jenis=pk["jenis"],
                tingkat=pk["tingkat"].value, atasan=atasan,
                pejabat=self.pejabat[pk["pejabat"] - 1] if pk["pejabat"] else None,
                status=pk["status"], tanggal=pk["tanggal"],
                ditandatangani_pada=pk["ditandatangani_pada"],
                tahun_tercetak=pk["tahun_tercetak"], catatan=pk["catatan"],
                pihak_pertama_nama=a["nama"], pihak_pertama_jabatan=a["jabatan"],
                pihak_pertama_nip=a["nip"], pihak_pertama_pangkat=a["pangkat"],
                pihak_kedua_nama=b["nama"], pihak_kedua_jabatan=b["jabatan"],
                pihak_kedua_nip=b["nip"])
            rows = []
            for j, row in enumerate(pk["baris"]):
                teks, nilai, _ = _cetak(row["target"])
                rentang = _rentang(teks) if nilai is None else None
                if rentang is not None:
                    nilai = rentang.bawah
                rows.append(PerjanjianKinerjaBaris.objects.create(
                    perjanjian_kinerja=obj, sasaran=self.sasaran.get(row["sasaran"]),
                    sasaran_teks=row["sasaran_teks"], indikator=self.indikator.get(
                        row["indikator"]), indikator_teks=row["indikator_teks"],
                    satuan=row["satuan"],
                    melayani=baris_atasan[row["melayani"] - 1] if row["melayani"] else None,
                    target_teks=teks, target=nilai,
                    target_atas=rentang.atas if rentang else None, urutan=j))
            pks.append((obj, rows))
            for j, row in enumerate(pk["program"]):
                program = self.program.get(row["program"])
                if program is None:
                    problems.append(f"perjanjian_kinerja[{i}].program[{j}].program: program "
                                    f"{row['program']} tidak ada di pohon program")
                    continue
                PerjanjianKinerjaProgram.objects.create(perjanjian_kinerja=obj, program=program,
                                                        anggaran=row["anggaran"], urutan=j)
        Narasi.objects.bulk_create(
            Narasi(perangkat_daerah=self.opd, tahun=n["tahun"], kunci=n["kunci"],
                   judul=n["judul"], teks=n["teks"], asal=n["asal"]) for n in self.ds.narasi)
        self.count("narasi", len(self.ds.narasi))
        RealisasiAnggaranTriwulan.objects.bulk_create(self.anggaran_tw)
        self.count("realisasi_anggaran_triwulan", len(self.anggaran_tw))
        PelaporanTriwulan.objects.bulk_create(
            PelaporanTriwulan(perangkat_daerah=self.opd, tahun=p["tahun"],
                              triwulan=p["triwulan"], status=p["status"], catatan=p["catatan"])
            for p in self.ds.pelaporan_triwulan if p["status"] != "draft")
        self.count("pelaporan_triwulan", sum(p["status"] != "draft"
                                             for p in self.ds.pelaporan_triwulan))
        if problems:
            raise DatasetError(problems)

    def write_penetapan(self) -> None:
        """Establish each version the file says is established, once all of it (its targets
        too) is written: through ``plans.penetapan.tetapkan``, which freezes the document
        from what was loaded and records the penetapan with the dataset as its reason."""
        from akuntabel.plans.penetapan import tetapkan
        from akuntabel.plans.structure import StructureError

        alasan = "dimuat dari berkas data" + (f" ({self.ds.sumber})" if self.ds.sumber else "")
        for renstra, p, tempat in self.penetapan:
            try:
                tetapkan(renstra, dasar_hukum=p["dasar_hukum"], tanggal_dasar_hukum=p["tanggal"],
                         alasan=alasan, user=None)
            except StructureError as err:
                raise DatasetError([f"{tempat}: {pesan}"
                                    for pesan in err.errors.values()]) from None

    def write_pemda_level(self, rpjmd: Rpjmd) -> None:
        """The pemda level through the ``daerah`` services, as the admin pemda, the OPD and
        Bappeda would enter it (their history rows say so): each Perkada named and not yet
        there, then each IKU this OPD is responsible for (created, or the OPD added to its
        responsible agencies), then the links of the OPD's indicators, proposed and decided;
        last, a kepala daerah's PK not yet there whose IKU are all in the database."""
        from akuntabel.daerah.models import Perkada
        from akuntabel.daerah.services import IkuError, buat_perkada

        alasan = "dimuat dari berkas data"
        perkada: dict[int, Perkada] = {}
        for i, p in enumerate(self.ds.perkada_iku):
            found = Perkada.objects.filter(rpjmd=rpjmd, berlaku_mulai=p["berlaku_mulai"]).first()
            if found is None:
                try:
                    found = buat_perkada(rpjmd, nomor=p["nomor"], tanggal=p["tanggal"],
                                         tentang=p["tentang"], berlaku_mulai=p["berlaku_mulai"],
                                         user=None, alasan=alasan)
                except IkuError as err:
                    raise DatasetError(_iku_errors(f"perkada_iku[{i}]", err)) from None
            elif (found.nomor, found.tanggal, found.tentang) != (p["nomor"], p["tanggal"],
                                                                 p["tentang"]):
                raise DatasetError([
                    f"perkada_iku[{i}]: Perkada yang berlaku mulai {p['berlaku_mulai']} sudah "
                    f"ada ({found.nomor}) dengan nomor, tanggal atau isi berbeda; ubah lewat "
                    "aplikasi"])
            perkada[p["berlaku_mulai"]] = found
        for i, node in enumerate(self.ds.iku_daerah):
            self.write_iku(f"iku_daerah[{i}]", perkada[node["perkada"]], node, alasan)
        self.count("iku_daerah", len(self.ds.iku_daerah))
        self.write_pk_daerah(perkada)

    def write_iku(self, tp: str, perkada: Any, node: Node, alasan: str) -> None:
        from akuntabel.daerah.models import IkuDaerah, TautanIku
        from akuntabel.daerah.services import (
            IkuError,
            putuskan_tautan,
            simpan_iku,
            usulkan_tautan,
        )

        iku = IkuDaerah.objects.filter(perkada=perkada, urutan=node["urutan"]).first()
        sasaran = self.sasaran_daerah[node["sasaran_daerah"]]
        fields = {k: node[k] for k in ("kode", "uraian", "definisi", "rumus", "satuan",
                                       "polaritas", "metode_turun", "agregasi", "sumber_data")}
        targets = {t: v for t, v in node["target"].items() if v}
        data: dict[str, Any] = {**fields, "sasaran_daerah": str(sasaran.pk),
                                **{f"target_{t}": v for t, v in targets.items()}}
        try:
            if iku is None:
                iku = simpan_iku(perkada, {**data, "penanggung_jawab": [str(self.opd.pk)]},
                                 user=None, alasan=alasan, urutan=node["urutan"])
            else:
                there = ({k: getattr(iku, k) for k in fields}, iku.sasaran_daerah_id,
                         {t.tahun: t.teks for t in iku.target.all()})
                if there != (fields, sasaran.pk, targets):
                    raise DatasetError([
                        f"{tp}: IKU nomor {node['urutan']} Perkada {perkada.nomor} sudah ada "
                        f"(“{iku.uraian}”) dengan isi atau target berbeda; samakan berkas "
                        "dengan aplikasi"])
                pj = set(iku.penanggung_jawab.values_list("pk", flat=True))
                if self.opd.pk not in pj:
                    simpan_iku(perkada, {**data, "penanggung_jawab": [
                        str(x) for x in sorted(pj | {self.opd.pk})]}, user=None, iku=iku,
                        alasan=alasan)
            self.in_force(perkada.berlaku_mulai)
            for j, t in enumerate(node["tautan"]):
                where = f"{tp}.tautan[{j}]"
                indikator = self.indikator.get(t["indikator"])
                if indikator is None:
                    raise DatasetError([f"{where}.indikator: indikator {t['indikator']!r} tidak "
                                        "ada dalam Renstra yang berlaku tahun "
                                        f"{perkada.berlaku_mulai}"])
                tautan = usulkan_tautan(iku, indikator, nama=t["nama"], catatan=t["catatan"],
                                        user=None)
                if t["status"] != TautanIku.Status.DIUSULKAN:
                    putuskan_tautan(tautan, setuju=t["status"] == TautanIku.Status.DISETUJUI,
                                    catatan=t["catatan_verifikasi"], user=None)
        except IkuError as err:
            raise DatasetError(_iku_errors(tp, err)) from None

    def write_pk_daerah(self, perkada: dict[int, Any]) -> None:
        """The kepala daerah's PK of the RPJMD's years, the pemda's (in every OPD's file):
        created, as a load creates the OPD's own PK, by the first file loaded once every IKU
        its rows name is in the database; a pemda that has any such PK keeps its own."""
        from akuntabel.daerah.models import IkuDaerah, PkDaerah, PkDaerahBaris

        pemda = self.opd.pemda
        if not self.ds.pk_daerah or PkDaerah.objects.filter(
                pemda=pemda, tahun__in={p["tahun"] for p in self.ds.pk_daerah}).exists():
            return
        iku = {(m, u): IkuDaerah.objects.filter(perkada=perkada.get(m), urutan=u).first()
               for p in self.ds.pk_daerah for m, u in (b["iku"] for b in p["baris"] if b["iku"])}
        if None in iku.values():
            return   # a later file, of the OPD responsible for the rest, creates it
        made: list[PkDaerah] = []
        for pk in self.ds.pk_daerah:
            kd = pk["kepala_daerah"]
            obj = PkDaerah.objects.create(
                pemda=pemda, tahun=pk["tahun"], jenis=pk["jenis"], status=pk["status"],
                perkada=perkada.get(pk["perkada"]),
                menggantikan=made[pk["menggantikan"] - 1] if pk["menggantikan"] else None,
                alasan_perubahan=pk["alasan_perubahan"], tanggal=pk["tanggal"],
                kepala_nama=kd["nama"], kepala_jabatan=kd["jabatan"], kepala_nip=kd["nip"],
                ditandatangani_pada=pk["ditandatangani_pada"],
                alasan_tanda_tangan=pk["alasan_tanda_tangan"])
            rows = []
            for j, b in enumerate(pk["baris"], start=1):
                teks, nilai, _ = _cetak(b["target"])
                rentang = _rentang(teks) if nilai is None else None
                rows.append(PkDaerahBaris(
                    pk_daerah=obj, iku=iku[b["iku"]] if b["iku"] else None,
                    uraian_sasaran=b["sasaran"], uraian_iku=b["uraian"], satuan=b["satuan"],
                    target_teks=teks, target=rentang.bawah if rentang else nilai,
                    target_atas=rentang.atas if rentang else None, urutan=j))
            PkDaerahBaris.objects.bulk_create(rows)
            made.append(obj)
        self.count("pk_daerah", len(made))


def _indikator_dari(node: Node, tujuan: TujuanDaerah) -> Any:
    """The indicator a file's node describes, unsaved, in the shape the writer reads (its
    ``target`` and ``realisasi`` as plain lists), to compare it with one in the database."""
    from types import SimpleNamespace

    def rows(items: list[Any]) -> Any:
        return SimpleNamespace(all=lambda: items)

    return SimpleNamespace(
        kode=node["kode"], uraian=node["uraian"], satuan=node["satuan"],
        definisi=node["definisi"], polaritas=node["polaritas"],
        metode_turun=node["metode_turun"], sumber_data=node["sumber_data"],
        kondisi_awal_tahun=node["kondisi_awal_tahun"], kondisi_awal_teks=node["kondisi_awal"],
        kondisi_akhir_teks=node["kondisi_akhir"],
        target=rows([SimpleNamespace(tahun=th, teks=t) for th, t in node["target"].items()
                     if t]),
        realisasi=rows([SimpleNamespace(tahun=th, teks=r["teks"], sumber=r["sumber"])
                        for th, r in node["realisasi"].items()]))


def _iku_errors(tempat: str, err: Any) -> list[str]:
    """An ``IkuError`` of the daerah services (one message per field) as the reader's
    problems, each with its place."""
    return [f"{tempat}.{k}: {v}" for k, v in err.errors.items()]


def _keep(by_key: dict[str, Any], raw: Node, obj: Any) -> None:
    """Remember ``obj`` under the keys the file names it by (its kode and its kunci)."""
    for key in (raw["kode"], raw.get("kunci")):
        if key:
            by_key[key] = obj


def _edisi(kode: str, tempat: str) -> EdisiReferensi | None:
    """The nomenclature edition named ``kode``; DatasetError when the database lacks it."""
    if not kode:
        return None
    edisi = EdisiReferensi.objects.filter(
        kode=kode, daftar=EdisiReferensi.Daftar.NOMENKLATUR).first()
    if edisi is None:
        raise DatasetError([f"{tempat}: edisi daftar nomenklatur {kode!r} tidak ada di basis "
                            "data; muat dulu daftar kode dengan 'akuntabel referensi'"])
    return edisi


def _set_pemda_plan(pemda: Pemda, p: Node) -> None:
    """A new pemda's planning settings from the file: the code list edition it plans with and
    its USG scale. An existing pemda keeps its own (its administrator sets them); security
    settings (the second factor, session limits) are never in a dataset."""
    edisi = _edisi(p["edisi_referensi"], "pemda.edisi_referensi")
    if edisi is not None:
        pemda.edisi_referensi = edisi
        pemda.save(update_fields=["edisi_referensi"])
    if p["skala_usg"] is not None:
        SkalaUsg.objects.create(pemda=pemda, nilai_min=p["skala_usg"][0],
                                nilai_maks=p["skala_usg"][1])


def _clear_opd_data(opd: PerangkatDaerah) -> None:
    """Delete everything a dataset holds for ``opd``, keeping the OPD row itself."""
    PerjanjianKinerja.objects.filter(perangkat_daerah=opd).delete()
    Dpa.objects.filter(perangkat_daerah=opd).delete()
    AnggaranTercetak.objects.filter(perangkat_daerah=opd).delete()
    Indikator.objects.filter(perangkat_daerah=opd).delete()
    # Every version goes: the link from a Renstra perubahan to the version it changes (which
    # protects that version) is cut first.
    Renstra.objects.filter(perangkat_daerah=opd).update(versi_dari=None)
    Renstra.objects.filter(perangkat_daerah=opd).delete()
    Narasi.objects.filter(perangkat_daerah=opd).delete()
    Pejabat.objects.filter(perangkat_daerah=opd).delete()
    PelaporanTriwulan.objects.filter(perangkat_daerah=opd).delete()


def load_dataset(ds: Dataset, replace: bool = False) -> LoadResult:
    """Write ``ds`` in one transaction. An OPD already present is replaced only when asked."""
    p = ds.pemda
    o = ds.opd
    with transaction.atomic():
        pemda, created = Pemda.objects.get_or_create(
            kode=p["kode"],
            defaults={"nama": p["nama"], "jenis": p["jenis"], "provinsi": p["provinsi"],
                      "kepala_daerah_jabatan": p["kepala_daerah"]["jabatan"],
                      "kepala_daerah_nama": p["kepala_daerah"]["nama"],
                      "kepala_daerah_nip": p["kepala_daerah"]["nip"]})
        if not created and pemda.nama != p["nama"]:
            raise DatasetError([f"pemda.kode: {p['kode']!r} sudah dipakai oleh pemda "
                                f"{pemda.nama!r}, bukan {p['nama']!r}"])
        if created:
            _set_pemda_plan(pemda, p)
        fields = {"nama": o["nama"], "singkatan": o["singkatan"],
                  "bidang_urusan": o["bidang_urusan"], "tipe": o["tipe"],
                  "dasar_hukum": o["dasar_hukum"], "tugas": o["tugas"], "fungsi": o["fungsi"],
                  "catatan": o["catatan"]}
        opd = PerangkatDaerah.objects.filter(pemda=pemda, kode=o["kode"]).first()
        if opd is not None:
            if not replace:
                raise DatasetError([f"opd.kode: perangkat daerah {o['kode']!r} sudah ada di "
                                    f"{pemda.nama}; gunakan --ganti untuk menggantinya"])
            # Replace the OPD's data, not the OPD: its users' memberships and the reviu
            # explanations (an audit record) stay.
            _clear_opd_data(opd)
            PerangkatDaerah.objects.filter(pk=opd.pk).update(**fields)
            opd.refresh_from_db()
        else:
            opd = PerangkatDaerah.objects.create(pemda=pemda, kode=o["kode"], **fields)
        Pejabat.objects.bulk_create(
            Pejabat(perangkat_daerah=opd, peran=x["peran"], nama=x["nama"], nip=x["nip"],
                    pangkat=x["pangkat"], golongan=x["golongan"], jabatan=x["jabatan"],
                    urutan=i, catatan=x["catatan"])
            for i, x in enumerate(o["pejabat"]))
        writer = _Writer(ds, opd)
        renstra = writer.write_plan()
        if renstra is not None:
            writer.write_tree(renstra, ds.program)
            for v in ds.perubahan:
                renstra = writer.write_perubahan(renstra, v)
        writer.write_anggaran_tercetak()
        writer.write_rest()
        if renstra is not None:
            writer.write_pemda_level(renstra.rpjmd)
        Target.objects.bulk_create(writer.targets)
        Realisasi.objects.bulk_create(writer.realisasi)
        CapaianTercetak.objects.bulk_create(writer.capaian)
        writer.count("target", len(writer.targets))
        writer.count("realisasi", len(writer.realisasi))
        writer.write_penetapan()
    return LoadResult(perangkat_daerah=opd, counts=writer.counts)


def find_opd(ds: Dataset) -> PerangkatDaerah | None:
    """The OPD ``ds`` would load into, when it is already in the database."""
    opd: PerangkatDaerah | None = (
        PerangkatDaerah.objects.filter(pemda__kode=ds.pemda["kode"], kode=ds.opd["kode"])
        .select_related("pemda").first())
    return opd


def count_opd_data(opd: PerangkatDaerah) -> dict[str, int]:
    """What ``opd`` holds, per kind: what a load with ``replace`` deletes (and then writes).
    Users' entries are among them: a realisasi typed in the grid is a ``realisasi``."""
    from akuntabel.budget.models import RealisasiAnggaranTriwulan
    from akuntabel.results.models import BuktiDukung

    return {
        "tujuan": Tujuan.objects.filter(renstra__perangkat_daerah=opd).count(),
        "sasaran": Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=opd).count(),
        "program": Program.objects.filter(renstra__perangkat_daerah=opd).count(),
        "kegiatan": Kegiatan.objects.filter(program__renstra__perangkat_daerah=opd).count(),
        "sub_kegiatan": SubKegiatan.objects.filter(
            kegiatan__program__renstra__perangkat_daerah=opd).count(),
        "indikator": Indikator.objects.filter(perangkat_daerah=opd).count(),
        "target": Target.objects.filter(indikator__perangkat_daerah=opd).count(),
        "realisasi": Realisasi.objects.filter(indikator__perangkat_daerah=opd).count(),
        "bukti_dukung": BuktiDukung.objects.filter(
            realisasi__indikator__perangkat_daerah=opd).count(),
        "komponen_iku": Perhitungan.objects.filter(indikator__perangkat_daerah=opd).count(),
        "rekening": DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd).count(),
        "realisasi_anggaran_triwulan": RealisasiAnggaranTriwulan.objects.filter(
            dpa_sub_kegiatan__dpa__perangkat_daerah=opd).count(),
        "perjanjian_kinerja": PerjanjianKinerja.objects.filter(perangkat_daerah=opd).count(),
        "narasi": Narasi.objects.filter(perangkat_daerah=opd).count(),
        "pelaporan_triwulan": PelaporanTriwulan.objects.filter(perangkat_daerah=opd).exclude(
            status=PelaporanTriwulan.Status.DRAFT).count(),
    }


class _TrialOnly(Exception):
    """Raised inside a trial load so that its transaction is rolled back."""


def preview_load(ds: Dataset) -> dict[str, int]:
    """What loading ``ds`` (replacing its OPD's data) would leave in the OPD, counted as
    ``count_opd_data`` counts it. The load is tried and rolled back: nothing is kept, and a
    dataset that would fail while loading fails here with the same DatasetError."""
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            counts = count_opd_data(load_dataset(ds, replace=True).perangkat_daerah)
            raise _TrialOnly
    except _TrialOnly:
        pass
    return counts
