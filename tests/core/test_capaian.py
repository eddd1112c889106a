"""Capaian of indicators (akuntabel.core.capaian)."""

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.core.angka import format_persen
from akuntabel.core.capaian import (
    SKALA_KETERSEDIAAN,
    SKALA_OPINI_BPK,
    Agregasi,
    MetodeTurun,
    Polaritas,
    SkalaKualitatif,
    aggregate,
    average_capaian,
    cap_capaian,
    compute_capaian,
    compute_capaian_kualitatif,
    compute_capaian_rentang,
    compute_persentase,
    describe_rumus_capaian,
)

D = Decimal
NAIK, TURUN = Polaritas.NAIK, Polaritas.TURUN
SELISIH, RASIO = MetodeTurun.SELISIH, MetodeTurun.RASIO


@pytest.mark.parametrize(
    ("pembilang", "penyebut", "hasil"),
    [
        pytest.param(D(1), D(4), D(25), id="one of four -> 25%"),
        pytest.param(D(0), D(4), D(0), id="none of four -> 0%"),
        pytest.param(D(5), D(4), D(125), id="more than the whole -> above 100%"),
        pytest.param(D(1), D(0), None, id="zero denominator -> no value"),
        pytest.param(None, D(4), None, id="missing numerator -> no value"),
        pytest.param(D(1), None, None, id="missing denominator -> no value"),
    ],
)
def test_compute_persentase(
    pembilang: Decimal | None, penyebut: Decimal | None, hasil: Decimal | None
) -> None:
    assert compute_persentase(pembilang, penyebut) == hasil


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "metode", "hasil"),
    [
        pytest.param(D(100), D(100), NAIK, SELISIH, D(100),
                     id="higher is better, realisasi on target -> 100%"),
        pytest.param(D(80), D(120), NAIK, SELISIH, D(150),
                     id="higher is better, realisasi above target -> above 100%, uncapped"),
        pytest.param(D(80), D(60), NAIK, SELISIH, D(75),
                     id="higher is better, realisasi below target -> below 100%"),
        pytest.param(D(80), D(0), NAIK, SELISIH, D(0),
                     id="higher is better, nothing realised -> 0%"),
        pytest.param(D(5), D(-1), NAIK, SELISIH, D(-20),
                     id="higher is better, negative realisasi -> negative capaian"),
        pytest.param(D(10), D(8), TURUN, SELISIH, D(120),
                     id="lower is better, realisasi below target -> above 100%"),
        pytest.param(D(10), D(10), TURUN, SELISIH, D(100),
                     id="lower is better, realisasi on target -> 100%, not 0% as (T-R)/T"),
        pytest.param(D(10), D(12), TURUN, SELISIH, D(80),
                     id="lower is better, realisasi above target -> below 100%"),
        pytest.param(D(10), D(20), TURUN, SELISIH, D(0),
                     id="lower is better, realisasi twice the target -> 0%"),
        pytest.param(D(10), D(25), TURUN, SELISIH, D(-50),
                     id="lower is better, realisasi beyond twice the target -> negative, uncapped"),
        pytest.param(D(10), D(0), TURUN, SELISIH, D(200),
                     id="lower is better, realisasi zero -> 200%"),
        pytest.param(D(10), D(8), TURUN, RASIO, D(125),
                     id="lower is better by ratio, realisasi below target -> T/R above 100%"),
        pytest.param(D(10), D(20), TURUN, RASIO, D(50),
                     id="lower is better by ratio, realisasi twice the target -> 50%"),
        pytest.param(D(10), D(0), TURUN, RASIO, None,
                     id="lower is better by ratio, realisasi zero -> no value"),
        pytest.param(D(10), D(-2), TURUN, RASIO, None,
                     id="lower is better by ratio, negative realisasi -> no value"),
        pytest.param(D(0), D(5), NAIK, SELISIH, None,
                     id="higher is better, target zero -> no value"),
        pytest.param(D(0), D(5), TURUN, SELISIH, None,
                     id="lower is better, target zero -> no value"),
        pytest.param(D(-2), D(-1), NAIK, SELISIH, None,
                     id="negative target -> no value, the formulas would invert"),
        pytest.param(None, D(5), NAIK, SELISIH, None, id="missing target -> no value"),
        pytest.param(D(5), None, TURUN, SELISIH, None, id="missing realisasi -> no value"),
        pytest.param(D(10), D(8), "turun", "rasio", D(125),
                     id="plain strings from the database are accepted"),
    ],
)
def test_compute_capaian(
    target: Decimal | None,
    realisasi: Decimal | None,
    polaritas: Polaritas,
    metode: MetodeTurun,
    hasil: Decimal | None,
) -> None:
    assert compute_capaian(target, realisasi, polaritas, metode) == hasil


def test_compute_capaian_defaults_to_higher_is_better() -> None:
    assert compute_capaian(D(80), D(60)) == D(75)


def test_lower_is_better_default_equals_permenpanrb_6_2022_formula() -> None:
    target, realisasi = D("12.5"), D("10.3")
    rumus_permenpan = (1 + (1 - realisasi / target)) * 100
    assert compute_capaian(target, realisasi, TURUN) == rumus_permenpan


@pytest.mark.parametrize(
    ("polaritas", "metode"),
    [
        pytest.param(Polaritas.RENTANG, SELISIH, id="range targets have their own function"),
        pytest.param(Polaritas.KUALITATIF, SELISIH, id="qualitative targets have their own"),
        pytest.param("sideways", SELISIH, id="unknown polaritas"),
        pytest.param(TURUN, "kira-kira", id="unknown metode"),
    ],
)
def test_compute_capaian_rejects(polaritas: Polaritas, metode: MetodeTurun) -> None:
    with pytest.raises(ValueError):
        compute_capaian(D(10), D(8), polaritas, metode)


def test_seed_iku_capaian_is_101_39_percent() -> None:
    # Seed LAKIP 2023: target 91,5%, realisasi 13.415 of 14.460 PPKS.
    realisasi = compute_persentase(D(13415), D(14460))
    assert format_persen(realisasi) == "92,77%"
    assert format_persen(compute_capaian(D("91.5"), realisasi)) == "101,39%"


def test_seed_capaian_on_the_printed_92_78_is_101_40_percent() -> None:
    # Rounding before dividing shifts the result: the reason rounding is at output only.
    assert format_persen(compute_capaian(D("91.5"), D("92.78"))) == "101,40%"


@pytest.mark.parametrize(
    ("bawah", "atas", "realisasi", "hasil"),
    [
        pytest.param(D(40), D(60), D(50), D(100), id="range, inside -> 100%"),
        pytest.param(D(40), D(60), D(40), D(100), id="range, on the lower bound -> 100%"),
        pytest.param(D(40), D(60), D(60), D(100), id="range, on the upper bound -> 100%"),
        pytest.param(D(40), D(60), D(30), D(75), id="range, below -> R/a"),
        pytest.param(D(40), D(60), D(75), D(75), id="range, above -> (2b-R)/b"),
        pytest.param(D(40), D(50), D(110), D(-20), id="range, far above -> negative, uncapped"),
        pytest.param(D(50), D(50), D(50), D(100), id="range of one value, on it -> 100%"),
        pytest.param(D(0), D(10), D(-1), None, id="range from zero, below -> no value"),
        pytest.param(D(-10), D(0), D(1), None, id="range up to zero, above -> no value"),
        pytest.param(D(-10), D(-5), D(-12), None,
                     id="range of negative values, below -> no value, the formula would invert"),
        pytest.param(None, D(60), D(50), None, id="range, missing lower bound -> no value"),
        pytest.param(D(40), None, D(50), None, id="range, missing upper bound -> no value"),
        pytest.param(D(40), D(60), None, None, id="range, missing realisasi -> no value"),
    ],
)
def test_compute_capaian_rentang(
    bawah: Decimal | None, atas: Decimal | None, realisasi: Decimal | None, hasil: Decimal | None
) -> None:
    assert compute_capaian_rentang(bawah, atas, realisasi) == hasil


def test_compute_capaian_rentang_rejects_reversed_bounds() -> None:
    with pytest.raises(ValueError, match="Batas bawah"):
        compute_capaian_rentang(D(60), D(40), D(50))


def test_compute_capaian_rentang_has_no_qualitative_range() -> None:
    with pytest.raises(ValueError, match="kualitatif"):
        compute_capaian_rentang(D(40), D(60), D(50), Polaritas.KUALITATIF)


@pytest.mark.parametrize(
    ("target", "realisasi", "skala", "hasil"),
    [
        pytest.param("WTP", "WTP", SKALA_OPINI_BPK, D(100), id="opini WTP as targeted -> 100%"),
        pytest.param("WTP", "WDP", SKALA_OPINI_BPK, D(75), id="opini WDP against WTP -> 75%"),
        pytest.param("WTP", "TW", SKALA_OPINI_BPK, D(25), id="opini TW against WTP -> 25%"),
        pytest.param("WDP", "WTP", SKALA_OPINI_BPK, D(100) * 100 / 75,
                     id="opini better than the target -> above 100%"),
        pytest.param(" wtp ", "Wajar  dengan Pengecualian", SKALA_OPINI_BPK, D(75),
                     id="labels match ignoring case and spaces"),
        pytest.param("WTP", "Disclaimer", SKALA_OPINI_BPK, None,
                     id="unknown realisasi label -> no value"),
        pytest.param("Baik", "WTP", SKALA_OPINI_BPK, None, id="unknown target label -> no value"),
        pytest.param("WTP", None, SKALA_OPINI_BPK, None, id="missing realisasi -> no value"),
        pytest.param("TMP", "TMP", SKALA_OPINI_BPK, None, id="target scoring 0 -> no value"),
        pytest.param("tersedia", "Tersedia", SKALA_KETERSEDIAAN, D(100),
                     id="available as targeted -> 100%"),
        pytest.param("tersedia", "tidak tersedia", SKALA_KETERSEDIAAN, D(0),
                     id="not available -> 0%"),
    ],
)
def test_compute_capaian_kualitatif(
    target: str | None, realisasi: str | None, skala: SkalaKualitatif, hasil: Decimal | None
) -> None:
    assert compute_capaian_kualitatif(target, realisasi, skala) == hasil


def test_skala_kualitatif_rejects_labels_that_differ_only_in_case() -> None:
    with pytest.raises(ValueError, match="lebih dari sekali"):
        SkalaKualitatif("Contoh", {"Baik": D(100), "baik ": D(90)}, date(2024, 1, 1), "contoh")


def test_skala_kualitatif_keeps_labels_as_written_and_is_read_only() -> None:
    skala = SkalaKualitatif("Predikat", {"AA": D(100), "A": D(90)}, date(2024, 1, 1), "contoh")
    assert dict(skala.nilai) == {"AA": D(100), "A": D(90)}
    assert skala.skor("aa") == D(100)
    with pytest.raises(TypeError):
        skala.nilai["B"] = D(80)  # type: ignore[index]


def test_skala_kualitatif_is_a_value() -> None:
    salinan = SkalaKualitatif("Opini BPK atas laporan keuangan", dict(SKALA_OPINI_BPK.nilai),
                              SKALA_OPINI_BPK.berlaku_mulai, SKALA_OPINI_BPK.dasar_hukum,
                              SKALA_OPINI_BPK.catatan)
    assert salinan == SKALA_OPINI_BPK
    assert hash(salinan) == hash(SKALA_OPINI_BPK)


@pytest.mark.parametrize(
    ("nilai", "agregasi", "hasil"),
    [
        pytest.param([D(10), D(20), D(5), D(15)], Agregasi.KUMULATIF, D(50),
                     id="counts over four quarters -> their sum"),
        pytest.param([D(10), None, D(5), None], Agregasi.KUMULATIF, D(15),
                     id="counts with empty quarters -> sum of the filled ones"),
        pytest.param([None, None], Agregasi.KUMULATIF, None,
                     id="counts with nothing filled -> no value, not 0"),
        pytest.param([], Agregasi.KUMULATIF, None, id="counts with no periods -> no value"),
        pytest.param([D("85.3"), D("88.4"), D("91.5")], Agregasi.NILAI_AKHIR, D("91.5"),
                     id="percentages -> the last value, never their sum"),
        pytest.param([D("85.3"), D("88.4"), None, None], Agregasi.NILAI_AKHIR, D("88.4"),
                     id="percentages with later periods empty -> the last filled value"),
        pytest.param([None], Agregasi.NILAI_AKHIR, None,
                     id="percentages with nothing filled -> no value"),
        pytest.param([D(1), D(2)], "kumulatif", D(3), id="plain string from the database"),
    ],
)
def test_aggregate(nilai: list[Decimal | None], agregasi: Agregasi, hasil: Decimal | None) -> None:
    assert aggregate(nilai, agregasi) == hasil


@pytest.mark.parametrize(
    ("capaian", "batas", "hasil"),
    [
        pytest.param(D(120), D(100), D(100), id="above the cap -> the cap"),
        pytest.param(D(80), D(100), D(80), id="below the cap -> unchanged"),
        pytest.param(D(130), D(120), D(120), id="a cap of 120"),
        pytest.param(None, D(100), None, id="missing stays missing"),
    ],
)
def test_cap_capaian(capaian: Decimal | None, batas: Decimal, hasil: Decimal | None) -> None:
    assert cap_capaian(capaian, batas) == hasil


def test_cap_capaian_defaults_to_100() -> None:
    assert cap_capaian(D("101.39")) == D(100)


@pytest.mark.parametrize(
    ("values", "batas", "hasil"),
    [
        pytest.param([D(120), D(80)], None, D(100), id="uncapped average by default"),
        pytest.param([D(120), D(80)], D(100), D(90), id="each value capped before averaging"),
        pytest.param([D(120), None, D(80)], None, D(100),
                     id="missing values are left out, not counted as 0"),
        pytest.param([None, None], D(100), None, id="nothing filled -> no value"),
        pytest.param([], None, None, id="no values -> no value"),
    ],
)
def test_average_capaian(
    values: list[Decimal | None], batas: Decimal | None, hasil: Decimal | None
) -> None:
    assert average_capaian(values, batas) == hasil


@pytest.mark.parametrize(
    ("polaritas", "metode", "potongan"),
    [
        pytest.param(NAIK, SELISIH, "Realisasi / Target", id="higher is better formula"),
        pytest.param(TURUN, SELISIH, "(2 × Target − Realisasi) / Target",
                     id="lower is better default formula cites PermenPAN-RB 6/2022"),
        pytest.param(TURUN, RASIO, "Target / Realisasi", id="lower is better ratio formula"),
        pytest.param(Polaritas.RENTANG, SELISIH, "rentang", id="range formula"),
        pytest.param(Polaritas.KUALITATIF, SELISIH, "skala kualitatif", id="qualitative"),
    ],
)
def test_describe_rumus_capaian(polaritas: Polaritas, metode: MetodeTurun, potongan: str) -> None:
    assert potongan in describe_rumus_capaian(polaritas, metode)


def test_describe_rumus_turun_selisih_cites_its_source() -> None:
    assert "PermenPAN-RB 6/2022" in describe_rumus_capaian(TURUN)
