"""Rules on an LKE worksheet beside its score (PermenPAN-RB 88/2021): consistency warnings
between criteria, declared as data with the template, and the grade suggested by the evidence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from akuntabel.core.lke import (
    JENIS_BUKTI,
    AturanKonsistensi,
    PitaSaran,
    SubLke,
    aturan_dari_data,
    di_atas_saran,
    periksa_konsistensi,
    peta_bukti_dari_data,
    pita_saran_dari_data,
    saran_nilai,
)

D = Decimal
SKALA = {"AA": D(100), "A": D(90), "BB": D(80), "B": D(70), "CC": D(60), "C": D(50),
         "D": D(30), "E": D(0)}
STRUKTUR = [
    SubLke("1.a", "1", "keberadaan", ("1.a.1", "1.a.2")),
    SubLke("1.b", "1", "kualitas", ("1.b.1",)),
    SubLke("1.c", "1", "pemanfaatan", ("1.c.1", "1.c.2")),
    SubLke("2.a", "2", "keberadaan", ("2.a.1",)),
    SubLke("2.c", "2", "pemanfaatan", ("2.c.1",)),
]
PERSPEKTIF = AturanKonsistensi("KON-1", "antar-perspektif", "pemanfaatan", "keberadaan",
                               "Pemanfaatan mengandaikan keberadaan.")
KRITERIA_ATAS_SUB = AturanKonsistensi("KON-2", "tidak-melebihi", "1.b.1", "1.a")
KRITERIA_ATAS_KRITERIA = AturanKonsistensi("KON-3", "tidak-melebihi", "1.c", "1.a.2")


@pytest.mark.parametrize("aturan, jawaban, harapan", [
    pytest.param(PERSPEKTIF, {"1.a.1": "B", "1.a.2": "B", "1.c.1": "B", "1.c.2": "C"}, [],
                 id="pemanfaatan mean not above keberadaan mean -> no warning"),
    pytest.param(PERSPEKTIF, {"1.a.1": "B", "1.a.2": "C", "1.c.1": "A", "1.c.2": "C"},
                 [("KON-1", ("1.c.1",))],
                 id="pemanfaatan mean 70 above keberadaan mean 60 -> warning on the criterion "
                    "above it"),
    pytest.param(PERSPEKTIF, {"2.a.1": "D", "2.c.1": "BB"}, [("KON-1", ("2.c.1",))],
                 id="the rule holds in every component, not one named code"),
    pytest.param(PERSPEKTIF, {"1.c.1": "AA"}, [],
                 id="keberadaan not answered yet -> nothing to compare, no warning"),
    pytest.param(KRITERIA_ATAS_SUB, {"1.a.1": "BB", "1.a.2": "CC", "1.b.1": "B"}, [],
                 id="criterion at the mean of its sub-component (70 = 70) -> no warning"),
    pytest.param(KRITERIA_ATAS_SUB, {"1.a.1": "BB", "1.a.2": "D", "1.b.1": "B"},
                 [("KON-2", ("1.b.1",))],
                 id="criterion 70 above the mean 55 of the sub-component it depends on -> warning"),
    pytest.param(KRITERIA_ATAS_KRITERIA, {"1.a.2": "B", "1.c.1": "A", "1.c.2": "B"},
                 [("KON-3", ("1.c.1",))],
                 id="each criterion of a sub-component against one criterion -> the one above"),
    pytest.param(KRITERIA_ATAS_SUB, {"1.a.1": "BB", "1.a.2": "D", "1.b.1": "XX"}, [],
                 id="an answer the scale does not know -> not judged here (the write refuses it)"),
])
def test_consistency_rules(aturan, jawaban, harapan):
    hasil = periksa_konsistensi([aturan], STRUKTUR, SKALA, jawaban)
    assert [(p.kode, p.kriteria) for p in hasil] == harapan


def test_the_message_names_the_criteria_grades_and_the_template_reason():
    [p] = periksa_konsistensi([PERSPEKTIF], STRUKTUR, SKALA,
                              {"1.a.1": "B", "1.a.2": "C", "1.c.1": "A", "1.c.2": "C"})
    assert p.pesan == ("Komponen 1: rata-rata pemanfaatan (1.c) 70 % lebih tinggi dari "
                       "rata-rata keberadaan (1.a) 60 %. Pemanfaatan mengandaikan keberadaan.")
    [p] = periksa_konsistensi([KRITERIA_ATAS_SUB], STRUKTUR, SKALA,
                              {"1.a.1": "BB", "1.a.2": "D", "1.b.1": "B"})
    assert p.pesan == "Kriteria 1.b.1 (B, 70 %) lebih tinggi dari rata-rata 1.a (55 %)."


@pytest.mark.parametrize("data, salah", [
    pytest.param([{"kode": "K1", "jenis": "antar-perspektif", "atas": "pemanfaatan",
                   "acuan": "keberadaan"}], None, id="a well-formed rule -> read"),
    pytest.param([{"kode": "K1", "jenis": "lebih-dari", "atas": "1.c", "acuan": "1.a"}],
                 "aturan_konsistensi[0].jenis", id="an unknown kind -> refused at its place"),
    pytest.param([{"kode": "K1", "jenis": "tidak-melebihi", "atas": "9.z", "acuan": "1.a"}],
                 "aturan_konsistensi[0].atas", id="a code not in the template -> refused"),
    pytest.param([{"kode": "K1", "jenis": "antar-perspektif", "atas": "manfaat",
                   "acuan": "keberadaan"}],
                 "aturan_konsistensi[0].atas", id="an unknown perspective -> refused"),
    pytest.param([{"kode": "K1", "jenis": "tidak-melebihi", "atas": "1.c", "acuan": "1.a"},
                  {"kode": "K1", "jenis": "tidak-melebihi", "atas": "1.b", "acuan": "1.a"}],
                 "aturan_konsistensi[1].kode", id="a code used twice -> refused"),
])
def test_rules_are_read_from_the_template_data(data, salah):
    if salah is None:
        assert aturan_dari_data(data, STRUKTUR)[0].kode == "K1"
    else:
        with pytest.raises(ValueError, match=salah.replace("[", r"\[").replace("]", r"\]")):
            aturan_dari_data(data, STRUKTUR)


# The keberadaan meaning of the 8 grades (LKE practice under PermenPAN-RB 88/2021).
PITA = pita_saran_dari_data([
    {"nilai": "AA", "pemenuhan_minimal": 100, "tahun_sebelumnya": 5, "arti": "5 tahun"},
    {"nilai": "A", "pemenuhan_minimal": 100, "tahun_sebelumnya": 1, "arti": "1 tahun"},
    {"nilai": "BB", "pemenuhan_minimal": 100, "arti": "terpenuhi"},
    {"nilai": "B", "pemenuhan_lebih_dari": 75, "arti": "sebagian besar"},
    {"nilai": "CC", "pemenuhan_lebih_dari": 50, "arti": "lebih dari setengah"},
    {"nilai": "C", "pemenuhan_lebih_dari": 25, "arti": "sebagian kecil"},
    {"nilai": "D", "pemenuhan_lebih_dari": 0, "arti": "baru dimulai"},
    {"nilai": "E", "pemenuhan_minimal": 0, "arti": "tidak ada"},
], set(SKALA))


@pytest.mark.parametrize("terpenuhi, jumlah, tahun_sebelumnya, nilai", [
    pytest.param(1, 1, 0, "BB", id="fulfilled this year only -> BB"),
    pytest.param(1, 1, 1, "A", id="fulfilled and the year before -> A"),
    pytest.param(1, 1, 5, "AA", id="fulfilled and the five years before -> AA"),
    pytest.param(3, 4, 9, "CC", id="3 of 4 is exactly 75 %, not more than 75 -> CC"),
    pytest.param(4, 5, 0, "B", id="4 of 5 is 80 % -> B"),
    pytest.param(1, 4, 0, "D", id="1 of 4 is exactly 25 % -> D"),
    pytest.param(0, 3, 0, "E", id="nothing fulfilled -> E"),
])
def test_suggested_grade_from_how_much_is_fulfilled(terpenuhi, jumlah, tahun_sebelumnya, nilai):
    pita = saran_nilai(terpenuhi, jumlah, tahun_sebelumnya, PITA)
    assert pita is not None and pita.nilai == nilai


def test_nothing_to_count_suggests_nothing():
    assert saran_nilai(0, 0, 0, PITA) is None


def test_a_suggestion_band_must_be_a_grade_of_the_scale():
    with pytest.raises(ValueError, match=r"saran_nilai\[0\]\.nilai"):
        pita_saran_dari_data([{"nilai": "Y", "pemenuhan_minimal": 100}], set(SKALA))


def test_pita_saran_is_plain_data():
    assert PITA[0] == PitaSaran("AA", D(100), False, 5, "5 tahun")


@pytest.mark.parametrize("data, salah", [
    pytest.param({"1.a.1": {"bukti": ["renstra"], "saran": "renstra"}}, None,
                 id="a criterion shown the Renstra and suggested by it -> read"),
    pytest.param({"1.a.1": {"bukti": ["iku_smart"]}}, None,
                 id="evidence without a suggestion -> read, the evaluator alone grades"),
    pytest.param({"9.z.1": {"bukti": ["renstra"]}}, r"bukti_kriteria\.9\.z\.1",
                 id="a criterion not in the template -> refused at its place"),
    pytest.param({"1.a.1": {"bukti": ["piagam"]}}, r"bukti_kriteria\.1\.a\.1\.bukti",
                 id="an evidence kind Akuntabel does not hold -> refused"),
    pytest.param({"1.a.1": {"bukti": ["renstra"], "saran": "pk"}},
                 r"bukti_kriteria\.1\.a\.1\.saran",
                 id="a suggestion from evidence not shown -> refused"),
])
def test_the_evidence_map_is_read_from_the_template_data(data, salah):
    if salah is None:
        peta = peta_bukti_dari_data(data, {"1.a.1", "1.a.2"})
        assert peta["1.a.1"].bukti == tuple(data["1.a.1"]["bukti"])
    else:
        with pytest.raises(ValueError, match=salah):
            peta_bukti_dari_data(data, {"1.a.1", "1.a.2"})


def test_every_evidence_kind_says_what_it_counts():
    assert all(uraian.strip() for uraian in JENIS_BUKTI.values())


@pytest.mark.parametrize("jawaban, saran, pesan", [
    pytest.param("A", "E", "Nilai A (90 %) lebih tinggi dari nilai saran bukti Akuntabel E "
                           "(0 %).", id="answered above what the evidence suggests -> warning"),
    pytest.param("BB", "BB", None, id="answered as suggested -> nothing"),
    pytest.param("C", "BB", None, id="answered below the suggestion -> nothing (cautious)"),
    pytest.param("", "BB", None, id="not answered -> nothing"),
    pytest.param("A", None, None, id="no suggestion -> nothing"),
])
def test_an_answer_above_the_suggested_grade(jawaban, saran, pesan):
    assert di_atas_saran(jawaban, saran, SKALA) == pesan
