"""The 18-digit NIP of a civil servant (akuntabel.core.nip): its parts and what is wrong with
one, before a kepala signs a document above it."""

from datetime import date

import pytest

from akuntabel.core.nip import periksa_nip, urai_nip

HARI_INI = date(2024, 2, 29)


@pytest.mark.parametrize(
    ("nip", "kode"),
    [
        pytest.param("197001011990031001", [], id="a well-formed NIP -> no problem"),
        pytest.param("19700101 199003 1 001", [],
                     id="written with the usual spaces -> read as its 18 digits"),
        pytest.param("198504122010012002", [], id="a woman's NIP (sex digit 2) -> no problem"),
        pytest.param("1970010119900310011", ["panjang"],
                     id="19 digits (the demo's kepala as printed) -> wrong length"),
        pytest.param("19700101199003100", ["panjang"], id="17 digits -> wrong length"),
        pytest.param("19700101-199003-1-001", ["karakter"],
                     id="a character other than digits and spaces -> not a number"),
        pytest.param("197013011990031001", ["tanggal_lahir"],
                     id="birth month 13 -> no such birth date"),
        pytest.param("197002301990031001", ["tanggal_lahir"],
                     id="30 February -> no such birth date"),
        pytest.param("197001011990131001", ["tmt"], id="appointment month 13 -> implausible"),
        pytest.param("197001011985031001", ["tmt_umur"],
                     id="appointed at 15 -> before the age of 18"),
        pytest.param("197001011987121001", ["tmt_umur"],
                     id="appointed the month before turning 18 -> before the age of 18"),
        pytest.param("197001011988011001", [],
                     id="appointed in the month of turning 18 -> plausible"),
        pytest.param("197001012025011001", ["tmt_masa_depan"],
                     id="appointment after today -> implausible"),
        pytest.param("197001011990033001", ["jenis_kelamin"], id="sex digit 3 -> neither 1 nor 2"),
        pytest.param("197001011990031000", ["urut"], id="sequence 000 -> outside 001-999"),
        pytest.param("", ["kosong"], id="no NIP at all -> missing"),
    ],
)
def test_periksa_nip(nip, kode):
    assert [m.kode for m in periksa_nip(nip, HARI_INI)] == kode


def test_every_problem_names_the_part_in_indonesian():
    [masalah] = periksa_nip("1970010119900310011", HARI_INI)
    assert "19 digit" in masalah.pesan and "18 digit" in masalah.pesan


def test_the_parts_of_a_nip():
    bagian = urai_nip("19700101 199003 1 001")
    assert bagian is not None
    assert (bagian.tanggal_lahir, bagian.tmt, bagian.jenis_kelamin, bagian.urut) == (
        date(1970, 1, 1), (1990, 3), "1", 1)
    assert urai_nip("1970") is None
