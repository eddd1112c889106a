"""Scoring of the LKE (PermenPAN-RB 88/2021): the answer scale, sub-component = weight × mean,
the sums, the predikat bands at exactly their bounds, unanswered criteria."""

from __future__ import annotations

from decimal import Decimal

import pytest

from akuntabel.core.evaluasi import (
    Komponen,
    PitaPredikat,
    SubKomponen,
    format_nilai,
    hitung_evaluasi,
    predikat_untuk,
)

D = Decimal
SKALA = {"AA": D(100), "A": D(90), "BB": D(80), "B": D(70), "CC": D(60), "C": D(50),
         "D": D(30), "E": D(0)}
PITA = [PitaPredikat(D(90), True, "AA"), PitaPredikat(D(80), True, "A"),
        PitaPredikat(D(70), True, "BB"), PitaPredikat(D(60), True, "B"),
        PitaPredikat(D(50), True, "CC"), PitaPredikat(D(30), True, "C"),
        PitaPredikat(D(0), False, "D")]
# The weights of PermenPAN-RB 88/2021 (30/30/15/25, each 20/30/50 %), 1 to 3 criteria each.
BOBOT = {"1.a": "6", "1.b": "9", "1.c": "15", "2.a": "6", "2.b": "9", "2.c": "15",
         "3.a": "3", "3.b": "4.5", "3.c": "7.5", "4.a": "5", "4.b": "7.5", "4.c": "12.5"}
JUMLAH_KRITERIA = {"1.a": 2, "1.b": 1, "1.c": 3, "2.a": 1, "2.b": 2, "2.c": 1,
                   "3.a": 1, "3.b": 2, "3.c": 1, "4.a": 1, "4.b": 1, "4.c": 2}
KOMPONEN = [
    Komponen(k, tuple(SubKomponen(s, D(BOBOT[s]),
                                  tuple(f"{s}.{i}" for i in range(1, JUMLAH_KRITERIA[s] + 1)))
                      for s in BOBOT if s.startswith(k)))
    for k in "1234"
]
SEMUA = [f"{s}.{i}" for s, n in JUMLAH_KRITERIA.items() for i in range(1, n + 1)]


@pytest.mark.parametrize("jawaban, total, predikat", [
    pytest.param("AA", "100,00", "AA", id="AA on every criterion -> 100,00 and AA"),
    pytest.param("A", "90,00", "A", id="A on every criterion -> exactly 90,00, which is A not AA"),
    pytest.param("BB", "80,00", "BB", id="BB on every criterion -> exactly 80,00, which is BB"),
    pytest.param("B", "70,00", "B", id="B on every criterion -> exactly 70,00, which is B not BB"),
    pytest.param("CC", "60,00", "CC", id="CC on every criterion -> exactly 60,00, which is CC"),
    pytest.param("C", "50,00", "C", id="C on every criterion -> exactly 50,00, which is C not CC"),
    pytest.param("D", "30,00", "D", id="D on every criterion -> exactly 30,00, which is D not C"),
    pytest.param("E", "0,00", "D", id="E on every criterion -> 0,00, the lowest band holds 0"),
])
def test_the_same_answer_everywhere(jawaban, total, predikat):
    hasil = hitung_evaluasi(KOMPONEN, SKALA, PITA, dict.fromkeys(SEMUA, jawaban))
    assert format_nilai(hasil.total) == total
    assert hasil.predikat is not None and hasil.predikat.predikat == predikat
    assert hasil.tak_dijawab == ()


def test_a_mixed_worksheet_computed_by_hand():
    # 1.a  6 × mean(AA 100, B 70) = 6 × 85 %           = 5,1
    # 1.b  9 × A 90 %                                   = 8,1
    # 1.c 15 × mean(BB 80, C 50, D 30) = 15 × 53,33.. % = 8,0     -> komponen 1 = 21,2
    # 2.a  6 × B 70 % = 4,2; 2.b 9 × mean(CC, CC) 60 % = 5,4; 2.c 15 × D 30 % = 4,5
    #                                                          -> komponen 2 = 14,1
    # 3.a  3 × AA = 3; 3.b 4,5 × mean(B, BB) 75 % = 3,375; 3.c 7,5 × E = 0
    #                                                          -> komponen 3 = 6,375 (6,38)
    # 4.a  5 × A = 4,5; 4.b 7,5 × not answered = 0; 4.c 12,5 × mean(BB, B) 75 % = 9,375
    #                                                          -> komponen 4 = 13,875 (13,88)
    # total 21,2 + 14,1 + 6,375 + 13,875 = 55,55 -> CC (> 50)
    jawaban = {"1.a.1": "AA", "1.a.2": "B", "1.b.1": "A", "1.c.1": "BB", "1.c.2": "C",
               "1.c.3": "D", "2.a.1": "B", "2.b.1": "CC", "2.b.2": "cc ", "2.c.1": "D",
               "3.a.1": "AA", "3.b.1": "B", "3.b.2": "BB", "3.c.1": "E", "4.a.1": "A",
               "4.b.1": None, "4.c.1": "BB", "4.c.2": "B"}
    hasil = hitung_evaluasi(KOMPONEN, SKALA, PITA, jawaban)
    assert hasil.nilai_sub["1.c"] == D("8.0")
    assert hasil.nilai_komponen == {"1": D("21.2"), "2": D("14.1"), "3": D("6.375"),
                                    "4": D("13.875")}
    assert [format_nilai(n) for n in hasil.nilai_komponen.values()] == \
        ["21,20", "14,10", "6,38", "13,88"]
    assert format_nilai(hasil.total) == "55,55"
    assert hasil.predikat is not None and hasil.predikat.predikat == "CC"
    assert hasil.tak_dijawab == ("4.b.1",)


def test_a_criterion_missing_from_the_answers_counts_zero_and_is_listed():
    jawaban = dict.fromkeys(SEMUA, "AA")
    del jawaban["1.a.2"]
    jawaban["3.c.1"] = ""
    hasil = hitung_evaluasi(KOMPONEN, SKALA, PITA, jawaban)
    # 1.a: 6 × mean(100, 0) = 3 lost; 3.c: 7,5 lost -> 100 - 3 - 7,5 = 89,5
    assert hasil.total == D("89.5")
    assert hasil.predikat is not None and hasil.predikat.predikat == "A"
    assert hasil.tak_dijawab == ("1.a.2", "3.c.1")


def test_an_answer_outside_the_scale_is_refused_naming_the_criterion():
    jawaban = dict.fromkeys(SEMUA, "AA")
    jawaban["2.b.2"] = "Y"
    with pytest.raises(ValueError, match=r"Kriteria 2\.b\.2: jawaban 'Y' tidak ada"):
        hitung_evaluasi(KOMPONEN, SKALA, PITA, jawaban)


@pytest.mark.parametrize("nilai, predikat", [
    pytest.param("100", "AA", id="100 -> AA"),
    pytest.param("90.01", "AA", id="90,01 -> AA"),
    pytest.param("90", "A", id="exactly 90 -> A, the bound is exclusive"),
    pytest.param("80", "BB", id="exactly 80 -> BB"),
    pytest.param("70.00", "B", id="exactly 70,00 -> B"),
    pytest.param("60", "CC", id="exactly 60 -> CC"),
    pytest.param("50", "C", id="exactly 50 -> C"),
    pytest.param("30", "D", id="exactly 30 -> D"),
    pytest.param("0.01", "D", id="0,01 -> D"),
    pytest.param("0", "D", id="0 -> D, the lowest band is inclusive in this template"),
])
def test_predikat_bands_at_their_bounds(nilai, predikat):
    pita = predikat_untuk(D(nilai), PITA)
    assert pita is not None and pita.predikat == predikat


def test_bands_are_data_a_total_no_band_holds_has_no_predikat():
    hanya_eksklusif = [PitaPredikat(D(0), True, "D"), PitaPredikat(D(30), True, "C")]
    assert predikat_untuk(D(0), hanya_eksklusif) is None
    assert predikat_untuk(D(30), hanya_eksklusif).predikat == "D"


def test_predikat_is_read_from_the_printed_total():
    # one sub-component of weight 100, three criteria of 100, 100 and 70,012 %:
    # mean 90,004 -> printed 90,00 -> A (not AA, though the exact figure is above 90)
    komponen = [Komponen("1", (SubKomponen("1.a", D(100), ("x", "y", "z")),))]
    skala = {"P": D(100), "Q": D("70.012")}
    hasil = hitung_evaluasi(komponen, skala, PITA, {"x": "P", "y": "P", "z": "Q"})
    assert hasil.total == D("90.004")
    assert format_nilai(hasil.total) == "90,00"
    assert hasil.predikat is not None and hasil.predikat.predikat == "A"


@pytest.mark.parametrize("jawaban, total", [
    pytest.param({"k1": "Y", "k2": "T"}, "50,00", id="an older Y/T template: Y 100 %, T 0 %"),
    pytest.param({"k1": "A", "k2": "D"}, "62,50", id="an older A-E template: A 100 %, D 25 %"),
])
def test_older_scales_are_template_data(jawaban, total):
    skala = {"Y": D(100), "T": D(0)} if "Y" in jawaban.values() else \
        {"A": D(100), "B": D(75), "C": D(50), "D": D(25), "E": D(0)}
    komponen = [Komponen("1", (SubKomponen("1.a", D(100), ("k1", "k2")),))]
    assert format_nilai(hitung_evaluasi(komponen, skala, PITA, jawaban).total) == total
