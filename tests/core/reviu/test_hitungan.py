"""Reviu rules "hitungan": computed vs reported (akuntabel.core.reviu.hitungan).

Every case starts from a consistent dataset (``make_clean_data``) whose IKU is computed like
the seed's: components summing to 13.415 over 14.460 PPKS, that is 92,77%. Each failing case
breaks one thing; each passing case shows what the rule tolerates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import cache

import pytest

from akuntabel.core.reviu import (
    ATURAN,
    BarisPk,
    Indikator,
    Komponen,
    Perhitungan,
    PerjanjianKinerja,
    ReviuData,
)
from tests.core.reviu.builders import TAHUN, clean, findings, nilai

KODE_HITUNGAN = sorted(c for c, a in ATURAN.items() if a.kelompok == "hitungan")
IKU = "indikator:IKU-1"
KUNCI_PERHITUNGAN = f"{IKU}/perhitungan:{TAHUN}"


def komponen(nomor: str, uraian: str, teks: str, *rincian: str) -> Komponen:
    """A component; each rincian is "uraian=value"."""
    items = tuple(Komponen("", r.split("=")[0], nilai(r.split("=")[1])) for r in rincian)
    return Komponen(nomor, uraian, nilai(teks), items)


# The seed's components, shortened (13.415 in all) with breakdowns that add up.
KOMPONEN = (
    komponen("01", "Fasilitasi bantuan pengembangan ekonomi masyarakat", "20"),
    komponen("02", "Fasilitasi bantuan sosial kesejahteraan keluarga (Program sembako)", "7.587"),
    komponen("03", "Program Penanganan Bencana (BLT Dampak negatif TPAS Karang Rejo)", "503"),
    komponen("04", "Perlindungan sosial korban bencana alam dan sosial kabupaten/kota", "92"),
    komponen("05", "Pemberian akses ke pelayanan pendidikan dan kesehatan dasar (Program PKH)",
             "4.443"),
    komponen("06", "Rehabilitasi sosial PMKS lainnya di luar panti", "33"),
    komponen("07", "Rehabilitasi Sosial dasar Penyandang Disabilitas terlantar di Luar Panti",
             "314", "Penyedia makanan=130", "Penyedia Sandang=100", "Penyedia Alat bantu=84"),
    komponen("08", "Rehabilitasi Sosial dasar Anak terlantar di Luar Panti", "171",
             "Layanan Kedaruratan=20", "Bimbingan Fisik, Mental dan Sosial=151"),
    komponen("09", "Rehabilitasi Sosial Dasar Lanjut Usia Terlantar Diluar panti", "139",
             "Penyedia makanan=60", "penyediaan sandang=79"),
    komponen("10", "Rehabilitasi Sosial Dasar Gelandangan dan Pengemis di Luar Panti", "21",
             "Bimbingan Fisik, Mental dan Sosial=21"),
    komponen("11", "Pelayanan Dukungan Psikososial Penyandang Masalah Sosial", "92",
             "Penyedia makanan=50", "penyediaan sandang=26", "Pelayanan Dukungan Psikososial=16"),
)
DIHITUNG = Decimal(13415) * 100 / Decimal(14460)  # 92,7731…%


@cache
def contoh() -> ReviuData:
    """The clean dataset with the seed's IKU computation, printed right (92,77%)."""
    data = clean(1)
    data = replace(data, perhitungan=(Perhitungan(
        IKU, TAHUN, nilai("14.460"), nilai("13.415"), nilai("92,77%"), KOMPONEN),))
    return with_iku(data, realisasi={TAHUN: nilai("92,77%")},
                    realisasi_dihitung={TAHUN: DIHITUNG})


def with_iku(data: ReviuData, **changes: object) -> ReviuData:
    return replace(data, indikator=tuple(replace(i, **changes) if i.kunci == IKU else i
                                         for i in data.indikator))


def with_perhitungan(data: ReviuData, **changes: object) -> ReviuData:
    return replace(data, perhitungan=tuple(replace(p, **changes) for p in data.perhitungan))


def with_komponen(data: ReviuData, nomor: str, **changes: object) -> ReviuData:
    items = tuple(replace(k, **changes) if k.nomor == nomor else k
                  for k in data.perhitungan[0].komponen)
    return with_perhitungan(data, komponen=items)


def iku(data: ReviuData) -> Indikator:
    return next(i for i in data.indikator if i.kunci == IKU)


def with_target(data: ReviuData, jenis: str, teks: str | None) -> ReviuData:
    target = {j: dict(v) for j, v in iku(data).target.items()}
    if teks is None:
        target.pop(jenis, None)
    else:
        target.setdefault(jenis, {})[TAHUN] = nilai(teks)
    return with_iku(data, target=target)


def without_pk(data: ReviuData) -> ReviuData:
    """No PK target for the IKU, neither on the indicator nor in a PK document."""
    return with_target(replace(data, perjanjian_kinerja=()), "pk", None)


def with_capaian(data: ReviuData, teks: str, realisasi: str | None = None,
                 **changes: object) -> ReviuData:
    """The IKU with a printed capaian (and optionally another printed realisasi)."""
    if realisasi is not None:
        changes["realisasi"] = {TAHUN: nilai(realisasi)}
    return with_iku(data, capaian_tercetak={TAHUN: nilai(teks)}, **changes)


Ubah = Callable[[ReviuData], ReviuData]


# ---------------------------------------------------------------------------------------------
# Registry and clean data


@pytest.mark.parametrize("code", KODE_HITUNGAN)
def test_the_seed_like_computation_printed_right_gives_no_finding(code: str) -> None:
    assert findings(contoh(), code) == []


# ---------------------------------------------------------------------------------------------
# Failing cases: (change, code, lokasi.kunci, diharapkan, ditemukan)

GAGAL: list[object] = [
    # HIT-001 the printed result of pembilang ÷ penyebut
    pytest.param(lambda d: with_perhitungan(d, hasil_tercetak=nilai("92.78%")),
                 "HIT-001", KUNCI_PERHITUNGAN, "92,77%", "92,78%",
                 id="13.415 / 14.460 printed 92.78% -> 92,77% expected"),
    pytest.param(lambda d: with_perhitungan(d, hasil_tercetak=nilai("92,7%")),
                 "HIT-001", KUNCI_PERHITUNGAN, "92,8%", "92,7%",
                 id="one decimal truncated instead of rounded -> 92,8% expected"),
    pytest.param(lambda d: with_perhitungan(d, penyebut=nilai("14.640")),
                 "HIT-001", KUNCI_PERHITUNGAN, "91,63%", "92,77%",
                 id="denominator misprinted -> result no longer follows"),
    pytest.param(lambda d: with_perhitungan(d, komponen=(), hasil_tercetak=nilai("92.78%")),
                 "HIT-001", KUNCI_PERHITUNGAN, "92,77%", "92,78%",
                 id="no components, printed numerator used -> 92,77% expected"),
    pytest.param(lambda d: with_komponen(d, "02", nilai=nilai("7.787")),
                 "HIT-001", KUNCI_PERHITUNGAN, "94,16%", "92,77%",
                 id="a component larger than printed -> result from the components"),
    # HIT-002 the realisasi printed against the one computed from components
    pytest.param(lambda d: with_iku(d, realisasi={TAHUN: nilai("92.78%")}),
                 "HIT-002", IKU, "92,77%", "92,78%",
                 id="IKU realisasi printed 92.78% -> 92,77% computed"),
    pytest.param(lambda d: with_iku(d, realisasi={TAHUN: nilai("93%")},
                                    realisasi_dihitung={TAHUN: Decimal("93.5")}),
                 "HIT-002", IKU, "94%", "93%",
                 id="whole percent, 93,5 rounds half up -> 94% expected"),
    pytest.param(lambda d: with_iku(d, satuan="Orang", realisasi={TAHUN: nilai("12,5 Orang")},
                                    realisasi_dihitung={TAHUN: Decimal("12.44")}),
                 "HIT-002", IKU, "12,4 Orang", "12,5 Orang",
                 id="a count with its unit -> written with the unit"),
    # HIT-003 the printed numerator against Σ components
    pytest.param(lambda d: with_perhitungan(d, pembilang_tercetak=nilai("13.451")),
                 "HIT-003", KUNCI_PERHITUNGAN, "13.415", "13.451",
                 id="numerator printed 13.451, components sum to 13.415"),
    pytest.param(lambda d: with_komponen(d, "03", nilai=nilai("530")),
                 "HIT-003", KUNCI_PERHITUNGAN, "13.442", "13.415",
                 id="a component misprinted -> components no longer sum to the numerator"),
    # HIT-004 a component against its breakdown
    pytest.param(
        lambda d: with_komponen(d, "07", rincian=(
            Komponen("", "Penyedia makanan", nilai("100")),
            Komponen("", "Penyedia Sandang", nilai("100")),
            Komponen("", "Penyedia Alat bantu", nilai("11")),
            Komponen("", "Penyediaan Perbekalan Kesehatan", nilai("50")),
            Komponen("", "Pemberian Bimbingan Fisik, Mental, Spirituan dan Sosial", nilai("10")),
            Komponen("", "Pemberian Bimbingan Sosial kepada Keluarga", nilai("10")),
            Komponen("", "Pemberian pelayanan Reunifikasi Keluarga", nilai("3")))),
        "HIT-004", f"{KUNCI_PERHITUNGAN}/komponen:07", "284", "314",
        id="seed item 07: 314 printed, seven items sum to 284"),
    pytest.param(lambda d: with_komponen(d, "10", nilai=nilai("10")),
                 "HIT-004", f"{KUNCI_PERHITUNGAN}/komponen:10", "21", "10",
                 id="item 10 printed 10 over one item of 21"),
    pytest.param(
        lambda d: with_komponen(d, "09", rincian=(
            Komponen("1", "Penyedia makanan", nilai("60"),
                     (Komponen("a", "Laki-laki", nilai("30")),
                      Komponen("b", "Perempuan", nilai("20")))),
            Komponen("2", "penyediaan sandang", nilai("79")))),
        "HIT-004", f"{KUNCI_PERHITUNGAN}/komponen:09/1", "50", "60",
        id="a nested breakdown that does not add up -> found at its own number"),
    # HIT-005 a capaian capped at 100%
    pytest.param(lambda d: with_capaian(d, "100%"),
                 "HIT-005", IKU, "101%", "100%",
                 id="92,77% against PK 91,5% printed 100% -> 101% expected"),
    pytest.param(lambda d: with_capaian(d, "100,00%"),
                 "HIT-005", IKU, "101,39%", "100,00%",
                 id="printed with two decimals -> 101,39% expected"),
    pytest.param(lambda d: with_capaian(d, "100%", realisasi="80%", polaritas="turun",
                                        realisasi_dihitung={}),
                 "HIT-005", IKU, "113%", "100%",
                 id="lower is better, 80% against 91,5% -> (2T - R) / T = 113%, not 100%"),
    # HIT-006 a printed capaian that is not target against realisasi
    pytest.param(lambda d: with_capaian(d, "101,40%"),
                 "HIT-006", IKU, "101,39%", "101,40%",
                 id="101,40% printed, 92,77 / 91,5 gives 101,39%"),
    pytest.param(lambda d: with_capaian(with_target(d, "pk_perubahan", "92%"), "101,39%"),
                 "HIT-006", IKU, "100,84%", "101,39%",
                 id="PK perubahan 92% is in force, not PK 91,5% -> 100,84%"),
    pytest.param(lambda d: with_capaian(replace(d, perjanjian_kinerja=(
        *d.perjanjian_kinerja,
        PerjanjianKinerja(TAHUN, "perubahan", None, (BarisPk(IKU, nilai("92%")),)))),
        "101,39%"),
                 "HIT-006", IKU, "100,84%", "101,39%",
                 id="an amended PK document for the year -> its target is in force"),
    pytest.param(lambda d: with_capaian(with_target(without_pk(d), "renja", "95%"), "101,39%"),
                 "HIT-006", IKU, "97,66%", "101,39%",
                 id="no PK -> the Renja target 95% is in force (92,7731 / 95 = 97,66%)"),
    pytest.param(lambda d: with_capaian(without_pk(d), "90%"),
                 "HIT-006", IKU, "101%", "90%",
                 id="no PK nor Renja -> the Renstra target of the year"),
    pytest.param(lambda d: with_capaian(d, "98,86%", realisasi="92,56%", polaritas="turun",
                                        metode_turun="rasio", realisasi_dihitung={}),
                 "HIT-006", IKU, "98,85%", "98,86%",
                 id="lower is better by ratio, T / R = 98,85%"),
    pytest.param(lambda d: with_capaian(d, "92,77%"),
                 "HIT-006", IKU, "101,39%", "92,77%",
                 id="realisasi printed in the capaian column"),
    pytest.param(lambda d: with_capaian(d, "101,41%", realisasi="92,78%"),
                 "HIT-006", IKU, "101,39%", "101,41%",
                 id="101,41% is neither 92,7731 / 91,5 (101,39%) nor printed 92,78 / 91,5 "
                    "(101,40%)"),
    # HIT-007 the same count claimed twice
    pytest.param(
        lambda d: with_komponen(d, "11", uraian="Perlindungan dan Jaminan Sosial Pada Saat "
                                "Tanggap dan Paska Bencana bagi Korban Bencana Kabupaten / Kota"),
        "HIT-007", f"{KUNCI_PERHITUNGAN}/komponen:04+11", "92 dihitung sekali",
        "92 pada butir 04 dan 11",
        id="seed items 04 and 11: both 92, both korban bencana"),
    # HIT-008 a percentage printed without its inputs
    pytest.param(lambda d: with_perhitungan(d, penyebut=None),
                 "HIT-008", KUNCI_PERHITUNGAN, "penyebut lebih dari 0", "penyebut tidak ada",
                 id="no denominator printed"),
    pytest.param(lambda d: with_perhitungan(d, penyebut=nilai("0")),
                 "HIT-008", KUNCI_PERHITUNGAN, "penyebut lebih dari 0", "penyebut 0",
                 id="denominator 0"),
    pytest.param(lambda d: with_perhitungan(d, penyebut=nilai("-")),
                 "HIT-008", KUNCI_PERHITUNGAN, "penyebut lebih dari 0", "penyebut tidak ada",
                 id="denominator printed as a dash"),
    pytest.param(lambda d: with_perhitungan(d, penyebut=nilai("± 14.460")),
                 "HIT-008", KUNCI_PERHITUNGAN, "penyebut lebih dari 0",
                 "penyebut '± 14.460'",
                 id="denominator that cannot be read -> quoted"),
    pytest.param(lambda d: with_perhitungan(d, pembilang_tercetak=None, komponen=()),
                 "HIT-008", KUNCI_PERHITUNGAN, "pembilang atau komponen", "pembilang tidak ada",
                 id="neither numerator nor components"),
]


@pytest.mark.parametrize(("ubah", "code", "kunci", "diharapkan", "ditemukan"), GAGAL)
def test_rule_finds_the_broken_value(ubah: Ubah, code: str, kunci: str, diharapkan: str,
                                     ditemukan: str) -> None:
    found = findings(ubah(contoh()), code)
    assert [(f.code, f.lokasi.kunci, f.diharapkan, f.ditemukan) for f in found] == [
        (code, kunci, diharapkan, ditemukan)]
    assert found[0].tingkat == ATURAN[code].tingkat
    assert diharapkan.split()[0] in found[0].pesan or code in ("HIT-007", "HIT-008")
    assert found[0].pesan_en and found[0].lokasi.bagian and found[0].lokasi.uraian


# ---------------------------------------------------------------------------------------------
# Passing cases: what a rule tolerates

LOLOS: list[object] = [
    pytest.param(lambda d: with_perhitungan(d, hasil_tercetak=nilai("92.77%")),
                 "HIT-001", id="decimal point instead of comma -> same value"),
    pytest.param(lambda d: with_perhitungan(d, hasil_tercetak=nilai("92,77 persen")),
                 "HIT-001", id="written 'persen' -> same value"),
    pytest.param(lambda d: with_perhitungan(d, hasil_tercetak=nilai("92,8%")),
                 "HIT-001", id="one decimal rounded half up -> right"),
    pytest.param(lambda d: with_perhitungan(d, hasil_tercetak=nilai("93%")),
                 "HIT-001", id="whole percent rounded -> right"),
    pytest.param(lambda d: with_perhitungan(d, hasil_tercetak=None),
                 "HIT-001", id="no result printed -> nothing to compare"),
    pytest.param(lambda d: with_perhitungan(d, hasil_tercetak=nilai("92.78%"), penyebut=None),
                 "HIT-001", id="no denominator -> HIT-008, not HIT-001"),
    pytest.param(lambda d: with_iku(d, realisasi={TAHUN: nilai("92.77%")}),
                 "HIT-002", id="realisasi 92.77% with a decimal point -> same value"),
    pytest.param(lambda d: with_iku(d, realisasi={TAHUN: nilai("92,8%")}),
                 "HIT-002", id="realisasi at one decimal -> right"),
    pytest.param(lambda d: with_iku(d, realisasi={TAHUN: nilai("-")}),
                 "HIT-002", id="realisasi printed as a dash -> nothing to compare"),
    pytest.param(lambda d: with_iku(d, realisasi={TAHUN: nilai("92.78%")}, realisasi_dihitung={}),
                 "HIT-002", id="indicator not computed from components -> nothing to compare"),
    pytest.param(lambda d: with_perhitungan(d, pembilang_tercetak=nilai("13415")),
                 "HIT-003", id="numerator without thousands separator -> same value"),
    pytest.param(lambda d: with_perhitungan(d, pembilang_tercetak=None),
                 "HIT-003", id="no numerator printed -> nothing to compare"),
    pytest.param(lambda d: with_komponen(d, "03", nilai=nilai("lihat lampiran")),
                 "HIT-003", id="a component that is not a number -> the sum is not guessed"),
    pytest.param(lambda d: with_komponen(d, "10", rincian=(
        Komponen("", "Bimbingan Fisik", nilai("21")), Komponen("", "Bimbingan Sosial",
                                                               nilai("-")))),
                 "HIT-004", id="a breakdown item printed as a dash counts as nil"),
    pytest.param(lambda d: with_komponen(d, "10", rincian=(
        Komponen("", "Bimbingan Fisik", nilai("10")), Komponen("", "Bimbingan Sosial",
                                                               nilai("sebagian")))),
                 "HIT-004", id="a breakdown item that is not a number -> not summed"),
    pytest.param(lambda d: with_capaian(d, "101,39%"), "HIT-005",
                 id="capaian above 100% printed as computed"),
    pytest.param(lambda d: with_capaian(d, "100%", realisasi="91,5%", realisasi_dihitung={}),
                 "HIT-005", id="realisasi equal to target -> 100% is right"),
    pytest.param(lambda d: with_capaian(d, "100%", realisasi="91,6%", realisasi_dihitung={}),
                 "HIT-005", id="100,11% printed as a whole 100% -> right at that precision"),
    pytest.param(lambda d: with_capaian(d, "101,39%"), "HIT-006",
                 id="capaian printed as computed"),
    pytest.param(lambda d: with_capaian(d, "101,4 %"), "HIT-006",
                 id="capaian at one decimal with a space -> right"),
    pytest.param(lambda d: with_capaian(d, "101,40%", realisasi="92,78%"), "HIT-006",
                 id="101,40% from the printed realisasi 92,78% and target 91,5% -> consistent "
                    "with its printed inputs"),
    pytest.param(lambda d: with_capaian(d, "101,39%", realisasi="92,78%"), "HIT-006",
                 id="101,39% from the exact realisasi 92,7731% while 92,78% is printed -> "
                    "right"),
    pytest.param(lambda d: with_capaian(d, "100%", realisasi="91,5%"), "HIT-005",
                 id="100% from a printed realisasi equal to the target, while the exact one "
                    "gives 101% -> not a silent cap"),
    pytest.param(lambda d: with_capaian(d, "100%"), "HIT-006",
                 id="capped at 100% -> HIT-005, not also HIT-006"),
    pytest.param(lambda d: with_capaian(d, "50%", polaritas="rentang"), "HIT-006",
                 id="range target -> its own formula, not checked here"),
    pytest.param(lambda d: with_capaian(d, "50%", realisasi="92 Orang", realisasi_dihitung={}),
                 "HIT-006", id="target in % and realisasi in Orang -> no capaian to compare"),
    pytest.param(lambda d: with_capaian(with_iku(without_pk(d), target={}), "50%"), "HIT-006",
                 id="no target at all -> nothing to compare"),
    pytest.param(lambda d: with_komponen(d, "11", uraian="Perlindungan sosial korban bencana "
                                         "alam dan sosial", nilai=nilai("90")),
                 "HIT-007", id="same activity, different counts -> not a double count"),
    pytest.param(lambda d: with_komponen(d, "09", nilai=nilai("314")),
                 "HIT-007", id="same count, disabilitas and lanjut usia -> different groups"),
    pytest.param(lambda d: with_komponen(d, "08", nilai=nilai("314")),
                 "HIT-007", id="same count, disabilitas and anak terlantar -> different groups"),
    pytest.param(lambda d: with_perhitungan(d, penyebut=None, hasil_tercetak=None),
                 "HIT-008", id="no denominator and no percentage printed -> nothing claimed"),
    pytest.param(lambda d: with_perhitungan(d, pembilang_tercetak=None),
                 "HIT-008", id="no numerator printed but components -> checkable"),
]


@pytest.mark.parametrize(("ubah", "code"), LOLOS)
def test_rule_tolerates(ubah: Ubah, code: str) -> None:
    assert findings(ubah(contoh()), code) == []


def test_one_finding_per_broken_component() -> None:
    data = with_komponen(with_komponen(contoh(), "08", nilai=nilai("165")), "11",
                         nilai=nilai("92"), rincian=(Komponen("", "Penyedia makanan",
                                                              nilai("90")),))
    found = findings(data, "HIT-004")
    assert [(f.lokasi.kunci.rsplit(":", 1)[1], f.diharapkan, f.ditemukan) for f in found] == [
        ("08", "171", "165"), ("11", "90", "92")]


def test_the_message_names_the_component_and_both_values() -> None:
    data = with_komponen(contoh(), "10", nilai=nilai("10"))
    (f,) = findings(data, "HIT-004")
    assert f.pesan == (
        'Komponen butir 10 "Rehabilitasi Sosial Dasar Gelandangan dan Pengemis di Luar Panti" '
        "pada perhitungan Persentase PPKS yang tertangani tahun 2023 tercetak 10, tetapi "
        "1 rinciannya berjumlah 21.")


def test_a_capped_capaian_is_found_for_each_year() -> None:
    data = with_iku(contoh(), capaian_tercetak={2022: nilai("100%"), TAHUN: nilai("100%")},
                    realisasi={2022: nilai("90%"), TAHUN: nilai("92,77%")})
    found = findings(data, "HIT-005")
    assert [(f.lokasi.uraian.rsplit(" ", 1)[1], f.diharapkan) for f in found] == [
        ("2022", "102%"), ("2023", "101%")]


# ---------------------------------------------------------------------------------------------
# The seed (Kota Metro, Dinas Sosial, 2023)


def _seed(data: ReviuData, code: str) -> list[tuple[str, str | None, str | None]]:
    return [(f.lokasi.kunci, f.diharapkan, f.ditemukan) for f in findings(data, code)]


@pytest.mark.django_db
def test_seed_percentage_92_78_is_found(demo_reviu_data: ReviuData) -> None:
    assert _seed(demo_reviu_data, "HIT-001") == [(KUNCI_PERHITUNGAN, "92,77%", "92,78%")]
    (f,) = findings(demo_reviu_data, "HIT-001")
    assert "13.415 ÷ 14.460 × 100 = 92,77%" in f.pesan


@pytest.mark.django_db
def test_seed_realisasi_92_78_is_found(demo_reviu_data: ReviuData) -> None:
    assert _seed(demo_reviu_data, "HIT-002") == [(IKU, "92,77%", "92,78%")]


@pytest.mark.django_db
def test_seed_breakdowns_that_do_not_add_up_are_found(demo_reviu_data: ReviuData) -> None:
    assert _seed(demo_reviu_data, "HIT-004") == [
        (f"{KUNCI_PERHITUNGAN}/komponen:{nomor}", jumlah, tercetak)
        for nomor, jumlah, tercetak in [("07", "284", "314"), ("08", "165", "171"),
                                        ("09", "130", "139"), ("10", "10", "21"),
                                        ("11", "90", "92")]]
    pesan = findings(demo_reviu_data, "HIT-004")[0].pesan
    assert "butir 07" in pesan and "Penyandang Disabilitas terlantar" in pesan
    assert "tercetak 314" in pesan and "berjumlah 284" in pesan


@pytest.mark.django_db
def test_seed_items_04_and_11_as_a_possible_double_count(demo_reviu_data: ReviuData) -> None:
    assert _seed(demo_reviu_data, "HIT-007") == [
        (f"{KUNCI_PERHITUNGAN}/komponen:04+11", "92 dihitung sekali", "92 pada butir 04 dan 11")]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["HIT-003", "HIT-005", "HIT-006", "HIT-008"])
def test_seed_is_right_where_these_rules_look(demo_reviu_data: ReviuData, code: str) -> None:
    # The numerator 13.415 is the sum of items 01-11, the denominator is printed, and the
    # seed prints no capaian column.
    assert findings(demo_reviu_data, code) == []


# HIT-009 the annual realisasi against its quarters
@pytest.mark.parametrize(
    ("ubah", "jumlah"),
    [
        pytest.param(lambda i: replace(i, realisasi={TAHUN: nilai("100")}, agregasi="kumulatif",
                                       realisasi_triwulan={TAHUN: Decimal(90)}), 1,
                     id="count: annual 100, quarters sum to 90 -> flagged"),
        pytest.param(lambda i: replace(i, realisasi={TAHUN: nilai("100")}, agregasi="kumulatif",
                                       realisasi_triwulan={TAHUN: Decimal(100)}), 0,
                     id="count: annual equals the quarters' sum -> silent"),
        pytest.param(lambda i: replace(i, realisasi={TAHUN: nilai("92,78%")},
                                       agregasi="nilai_akhir",
                                       realisasi_triwulan={TAHUN: Decimal("92.7781")}), 0,
                     id="rate printed at two decimals equal to TW IV at that precision -> silent"),
        pytest.param(lambda i: replace(i, realisasi={TAHUN: nilai("92,78%")},
                                       agregasi="nilai_akhir",
                                       realisasi_triwulan={TAHUN: Decimal("91.5")}), 1,
                     id="rate: annual 92,78% but last quarter 91,5% -> flagged"),
        pytest.param(lambda i: replace(i, realisasi={TAHUN: nilai("-")}, agregasi="kumulatif",
                                       realisasi_triwulan={TAHUN: Decimal(90)}), 0,
                     id="annual printed as a dash -> nothing to compare"),
        pytest.param(lambda i: replace(i, realisasi={TAHUN: nilai("100")},
                                       realisasi_triwulan={}), 0,
                     id="no quarters -> nothing to compare"),
    ],
)
def test_hit009_annual_realisasi_against_its_quarters(ubah, jumlah):
    data = clean()
    data = replace(data, indikator=tuple(ubah(i) if i.kunci == IKU else i
                                         for i in data.indikator))
    assert len(findings(data, "HIT-009")) == jumlah
