"""The rules of a Renstra's structure (``core.rencana``): its period, when two sasaran are the
same, and the completeness warnings of the Renstra editor."""

import pytest

from akuntabel.core.rencana import (
    IndikatorRencana,
    SasaranRencana,
    agregasi_menurut_satuan,
    cek_berlaku_mulai,
    cek_kelengkapan,
    cek_periode,
    cek_tahun,
    sama_uraian,
)

TAHUN = [2025, 2026, 2027, 2028, 2029]
SEMUA = frozenset(TAHUN)


@pytest.mark.parametrize(("awal", "akhir", "sah"), [
    pytest.param(2025, 2029, True, id="five plan years -> a period"),
    pytest.param(2024, 2029, True, id="five plan years and the baseline year -> a period"),
    pytest.param(2024, 2026, True, id="a transitional Renstra of three years -> a period"),
    pytest.param(2025, 2025, True, id="one year -> a period"),
    pytest.param(2029, 2025, False, id="last year before the first -> refused"),
    pytest.param(2025, 2031, False, id="seven years -> refused"),
    pytest.param(1925, 2029, False, id="a typing error in the century -> refused"),
    pytest.param(2025, 20290, False, id="a year of five digits -> refused"),
])
def test_period(awal, akhir, sah):
    assert (cek_periode(awal, akhir) is None) is sah


@pytest.mark.parametrize(("tahun", "sah"), [
    pytest.param(2025, True, id="first year of the Renstra -> a target year"),
    pytest.param(2029, True, id="last year of the Renstra -> a target year"),
    pytest.param(2024, False, id="the year before the Renstra -> refused"),
    pytest.param(2030, False, id="the year after the Renstra -> refused"),
])
def test_target_year(tahun, sah):
    why = cek_tahun(tahun, 2025, 2029)
    assert (why is None) is sah
    if not sah:
        assert "2025–2029" in why and str(tahun) in why


@pytest.mark.parametrize(("a", "b", "sama"), [
    pytest.param("Meningkatnya kualitas layanan", "meningkatnya kualitas layanan", True,
                 id="only the case differs -> the same sasaran"),
    pytest.param("Meningkatnya  kualitas\nlayanan.", "Meningkatnya kualitas layanan", True,
                 id="spaces, a line break and a final full stop differ -> the same sasaran"),
    pytest.param("Meningkatnya kualitas layanan", "Meningkatnya kualitas layanan kesehatan",
                 False, id="a word more -> another sasaran"),
    pytest.param("Menurunnya angka stunting", "Meningkatnya angka stunting", False,
                 id="the direction differs -> another sasaran"),
])
def test_same_description(a, b, sama):
    assert sama_uraian(a, b) is sama


def ind(**kw):
    return IndikatorRencana(**{"uraian": "Prevalensi stunting", "satuan": "%",
                               "tahun_bertarget": SEMUA, **kw})


@pytest.mark.parametrize(("sasaran", "kode"), [
    pytest.param([SasaranRencana("S1", (ind(),))], [], id="complete -> no warning"),
    pytest.param([SasaranRencana("S1", ())], ["REN-001"],
                 id="a sasaran without an indicator -> REN-001"),
    pytest.param([SasaranRencana("S1", (ind(iku=True, tahun_bertarget=frozenset({2025})),))],
                 ["REN-002"], id="an IKU without a target in some years -> REN-002"),
    pytest.param([SasaranRencana("S1", (ind(iku=True),))], [],
                 id="an IKU with a target every year -> no warning"),
    pytest.param([SasaranRencana("S1", (ind(iku=False, tahun_bertarget=frozenset()),))], [],
                 id="an indicator that is no IKU without targets -> no warning"),
    pytest.param([SasaranRencana("S1", (ind(formula="A / B x 100", satuan=""),))], ["REN-003"],
                 id="a formula but no unit -> REN-003"),
    pytest.param([SasaranRencana("S1", (ind(formula="A / B x 100"),))], [],
                 id="a formula with its unit -> no warning"),
])
def test_completeness(sasaran, kode):
    assert [p.kode for p in cek_kelengkapan(sasaran, TAHUN)] == kode


def test_a_warning_names_its_place_and_the_years_missing():
    found = cek_kelengkapan([SasaranRencana("S1", (ind(
        uraian="AKI", iku=True, tahun_bertarget=frozenset({2025, 2026}), tempat="indikator-7"),))],
        TAHUN)
    assert found[0].tempat == "indikator-7"
    assert "AKI" in found[0].pesan and "2027, 2028, 2029" in found[0].pesan


# --- From which year a Renstra perubahan may be in force ---------------------------------------

@pytest.mark.parametrize(("tahun", "berlaku_terakhir", "tercatat", "pesan"), [
    pytest.param(2027, 2025, {}, None,
                 id="a middle year of an unchanged Renstra with nothing measured -> allowed"),
    pytest.param(2029, 2025, {}, None, id="the last year of the period -> allowed"),
    pytest.param(2025, 2025, {}, "paling cepat tahun 2026",
                 id="the first year of the period -> refused, the original's year"),
    pytest.param(2030, 2025, {}, "di luar periode",
                 id="a year after the period -> refused"),
    pytest.param(2024, 2025, {}, "di luar periode",
                 id="a year before the period -> refused"),
    pytest.param(2027, 2027, {}, "paling cepat tahun 2028",
                 id="the year the latest perubahan starts -> refused"),
    pytest.param(2026, 2027, {}, "paling cepat tahun 2028",
                 id="before the latest perubahan -> refused"),
    pytest.param(2027, 2025, {2026: ["realisasi 2 indikator"]}, None,
                 id="realisasi only in an earlier year -> allowed"),
    pytest.param(2027, 2025, {2027: ["realisasi 2 indikator"]}, "realisasi 2 indikator",
                 id="realisasi in the year -> refused, naming the realisasi"),
    pytest.param(2027, 2025, {2028: ["DPA"]}, "tahun 2028: DPA",
                 id="a DPA in a later year -> refused, naming the DPA and its year"),
    pytest.param(2027, 2025, {2027: ["PK yang sudah ditandatangani"]},
                 "paling cepat tahun 2028",
                 id="a signed PK in the year -> refused, saying the first year allowed"),
    pytest.param(2027, 2025, {2029: ["DPA"]}, "tidak ada tahun tersisa",
                 id="the last year already has a DPA -> refused, no year left"),
    pytest.param(2027, 2025, {2027: []}, None,
                 id="a year named with nothing in it -> allowed"),
])
def test_perubahan_start_year(tahun, berlaku_terakhir, tercatat, pesan):
    why = cek_berlaku_mulai(tahun, awal=2025, akhir=2029, berlaku_terakhir=berlaku_terakhir,
                            tercatat=tercatat)
    if pesan is None:
        assert why is None
    else:
        assert why is not None and pesan in why


@pytest.mark.parametrize(("satuan", "agregasi"), [
    pytest.param("%", "nilai_akhir", id="a percentage -> last value"),
    pytest.param("persen", "nilai_akhir", id="persen written out -> last value"),
    pytest.param("Persen (%)", "nilai_akhir", id="persen with its sign -> last value"),
    pytest.param("indeks", "nilai_akhir", id="an index -> last value"),
    pytest.param("Indeks Kepuasan", "nilai_akhir", id="a named index -> last value"),
    pytest.param("rasio", "nilai_akhir", id="a ratio -> last value"),
    pytest.param("nilai", "nilai_akhir", id="a score (nilai) -> last value"),
    pytest.param("skor", "nilai_akhir", id="a score (skor) -> last value"),
    pytest.param("per 1.000 penduduk", "nilai_akhir", id="a rate per population -> last value"),
    pytest.param("per 100.000 KH", "nilai_akhir", id="a rate per live births -> last value"),
    pytest.param("orang", "kumulatif", id="people counted -> cumulative"),
    pytest.param("desa", "kumulatif", id="villages counted -> cumulative"),
    pytest.param("dokumen", "kumulatif", id="documents counted -> cumulative"),
    pytest.param("kasus", "kumulatif", id="cases counted -> cumulative"),
    pytest.param("persentil", "kumulatif", id="a word that only starts like persen -> cumulative"),
    pytest.param("", "kumulatif", id="no unit -> cumulative"),
])
def test_aggregation_follows_the_unit(satuan, agregasi):
    assert agregasi_menurut_satuan(satuan) == agregasi
