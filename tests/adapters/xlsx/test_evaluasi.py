"""The Renja evaluation form (Permendagri 86/2017) in the OPD workbook: the form's numbered
columns, each figure from stored data, read only."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from akuntabel.adapters.xlsx.evaluasi import (
    DATA_BARIS,
    JUDUL_BARIS,
    SHEET_EVALUASI,
    kolom_evaluasi,
    posisi_kolom,
)
from akuntabel.adapters.xlsx.workbook import export_workbook, read_workbook
from akuntabel.budget.models import Dpa, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.plans.models import Indikator, RenstraAnggaran, Target
from akuntabel.plans.services import renstra_for
from akuntabel.results.models import Realisasi

pytestmark = pytest.mark.django_db


def sheet(tmp_path, opd):
    path = tmp_path / "opd.xlsx"
    path.write_bytes(export_workbook(opd, 2023))
    return path, load_workbook(path)[SHEET_EVALUASI]


def posisi(opd):
    return posisi_kolom(kolom_evaluasi(2023, renstra_for(opd, 2023)))


def row_values(ws, opd, uraian: str) -> dict[tuple[int, str], object]:
    col = posisi(opd)
    for r in range(DATA_BARIS, ws.max_row + 1):
        text = ws.cell(row=r, column=col[(5, "")]).value
        if isinstance(text, str) and text.startswith(uraian):
            return {key: ws.cell(row=r, column=c).value for key, c in col.items()}
    raise AssertionError(f"no row for {uraian!r}")


def number(v) -> Decimal:
    assert isinstance(v, int | float), v
    return Decimal(str(v))


def test_the_form_has_its_numbered_columns_with_k_and_rp(tmp_path, demo_opd):
    _, ws = sheet(tmp_path, demo_opd)
    numbers = [c.value for c in ws[JUDUL_BARIS + 2] if c.value is not None]
    assert numbers == list(range(1, 19))
    titles = " | ".join(str(c.value) for c in ws[JUDUL_BARIS] if c.value)
    for words in ("akhir periode Renstra 2021–2026", "tahun lalu (2022)", "triwulan IV",
                  "s.d. tahun 2023", "Unit Perangkat Daerah penanggung jawab", "Keterangan"):
        assert words in titles
    assert [c.value for c in ws[JUDUL_BARIS + 1]][5:9] == ["K", "Rp", "K", "Rp"]
    assert ws.freeze_panes == "F7"
    assert ws.protection.sheet  # read only in Excel


def test_the_figures_come_from_the_renstra_earlier_years_and_the_dpa(tmp_path, demo_opd):
    ind = (Indikator.objects.filter(perangkat_daerah=demo_opd, sub_kegiatan__isnull=False,
                                    target__jenis="renja", realisasi__tahun=2022,
                                    agregasi="kumulatif", polaritas="naik")
           .exclude(uraian="").order_by("urutan").first())
    sub = ind.sub_kegiatan
    r22 = Realisasi.objects.get(indikator=ind, tahun=2022, triwulan=0).nilai
    r23 = Realisasi.objects.get(indikator=ind, tahun=2023, triwulan=0).nilai
    renja = Target.objects.get(indikator=ind, jenis="renja", tahun=2023, triwulan=0).nilai
    Realisasi.objects.create(indikator=ind, tahun=2021, triwulan=0, nilai=5, teks="5")
    for tw in range(1, 5):
        Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=tw, nilai=tw, teks=str(tw))
    Target.objects.create(indikator=ind, jenis="renstra", tahun=2026, triwulan=0, nilai=100,
                          teks="100")
    RenstraAnggaran.objects.filter(sub_kegiatan=sub).delete()
    for y in range(2021, 2027):
        RenstraAnggaran.objects.create(sub_kegiatan=sub, tahun=y, target=1_000_000,
                                       realisasi_dilaporkan=900_000 if y < 2023 else None)
    # 2022 has a DPA: its realisasi wins over what the Renstra table reported.
    dpa22 = Dpa.objects.create(perangkat_daerah=demo_opd, tahun=2022)
    DpaSubKegiatan.objects.create(dpa=dpa22, sub_kegiatan=sub, pagu=800_000,
                                  realisasi=750_000)
    dpa23 = DpaSubKegiatan.objects.get(dpa__perangkat_daerah=demo_opd, dpa__tahun=2023,
                                       sub_kegiatan=sub)
    quarters = [Decimal(100_000), Decimal(200_000), Decimal(300_000),
                dpa23.realisasi - 600_000]  # sums to the DPA's annual realisasi
    for tw, nilai in enumerate(quarters, start=1):
        RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=dpa23, triwulan=tw,
                                                 nilai=nilai)

    _, ws = sheet(tmp_path, demo_opd)
    v = row_values(ws, demo_opd, ind.uraian)
    assert v[(3, "")] == sub.kode and v[(4, "")] == sub.nama
    assert number(v[(6, "K")]) == 100
    assert number(v[(6, "Rp")]) == 6_000_000
    assert number(v[(7, "K")]) == 5 + r22
    assert number(v[(7, "Rp")]) == 900_000 + 750_000
    assert number(v[(8, "K")]) == renja
    assert number(v[(8, "Rp")]) == dpa23.pagu
    assert [number(v[(n, "K")]) for n in (9, 10, 11, 12)] == [1, 2, 3, 4]
    assert [number(v[(n, "Rp")]) for n in (9, 10, 11, 12)] == quarters
    assert number(v[(13, "K")]) == r23  # the annual realisasi, not the sum of the triwulan
    assert number(v[(13, "Rp")]) == dpa23.realisasi
    assert number(v[(14, "K")]) == pytest.approx(r23 / renja * 100)
    assert number(v[(14, "Rp")]) == pytest.approx(dpa23.realisasi / dpa23.pagu * 100)
    assert number(v[(15, "K")]) == 5 + r22 + r23
    assert number(v[(15, "Rp")]) == 1_650_000 + dpa23.realisasi
    assert number(v[(16, "K")]) == pytest.approx(5 + r22 + r23)  # ÷ 100 × 100
    assert number(v[(16, "Rp")]) == pytest.approx((1_650_000 + dpa23.realisasi) / 6_000_000
                                                  * 100)
    assert v[(17, "")] == demo_opd.nama
    assert v[(18, "")] is None  # every year of the period has data


def test_missing_years_are_left_out_and_named(tmp_path, demo_opd):
    ind = (Indikator.objects.filter(perangkat_daerah=demo_opd, sub_kegiatan__isnull=False,
                                    realisasi__tahun=2022, agregasi="kumulatif")
           .exclude(uraian="").order_by("urutan").first())
    r22 = Realisasi.objects.get(indikator=ind, tahun=2022, triwulan=0).nilai
    _, ws = sheet(tmp_path, demo_opd)
    v = row_values(ws, demo_opd, ind.uraian)
    assert number(v[(7, "K")]) == r22
    assert "tanpa tahun 2021" in v[(18, "")]
    # The demo has one year of Renstra funding (2023) and no DPA before 2023.
    assert "Pendanaan Renstra tanpa tahun 2021, 2022, 2024, 2025, 2026" in v[(18, "")]


def test_budget_is_printed_once_per_node_and_the_average_is_rated(tmp_path, demo_opd):
    _, ws = sheet(tmp_path, demo_opd)
    col = posisi(demo_opd)
    pagu_by_node: dict[str, list] = {}
    for r in range(DATA_BARIS, ws.max_row + 1):
        kode = ws.cell(row=r, column=col[(3, "")]).value
        if kode:
            pagu_by_node.setdefault(kode, []).append(ws.cell(row=r, column=col[(8, "Rp")]).value)
    assert any(isinstance(p[0], int | float) for p in pagu_by_node.values())
    assert all(sum(isinstance(x, int | float) for x in p) <= 1 for p in pagu_by_node.values())
    labels = {ws.cell(row=r, column=col[(5, "")]).value: ws.cell(row=r, column=col[(14, "K")])
              .value for r in range(DATA_BARIS, ws.max_row + 1)}
    assert isinstance(labels["Rata-rata capaian kinerja (%)"], int | float)
    assert labels["Predikat kinerja"] in ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah",
                                          "Sangat Rendah")


def test_the_form_is_not_imported(tmp_path, demo_opd):
    path, ws = sheet(tmp_path, demo_opd)
    wb = ws.parent
    col = posisi(demo_opd)
    ws.cell(row=DATA_BARIS, column=col[(13, "K")], value=123456)
    wb.save(path)
    p = read_workbook(path)
    assert p.masalah == [] and p.perubahan == []


def test_quarters_that_do_not_sum_to_the_dpa_are_named_and_the_dpa_stays_the_total(tmp_path,
                                                                                   demo_opd):
    ind = (Indikator.objects.filter(perangkat_daerah=demo_opd, sub_kegiatan__isnull=False,
                                    target__jenis="renja").exclude(uraian="")
           .order_by("urutan").first())
    dpa23 = DpaSubKegiatan.objects.get(dpa__tahun=2023, sub_kegiatan=ind.sub_kegiatan)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=dpa23, triwulan=1, nilai=1_000)
    _, ws = sheet(tmp_path, demo_opd)
    v = row_values(ws, demo_opd, ind.uraian)
    assert number(v[(9, "Rp")]) == 1_000 and v[(10, "Rp")] is None
    assert number(v[(13, "Rp")]) == dpa23.realisasi
    assert "Jumlah realisasi anggaran TW I–IV Rp 1.000 berbeda" in v[(18, "")]
