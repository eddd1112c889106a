"""One capaian for every indicator (akuntabel.core.capaian.compute_capaian_target): single,
range and qualitative targets, each with its polarity; and the qualitative scales in force."""

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.core.capaian import (
    SKALA_KETERSEDIAAN,
    SKALA_KUALITATIF,
    SKALA_OPINI_BPK,
    SKALA_PREDIKAT_SAKIP,
    MetodeTurun,
    Polaritas,
    SkalaKualitatif,
    compute_capaian_target,
    describe_rumus_capaian,
    skala_kualitatif_berlaku,
    tulis_rumus_capaian,
)

D = Decimal
NAIK, TURUN = Polaritas.NAIK, Polaritas.TURUN
RENTANG, KUALITATIF = Polaritas.RENTANG, Polaritas.KUALITATIF
SELISIH, RASIO = MetodeTurun.SELISIH, MetodeTurun.RASIO


@pytest.mark.parametrize(
    ("bawah", "atas", "realisasi", "polaritas", "metode", "hasil"),
    [
        # Higher is better, range 60-85 %.
        pytest.param(D(60), D(85), D(70), NAIK, SELISIH, D(100),
                     id="higher is better, inside the range -> 100% by convention"),
        pytest.param(D(60), D(85), D(60), NAIK, SELISIH, D(100),
                     id="higher is better, on the lower bound -> 100%"),
        pytest.param(D(60), D(85), D(45), NAIK, SELISIH, D(75),
                     id="higher is better, below the range -> R / lower bound"),
        pytest.param(D(60), D(85), D("93.5"), NAIK, SELISIH, D(110),
                     id="higher is better, above the range -> R / upper bound, above 100%"),
        # Lower is better, range 7-8 bulan (e.g. a waiting time).
        pytest.param(D(7), D(8), D("7.5"), TURUN, SELISIH, D(100),
                     id="lower is better, inside the range -> 100% by convention"),
        pytest.param(D(7), D(8), D(10), TURUN, SELISIH, D(75),
                     id="lower is better, above the range -> (2 x upper - R) / upper"),
        pytest.param(D(7), D(8), D("5.6"), TURUN, SELISIH, D(120),
                     id="lower is better, below the range -> (2 x lower - R) / lower, above 100%"),
        pytest.param(D(7), D(8), D(10), TURUN, RASIO, D(80),
                     id="lower is better by ratio, above the range -> upper / R"),
        pytest.param(D(7), D(8), D("5.6"), TURUN, RASIO, D(125),
                     id="lower is better by ratio, below the range -> lower / R"),
        # Best inside the range: today's rule, unchanged.
        pytest.param(D(40), D(60), D(30), RENTANG, SELISIH, D(75),
                     id="best inside the range, below -> R / lower bound"),
        pytest.param(D(40), D(60), D(75), RENTANG, SELISIH, D(75),
                     id="best inside the range, above -> (2 x upper - R) / upper"),
        pytest.param(D(40), D(60), D(50), RENTANG, SELISIH, D(100),
                     id="best inside the range, inside -> 100%"),
        # Bounds at or below zero leave the formula without a meaning.
        pytest.param(D(0), D(10), D(-1), NAIK, SELISIH, None,
                     id="higher is better, range from zero, below it -> no value"),
        pytest.param(D(0), D(10), D(-1), TURUN, SELISIH, None,
                     id="lower is better, range from zero, below it -> no value"),
        pytest.param(D(60), D(85), None, NAIK, SELISIH, None,
                     id="range without realisasi -> no value"),
    ],
)
def test_compute_capaian_target_range(
    bawah: Decimal, atas: Decimal, realisasi: Decimal | None, polaritas: Polaritas,
    metode: MetodeTurun, hasil: Decimal | None,
) -> None:
    assert compute_capaian_target(bawah, realisasi, polaritas, metode, target_atas=atas) == hasil


@pytest.mark.parametrize(
    ("polaritas", "metode", "realisasi"),
    [
        pytest.param(NAIK, SELISIH, D(45), id="higher is better, below"),
        pytest.param(NAIK, SELISIH, D(93), id="higher is better, above"),
        pytest.param(TURUN, SELISIH, D(45), id="lower is better, below"),
        pytest.param(TURUN, RASIO, D(93), id="lower is better by ratio, above"),
    ],
)
def test_a_range_of_one_value_is_the_single_target(
    polaritas: Polaritas, metode: MetodeTurun, realisasi: Decimal
) -> None:
    assert compute_capaian_target(D(60), realisasi, polaritas, metode, target_atas=D(60)) == (
        compute_capaian_target(D(60), realisasi, polaritas, metode))


@pytest.mark.parametrize(
    ("bawah", "atas", "realisasi", "polaritas", "hasil"),
    [
        pytest.param(D(85), D(60), D(45), NAIK, D(75),
                     id="bounds stored the wrong way round -> swapped, the same range"),
        pytest.param(D(60), D(40), D(30), RENTANG, D(75),
                     id="best inside, bounds the wrong way round -> swapped, never raises"),
        pytest.param(None, D(85), D(70), NAIK, None, id="range without lower bound -> no value"),
        pytest.param(D(60), None, D(70), RENTANG, None,
                     id="best inside a range without upper bound -> no value"),
    ],
)
def test_compute_capaian_target_range_never_raises(
    bawah: Decimal | None, atas: Decimal | None, realisasi: Decimal, polaritas: Polaritas,
    hasil: Decimal | None,
) -> None:
    assert compute_capaian_target(bawah, realisasi, polaritas, target_atas=atas) == hasil


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "hasil"),
    [
        pytest.param("WTP", "WTP", KUALITATIF, D(100), id="opini WTP as targeted -> 100%"),
        pytest.param("WTP", "WDP", KUALITATIF, D(75), id="opini WDP against WTP -> 75%"),
        pytest.param("Wajar Tanpa Pengecualian", "wdp", KUALITATIF, D(75),
                     id="opini written out and abbreviated -> the same scale"),
        pytest.param("A", "BB", KUALITATIF, D("87.5"),
                     id="predikat SAKIP BB against A -> 70 / 80 (band lower bounds)"),
        pytest.param("BB", "A", KUALITATIF, D(80) * 100 / 70,
                     id="predikat better than the target -> above 100%"),
        pytest.param("Tersedia", "tidak tersedia", KUALITATIF, D(0),
                     id="a document not available -> 0%"),
        pytest.param("tersedia", "ada", KUALITATIF, D(100),
                     id="ada is tersedia -> 100%"),
        pytest.param("WTP", "WTP", NAIK, D(100),
                     id="a label the scales know, polarity left at higher is better -> scored"),
        pytest.param("WTP", "Disclaimer", KUALITATIF, None,
                     id="realisasi label unknown -> no value"),
        pytest.param("WTP", "A", KUALITATIF, None,
                     id="realisasi on another scale than the target -> no value"),
        pytest.param("WTP", "", KUALITATIF, None, id="no realisasi yet -> no value"),
        pytest.param("Perbaikan ruang data", "Perbaikan ruang data", NAIK, None,
                     id="text that is on no scale -> no value, never a guess"),
        pytest.param("Baik", "Baik", KUALITATIF, None,
                     id="qualitative indicator with a label on no scale -> no value"),
        pytest.param("D", "C", KUALITATIF, None, id="a target scoring 0 -> no value"),
    ],
)
def test_compute_capaian_target_qualitative(
    target: str, realisasi: str, polaritas: Polaritas, hasil: Decimal | None
) -> None:
    assert compute_capaian_target(None, None, polaritas, target_teks=target,
                                  realisasi_teks=realisasi) == hasil


def test_qualitative_uses_the_scales_given() -> None:
    skala = SkalaKualitatif("Akreditasi", {"Paripurna": D(100), "Utama": D(80)},
                            berlaku_mulai=date(2022, 1, 1), dasar_hukum="contoh")
    assert compute_capaian_target(None, None, KUALITATIF, target_teks="Paripurna",
                                  realisasi_teks="Utama", skala=(skala,)) == D(80)
    assert compute_capaian_target(None, None, KUALITATIF, target_teks="WTP",
                                  realisasi_teks="WTP", skala=(skala,)) is None


def test_two_scales_scoring_a_pair_differently_give_no_value() -> None:
    lain = SkalaKualitatif("Opini versi lain", {"WTP": D(100), "WDP": D(50)},
                           berlaku_mulai=date(2030, 1, 1), dasar_hukum="contoh")
    assert compute_capaian_target(None, None, KUALITATIF, target_teks="WTP",
                                  realisasi_teks="WDP", skala=(SKALA_OPINI_BPK, lain)) is None


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "metode", "hasil"),
    [
        pytest.param(D("91.5"), D("92.78"), NAIK, SELISIH, D("92.78") * 100 / D("91.5"),
                     id="single target, higher is better -> R / T"),
        pytest.param(D(10), D(8), "turun", "rasio", D(125),
                     id="single target, lower is better by ratio, strings from the database"),
        pytest.param(D(10), D(12), TURUN, SELISIH, D(80),
                     id="single target, lower is better -> (2T - R) / T"),
        pytest.param(D(0), D(5), NAIK, SELISIH, None, id="single target of zero -> no value"),
        pytest.param(D(50), D(50), RENTANG, SELISIH, None,
                     id="best inside a range without its upper bound -> no value"),
        pytest.param(D(50), D(50), KUALITATIF, SELISIH, None,
                     id="qualitative indicator with a number and no label -> no value"),
        pytest.param(None, D(5), NAIK, SELISIH, None, id="no target -> no value"),
    ],
)
def test_compute_capaian_target_single(
    target: Decimal | None, realisasi: Decimal | None, polaritas: Polaritas,
    metode: MetodeTurun, hasil: Decimal | None,
) -> None:
    assert compute_capaian_target(target, realisasi, polaritas, metode) == hasil


def test_a_number_target_is_not_read_as_a_label() -> None:
    # "100" is no label, and a target with a number is computed from the number.
    assert compute_capaian_target(D(4), D(2), NAIK, target_teks="4 dokumen",
                                  realisasi_teks="2 dokumen") == D(50)


@pytest.mark.parametrize(
    ("polaritas", "metode", "potongan"),
    [
        pytest.param(NAIK, SELISIH, "di atas rentang Realisasi / Batas atas",
                     id="higher is better range compares above with the upper bound"),
        pytest.param(TURUN, SELISIH, "di bawah rentang (2 × Batas bawah − Realisasi) / Batas "
                     "bawah", id="lower is better range compares below with the lower bound"),
        pytest.param(TURUN, RASIO, "di atas rentang Batas atas / Realisasi",
                     id="lower is better by ratio range"),
        pytest.param(RENTANG, SELISIH, "di atas rentang (2 × Batas atas − Realisasi)",
                     id="best inside the range keeps its sentence"),
    ],
)
def test_describe_rumus_capaian_of_a_range(
    polaritas: Polaritas, metode: MetodeTurun, potongan: str
) -> None:
    kalimat = describe_rumus_capaian(polaritas, metode, rentang=True)
    assert potongan in kalimat
    assert "100% di dalam rentang" in kalimat


def test_describe_rumus_capaian_of_a_single_target_is_unchanged() -> None:
    assert describe_rumus_capaian(NAIK, rentang=False) == describe_rumus_capaian(NAIK)


# --- the scales as data ------------------------------------------------------------------

@pytest.mark.parametrize(
    "skala",
    [pytest.param(s, id=s.nama) for s in SKALA_KUALITATIF],
)
def test_every_scale_in_force_is_dated_and_cited(skala: SkalaKualitatif) -> None:
    assert skala.berlaku_mulai <= date(2024, 1, 1)
    assert skala.dasar_hukum
    assert any(s > 0 for s in skala.nilai.values())


def test_the_scales_in_force_hold_opini_predikat_and_ketersediaan() -> None:
    assert {SKALA_OPINI_BPK, SKALA_PREDIKAT_SAKIP, SKALA_KETERSEDIAAN} <= set(SKALA_KUALITATIF)
    assert "UU 15/2004" in SKALA_OPINI_BPK.dasar_hukum
    assert "88/2021" in SKALA_PREDIKAT_SAKIP.dasar_hukum


@pytest.mark.parametrize(
    ("tanggal", "nilai_wdp"),
    [
        pytest.param(date(2023, 12, 31), D(75), id="before a new version -> the old scores"),
        pytest.param(date(2030, 1, 1), D(50), id="from its start -> the new version replaces it"),
        pytest.param(date(2000, 1, 1), None, id="before any opini scale -> none in force"),
    ],
)
def test_skala_kualitatif_berlaku_picks_the_latest_version(
    tanggal: date, nilai_wdp: Decimal | None
) -> None:
    baru = SkalaKualitatif(SKALA_OPINI_BPK.nama, {"WTP": D(100), "WDP": D(50)},
                           berlaku_mulai=date(2030, 1, 1), dasar_hukum="contoh")
    berlaku = skala_kualitatif_berlaku((*SKALA_KUALITATIF, baru), tanggal)
    opini = [s for s in berlaku if s.nama == SKALA_OPINI_BPK.nama]
    assert [s.skor("WDP") for s in opini] == ([nilai_wdp] if nilai_wdp is not None else [])


# --- the worked formula, written by the same rule -----------------------------------------------


@pytest.mark.parametrize(
    ("args", "kw", "rumus"),
    [
        pytest.param((D("91.5"), D("92.7731"), "naik"), {}, "92,77 ÷ 91,5 × 100",
                     id="higher is better -> realisasi over target, written at 2 decimals"),
        pytest.param((D(10), D(8), "turun"), {}, "(2 × 10 − 8) ÷ 10 × 100",
                     id="lower is better, default method"),
        pytest.param((D(10), D(8), "turun", "rasio"), {}, "10 ÷ 8 × 100",
                     id="lower is better, ratio method"),
        pytest.param((D(60), D(90), "naik"), {"target_atas": D(85)},
                     "90 ÷ 85 × 100, di atas rentang 60–85",
                     id="range, higher is better, above -> the upper bound named"),
        pytest.param((D(60), D(70), "naik"), {"target_atas": D(85)},
                     "70 di dalam rentang 60–85 = 100", id="range, inside -> 100"),
        pytest.param((D(60), D(90), "turun"), {"target_atas": D(85)},
                     "(2 × 85 − 90) ÷ 85 × 100, di atas rentang 60–85",
                     id="range, lower is better, above -> the polarity's formula"),
        pytest.param((None, None, "naik"), {"target_teks": "WTP", "realisasi_teks": "WDP"},
                     "skor WDP (75) ÷ skor WTP (100) × 100 (Opini BPK atas laporan keuangan)",
                     id="qualitative -> the scores and the scale named"),
        pytest.param((None, D(5), "naik"), {}, "", id="no target -> no formula"),
    ],
)
def test_tulis_rumus_capaian(args, kw, rumus):
    assert tulis_rumus_capaian(*args, **kw) == rumus
