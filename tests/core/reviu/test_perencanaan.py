"""Reviu rules of the group "perencanaan" (REN-001 … REN-011): failing cases, cases that must
stay silent, the clean dataset of several sizes, and the seed's errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

import pytest

from akuntabel.core.reviu import (
    ATURAN,
    BarisPk,
    Finding,
    Indikator,
    PerjanjianKinerja,
    RenstraAnggaran,
    ReviuData,
    run_reviu,
)
from tests.core.reviu.builders import TAHUN, clean, nilai

KODE = sorted(c for c, a in ATURAN.items() if a.kelompok == "perencanaan")
IKU = "indikator:IKU-1"


def temuan_kode(data: ReviuData, code: str) -> list[Finding]:
    return run_reviu(data, [code])


# --- building blocks: break one thing of the clean dataset ---------------------------------


def indikator(data: ReviuData, n: int) -> Indikator:
    """The n-th indicator: 0 is the IKU, 1… are sub kegiatan indicators (Renja targets)."""
    return data.indikator[n]


def with_indikator(data: ReviuData, n: int, **changes: object) -> ReviuData:
    kunci = data.indikator[n].kunci
    return replace(data, indikator=tuple(replace(i, **changes) if i.kunci == kunci else i
                                         for i in data.indikator))


def with_target(data: ReviuData, n: int, jenis: str, tahun: int, teks: str | None) -> ReviuData:
    target = {j: dict(v) for j, v in indikator(data, n).target.items()}
    if teks is None:
        target.get(jenis, {}).pop(tahun, None)
    else:
        target.setdefault(jenis, {})[tahun] = nilai(teks)
    return with_indikator(data, n, target=target)


def with_realisasi(data: ReviuData, n: int, tahun: int, teks: str | None) -> ReviuData:
    realisasi = dict(indikator(data, n).realisasi)
    if teks is None:
        realisasi.pop(tahun, None)
    else:
        realisasi[tahun] = nilai(teks)
    return with_indikator(data, n, realisasi=realisasi)


def pk(tahun: int = TAHUN, jenis: str = "induk", target: str | None = "91,5%",
       tahun_tercetak: int | None = None, kunci: str = IKU) -> PerjanjianKinerja:
    baris = (BarisPk(kunci, nilai(target)),) if target is not None else ()
    return PerjanjianKinerja(tahun, jenis, tahun_tercetak, baris)


def with_pk(data: ReviuData, *pks: PerjanjianKinerja) -> ReviuData:
    return replace(data, perjanjian_kinerja=pks)


def with_identitas(data: ReviuData, **changes: object) -> ReviuData:
    return replace(data, identitas=replace(data.identitas, **changes))


def sub_kegiatan(data: ReviuData, n: int = 0) -> RenstraAnggaran:
    return data.renstra_anggaran[n]


def with_renstra_anggaran(data: ReviuData, n: int = 0, **changes: object) -> ReviuData:
    rows = list(data.renstra_anggaran)
    rows[n] = replace(rows[n], **changes)
    return replace(data, renstra_anggaran=tuple(rows))


def dpa_realisasi(data: ReviuData, kunci: str) -> Decimal:
    realisasi = next(b.realisasi for b in data.anggaran if b.kunci == kunci)
    assert realisasi is not None
    return realisasi


def renstra_times(factor: str) -> ReviuData:
    """The first sub kegiatan's Renstra amount set to ``factor`` × its DPA realisasi."""
    d = clean()
    ra = sub_kegiatan(d)
    return with_renstra_anggaran(d, target=dpa_realisasi(d, ra.node_kunci) * Decimal(factor))


def renstra_for_kegiatan(factor: str) -> ReviuData:
    """A Renstra amount for the first kegiatan: ``factor`` × the sum of its sub kegiatan."""
    d = clean()
    kegiatan = next(b for b in d.anggaran if b.tingkat == "kegiatan")
    spent = sum((b.realisasi or Decimal(0)) for b in d.anggaran
                if b.induk == kegiatan.kunci and b.tingkat == "sub_kegiatan")
    ra = RenstraAnggaran(kegiatan.kunci, kegiatan.jalur, TAHUN, spent * Decimal(factor), "",
                         None, "")
    return replace(d, renstra_anggaran=(*d.renstra_anggaran, ra))


def renstra_without_dpa(target: str, dilaporkan: str) -> ReviuData:
    """A Renstra row for a node that has no DPA row: compared with the printed realisasi."""
    d = clean()
    ra = RenstraAnggaran("kegiatan:9.99.99.2.01", "9.99.99 › 9.99.99.2.01 Kegiatan Lama", TAHUN,
                         Decimal(target), target, Decimal(dilaporkan), dilaporkan)
    return replace(d, renstra_anggaran=(*d.renstra_anggaran, ra))


# --- every rule is registered with its legal basis -----------------------------------------


def test_group_has_at_least_eight_rules_with_a_legal_basis() -> None:
    assert len(KODE) >= 8
    assert all(ATURAN[c].dasar_hukum and ATURAN[c].judul_en for c in KODE)
    assert KODE == [f"REN-{i:03d}" for i in range(1, len(KODE) + 1)]


# --- failing cases: the finding appears, with its place and values -------------------------

SUB = 1  # a sub kegiatan indicator of the clean dataset: Renja target, realisasi in Orang


def _sub_target(d: ReviuData) -> str:
    return indikator(d, SUB).target["renja"][TAHUN].teks


GAGAL: list[tuple[str, Callable[[], ReviuData], str, str, str | None, str | None]] = [
    ("PK target 93% against the Renstra 91,5%, no PK perubahan -> REN-001",
     lambda: with_pk(clean(), pk(target="93%")),
     "REN-001", f"pk:{TAHUN}:induk#{IKU}", "91,5%", "93%"),
    ("PK target differs and the only PK perubahan is of another year -> REN-001",
     lambda: with_pk(clean(), pk(target="93%"), pk(TAHUN - 1, "perubahan", "88,4%")),
     "REN-001", f"pk:{TAHUN}:induk#{IKU}", "91,5%", "93%"),
    ("PK target differs and the PK perubahan of the year covers another indicator -> REN-001",
     lambda: with_pk(clean(), pk(target="93%"),
                     pk(jenis="perubahan", target="5 Orang", kunci="indikator:lain")),
     "REN-001", f"pk:{TAHUN}:induk#{IKU}", "91,5%", "93%"),
    ("PK target in another unit than the Renstra's -> REN-001",
     lambda: with_pk(clean(), pk(target="91,5 Orang")),
     "REN-001", f"pk:{TAHUN}:induk#{IKU}", "91,5%", "91,5 Orang"),
    ("PK 2023 introduced as the PK of 2024 -> REN-002",
     lambda: with_pk(clean(), pk(tahun_tercetak=TAHUN + 1)),
     "REN-002", f"pk:{TAHUN}:induk", str(TAHUN), str(TAHUN + 1)),
    ("PK perubahan printed with last year -> REN-002",
     lambda: with_pk(clean(), pk(), pk(jenis="perubahan", tahun_tercetak=TAHUN - 1)),
     "REN-002", f"pk:{TAHUN}:perubahan", str(TAHUN), str(TAHUN - 1)),
    ("no PK at all -> REN-003",
     lambda: with_pk(clean()),
     "REN-003", f"pk:{TAHUN}", f"PK tahun {TAHUN}", "tidak ada"),
    ("a PK of last year only -> REN-003",
     lambda: with_pk(clean(), pk(TAHUN - 1, target="88,4%")),
     "REN-003", f"pk:{TAHUN}", f"PK tahun {TAHUN}", "tidak ada"),
    ("PK of the year without the IKU's row -> REN-004",
     lambda: with_pk(clean(), pk(target=None)),
     "REN-004", IKU, f"tercantum dalam PK {TAHUN}", "tidak tercantum"),
    ("the IKU only in last year's PK -> REN-004",
     lambda: with_pk(clean(), pk(target=None), pk(TAHUN - 1, target="88,4%")),
     "REN-004", IKU, f"tercantum dalam PK {TAHUN}", "tidak tercantum"),
    ("Renstra table headed 2020-2024 for a Renstra 2021-2026 -> REN-005",
     lambda: with_identitas(clean(), tabel_tahun_tercetak=tuple(range(2020, 2025))),
     "REN-005", "renstra:2021-2026", "2021-2026", "2020-2024"),
    ("Renstra table missing its last year -> REN-005",
     lambda: with_identitas(clean(), tabel_tahun_tercetak=tuple(range(2021, 2026))),
     "REN-005", "renstra:2021-2026", "2021-2026", "2021-2025"),
    ("Renstra table with a year out of place -> REN-005",
     lambda: with_identitas(clean(), tabel_tahun_tercetak=(2021, 2022, 2024, 2023, 2025, 2026)),
     "REN-005", "renstra:2021-2026", "2021-2026", "2021, 2022, 2024, 2023, 2025, 2026"),
    ("Renstra 2020-2025 under an RPJMD 2021-2026 -> REN-006",
     lambda: with_identitas(clean(), renstra_awal=2020, renstra_akhir=2025,
                            tabel_tahun_tercetak=()),
     "REN-006", "renstra:2020-2025", "dalam periode 2021-2026", "2020-2025"),
    ("Renstra 2021-2027 ending after the RPJMD -> REN-006",
     lambda: with_identitas(clean(), renstra_akhir=2027, tabel_tahun_tercetak=()),
     "REN-006", "renstra:2021-2027", "dalam periode 2021-2026", "2021-2027"),
    ("Renja target 2 Sub Kegiatan, no realisasi -> REN-007",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN, "2 Sub Kegiatan"),
                            SUB, TAHUN, None),
     "REN-007", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", f"realisasi {TAHUN}", "tidak ada"),
    ("realisasi printed as a dash -> REN-007",
     lambda: with_realisasi(clean(), SUB, TAHUN, "-"),
     "REN-007", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", f"realisasi {TAHUN}", "tidak ada"),
    ("target only in the Renstra, no realisasi -> REN-007",
     lambda: with_realisasi(with_target(with_target(clean(), SUB, "renja", TAHUN, None),
                                        SUB, "renstra", TAHUN, "40 Orang"), SUB, TAHUN, None),
     "REN-007", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", f"realisasi {TAHUN}", "tidak ada"),
    ("compound target 100 Orang dan 13 kegiatan, no realisasi -> REN-007",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN,
                                        "100 Orang dan 13 kegiatan"), SUB, TAHUN, None),
     "REN-007", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", f"realisasi {TAHUN}", "tidak ada"),
    ("realisasi 20 Orang, no target of the year -> REN-008",
     lambda: with_target(clean(), SUB, "renja", TAHUN, None),
     "REN-008", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", f"target {TAHUN}", "tidak ada"),
    ("realisasi with a target of another year only -> REN-008",
     lambda: with_target(with_target(clean(), SUB, "renja", TAHUN, None),
                         SUB, "renja", TAHUN + 1, "50 Orang"),
     "REN-008", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", f"target {TAHUN}", "tidak ada"),
    ("target in Jenis Barang Cetak & Penggandaan Surat, realisasi without Surat -> REN-009",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN,
                                        "12 Jenis Barang Cetak & Penggandaan Surat"),
                            SUB, TAHUN, "12 Jenis Barang Cetak & Penggandaan"),
     "REN-009", "indikator:sub_kegiatan:1.06.02.2.01.0001#0",
     "Jenis Barang Cetak & Penggandaan Surat", "Jenis Barang Cetak & Penggandaan"),
    ("target 2 dokumen, realisasi 2 laporan -> REN-009",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN, "2 dokumen"),
                            SUB, TAHUN, "2 laporan"),
     "REN-009", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", "dokumen", "laporan"),
    ("the PK target in % against a realisasi in Orang -> REN-009",
     lambda: with_realisasi(clean(), 0, TAHUN, "92 Orang"),
     "REN-009", IKU, "%", "Orang"),
    ("Renstra amount Rp 125.000 for a sub kegiatan that spent far more -> REN-010",
     lambda: with_renstra_anggaran(clean(), target=Decimal(125000)),
     "REN-010", "sub_kegiatan:1.06.02.2.01.0001", None, "Rp 125.000"),
    ("Renstra amount exactly ten times what was spent -> REN-010",
     lambda: renstra_times("10"),
     "REN-010", "sub_kegiatan:1.06.02.2.01.0001", None, None),
    ("Renstra amount exactly a tenth of what was spent -> REN-010",
     lambda: renstra_times("0.1"),
     "REN-010", "sub_kegiatan:1.06.02.2.01.0001", None, None),
    ("Renstra amount of a kegiatan 40 times the sum of its sub kegiatan -> REN-010",
     lambda: renstra_for_kegiatan("40"),
     "REN-010", "kegiatan:1.06.02.2.01", None, None),
    ("node without a DPA row, Renstra 510.000.000 against 12.546.800 reported -> REN-010",
     lambda: renstra_without_dpa("510000000", "12546800"),
     "REN-010", "kegiatan:9.99.99.2.01", "sebanding dengan Rp 12.546.800", "Rp 510.000.000"),
    ("realisasi of last year printed as refocusing -> REN-011",
     lambda: with_realisasi(clean(), SUB, TAHUN - 1, "refocusing"),
     "REN-011", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", "satu angka dengan satuannya",
     f"realisasi {TAHUN - 1} \"refocusing\""),
    ("target and realisasi UEP 10 org; sosialisasi 30 org -> one REN-011",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN,
                                        "UEP 10 org; sosialisasi 30 org"),
                            SUB, TAHUN, "UEP 10 org; sosialisasi 30 org"),
     "REN-011", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", "satu angka dengan satuannya",
     f"target Renja {TAHUN} \"UEP 10 org; sosialisasi 30 org\"; realisasi {TAHUN} "
     "\"UEP 10 org; sosialisasi 30 org\""),
    ("target Perbaikan ruang data -> REN-011",
     lambda: with_target(clean(), SUB, "renja", TAHUN, "Perbaikan ruang data"),
     "REN-011", "indikator:sub_kegiatan:1.06.02.2.01.0001#0", "satu angka dengan satuannya",
     f"target Renja {TAHUN} \"Perbaikan ruang data\""),
]


@pytest.mark.parametrize(("make", "code", "kunci", "diharapkan", "ditemukan"),
                         [pytest.param(*case[1:], id=case[0]) for case in GAGAL])
def test_rule_finds_the_error(make: Callable[[], ReviuData], code: str, kunci: str,
                              diharapkan: str | None, ditemukan: str | None) -> None:
    found = temuan_kode(make(), code)
    assert [f.lokasi.kunci for f in found] == [kunci]
    f = found[0]
    assert f.code == code and f.tingkat == ATURAN[code].tingkat
    assert f.pesan and f.pesan_en and f.lokasi.bagian and f.lokasi.uraian
    assert len(f.lokasi.uraian) <= 200
    if diharapkan is not None:
        assert f.diharapkan == diharapkan
    if ditemukan is not None:
        assert f.ditemukan == ditemukan


# --- cases that must stay silent -----------------------------------------------------------

LOLOS: list[tuple[str, Callable[[], ReviuData], str]] = [
    ("PK 91.5 % equals the Renstra 91,5%",
     lambda: with_pk(clean(), pk(target="91.5 %")), "REN-001"),
    ("PK 91,50 % equals the Renstra 91,5%",
     lambda: with_pk(clean(), pk(target="91,50 %")), "REN-001"),
    ("PK target differs but a PK perubahan of the year covers the indicator",
     lambda: with_pk(clean(), pk(target="93%"), pk(jenis="perubahan", target="93%")),
     "REN-001"),
    ("PK target differs but the indicator has a PK perubahan target",
     lambda: with_target(with_pk(clean(), pk(target="93%")), 0, "pk_perubahan", TAHUN, "93%"),
     "REN-001"),
    ("PK target differs from a Renstra target that is not a number: not compared",
     lambda: with_target(with_pk(clean(), pk(target="93%")), 0, "renstra", TAHUN,
                         "meningkat"), "REN-001"),
    ("PK row of an indicator without a Renstra target of the year",
     lambda: with_target(with_pk(clean(), pk(target="93%")), 0, "renstra", TAHUN, None),
     "REN-001"),
    ("a PK perubahan alone may differ from the Renstra",
     lambda: with_pk(clean(), pk(target="91,5%"), pk(jenis="perubahan", target="95%")),
     "REN-001"),
    ("PK printed year equal to its year",
     lambda: with_pk(clean(), pk(tahun_tercetak=TAHUN)), "REN-002"),
    ("only a PK perubahan for the report year",
     lambda: with_pk(clean(), pk(jenis="perubahan")), "REN-003"),
    ("the IKU in the PK perubahan of the year only",
     lambda: with_pk(clean(), pk(target=None), pk(jenis="perubahan")), "REN-004"),
    ("no PK at all: REN-003 speaks, not REN-004",
     lambda: with_pk(clean()), "REN-004"),
    ("a non-IKU indicator without a PK row",
     lambda: with_indikator(with_pk(clean(), pk(target=None)), 0, iku=False), "REN-004"),
    ("Renstra table years not recorded",
     lambda: with_identitas(clean(), tabel_tahun_tercetak=()), "REN-005"),
    ("Renstra 2022-2026 inside an RPJMD 2021-2026",
     lambda: with_identitas(clean(), renstra_awal=2022, tabel_tahun_tercetak=()), "REN-006"),
    ("an indicator with neither target nor realisasi",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN, None), SUB, TAHUN, None),
     "REN-007"),
    ("an indicator with neither target nor realisasi",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN, None), SUB, TAHUN, None),
     "REN-008"),
    ("a target for next year only and no realisasi",
     lambda: with_realisasi(with_target(with_target(clean(), SUB, "renja", TAHUN, None),
                                        SUB, "renja", TAHUN + 1, "50 Orang"), SUB, TAHUN, None),
     "REN-007"),
    ("the IKU without printed realisasi but computed from its components",
     lambda: with_realisasi(clean(), 0, TAHUN, None), "REN-007"),
    ("a realisasi of last year without a target of last year",
     lambda: with_realisasi(clean(), SUB, TAHUN - 1, "20 Orang"), "REN-008"),
    ("a target printed as a dash with no realisasi is no target",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN, "-"), SUB, TAHUN, None),
     "REN-007"),
    ("2 dokumen against 1 dokumen: same unit",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN, "2 dokumen"),
                            SUB, TAHUN, "1 dokumen"), "REN-009"),
    ("2 Dokumen against 2 dokumen: case does not matter",
     lambda: with_realisasi(with_target(clean(), SUB, "renja", TAHUN, "2 Dokumen"),
                            SUB, TAHUN, "2  dokumen"), "REN-009"),
    ("target without a unit takes the indicator's unit",
     lambda: with_target(clean(), SUB, "renja", TAHUN, "20"), "REN-009"),
    ("92 persen against a 91,5% target: persen is %",
     lambda: with_realisasi(clean(), 0, TAHUN, "92 persen"), "REN-009"),
    ("different units last year are not this rule's",
     lambda: with_realisasi(clean(), SUB, TAHUN - 1, "20 anak"), "REN-009"),
    ("Renstra amount 9 times what was spent",
     lambda: renstra_times("9"), "REN-010"),
    ("Renstra amount 0,12 times what was spent",
     lambda: renstra_times("0.12"), "REN-010"),
    ("Renstra amount for a node that spent nothing",
     lambda: renstra_without_dpa("80000000", "0"), "REN-010"),
    ("Renstra amount of a kegiatan 5 times the sum of its sub kegiatan",
     lambda: renstra_for_kegiatan("5"), "REN-010"),
    ("Renstra amount not printed",
     lambda: with_renstra_anggaran(clean(), target=None), "REN-010"),
    ("a realisasi printed as a dash is no value, not a text",
     lambda: with_realisasi(clean(), SUB, TAHUN - 1, "-"), "REN-011"),
    ("a qualitative indicator's words",
     lambda: with_indikator(with_realisasi(with_target(clean(), SUB, "renja", TAHUN, "WTP"),
                                           SUB, TAHUN, "WTP"), SUB, polaritas="kualitatif"),
     "REN-011"),
    ("a text target of a later year is not measured yet",
     lambda: with_target(clean(), SUB, "renstra", TAHUN + 1, "meningkat"), "REN-011"),
]


@pytest.mark.parametrize(("make", "code"),
                         [pytest.param(*case[1:], id=f"{case[2]}: {case[0]} -> no finding")
                          for case in LOLOS])
def test_rule_stays_silent(make: Callable[[], ReviuData], code: str) -> None:
    assert temuan_kode(make(), code) == []


def test_unreadable_values_give_one_finding_per_indicator() -> None:
    d = with_realisasi(with_target(clean(), SUB, "renja", TAHUN, "Perbaikan ruang data"),
                       SUB, TAHUN - 1, "refocusing")
    d = with_realisasi(d, SUB, TAHUN, "Perbaikan ruang data")
    [f] = temuan_kode(d, "REN-011")
    assert f.ditemukan == (f"realisasi {TAHUN - 1} \"refocusing\"; target Renja {TAHUN} "
                           f"\"Perbaikan ruang data\"; realisasi {TAHUN} \"Perbaikan ruang data\"")


def test_renstra_amount_message_names_both_amounts_and_the_ratio() -> None:
    d = clean()
    ra = sub_kegiatan(d)
    spent = dpa_realisasi(d, ra.node_kunci)
    [f] = temuan_kode(with_renstra_anggaran(d, target=spent * 40), "REN-010")
    assert "40,0 kali realisasinya" in f.pesan
    assert ra.jalur in f.pesan


def test_target_in_force_is_the_pk_before_the_renja() -> None:
    d = with_target(clean(), SUB, "pk", TAHUN, "20 Paket")
    [f] = temuan_kode(d, "REN-009")
    assert (f.diharapkan, f.ditemukan) == ("Paket", "Orang")
    assert "Target PK" in f.pesan


# --- the seed: LAKIP 2023 Dinas Sosial Kota Metro ------------------------------------------


def seed_findings(data: ReviuData, code: str) -> dict[str, Finding]:
    return {f.lokasi.kunci: f for f in run_reviu(data, [code])}


@pytest.mark.django_db
def test_seed_pk_2023_printed_as_2024_is_found(demo_reviu_data: ReviuData) -> None:
    found = seed_findings(demo_reviu_data, "REN-002")
    f = found["pk:2023:induk"]
    assert (f.diharapkan, f.ditemukan) == ("2023", "2024")
    assert "tahun 2024" in f.pesan


@pytest.mark.django_db
def test_seed_pk_target_91_5_equals_the_renstra(demo_reviu_data: ReviuData) -> None:
    assert seed_findings(demo_reviu_data, "REN-001") == {}
    assert seed_findings(demo_reviu_data, "REN-003") == {}
    assert seed_findings(demo_reviu_data, "REN-004") == {}


@pytest.mark.django_db
def test_seed_renstra_table_years_2020_2024_are_found(demo_reviu_data: ReviuData) -> None:
    [f] = run_reviu(demo_reviu_data, ["REN-005"])
    assert (f.diharapkan, f.ditemukan) == ("2021-2026", "2020-2024")
    assert seed_findings(demo_reviu_data, "REN-006") == {}


@pytest.mark.django_db
def test_seed_targets_without_realisasi_are_found(demo_reviu_data: ReviuData) -> None:
    found = seed_findings(demo_reviu_data, "REN-007")
    row_19 = found["indikator:kegiatan:1.06.01.2.08#0"]
    assert "Tersedianya jasa penunjang urusan pemerintah daerah" in row_19.pesan
    assert "2 Sub Kegiatan" in row_19.pesan
    row_46 = found["indikator:kegiatan:1.06.04.2.02#0"]
    assert "100 Orang dan 13 kegiatan" in row_46.pesan
    # Of the same kind: rows 22 and 29, and the tujuan indicator's Renstra target.
    assert {"indikator:kegiatan:1.06.01.2.09#0", "indikator:kegiatan:1.06.02.2.03#0",
            "indikator:IKT-1"} <= set(found)
    # Rows printing neither target nor realisasi (e.g. row 1) are not this rule's.
    assert "indikator:program:1.06.01#0" not in found


@pytest.mark.django_db
def test_seed_realisasi_without_target_is_found(demo_reviu_data: ReviuData) -> None:
    found = seed_findings(demo_reviu_data, "REN-008")
    assert "95.64%" in found["indikator:kegiatan:1.06.01.2.01#1"].pesan


@pytest.mark.django_db
def test_seed_units_of_row_16_differ(demo_reviu_data: ReviuData) -> None:
    found = seed_findings(demo_reviu_data, "REN-009")
    f = found["indikator:sub_kegiatan:1.06.01.2.06.0005#0"]
    assert (f.diharapkan, f.ditemukan) == ("Jenis Barang Cetak & Penggandaan Surat",
                                           "Jenis Barang Cetak & Penggandaan")
    # Row 4: "2 dokumen" against "1 dokumen" is the same unit.
    assert "indikator:sub_kegiatan:1.06.01.2.01.0002#0" not in found
    assert list(found) == ["indikator:sub_kegiatan:1.06.01.2.06.0005#0"]


@pytest.mark.django_db
def test_seed_renstra_typo_125_000_is_found(demo_reviu_data: ReviuData) -> None:
    found = seed_findings(demo_reviu_data, "REN-010")
    f = found["sub_kegiatan:1.06.02.2.03.0001"]  # Peningkatan ... Pekerja Sosial Masyarakat
    assert (f.diharapkan, f.ditemukan) == ("sebanding dengan Rp 235.776.750", "Rp 125.000")
    # Of the same kind: Rp 510.000.000 for a kegiatan that spent Rp 12.546.800.
    assert found["kegiatan:1.06.02.2.02"].ditemukan == "Rp 510.000.000"


@pytest.mark.django_db
def test_seed_values_that_are_not_numbers_are_found(demo_reviu_data: ReviuData) -> None:
    found = seed_findings(demo_reviu_data, "REN-011")
    assert "\"refocusing\"" in found["indikator:sub_kegiatan:1.06.04.2.01.0012#0"].ditemukan
    assert "UEP 10 org" in found["indikator:sub_kegiatan:1.06.04.2.01.0006#0"].ditemukan
    assert "Perbaikan ruang data" in found[
        "indikator:sub_kegiatan:1.06.01.2.09.0009#0"].ditemukan
    assert all(f.tingkat == "info" for f in found.values())
