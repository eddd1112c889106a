"""Write one perangkat daerah back into the dataset format (docs/dataset-format.md).

Values go out as they were printed or entered (``teks``), so that an export loads back into
the same data: ``load(export(x))`` then ``export`` again gives the same file. An export ends
with the count of what it holds (``jumlah``) and says so at its top (``jumlah_di_akhir``), so
that a copy cut short is refused by the reader instead of replacing an OPD's data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.timezone import localtime

from akuntabel.adapters.dataset.reader import FORMAT, DatasetError, count_contents
from akuntabel.adapters.dataset.yamlio import dump_yaml
from akuntabel.budget.models import (
    AnggaranTercetak,
    DpaLine,
    DpaSubKegiatan,
    RealisasiAnggaranTriwulan,
)
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import (
    Indikator,
    PerjanjianKinerja,
    Program,
    RenjaAnggaran,
    Renstra,
    RenstraAnggaran,
    Rpjmd,
    Sasaran,
    SkalaUsg,
    Target,
    Tujuan,
)
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.models import Narasi
from akuntabel.results.models import CapaianTercetak, Perhitungan, Realisasi


def _none(value: str) -> str | None:
    return value or None


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    """Set a key only when it carries something, to keep the file as small as it was."""
    if value not in (None, "", [], {}):
        d[key] = value


def _uang(teks: str, nilai: Any) -> str | None:
    """An amount as printed, or, entered in the application without a printed text, written
    the Indonesian way (``1.500.000.000``, ``1.250.000,5``): what the reader reads back."""
    if teks:
        return teks
    return format_angka(nilai) if nilai is not None else None


def _head(d: dict[str, Any], key: str, value: Any) -> None:
    """Put ``key`` at the head of the mapping ``d`` (a key the file refers to it by)."""
    items = [(k, v) for k, v in d.items() if k != key]
    d.clear()
    d[key] = value
    d.update(items)


@dataclass(frozen=True)
class _Named:
    """An element known by its id only, to ask ``_Exporter.key`` for its key."""

    pk: int
    kode: str = ""
    uraian: str = ""


def _key_of(d: dict[str, Any]) -> str | None:
    """The key an element is written with (its code, or its ``kunci``), if any."""
    return d.get("kode") or d.get("kunci")


# The kinds of element a Renstra perubahan names its counterpart of by key (kode or kunci),
# and those it names by their number in the version changed's list (they have no code).
KEYED = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan", "indikator")
BY_NUMBER = ("strategi", "arah_kebijakan", "isu_strategis")


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
        for i in Indikator.objects.filter(perangkat_daerah=opd).order_by("urutan", "id"):
            node_field = next(f for f in ("tujuan", "sasaran", "program", "kegiatan",
                                          "sub_kegiatan") if getattr(i, f"{f}_id"))
            self.indikator[(node_field, getattr(i, f"{node_field}_id"))].append(i)
        # What other parts of the file refer to (tujuan, sasaran, indicators, sasaran daerah):
        # their mapping in the file, to give one without a code a key (``kunci``) when it is
        # referred to; and the codes already in use, which a key must not take.
        self.written: dict[tuple[str, int], dict[str, Any]] = {}
        self.used: set[str] = {
            *(i.kode for items in self.indikator.values() for i in items),
            *Tujuan.objects.filter(renstra__perangkat_daerah=opd).values_list("kode", flat=True),
            *Sasaran.objects.filter(tujuan__renstra__perangkat_daerah=opd)
            .values_list("kode", flat=True)}
        self.used_daerah: set[str] = set()
        self.count: dict[str, int] = defaultdict(int)
        # The elements of each version written, in the file's order: (kind, renstra id) ->
        # their ids; ``versi`` is the version being written.
        self.owner: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.versi = 0
        self.versi_list: list[tuple[int, int]] = []   # (berlaku_mulai, id), first to latest
        self.keys_of: dict[tuple[str, int], tuple[set[int], set[Any]]] = {}  # for of_year

    def written_as(self, kind: str, obj: Any, d: dict[str, Any]) -> dict[str, Any]:
        self.written[(kind, obj.pk)] = d
        self.owner[(kind, self.versi)].append(obj.pk)
        return d

    def key(self, kind: str, obj: Any) -> str:
        """The key the file refers to ``obj`` by: its code, or a ``kunci`` made for it (and
        put at the head of its mapping) when it has none. DatasetError when ``obj`` is not in
        the file (an element of an earlier Renstra): a file naming it could not be loaded."""
        d = self.written.get((kind, obj.pk))
        if d is None:
            raise DatasetError([
                f"{kind.replace('_', ' ')} “{obj.uraian}” dirujuk (oleh PK, isu strategis atau "
                "perhitungan IKU) tetapi bukan bagian dari Renstra yang diekspor; berkas data "
                "memuat Renstra periode terakhir (dengan perubahannya), jadi berkas tidak ditulis"])
        if obj.kode:
            return str(obj.kode)
        if "kunci" not in d:
            used = self.used_daerah if kind.endswith("_daerah") else self.used
            while True:
                self.count[kind] += 1
                kunci = f"{kind.replace('_', '-')}-{self.count[kind]}"
                if kunci not in used:
                    break
            used.add(kunci)
            _head(d, "kunci", kunci)
        return str(d["kunci"])

    def of_year(self, kind: str, obj: Any, key: str, tahun: int, tempat: str) -> str:
        """``key``, the key of an element that what is of ``tahun`` refers to (a PK row, an IKU
        computation): the reader looks it up in the version of the Renstra in force that year.
        DatasetError when that version has no element of that key (``obj`` is of another
        version, and was removed or renumbered in the version of the year)."""
        if len(self.versi_list) < 2 or not key:
            return key
        versi = [pk for mulai, pk in self.versi_list if mulai <= tahun][-1:] or [
            self.versi_list[0][1]]
        if (kind, versi[0]) not in self.keys_of:
            pks = self.owner[(kind, versi[0])]
            self.keys_of[(kind, versi[0])] = (set(pks), {
                _key_of(self.written[(kind, pk)]) for pk in pks})
        pks_in, keys_in = self.keys_of[(kind, versi[0])]
        if obj.pk in pks_in or key in keys_in:
            return key
        mulai = next(m for m, pk in self.versi_list if pk == versi[0])
        nama = getattr(obj, "uraian", None) or getattr(obj, "nama", "")
        raise DatasetError([
            f"{tempat}: {kind.replace('_', ' ')} “{nama}” ({key}) tidak ada dalam Renstra versi "
            f"yang berlaku tahun {tahun} (berlaku mulai {mulai}): unsur itu milik versi lain "
            "dan telah dihapus atau diberi kode lain di versi itu; perbarui rujukannya ke "
            "Renstra yang berlaku, jadi berkas tidak ditulis"])

    def indikator_list(self, field: str, pk: int) -> list[dict[str, Any]]:
        return [self.one_indikator(i) for i in self.indikator.get((field, pk), [])]

    def one_indikator(self, i: Indikator) -> dict[str, Any]:
        d: dict[str, Any] = self.written_as("indikator", i, {})
        _put(d, "kode", i.kode)
        d["uraian"] = _none(i.uraian)
        _put(d, "uraian_tercetak", i.uraian_tercetak)
        _put(d, "definisi_operasional", i.definisi_operasional)
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
        renstra = (Renstra.objects.filter(perangkat_daerah=opd)
                   .order_by("-tahun_awal", "berlaku_mulai").first())
        versions = [] if renstra is None else list(
            Renstra.objects.filter(perangkat_daerah=opd, tahun_awal=renstra.tahun_awal)
            .exclude(pk=renstra.pk).order_by("berlaku_mulai"))
        doc: dict[str, Any] = {"format": FORMAT, "jumlah_di_akhir": True,
                               "sumber": f"Akuntabel: {opd.nama}, {pemda.nama}"}
        doc["pemda"] = {"kode": pemda.kode, "nama": pemda.nama, "jenis": pemda.jenis,
                        "provinsi": _none(pemda.provinsi),
                        "kepala_daerah": {"jabatan": pemda.kepala_daerah_jabatan,
                                          "nama": _none(pemda.kepala_daerah_nama),
                                          "nip": _none(pemda.kepala_daerah_nip)}}
        # The pemda's planning settings; its security settings (the second factor, session
        # limits) are the installation's, never a dataset's.
        if pemda.edisi_referensi_id:
            doc["pemda"]["edisi_referensi"] = pemda.edisi_referensi.kode
        skala = SkalaUsg.objects.filter(pemda=pemda).first()
        if skala is not None:
            doc["pemda"]["skala_usg"] = {"nilai_min": skala.nilai_min,
                                         "nilai_maks": skala.nilai_maks}
        o: dict[str, Any] = {"kode": opd.kode, "nama": opd.nama}
        _put(o, "singkatan", opd.singkatan)
        _put(o, "bidang_urusan", opd.bidang_urusan)
        _put(o, "tipe", opd.tipe)
        _put(o, "dasar_hukum", opd.dasar_hukum)
        _put(o, "tugas", opd.tugas)
        _put(o, "fungsi", opd.fungsi)
        _put(o, "catatan", opd.catatan)
        pejabat = []
        self.pejabat = {p.pk: i + 1 for i, p in enumerate(opd.pejabat.order_by("urutan", "id"))}
        for p in opd.pejabat.order_by("urutan", "id"):
            pd = {"peran": p.peran, "nama": p.nama, "nip": _none(p.nip),
                  "pangkat": _none(p.pangkat), "golongan": _none(p.golongan),
                  "jabatan": p.jabatan}
            _put(pd, "catatan", p.catatan)
            pejabat.append(pd)
        o["pejabat"] = pejabat
        doc["opd"] = o
        # An OPD before its plan has no Renstra: its file holds no RPJMD, plan or tree.
        if renstra is not None:
            doc["rpjmd"] = self.export_rpjmd(renstra.rpjmd)
            doc["renstra"] = self.export_renstra(renstra)
            doc["program"] = self.export_program(renstra)
            self.versi_list = [(r.berlaku_mulai, r.pk) for r in [renstra, *versions]]
            perubahan = [self.export_version(v) for v in versions]
            for v in versions:
                self.name_counterparts(v)
            _put(doc["renstra"], "perubahan", perubahan)
            doc["komponen_iku"] = self.export_komponen()
        doc["perjanjian_kinerja"] = self.export_pk()
        if renstra is not None:
            doc["isu_strategis"] = self.export_isu(renstra)
            for v, d in zip(versions, perubahan, strict=True):
                d["isu_strategis"] = self.export_isu(v)
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
        _put(doc, "pelaporan_triwulan", [
            {"tahun": p.tahun, "triwulan": p.triwulan, "status": p.status,
             **({"catatan": p.catatan} if p.catatan else {})}
            for p in PelaporanTriwulan.objects.filter(perangkat_daerah=opd)
            .exclude(status=PelaporanTriwulan.Status.DRAFT).order_by("tahun", "triwulan")])
        if renstra is not None:
            pemda_level = export_pemda_level(self, renstra.rpjmd)
            for key in ("perkada_iku", "iku_daerah", "pk_daerah"):
                _put(doc, key, pemda_level[key])
        return doc

    def export_rpjmd(self, rpjmd: Rpjmd) -> dict[str, Any]:
        """The pemda's RPJMD the Renstra sits under, with all its misi, tujuan and sasaran
        daerah (the pemda's, as its misi are: not only those the OPD serves)."""
        d: dict[str, Any] = {
            "tahun_awal": rpjmd.tahun_awal, "tahun_akhir": rpjmd.tahun_akhir,
            "dasar_hukum": _none(rpjmd.dasar_hukum), "visi": rpjmd.visi,
            "misi": [{"nomor": m.nomor, "uraian": m.uraian} for m in rpjmd.misi.all()]}
        tujuan = []
        for t in rpjmd.tujuan_daerah.select_related("misi").prefetch_related(
                "sasaran_daerah", "indikator__target", "indikator__realisasi"):
            td: dict[str, Any] = {}
            _put(td, "kode", t.kode)
            _put(td, "misi", t.misi.nomor if t.misi else None)
            td["uraian"] = t.uraian
            sasaran = []
            for s in t.sasaran_daerah.all():
                sd = self.written_as("sasaran_daerah", s, {})
                _put(sd, "kode", s.kode)
                sd["uraian"] = s.uraian
                sasaran.append(sd)
            _put(td, "sasaran", sasaran)
            _put(td, "indikator", [export_indikator_tujuan(i) for i in t.indikator.all()])
            tujuan.append(td)
        _put(d, "tujuan", tujuan)
        return d

    def export_version(self, v: Renstra) -> dict[str, Any]:
        """A Renstra perubahan: when and why it is in force, and its whole plan in the shape
        of the first version's (its strategic issues are added after the PK)."""
        d: dict[str, Any] = {"berlaku_mulai": v.berlaku_mulai, "dasar_hukum": v.dasar_hukum,
                             "tanggal_dasar_hukum": (v.tanggal_dasar_hukum.isoformat()
                                                     if v.tanggal_dasar_hukum else None),
                             "alasan": v.alasan_perubahan}
        plan = self.export_renstra(v)
        for key in ("tahun_awal", "tahun_akhir"):
            del plan[key]
        d.update(plan)
        d["program"] = self.export_program(v)
        return d

    def name_counterparts(self, v: Renstra) -> None:
        """Each element of the version ``v`` names its counterpart in the version it changes
        (``Renstra.asal_salinan``): by the same key (an uncoded pair gets one ``kunci``), by
        ``asal: <key>`` when their keys differ and ``asal: null`` when a new element has the
        key of one it does not continue; strategi and arah kebijakan by ``asal: <number>``."""
        asal = {k: {int(n): o for n, o in m.items()} for k, m in (v.asal_salinan or {}).items()}
        lama = v.versi_dari_id or 0
        for kind in KEYED:
            old_pks = set(self.owner[(kind, lama)])
            old_keys = {_key_of(self.written[(kind, pk)]) for pk in old_pks}
            for pk in self.owner[(kind, v.pk)]:
                d = self.written[(kind, pk)]
                old_pk = asal.get(kind, {}).get(pk)
                if old_pk not in old_pks:
                    if _key_of(d) in old_keys:
                        d["asal"] = None
                    continue
                old_key = _key_of(self.written[(kind, old_pk)]) or self.key(kind, _Named(old_pk))
                if not _key_of(d):
                    _head(d, "kunci", old_key)
                elif _key_of(d) != old_key:
                    d["asal"] = old_key
        for kind in ("strategi", "arah_kebijakan"):
            nomor = {pk: i + 1 for i, pk in enumerate(self.owner[(kind, lama)])}
            for pk in self.owner[(kind, v.pk)]:
                if (old_pk := asal.get(kind, {}).get(pk)) in nomor:
                    self.written[(kind, pk)]["asal"] = nomor[old_pk]

    def export_isu(self, renstra: Renstra) -> list[dict[str, Any]]:
        out = []
        asal = {int(n): o for n, o in (renstra.asal_salinan or {}).get("isu_strategis",
                                                                         {}).items()}
        nomor = {} if renstra.versi_dari_id is None else {
            pk: i + 1 for i, pk in enumerate(renstra.versi_dari.isu_strategis
                                             .values_list("pk", flat=True))}
        for x in renstra.isu_strategis.prefetch_related("tujuan", "sasaran"):
            d: dict[str, Any] = {"uraian": x.uraian, "misi": x.misi_nomor}
            _put(d, "asal", nomor.get(asal.get(x.pk, 0)))
            for k, v in (("urgensi", x.urgensi), ("keseriusan", x.keseriusan),
                         ("pertumbuhan", x.pertumbuhan)):
                d[k] = str(v).rstrip("0").rstrip(".") if v is not None else None
            d["prioritas"] = x.prioritas
            _put(d, "alasan_prioritas", x.alasan_prioritas)
            # The Renstra's tujuan and sasaran that answer the issue, by their keys.
            _put(d, "tujuan", [self.key("tujuan", t)
                               for t in sorted(x.tujuan.all(), key=lambda t: (t.urutan, t.pk))])
            _put(d, "sasaran", [self.key("sasaran", s) for s in
                                sorted(x.sasaran.all(), key=lambda s: (s.urutan, s.pk))])
            _put(d, "catatan", x.catatan)
            out.append(d)
        return out

    def export_renstra(self, renstra: Renstra) -> dict[str, Any]:
        self.versi = renstra.pk
        r: dict[str, Any] = {"tahun_awal": renstra.tahun_awal, "tahun_akhir": renstra.tahun_akhir,
                             "misi": [m.nomor for m in renstra.misi.order_by("nomor")]}
        if renstra.edisi_referensi_id:
            r["edisi_referensi"] = renstra.edisi_referensi.kode
        _put(r, "tabel_tahun_tercetak", renstra.tabel_tahun_tercetak)
        _put(r, "catatan", renstra.catatan)
        if renstra.status == Renstra.Status.DITETAPKAN:
            # the regulation it was established by; a load establishes it anew through
            # ``plans.penetapan`` (the frozen document and its hash are never in a file)
            r["penetapan"] = {"dasar_hukum": renstra.dasar_hukum,
                              "tanggal": renstra.tanggal_dasar_hukum.isoformat()
                              if renstra.tanggal_dasar_hukum else None}
        tujuan_list = []
        for t in renstra.tujuan.all():
            td: dict[str, Any] = self.written_as("tujuan", t, {})
            _put(td, "kode", t.kode)
            td["uraian"] = t.uraian
            _put(td, "uraian_tercetak", t.uraian_tercetak)
            _put(td, "catatan", t.catatan)
            _put(td, "indikator", self.indikator_list("tujuan", t.pk))
            sasaran = []
            for s in t.sasaran.select_related("sasaran_daerah"):
                sd: dict[str, Any] = self.written_as("sasaran", s, {})
                _put(sd, "kode", s.kode)
                sd["uraian"] = s.uraian
                _put(sd, "uraian_tercetak", s.uraian_tercetak)
                if s.sasaran_daerah is not None:
                    sd["sasaran_daerah"] = self.key("sasaran_daerah", s.sasaran_daerah)
                _put(sd, "catatan", s.catatan)
                _put(sd, "indikator", self.indikator_list("sasaran", s.pk))
                sasaran.append(sd)
            _put(td, "sasaran", sasaran)
            tujuan_list.append(td)
        r["tujuan"] = tujuan_list
        strategi = list(renstra.strategi.select_related("sasaran"))
        r["strategi"] = [self.written_as("strategi", s, {
            "uraian": s.uraian, "sasaran": self.key("sasaran", s.sasaran) if s.sasaran else None})
            for s in strategi]
        position = {s.pk: i + 1 for i, s in enumerate(strategi)}
        r["arah_kebijakan"] = [self.written_as("arah_kebijakan", a, {
            "uraian": a.uraian,
            "strategi": position.get(a.strategi_id) if a.strategi_id else None})
            for a in renstra.arah_kebijakan.all()]
        return r

    def export_program(self, renstra: Renstra) -> list[dict[str, Any]]:
        self.versi = renstra.pk
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
                "target": _uang(ra.target_teks, ra.target),
                "realisasi": _uang(ra.realisasi_teks, ra.realisasi_dilaporkan),
                "realisasi_kinerja": _none(ra.realisasi_kinerja_teks)}
        pagu_indikatif: dict[tuple[str, int], dict[int, str | None]] = defaultdict(dict)
        for rj in RenjaAnggaran.objects.filter(
                Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
                | Q(sub_kegiatan__kegiatan__program__renstra=renstra)).order_by("tahun"):
            field = next(f for f in ("program", "kegiatan", "sub_kegiatan")
                         if getattr(rj, f"{f}_id"))
            pagu_indikatif[(field, getattr(rj, f"{field}_id"))][rj.tahun] = _uang(
                "", rj.pagu_indikatif)
        dpa: dict[int, dict[int, DpaSubKegiatan]] = defaultdict(dict)
        for a in DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=self.opd).select_related(
                "dpa"):
            dpa[a.sub_kegiatan_id][a.dpa.tahun] = a
        # The quarterly budget realisasi the OPD entered per sub kegiatan (in that quarter).
        tw: dict[int, dict[int, str]] = defaultdict(dict)
        for q in RealisasiAnggaranTriwulan.objects.filter(
                dpa_sub_kegiatan__dpa__perangkat_daerah=self.opd).order_by("triwulan"):
            tw[q.dpa_sub_kegiatan_id][q.triwulan] = format_angka(q.nilai)
        lines: dict[int, list[DpaLine]] = defaultdict(list)
        for line in DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=self.opd).order_by(
                "urutan"):
            lines[line.anggaran_id].append(line)

        def base(node: Any, field: str) -> dict[str, Any]:
            d: dict[str, Any] = self.written_as(field, node, {"kode": _none(node.kode),
                                                              "nama": node.nama})
            _put(d, "nama_tercetak", node.nama_tercetak)
            _put(d, "aktif", node.aktif_tahun)
            if field == "program" and node.sasaran_id:
                d["sasaran"] = self.key("sasaran", node.sasaran)
            _put(d, "catatan", node.catatan)
            _put(d, "indikator", self.indikator_list(field, node.pk))
            _put(d, "anggaran", printed.get((field, node.pk)))
            _put(d, "renstra_anggaran", renstra_anggaran.get((field, node.pk)))
            _put(d, "pagu_indikatif", pagu_indikatif.get((field, node.pk)))
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
                                           else {}),
                                        **({"realisasi_triwulan": tw[a.pk]} if a.pk in tw
                                           else {})}
                                for tahun, a in sorted(dpa.get(s.pk, {}).items())
                                if a.pagu_teks or a.realisasi_teks or a.serapan_teks
                                or a.pk in tw}
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
                sub_kegiatan = self.of_year(
                    "sub_kegiatan", k.sub_kegiatan, k.sub_kegiatan.kode, p.tahun,
                    f"komponen_iku {p.tahun}") if k.sub_kegiatan else None
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
                "indikator": self.of_year("indikator", p.indikator,
                                          self.key("indikator", p.indikator), p.tahun,
                                          f"komponen_iku {p.tahun}"), "tahun": p.tahun,
                "penyebut": {"uraian": p.penyebut_uraian, "nilai": _none(p.penyebut_teks)},
                "pembilang_tercetak": _none(p.pembilang_tercetak_teks),
                "hasil_tercetak": _none(p.hasil_tercetak_teks), "item": items}
            _put(kd, "catatan", p.catatan)
            out.append(kd)
        return out

    def export_pk(self) -> list[dict[str, Any]]:
        """Every PK of the OPD, the cascade included: in the order they were made, so that a
        PK comes after the PK above it (``atasan``: its number in this list) and a row can name
        the row above it serves (``melayani``: its number among that PK's rows)."""
        out = []
        position: dict[int, int] = {}
        rows_of: dict[int, dict[int, int]] = {}
        pks = PerjanjianKinerja.objects.filter(perangkat_daerah=self.opd).order_by("id")
        for pk in pks.prefetch_related("program__program"):
            d: dict[str, Any] = {"tahun": pk.tahun, "jenis": pk.jenis}
            if pk.tingkat != PerjanjianKinerja.Tingkat.KEPALA:
                d["tingkat"] = pk.tingkat
            _put(d, "atasan", position.get(pk.atasan_id) if pk.atasan_id else None)
            _put(d, "pejabat", self.pejabat.get(pk.pejabat_id) if pk.pejabat_id else None)
            if pk.status != PerjanjianKinerja.Status.DRAFT:
                d["status"] = pk.status
            _put(d, "tanggal", pk.tanggal.isoformat() if pk.tanggal else None)
            if pk.ditandatangani_pada is not None:
                d["ditandatangani_pada"] = localtime(pk.ditandatangani_pada).isoformat()
            _put(d, "tahun_tercetak", pk.tahun_tercetak)
            d["pihak_pertama"] = {"nama": _none(pk.pihak_pertama_nama),
                                  "jabatan": _none(pk.pihak_pertama_jabatan),
                                  "nip": _none(pk.pihak_pertama_nip),
                                  "pangkat": _none(pk.pihak_pertama_pangkat)}
            d["pihak_kedua"] = {"nama": _none(pk.pihak_kedua_nama),
                                "jabatan": _none(pk.pihak_kedua_jabatan),
                                "nip": _none(pk.pihak_kedua_nip)}
            _put(d, "catatan", pk.catatan)
            baris = []
            rows_of[pk.pk] = {}
            served = rows_of.get(pk.atasan_id, {})
            for nomor, b in enumerate(pk.baris.select_related("sasaran", "indikator")
                                      .order_by("urutan", "id"), start=1):
                rows_of[pk.pk][b.pk] = nomor
                row: dict[str, Any] = {}
                if b.sasaran is not None:
                    row["sasaran"] = self.of_year("sasaran", b.sasaran, self.key(
                        "sasaran", b.sasaran), pk.tahun, f"PK {pk.tahun} baris {nomor}")
                _put(row, "sasaran_teks", b.sasaran_teks)
                if b.indikator is not None:
                    row["indikator"] = self.of_year("indikator", b.indikator, self.key(
                        "indikator", b.indikator), pk.tahun, f"PK {pk.tahun} baris {nomor}")
                _put(row, "indikator_teks", b.indikator_teks)
                _put(row, "satuan", b.satuan)
                _put(row, "melayani", served.get(b.melayani_id) if b.melayani_id else None)
                row["target"] = _none(b.target_teks)
                baris.append(row)
            d["baris"] = baris
            d["program"] = [{"program": self.of_year("program", p.program, p.program.kode,
                                                     pk.tahun, f"PK {pk.tahun} program"),
                             "anggaran": _uang("", p.anggaran)}
                            for p in pk.program.all()]
            position[pk.pk] = len(out) + 1
            out.append(d)
        return out


def export_indikator_tujuan(i: Any) -> dict[str, Any]:
    """An indicator of a tujuan daerah as the reader reads it back: its targets and its
    yearly realisasi with their source, as entered."""
    d: dict[str, Any] = {}
    _put(d, "kode", i.kode)
    d |= {"uraian": i.uraian, "satuan": i.satuan}
    _put(d, "definisi", i.definisi)
    d["polaritas"] = i.polaritas
    if i.metode_turun != "selisih":
        d["metode_turun"] = i.metode_turun
    _put(d, "sumber_data", i.sumber_data)
    _put(d, "kondisi_awal_tahun", i.kondisi_awal_tahun)
    _put(d, "kondisi_awal", i.kondisi_awal_teks)
    _put(d, "kondisi_akhir", i.kondisi_akhir_teks)
    _put(d, "target", {t.tahun: t.teks for t in sorted(i.target.all(), key=lambda t: t.tahun)})
    _put(d, "realisasi", {r.tahun: {"teks": r.teks, "sumber": r.sumber}
                          for r in sorted(i.realisasi.all(), key=lambda r: r.tahun)})
    return d


def export_pemda_level(ex: _Exporter, rpjmd: Rpjmd) -> dict[str, Any]:
    """The pemda level of the file's RPJMD (docs/dataset-format.md, "The pemda level"): the
    pemda's Perkada on its IKU and the kepala daerah's PK (the pemda's, in every OPD's file,
    as the RPJMD is), and the IKU of the pemda this OPD is responsible for, with the links of
    its own indicators to them."""
    from akuntabel.daerah.models import IkuDaerah, PkDaerah, TautanIku

    perkada = list(rpjmd.perkada_iku.order_by("berlaku_mulai"))
    out: dict[str, Any] = {"perkada_iku": [
        {"berlaku_mulai": p.berlaku_mulai, "nomor": p.nomor, "tanggal": p.tanggal.isoformat(),
         "tentang": p.tentang} for p in perkada]}
    iku_list = []
    for iku in (IkuDaerah.objects.filter(perkada__rpjmd=rpjmd, penanggung_jawab=ex.opd)
                .select_related("perkada", "sasaran_daerah").prefetch_related("target")
                .order_by("perkada__berlaku_mulai", "urutan", "id")):
        tahun = iku.perkada.berlaku_mulai
        d: dict[str, Any] = {"perkada": tahun, "urutan": iku.urutan}
        _put(d, "kode", iku.kode)
        d["uraian"] = iku.uraian
        d["sasaran_daerah"] = ex.key("sasaran_daerah", iku.sasaran_daerah)
        for field in ("definisi", "rumus"):
            _put(d, field, getattr(iku, field))
        d |= {"satuan": iku.satuan, "polaritas": iku.polaritas}
        if iku.polaritas == "turun":
            d["metode_turun"] = iku.metode_turun
        d["agregasi"] = iku.agregasi
        _put(d, "sumber_data", iku.sumber_data)
        _put(d, "target", {t.tahun: t.teks for t in sorted(iku.target.all(),
                                                            key=lambda t: t.tahun)})
        tautan = []
        for t in (TautanIku.objects.filter(iku=iku, indikator__perangkat_daerah=ex.opd)
                  .select_related("indikator").order_by("created_at", "id")):
            where = f"iku_daerah {iku.kode or iku.uraian} tautan {t.nama}"
            td: dict[str, Any] = {"indikator": ex.of_year(
                "indikator", t.indikator, ex.key("indikator", t.indikator), tahun, where),
                "nama": t.nama}
            _put(td, "catatan", t.catatan)
            td["status"] = t.status
            _put(td, "catatan_verifikasi", t.catatan_verifikasi)
            tautan.append(td)
        _put(d, "tautan", tautan)
        iku_list.append(d)
    out["iku_daerah"] = iku_list
    urutan = {(i.perkada_id, i.pk): i.urutan for i in
              IkuDaerah.objects.filter(perkada__rpjmd=rpjmd)}
    berlaku = {p.pk: p.berlaku_mulai for p in perkada}
    pks = []
    position: dict[int, int] = {}
    for pk in (PkDaerah.objects.filter(pemda=rpjmd.pemda, tahun__gte=rpjmd.tahun_awal,
                                       tahun__lte=rpjmd.tahun_akhir)
               .prefetch_related("baris__iku").order_by("id")):
        d = {"tahun": pk.tahun, "jenis": pk.jenis, "status": pk.status}
        _put(d, "perkada", berlaku.get(pk.perkada_id))
        _put(d, "menggantikan", position.get(pk.menggantikan_id))
        _put(d, "alasan_perubahan", pk.alasan_perubahan)
        _put(d, "tanggal", pk.tanggal.isoformat() if pk.tanggal else None)
        d["kepala_daerah"] = {"nama": _none(pk.kepala_nama), "jabatan": _none(pk.kepala_jabatan),
                              "nip": _none(pk.kepala_nip)}
        if pk.ditandatangani_pada is not None:
            d["ditandatangani_pada"] = localtime(pk.ditandatangani_pada).isoformat()
        _put(d, "alasan_tanda_tangan", pk.alasan_tanda_tangan)
        baris = []
        for b in pk.baris.all():
            bd: dict[str, Any] = {}
            if b.iku is not None:
                bd["iku"] = {"perkada": berlaku[b.iku.perkada_id],
                             "urutan": urutan[(b.iku.perkada_id, b.iku.pk)]}
            bd |= {"sasaran": b.uraian_sasaran, "uraian": b.uraian_iku}
            _put(bd, "satuan", b.satuan)
            bd["target"] = _none(b.target_teks)
            baris.append(bd)
        d["baris"] = baris
        position[pk.pk] = len(pks) + 1
        pks.append(d)
    out["pk_daerah"] = pks
    return out


def export_dataset(opd: PerangkatDaerah) -> dict[str, Any]:
    doc = _Exporter(opd).export()
    doc["jumlah"] = count_contents(doc)
    return doc


def export_dataset_yaml(opd: PerangkatDaerah) -> str:
    header = (f"# Akuntabel dataset: {opd.nama}, {opd.pemda.nama}. "
              "Format: docs/dataset-format.md\n")
    return header + dump_yaml(export_dataset(opd))
