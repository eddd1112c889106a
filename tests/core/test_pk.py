"""The cascade of the Perjanjian Kinerja (akuntabel.core.pk), PermenPAN-RB 53/2014."""

import pytest

from akuntabel.core.pk import (
    Masalah,
    Tingkat,
    cek_atasan,
    cek_baris,
    cek_tanda_tangan,
    tingkat_atasan,
)

K, E3, E4 = Tingkat.KEPALA, Tingkat.ESELON_III, Tingkat.ESELON_IV


@pytest.mark.parametrize(("tingkat", "atasan"), [
    pytest.param(K, None, id="the kepala's PK has no PK above inside the OPD"),
    pytest.param(E3, K, id="an eselon III PK is made with the kepala's"),
    pytest.param(E4, E3, id="an eselon IV PK is made with the eselon III's"),
])
def test_tingkat_atasan(tingkat, atasan):
    assert tingkat_atasan(tingkat) == atasan


@pytest.mark.parametrize(("tingkat", "tingkat_pk_atasan", "masalah"), [
    pytest.param(K, None, None, id="kepala under nothing -> accepted"),
    pytest.param(K, K, Masalah.KEPALA_BERATASAN, id="kepala under a PK -> refused"),
    pytest.param(E3, K, None, id="eselon III under the kepala -> accepted"),
    pytest.param(E3, None, Masalah.ATASAN_KOSONG, id="eselon III under nothing -> refused"),
    pytest.param(E3, E3, Masalah.ATASAN_SALAH, id="eselon III under an eselon III -> refused"),
    pytest.param(E4, E3, None, id="eselon IV under an eselon III -> accepted"),
    pytest.param(E4, K, Masalah.ATASAN_SALAH,
                 id="eselon IV directly under the kepala -> refused, a level skipped"),
])
def test_cek_atasan(tingkat, tingkat_pk_atasan, masalah):
    assert cek_atasan(tingkat, tingkat_pk_atasan) == masalah


@pytest.mark.parametrize(("tingkat", "node", "melayani", "melayani_atasan", "masalah"), [
    pytest.param(E3, "program", True, True, None,
                 id="eselon III, a program indicator serving a row above -> accepted"),
    pytest.param(E3, None, True, True, None,
                 id="eselon III, an indicator written for the PK serving a row -> accepted"),
    pytest.param(E3, "program", False, True, Masalah.TIDAK_MELAYANI,
                 id="eselon III, a row that serves nothing -> refused"),
    pytest.param(E3, None, False, True, Masalah.TIDAK_MELAYANI,
                 id="eselon III, a text indicator that serves nothing -> refused"),
    pytest.param(E3, "program", True, False, Masalah.MELAYANI_LAIN,
                 id="eselon III, serving a row of another PK -> refused"),
    pytest.param(E3, "kegiatan", True, True, Masalah.NODE_SALAH,
                 id="eselon III, a kegiatan indicator -> refused, that is eselon IV's"),
    pytest.param(E3, "sasaran", True, True, Masalah.NODE_SALAH,
                 id="eselon III, a sasaran indicator -> refused, that is the kepala's"),
    pytest.param(E4, "kegiatan", True, True, None,
                 id="eselon IV, a kegiatan indicator serving a row above -> accepted"),
    pytest.param(E4, "program", True, True, Masalah.NODE_SALAH,
                 id="eselon IV, a program indicator -> refused"),
    pytest.param(E4, "sub_kegiatan", True, True, Masalah.NODE_SALAH,
                 id="eselon IV, a sub kegiatan indicator -> refused, no PK below eselon IV"),
    pytest.param(K, "sasaran", False, True, None,
                 id="kepala, a sasaran indicator serving nothing -> accepted"),
])
def test_cek_baris(tingkat, node, melayani, melayani_atasan, masalah):
    assert cek_baris(tingkat, node, melayani, melayani_atasan) == masalah


@pytest.mark.parametrize(("tingkat", "atasan_ditandatangani", "masalah"), [
    pytest.param(K, None, None, id="the kepala's PK is signed first"),
    pytest.param(E3, True, None, id="eselon III after the kepala's is signed -> accepted"),
    pytest.param(E3, False, Masalah.ATASAN_BELUM,
                 id="eselon III before the kepala's is signed -> refused"),
    pytest.param(E3, None, Masalah.ATASAN_BELUM, id="eselon III without a PK above -> refused"),
    pytest.param(E4, False, Masalah.ATASAN_BELUM,
                 id="eselon IV before the eselon III's is signed -> refused"),
])
def test_cek_tanda_tangan(tingkat, atasan_ditandatangani, masalah):
    assert cek_tanda_tangan(tingkat, atasan_ditandatangani) == masalah
