"""Import a hierarchical budget sheet (as budgeting systems export it) into an OPD's DPA of a
year: read safely, parse (``budget.parse_budget_sheet``), match the program / kegiatan / sub
kegiatan codes to the OPD's program tree, preview what changes, then write it all in one
transaction and record it in the change history.

Parent rows that are not the sum of their children are reported (and kept as printed, as the
reviu expects); they do not stop the import. Rows the parser cannot read do.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from akuntabel.adapters.xlsx.budget import BarisAnggaranImpor, SelisihImpor, parse_budget_sheet
from akuntabel.adapters.xlsx.reader import WorkbookError, open_workbook
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import AnggaranTercetak, Dpa, DpaLine, DpaSubKegiatan
from akuntabel.core.angka import format_angka, format_rupiah
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


def _money(value: Decimal | None) -> str:
    return format_rupiah(value)


def read_budget_sheet(path: str | Path, opd: PerangkatDaerah, tahun: int) -> PratinjauAnggaran:
    """Parse and check the sheet against the OPD's tree; write nothing."""
    try:
        renstra = renstra_for(opd, tahun)
    except NoRenstra as exc:
        raise WorkbookError(str(exc)) from None
    with open_workbook(path) as sheets:
        best = None
        for name in sheets.names:
            hasil = parse_budget_sheet(sheets.rows(name))
            if hasil.baris and (best is None or len(hasil.baris) > len(best[1].baris)):
                best = (name, hasil)
        if best is None:
            raise WorkbookError(f"{Path(path).name}: tidak ada lembar anggaran yang terbaca "
                                "(kolom uraian dan anggaran/pagu tidak ditemukan).")
    name, hasil = best
    p = PratinjauAnggaran(opd, tahun, name, baris=hasil.baris, selisih=list(hasil.selisih))
    p.masalah = [f"Lembar {name}" + (f", baris {m.nomor}" if m.nomor else "")
                 + (f", kolom {m.kolom}" if m.kolom else "") + f": {m.pesan}"
                 for m in hasil.masalah]
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
                p.masalah.append(f"Lembar {name}, baris {b.nomor}: sub kegiatan {b.kode} tidak "
                                 "berada di bawah baris kegiatan.")
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
                p.masalah.append(f"Lembar {name}, baris {b.nomor}: kegiatan {b.kode} tidak "
                                 "berada di bawah baris program.")
    if not any(b.tingkat == "sub_kegiatan" for b in hasil.baris):
        p.masalah.append(f"Lembar {name}: tidak ada baris sub kegiatan (kode seperti "
                         "1.06.02.2.01.0001).")
    return p


def apply_budget(p: PratinjauAnggaran, user: Any, sumber: str) -> int:
    """Write the DPA of the year from a valid preview, in one transaction. Sub kegiatan of the
    sheet get their amounts and their rekening lines replaced; nodes missing from the tree are
    added; program and kegiatan amounts are kept as printed."""
    if p.masalah:
        raise WorkbookError("Lembar anggaran masih memiliki masalah; tidak ada yang ditulis.")
    renstra = renstra_for(p.opd, p.tahun)
    by_nomor = {b.nomor: b for b in p.baris}
    children: dict[int | None, list[BarisAnggaranImpor]] = defaultdict(list)
    for b in p.baris:
        children[b.induk].append(b)
    with transaction.atomic():
        dpa, _ = Dpa.objects.get_or_create(perangkat_daerah=p.opd, tahun=p.tahun)
        AnggaranTercetak.objects.filter(perangkat_daerah=p.opd, tahun=p.tahun,
                                        tempat=AnggaranTercetak.TABEL_ANGGARAN).delete()
        nodes: dict[int, Any] = {}
        pending: list[tuple[DpaSubKegiatan, int]] = []  # sub kegiatan whose lines to write
        urutan = 0
        for b in p.baris:
            urutan += 1
            if b.tingkat == "program":
                node, _ = Program.objects.get_or_create(
                    renstra=renstra, kode=b.kode, defaults={"nama": b.uraian, "urutan": urutan})
                nodes[b.nomor] = node
                AnggaranTercetak.objects.create(
                    perangkat_daerah=p.opd, tahun=p.tahun, program=node, pagu=b.pagu,
                    realisasi=b.realisasi, tempat=AnggaranTercetak.TABEL_ANGGARAN,
                    pagu_teks=format_angka(b.pagu, 0) if b.pagu is not None else "",
                    realisasi_teks=format_angka(b.realisasi, 0) if b.realisasi is not None
                    else "", urutan=urutan)
            elif b.tingkat == "kegiatan":
                node, _ = Kegiatan.objects.get_or_create(
                    program=nodes[b.induk], kode=b.kode,  # type: ignore[index]
                    defaults={"nama": b.uraian, "urutan": urutan})
                nodes[b.nomor] = node
                AnggaranTercetak.objects.create(
                    perangkat_daerah=p.opd, tahun=p.tahun, kegiatan=node, pagu=b.pagu,
                    realisasi=b.realisasi, tempat=AnggaranTercetak.TABEL_ANGGARAN,
                    pagu_teks=format_angka(b.pagu, 0) if b.pagu is not None else "",
                    realisasi_teks=format_angka(b.realisasi, 0) if b.realisasi is not None
                    else "", urutan=urutan)
            elif b.tingkat == "sub_kegiatan":
                sub, _ = SubKegiatan.objects.get_or_create(
                    kegiatan=nodes[b.induk], kode=b.kode,  # type: ignore[index]
                    defaults={"nama": b.uraian, "urutan": urutan})
                nodes[b.nomor] = sub
                anggaran = DpaSubKegiatan.objects.filter(dpa=dpa, sub_kegiatan=sub).first()
                old = (anggaran.pagu, anggaran.realisasi) if anggaran else (None, None)
                if anggaran is None:
                    anggaran = DpaSubKegiatan(dpa=dpa, sub_kegiatan=sub)
                anggaran.pagu, anggaran.realisasi = b.pagu, b.realisasi
                anggaran.pagu_teks = format_angka(b.pagu, 0) if b.pagu is not None else ""
                anggaran.realisasi_teks = (format_angka(b.realisasi, 0)
                                           if b.realisasi is not None else "")
                anggaran.save()
                anggaran.lines.all().delete()
                pending.append((anggaran, b.nomor))
                if old != (b.pagu, b.realisasi):
                    Perubahan.objects.create(
                        perangkat_daerah=p.opd, model="DpaSubKegiatan", objek_id=anggaran.pk,
                        objek=f"{sub.kode} {sub.nama}"[:500], kolom="Pagu / Realisasi",
                        lama=f"{_money(old[0])} / {_money(old[1])}",
                        baru=f"{_money(b.pagu)} / {_money(b.realisasi)}", sumber=sumber,
                        oleh=user)
        _write_lines(pending, children)
        del by_nomor
    return len(p.perubahan)


def _write_lines(pending: list[tuple[DpaSubKegiatan, int]],
                 children: dict[int | None, list[BarisAnggaranImpor]]) -> None:
    """Every rekening line of every sub kegiatan, one level at a time: one bulk insert per
    level (parents get their ids before their children point at them)."""
    level: list[tuple[DpaSubKegiatan, DpaLine | None, int]] = [
        (anggaran, None, nomor) for anggaran, nomor in pending]
    while level:
        rows: list[tuple[DpaLine, int, DpaSubKegiatan]] = []
        for anggaran, parent, nomor in level:
            for b in children.get(nomor, []):
                if b.tingkat not in ("rekening", "uraian"):
                    continue
                rows.append((DpaLine(
                    anggaran=anggaran, induk=parent, kode_rekening=b.kode, uraian=b.uraian,
                    pagu=b.pagu, realisasi=b.realisasi, urutan=b.nomor,
                    pagu_teks=format_angka(b.pagu, 0) if b.pagu is not None else "",
                    realisasi_teks=(format_angka(b.realisasi, 0) if b.realisasi is not None
                                    else "")), b.nomor, anggaran))
        DpaLine.objects.bulk_create([line for line, _, _ in rows], batch_size=1000)
        level = [(anggaran, line, nomor) for line, nomor, anggaran in rows]
