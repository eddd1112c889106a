"""The search a planner types into: a code prefix or words of the name, ranked exact code,
then code prefix, then name; and the lookup of one code."""

import pytest

from akuntabel.references.services import cari_nomenklatur, nomenklatur
from tests.references.helpers import make_kode, make_sosial

pytestmark = pytest.mark.django_db

CASES = [
    pytest.param("1.06.04", {}, ["1.06.04", "1.06.04.2.01", "1.06.04.2.01.0001",
                                 "1.06.04.2.01.0002"],
                 id="an exact code comes first, then the codes under it in code order"),
    pytest.param("1.06.04.2.01.000", {}, ["1.06.04.2.01.0001", "1.06.04.2.01.0002"],
                 id="a code prefix lists every code starting with it"),
    pytest.param("1.06.", {}, ["1.06.02", "1.06.04", "1.06.04.2.01", "1.06.04.2.01.0001",
                               "1.06.04.2.01.0002"],
                 id="a prefix ending in a dot lists the codes under it, not the code itself"),
    pytest.param("2", {}, ["2", "2.01", "1.07.01.2.01.0001"],
                 id="a number: the exact code, then the codes under it, then names holding it"),
    pytest.param("1", {"tingkat": "urusan"}, ["1"],
                 id="a level keeps only the codes of that level"),
    pytest.param("sandang PENYEDIAAN", {}, ["1.06.04.2.01.0002"],
                 id="words of the name in any order and any case"),
    pytest.param("penyediaan", {}, ["1.06.04.2.01.0001", "1.06.04.2.01.0002"],
                 id="names are listed in code order"),
    pytest.param("penyediaan rehabilitasi", {}, [],
                 id="every word must be in the name"),
    pytest.param("kabupaten kota penunjang", {}, ["X.XX.01"],
                 id="punctuation in the name is ignored"),
    pytest.param("perma", {}, ["1.06.04.2.01.0001"],
                 id="a word may be part of a longer word"),
    pytest.param("x.xx.01.2", {}, ["X.XX.01.2.01", "X.XX.01.2.01.0001"],
                 id="the generic support programme is found by its own code, in any case"),
    pytest.param("1.06.01.2.01", {}, ["1.06.01.2.01", "1.06.01.2.01.0001"],
                 id="a bidang's support programme is found and written under the bidang"),
    pytest.param("", {"induk": "1.06.04.2.01"}, ["1.06.04.2.01.0001", "1.06.04.2.01.0002"],
                 id="no words under a parent: the parent's codes in code order"),
    pytest.param("", {"induk": "1.06.01", "tingkat": "kegiatan"}, ["1.06.01.2.01"],
                 id="the kegiatan of a bidang's support programme, under the bidang's code"),
    pytest.param("sandang", {"induk": "2.01"}, [],
                 id="a parent keeps out the codes of another bidang"),
    pytest.param("9.99", {}, [], id="a code not in the list finds nothing"),
    pytest.param("   ", {"batas": 2}, ["1", "1.06"], id="the limit is kept"),
]


@pytest.mark.parametrize(("q", "opsi", "expected"), CASES)
def test_search_ranking(q, opsi, expected):
    edisi = make_sosial()
    assert [r.kode for r in cari_nomenklatur(edisi, q, **opsi)] == expected


def test_a_result_carries_what_the_planner_starts_from():
    edisi = make_sosial()
    [hit] = cari_nomenklatur(edisi, "permakanan")
    assert (hit.kode, hit.tingkat, hit.nama) == ("1.06.04.2.01.0001", "sub_kegiatan",
                                                 "Penyediaan Permakanan")
    assert (hit.kinerja, hit.indikator, hit.satuan) == (
        "Kinerja Penyediaan Permakanan", "Jumlah Penyediaan Permakanan", "Dokumen")


def test_another_editions_codes_are_not_found():
    edisi = make_sosial()
    lain = make_sosial("lain")
    make_kode(lain, "1.06.04.2.01.0003", "sub_kegiatan", "Penyediaan Alat Bantu")
    assert cari_nomenklatur(edisi, "alat bantu") == []
    assert [r.kode for r in cari_nomenklatur(lain, "alat bantu")] == ["1.06.04.2.01.0003"]


LOOKUP = [
    pytest.param("1.06.04.2.01.0002", ("1.06.04.2.01.0002", "Penyediaan Sandang"),
                 id="a code of the list is found"),
    pytest.param(" 1.06.04 ", ("1.06.04", "PROGRAM REHABILITASI SOSIAL"),
                 id="spaces around a pasted code are ignored"),
    pytest.param("1.06.01.2.01.0001",
                 ("1.06.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
                 id="a bidang's support programme code is the list's X.XX code"),
    pytest.param("1.06.04.2.01.0009", None, id="a code not in the list is None, never guessed"),
    pytest.param("1.06.02.2.01.0001", None,
                 id="only programme 01 is the generic support programme"),
]


@pytest.mark.parametrize(("kode", "expected"), LOOKUP)
def test_lookup(kode, expected):
    hit = nomenklatur(make_sosial(), kode)
    assert (hit and (hit.kode, hit.nama)) == expected


def test_the_lookup_names_the_lists_own_code():
    hit = nomenklatur(make_sosial(), "1.06.01.2.01.0001")
    assert hit.kode_daftar == "X.XX.01.2.01.0001"


def make_crosswalk():
    """Two numberings of one sub kegiatan, as the 900 <-> SIPD 2027 crosswalk has 111 of."""
    from akuntabel.references.models import PadananKode

    utama = make_sosial("utama")
    sipd = make_sosial("sipd")
    make_kode(sipd, "1.06.04.2.01.0008", "sub_kegiatan", "Penyediaan Alat Bantu")
    make_kode(utama, "1.06.04.2.01.0003", "sub_kegiatan", "Penyediaan Alat Bantu")
    PadananKode.objects.create(edisi_asal=utama, edisi_tujuan=sipd, status="kode_berbeda",
                               kode_asal="1.06.04.2.01.0003", kode_tujuan="1.06.04.2.01.0008")
    PadananKode.objects.create(edisi_asal=utama, edisi_tujuan=sipd, status="hanya_asal",
                               kode_asal="1.06.04.2.01.0002")
    return utama, sipd


CROSSWALK = [
    pytest.param("utama", "1.06.04.2.01.0008", "1.06.04.2.01.0003",
                 id="a code of the other numbering is found as this edition's code"),
    pytest.param("sipd", "1.06.04.2.01.0003", "1.06.04.2.01.0008",
                 id="and the other way round"),
    pytest.param("utama", "1.06.04.2.01.0001", "1.06.04.2.01.0001",
                 id="a code of this edition is its own, never crosswalked"),
    pytest.param("sipd", "1.06.04.2.01.0007", None,
                 id="a code in neither numbering is not found"),
]


@pytest.mark.parametrize(("edisi", "kode", "kode_daftar"), CROSSWALK)
def test_lookup_through_the_crosswalk(edisi, kode, kode_daftar):
    utama, sipd = make_crosswalk()
    hit = nomenklatur(utama if edisi == "utama" else sipd, kode)
    assert (hit and hit.kode_daftar) == kode_daftar
    assert hit is None or hit.kode == kode


def test_a_name_changed_one_by_one_is_found_by_its_new_words():
    edisi = make_sosial()
    kode = edisi.nomenklatur.get(kode="1.06.04.2.01.0002")
    kode.nama = "Penyediaan Pakaian Layak"
    kode.save()
    assert [r.kode for r in cari_nomenklatur(edisi, "pakaian layak")] == ["1.06.04.2.01.0002"]


def test_an_account_code_is_looked_up_in_the_default_account_edition():
    from akuntabel.references.models import KodeRekening
    from akuntabel.references.services import edisi_rekening, rekening
    from tests.references.helpers import make_edisi

    assert edisi_rekening() is None
    lama = make_edisi("rek-lama", daftar="rekening", jenis="semua")
    bawaan = make_edisi("rek-bawaan", daftar="rekening", jenis="semua", bawaan=True)
    make_sosial()  # a nomenclature edition is never an account edition
    KodeRekening.objects.create(edisi=lama, kode="5.1.02", tingkat=3, uraian="Lama")
    KodeRekening.objects.create(edisi=bawaan, kode="5.1.02", tingkat=3,
                                uraian="Belanja Barang dan Jasa")
    assert edisi_rekening() == bawaan
    assert rekening(bawaan, " 5.1.02 ").uraian == "Belanja Barang dan Jasa"
    assert rekening(bawaan, "5.1.03") is None
