"""Reviu rules on the LKjIP as Akuntabel prints it (akuntabel.core.reviu.lkjip): what LKE
criterion 3.b asks a report to show (PermenPAN-RB 88/2021), narrative that contradicts the
figures, a missed target without its faktor penghambat, quarters not verified.

Every case starts from the consistent dataset (``clean``) and breaks one thing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from akuntabel.core.reviu import Indikator
from tests.core.reviu.builders import TAHUN, clean, findings, nilai, with_narasi, without_narasi


def _with_indikator(data, **ubah):
    """``data`` with the IKU changed."""
    return replace(data, indikator=tuple(replace(i, **ubah) if i.kunci == "indikator:IKU-1"
                                         else i for i in data.indikator))


def _miss(data):
    """The IKU at 80 / 91,5 = 87,43 %: missed, but not in a low band."""
    return _with_indikator(data, realisasi={TAHUN: nilai("80%"), TAHUN - 1: nilai("85%")},
                           realisasi_dihitung={})


# --- STR-005: what LKE 3.b asks the report to show ------------------------------------------

@pytest.mark.parametrize("ubah, kunci", [
    pytest.param(lambda d: without_narasi(d, "perbandingan_renstra"),
                 "narasi:perbandingan_renstra",
                 id="no comparison with the Renstra target -> LKE 3.b.4 finding"),
    pytest.param(lambda d: with_narasi(d, "perbandingan_tahun_lalu", " "),
                 "narasi:perbandingan_tahun_lalu",
                 id="an empty comparison with last year -> LKE 3.b.5 finding"),
    pytest.param(lambda d: with_narasi(d, "realisasi_kinerja", "Realisasi kinerja program."),
                 "lke:benchmark", id="no comparison with a national or provincial figure -> "
                                     "LKE 3.b.6 finding"),
    pytest.param(lambda d: without_narasi(d, "analisis_efisiensi"), "narasi:analisis_efisiensi",
                 id="no efficiency analysis -> LKE 3.b.8 finding"),
    pytest.param(lambda d: with_narasi(d, "penutup", "Demikian laporan ini."), "narasi:penutup",
                 id="a Penutup without recommendations -> LKE 3.b.9 finding"),
    pytest.param(lambda d: _with_indikator(d, target={"pk": {TAHUN: nilai("91,5%")}}),
                 "indikator:IKU-1",
                 id="an IKU without a Renstra target for the period's last year -> finding"),
])
def test_what_lke_3b_asks_is_missing(ubah, kunci):
    hasil = findings(ubah(clean()), "STR-005")
    assert [f.lokasi.kunci for f in hasil] == [kunci]
    assert "LKE 3.b" in hasil[0].pesan


def test_a_missing_penutup_is_left_to_str_001():
    assert findings(without_narasi(clean(), "penutup"), "STR-005") == []


# --- STR-006: a missed target without its faktor penghambat ---------------------------------

def test_a_missed_target_not_named_in_the_analysis_is_found():
    [f] = findings(_miss(clean()), "STR-006")
    assert f.lokasi.kunci == "indikator:IKU-1"
    assert "87,43%" in f.pesan and "faktor penghambat" in f.pesan


def test_a_missed_target_named_in_the_analysis_passes():
    data = with_narasi(_miss(clean()), "analisis_penyebab",
                       "Persentase PPKS yang tertangani belum mencapai target karena data "
                       "terpadu terlambat dimutakhirkan.")
    assert findings(data, "STR-006") == []


def test_a_low_capaian_is_left_to_str_003():
    data = _with_indikator(clean(), realisasi={TAHUN: nilai("40%")}, realisasi_dihitung={})
    assert findings(data, "STR-006") == []


# --- STR-007: quarters not verified ---------------------------------------------------------

@pytest.mark.parametrize("status, harapan", [
    pytest.param(None, [], id="quarters unknown (an imported report) -> not judged"),
    pytest.param({1: "diverifikasi", 2: "diverifikasi", 3: "diverifikasi", 4: "diverifikasi"},
                 [], id="all four verified -> passes"),
    pytest.param({1: "diverifikasi", 2: "diverifikasi", 3: "diajukan", 4: "draft"},
                 ["TW III (diajukan), TW IV (draft)"], id="two not verified -> one finding"),
])
def test_quarters_not_verified(status, harapan):
    hasil = findings(replace(clean(), triwulan_status=status), "STR-007")
    assert [f.ditemukan for f in hasil] == harapan


# --- NAR-008: called tercapai below 100 % ---------------------------------------------------

@pytest.mark.parametrize("teks, temuan", [
    pytest.param("Indikator Persentase PPKS yang tertangani telah tercapai dengan baik.", True,
                 id="called tercapai at 87,43% -> finding"),
    pytest.param("Sasaran S1 berhasil dicapai pada tahun ini.", True,
                 id="its sasaran called achieved -> finding"),
    pytest.param("Persentase PPKS yang tertangani belum tercapai.", False,
                 id="said not yet achieved -> passes"),
    pytest.param("Indikator lain telah tercapai.", False,
                 id="another indicator called achieved -> passes"),
])
def test_called_achieved_below_100(teks, temuan):
    data = with_narasi(_miss(clean()), "capaian_kinerja_organisasi", teks)
    hasil = findings(data, "NAR-008")
    assert bool(hasil) == temuan
    if temuan:
        assert hasil[0].ditemukan == "Persentase PPKS yang tertangani: 87,43%"


def test_called_achieved_twice_in_a_section_is_one_finding():
    teks = ("Persentase PPKS yang tertangani tercapai. Sekali lagi, Persentase PPKS yang "
            "tertangani tercapai.")
    data = with_narasi(_miss(clean()), "capaian_kinerja_organisasi", teks)
    assert len(findings(data, "NAR-008")) == 1


def test_called_achieved_at_or_above_100_passes():
    data = with_narasi(clean(), "capaian_kinerja_organisasi",
                       "Indikator Persentase PPKS yang tertangani telah tercapai.")
    assert findings(data, "NAR-008") == []


# --- NAR-009: a trend against the data ------------------------------------------------------

@pytest.mark.parametrize("teks, temuan", [
    pytest.param(f"Persentase PPKS yang tertangani meningkat dibanding tahun {TAHUN - 1}.", True,
                 id="said to rise while it fell from 85% to 80% -> finding"),
    pytest.param("Persentase PPKS yang tertangani menurun dibanding tahun lalu.", False,
                 id="said to fall, and it fell -> passes"),
    pytest.param("Persentase PPKS yang tertangani meningkat.", False,
                 id="no year compared -> not judged"),
])
def test_trend_against_the_data(teks, temuan):
    data = with_narasi(_miss(clean()), "perbandingan_tahun_lalu", teks)
    assert bool(findings(data, "NAR-009")) == temuan


def test_the_indikator_type_is_the_reviu_one():
    assert isinstance(clean().indikator[0], Indikator)


# --- STR-008: plausibility warnings left without a note -------------------------------------

@pytest.mark.parametrize("jumlah, harapan", [
    pytest.param(None, [], id="unknown (an imported report) -> not judged"),
    pytest.param({1: 0, 2: 0}, [], id="every warned value has its note -> passes"),
    pytest.param({1: 2, 3: 1}, ["TW I: 2 nilai", "TW III: 1 nilai"],
                 id="warned values without a note in two quarters -> one finding each"),
])
def test_plausibility_warnings_without_a_note(jumlah, harapan):
    hasil = findings(replace(clean(), kewajaran_tanpa_catatan=jumlah), "STR-008")
    assert [f.ditemukan for f in hasil] == harapan
