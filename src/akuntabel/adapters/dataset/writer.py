"""Write one perangkat daerah back into the dataset format (docs/dataset-format.md).

Values go out as they were printed or entered (``teks``), so that an export loads back into
the same data: ``load(export(x))`` then ``export`` again gives the same file. An export ends
with the count of what it holds (``jumlah``) and says so at its top (``jumlah_di_akhir``), so
that a copy cut short is refused by the reader instead of replacing an OPD's data.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from akuntabel.adapters.dataset.reader import FORMAT, count_contents
from akuntabel.adapters.dataset.yamlio import dump_yaml
from akuntabel.budget.models import AnggaranTercetak, DpaLine, DpaSubKegiatan
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import (
    Indikator,
    PerjanjianKinerja,
    Program,
    Renstra,
    RenstraAnggaran,
    Target,
)
from akuntabel.reports.models import Narasi
from akuntabel.results.models import CapaianTercetak, Perhitungan, Realisasi


def _none(value: str) -> str | None:
    return value or None


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    """Set a key only when it carries something, to keep the file as small as it was."""
    if value not in (None, "", [], {}):
        d[key] = value


class _Exporter:
    def __init__(self, opd: PerangkatDaerah):
        self.opd = opd
        self.targets: dict[int, list[Target]] = defaultdict(list)
        for t in Target.objects.filter(indikator__perangkat_daerah=opd).order_by(
                "jenis", "tahun", "triwulan"):
            self.targets[t.indikator_id].append(t)
        self.realisasi: dict[int, list[Realisasi]] = defaultdict(list)
        for r in Realisasi.objects.filter(indikator__perangkat_daerah=opd).order_by(
                "tahun", "triwulan"):
            self.realisasi[r.indikator_id].append(r)
        self.capaian: dict[int, dict[int, str]] = defaultdict(dict)
        for c in CapaianTercetak.objects.filter(indikator__perangkat_daerah=opd).order_by(
                "tahun"):
            self.capaian[c.indikator_id][c.tahun] = c.teks
        self.indikator: dict[tuple[str, int], list[Indikator]] = defaultdict(list)
        for i in Indikator.objects.filter(perangkat_daerah=opd).order_by("urutan"):
            node_field = next(f for f in ("tujuan", "sasaran", "program", "kegiatan",
                                          "sub_kegiatan") if getattr(i, f"{f}_id"))
            self.indikator[(node_field, getattr(i, f"{node_field}_id"))].append(i)

    def indikator_list(self, field: str, pk: int) -> list[dict[str, Any]]:
        return [self.one_indikator(i) for i in self.indikator.get((field, pk), [])]

    def one_indikator(self, i: Indikator) -> dict[str, Any]:
        d: dict[str, Any] = {}
        _put(d, "kode", i.kode)
        d["uraian"] = _none(i.uraian)
        _put(d, "uraian_tercetak", i.uraian_tercetak)
        _put(d, "nomor_tercetak", i.nomor_tercetak)
        _put(d, "satuan", i.satuan)
        d["polaritas"] = i.polaritas
        if i.polaritas == "turun":
            d["metode_turun"] = i.metode_turun
        d["agregasi"] = i.agregasi
        d["iku"] = i.iku
        _put(d, "formula", i.formula)
        _put(d, "sumber_data", i.sumber_data)
        if i.kondisi_awal_teks or i.kondisi_awal_tahun:
            d["kondisi_awal"] = {"tahun": i.kondisi_awal_tahun,
                                 "nilai": _none(i.kondisi_awal_teks)}
        _put(d, "kondisi_akhir", i.kondisi_akhir_teks)
        target: dict[str, dict[int, str]] = {}
        target_tw: dict[int, dict[int, str]] = {}
        for t in self.targets.get(i.pk, []):
            if t.triwulan:
                target_tw.setdefault(t.tahun, {})[t.triwulan] = t.teks
            else:
                target.setdefault(t.jenis, {})[t.tahun] = t.teks
        _put(d, "target", target)
        _put(d, "target_triwulan", target_tw)
        realisasi: dict[int, str] = {}
        realisasi_tw: dict[int, dict[int, str]] = {}
        for r in self.realisasi.get(i.pk, []):
            if r.triwulan:
                realisasi_tw.setdefault(r.tahun, {})[r.triwulan] = r.teks
            else:
                realisasi[r.tahun] = r.teks
        _put(d, "realisasi", realisasi)
        _put(d, "realisasi_triwulan", realisasi_tw)
        _put(d, "capaian", self.capaian.get(i.pk))
        _put(d, "catatan", i.catatan)
        return d

    def export(self) -> dict[str, Any]:
        opd = self.opd
        pemda = opd.pemda
        renstra = Renstra.objects.filter(perangkat_daerah=opd).order_by("-tahun_awal").first()
        doc: dict[str, Any] = {"format": FORMAT, "jumlah_di_akhir": True,
                               "sumber": f"Akuntabel: {opd.nama}, {pemda.nama}"}
        doc["pemda"] = {"kode": pemda.kode, "nama": pemda.nama, "jenis": pemda.jenis,
                        "provinsi": _none(pemda.provinsi),
                        "kepala_daerah": {"jabatan": pemda.kepala_daerah_jabatan,
                                          "nama": _none(pemda.kepala_daerah_nama),
                                          "nip": _none(pemda.kepala_daerah_nip)}}
        o: dict[str, Any] = {"kode": opd.kode, "nama": opd.nama}
        _put(o, "singkatan", opd.singkatan)
        _put(o, "bidang_urusan", opd.bidang_urusan)
        _put(o, "tipe", opd.tipe)
        _put(o, "dasar_hukum", opd.dasar_hukum)
        _put(o, "tugas", opd.tugas)
        _put(o, "fungsi", opd.fungsi)
        _put(o, "catatan", opd.catatan)
        pejabat = []
        for p in opd.pejabat.all():
            pd = {"peran": p.peran, "nama": p.nama, "nip": _none(p.nip),
                  "pangkat": _none(p.pangkat), "golongan": _none(p.golongan),
                  "jabatan": p.jabatan}
            _put(pd, "catatan", p.catatan)
            pejabat.append(pd)
        o["pejabat"] = pejabat
        doc["opd"] = o
        if renstra is None:
            return doc
        rpjmd = renstra.rpjmd
        doc["rpjmd"] = {"tahun_awal": rpjmd.tahun_awal, "tahun_akhir": rpjmd.tahun_akhir,
                        "dasar_hukum": _none(rpjmd.dasar_hukum), "visi": rpjmd.visi,
                        "misi": [{"nomor": m.nomor, "uraian": m.uraian}
                                 for m in rpjmd.misi.all()]}
        doc["renstra"] = self.export_renstra(renstra)
        doc["program"] = self.export_program(renstra)
        doc["komponen_iku"] = self.export_komponen()
        doc["perjanjian_kinerja"] = self.export_pk()
        doc["isu_strategis"] = [
            {"uraian": x.uraian, "misi": x.misi_nomor,
             **{k: (str(v).rstrip("0").rstrip(".") if v is not None else None)
                for k, v in (("urgensi", x.urgensi), ("keseriusan", x.keseriusan),
                             ("pertumbuhan", x.pertumbuhan))},
             "prioritas": x.prioritas,
             **({"alasan_prioritas": x.alasan_prioritas} if x.alasan_prioritas else {}),
             **{k: codes for k, codes in (
                 ("tujuan", [t.kode for t in x.tujuan.all() if t.kode]),
                 ("sasaran", [s.kode for s in x.sasaran.all() if s.kode])) if codes},
             **({"catatan": x.catatan} if x.catatan else {})}
            for x in renstra.isu_strategis.all()]
        doc["anggaran_tercetak"] = [
            {"tempat": a.tempat, "tahun": a.tahun, "pagu": _none(a.pagu_teks),
             "realisasi": _none(a.realisasi_teks),
             **({"serapan_tercetak": a.serapan_teks} if a.serapan_teks else {}),
             **({"catatan": a.catatan} if a.catatan else {})}
            for a in AnggaranTercetak.objects.filter(
                perangkat_daerah=opd, program__isnull=True, kegiatan__isnull=True)
            .order_by("urutan")]
        doc["narasi"] = [{"kunci": n.kunci, "tahun": n.tahun, "judul": n.judul, "teks": n.teks,
                          **({"asal": n.asal} if n.asal != Narasi.Asal.TERCETAK else {})}
                         for n in Narasi.objects.filter(perangkat_daerah=opd).order_by("id")]
        return doc

    def export_renstra(self, renstra: Renstra) -> dict[str, Any]:
        r: dict[str, Any] = {"tahun_awal": renstra.tahun_awal, "tahun_akhir": renstra.tahun_akhir,
                             "misi": [m.nomor for m in renstra.misi.order_by("nomor")]}
        _put(r, "tabel_tahun_tercetak", renstra.tabel_tahun_tercetak)
        _put(r, "catatan", renstra.catatan)
        tujuan_list = []
        for t in renstra.tujuan.all():
            td: dict[str, Any] = {}
            _put(td, "kode", t.kode)
            td["uraian"] = t.uraian
            _put(td, "uraian_tercetak", t.uraian_tercetak)
            _put(td, "catatan", t.catatan)
            _put(td, "indikator", self.indikator_list("tujuan", t.pk))
            sasaran = []
            for s in t.sasaran.all():
                sd: dict[str, Any] = {}
                _put(sd, "kode", s.kode)
                sd["uraian"] = s.uraian
                _put(sd, "uraian_tercetak", s.uraian_tercetak)
                _put(sd, "catatan", s.catatan)
                _put(sd, "indikator", self.indikator_list("sasaran", s.pk))
                sasaran.append(sd)
            _put(td, "sasaran", sasaran)
            tujuan_list.append(td)
        r["tujuan"] = tujuan_list
        strategi = list(renstra.strategi.select_related("sasaran"))
        r["strategi"] = [{"uraian": s.uraian, "sasaran": s.sasaran.kode if s.sasaran else None}
                         for s in strategi]
        position = {s.pk: i + 1 for i, s in enumerate(strategi)}
        r["arah_kebijakan"] = [{"uraian": a.uraian,
                                "strategi": position.get(a.strategi_id) if a.strategi_id else None}
                               for a in renstra.arah_kebijakan.all()]
        return r

    def export_program(self, renstra: Renstra) -> list[dict[str, Any]]:
        printed: dict[tuple[str, int], dict[int, dict[str, Any]]] = defaultdict(dict)
        for a in AnggaranTercetak.objects.filter(perangkat_daerah=self.opd,
                                                 tempat=AnggaranTercetak.TABEL_ANGGARAN):
            field = "program" if a.program_id else "kegiatan"
            printed[(field, a.program_id or a.kegiatan_id)][a.tahun] = {
                "pagu": _none(a.pagu_teks), "realisasi": _none(a.realisasi_teks)}
            _put(printed[(field, a.program_id or a.kegiatan_id)][a.tahun], "serapan",
                 a.serapan_teks)
        renstra_anggaran: dict[tuple[str, int], dict[int, dict[str, Any]]] = defaultdict(dict)
        for ra in RenstraAnggaran.objects.filter(
                **{"program__renstra": renstra}) | RenstraAnggaran.objects.filter(
                kegiatan__program__renstra=renstra) | RenstraAnggaran.objects.filter(
                sub_kegiatan__kegiatan__program__renstra=renstra):
            field = next(f for f in ("program", "kegiatan", "sub_kegiatan")
                         if getattr(ra, f"{f}_id"))
            renstra_anggaran[(field, getattr(ra, f"{field}_id"))][ra.tahun] = {
                "target": _none(ra.target_teks), "realisasi": _none(ra.realisasi_teks),
                "realisasi_kinerja": _none(ra.realisasi_kinerja_teks)}
        dpa: dict[int, dict[int, DpaSubKegiatan]] = defaultdict(dict)
        for a in DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=self.opd).select_related(
                "dpa"):
            dpa[a.sub_kegiatan_id][a.dpa.tahun] = a
        lines: dict[int, list[DpaLine]] = defaultdict(list)
        for line in DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=self.opd).order_by(
                "urutan"):
            lines[line.anggaran_id].append(line)

        def base(node: Any, field: str) -> dict[str, Any]:
            d: dict[str, Any] = {"kode": _none(node.kode), "nama": node.nama}
            _put(d, "nama_tercetak", node.nama_tercetak)
            _put(d, "aktif", node.aktif_tahun)
            if field == "program" and node.sasaran_id:
                d["sasaran"] = node.sasaran.kode or None
            _put(d, "catatan", node.catatan)
            _put(d, "indikator", self.indikator_list(field, node.pk))
            _put(d, "anggaran", printed.get((field, node.pk)))
            _put(d, "renstra_anggaran", renstra_anggaran.get((field, node.pk)))
            return d

        def line_tree(anggaran_pk: int) -> list[dict[str, Any]]:
            children: dict[int | None, list[DpaLine]] = defaultdict(list)
            for line in lines.get(anggaran_pk, []):
                children[line.induk_id].append(line)

            def build(parent: int | None) -> list[dict[str, Any]]:
                out = []
                for line in children.get(parent, []):
                    d: dict[str, Any] = {"kode": _none(line.kode_rekening),
                                         "uraian": line.uraian}
                    _put(d, "uraian_tercetak", line.uraian_tercetak)
                    d |= {"pagu": _none(line.pagu_teks), "realisasi": _none(line.realisasi_teks)}
                    _put(d, "serapan", line.serapan_teks)
                    _put(d, "catatan", line.catatan)
                    _put(d, "rincian", build(line.pk))
                    out.append(d)
                return out

            return build(None)

        result = []
        for p in Program.objects.filter(renstra=renstra).select_related("sasaran"):
            pd = base(p, "program")
            kegiatan = []
            for k in p.kegiatan.all():
                kd = base(k, "kegiatan")
                subs = []
                for s in k.sub_kegiatan.all():
                    sd = base(s, "sub_kegiatan")
                    anggaran = {tahun: {"pagu": _none(a.pagu_teks),
                                        "realisasi": _none(a.realisasi_teks),
                                        **({"serapan": a.serapan_teks} if a.serapan_teks
                                           else {})}
                                for tahun, a in sorted(dpa.get(s.pk, {}).items())
                                if a.pagu_teks or a.realisasi_teks or a.serapan_teks}
                    _put(sd, "anggaran", anggaran)
                    rekening = {tahun: line_tree(a.pk)
                                for tahun, a in sorted(dpa.get(s.pk, {}).items())}
                    _put(sd, "rekening", {t: v for t, v in rekening.items() if v})
                    subs.append(sd)
                _put(kd, "sub_kegiatan", subs)
                kegiatan.append(kd)
            _put(pd, "kegiatan", kegiatan)
            result.append(pd)
        return result

    def export_komponen(self) -> list[dict[str, Any]]:
        out = []
        for p in Perhitungan.objects.filter(indikator__perangkat_daerah=self.opd).select_related(
                "indikator"):
            items = []
            komponen = list(p.komponen.select_related("sub_kegiatan").order_by("urutan"))
            children: dict[int, list[Any]] = defaultdict(list)
            for k in komponen:
                if k.induk_id:
                    children[k.induk_id].append(k)
            for k in komponen:
                if k.induk_id:
                    continue
                sub_kegiatan = k.sub_kegiatan.kode if k.sub_kegiatan else None
                d: dict[str, Any] = {"nomor": _none(k.nomor), "uraian": k.uraian,
                                     "nilai": _none(k.teks), "sub_kegiatan": sub_kegiatan}
                _put(d, "catatan", k.catatan)
                rincian = []
                for r in children.get(k.pk, []):
                    rd: dict[str, Any] = {"uraian": r.uraian, "nilai": _none(r.teks)}
                    _put(rd, "nomor", r.nomor)
                    _put(rd, "catatan", r.catatan)
                    rincian.append(rd)
                _put(d, "rincian", rincian)
                items.append(d)
            kd: dict[str, Any] = {
                "indikator": p.indikator.kode, "tahun": p.tahun,
                "penyebut": {"uraian": p.penyebut_uraian, "nilai": _none(p.penyebut_teks)},
                "pembilang_tercetak": _none(p.pembilang_tercetak_teks),
                "hasil_tercetak": _none(p.hasil_tercetak_teks), "item": items}
            _put(kd, "catatan", p.catatan)
            out.append(kd)
        return out

    def export_pk(self) -> list[dict[str, Any]]:
        out = []
        # The kepala's PK only: the dataset format has no place yet for the cascade below.
        for pk in PerjanjianKinerja.objects.filter(perangkat_daerah=self.opd,
                                                   tingkat=PerjanjianKinerja.Tingkat.KEPALA):
            d: dict[str, Any] = {"tahun": pk.tahun, "jenis": pk.jenis}
            _put(d, "tahun_tercetak", pk.tahun_tercetak)
            d["pihak_pertama"] = {"nama": _none(pk.pihak_pertama_nama),
                                  "jabatan": _none(pk.pihak_pertama_jabatan),
                                  "nip": _none(pk.pihak_pertama_nip),
                                  "pangkat": _none(pk.pihak_pertama_pangkat)}
            d["pihak_kedua"] = {"nama": _none(pk.pihak_kedua_nama),
                                "jabatan": _none(pk.pihak_kedua_jabatan),
                                "nip": _none(pk.pihak_kedua_nip)}
            _put(d, "catatan", pk.catatan)
            d["baris"] = [{"sasaran": b.sasaran.kode, "indikator": b.indikator.kode,
                           "target": _none(b.target_teks)}
                          for b in pk.baris.select_related("sasaran", "indikator")]
            d["program"] = [{"program": p.program.kode,
                             "anggaran": (format_angka(p.anggaran, 0)
                                          if p.anggaran is not None else None)}
                            for p in pk.program.select_related("program")]
            out.append(d)
        return out


def export_dataset(opd: PerangkatDaerah) -> dict[str, Any]:
    doc = _Exporter(opd).export()
    doc["jumlah"] = count_contents(doc)
    return doc


def export_dataset_yaml(opd: PerangkatDaerah) -> str:
    header = (f"# Akuntabel dataset: {opd.nama}, {opd.pemda.nama}. "
              "Format: docs/dataset-format.md\n")
    return header + dump_yaml(export_dataset(opd))
