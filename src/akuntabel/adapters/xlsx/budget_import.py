"""Import a hierarchical budget sheet (as budgeting systems export it) into an OPD's DPA of a
year: read safely, parse (``budget.parse_budget_sheet``), match the program / kegiatan / sub
kegiatan codes to the OPD's program tree and preview what changes; ``budget.writes.write_dpa``
then writes it all in one transaction and records it in the change history.

Parent rows that are not the sum of their children are reported (and kept as printed, as the
reviu expects); they do not stop the import. Rows the parser cannot read do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from akuntabel.adapters.xlsx.budget import parse_budget_sheet
from akuntabel.adapters.xlsx.budget.result import BarisAnggaranImpor, SelisihImpor
from akuntabel.adapters.xlsx.reader import WorkbookError, open_workbook
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.budget.writes import write_dpa
from akuntabel.core.angka import format_rupiah
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Kegiatan, Program, SubKegiatan
from akuntabel.plans.services import NoRenstra, renstra_for


@dataclass
class PratinjauAnggaran:
    opd: PerangkatDaerah
    tahun: int
    lembar: str
    masalah: list[str] = field(default_factory=list)
    selisih: list[SelisihImpor] = field(default_factory=list)
    node_baru: list[str] = field(default_factory=list)  # nodes the import adds to the tree
    perubahan: list[tuple[str, str, str]] = field(default_factory=list)  # (sub kegiatan, old, new)
    tidak_berubah: int = 0
    jumlah_rekening: int = 0
    baris: tuple[BarisAnggaranImpor, ...] = ()
    catatan: list[str] = field(default_factory=list)  # what the reader did: scale, prefixes …


def _money(value: Decimal | None) -> str:
    return format_rupiah(value)


def read_budget_sheet(path: str | Path, opd: PerangkatDaerah, tahun: int) -> PratinjauAnggaran:
    """Parse and check the sheet against the OPD's tree; write nothing."""
    try:
        renstra = renstra_for(opd, tahun)
    except NoRenstra:
        raise WorkbookError(_("%(opd)s has no Renstra covering the year %(tahun)s.")
                            % {"opd": opd.nama, "tahun": tahun}) from None
    with open_workbook(path) as sheets:
        best = None
        for name in sheets.names:
            hasil = parse_budget_sheet(sheets.rows(name))
            if hasil.baris and (best is None or len(hasil.baris) > len(best[1].baris)):
                best = (name, hasil)
        if best is None:
            raise WorkbookError(_("%(berkas)s: no budget sheet could be read (the uraian and "
                                  "anggaran/pagu columns were not found).")
                                % {"berkas": Path(path).name})
    name, hasil = best
    p = PratinjauAnggaran(opd, tahun, name, baris=hasil.baris, selisih=list(hasil.selisih),
                          catatan=[_("Sheet %(lembar)s: "
                                     "%(catatan)s") % {"lembar": name, "catatan": c}
                                   for c in hasil.catatan])
    p.masalah = [f"{_tempat(name, m.nomor, m.kolom)}: {m.pesan}" for m in hasil.masalah]
    by_nomor = {b.nomor: b for b in hasil.baris}
    programs = {x.kode: x for x in Program.objects.filter(renstra=renstra).exclude(kode="")}
    kegiatan = {x.kode: x for x in Kegiatan.objects.filter(program__renstra=renstra)
                .exclude(kode="")}
    subs = {x.kode: x for x in SubKegiatan.objects.filter(kegiatan__program__renstra=renstra)
            .exclude(kode="")}
    known = {"program": programs, "kegiatan": kegiatan, "sub_kegiatan": subs}
    existing = {a.sub_kegiatan.kode: a for a in DpaSubKegiatan.objects.filter(
        dpa__perangkat_daerah=opd, dpa__tahun=tahun).select_related("sub_kegiatan")}
    for b in hasil.baris:
        if b.tingkat in known and b.kode not in known[b.tingkat]:
            p.node_baru.append(f"{b.tingkat.replace('_', ' ')} {b.kode} {b.uraian}")
        if b.tingkat == "rekening":
            p.jumlah_rekening += 1
        if b.tingkat == "sub_kegiatan":
            parent = by_nomor.get(b.induk) if b.induk else None
            if parent is None or parent.tingkat != "kegiatan":
                p.masalah.append(_("%(tempat)s: sub kegiatan %(kode)s is not under a kegiatan row.")
                                 % {"tempat": _tempat(name, b.nomor), "kode": b.kode})
            old = existing.get(b.kode)
            old_text = (f"{_money(old.pagu)} / {_money(old.realisasi)}" if old else "–")
            new_text = f"{_money(b.pagu)} / {_money(b.realisasi)}"
            if old and old.pagu == b.pagu and old.realisasi == b.realisasi:
                p.tidak_berubah += 1
            else:
                p.perubahan.append((f"{b.kode} {b.uraian}", old_text, new_text))
        if b.tingkat == "kegiatan":
            parent = by_nomor.get(b.induk) if b.induk else None
            if parent is None or parent.tingkat != "program":
                p.masalah.append(_("%(tempat)s: kegiatan %(kode)s is not under a program row.")
                                 % {"tempat": _tempat(name, b.nomor), "kode": b.kode})
    if not any(b.tingkat == "sub_kegiatan" for b in hasil.baris):
        p.masalah.append(_("%(tempat)s: there is no sub kegiatan row (codes like "
                           "1.06.02.2.01.0001).")
                         % {"tempat": _tempat(name)})
    return p


def _tempat(lembar: str, baris: int | None = None, kolom: str | None = None) -> str:
    """Where a problem is, for a message: "Lembar DPA, baris 14, kolom Pagu"."""
    tempat = _("Sheet %(lembar)s") % {"lembar": lembar}
    if baris:
        tempat = _("%(tempat)s, row %(baris)s") % {"tempat": tempat, "baris": baris}
    if kolom:
        tempat = _("%(tempat)s, column %(kolom)s") % {"tempat": tempat, "kolom": kolom}
    return tempat


def apply_budget(p: PratinjauAnggaran, user: Any, sumber: str) -> int:
    """Write the DPA of the year from a valid preview, through ``budget.writes.write_dpa``
    (one transaction, every changed amount in the history); return the number of sub kegiatan
    whose amounts changed."""
    if p.masalah:
        raise WorkbookError(_("The budget sheet still has problems; nothing was written."))
    write_dpa(p.opd, p.tahun, p.baris, user=user, sumber=sumber)
    return len(p.perubahan)
