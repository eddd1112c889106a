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
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

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
    """Write the DPA of the year from a valid preview, in one transaction. Sub kegiatan of the
    sheet get their amounts and their rekening lines replaced; nodes missing from the tree are
    added; program and kegiatan amounts are kept as printed.

    Everything is written a level at a time (programs, kegiatan, sub kegiatan, their amounts,
    the change history, then the rekening lines), in bulk statements of up to 1.000 rows, so
    the number of queries grows by one per batch, not per row."""
    if p.masalah:
        raise WorkbookError(_("The budget sheet still has problems; nothing was written."))
    renstra = renstra_for(p.opd, p.tahun)
    children: dict[int | None, list[BarisAnggaranImpor]] = defaultdict(list)
    for b in p.baris:
        children[b.induk].append(b)
    urutan = {b.nomor: i for i, b in enumerate(p.baris, start=1)}
    level = {t: [b for b in p.baris if b.tingkat == t]
             for t in ("program", "kegiatan", "sub_kegiatan")}
    oleh = user if user is not None and getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        dpa, _created = Dpa.objects.get_or_create(perangkat_daerah=p.opd, tahun=p.tahun)
        AnggaranTercetak.objects.filter(perangkat_daerah=p.opd, tahun=p.tahun,
                                        tempat=AnggaranTercetak.TABEL_ANGGARAN).delete()
        nodes: dict[int, Any] = {}  # sheet row -> Program / Kegiatan / SubKegiatan
        _nodes(Program, level["program"], nodes, urutan, lambda b: renstra,
               Program.objects.filter(renstra=renstra), "renstra")
        _nodes(Kegiatan, level["kegiatan"], nodes, urutan, lambda b: nodes[b.induk],
               Kegiatan.objects.filter(program__renstra=renstra), "program")
        _nodes(SubKegiatan, level["sub_kegiatan"], nodes, urutan, lambda b: nodes[b.induk],
               SubKegiatan.objects.filter(kegiatan__program__renstra=renstra), "kegiatan")
        AnggaranTercetak.objects.bulk_create([
            AnggaranTercetak(
                perangkat_daerah=p.opd, tahun=p.tahun, tempat=AnggaranTercetak.TABEL_ANGGARAN,
                pagu=b.pagu, realisasi=b.realisasi, pagu_teks=_teks(b.pagu),
                realisasi_teks=_teks(b.realisasi), urutan=urutan[b.nomor],
                **{b.tingkat: nodes[b.nomor]})
            for b in (*level["program"], *level["kegiatan"])], batch_size=1000)
        pending, history = _write_amounts(p, dpa, level["sub_kegiatan"], nodes, oleh, sumber)
        Perubahan.objects.bulk_create(history, batch_size=1000)
        _write_lines(pending, children)
    return len(p.perubahan)


@lru_cache(maxsize=4096)
def _teks(value: Decimal | None) -> str:
    """An amount as the "as printed" text; budget sheets repeat amounts (a parent and its
    only child, equal lines), so the formatting is cached."""
    return format_angka(value, 0) if value is not None else ""


def _nodes(model: Any, rows: list[BarisAnggaranImpor], nodes: dict[int, Any],
           urutan: dict[int, int], parent_of: Any, existing: Any, parent_field: str) -> None:
    """Find or add the program / kegiatan / sub kegiatan of ``rows`` under their parents, by
    code: one query to find, one bulk insert for the missing (read back only when the
    database does not hand back the ids of a bulk insert)."""
    if not rows:
        return
    found = {(getattr(x, f"{parent_field}_id"), x.kode): x
             for x in existing.filter(kode__in={b.kode for b in rows}).order_by("pk")
             .reverse()}  # the first created wins, as get_or_create's get would have it
    missing: dict[tuple[int, str], Any] = {}
    for b in rows:
        parent = parent_of(b)
        key = (parent.pk, b.kode)
        if key not in found and key not in missing:
            missing[key] = model(**{parent_field: parent}, kode=b.kode, nama=b.uraian,
                                 urutan=urutan[b.nomor])
    if missing:
        model.objects.bulk_create(missing.values(), batch_size=1000)
        found.update(missing)
        if any(x.pk is None for x in missing.values()):  # a database without RETURNING
            for x in existing.filter(kode__in={k for _, k in missing}).order_by("pk").reverse():
                found[(getattr(x, f"{parent_field}_id"), x.kode)] = x
    for b in rows:
        nodes[b.nomor] = found[(parent_of(b).pk, b.kode)]


def _write_amounts(p: PratinjauAnggaran, dpa: Dpa, rows: list[BarisAnggaranImpor],
                   nodes: dict[int, Any], oleh: Any, sumber: str
                   ) -> tuple[list[tuple[DpaSubKegiatan, int]], list[Perubahan]]:
    """The sub kegiatan amounts (updated or added), their old rekening lines removed, and the
    change history of each amount that changed."""
    existing = {a.sub_kegiatan_id: a for a in DpaSubKegiatan.objects.filter(
        dpa=dpa, sub_kegiatan__in=[nodes[b.nomor] for b in rows])}
    DpaLine.objects.filter(anggaran__in=list(existing.values())).delete()
    old: dict[int, tuple[Decimal | None, Decimal | None]] = {}
    changed, added = [], []
    for b in rows:
        sub = nodes[b.nomor]
        anggaran = existing.get(sub.pk)
        if anggaran is None:
            anggaran = DpaSubKegiatan(dpa=dpa, sub_kegiatan=sub)
            existing[sub.pk] = anggaran
            added.append(anggaran)
        else:
            changed.append(anggaran)
        old.setdefault(sub.pk, (anggaran.pagu, anggaran.realisasi))
        anggaran.pagu, anggaran.realisasi = b.pagu, b.realisasi
        anggaran.pagu_teks, anggaran.realisasi_teks = _teks(b.pagu), _teks(b.realisasi)
    DpaSubKegiatan.objects.bulk_update(changed, ["pagu", "realisasi", "pagu_teks",
                                                 "realisasi_teks"], batch_size=500)
    if added:
        DpaSubKegiatan.objects.bulk_create(added, batch_size=1000)
        if any(a.pk is None for a in added):
            ids = dict(DpaSubKegiatan.objects.filter(dpa=dpa).values_list("sub_kegiatan_id",
                                                                          "pk"))
            for a in added:
                a.pk = ids[a.sub_kegiatan_id]
    pending, history = [], []
    for b in rows:
        sub = nodes[b.nomor]
        anggaran = existing[sub.pk]
        pending.append((anggaran, b.nomor))
        lama = old[sub.pk]
        if lama != (b.pagu, b.realisasi):
            history.append(Perubahan(
                perangkat_daerah=p.opd, model="DpaSubKegiatan", objek_id=anggaran.pk,
                objek=f"{sub.kode} {sub.nama}"[:500], kolom="Pagu / Realisasi",
                lama=f"{_money(lama[0])} / {_money(lama[1])}",
                baru=f"{_money(b.pagu)} / {_money(b.realisasi)}", sumber=sumber[:300],
                oleh=oleh))
    return pending, history


def _write_lines(pending: list[tuple[DpaSubKegiatan, int]],
                 children: dict[int | None, list[BarisAnggaranImpor]]) -> None:
    """Every rekening line of every sub kegiatan, in multi-row statements.

    The lines are inserted with no parent, read back by (sub kegiatan, sheet row) — the
    sub kegiatan's old lines were deleted in this transaction, so the pair is unique — and
    then pointed at their parents. The ORM's bulk_create would need a round of SQL compiling
    per row and field (two thirds of the import's time at 10.000 rows) and the database to
    hand back ids per level; this needs neither and works the same on SQLite and PostgreSQL.
    """
    rows: list[tuple[Any, ...]] = []
    parent_of: dict[tuple[int, int], int] = {}  # (anggaran, sheet row) -> parent sheet row
    for anggaran, nomor in pending:
        stack = [(nomor, None)]
        while stack:
            induk, parent = stack.pop()
            for b in reversed(children.get(induk, [])):
                if b.tingkat not in ("rekening", "uraian"):
                    continue
                rows.append((anggaran.pk, b.kode, b.uraian, b.pagu, _teks(b.pagu), b.realisasi,
                             _teks(b.realisasi), b.nomor))
                if parent is not None:
                    parent_of[(anggaran.pk, b.nomor)] = parent
                stack.append((b.nomor, b.nomor))
    if not rows:
        return
    meta = DpaLine._meta
    q = connection.ops.quote_name
    table = q(meta.db_table)
    columns = [meta.get_field(f).column for f in (
        "anggaran", "kode_rekening", "uraian", "pagu", "pagu_teks", "realisasi",
        "realisasi_teks", "urutan", "catatan")]
    limit = connection.features.max_query_params or 30_000
    with connection.cursor() as cursor:
        row_sql = f"({', '.join(['%s'] * len(columns))})"
        insert = f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) VALUES "
        if connection.vendor == "postgresql":  # one statement, pipelined by psycopg
            cursor.executemany(insert + row_sql, [(*row, "") for row in rows])
        else:
            for batch in _batches([(*row, "") for row in rows], limit // len(columns)):
                cursor.execute(insert + ", ".join([row_sql] * len(batch)),
                               [v for row in batch for v in row])
        if not parent_of:
            return
        anggaran_ids = {a.pk for a, _ in pending}
        ids = {(a, u): pk for pk, a, u in DpaLine.objects.filter(
            anggaran__dpa_id=pending[0][0].dpa_id).values_list("pk", "anggaran_id", "urutan")
            if a in anggaran_ids}
        pk, induk = q(meta.pk.column), q(meta.get_field("induk").column)
        pairs = [(ids[(a, nomor)], ids[(a, parent)]) for (a, nomor), parent in parent_of.items()]
        for batch in _batches(pairs, limit // 3):
            if connection.vendor == "postgresql":  # a join: CASE is a scan per row there
                cursor.execute(
                    f"UPDATE {table} SET {induk} = v.induk FROM (VALUES "
                    + ", ".join(["(%s, %s)"] * len(batch))
                    + f") AS v(id, induk) WHERE {table}.{pk} = v.id",
                    [v for pair in batch for v in pair])
            else:
                cursor.execute(
                    f"UPDATE {table} SET {induk} = CASE {pk} "
                    + " ".join(["WHEN %s THEN %s"] * len(batch))
                    + f" END WHERE {pk} IN ({', '.join(['%s'] * len(batch))})",
                    [v for pair in batch for v in pair] + [line for line, _ in batch])


def _batches(items: list[Any], size: int) -> list[list[Any]]:
    size = max(1, min(size, 1000))
    return [items[i:i + size] for i in range(0, len(items), size)]
