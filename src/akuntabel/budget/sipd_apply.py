"""A SIPD budget export (``adapters.sipd``) into an OPD's DPA of a year: the preview of what it
creates or changes, then the apply, all or nothing in one transaction, through the write
services: the Renstra shell (``plans.structure.buat_renstra``), the program tree
(``plans.tree.tambah_dari_anggaran``, official names from the code list, the export's text
kept where it differs), the DPA amounts and lines (``budget.writes.write_dpa``) and the
triwulan realisasi (``budget.writes.save_realisasi_anggaran``), each with its versions and
history.

Realisasi (project convention, from how the LRA is issued: cumulative to a month end):

* an LRA as of the end of March, June or September gives that triwulan's realisasi: the
  cumulative amount less the triwulans stored before it (an LRA s.d. Juni after one s.d.
  Maret: TW II = June's cumulative − TW I); an earlier triwulan not stored is a problem;
* an LRA as of December gives TW IV the same way and the year's realisasi of the DPA;
* an LRA of another month (or with no month in its title) is previewed with its realisasi but
  only its pagu is written;
* the API drill-down's realisasi, which names no date, is stored as the DPA's realisasi.

A sub kegiatan whose amounts and lines are those stored is left alone, so importing the same
file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.translation import gettext as _

from akuntabel.adapters.sipd.model import BULAN, BerkasSipd, Node, Unit
from akuntabel.budget.models import DpaLine, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.budget.services import build_realisasi_anggaran_grid
from akuntabel.budget.writes import IsianAnggaran, save_realisasi_anggaran, write_dpa
from akuntabel.common.konflik import KonflikVersi, TriwulanTerkunci
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.angka import format_rupiah
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Kegiatan, Program, Renstra, SubKegiatan
from akuntabel.plans.services import NoRenstra, renstra_for
from akuntabel.plans.structure import StructureError, buat_renstra, rpjmd_covering
from akuntabel.plans.tree import NodeRefused, edisi_of, tambah_dari_anggaran
from akuntabel.references.services import edisi_pemda, nomenklatur_many


class SipdRefused(Exception):
    """The apply was refused; ``pesan`` says why. Nothing was written."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


@dataclass
class NodeBaru:
    tingkat: str
    kode: str
    nama: str            # the official name (the export's when the list has none)
    nama_berkas: str     # the export's own text
    di_daftar: bool


@dataclass
class PratinjauSipd:
    """What the import would do; ``masalah`` stop it."""

    opd: PerangkatDaerah
    tahun: int
    berkas: BerkasSipd
    unit: Unit | None = None
    masalah: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    renstra_baru: str = ""
    node_baru: list[NodeBaru] = field(default_factory=list)
    perubahan: list[tuple[str, str, str]] = field(default_factory=list)  # (sub, lama, baru)
    berubah: set[str] = field(default_factory=set)   # codes of the sub kegiatan to write
    tidak_berubah: int = 0
    jumlah_rekening: int = 0
    total_pagu: Decimal = Decimal(0)
    total_realisasi: Decimal = Decimal(0)
    triwulan: int | None = None
    realisasi_tw: dict[str, Decimal] = field(default_factory=dict)  # sub kode -> TW value
    tw_berubah: int = 0
    tulis_realisasi: bool = False   # the DPA's realisasi is written (December, API JSON)

    @property
    def units(self) -> list[Unit]:
        return self.berkas.unit

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.renstra_baru or self.node_baru or self.berubah or self.tw_berubah)


def pratinjau_sipd(berkas: BerkasSipd, opd: PerangkatDaerah, tahun: int,
                   unit: str = "") -> PratinjauSipd:
    """Check ``berkas`` against the OPD's tree and DPA of ``tahun``; write nothing."""
    p = PratinjauSipd(opd, tahun, berkas, masalah=list(berkas.masalah),
                      catatan=[*berkas.catatan, *berkas.selisih])
    if berkas.tahun and berkas.tahun != tahun:
        p.masalah.append(_("%(berkas)s is the budget of %(tahun_berkas)s, not %(tahun)s.")
                         % {"berkas": berkas.nama, "tahun_berkas": berkas.tahun,
                            "tahun": tahun})
    p.unit = _pilih_unit(p, unit)
    if p.unit is None or p.masalah:
        return p
    renstra = _renstra(p)
    edisi = edisi_of(renstra) if renstra is not None else edisi_pemda(opd.pemda)
    if edisi is None:
        p.masalah.append(_("No code list is loaded: ask the administrator to run akuntabel "
                           "referensi."))
        return p
    _realisasi(p)
    if p.masalah:
        return p
    _nodes(p, renstra, edisi)
    _jumlah(p, renstra)
    if p.triwulan:
        _triwulan(p)
    return p


def _pilih_unit(p: PratinjauSipd, kunci: str) -> Unit | None:
    units = p.berkas.unit
    if kunci:
        found = p.berkas.pilih_unit(kunci)
        if len(found) == 1:
            return found[0]
        p.masalah.append(
            (_("No unit of the file matches '%(kunci)s'.") if not found else
             _("Several units of the file match '%(kunci)s'; give the unit's code."))
            % {"kunci": kunci})
        return None
    if len(units) == 1:
        return units[0]
    if units:
        p.masalah.append(_("The file holds %(n)s units (SKPD or sub unit): choose one by its "
                           "code or name.") % {"n": len(units)})
    return None


def _renstra(p: PratinjauSipd) -> Renstra | None:
    try:
        return renstra_for(p.opd, p.tahun)
    except NoRenstra:
        pass
    rpjmd = rpjmd_covering(p.opd.pemda, p.tahun)
    if rpjmd is None:
        p.masalah.append(_("%(opd)s has no Renstra covering %(tahun)s and %(pemda)s has no RPJMD "
                           "covering it to make one under; the pemda's administrator first "
                           "creates the RPJMD.") % {"opd": p.opd.nama, "tahun": p.tahun,
                                                    "pemda": p.opd.pemda.nama})
        return None
    lain = Renstra.objects.filter(perangkat_daerah=p.opd, tahun_awal__lte=rpjmd.tahun_akhir,
                                  tahun_akhir__gte=rpjmd.tahun_awal).first()
    if lain is not None:
        p.masalah.append(_("%(opd)s has no Renstra covering %(tahun)s, and its Renstra "
                           "%(awal)s–%(akhir)s overlaps the RPJMD period %(rpjmd)s a new one "
                           "would take; extend or end that Renstra first.")
                         % {"opd": p.opd.nama, "tahun": p.tahun, "awal": lain.tahun_awal,
                            "akhir": lain.tahun_akhir,
                            "rpjmd": f"{rpjmd.tahun_awal}–{rpjmd.tahun_akhir}"})
        return None
    p.renstra_baru = f"{rpjmd.tahun_awal}–{rpjmd.tahun_akhir}"
    return None


def _realisasi(p: PratinjauSipd) -> None:
    b = p.berkas
    if not b.ada_realisasi:
        return
    if b.jenis != "lra":
        p.tulis_realisasi = True
        p.catatan.append(_("The file's realisasi names no date: it is stored as the DPA's "
                           "realisasi of the year."))
        return
    if b.bulan is None:
        p.catatan.append(_("The report's month was not found in its title: its realisasi is "
                           "shown, not written (only the pagu is written)."))
        return
    if b.bulan % 3:
        p.catatan.append(_("The realisasi is up to the end of %(bulan)s, not the end of a "
                           "triwulan: it is shown, not written (only the pagu is written). "
                           "Import the LRA of March, June, September or December.")
                         % {"bulan": BULAN[b.bulan - 1]})
        return
    p.triwulan = b.bulan // 3
    p.tulis_realisasi = b.bulan == 12


def _nodes(p: PratinjauSipd, renstra: Renstra | None, edisi: Any) -> None:
    """The programs, kegiatan and sub kegiatan the import adds, with their official names."""
    assert p.unit is not None
    ada: set[tuple[str, ...]] = set()
    if renstra is not None:
        ada = {("program", k) for k in Program.objects.filter(renstra=renstra)
               .values_list("kode", flat=True)}
        ada |= {("kegiatan", pk, k) for pk, k in Kegiatan.objects.filter(
            program__renstra=renstra).values_list("program__kode", "kode")}
        ada |= {("sub_kegiatan", pk, k) for pk, k in SubKegiatan.objects.filter(
            kegiatan__program__renstra=renstra).values_list("kegiatan__kode", "kode")}
    baru = [n for prog in p.unit.program for n in (
        ([prog] if ("program", prog.kode) not in ada else [])
        + [x for keg in prog.anak for x in (
            ([keg] if ("kegiatan", prog.kode, keg.kode) not in ada else [])
            + [sub for sub in keg.anak if ("sub_kegiatan", keg.kode, sub.kode) not in ada])])]
    refs = nomenklatur_many(edisi, [n.kode for n in baru])   # one query for the listed codes
    for n in baru:
        _node_baru(p, edisi, n, refs[n.kode.strip()])


def _node_baru(p: PratinjauSipd, edisi: Any, n: Node, ref: Any) -> None:
    if ref is not None and ref.tingkat != n.tingkat:
        ref = None
    p.node_baru.append(NodeBaru(n.tingkat, n.kode, ref.nama if ref else n.uraian, n.uraian,
                                ref is not None))
    if ref is None:
        p.catatan.append(_("%(tingkat)s %(kode)s is not in the code list edition %(edisi)s: "
                           "it is added under the export's name.")
                         % {"tingkat": n.tingkat.replace("_", " ").capitalize(),
                            "kode": n.kode, "edisi": edisi.kode})


def _baris_rekening(sub: Node, realisasi: bool) -> list[tuple[str, str, Decimal | None,
                                                              Decimal | None]]:
    return [(n.kode, n.uraian, n.pagu, n.realisasi if realisasi else None)
            for n in sub.semua()[1:]]


def _jumlah(p: PratinjauSipd, renstra: Renstra | None) -> None:
    """Each sub kegiatan's pagu, realisasi and lines against the stored ones."""
    assert p.unit is not None
    stored: dict[str, DpaSubKegiatan] = {}
    lines: dict[int, list[tuple[str, str, Decimal | None, Decimal | None]]] = {}
    if renstra is not None:
        stored = {a.sub_kegiatan.kode: a for a in DpaSubKegiatan.objects.filter(
            dpa__perangkat_daerah=p.opd, dpa__tahun=p.tahun,
            sub_kegiatan__kegiatan__program__renstra=renstra).select_related("sub_kegiatan")}
        for line in DpaLine.objects.filter(anggaran__in=list(stored.values())).order_by(
                "anggaran", "urutan"):
            lines.setdefault(line.anggaran_id, []).append(
                (line.kode_rekening, line.uraian, line.pagu, line.realisasi))
    for sub in (n for n in p.unit.nodes() if n.tingkat == "sub_kegiatan"):
        p.total_pagu += sub.pagu or 0
        p.total_realisasi += sub.realisasi or 0
        baru_lines = _baris_rekening(sub, p.tulis_realisasi)
        p.jumlah_rekening += sum(1 for x in sub.semua() if x.tingkat == "rekening")
        lama = stored.get(sub.kode)
        realisasi = sub.realisasi if p.tulis_realisasi else (lama.realisasi if lama else None)
        if lama is not None and (lama.pagu, lama.realisasi) == (sub.pagu, realisasi) and \
                _sama(lines.get(lama.pk, []), baru_lines):
            p.tidak_berubah += 1
            continue
        p.berubah.add(sub.kode)
        teks_lama = (f"{format_rupiah(lama.pagu)} / {format_rupiah(lama.realisasi)}"
                     if lama else "–")
        p.perubahan.append((f"{sub.kode} {sub.uraian}", teks_lama,
                            f"{format_rupiah(sub.pagu)} / {format_rupiah(realisasi)}"))


def _sama(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]) -> bool:
    """Stored lines against the file's, amounts compared as numbers (2 = 2.00)."""
    return len(a) == len(b) and all(
        x[0] == y[0] and x[1] == y[1] and all(
            (u is None and v is None) or (u is not None and v is not None and u == v)
            for u, v in zip(x[2:], y[2:], strict=True))
        for x, y in zip(a, b, strict=True))


def _triwulan(p: PratinjauSipd) -> None:
    """The triwulan's realisasi of each sub kegiatan: the cumulative amount less the
    triwulans stored before it."""
    assert p.unit is not None and p.triwulan is not None
    tw = p.triwulan
    rows = RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__dpa__perangkat_daerah=p.opd, dpa_sub_kegiatan__dpa__tahun=p.tahun
    ).values_list("dpa_sub_kegiatan__sub_kegiatan__kode", "triwulan", "nilai")
    sebelum: dict[str, Decimal] = {}
    ini: dict[str, Decimal] = {}
    ada_tw: set[int] = set()
    for kode, t, nilai in rows:
        ada_tw.add(t)
        if t < tw:
            sebelum[kode] = sebelum.get(kode, Decimal(0)) + nilai
        elif t == tw:
            ini[kode] = nilai
    kurang = [t for t in range(1, tw) if t not in ada_tw]
    if kurang and tw == 4:
        p.catatan.append(_("TW %(kurang)s have no realisasi stored: the year's realisasi is "
                           "written, TW IV is not (it is the year's less TW I-III).")
                         % {"kurang": ", ".join(TRIWULAN_ROMAWI[t] for t in kurang)})
        p.triwulan = None
        return
    if kurang:
        p.masalah.append(_("The realisasi of TW %(tw)s is the cumulative amount less the "
                           "triwulans before it, but TW %(kurang)s has no realisasi stored: "
                           "import the LRA as of the end of %(bulan)s first.")
                         % {"tw": TRIWULAN_ROMAWI[tw],
                            "kurang": ", ".join(TRIWULAN_ROMAWI[t] for t in kurang),
                            "bulan": BULAN[kurang[0] * 3 - 1]})
        return
    for sub in (n for n in p.unit.nodes() if n.tingkat == "sub_kegiatan"):
        kumulatif = sub.realisasi or Decimal(0)
        nilai = kumulatif - sebelum.get(sub.kode, Decimal(0))
        if nilai < 0:
            p.masalah.append(_("%(tempat)s: sub kegiatan %(kode)s: realisasi up to the end of "
                               "TW %(tw)s %(kumulatif)s is less than the %(sebelum)s stored for "
                               "the triwulans before it.")
                             % {"tempat": sub.tempat, "kode": sub.kode,
                                "tw": TRIWULAN_ROMAWI[tw],
                                "kumulatif": format_rupiah(kumulatif),
                                "sebelum": format_rupiah(sebelum.get(sub.kode))})
            continue
        p.realisasi_tw[sub.kode] = nilai
        if ini.get(sub.kode) != nilai:
            p.tw_berubah += 1


# -- the apply ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Baris:
    """A row in the shape ``write_dpa`` reads (as a budget sheet's)."""

    nomor: int
    tingkat: str
    kode: str
    uraian: str
    pagu: Decimal | None
    realisasi: Decimal | None
    induk: int | None


def terapkan_sipd(p: PratinjauSipd, user: Any, sumber: str, alasan: str = "") -> int:
    """Write a checked preview, all or nothing; return the number of changes (new nodes,
    sub kegiatan whose amounts or lines changed, triwulan values)."""
    if p.masalah or p.unit is None:
        raise SipdRefused(_("The file still has problems; nothing was written."))
    if not p.ada_perubahan:
        return 0
    oleh = user if user is not None and getattr(user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            renstra = _buat_renstra(p, oleh, alasan)
            kode = _buat_nodes(p, renstra, oleh, alasan or sumber)
            baris = _baris(p, kode)
            if baris:
                write_dpa(p.opd, p.tahun, baris, user=oleh, sumber=sumber)
            tw = _tulis_triwulan(p, kode, oleh)
    except (NodeRefused, StructureError) as exc:
        pesan = exc.pesan if isinstance(exc, NodeRefused) else "; ".join(exc.errors.values())
        raise SipdRefused(_("Nothing was written: %(pesan)s") % {"pesan": pesan}) from None
    except TriwulanTerkunci:
        raise SipdRefused(_("The report of TW %(tw)s has been submitted or verified; its "
                            "realisasi cannot change. Nothing was written.")
                          % {"tw": TRIWULAN_ROMAWI[p.triwulan or 1]}) from None
    except KonflikVersi:
        raise SipdRefused(_("Someone changed the realisasi of TW %(tw)s meanwhile; nothing was "
                            "written. Look at the preview again.")
                          % {"tw": TRIWULAN_ROMAWI[p.triwulan or 1]}) from None
    return len(p.node_baru) + len(p.berubah) + tw


def _buat_renstra(p: PratinjauSipd, oleh: Any, alasan: str) -> Renstra:
    try:
        return renstra_for(p.opd, p.tahun)
    except NoRenstra:
        rpjmd = rpjmd_covering(p.opd.pemda, p.tahun)
        if rpjmd is None:
            raise SipdRefused(_("There is no RPJMD covering %(tahun)s; nothing was written.")
                              % {"tahun": p.tahun}) from None
        return buat_renstra(p.opd, tahun_awal=rpjmd.tahun_awal, tahun_akhir=rpjmd.tahun_akhir,
                            rpjmd=rpjmd, user=oleh,
                            alasan=alasan or _("made by the SIPD budget import"))


def _buat_nodes(p: PratinjauSipd, renstra: Renstra, oleh: Any,
                alasan: str) -> dict[tuple[str, ...], str]:
    """Find or add every program, kegiatan and sub kegiatan of the unit through the tree
    service; the stored code of each (the support programme is stored under the bidang)."""
    assert p.unit is not None
    programs = {x.kode: x for x in Program.objects.filter(renstra=renstra)}
    kode: dict[tuple[str, ...], str] = {}
    for prog in p.unit.program:
        program = programs.get(prog.kode) or tambah_dari_anggaran(
            renstra, prog.kode, prog.uraian, user=oleh, alasan=alasan)
        programs[program.kode] = programs[prog.kode] = program
        kode[(prog.kode,)] = program.kode
        kegiatan = {x.kode: x for x in program.kegiatan.all()}
        for keg in prog.anak:
            k = kegiatan.get(keg.kode) or tambah_dari_anggaran(
                program, keg.kode, keg.uraian, user=oleh, alasan=alasan)
            kegiatan[keg.kode] = k
            kode[(prog.kode, keg.kode)] = k.kode
            subs = {x.kode for x in k.sub_kegiatan.all()}
            for sub in keg.anak:
                if sub.kode not in subs:
                    s = tambah_dari_anggaran(k, sub.kode, sub.uraian, user=oleh,
                                             alasan=alasan)
                    subs.add(s.kode)
                    kode[(prog.kode, keg.kode, sub.kode)] = s.kode
                else:
                    kode[(prog.kode, keg.kode, sub.kode)] = sub.kode
    return kode


def _baris(p: PratinjauSipd, kode: dict[tuple[str, ...], str]) -> list[_Baris]:
    """Every program and kegiatan (their printed sums) and the changed sub kegiatan with their
    lines, numbered in order, each naming its parent's number."""
    assert p.unit is not None
    hasil: list[_Baris] = []

    def tambah(n: Node, kode_simpan: str, induk: int | None, realisasi: Decimal | None) -> int:
        nomor = len(hasil) + 1
        hasil.append(_Baris(nomor, n.tingkat, kode_simpan, n.uraian, n.pagu, realisasi, induk))
        return nomor

    if not p.berubah:
        return []
    stored = {a.sub_kegiatan.kode: a.realisasi for a in DpaSubKegiatan.objects.filter(
        dpa__perangkat_daerah=p.opd, dpa__tahun=p.tahun).select_related("sub_kegiatan")}
    for prog in p.unit.program:
        np = tambah(prog, kode[(prog.kode,)], None, prog.realisasi if p.tulis_realisasi else None)
        for keg in prog.anak:
            nk = tambah(keg, kode[(prog.kode, keg.kode)], np,
                        keg.realisasi if p.tulis_realisasi else None)
            for sub in keg.anak:
                if sub.kode not in p.berubah:
                    continue
                real = sub.realisasi if p.tulis_realisasi else stored.get(sub.kode)
                ns = tambah(sub, kode[(prog.kode, keg.kode, sub.kode)], nk, real)
                _lines(sub, ns, tambah, p.tulis_realisasi)
    return hasil


def _lines(n: Node, induk: int, tambah: Any, realisasi: bool) -> None:
    for a in n.anak:
        nomor = tambah(a, a.kode, induk, a.realisasi if realisasi else None)
        _lines(a, nomor, tambah, realisasi)


def _tulis_triwulan(p: PratinjauSipd, kode: dict[tuple[str, ...], str], oleh: Any) -> int:
    if not p.triwulan or not p.tw_berubah:
        return 0
    simpan = {kode[k]: p.realisasi_tw[k[-1]] for k in kode
              if len(k) == 3 and k[-1] in p.realisasi_tw}
    grid = build_realisasi_anggaran_grid(p.opd, p.tahun, p.triwulan)
    isian = [IsianAnggaran(b, "", simpan[b.kode], b.versi) for b in grid
             if b.tingkat == "sub_kegiatan" and b.kode in simpan]
    return save_realisasi_anggaran(p.opd, p.tahun, p.triwulan, isian,
                                   user=oleh or AnonymousUser())
