"""The SMART checks of an indicator that data can decide (LKE 1.b.5 and 2.a.2, PermenPAN-RB
88/2021): a unit, a definition or formula, a baseline, a target in every year of the period, a
polarity the targets follow."""

from __future__ import annotations

from decimal import Decimal

import pytest

from akuntabel.core.smart import IndikatorSmart, periksa_smart

D = Decimal
LENGKAP = dict(satuan="%", definisi_operasional="Persentase keluarga miskin yang dilayani",
               formula="Keluarga dilayani / keluarga miskin × 100", kondisi_awal=D(60),
               kondisi_awal_teks="60", polaritas="naik", tahun_awal=2021, tahun_akhir=2023,
               target={2021: D(65), 2022: D(70), 2023: D(75)})


def _ind(**ubah) -> IndikatorSmart:
    return IndikatorSmart(**{**LENGKAP, **ubah})


@pytest.mark.parametrize("ubah, gagal", [
    pytest.param({}, [], id="every field filled, targets rising with a rising polarity -> passes"),
    pytest.param({"satuan": " "}, ["satuan"], id="no unit -> the unit check fails"),
    pytest.param({"definisi_operasional": "", "formula": ""}, ["definisi"],
                 id="neither a definition nor a formula -> the definition check fails"),
    pytest.param({"definisi_operasional": ""}, [],
                 id="a formula without a definition -> still says how it is measured"),
    pytest.param({"kondisi_awal": None, "kondisi_awal_teks": ""}, ["kondisi-awal"],
                 id="no baseline -> the baseline check fails"),
    pytest.param({"kondisi_awal": None, "kondisi_awal_teks": "Ada"}, [],
                 id="a baseline printed as text -> a baseline is there"),
    pytest.param({"target": {2021: D(65), 2023: D(75)}}, ["target-tahunan"],
                 id="a year of the period without a target -> the yearly target check fails"),
    pytest.param({"target": {2021: D(75), 2022: D(70), 2023: D(65)}}, ["polaritas"],
                 id="higher is better but the targets fall -> the polarity check fails"),
    pytest.param({"polaritas": "turun", "kondisi_awal": D(10),
                  "target": {2021: D(9), 2022: D(8), 2023: D(8)}}, [],
                 id="lower is better and the targets fall or hold -> passes"),
    pytest.param({"polaritas": "turun", "kondisi_awal": D(10),
                  "target": {2021: D(9), 2022: D(11), 2023: D(8)}}, ["polaritas"],
                 id="lower is better but a target rises -> the polarity check fails"),
    pytest.param({"kondisi_awal": D(80)}, ["polaritas"],
                 id="higher is better but the first target is below the baseline -> fails"),
    pytest.param({"polaritas": "rentang"}, [],
                 id="a range polarity -> no direction to follow"),
    pytest.param({"polaritas": "kualitatif", "satuan": "", "kondisi_awal": None,
                  "target": {2021: None, 2022: None, 2023: None}}, [],
                 id="a qualitative indicator -> needs no unit, its targets are words"),
    pytest.param({"polaritas": ""}, ["polaritas"], id="no polarity -> the polarity check fails"),
])
def test_smart_checks(ubah, gagal):
    hasil = periksa_smart(_ind(**ubah))
    assert [c.kode for c in hasil.pemeriksaan if not c.lulus] == gagal
    assert hasil.memenuhi == (gagal == [])


def test_the_failures_say_what_is_missing_in_indonesian():
    hasil = periksa_smart(_ind(satuan="", target={2021: D(65)}))
    pesan = {c.kode: c.pesan for c in hasil.pemeriksaan if not c.lulus}
    assert pesan["satuan"] == "Satuan belum diisi."
    assert pesan["target-tahunan"] == "Target tahun 2022, 2023 belum ada."
    assert [c.kode for c in hasil.pemeriksaan] == [
        "satuan", "definisi", "kondisi-awal", "target-tahunan", "polaritas"]


def test_a_target_given_only_as_text_counts_as_a_target():
    # A target printed as words (None as a number) is still a target of that year.
    hasil = periksa_smart(_ind(target={2021: D(65), 2022: None, 2023: D(75)}))
    assert hasil.memenuhi
