"""A plan workbook (``adapters.xlsx.rencana``) into an OPD's Renstra and Renja: checked, shown,
then written all or nothing through the plan's write services.

``pratinjau_rencana(berkas, opd)`` checks every row first (codes, references between sheets,
duplicates, years outside the period, numbers), each problem naming its sheet, row and column;
then, when nothing is refused, it runs the very writes of the apply inside a transaction it
rolls back, so that the preview lists exactly what the apply writes (the history rows the
write services record: what is created, what changes from what to what) and the refusals of
the services themselves (a code not in the list, a target text refused) at their place.
``terapkan_rencana`` writes the same in one transaction, with the user and the reason, and
rolls back when what it wrote is not what the preview showed (the plan changed meanwhile). An OPD
without a Renstra gets one for the workbook's period under its pemda's RPJMD
(``structure.buat_renstra``). Nothing here writes a model itself: ``plans.structure``,
``plans.tree``, ``plans.renja`` and ``plans.targets`` do, each recording its history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from akuntabel.adapters.xlsx.rencana import Baris, BerkasRencana, huruf_kolom
from akuntabel.audit.models import Perubahan
from akuntabel.common.teks import karakter_kendali
from akuntabel.core.angka import Angka, parse_angka
from akuntabel.core.rencana import cek_periode, uraian_normal
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans import structure, tree
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    Program,
    RenjaAnggaran,
    Renstra,
    RenstraAnggaran,
    Sasaran,
    SasaranDaerah,
    SubKegiatan,
    Target,
    Tujuan,
)
from akuntabel.plans.renja import (
    PaguBaru,
    RenjaRefused,
    TargetBaru,
    simpan_renja,
)
from akuntabel.plans.targets import (
    AlasanWajib,
    NilaiTarget,
    TahunDiLuarPeriode,
    TargetBasi,
    TargetTerkunci,
    needs_reason,
)

POLA = {"program": re.compile(r"^\d{1,2}\.\d{2}\.\d{2}$"),
        "kegiatan": re.compile(r"^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}$"),
        "sub kegiatan": re.compile(r"^\d{1,2}\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$")}

YA = {"ya", "y", "iku", "v", "x", "✓"}   # an IKU mark as planners write it
TIDAK = {"", "tidak", "t", "bukan", "-"}


class RencanaRefused(Exception):
    """The workbook refused while writing; ``pesan`` names the sheet, row and column."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class _Batal(Exception):
    """Raised to roll the preview's trial writes back."""


@dataclass(frozen=True)
class Perubahan1:
    """One value the apply writes, as the history will record it."""

    objek: str
    kolom: str
    lama: str
    baru: str

    @property
    def tindakan(self) -> str:
        return "tambah" if not self.lama else "ubah"


@dataclass
class PratinjauRencana:
    berkas: BerkasRencana
    opd: PerangkatDaerah
    masalah: list[str] = field(default_factory=list)
    perubahan: list[Perubahan1] = field(default_factory=list)
    renstra_baru: str = ""
    perlu_alasan: bool = False   # a Renja target that had a value changes: a reason is needed
    dibuat: dict[str, int] = field(default_factory=dict)   # elements created, by kind

    @property
    def jumlah(self) -> dict[str, int]:
        tambah = sum(1 for p in self.perubahan if p.tindakan == "tambah")
        return {"tambah": tambah, "ubah": len(self.perubahan) - tambah}


def _tempat(lembar: str, b: Baris, key: str, huruf: str | None = None) -> str:
    return f"Lembar {lembar}, baris {b.nomor}, kolom {huruf or huruf_kolom(lembar, key)}"


def _huruf_tahun(berkas: BerkasRencana, lembar: str, tahun: int) -> str:
    return dict(berkas.kolom_tahun.get(lembar, [])).get(tahun, "?")


def renstra_terakhir(opd: PerangkatDaerah, tahun: int | None = None) -> Renstra | None:
    """The latest version of the OPD's latest Renstra (covering ``tahun`` when given): what
    its plan workbook is filled with, and what a workbook of that period changes."""
    qs = Renstra.objects.filter(perangkat_daerah=opd)
    if tahun is not None:
        qs = qs.filter(tahun_awal__lte=tahun, tahun_akhir__gte=tahun)
    return qs.order_by("-tahun_awal", "-berlaku_mulai", "-pk").first()


def _renstra(opd: PerangkatDaerah, berkas: BerkasRencana) -> Renstra | None:
    if berkas.tahun_awal is None:
        return None
    return renstra_terakhir(opd, berkas.tahun_awal)


# --- checks before any write ----------------------------------------------------------------

def _angka(teks: str) -> bool:
    return isinstance(parse_angka(teks), Angka)


def _periksa(berkas: BerkasRencana, opd: PerangkatDaerah) -> list[str]:
    """Every problem of the workbook found without writing, each at its place."""
    m = list(berkas.masalah)
    if berkas.tahun_awal is None or berkas.tahun_akhir is None:
        m.append("Lembar Renstra: tuliskan Tahun awal dan Tahun akhir periode Renstra.")
        return m
    if why := cek_periode(berkas.tahun_awal, berkas.tahun_akhir):
        m.append(f"Lembar Renstra, kolom B: periode {berkas.tahun_awal}–{berkas.tahun_akhir}: "
                 f"{why}")
        return m
    renstra = _renstra(opd, berkas)
    if renstra is not None and (renstra.tahun_awal, renstra.tahun_akhir) != (
            berkas.tahun_awal, berkas.tahun_akhir):
        m.append(f"Lembar Renstra: {opd.nama} sudah memiliki Renstra {renstra.tahun_awal}–"
                 f"{renstra.tahun_akhir}; periode berkas {berkas.tahun_awal}–"
                 f"{berkas.tahun_akhir} berbeda.")
    periode = range(berkas.tahun_awal, berkas.tahun_akhir + 1)
    for lembar, kolom in berkas.kolom_tahun.items():
        for tahun, huruf in kolom:
            if tahun not in periode:
                m.append(f"Lembar {lembar}, kolom {huruf}: tahun {tahun} di luar periode "
                         f"Renstra {berkas.tahun_awal}–{berkas.tahun_akhir}.")
    for lembar, rows in berkas.lembar.items():
        for b in rows:
            for teks in [*b.nilai.values(), *b.tahunan.values()]:
                if (kode := karakter_kendali(teks)) is not None:
                    m.append(f"Lembar {lembar}, baris {b.nomor}: teks memuat karakter kendali "
                             f"{kode} yang tidak tampak; hapus lalu ketik ulang.")
    tujuan = _kunci(berkas, "Tujuan", m)
    sasaran = _kunci(berkas, "Sasaran", m)
    for b in berkas.lembar["Sasaran"]:
        if b.nilai.get("tujuan") and b.nilai["tujuan"] not in tujuan:
            m.append(f"{_tempat('Sasaran', b, 'tujuan')}: tujuan “{b.nilai['tujuan']}” tidak "
                     "ada di lembar Tujuan.")
        elif not b.nilai.get("tujuan"):
            m.append(f"{_tempat('Sasaran', b, 'tujuan')}: tuliskan tujuan sasaran ini.")
    program = _periksa_program(berkas, sasaran, m)
    pemilik = {"tujuan": tujuan, "sasaran": sasaran, **program}
    indikator: set[tuple[str, str, str]] = set()
    for b in berkas.lembar["Indikator"]:
        tingkat = b.nilai.get("tingkat", "").casefold()
        key = (tingkat, b.nilai.get("pemilik", ""), uraian_normal(b.nilai.get("uraian", "")))
        if tingkat not in pemilik:
            m.append(f"{_tempat('Indikator', b, 'tingkat')}: tingkat “{b.nilai.get('tingkat')}"
                     "” bukan tujuan, sasaran, program, kegiatan atau sub kegiatan.")
        elif key[1] not in pemilik[tingkat]:
            m.append(f"{_tempat('Indikator', b, 'pemilik')}: {tingkat} “{key[1]}” tidak ada "
                     "di lembarnya.")
        if not key[2]:
            m.append(f"{_tempat('Indikator', b, 'uraian')}: tuliskan uraian indikator.")
        elif key in indikator:
            m.append(f"{_tempat('Indikator', b, 'uraian')}: indikator “{b.nilai['uraian']}” "
                     "tertulis dua kali untuk pemilik yang sama.")
        indikator.add(key)
        if b.nilai.get("iku", "").casefold() not in YA | TIDAK:
            m.append(f"{_tempat('Indikator', b, 'iku')}: IKU “{b.nilai['iku']}”: tulis “ya” "
                     "bila Indikator Kinerja Utama, kosongkan bila bukan.")
        tahun_awal = b.nilai.get("kondisi_awal_tahun", "")
        if tahun_awal and not re.fullmatch(r"\d{4}", tahun_awal):
            m.append(f"{_tempat('Indikator', b, 'kondisi_awal_tahun')}: “{tahun_awal}” bukan "
                     "tahun.")
    for b in berkas.lembar["Renja"]:
        tingkat = b.nilai.get("tingkat", "").casefold()
        key = (tingkat, b.nilai.get("pemilik", ""), uraian_normal(b.nilai.get("uraian", "")))
        if key not in indikator:
            m.append(f"{_tempat('Renja', b, 'uraian')}: indikator “{b.nilai.get('uraian')}” "
                     f"({tingkat} {key[1]}) tidak ada di lembar Indikator.")
        tahun_teks = b.nilai.get("tahun", "")
        if not re.fullmatch(r"\d{4}", tahun_teks) or int(tahun_teks) not in periode:
            m.append(f"{_tempat('Renja', b, 'tahun')}: tahun “{tahun_teks}” di luar periode "
                     "Renstra "
                     f"{berkas.tahun_awal}–{berkas.tahun_akhir}.")
    pagu: set[tuple[str, str]] = set()
    for b in berkas.lembar.get("Pagu Renja", []):
        kode, tahun_teks, teks = (b.nilai.get(k, "") for k in ("kode", "tahun", "pagu"))
        if kode not in set().union(*program.values()):
            m.append(f"{_tempat('Pagu Renja', b, 'kode')}: kode “{kode}” tidak ada di lembar "
                     "Program.")
        if not re.fullmatch(r"\d{4}", tahun_teks) or int(tahun_teks) not in periode:
            m.append(f"{_tempat('Pagu Renja', b, 'tahun')}: tahun “{tahun_teks}” di luar "
                     f"periode Renstra {berkas.tahun_awal}–{berkas.tahun_akhir}.")
        if teks and not _angka(teks):
            m.append(f"{_tempat('Pagu Renja', b, 'pagu')}: pagu “{teks}” bukan angka.")
        if (kode, tahun_teks) in pagu:
            m.append(f"{_tempat('Pagu Renja', b, 'kode')}: pagu {kode} tahun {tahun_teks} "
                     "tertulis dua kali.")
        pagu.add((kode, tahun_teks))
    return m


def _kunci(berkas: BerkasRencana, lembar: str, m: list[str]) -> set[str]:
    """The keys a row of ``lembar`` is referred to by (its kode and its uraian); duplicates
    and rows without uraian are problems."""
    keys: set[str] = set()
    kode_dilihat: set[str] = set()
    uraian_dilihat: set[str] = set()
    for b in berkas.lembar[lembar]:
        kode, uraian = b.nilai.get("kode", ""), b.nilai.get("uraian", "")
        if not uraian:
            m.append(f"{_tempat(lembar, b, 'uraian')}: tuliskan uraian {lembar.lower()}.")
        if kode and kode in kode_dilihat:
            m.append(f"{_tempat(lembar, b, 'kode')}: kode {kode} tertulis dua kali.")
        if uraian and uraian_normal(uraian) in uraian_dilihat:
            m.append(f"{_tempat(lembar, b, 'uraian')}: {lembar.lower()} “{uraian}” tertulis "
                     "dua kali.")
        kode_dilihat.add(kode)
        uraian_dilihat.add(uraian_normal(uraian))
        keys.update(k for k in (kode, uraian) if k)
    return keys


def _tingkat_kode(kode: str) -> str | None:
    return next((t for t, pola in POLA.items() if pola.match(kode)), None)


def _periksa_program(berkas: BerkasRencana, sasaran: set[str],
                     m: list[str]) -> dict[str, set[str]]:
    kodes: dict[str, set[str]] = {"program": set(), "kegiatan": set(), "sub kegiatan": set()}
    for b in berkas.lembar["Program"]:
        kode = b.nilai.get("kode", "")
        tingkat = _tingkat_kode(kode)
        if tingkat is None:
            m.append(f"{_tempat('Program', b, 'kode')}: “{kode}” bukan kode program (1.02.02), "
                     "kegiatan (1.02.02.2.01) atau sub kegiatan (1.02.02.2.01.0001).")
            continue
        if kode in kodes[tingkat]:
            m.append(f"{_tempat('Program', b, 'kode')}: kode {kode} tertulis dua kali.")
        induk = kode.rsplit(".", 2 if tingkat == "kegiatan" else 1)[0]
        if tingkat != "program" and induk not in kodes[
                "program" if tingkat == "kegiatan" else "kegiatan"]:
            m.append(f"{_tempat('Program', b, 'kode')}: {tingkat} {kode} ditulis sebelum atau "
                     f"tanpa induknya {induk}.")
        kodes[tingkat].add(kode)
        if b.nilai.get("sasaran") and b.nilai["sasaran"] not in sasaran:
            m.append(f"{_tempat('Program', b, 'sasaran')}: sasaran “{b.nilai['sasaran']}” "
                     "tidak ada di lembar Sasaran.")
        for tahun, teks in b.tahunan.items():
            if teks and not _angka(teks):
                m.append(f"{_tempat('Program', b, '', _huruf_tahun(berkas, 'Program', tahun))}"
                         f": pagu {tahun} “{teks}” bukan angka.")
    return kodes


# --- the writes -----------------------------------------------------------------------------

class _Penulis:
    """Writes the workbook through the services, row by row; a refusal is raised as
    ``RencanaRefused`` naming the row being written."""

    def __init__(self, berkas: BerkasRencana, opd: PerangkatDaerah, user: Any,
                 alasan: str, pratinjau: bool = False) -> None:
        self.berkas, self.opd, self.user, self.alasan = berkas, opd, user, alasan
        self.pratinjau = pratinjau
        self.how = {"user": user, "alasan": alasan}
        self.tujuan: dict[str, Any] = {}
        self.sasaran: dict[str, Any] = {}
        self.node: dict[tuple[str, str], Any] = {}
        self.indikator: dict[tuple[str, str, str], Indikator] = {}
        self.perlu_alasan = False

    def tulis(self) -> Renstra:
        renstra = _renstra(self.opd, self.berkas)
        if renstra is None:
            renstra = self._jaga("Renstra", None, "", lambda: structure.buat_renstra(
                self.opd, tahun_awal=self.berkas.tahun_awal,
                tahun_akhir=self.berkas.tahun_akhir, **self.how))
        self.renstra = renstra
        for b in self.berkas.lembar["Tujuan"]:
            self._jaga("Tujuan", b, "uraian", lambda b=b: self._tujuan(b))
        for b in self.berkas.lembar["Sasaran"]:
            self._jaga("Sasaran", b, "uraian", lambda b=b: self._sasaran(b))
        for b in self.berkas.lembar["Program"]:
            self._jaga("Program", b, "kode", lambda b=b: self._node(b))
        for b in self.berkas.lembar["Indikator"]:
            self._jaga("Indikator", b, "uraian", lambda b=b: self._indikator(b))
        self._renja()
        return renstra

    def _jaga(self, lembar: str, b: Baris | None, key: str, write: Any) -> Any:
        try:
            return write()
        except structure.StructureError as exc:
            errors = exc.errors
        except tree.NodeRefused as exc:
            errors = {exc.field: exc.pesan}
        except RenjaRefused as exc:
            errors = exc.errors
        except _Tempat as exc:
            raise RencanaRefused(exc.pesan) from None
        except TARGET_REFUSALS as exc:
            errors = {"": pesan_target(exc)}
        field_, pesan = next(iter(errors.items()))
        if b is None:
            raise RencanaRefused(f"Lembar {lembar}: {pesan}")
        huruf = _huruf_field(self.berkas, lembar, field_, key)
        raise RencanaRefused(f"{_tempat(lembar, b, key, huruf)}: {pesan}")

    def _tujuan(self, b: Baris) -> None:
        data = {"kode": b.nilai.get("kode", ""), "uraian": b.nilai["uraian"]}
        obj = _cari(self.renstra.tujuan.all(), data)
        obj = _tulis(self.renstra, "tujuan", obj, data, self.how)
        self.tujuan.update({k: obj for k in (data["kode"], data["uraian"]) if k})

    def _sasaran(self, b: Baris) -> None:
        tujuan = self.tujuan[b.nilai["tujuan"]]
        data: dict[str, Any] = {"kode": b.nilai.get("kode", ""), "uraian": b.nilai["uraian"]}
        if kode_daerah := b.nilai.get("sasaran_daerah", ""):
            daerah = SasaranDaerah.objects.filter(tujuan_daerah__rpjmd=self.renstra.rpjmd)
            sd = daerah.filter(kode=kode_daerah).first() or next(
                (d for d in daerah if uraian_normal(d.uraian) == uraian_normal(kode_daerah)),
                None)
            if sd is None:
                raise _Tempat(f"{_tempat('Sasaran', b, 'sasaran_daerah')}: sasaran daerah "
                              f"{kode_daerah} tidak ada di RPJMD {self.renstra.rpjmd}.")
            data["sasaran_daerah"] = sd.pk
        else:
            data["sasaran_daerah"] = ""
        obj = _cari(Sasaran.objects.filter(tujuan__renstra=self.renstra), data)
        if obj is not None and obj.tujuan_id != tujuan.pk:
            raise _Tempat(f"{_tempat('Sasaran', b, 'tujuan')}: sasaran “{obj.uraian}” ada di "
                          f"bawah tujuan “{obj.tujuan.uraian}”; memindahkannya dilakukan di "
                          "editor Renstra.")
        obj = _tulis(tujuan, "sasaran", obj, data, self.how)
        self.sasaran.update({k: obj for k in (data["kode"], data["uraian"]) if k})

    def _node(self, b: Baris) -> None:
        kode = b.nilai["kode"]
        tingkat = _tingkat_kode(kode)
        sasaran = self.sasaran.get(b.nilai.get("sasaran", "")) if b.nilai.get("sasaran") \
            else None
        if tingkat == "program":
            node = self.renstra.program.filter(kode=kode).first()
            if node is None:
                node = tree.tambah_program(self.renstra, kode, sasaran=sasaran, **self.how)
            elif node.sasaran_id != (sasaran.pk if sasaran else None):
                tree.pindah_program(node, sasaran, **self.how)
        elif tingkat == "kegiatan":
            induk = self.node[("program", kode.rsplit(".", 2)[0])]
            node = induk.kegiatan.filter(kode=kode).first() or tree.tambah_kegiatan(
                induk, kode, **self.how)
        else:
            induk = self.node[("kegiatan", kode.rsplit(".", 1)[0])]
            node = induk.sub_kegiatan.filter(kode=kode).first() or tree.tambah_sub_kegiatan(
                induk, kode, **self.how)
        assert tingkat is not None
        self.node[(tingkat, kode)] = node
        for tahun, teks in sorted(b.tahunan.items()):
            nilai = parse_angka(teks).nilai if teks else None  # type: ignore[union-attr]
            try:
                tree.tulis_pagu_indikatif(node, tahun, nilai, **self.how)
            except tree.NodeRefused as exc:
                huruf = _huruf_tahun(self.berkas, "Program", tahun)
                raise _Tempat(f"{_tempat('Program', b, '', huruf)}: {exc.pesan}") from None

    def _pemilik(self, tingkat: str, kode: str) -> Any:
        if tingkat == "tujuan":
            return self.tujuan[kode]
        if tingkat == "sasaran":
            return self.sasaran[kode]
        return self.node[(tingkat, kode)]

    def _indikator(self, b: Baris) -> None:
        tingkat = b.nilai["tingkat"].casefold()
        pemilik = self._pemilik(tingkat, b.nilai["pemilik"])
        data: dict[str, Any] = {k: b.nilai.get(k, "") for k in (
            "uraian", "definisi_operasional", "formula", "satuan", "polaritas",
            "metode_turun", "agregasi", "sumber_data", "kondisi_awal", "kondisi_awal_tahun",
            "kondisi_akhir")}
        for pilihan in ("polaritas", "metode_turun", "agregasi"):  # "Nilai akhir", "Turun"
            data[pilihan] = data[pilihan].casefold().replace(" ", "_")
        data["iku"] = b.nilai.get("iku", "").casefold() in YA
        obj = pemilik.indikator.filter(uraian__iexact=data["uraian"].strip()).first()
        if obj is None:
            if tingkat in ("tujuan", "sasaran"):
                obj = structure.tambah(pemilik, "indikator", data, **self.how)
            else:
                obj = tree.tambah_indikator(pemilik, data["uraian"], data["satuan"],
                                            **self.how)
                structure.ubah(obj, data, **self.how)
        else:
            structure.ubah(obj, data, **self.how)
        obj.refresh_from_db()
        self.indikator[(tingkat, b.nilai["pemilik"], uraian_normal(data["uraian"]))] = obj
        if b.tahunan:
            rows = structure.renstra_targets(obj)
            try:
                structure.simpan_target_renstra(
                    obj, b.tahunan, {t: r.versi for t, r in rows.items()}, **self.how)
            except structure.StructureError as exc:
                tempat, pesan = next(iter(exc.errors.items()))
                tahun = int(tempat.split("_")[-1]) if tempat.startswith("target_") else 0
                huruf = _huruf_tahun(self.berkas, "Indikator", tahun)
                raise _Tempat(f"{_tempat('Indikator', b, '', huruf)}: {pesan}") from None

    def _renja(self) -> None:
        per_tahun: dict[int, list[tuple[Baris, TargetBaru]]] = {}
        pagu_tahun: dict[int, list[PaguBaru]] = {}
        for b in self.berkas.lembar.get("Pagu Renja", []):
            tahun = int(b.nilai["tahun"])
            node = next(n for (_t, k), n in self.node.items() if k == b.nilai["kode"])
            row = RenjaAnggaran.objects.filter(**{tree.TINGKAT[type(node)]: node},
                                               tahun=tahun).first()
            teks = b.nilai.get("pagu", "")
            nilai = parse_angka(teks).nilai if teks else None  # type: ignore[union-attr]
            lama = row.pagu_indikatif if row is not None else None
            self.perlu_alasan |= lama is not None and lama != nilai
            alasan = self.alasan or ("pratinjau" if self.pratinjau else "")
            pagu_tahun.setdefault(tahun, []).append(PaguBaru(
                node, nilai, row.versi if row else 0, alasan, f"pagu-{b.nomor}"))
        for b in self.berkas.lembar["Renja"]:
            tingkat = b.nilai["tingkat"].casefold()
            ind = self.indikator[(tingkat, b.nilai["pemilik"],
                                  uraian_normal(b.nilai["uraian"]))]
            tahun = int(b.nilai["tahun"])
            lama = {t.triwulan: t for t in Target.objects.filter(
                indikator=ind, jenis=Target.Jenis.RENJA, tahun=tahun, triwulan__gt=0)}
            values = []
            for tw in range(1, 5):
                teks = b.nilai.get(f"tw{tw}", "")
                try:
                    nilai, atas = structure.baca_target(ind, teks) if teks else (None, None)
                except ValueError as exc:
                    raise RencanaRefused(f"{_tempat('Renja', b, f'tw{tw}')}: {exc}") from None
                row = lama.get(tw)
                values.append(NilaiTarget(ind, Target.Jenis.RENJA, tahun, tw, row,
                                          row.versi if row else 0, teks, nilai, atas))
            self.perlu_alasan |= needs_reason(values)
            # the preview writes with a stand-in reason, to show what the apply will write
            alasan = self.alasan or ("pratinjau" if self.pratinjau else "")
            per_tahun.setdefault(tahun, []).append(
                (b, TargetBaru(values, alasan, f"baris-{b.nomor}")))
        for tahun in sorted(set(per_tahun) | set(pagu_tahun)):
            try:
                simpan_renja(self.renstra, tahun, [t for _b, t in per_tahun.get(tahun, [])],
                             pagu_tahun.get(tahun, []), user=self.user)
            except RenjaRefused as exc:
                tempat, pesan = next(iter(exc.errors.items()))
                lembar = "Pagu Renja" if tempat.startswith("pagu") else "Renja"
                baris = "baris " + tempat.split("-")[-1].removesuffix("_alasan")
                raise RencanaRefused(f"Lembar {lembar}, {baris}: {pesan}") from None
            except TARGET_REFUSALS as exc:
                raise RencanaRefused(f"Lembar Renja, tahun {tahun}: {pesan_target(exc)}") \
                    from None


TARGET_REFUSALS = (TargetTerkunci, AlasanWajib, TahunDiLuarPeriode, TargetBasi)


def pesan_target(exc: Exception) -> str:
    """``write_targets``' own refusal in words."""
    if isinstance(exc, TargetTerkunci):
        return (f"target tahun {exc.args[0]} terkunci oleh Perjanjian Kinerja yang sudah "
                "ditandatangani.")
    if isinstance(exc, AlasanWajib):
        return "target Renja yang sudah bernilai diubah: tuliskan alasan perubahannya."
    if isinstance(exc, TahunDiLuarPeriode):
        return str(exc)
    return "target telah diubah orang lain setelah berkas dibaca; unduh ulang buku kerjanya."


class _Tempat(Exception):
    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


def _huruf_field(berkas: BerkasRencana, lembar: str, field_: str, key: str) -> str:
    if field_.startswith("pagu_") or field_.startswith("target_"):
        tahun = field_.split("_")[-1]
        return _huruf_tahun(berkas, lembar, int(tahun)) if tahun.isdigit() else "?"
    letter = huruf_kolom(lembar, field_)
    return letter if letter != "?" else huruf_kolom(lembar, key)


def _cari(qs: Any, data: dict[str, Any]) -> Any:
    """The element a row describes: the one with its kode, else the one with its uraian."""
    if data.get("kode"):
        found = qs.filter(kode=data["kode"]).first()
        if found is not None:
            return found
    normal = uraian_normal(data["uraian"])
    return next((o for o in qs if uraian_normal(o.uraian) == normal), None)


def _tulis(induk: Any, jenis: str, obj: Any, data: dict[str, Any], how: dict) -> Any:
    if obj is None:
        return structure.tambah(induk, jenis, data, **how)
    structure.ubah(obj, data, **how)
    return obj


# --- preview and apply ----------------------------------------------------------------------

def pratinjau_rencana(berkas: BerkasRencana, opd: PerangkatDaerah,
                      user: Any = None) -> PratinjauRencana:
    """What applying ``berkas`` to ``opd`` would write, or the problems that stop it."""
    p = PratinjauRencana(berkas, opd, masalah=_periksa(berkas, opd))
    if p.masalah:
        return p
    if _renstra(opd, berkas) is None:
        p.renstra_baru = f"{berkas.tahun_awal}–{berkas.tahun_akhir}"
    awal = Perubahan.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    try:
        with transaction.atomic():
            sebelum = _hitung(opd)
            penulis = _Penulis(berkas, opd, user, "", pratinjau=True)
            penulis.tulis()
            sesudah = _hitung(opd)
            p.dibuat = {k: sesudah[k] - sebelum[k] for k in sesudah if sesudah[k] > sebelum[k]}
            p.perlu_alasan = penulis.perlu_alasan
            p.perubahan = [Perubahan1(_objek(r), r.kolom, r.lama, r.baru)
                           for r in Perubahan.objects.filter(
                               pk__gt=awal, perangkat_daerah=opd).order_by("pk")]
            raise _Batal
    except _Batal:
        pass
    except RencanaRefused as exc:
        p.masalah.append(exc.pesan)
    return p


def _objek(r: Perubahan) -> str:
    """A history row's object as the preview names it: a target with its indicator, a pagu
    with its node."""
    if r.model == "Target":
        uraian = Target.objects.filter(pk=r.objek_id).values_list(
            "indikator__uraian", flat=True).first()
        return f"{uraian}: target {r.objek}" if uraian else r.objek
    model = {"RenstraAnggaran": RenstraAnggaran, "RenjaAnggaran": RenjaAnggaran}.get(r.model)
    if model is not None:
        row = model.objects.filter(pk=r.objek_id).first()
        if row is not None:
            node = row.program or row.kegiatan or row.sub_kegiatan
            jenis = "Renstra" if model is RenstraAnggaran else "Renja"
            return f"{node.kode}: pagu indikatif {jenis} {row.tahun}"
    return r.objek


# The elements whose number the preview counts, with the path from each to its OPD.
ELEMEN = (("tujuan", Tujuan, "renstra__perangkat_daerah"),
          ("sasaran", Sasaran, "tujuan__renstra__perangkat_daerah"),
          ("program", Program, "renstra__perangkat_daerah"),
          ("kegiatan", Kegiatan, "program__renstra__perangkat_daerah"),
          ("sub kegiatan", SubKegiatan, "kegiatan__program__renstra__perangkat_daerah"),
          ("indikator", Indikator, "perangkat_daerah"),
          ("target", Target, "indikator__perangkat_daerah"))


def _hitung(opd: PerangkatDaerah) -> dict[str, int]:
    return {nama: model.objects.filter(**{jalan: opd}).count()  # type: ignore[attr-defined]
            for nama, model, jalan in ELEMEN}


def terapkan_rencana(p: PratinjauRencana, user: Any, alasan: str = "") -> int:
    """Write the previewed workbook all or nothing; the number of values written.
    ``RencanaRefused`` (nothing written) when a check or a write service refuses."""
    masalah = _periksa(p.berkas, p.opd)
    if masalah:
        raise RencanaRefused(masalah[0])
    awal = Perubahan.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with transaction.atomic():
        _Penulis(p.berkas, p.opd, user, alasan.strip()).tulis()
        ditulis = [Perubahan1(_objek(r), r.kolom, r.lama, r.baru) for r in
                   Perubahan.objects.filter(pk__gt=awal, perangkat_daerah=p.opd).order_by("pk")]
        if ditulis != p.perubahan:  # what is written is what was shown, or nothing
            raise RencanaRefused("Rencana diubah di Akuntabel setelah pratinjau ditampilkan; "
                                 "tidak ada yang ditulis. Periksa pratinjaunya lagi.")
        return len(ditulis)

