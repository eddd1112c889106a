"""Reviu rules "anggaran": budget arithmetic (akuntabel.core.reviu.anggaran).

Most cases start from one small, consistent budget modelled on the seed's sub kegiatan
"Pemberian Layanan Rujukan": Belanja Operasi 2.288.200 / 2.210.900 and Belanja Modal
21.416.000 / 20.649.000, 23.704.200 / 22.859.900 in all. Each failing case breaks one row;
each passing case shows what a rule tolerates. The generated clean datasets (sizes 1, 3, 10)
must give no finding; the seed (the demo dataset) must give the errors it prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import cache

import pytest

from akuntabel.core.angka import parse_rupiah
from akuntabel.core.reviu import (
    ATURAN,
    AnggaranLain,
    BarisAnggaran,
    Finding,
    RenstraAnggaran,
    ReviuData,
    run_reviu,
)
from tests.core.reviu.builders import TAHUN, clean, findings, nilai, with_row

KODE_ANGGARAN = sorted(c for c, a in ATURAN.items() if a.kelompok == "anggaran")

PROGRAM = "program:1.06.04"
KEGIATAN = "kegiatan:1.06.04.2.01"
SUB = "sub_kegiatan:1.06.04.2.01.0012"
OPERASI = "rekening:R/0"  # 5.1 Belanja Operasi
BARJAS = "rekening:R/0.0"  # 5.1.02 Belanja Barang dan Jasa
BAHAN = "rekening:R/0.0.0"
ATK = "rekening:R/0.0.1"
MODAL = "rekening:R/1"  # 5.2 Belanja Modal
PERALATAN = "rekening:R/1.0"  # 5.2.02
AKUN = "rekening:R/A"  # 5 Belanja Daerah, when a case adds it
TABEL = "Tabel 3.2 baris jumlah"
PENUTUP = "Bab IV Penutup"

# kunci, induk, kode, uraian, pagu, realisasi (amounts as printed; None: not printed)
RUJUKAN: tuple[tuple[str, str | None, str, str, str | None, str | None], ...] = (
    ("opd", None, "", "Dinas Uji Kota Contoh", None, None),
    (PROGRAM, "opd", "1.06.04", "PROGRAM REHABILITASI SOSIAL", "23.704.200", "22.859.900"),
    (KEGIATAN, PROGRAM, "1.06.04.2.01", "Rehabilitasi Sosial Dasar", "23.704.200", "22.859.900"),
    (SUB, KEGIATAN, "1.06.04.2.01.0012", "Pemberian Layanan Rujukan", "23.704.200",
     "22.859.900"),
    (OPERASI, SUB, "5.1", "Belanja Operasi", "2.288.200", "2.210.900"),
    (BARJAS, OPERASI, "5.1.02", "Belanja Barang dan Jasa", "2.288.200", "2.210.900"),
    (BAHAN, BARJAS, "", "Belanja Bahan-Bahan Lainnya", "781.000", "718.000"),
    (ATK, BARJAS, "", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
     "1.507.200", "1.492.900"),
    (MODAL, SUB, "5.2", "Belanja Modal", "21.416.000", "20.649.000"),
    (PERALATAN, MODAL, "5.2.02", "Belanja Modal Peralatan dan Mesin", "21.416.000",
     "20.649.000"),
)


def rupiah(teks: str | None) -> Decimal | None:
    return None if teks is None else parse_rupiah(teks)


def tingkat(kunci: str) -> str:
    return kunci.partition(":")[0] if ":" in kunci else kunci


@cache
def rujukan() -> ReviuData:
    """The clean dataset's identity with the small budget above, its totals printed right."""
    rows = tuple(
        BarisAnggaran(kunci, induk, tingkat(kunci), kode, uraian, uraian, rupiah(pagu),
                      rupiah(realisasi))
        for kunci, induk, kode, uraian, pagu, realisasi in RUJUKAN)
    return replace(
        clean(1), anggaran=rows,
        anggaran_lain=(AnggaranLain(TABEL, rupiah("23.704.200"), rupiah("22.859.900")),
                       AnggaranLain(PENUTUP, rupiah("23.704.200"), rupiah("22.859.900"),
                                    "96,44 %")),
        renstra_anggaran=(
            RenstraAnggaran(KEGIATAN, "Rehabilitasi Sosial Dasar", TAHUN, rupiah("30.000.000"),
                            "30.000.000", rupiah("22.859.900"), "22.859.900"),
            RenstraAnggaran(SUB, "Pemberian Layanan Rujukan", TAHUN, rupiah("30.000.000"),
                            "30.000.000", rupiah("22.859.900"), "22.859.900")))


def ubah(kunci: str, **changes: str | None) -> Callable[[ReviuData], ReviuData]:
    """Change one row; amounts are given as printed ("23.704.200", None: not printed)."""
    def apply(data: ReviuData) -> ReviuData:
        values: dict[str, object] = {
            k: rupiah(v) if k in ("pagu", "realisasi") else v for k, v in changes.items()}
        return with_row(data, kunci, **values)
    return apply


def serapan(kunci: str, teks: str) -> Callable[[ReviuData], ReviuData]:
    """A serapan printed on one row of the budget table."""
    def apply(data: ReviuData) -> ReviuData:
        return with_row(data, kunci, serapan_tercetak=nilai(teks))
    return apply


def tanpa(*kunci: str) -> Callable[[ReviuData], ReviuData]:
    """Remove rows (give every row of a subtree)."""
    def apply(data: ReviuData) -> ReviuData:
        return replace(data, anggaran=tuple(r for r in data.anggaran if r.kunci not in kunci))
    return apply


def tambah(kunci: str, induk: str, kode: str, uraian: str, pagu: str | None,
           realisasi: str | None) -> Callable[[ReviuData], ReviuData]:
    """Add a row (amounts as printed)."""
    def apply(data: ReviuData) -> ReviuData:
        row = BarisAnggaran(kunci, induk, tingkat(kunci), kode, uraian, uraian, rupiah(pagu),
                            rupiah(realisasi))
        return replace(data, anggaran=(*data.anggaran, row))
    return apply


def lalu(*steps: Callable[[ReviuData], ReviuData]) -> Callable[[ReviuData], ReviuData]:
    def apply(data: ReviuData) -> ReviuData:
        for step in steps:
            data = step(data)
        return data
    return apply


def lain(tempat: str, **changes: object) -> Callable[[ReviuData], ReviuData]:
    """Change a total printed elsewhere."""
    def apply(data: ReviuData) -> ReviuData:
        return replace(data, anggaran_lain=tuple(
            replace(a, **changes) if a.tempat == tempat else a for a in data.anggaran_lain))
    return apply


def renstra(node: str, **changes: object) -> Callable[[ReviuData], ReviuData]:
    """Change a row of the Renstra comparison table."""
    def apply(data: ReviuData) -> ReviuData:
        return replace(data, renstra_anggaran=tuple(
            replace(r, **changes) if r.node_kunci == node else r
            for r in data.renstra_anggaran))
    return apply


def test_the_small_budget_is_consistent() -> None:
    assert run_reviu(rujukan(), KODE_ANGGARAN) == []


# What breaks, the rule, then the finding expected: its kunci, diharapkan and ditemukan.
FAILING = [
    pytest.param(ubah(PROGRAM, pagu="23.000.000"), "ANG-001", PROGRAM, "Rp 23.704.200",
                 "Rp 23.000.000", id="program prints a pagu its sub kegiatan do not sum to"),
    pytest.param(ubah(KEGIATAN, pagu="2.288.200"), "ANG-001", KEGIATAN, "Rp 23.704.200",
                 "Rp 2.288.200", id="kegiatan prints a pagu its sub kegiatan do not sum to"),
    pytest.param(ubah("opd", pagu="25.000.000"), "ANG-001", "opd", "Rp 23.704.200",
                 "Rp 25.000.000", id="the OPD row prints a total pagu that is not the sum"),
    pytest.param(ubah(KEGIATAN, realisasi="22.895.900"), "ANG-002", KEGIATAN, "Rp 22.859.900",
                 "Rp 22.895.900", id="kegiatan prints a realisasi with two digits swapped"),
    pytest.param(tanpa(MODAL, PERALATAN), "ANG-003", SUB, "Rp 23.704.200", "Rp 2.288.200",
                 id="the Belanja Modal lines are missing from the sub kegiatan's breakdown"),
    pytest.param(lalu(ubah(PERALATAN, realisasi="20.000.000"),
                      ubah(MODAL, realisasi="20.000.000")),
                 "ANG-004", SUB, "Rp 22.859.900", "Rp 22.210.900",
                 id="the lines' realisasi does not add up to the sub kegiatan's DPA realisasi"),
    pytest.param(ubah(OPERASI, pagu="23.704.200"), "ANG-005", OPERASI, "Rp 2.288.200",
                 "Rp 23.704.200",
                 id="seed: Belanja Operasi prints the sub kegiatan total, Belanja Modal included"),
    pytest.param(ubah(BARJAS, pagu="2.888.200"), "ANG-005", BARJAS, "Rp 2.288.200",
                 "Rp 2.888.200", id="a mistyped subtotal is named, not its parent"),
    pytest.param(ubah(OPERASI, realisasi="22.859.900"), "ANG-006", OPERASI, "Rp 2.210.900",
                 "Rp 22.859.900", id="Belanja Operasi prints the sub kegiatan's realisasi"),
    pytest.param(lalu(ubah(BAHAN, realisasi=None), ubah(ATK, realisasi=None)), "ANG-007", SUB,
                 "realisasi pada setiap baris rincian", "2 dari 3 baris tanpa realisasi",
                 id="seed: lines printed with their pagu only -> incomplete realisasi"),
    pytest.param(ubah(BAHAN, pagu=None), "ANG-007", SUB, "pagu pada setiap baris rincian",
                 "1 dari 3 baris tanpa pagu", id="a line without pagu -> incomplete pagu"),
    pytest.param(ubah(SUB, realisasi="24.000.000"), "ANG-008", SUB, "paling banyak Rp 23.704.200",
                 "Rp 24.000.000", id="sub kegiatan spent more than its DPA pagu"),
    pytest.param(lalu(ubah(PERALATAN, realisasi="22.000.000"), ubah(MODAL, realisasi="22.000.000")),
                 "ANG-008", PERALATAN, "paling banyak Rp 21.416.000", "Rp 22.000.000",
                 id="a kode rekening line spent more than its pagu"),
    pytest.param(ubah(PERALATAN, pagu="-"), "ANG-009", PERALATAN, "pagu untuk realisasi ini",
                 "realisasi Rp 20.649.000, pagu Rp 0",
                 id="a kode rekening line with realisasi and a pagu of '-'"),
    pytest.param(ubah(SUB, pagu=None), "ANG-009", SUB, "pagu untuk realisasi ini",
                 "realisasi Rp 22.859.900, pagu tidak ada",
                 id="a sub kegiatan with realisasi and no pagu"),
    pytest.param(lain(TABEL, pagu=rupiah("23.740.200")), "ANG-010", f"anggaran_lain:{TABEL}",
                 "Rp 23.704.200", "Rp 23.740.200",
                 id="the table's total line prints another pagu than the DPA"),
    pytest.param(lain(PENUTUP, realisasi=rupiah("22.000.000")), "ANG-010",
                 f"anggaran_lain:{PENUTUP}", "Rp 22.859.900", "Rp 22.000.000",
                 id="the closing chapter prints another realisasi than the DPA"),
    pytest.param(lain(PENUTUP, serapan_teks="96,43 %"), "ANG-011", f"anggaran_lain:{PENUTUP}",
                 "96,44%", "96,43 %", id="serapan 96,438…% truncated to 96,43 instead of rounded"),
    pytest.param(serapan(PROGRAM, "96,43%"), "ANG-016", PROGRAM, "96,44%", "96,43%",
                 id="a program's serapan 96,438…% printed truncated as 96,43%"),
    pytest.param(serapan(OPERASI, "96,42%"), "ANG-016", OPERASI, "96,62%", "96,42%",
                 id="Belanja Operasi printed with the serapan of Belanja Modal"),
    pytest.param(serapan(SUB, "97%"), "ANG-016", SUB, "96%", "97%",
                 id="a sub kegiatan's serapan printed as a whole 97% for 96,4…%"),
    pytest.param(lalu(ubah(PROGRAM, pagu="23.740.200"), serapan(PROGRAM, "96,30%")), "ANG-016",
                 PROGRAM, "96,44%", "96,30%",
                 id="neither the DPA (96,44%) nor the row's printed amounts (96,29%) give it"),
    pytest.param(renstra(SUB, realisasi_dilaporkan=rupiah("23.000.000")), "ANG-012", SUB,
                 "Rp 22.859.900", "Rp 23.000.000",
                 id="Renstra table prints another realisasi for the sub kegiatan than its DPA"),
    pytest.param(renstra(KEGIATAN, realisasi_dilaporkan=rupiah("-")), "ANG-012", KEGIATAN,
                 "Rp 22.859.900", "Rp 0",
                 id="Renstra table prints '-' for a kegiatan that spent its budget"),
    pytest.param(lambda d: replace(d, renstra_anggaran=(*d.renstra_anggaran, RenstraAnggaran(
                     "sub_kegiatan:1.06.04.2.01.0013", "Rehabilitasi › Pemberian Layanan Lain",
                     TAHUN, None, "", rupiah("45.206.470"), "45.206.470"))),
                 "ANG-015", "sub_kegiatan:1.06.04.2.01.0013", "tanpa realisasi (tidak ada DPA "
                 f"{TAHUN})", "Rp 45.206.470",
                 id="Renstra table prints a realisasi for a sub kegiatan with no DPA"),
    pytest.param(ubah(PERALATAN, kode="5.1.02.01"), "ANG-013", PERALATAN, "5.2.…", "5.1.02.01",
                 id="a 5.1.02.01 line under 5.2"),
    pytest.param(ubah(OPERASI, kode="4.1"), "ANG-013", OPERASI, "kode belanja 5.…", "4.1",
                 id="a line directly under the sub kegiatan that is not a belanja account"),
    pytest.param(lalu(tanpa(OPERASI), ubah(BARJAS, induk=SUB)), "ANG-014", SUB,
                 "baris 5.1 di antaranya", "5.1.02 langsung di bawah sub kegiatan",
                 id="Belanja Barang dan Jasa directly under the sub kegiatan, no Belanja Operasi"),
    pytest.param(ubah(PERALATAN, kode="5.2.02.05.01"), "ANG-014", MODAL,
                 "baris 5.2.02, 5.2.02.05 di antaranya", "5.2.02.05.01 langsung di bawah 5.2",
                 id="a rincian objek line directly under its kelompok"),
]


@pytest.mark.parametrize(("breaks", "code", "kunci", "diharapkan", "ditemukan"), FAILING)
def test_a_broken_budget_is_found(breaks: Callable[[ReviuData], ReviuData], code: str,
                                  kunci: str, diharapkan: str, ditemukan: str) -> None:
    found = findings(breaks(rujukan()), code)
    assert [(f.code, f.lokasi.kunci, f.diharapkan, f.ditemukan) for f in found] == [
        (code, kunci, diharapkan, ditemukan)]
    assert found[0].tingkat == ATURAN[code].tingkat
    assert found[0].pesan and found[0].pesan_en and found[0].lokasi.bagian


# What changes, then the rules that must stay silent.
PASSING = [
    pytest.param(ubah(PROGRAM, pagu=None, realisasi=None), ["ANG-001", "ANG-002"],
                 id="program row printed without amounts -> nothing to compare"),
    pytest.param(ubah(SUB, pagu=None), ["ANG-001", "ANG-010", "ANG-011"],
                 id="a sub kegiatan without DPA pagu -> no sum to compare with"),
    pytest.param(lalu(ubah(BAHAN, realisasi=None), ubah(ATK, realisasi=None)),
                 ["ANG-004", "ANG-006"],
                 id="lines without realisasi -> no mismatch claimed"),
    pytest.param(lalu(ubah(BARJAS, pagu=None, realisasi=None)), ["ANG-005", "ANG-006"],
                 id="a subtotal not printed -> its lines count for the line above"),
    pytest.param(ubah(BARJAS, pagu="2.888.200"), ["ANG-003"],
                 id="a mistyped subtotal does not change the kode rekening total"),
    pytest.param(lalu(ubah(PERALATAN, realisasi="21.416.000"), ubah(MODAL, realisasi="21.416.000"),
                      ubah(SUB, realisasi="23.627.100")), ["ANG-008"],
                 id="realisasi equal to pagu is not above it"),
    pytest.param(ubah(PERALATAN, pagu="-", realisasi="-"), ["ANG-009"],
                 id="a line with neither pagu nor realisasi"),
    pytest.param(lain(PENUTUP, serapan_teks="96.44%"), ["ANG-011"],
                 id="serapan written with a decimal point"),
    pytest.param(lain(PENUTUP, serapan_teks="96,4 %"), ["ANG-011"],
                 id="serapan printed with one decimal, rounded right"),
    pytest.param(lain(PENUTUP, serapan_teks="96 %"), ["ANG-011"],
                 id="serapan printed without decimals, rounded right"),
    pytest.param(lain(PENUTUP, serapan_teks="refocusing"), ["ANG-011"],
                 id="serapan text that is not a number is not compared"),
    pytest.param(serapan(PROGRAM, "96,44 %"), ["ANG-016"],
                 id="a program's serapan printed right"),
    pytest.param(serapan(PROGRAM, "96,4%"), ["ANG-016"],
                 id="a serapan printed with one decimal, rounded right"),
    pytest.param(serapan(MODAL, "96.42%"), ["ANG-016"],
                 id="a rekening line's serapan with a decimal point"),
    pytest.param(lalu(ubah(PROGRAM, pagu="23.740.200"), serapan(PROGRAM, "96,29%")),
                 ["ANG-016"], id="a serapan computed from the amounts printed on its row "
                                 "(ANG-001 names the pagu) -> consistent with its inputs"),
    pytest.param(serapan(SUB, "refocusing"), ["ANG-016"],
                 id="serapan text that is not a number is not compared"),
    pytest.param(lalu(ubah(SUB, pagu=None), ubah(PROGRAM, pagu=None), ubah(KEGIATAN, pagu=None),
                      serapan(PROGRAM, "50%")), ["ANG-016"],
                 id="no pagu anywhere -> no serapan to compare"),
    pytest.param(lain(PENUTUP, pagu=rupiah("23.740.200"), serapan_teks="96,29 %"), ["ANG-011"],
                 id="a total's serapan computed from the amounts printed beside it -> "
                    "consistent with its inputs (ANG-010 names the pagu)"),
    pytest.param(renstra(SUB, realisasi_dilaporkan=None), ["ANG-012"],
                 id="Renstra table prints no realisasi"),
    pytest.param(renstra(SUB, tahun=TAHUN - 1, realisasi_dilaporkan=rupiah("1.000")),
                 ["ANG-012"], id="Renstra table row of another year than the DPA"),
    pytest.param(lambda d: replace(d, renstra_anggaran=(*d.renstra_anggaran, RenstraAnggaran(
                     "sub_kegiatan:1.06.04.2.01.0013", "Pemberian Layanan Lain", TAHUN, None,
                     "", rupiah("-"), "-"))), ["ANG-015"],
                 id="Renstra table prints '-' for a sub kegiatan with no DPA"),
    pytest.param(lambda d: replace(d, anggaran=()), ["ANG-012", "ANG-015"],
                 id="no DPA at all for the year -> the Renstra table is not compared"),
    pytest.param(ubah(BARJAS, kode=""), ["ANG-013", "ANG-014"],
                 id="an uncoded line between 5.1 and its lines"),
    pytest.param(lalu(tambah(AKUN, SUB, "5", "Belanja Daerah", "23.704.200", "22.859.900"),
                      ubah(OPERASI, induk=AKUN), ubah(MODAL, induk=AKUN)),
                 ["ANG-003", "ANG-005", "ANG-013", "ANG-014"],
                 id="an akun line 5 Belanja Daerah above 5.1 and 5.2"),
]


@pytest.mark.parametrize(("changes", "codes"), PASSING)
def test_what_a_rule_tolerates(changes: Callable[[ReviuData], ReviuData],
                               codes: list[str]) -> None:
    assert run_reviu(changes(rujukan()), codes) == []


def test_an_excess_is_reported_on_the_lowest_line_not_on_every_line_above() -> None:
    data = lalu(ubah(ATK, realisasi="2.000.000"), ubah(BARJAS, realisasi="2.718.000"),
                ubah(OPERASI, realisasi="2.718.000"))(rujukan())
    assert [f.lokasi.kunci for f in findings(data, "ANG-008")] == [ATK]


def test_a_missing_subtotal_line_is_reported_once_for_its_sub_kegiatan() -> None:
    data = lalu(tanpa(OPERASI), ubah(BARJAS, induk=SUB), tanpa(MODAL),
                ubah(PERALATAN, induk=SUB))(rujukan())
    [finding] = findings(data, "ANG-014")
    assert finding.ditemukan == "5.1.02, 5.2.02 langsung di bawah sub kegiatan"
    assert finding.pesan == (
        "Di bawah sub kegiatan Pemberian Layanan Rujukan, baris Belanja Barang dan Jasa "
        "(5.1.02) dan Belanja Modal Peralatan dan Mesin (5.2.02) tercetak tanpa baris tingkat "
        "5.1, 5.2 di antaranya.")


def test_a_program_message_names_the_program_and_both_values() -> None:
    [finding] = findings(ubah(PROGRAM, pagu="23.000.000")(rujukan()), "ANG-001")
    assert finding.pesan == (
        "Pagu program PROGRAM REHABILITASI SOSIAL tercetak Rp 23.000.000, tetapi jumlah pagu "
        "DPA sub kegiatannya Rp 23.704.200.")


def test_seed_message_for_belanja_operasi_names_the_place_and_both_values() -> None:
    [finding] = findings(ubah(OPERASI, pagu="23.704.200")(rujukan()), "ANG-005")
    assert finding.pesan == (
        "Pagu Belanja Operasi (5.1) pada sub kegiatan Pemberian Layanan Rujukan tercetak "
        "Rp 23.704.200, tetapi rinciannya berjumlah Rp 2.288.200.")
    assert finding.lokasi.bagian == "Tabel 3.2 Realisasi Anggaran"


def test_seed_serapan_94_74_is_right_and_94_75_is_not() -> None:
    data = lalu(ubah(SUB, pagu="5.093.068.611", realisasi="4.825.424.420"),
                tanpa(OPERASI, BARJAS, BAHAN, ATK, MODAL, PERALATAN))(rujukan())
    for teks, salah in (("94,74 %", False), ("94,74%", False), ("94,75%", True),
                        ("94,7%", False), ("95%", False)):
        checked = replace(data, anggaran_lain=(AnggaranLain(PENUTUP, None, None, teks),))
        assert bool(findings(checked, "ANG-011")) is salah, teks


# On the generated data: one break each, found with the generated amounts.
def _generated(code: str, breaks: Callable[[ReviuData], ReviuData]) -> list[Finding]:
    return findings(breaks(clean(3)), code)


def _row(kunci: str) -> BarisAnggaran:
    return next(r for r in clean(3).anggaran if r.kunci == kunci)


def _tambah(kunci: str, ukuran: str, selisih: int) -> Callable[[ReviuData], ReviuData]:
    def apply(data: ReviuData) -> ReviuData:
        nilai = getattr(_row(kunci), ukuran)
        return with_row(data, kunci, **{ukuran: nilai + selisih})
    return apply


@pytest.mark.parametrize(
    ("code", "breaks", "kunci"),
    [
        pytest.param("ANG-001", _tambah("program:1.06.03", "pagu", 1000), "program:1.06.03",
                     id="generated: a program's pagu 1.000 too high"),
        pytest.param("ANG-002", _tambah("kegiatan:1.06.03.2.02", "realisasi", -1),
                     "kegiatan:1.06.03.2.02", id="generated: a kegiatan's realisasi 1 too low"),
        pytest.param("ANG-003", _tambah("sub_kegiatan:1.06.02.2.01.0003", "pagu", 5000),
                     "sub_kegiatan:1.06.02.2.01.0003",
                     id="generated: a sub kegiatan's DPA pagu above its lines"),
        pytest.param("ANG-006", _tambah("rekening:1.06.02.2.01.0001/3", "realisasi", 10),
                     "rekening:1.06.02.2.01.0001/3",
                     id="generated: Belanja Barang Pakai Habis realisasi not its lines' sum"),
        pytest.param("ANG-008", lambda d: with_row(
            d, "rekening:1.06.02.2.01.0001/4.0",
            realisasi=_row("rekening:1.06.02.2.01.0001/4.0").pagu + 1),
            "rekening:1.06.02.2.01.0001/4.0", id="generated: a line 1 rupiah over its pagu"),
        pytest.param("ANG-010", lambda d: replace(d, anggaran_lain=(
            replace(d.anggaran_lain[0], pagu=d.anggaran_lain[0].pagu + 1),)),
            "anggaran_lain:Tabel 3.2 baris jumlah", id="generated: the total line 1 too high"),
        pytest.param("ANG-012", lambda d: replace(d, renstra_anggaran=(
            replace(d.renstra_anggaran[0], realisasi_dilaporkan=Decimal(1)),)),
            "sub_kegiatan:1.06.02.2.01.0001", id="generated: a Renstra table realisasi"),
    ],
)
def test_a_break_in_generated_data_is_found(code: str, breaks: Callable[[ReviuData], ReviuData],
                                            kunci: str) -> None:
    assert [f.lokasi.kunci for f in _generated(code, breaks)] == [kunci]


# --- the seed (the demo dataset, LAKIP 2023 of Dinas Sosial Kota Metro) --------------------

RUJUKAN_SEED = "sub_kegiatan:1.06.04.2.01.0012"
KESEJAHTERAAN_SEED = "sub_kegiatan:1.06.02.2.03.0004"
BIMBINGAN_SEED = "sub_kegiatan:1.06.04.2.01.0006"


def _di_bawah(found: list[Finding], sub: str) -> list[Finding]:
    return [f for f in found if f.lokasi.kunci.startswith(f"rekening:{sub.partition(':')[2]}/")]


@pytest.mark.django_db
def test_seed_belanja_operasi_of_layanan_rujukan_includes_belanja_modal(
        demo_reviu_data: ReviuData) -> None:
    found = run_reviu(demo_reviu_data, ["ANG-005", "ANG-006"])
    rujukan_found = [(f.code, f.lokasi.uraian.rpartition(" › ")[2], f.diharapkan, f.ditemukan)
                     for f in _di_bawah(found, RUJUKAN_SEED)]
    assert rujukan_found == [
        ("ANG-005", "Belanja Operasi", "Rp 2.288.200", "Rp 23.704.200"),
        ("ANG-006", "Belanja Operasi", "Rp 2.210.900", "Rp 22.859.900"),
    ]
    assert _di_bawah(found, RUJUKAN_SEED)[0].pesan == (
        "Pagu Belanja Operasi (5.1) pada sub kegiatan Pemberian Layanan Rujukan tercetak "
        "Rp 23.704.200, tetapi rinciannya berjumlah Rp 2.288.200.")


@pytest.mark.django_db
def test_seed_subtotals_of_kelembagaan_masyarakat_are_not_their_lines(
        demo_reviu_data: ReviuData) -> None:
    found = run_reviu(demo_reviu_data, ["ANG-003", "ANG-005", "ANG-006"])
    subtotals = [(f.code, f.lokasi.uraian.rpartition(" › ")[2], f.diharapkan, f.ditemukan)
                 for f in _di_bawah(found, KESEJAHTERAAN_SEED)]
    assert subtotals == [
        ("ANG-005", "Belanja Barang dan Jasa", "Rp 5.803.350", "Rp 9.003.350"),
        ("ANG-005", "Belanja Barang Pakai Habis", "Rp 2.983.350", "Rp 5.803.350"),
    ]
    assert [(f.code, f.diharapkan, f.ditemukan) for f in found
            if f.lokasi.kunci == KESEJAHTERAAN_SEED] == [
        ("ANG-003", "Rp 109.003.350", "Rp 102.983.350")]


@pytest.mark.django_db
def test_seed_lines_printed_with_pagu_only_are_incomplete_not_wrong(
        demo_reviu_data: ReviuData) -> None:
    incomplete = {f.lokasi.kunci: f for f in run_reviu(demo_reviu_data, ["ANG-007"])}
    assert incomplete[BIMBINGAN_SEED].ditemukan == "9 dari 9 baris tanpa realisasi"
    assert "Pemberian Bimbingan Sosial kepada Keluarga" in incomplete[BIMBINGAN_SEED].pesan
    mismatches = run_reviu(demo_reviu_data, ["ANG-004", "ANG-006"])
    assert BIMBINGAN_SEED not in {f.lokasi.kunci for f in mismatches}
    assert _di_bawah(mismatches, BIMBINGAN_SEED) == []


@pytest.mark.django_db
def test_seed_renstra_table_realisasi_differs_from_the_dpa(demo_reviu_data: ReviuData) -> None:
    found = {f.lokasi.kunci: (f.diharapkan, f.ditemukan)
             for f in run_reviu(demo_reviu_data, ["ANG-012"])}
    assert found["sub_kegiatan:1.06.01.2.06.0001"] == ("Rp 8.757.163", "Rp 9.168.000")
    # The program totals printed on kegiatan rows, a kegiatan total on a sub kegiatan row.
    assert found["kegiatan:1.06.02.2.02"] == ("Rp 12.546.800", "Rp 390.405.300")
    assert found["kegiatan:1.06.04.2.01"] == ("Rp 339.266.980", "Rp 834.059.927")
    assert found["kegiatan:1.06.06.2.01"] == ("Rp 76.993.000", "Rp 89.594.594")
    assert found["sub_kegiatan:1.06.07.2.01.0002"] == ("Rp 14.171.550", "Rp 399.088.210")
    # Rows that agree with the DPA are not reported.
    assert "sub_kegiatan:1.06.01.2.06.0002" not in found  # 19.366.000 both
    assert "sub_kegiatan:1.06.04.2.01.0012" not in found  # 22.859.900 both


@pytest.mark.django_db
def test_seed_renstra_table_realisasi_for_nodes_without_dpa(demo_reviu_data: ReviuData) -> None:
    found = {f.lokasi.kunci: f.ditemukan for f in run_reviu(demo_reviu_data, ["ANG-015"])}
    assert found == {
        "sub_kegiatan:1.06.01.2.02.0004": "Rp 45.206.470",  # ... Pelaksanaan Akuntansi SKPD
        "kegiatan:1.06.05.2.01": "Rp 180.861.485",  # Pemeliharaan Anak-Anak Terlantar
    }


@pytest.mark.django_db
def test_seed_totals_printed_elsewhere_agree_with_the_dpa(demo_reviu_data: ReviuData) -> None:
    # 5.093.068.611 / 4.825.424.420 and 94,74% everywhere: right, nothing to report.
    assert run_reviu(demo_reviu_data, ["ANG-001", "ANG-002", "ANG-010", "ANG-011"]) == []


@pytest.mark.django_db
def test_seed_belanja_barang_dan_jasa_directly_under_sub_kegiatan(
        demo_reviu_data: ReviuData) -> None:
    found = {f.lokasi.kunci: f for f in run_reviu(demo_reviu_data, ["ANG-014"])}
    alat_bantu = found["sub_kegiatan:1.06.04.2.01.0003"]
    assert alat_bantu.diharapkan == "baris 5.1 di antaranya"
    assert alat_bantu.ditemukan == "5.1.02, 5.1.06 langsung di bawah sub kegiatan"
    assert run_reviu(demo_reviu_data, ["ANG-013"]) == []
