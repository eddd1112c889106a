"""The Renja evaluation form of Permendagri 86/2017 ("Evaluasi terhadap Hasil Renja Perangkat
Daerah"), as a read-only sheet of the OPD workbook.

One row per program (outcome), kegiatan and sub kegiatan (output) indicator, with the form's
numbered columns; each measure has a K (kinerja) and an Rp (anggaran) column:

==  ===========================================================================================
 1  No
 2  Sasaran (of the program)
 3  Kode
 4  Program / kegiatan / sub kegiatan
 5  Indikator kinerja program (outcome) / kegiatan (output), with its satuan
 6  Target Renstra at the end of the period: K = the Renstra target of the final year (else the
    indicator's kondisi akhir); Rp = the Renstra funding (``RenstraAnggaran.target``) summed
    over the period's years
 7  Realisasi of the Renstra up to last year's Renja: K = the annual realisasi of the earlier
    years of the period, combined by the indicator's agregasi; Rp = the node's realisasi of
    each earlier year, from that year's DPA, else as the Renstra table reported it
 8  Target kinerja and anggaran of the Renja evaluated: K = Renja target; Rp = DPA pagu
 9–12  Realisasi per triwulan: K = realisasi TW I–IV; Rp = the budget realisasi entered per
    triwulan (``RealisasiAnggaranTriwulan``, summed up the tree)
13  Realisasi of the Renja evaluated: K = the annual realisasi, else TW I–IV combined;
    Rp = the DPA's annual realisasi (the truth), else the sum of TW I–IV; a difference
    between the two is named in the Keterangan
14  Tingkat capaian of the Renja (%): K = capaian of 13 against 8 (the indicator's polaritas);
    Rp = 13 / 8 × 100
15  Realisasi of the Renstra up to the Renja year: 7 and 13 combined (Rp: 7 + 13)
16  Tingkat capaian of the Renstra up to the Renja year (%): 15 against 6
17  Unit perangkat daerah penanggung jawab
18  Keterangan: which years the cumulative columns lack; TW I–IV not summing to the DPA
==  ===========================================================================================

The budget (Rp) of a node is printed on its first indicator row only, so that a column sums
correctly. A year of the period without data is left out of a cumulative figure and named in
the Keterangan; a figure with no data at all is blank. Below the table: the average capaian
of column 14 and its peringkat on the pemda's scale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from akuntabel.budget.models import Dpa
from akuntabel.budget.services import (
    BudgetTree,
    build_budget_tree,
    build_triwulan_sums,
)
from akuntabel.core.anggaran import jumlah_triwulan, selisih_tahunan
from akuntabel.core.angka import format_rupiah
from akuntabel.core.capaian import (
    Agregasi,
    aggregate,
    average_capaian,
    compute_capaian_target,
    compute_persentase,
)
from akuntabel.core.realisasi import realisasi_tahun
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator, Renstra, RenstraAnggaran, Target
from akuntabel.results.models import Realisasi

SHEET_EVALUASI = "Evaluasi Renja"
JUDUL_BARIS = 4  # the header: row 4 (titles), row 5 (K / Rp), row 6 (column numbers)
DATA_BARIS = 7
FILL = PatternFill("solid", fgColor="DDE6EE")
RUPIAH = '"Rp "#,##0'
ANGKA = "#,##0.##"
PERSEN = '0.00"%"'
_TIPIS = Side(style="thin", color="999999")
_GARIS = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)

Nilai = Decimal | str | None


@dataclass(frozen=True)
class KolomEvaluasi:
    """A numbered column of the form: its title and whether it has K and Rp sub-columns."""

    nomor: int
    judul: str
    k_rp: bool = False
    persen: bool = False


def kolom_evaluasi(tahun: int, renstra: Renstra | None) -> list[KolomEvaluasi]:
    akhir = renstra.tahun_akhir if renstra else "…"
    periode = f"{renstra.tahun_awal}–{renstra.tahun_akhir}" if renstra else "…"
    return [
        KolomEvaluasi(1, "No"),
        KolomEvaluasi(2, "Sasaran"),
        KolomEvaluasi(3, "Kode"),
        KolomEvaluasi(4, "Program/Kegiatan/Sub Kegiatan"),
        KolomEvaluasi(5, "Indikator kinerja program (outcome)/kegiatan (output)"),
        KolomEvaluasi(6, f"Target Renstra Perangkat Daerah pada tahun {akhir} (akhir periode "
                         f"Renstra {periode})", k_rp=True),
        KolomEvaluasi(7, "Realisasi capaian kinerja Renstra Perangkat Daerah sampai dengan "
                         f"Renja Perangkat Daerah tahun lalu ({tahun - 1})", k_rp=True),
        KolomEvaluasi(8, "Target kinerja dan anggaran Renja Perangkat Daerah tahun berjalan "
                         f"yang dievaluasi ({tahun})", k_rp=True),
        KolomEvaluasi(9, "Realisasi kinerja pada triwulan I", k_rp=True),
        KolomEvaluasi(10, "Realisasi kinerja pada triwulan II", k_rp=True),
        KolomEvaluasi(11, "Realisasi kinerja pada triwulan III", k_rp=True),
        KolomEvaluasi(12, "Realisasi kinerja pada triwulan IV", k_rp=True),
        KolomEvaluasi(13, "Realisasi capaian kinerja dan anggaran Renja Perangkat Daerah yang "
                          f"dievaluasi ({tahun})", k_rp=True),
        KolomEvaluasi(14, "Tingkat capaian kinerja dan realisasi anggaran Renja Perangkat "
                          f"Daerah yang dievaluasi ({tahun}) (%)", k_rp=True, persen=True),
        KolomEvaluasi(15, "Realisasi kinerja dan anggaran Renstra Perangkat Daerah s.d. tahun "
                          f"{tahun} (akhir tahun pelaksanaan Renja)", k_rp=True),
        KolomEvaluasi(16, "Tingkat capaian kinerja dan realisasi anggaran Renstra Perangkat "
                          f"Daerah s.d. tahun {tahun} (%)", k_rp=True, persen=True),
        KolomEvaluasi(17, "Unit Perangkat Daerah penanggung jawab"),
        KolomEvaluasi(18, "Keterangan"),
    ]


def posisi_kolom(kolom: Sequence[KolomEvaluasi]) -> dict[tuple[int, str], int]:
    """(column number, "K" | "Rp" | "") -> 1-based sheet column."""
    posisi: dict[tuple[int, str], int] = {}
    c = 1
    for k in kolom:
        if k.k_rp:
            posisi[(k.nomor, "K")], posisi[(k.nomor, "Rp")] = c, c + 1
            c += 2
        else:
            posisi[(k.nomor, "")] = c
            c += 1
    return posisi


@dataclass
class _Anggaran:
    """One node's budget figures across the Renstra period."""

    target_periode: Decimal | None = None
    target_tahun: list[int] | None = None
    realisasi_lalu: Decimal | None = None
    lalu_tahun: list[int] | None = None
    pagu: Decimal | None = None
    realisasi: Decimal | None = None
    triwulan: tuple[Decimal | None, ...] = (None, None, None, None)


def _node_key(tingkat: str, pk: int | None) -> tuple[str, int | None]:
    return (tingkat, pk)


def _tree_by_node(tree: BudgetTree) -> dict[tuple[str, int | None], Any]:
    return {(i.tingkat, i.pk): tree.hasil[k] for k, i in tree.info.items()
            if i.tingkat in ("program", "kegiatan", "sub_kegiatan")}


def _budget(opd: PerangkatDaerah, tahun: int, renstra: Renstra | None
            ) -> dict[tuple[str, int | None], _Anggaran]:
    """Per node: the Renstra funding of the period, the realisasi of earlier years, and the
    year's DPA pagu and realisasi."""
    hasil: dict[tuple[str, int | None], _Anggaran] = defaultdict(_Anggaran)
    tree = build_budget_tree(opd, tahun)
    for key, node in _tree_by_node(tree).items():
        hasil[key].pagu = node.pagu.nilai
        hasil[key].realisasi = node.realisasi.nilai
    for kunci, per_tw in build_triwulan_sums(opd, tahun, tree).items():
        info = tree.info[kunci]
        if info.tingkat in ("program", "kegiatan", "sub_kegiatan"):
            hasil[(info.tingkat, info.pk)].triwulan = tuple(per_tw)
    if renstra is None:
        return hasil
    sebelum = range(renstra.tahun_awal, min(tahun, renstra.tahun_akhir + 1))
    dpa_tahun = set(Dpa.objects.filter(perangkat_daerah=opd, tahun__in=list(sebelum))
                    .values_list("tahun", flat=True))
    realisasi_dpa: dict[tuple[str, int | None], dict[int, Decimal]] = defaultdict(dict)
    for y in sorted(dpa_tahun):
        for key, node in _tree_by_node(build_budget_tree(opd, y)).items():
            if node.realisasi.nilai is not None:
                realisasi_dpa[key][y] = node.realisasi.nilai
    target: dict[tuple[str, int | None], dict[int, Decimal]] = defaultdict(dict)
    dilaporkan: dict[tuple[str, int | None], dict[int, Decimal]] = defaultdict(dict)
    for ra in RenstraAnggaran.objects.filter(
            Q(program__renstra=renstra) | Q(kegiatan__program__renstra=renstra)
            | Q(sub_kegiatan__kegiatan__program__renstra=renstra)):
        key = (("program", ra.program_id) if ra.program_id else ("kegiatan", ra.kegiatan_id)
               if ra.kegiatan_id else ("sub_kegiatan", ra.sub_kegiatan_id))
        if ra.target is not None:
            target[key][ra.tahun] = ra.target
        if ra.realisasi_dilaporkan is not None:
            dilaporkan[key][ra.tahun] = ra.realisasi_dilaporkan
    periode = range(renstra.tahun_awal, renstra.tahun_akhir + 1)
    for key in {*target, *dilaporkan, *realisasi_dpa, *hasil}:
        a = hasil[key]
        per_tahun = [target[key].get(y) for y in periode]
        a.target_periode = aggregate(per_tahun, Agregasi.KUMULATIF)
        a.target_tahun = [y for y in periode if y not in target[key]]
        lalu = [realisasi_dpa[key].get(y, dilaporkan[key].get(y)) for y in sebelum]
        a.realisasi_lalu = aggregate(lalu, Agregasi.KUMULATIF)
        a.lalu_tahun = [y for y, v in zip(sebelum, lalu, strict=True) if v is None]
    return hasil


def _nilai(x: Target | Realisasi | None) -> Nilai:
    if x is None:
        return None
    return x.nilai if x.nilai is not None else (x.teks or None)


def _angka(v: Nilai) -> Decimal | None:
    return v if isinstance(v, Decimal) else None


def _capaian(ind: Indikator, target: Target | Nilai, realisasi: Nilai) -> Decimal | None:
    """Capaian against a target row or a value: the one rule of every page (single, range
    or qualitative)."""
    if target is None:
        return None
    if isinstance(target, Target):
        nilai, atas, teks = target.nilai, target.nilai_atas, target.teks
    else:
        nilai, atas, teks = _angka(target), None, target if isinstance(target, str) else ""
    return compute_capaian_target(
        nilai, _angka(realisasi), ind.polaritas, ind.metode_turun, target_atas=atas,
        target_teks=teks, realisasi_teks=realisasi if isinstance(realisasi, str) else "")


def _realisasi_tahun(realisasi: dict[tuple[int, int, int], Realisasi], ind: Indikator,
                     tahun: int) -> Nilai:
    """The year's realisasi by the one rule (``core.realisasi.realisasi_tahun``: the annual
    figure reported, else the quarters combined), or the annual text when neither is a
    number."""
    annual = realisasi.get((ind.pk, tahun, TAHUNAN))
    quarters = {tw: r.nilai for tw in (1, 2, 3, 4)
                if (r := realisasi.get((ind.pk, tahun, tw))) is not None}
    hasil = realisasi_tahun(annual.nilai if annual else None, quarters, ind.agregasi)
    return hasil.nilai if hasil.nilai is not None else _nilai(annual)


def _tahun_teks(tahun: Sequence[int]) -> str:
    return ", ".join(str(y) for y in tahun)


@dataclass(frozen=True)
class BarisEvaluasi:
    """One row of the form, as plain values keyed like :func:`posisi_kolom`."""

    nilai: dict[tuple[int, str], Nilai]


def build_evaluasi(opd: PerangkatDaerah, tahun: int, renstra: Renstra | None
                   ) -> tuple[list[BarisEvaluasi], Decimal | None]:
    """The rows of the form and the average of column 14 K (capaian of the Renja)."""
    anggaran = _budget(opd, tahun, renstra)
    awal = renstra.tahun_awal if renstra else tahun
    akhir = renstra.tahun_akhir if renstra else tahun
    sebelum = list(range(awal, min(tahun, akhir + 1)))
    targets: dict[tuple[int, str, int], Target] = {}
    for t in Target.objects.filter(indikator__perangkat_daerah=opd, triwulan=TAHUNAN,
                                   jenis__in=(Target.Jenis.RENJA, Target.Jenis.RENSTRA)):
        targets[(t.indikator_id, t.jenis, t.tahun)] = t
    realisasi: dict[tuple[int, int, int], Realisasi] = {}
    for r in Realisasi.objects.filter(indikator__perangkat_daerah=opd, tahun__gte=awal,
                                      tahun__lte=tahun):
        realisasi[(r.indikator_id, r.tahun, r.triwulan)] = r

    rows: list[BarisEvaluasi] = []
    capaian_k: list[Decimal | None] = []
    budget_shown: set[tuple[str, int | None]] = set()
    nomor = 0
    for ind in (Indikator.objects.filter(perangkat_daerah=opd).exclude(uraian="")
                .filter(Q(program__isnull=False) | Q(kegiatan__isnull=False)
                        | Q(sub_kegiatan__isnull=False))
                .select_related("program__sasaran", "kegiatan__program__sasaran",
                                "sub_kegiatan__kegiatan__program__sasaran")
                .order_by("urutan")):
        tingkat = ("program" if ind.program_id else "kegiatan" if ind.kegiatan_id
                   else "sub_kegiatan")
        node = ind.node
        program = (ind.program or (ind.kegiatan.program if ind.kegiatan else None)
                   or ind.sub_kegiatan.kegiatan.program)
        agregasi = Agregasi(ind.agregasi)
        catatan: list[str] = []

        akhir_t = targets.get((ind.pk, Target.Jenis.RENSTRA, akhir))
        target_akhir: Nilai = _nilai(akhir_t)
        if target_akhir is None:
            target_akhir = (ind.kondisi_akhir if ind.kondisi_akhir is not None
                            else (ind.kondisi_akhir_teks or None))
        lalu = [_angka(_realisasi_tahun(realisasi, ind, y)) for y in sebelum]
        k_lalu = aggregate(lalu, agregasi)
        tw = [_nilai(realisasi.get((ind.pk, tahun, t))) for t in range(1, 5)]
        tahunan: Nilai = _realisasi_tahun(realisasi, ind, tahun)
        kosong = [y for y, v in zip(sebelum, lalu, strict=True) if v is None]
        if kosong and (k_lalu is not None or _angka(tahunan) is not None):
            catatan.append(f"Realisasi kinerja s.d. {tahun - 1} tanpa tahun "
                           f"{_tahun_teks(kosong)} (tidak ada data).")
        target_renja = _nilai(targets.get((ind.pk, Target.Jenis.RENJA, tahun)))
        k_sd = aggregate([*lalu, _angka(tahunan)], agregasi) if renstra else None

        key = (tingkat, node.pk)
        a = anggaran.get(key) if key not in budget_shown else None
        budget_shown.add(key)
        rp_sd = rp_tahun = None
        if a is not None:
            rp_tahun = a.realisasi if a.realisasi is not None else jumlah_triwulan(a.triwulan)
            rp_sd = aggregate([a.realisasi_lalu, rp_tahun], Agregasi.KUMULATIF)
            beda = selisih_tahunan(a.realisasi, a.triwulan)
            if beda is not None:
                catatan.append(f"Jumlah realisasi anggaran TW I–IV "
                               f"{format_rupiah(jumlah_triwulan(a.triwulan))} berbeda "
                               f"{format_rupiah(beda)} dari realisasi DPA "
                               f"{format_rupiah(a.realisasi)}.")
            if a.target_periode is not None and a.target_tahun:
                catatan.append(f"Pendanaan Renstra tanpa tahun {_tahun_teks(a.target_tahun)}.")
            if a.lalu_tahun and (a.realisasi_lalu is not None or a.realisasi is not None):
                catatan.append(f"Realisasi anggaran s.d. {tahun - 1} tanpa tahun "
                               f"{_tahun_teks(a.lalu_tahun)} (tidak ada DPA atau realisasi "
                               "Renstra).")
        capaian = _capaian(ind, targets.get((ind.pk, Target.Jenis.RENJA, tahun)), tahunan)
        capaian_k.append(capaian)
        nomor += 1
        nilai: dict[tuple[int, str], Nilai] = {
            (1, ""): Decimal(nomor),
            (2, ""): program.sasaran.uraian if program and program.sasaran else None,
            (3, ""): node.kode or None,
            (4, ""): node.nama,
            (5, ""): f"{ind.uraian} ({ind.satuan})" if ind.satuan else ind.uraian,
            (6, "K"): target_akhir,
            (6, "Rp"): a.target_periode if a else None,
            (7, "K"): k_lalu,
            (7, "Rp"): a.realisasi_lalu if a else None,
            (8, "K"): target_renja,
            (8, "Rp"): a.pagu if a else None,
            **{(9 + i, "K"): v for i, v in enumerate(tw)},
            **{(9 + i, "Rp"): v for i, v in enumerate(a.triwulan if a else ())},
            (13, "K"): tahunan,
            (13, "Rp"): rp_tahun,
            (14, "K"): capaian,
            (14, "Rp"): compute_persentase(rp_tahun, a.pagu) if a else None,
            (15, "K"): k_sd,
            (15, "Rp"): rp_sd,
            (16, "K"): _capaian(ind, target_akhir, k_sd),
            (16, "Rp"): compute_persentase(rp_sd, a.target_periode) if a else None,
            (17, ""): opd.nama,
            (18, ""): " ".join(catatan) or None,
        }
        rows.append(BarisEvaluasi(nilai))
    return rows, average_capaian(capaian_k)


def export_evaluasi(wb: Workbook, opd: PerangkatDaerah, tahun: int,
                    renstra: Renstra | None) -> None:
    """Write the form as a protected (read-only) sheet; it is never imported."""
    from akuntabel.references.services import skala_for

    kolom = kolom_evaluasi(tahun, renstra)
    posisi = posisi_kolom(kolom)
    ws = wb.create_sheet(SHEET_EVALUASI)
    ws["A1"] = f"Evaluasi terhadap Hasil Renja {opd.nama} Tahun {tahun}"
    ws["A1"].font = Font(bold=True, size=12)
    ws["A2"] = ("Formulir Permendagri 86/2017; lembar ini hanya dibaca, tidak diimpor. "
                "K = kinerja, Rp = anggaran. 13 = gabungan 9–12 (realisasi tahunan bila ada); "
                "14 = 13 ÷ 8; 15 = 7 + 13; 16 = 15 ÷ 6.")
    ws["A2"].font = Font(italic=True, size=9)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for k in kolom:
        if k.k_rp:
            c = posisi[(k.nomor, "K")]
            ws.merge_cells(start_row=JUDUL_BARIS, start_column=c, end_row=JUDUL_BARIS,
                           end_column=c + 1)
            ws.merge_cells(start_row=JUDUL_BARIS + 2, start_column=c,
                           end_row=JUDUL_BARIS + 2, end_column=c + 1)
            ws.cell(row=JUDUL_BARIS + 1, column=c, value="K")
            ws.cell(row=JUDUL_BARIS + 1, column=c + 1, value="Rp")
        else:
            c = posisi[(k.nomor, "")]
            ws.merge_cells(start_row=JUDUL_BARIS, start_column=c, end_row=JUDUL_BARIS + 1,
                           end_column=c)
        ws.cell(row=JUDUL_BARIS, column=c, value=k.judul)
        ws.cell(row=JUDUL_BARIS + 2, column=c, value=k.nomor)
    lebar = max(posisi.values())
    for r in range(JUDUL_BARIS, DATA_BARIS):
        for c in range(1, lebar + 1):
            cell = ws.cell(row=r, column=c)
            cell.font, cell.fill, cell.alignment, cell.border = bold, FILL, wrap, _GARIS
    ws.row_dimensions[JUDUL_BARIS].height = 120

    rows, rata = build_evaluasi(opd, tahun, renstra)
    persen = {k.nomor for k in kolom if k.persen}
    r = DATA_BARIS - 1
    top = Alignment(vertical="top", wrap_text=True)
    for baris in rows:
        r += 1
        for (nomor, sub), c in posisi.items():
            value = baris.nilai.get((nomor, sub))
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = _GARIS
            if isinstance(value, Decimal):
                cell.number_format = (PERSEN if nomor in persen else RUPIAH if sub == "Rp"
                                      else ANGKA if nomor != 1 else "0")
            else:
                cell.alignment = top
    r += 2
    skala = skala_for(opd.pemda, date(tahun, 12, 31))
    ws.cell(row=r, column=posisi[(5, "")], value="Rata-rata capaian kinerja (%)").font = bold
    cell = ws.cell(row=r, column=posisi[(14, "K")], value=rata)
    cell.number_format = PERSEN
    ws.cell(row=r + 1, column=posisi[(5, "")], value="Predikat kinerja").font = bold
    ws.cell(row=r + 1, column=posisi[(14, "K")], value=skala.peringkat(rata))
    ws.cell(row=r + 2, column=posisi[(5, "")],
            value=f"Skala: {skala.nama} ({skala.dasar_hukum})").font = Font(italic=True, size=9)

    ws.freeze_panes = ws.cell(row=DATA_BARIS, column=posisi[(6, "K")])
    widths = {1: 5, 2: 30, 3: 18, 4: 40, 5: 45, 17: 24, 18: 36}
    for (nomor, _sub), c in posisi.items():
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = \
            widths.get(nomor, 15)
    ws.protection.sheet = True  # read only in Excel; no password, it is a guard not a lock
