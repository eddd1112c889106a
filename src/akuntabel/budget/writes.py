"""Writing the budget: the realisasi of a triwulan (the budget grid), the annual DPA amounts
(the Excel workbook) and a whole imported DPA (a budget sheet), one path per kind of value.
Each owns its lock and version check and records every change on the row itself."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import record_change
from akuntabel.budget.models import (
    AnggaranTercetak,
    Dpa,
    DpaLine,
    DpaSubKegiatan,
    RealisasiAnggaranTriwulan,
)
from akuntabel.budget.services import BarisRealisasiAnggaran
from akuntabel.common.konflik import KonflikVersi, TriwulanTerkunci, nama_pengguna
from akuntabel.common.triwulan import TRIWULAN_ROMAWI
from akuntabel.core.angka import format_angka, format_rupiah
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import Kegiatan, Program, SubKegiatan
from akuntabel.plans.services import renstra_for
from akuntabel.reporting.workflow import lock_pelaporan
from akuntabel.revisi.services import naikkan_opd


@dataclass
class IsianAnggaran:
    """What the user submitted for one sub kegiatan: the text as typed, the amount read from
    it (None when empty) and the version the page was built from."""

    baris: BarisRealisasiAnggaran
    teks: str
    nilai: Decimal | None
    versi: int
    error: str = ""

    @property
    def changed(self) -> bool:
        return self.nilai != self.baris.nilai


@dataclass(frozen=True)
class KonflikAnggaran:
    """A line someone else saved (or removed) after the user's page was built."""

    baris: BarisRealisasiAnggaran
    sekarang: RealisasiAnggaranTriwulan | None
    oleh: str
    pada: datetime | None


def _konflik_anggaran(baris: list[BarisRealisasiAnggaran],
                      triwulan: int) -> list[KonflikAnggaran]:
    now = {r.dpa_sub_kegiatan_id: r for r in RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__in=[b.anggaran for b in baris], triwulan=triwulan)
        .select_related("diubah_oleh")}
    hasil = []
    for b in baris:
        r = now.get(b.anggaran)  # type: ignore[arg-type]
        user = r.diubah_oleh if r is not None else None
        oleh = nama_pengguna(user)
        hasil.append(KonflikAnggaran(b, r, oleh, r.updated_at if r is not None else None))
    return hasil


def save_realisasi_anggaran(opd: PerangkatDaerah, tahun: int, triwulan: int,
                            isian: list[IsianAnggaran], *, user: Any,
                            lewat: str = "") -> int:
    """Write the changed cells of a checked budget realisasi grid (no errors) in one
    transaction; return the number of values changed. The same guards as the indicators'
    grid (``results.writes.save_realisasi_grid``):

    * optimistic concurrency: every line names the ``versi`` it was built from (0: no row);
      when a stored version differs, or a conditional write finds it changed meanwhile,
      nothing is written and ``KonflikVersi`` carries ``KonflikAnggaran`` for the lines;
    * the OPD's report of the triwulan is locked for update first
      (``reporting.workflow.lock_pelaporan``): submitted or verified, it raises
      ``TriwulanTerkunci`` and nothing is written;
    * every change is recorded with ``record_change``; an emptied cell deletes its row;
      ``lewat`` is added to its source (the API names its token there).
    """
    stale = [i.baris for i in isian if i.versi != i.baris.versi]
    if stale:
        raise KonflikVersi(_konflik_anggaran(stale, triwulan))  # type: ignore[arg-type]
    changed_isian = [i for i in isian if i.changed]
    sumber = f"Isian realisasi anggaran TW {TRIWULAN_ROMAWI[triwulan]} {tahun}{lewat}"
    lost: list[BarisRealisasiAnggaran] = []
    changed = 0
    by_pk = {a.pk: a for a in DpaSubKegiatan.objects.filter(
        pk__in=[i.baris.anggaran for i in changed_isian]).select_related("sub_kegiatan")}
    try:
        with transaction.atomic():
            naikkan_opd(opd)  # the revision of its documents
            pelaporan = lock_pelaporan(opd, tahun, triwulan)
            if pelaporan.locked:
                raise TriwulanTerkunci(pelaporan)
            for i in changed_isian:
                lama = i.baris.tersimpan
                anggaran = by_pk[i.baris.anggaran]  # type: ignore[index]
                if lama is None:
                    baru = RealisasiAnggaranTriwulan.objects.create(
                        dpa_sub_kegiatan=anggaran, triwulan=triwulan, nilai=i.nilai,
                        versi=1, diubah_oleh=user if user.is_authenticated else None)
                    changed += record_change(opd, baru, "nilai", "", format_rupiah(i.nilai),
                                             sumber=sumber, oleh=user) is not None
                    continue
                kept = RealisasiAnggaranTriwulan.objects.filter(pk=lama.pk, versi=i.versi)
                if i.nilai is None:
                    written = kept.delete()[1].get(RealisasiAnggaranTriwulan._meta.label, 0)
                else:
                    written = kept.update(nilai=i.nilai, versi=F("versi") + 1,
                                          updated_at=timezone.now(),
                                          diubah_oleh=user if user.is_authenticated else None)
                if not written:
                    lost.append(i.baris)
                    raise IntegrityError("stale versi")
                lama.dpa_sub_kegiatan = anggaran
                changed += record_change(opd, lama, "nilai", format_rupiah(lama.nilai),
                                         format_rupiah(i.nilai) if i.nilai is not None else "",
                                         sumber=sumber, oleh=user) is not None
    except IntegrityError:
        # Saved or created by someone else between our check and our write: all rolled back.
        raise KonflikVersi(_konflik_anggaran(  # type: ignore[arg-type]
            lost or [i.baris for i in changed_isian], triwulan)) from None
    return changed



@dataclass(frozen=True)
class NilaiDpa:
    """One annual DPA amount to write (``kolom`` "pagu" or "realisasi" of a sub kegiatan's
    DPA or of a rekening line), with the amount the caller read (``lama``). These rows carry
    no version: the amount read is the check (``UPDATE … WHERE pagu = lama``)."""

    objek: DpaSubKegiatan | DpaLine
    kolom: str
    lama: Decimal | None
    baru: Decimal


class StaleDpa(Exception):
    """Amounts changed by someone else since they were read: nothing was written."""

    def __init__(self, nilai: list[NilaiDpa]):
        super().__init__(f"{len(nilai)} jumlah DPA diubah orang lain")
        self.nilai = nilai


def write_dpa_amounts(opd: PerangkatDaerah, values: list[NilaiDpa], *, user: Any,
                      sumber: str) -> int:
    """Write annual DPA amounts all or nothing and return how many changed: each only when
    the stored amount is still the one read (else ``StaleDpa`` names them), its printed text
    with it, each change recorded on the row itself."""
    stale: list[NilaiDpa] = []
    with transaction.atomic():
        naikkan_opd(opd)  # the revision of its documents
        for n in values:
            kept = type(n.objek).objects.filter(
                pk=n.objek.pk,
                **({f"{n.kolom}__isnull": True} if n.lama is None else {n.kolom: n.lama}))
            if not kept.update(**{n.kolom: n.baru, f"{n.kolom}_teks": format_angka(n.baru)},
                               versi=F("versi") + 1):
                stale.append(n)
        if stale:
            transaction.set_rollback(True)
        else:
            for n in values:
                record_change(opd, n.objek, n.kolom, format_rupiah(n.lama),
                              format_rupiah(n.baru), sumber=sumber, oleh=user)
    if stale:
        raise StaleDpa(stale)
    return len(values)


# -- an imported DPA --------------------------------------------------------------------------

def write_dpa(opd: PerangkatDaerah, tahun: int, baris: Sequence[Any], *, user: Any,
              sumber: str) -> None:
    """Write the DPA of ``tahun`` from the rows of a read budget sheet (the
    ``Any`` of ``adapters.xlsx.budget_import``), in one transaction: the one
    write path of an imported DPA. Sub kegiatan of the sheet get their amounts and their
    rekening lines replaced; nodes missing from the tree are added; program and kegiatan
    amounts are kept as printed.

    Everything is written a level at a time (programs, kegiatan, sub kegiatan, their amounts,
    the change history, then the rekening lines), in bulk statements of up to 1.000 rows, so
    the number of queries grows by one per batch, not per row."""
    renstra = renstra_for(opd, tahun)
    children: dict[int | None, list[Any]] = defaultdict(list)
    for b in baris:
        children[b.induk].append(b)
    urutan = {b.nomor: i for i, b in enumerate(baris, start=1)}
    level = {t: [b for b in baris if b.tingkat == t]
             for t in ("program", "kegiatan", "sub_kegiatan")}
    oleh = user if user is not None and getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        naikkan_opd(opd)  # the revision of its documents
        dpa, _created = Dpa.objects.get_or_create(perangkat_daerah=opd, tahun=tahun)
        AnggaranTercetak.objects.filter(perangkat_daerah=opd, tahun=tahun,
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
                perangkat_daerah=opd, tahun=tahun, tempat=AnggaranTercetak.TABEL_ANGGARAN,
                pagu=b.pagu, realisasi=b.realisasi, pagu_teks=_teks(b.pagu),
                realisasi_teks=_teks(b.realisasi), urutan=urutan[b.nomor],
                **{b.tingkat: nodes[b.nomor]})
            for b in (*level["program"], *level["kegiatan"])], batch_size=1000)
        pending, history = _write_amounts(opd, dpa, level["sub_kegiatan"], nodes, oleh, sumber)
        Perubahan.objects.bulk_create(history, batch_size=1000)
        _write_lines(pending, children)


@lru_cache(maxsize=4096)
def _teks(value: Decimal | None) -> str:
    """An amount as the "as printed" text; budget sheets repeat amounts (a parent and its
    only child, equal lines), so the formatting is cached."""
    return format_angka(value, 0) if value is not None else ""


def _nodes(model: Any, rows: list[Any], nodes: dict[int, Any],
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


def _write_amounts(opd: PerangkatDaerah, dpa: Dpa, rows: list[Any],
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
        anggaran.versi += 1 if anggaran.pk else 0
    DpaSubKegiatan.objects.bulk_update(changed, ["pagu", "realisasi", "pagu_teks",
                                                 "realisasi_teks", "versi"], batch_size=500)
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
                perangkat_daerah=opd, model="DpaSubKegiatan", objek_id=anggaran.pk,
                objek=f"{sub.kode} {sub.nama}"[:500], kolom="Pagu / Realisasi",
                lama=f"{format_rupiah(lama[0])} / {format_rupiah(lama[1])}",
                baru=f"{format_rupiah(b.pagu)} / {format_rupiah(b.realisasi)}", sumber=sumber[:300],
                oleh=oleh))
    return pending, history


def _write_lines(pending: list[tuple[DpaSubKegiatan, int]],
                 children: dict[int | None, list[Any]]) -> None:
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
        "realisasi_teks", "urutan", "catatan", "serapan_teks", "uraian_tercetak", "versi")]
    limit = connection.features.max_query_params or 30_000
    with connection.cursor() as cursor:
        row_sql = f"({', '.join(['%s'] * len(columns))})"
        insert = f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) VALUES "
        if connection.vendor == "postgresql":  # one statement, pipelined by psycopg
            cursor.executemany(insert + row_sql, [(*row, "", "", "", 1) for row in rows])
        else:
            for batch in _batches([(*row, "", "", "", 1) for row in rows],
                                  limit // len(columns)):
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
