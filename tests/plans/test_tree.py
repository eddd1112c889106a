"""The program tree's write service (plans.tree): programs, kegiatan and sub kegiatan added by
their official code (name and indicator from the code list), changed, moved and removed; a
code not in the list, a wrong hierarchy or a duplicate refused at the field with nothing
written; every change in the history with its user and reason."""

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.plans import tree
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    PerjanjianKinerjaBaris,
    PerjanjianKinerjaProgram,
    Program,
    Renstra,
    RenstraAnggaran,
    SubKegiatan,
)
from akuntabel.references.models import EdisiReferensi, KodeNomenklatur
from akuntabel.references.services import normalisasi
from tests.builders import (
    make_opd,
    make_pemda,
    make_renstra,
    make_sasaran,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db

DAFTAR = [
    ("X.XX.01", "program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
     "", "", ""),
    ("X.XX.01.2.01", "kegiatan",
     "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "", "", ""),
    ("X.XX.01.2.01.0001", "sub_kegiatan", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Tersusunnya Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan Perangkat Daerah", "Dokumen"),
    ("1.06.02", "program", "PROGRAM PEMBERDAYAAN SOSIAL", "", "", ""),
    ("1.06.02.2.01", "kegiatan",
     "Pemberdayaan Sosial Komunitas Adat Terpencil (KAT)", "", "", ""),
    ("1.06.02.2.01.0001", "sub_kegiatan",
     "Pemberdayaan Sosial Komunitas Adat Terpencil (KAT)",
     "Komunitas Adat Terpencil yang Diberdayakan",
     "Jumlah Komunitas Adat Terpencil yang Diberdayakan", "Komunitas"),
]


def make_edisi(rows=DAFTAR, **overrides):
    """An edition of the code list holding ``rows`` (the part of it a test uses)."""
    edisi = EdisiReferensi.objects.create(**{
        "kode": f"uji-{EdisiReferensi.objects.count() + 1}", "nama": "Daftar uji",
        "daftar": "nomenklatur", "jenis": "kabkota", "dasar_hukum": "Kepmendagri uji",
        "berlaku_mulai": date(2024, 1, 1), **overrides})
    KodeNomenklatur.objects.bulk_create(
        KodeNomenklatur(edisi=edisi, kode=kode, tingkat=tingkat, nama=nama, kinerja=kinerja,
                        indikator=indikator, satuan=satuan, cari=normalisasi(nama))
        for kode, tingkat, nama, kinerja, indikator, satuan in rows)
    return edisi


@pytest.fixture
def edisi(db):
    return make_edisi()


@pytest.fixture
def renstra(edisi):
    opd = make_opd(nama="Dinas Sosial", pemda=make_pemda(edisi_referensi=edisi))
    return make_renstra(opd, tahun_awal=2025, tahun_akhir=2029)


@pytest.fixture
def sasaran(renstra):
    return make_sasaran(make_tujuan(renstra))


@pytest.fixture
def user():
    return make_user(first_name="Sri", last_name="Wahyuni")


def how(user, alasan=""):
    return {"user": user, "alasan": alasan}


def count():
    return (Program.objects.count(), Kegiatan.objects.count(), SubKegiatan.objects.count(),
            Indikator.objects.count(), Perubahan.objects.count())


def refused(call, field, *words):
    before = count()
    with pytest.raises(tree.NodeRefused) as info:
        call()
    assert info.value.field == field
    for word in words:
        assert word in info.value.pesan, info.value.pesan
    assert count() == before
    return info.value


def test_a_program_added_by_code_takes_its_official_name_and_sasaran(renstra, sasaran, user,
                                                                      edisi):
    Renstra.objects.filter(pk=renstra.pk).update(edisi_referensi=None)  # made before any list
    renstra.refresh_from_db()
    program = tree.tambah_program(renstra, " 1.06.02 ", sasaran=sasaran, **how(user, "Renstra"))
    renstra.refresh_from_db()
    assert renstra.edisi_referensi == edisi  # the plan keeps the edition it was made with
    assert (program.kode, program.nama, program.sasaran) == (
        "1.06.02", "PROGRAM PEMBERDAYAAN SOSIAL", sasaran)
    assert program.nama_tercetak == []
    change = Perubahan.objects.get(model="Program", objek_id=program.pk)
    assert (change.kolom, change.baru, change.alasan, change.oleh, change.perangkat_daerah) == (
        "kode", "1.06.02", "Renstra", user, renstra.perangkat_daerah)


def test_the_support_programme_is_added_under_the_opd_s_own_bidang(renstra, user):
    program = tree.tambah_program(renstra, "1.06.01", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "X.XX.01.2.01", **how(user))
    sub = tree.tambah_sub_kegiatan(kegiatan, "1.06.01.2.01.0001", **how(user))
    assert program.nama == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert kegiatan.kode == "1.06.01.2.01"  # the generic code written with the bidang
    assert (sub.kode, sub.nama) == ("1.06.01.2.01.0001",
                                    "Penyusunan Dokumen Perencanaan Perangkat Daerah")


def test_the_generic_support_code_takes_the_bidang_of_the_renstra_s_programs(renstra, user):
    tree.tambah_program(renstra, "1.06.02", **how(user))
    assert tree.tambah_program(renstra, "X.XX.01", **how(user)).kode == "1.06.01"


def test_the_generic_support_code_without_a_bidang_to_take_is_refused(renstra, user):
    refused(lambda: tree.tambah_program(renstra, "X.XX.01", **how(user)), "kode", "bidang")


def test_the_support_programme_under_a_bidang_of_no_list_is_refused(renstra, user):
    refused(lambda: tree.tambah_program(renstra, "9.99.01", **how(user)), "kode", "9.99.01")


def test_a_printed_name_that_differs_is_kept_beside_the_official_one(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", nama_tercetak="Program Pemberdayaan Sosial",
                                  **how(user))
    assert program.nama_tercetak == []  # the same words in another case
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01",
                                    nama_tercetak="Pemberdayaan KAT", **how(user))
    assert kegiatan.nama == "Pemberdayaan Sosial Komunitas Adat Terpencil (KAT)"
    assert kegiatan.nama_tercetak == ["Pemberdayaan KAT"]


@pytest.mark.parametrize(("kode", "words"), [
    pytest.param("1.06.99", ["1.06.99", "tidak ada"], id="a code not in the list"),
    pytest.param("1.06.02.2.01", ["kegiatan", "program"], id="a kegiatan code for a program"),
    pytest.param("1.06.2", ["bukan kode program", "1.06.02"], id="a code of the wrong form"),
    pytest.param("lansia", ["Tidak ada program", "lansia"], id="a name of no program"),
    pytest.param("", ["wajib"], id="an empty code"),
])
def test_a_program_code_not_in_the_list_is_refused_at_the_field(renstra, user, kode, words):
    refused(lambda: tree.tambah_program(renstra, kode, **how(user)), "kode", *words)


def test_a_kegiatan_of_another_program_is_refused(renstra, user):
    program = tree.tambah_program(renstra, "1.06.01", **how(user))
    refused(lambda: tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user)), "kode",
            "1.06.02.2.01", "1.06.01")


def test_a_sub_kegiatan_of_another_kegiatan_is_refused(renstra, user):
    program = tree.tambah_program(renstra, "1.06.01", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "1.06.01.2.01", **how(user))
    refused(lambda: tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", **how(user)),
            "kode", "1.06.01.2.01")


def test_a_sub_kegiatan_code_not_in_the_list_is_refused(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user))
    refused(lambda: tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0009", **how(user)),
            "kode", "tidak ada")


def test_a_duplicate_is_refused(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user))
    tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", **how(user))
    refused(lambda: tree.tambah_program(renstra, "1.06.02", **how(user)), "kode", "sudah ada")
    refused(lambda: tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user)), "kode",
            "sudah ada")
    refused(lambda: tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", **how(user)),
            "kode", "sudah ada")


def test_a_sasaran_of_another_renstra_is_refused(renstra, user):
    other = make_sasaran()
    refused(lambda: tree.tambah_program(renstra, "1.06.02", sasaran=other, **how(user)),
            "sasaran")


def test_the_list_s_indicator_is_offered_as_a_starting_point(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user))
    sub = tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", dengan_indikator=True,
                                   **how(user))
    indikator = Indikator.objects.get(sub_kegiatan=sub)
    assert (indikator.uraian, indikator.satuan, indikator.perangkat_daerah) == (
        "Jumlah Komunitas Adat Terpencil yang Diberdayakan", "Komunitas",
        renstra.perangkat_daerah)
    assert Perubahan.objects.filter(model="Indikator", objek_id=indikator.pk).exists()
    assert tree.referensi_node(sub).kinerja == "Komunitas Adat Terpencil yang Diberdayakan"


def test_a_program_moves_under_another_sasaran_of_its_renstra(renstra, sasaran, user):
    program = tree.tambah_program(renstra, "1.06.02", sasaran=sasaran, **how(user))
    other = make_sasaran(sasaran.tujuan, uraian="Sasaran kedua")
    tree.pindah_program(program, other, **how(user, "Cascading baru"))
    program.refresh_from_db()
    assert program.sasaran == other
    assert Perubahan.objects.filter(model="Program", objek_id=program.pk, kolom="sasaran",
                                    alasan="Cascading baru").exists()
    refused(lambda: tree.pindah_program(program, make_sasaran(), **how(user, "x")), "sasaran")


def test_a_change_of_the_printed_name_is_recorded(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    tree.ubah_node(program, nama_tercetak="Prog. Pemberdayaan", catatan="cetak DPA",
                   **how(user, "Sesuai DPA"))
    program.refresh_from_db()
    assert program.nama_tercetak == ["Prog. Pemberdayaan"] and program.catatan == "cetak DPA"
    assert Perubahan.objects.filter(model="Program", objek_id=program.pk,
                                    kolom="nama_tercetak", alasan="Sesuai DPA").exists()


def test_a_node_without_budget_rows_is_removed_with_its_children_and_recorded(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user))
    tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", **how(user))
    refused(lambda: tree.hapus_node(program, **how(user)), "alasan", "alasan")
    pk = program.pk
    tree.hapus_node(program, **how(user, "Salah pilih"))
    assert not Program.objects.filter(pk=pk).exists()
    assert not SubKegiatan.objects.filter(kegiatan__program_id=pk).exists()
    change = Perubahan.objects.get(model="Program", objek_id=pk, kolom="dihapus")
    assert change.alasan == "Salah pilih" and "1.06.02" in change.lama


@pytest.mark.parametrize("level", ["program", "kegiatan", "sub_kegiatan"])
def test_a_node_with_dpa_rows_is_not_removed(renstra, user, level):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user))
    sub = tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", **how(user))
    dpa = Dpa.objects.create(perangkat_daerah=renstra.perangkat_daerah, tahun=2025)
    DpaSubKegiatan.objects.create(dpa=dpa, sub_kegiatan=sub, pagu=Decimal(1000))
    node = {"program": program, "kegiatan": kegiatan, "sub_kegiatan": sub}[level]
    refused(lambda: tree.hapus_node(node, **how(user, "Salah pilih")), "kode", "DPA", "2025")


@pytest.mark.parametrize(("teks", "words"), [
    pytest.param("-5", ["negatif"], id="a negative amount"),
    pytest.param(Decimal(10) ** 16, ["terlalu besar"], id="an amount beyond the bounds"),
    pytest.param(Decimal("1.234"), ["belakang koma"], id="more decimals than sen"),
])
def test_an_indicative_funding_out_of_bounds_is_refused(renstra, user, teks, words):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    with pytest.raises(tree.NodeRefused) as info:
        tree.tulis_pagu_indikatif(program, 2026, Decimal(teks), **how(user))
    assert info.value.field == "pagu_2026" and all(w in info.value.pesan for w in words)
    assert not RenstraAnggaran.objects.filter(program=program).exists()


def test_an_indicative_funding_outside_the_renstra_years_is_refused(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    with pytest.raises(tree.NodeRefused) as info:
        tree.tulis_pagu_indikatif(program, 2031, Decimal(1), **how(user))
    assert "2025" in info.value.pesan and "2029" in info.value.pesan


def test_the_indicative_funding_is_written_changed_and_recorded(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    tree.tulis_pagu_indikatif(program, 2026, Decimal("1500000.50"), **how(user))
    tree.tulis_pagu_indikatif(program, 2026, Decimal("2000000"), **how(user, "Revisi"))
    row = RenstraAnggaran.objects.get(program=program, tahun=2026)
    assert row.target == Decimal("2000000")
    assert list(Perubahan.objects.filter(model="RenstraAnggaran", objek_id=row.pk)
                .order_by("id").values_list("lama", "baru", "alasan")) == [
        ("", "1500000.5", ""), ("1500000.5", "2000000", "Revisi")]


def test_the_renstra_s_own_edition_is_read_not_the_pemda_s_newer_one(renstra, user):
    renstra.edisi_referensi = make_edisi(rows=DAFTAR[:3])  # an older list: no 1.06.02
    renstra.save()
    refused(lambda: tree.tambah_program(renstra, "1.06.02", **how(user)), "kode", "tidak ada")


def test_without_any_code_list_loaded_a_code_is_refused_with_what_to_do(user):
    renstra = make_renstra(make_opd(pemda=make_pemda(jenis="provinsi")))
    EdisiReferensi.objects.filter(jenis="provinsi").delete()
    refused(lambda: tree.tambah_program(renstra, "1.06.02", **how(user)), "kode",
            "akuntabel referensi")


def test_a_program_is_added_by_its_name_or_by_the_picker_s_code_and_name(renstra, user):
    assert tree.tambah_program(renstra, "program pemberdayaan sosial", **how(user)).kode == \
        "1.06.02"
    kegiatan = tree.tambah_kegiatan(Program.objects.get(kode="1.06.02", renstra=renstra),
                                    "1.06.02.2.01 Pemberdayaan Sosial KAT", **how(user))
    assert kegiatan.kode == "1.06.02.2.01"
    sub = tree.tambah_sub_kegiatan(kegiatan, "komunitas adat terpencil", **how(user))
    assert sub.kode == "1.06.02.2.01.0001"


def test_a_name_under_the_support_programme_is_read_with_the_opd_s_bidang(renstra, user):
    program = tree.tambah_program(renstra, "1.06.01", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "Perencanaan, Penganggaran, dan Evaluasi Kinerja "
                                             "Perangkat Daerah", **how(user))
    assert kegiatan.kode == "1.06.01.2.01"


def test_a_name_that_several_entries_bear_is_refused_with_their_codes(renstra, user):
    error = refused(lambda: tree.tambah_program(renstra, "program", **how(user)), "kode",
                    "beberapa program", "X.XX.01", "1.06.02")
    assert "Tulis kodenya" in error.pesan


def test_a_node_in_a_performance_agreement_is_not_removed(renstra, sasaran, user):
    program = tree.tambah_program(renstra, "1.06.02", sasaran=sasaran, **how(user))
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user))
    sub = tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", dengan_indikator=True,
                                   **how(user))
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=renstra.perangkat_daerah, tahun=2026)
    PerjanjianKinerjaBaris.objects.create(perjanjian_kinerja=pk, sasaran=sasaran,
                                          indikator=sub.indikator.get())
    refused(lambda: tree.hapus_node(kegiatan, **how(user, "x")), "kode",
            "Perjanjian Kinerja tahun 2026")
    PerjanjianKinerjaBaris.objects.all().delete()
    PerjanjianKinerjaProgram.objects.create(perjanjian_kinerja=pk, program=program)
    refused(lambda: tree.hapus_node(program, **how(user, "x")), "kode",
            "Perjanjian Kinerja tahun 2026")
    tree.hapus_node(kegiatan, **how(user, "x"))  # the kegiatan is not in the PK's program list


def test_several_printed_names_are_kept_apart(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    tree.ubah_node(program, nama_tercetak="Prog. A; Program Pemberdayaan Sosial; Prog. B",
                   **how(user, "x"))
    program.refresh_from_db()
    assert program.nama_tercetak == ["Prog. A", "Prog. B"]



@pytest.mark.parametrize("field", ["nama_tercetak", "alasan", "kode"])
def test_a_text_with_a_control_character_is_refused_at_its_field(renstra, user, field):
    values = {"kode": "1.06.02", "nama_tercetak": "Program", "alasan": "Renstra"}
    values[field] += "\x07"
    refused(lambda: tree.tambah_program(renstra, values.pop("kode"), user=user, **values),
            field, "U+0007")


@pytest.mark.parametrize(("change", "field"), [
    pytest.param(lambda p, how: tree.ubah_node(p, catatan="x\x00", **how("ok")), "catatan",
                 id="a note"),
    pytest.param(lambda p, how: tree.hapus_node(p, **how("salah\x1f")), "alasan",
                 id="the reason of a removal"),
    pytest.param(lambda p, how: tree.pindah_program(p, None, **how("\x7f")), "alasan",
                 id="the reason of a move"),
    pytest.param(lambda p, how: tree.tulis_pagu_indikatif(p, 2026, Decimal(1), **how("\x08")),
                 "alasan", id="the reason of a funding"),
])
def test_a_control_character_is_refused_on_every_change(renstra, user, change, field):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    refused(lambda: change(program, lambda alasan: how(user, alasan)), field, "U+")


@pytest.mark.parametrize("level", ["program", "kegiatan", "sub_kegiatan"])
def test_a_node_whose_indicators_have_realisasi_is_not_removed(renstra, user, level):
    from akuntabel.results.models import Realisasi

    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user))
    sub = tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", dengan_indikator=True,
                                   **how(user))
    Realisasi.objects.create(indikator=sub.indikator.get(), tahun=2027, triwulan=2,
                             nilai=Decimal(3))
    node = {"program": program, "kegiatan": kegiatan, "sub_kegiatan": sub}[level]
    refused(lambda: tree.hapus_node(node, **how(user, "Salah pilih")), "kode", "realisasi",
            "2027")



def test_a_version_changed_by_a_renstra_perubahan_keeps_its_tree(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    make_renstra(renstra.perangkat_daerah, tahun_awal=2025, tahun_akhir=2029,
                 berlaku_mulai=2027, versi_dari=renstra, rpjmd=renstra.rpjmd)
    for call in (lambda: tree.tambah_program(renstra, "1.06.01", **how(user)),
                 lambda: tree.tambah_kegiatan(program, "1.06.02.2.01", **how(user)),
                 lambda: tree.ubah_node(program, catatan="x", **how(user, "x")),
                 lambda: tree.hapus_node(program, **how(user, "x")),
                 lambda: tree.tulis_pagu_indikatif(program, 2025, Decimal(1), **how(user)),
                 lambda: tree.tambah_indikator(program, "Indeks", **how(user))):
        refused(call, "kode", "berlaku mulai 2027")


def test_the_planner_s_own_indicator_is_added_and_a_duplicate_refused(renstra, user):
    program = tree.tambah_program(renstra, "1.06.02", **how(user))
    indikator = tree.tambah_indikator(program, " Persentase  PPKS yang diberdayakan ", "%",
                                      **how(user))
    assert (indikator.uraian, indikator.satuan, indikator.program) == (
        "Persentase PPKS yang diberdayakan", "%", program)
    refused(lambda: tree.tambah_indikator(program, "persentase ppks yang diberdayakan",
                                          **how(user)), "uraian", "sudah memiliki")
    refused(lambda: tree.tambah_indikator(program, "  ", **how(user)), "uraian", "Tuliskan")
    refused(lambda: tree.tambah_indikator(program, "x" * 5001, **how(user)), "uraian",
            "terlalu panjang")



def test_a_refused_first_program_leaves_the_renstra_without_an_edition(renstra, user):
    Renstra.objects.filter(pk=renstra.pk).update(edisi_referensi=None)  # made before any list
    renstra.refresh_from_db()
    refused(lambda: tree.tambah_program(renstra, "1.06.02", sasaran=make_sasaran(),
                                        **how(user)), "sasaran")
    renstra.refresh_from_db()
    assert renstra.edisi_referensi is None
