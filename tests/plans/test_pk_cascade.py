"""The cascaded Perjanjian Kinerja (PermenPAN-RB 53/2014, PK berjenjang), through the services:
an eselon III PK under the kepala's, its rows each serving a row above, an eselon IV PK under
it; a row that serves nothing refused; signing in the order of the cascade; the PK perubahan
of an eselon III official."""

from decimal import Decimal

import pytest

from akuntabel.organizations.models import Pejabat
from akuntabel.plans import pk_services as svc
from akuntabel.plans.models import PerjanjianKinerja, PerjanjianKinerjaBaris, Target
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_pejabat,
    make_pemda,
    make_program,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db
TAHUN = 2025


class Dunia:
    """An OPD with its head, a kepala bidang and a kepala seksi; a Renstra 2024–2026 with a
    sasaran indicator, a program with two indicators and a kegiatan with one; the kepala's PK
    2025 composed from it (a draft)."""

    def __init__(self) -> None:
        pemda = make_pemda(kepala_daerah_nama="Budi Walikota",
                           kepala_daerah_jabatan="Wali Kota Uji")
        self.opd = make_opd(pemda=pemda)
        self.kepala = make_pejabat(self.opd, nama="Siti Kepala", nip="1970",
                                   jabatan=f"Kepala {self.opd.nama}")
        self.kabid = make_pejabat(self.opd, peran=Pejabat.Peran.KEPALA_BIDANG,
                                  nama="Agus Kabid", nip="1980", pangkat="Penata Tk. I",
                                  jabatan="Kepala Bidang Rehabilitasi Sosial")
        self.kasi = make_pejabat(self.opd, peran=Pejabat.Peran.LAINNYA, nama="Rina Kasi",
                                 jabatan="Kepala Seksi Rehabilitasi Anak")
        renstra = make_renstra(self.opd, 2024, 2026)
        sasaran = make_sasaran(make_tujuan(renstra), uraian="Meningkatnya kesejahteraan PPKS")
        self.iku = make_indikator(sasaran=sasaran, uraian="Persentase PPKS tertangani",
                                  satuan="%")
        make_target(self.iku, "91.5", "renstra", TAHUN, teks="91,5")
        self.program = make_program(renstra, nama="Program Rehabilitasi Sosial")
        self.ind_program = make_indikator(program=self.program, satuan="orang",
                                          uraian="Jumlah PPKS yang direhabilitasi")
        self.ind_program_2 = make_indikator(program=self.program, uraian="Indeks layanan")
        self.kegiatan = make_kegiatan(self.program, nama="Rehabilitasi Sosial Anak")
        self.ind_kegiatan = make_indikator(kegiatan=self.kegiatan, satuan="anak",
                                           uraian="Jumlah anak terlantar yang dilayani")
        self.operator = make_user()
        self.pk = svc.compose_pk(self.opd, TAHUN, self.operator).pk
        self.baris_iku = self.pk.baris.get()

    def eselon_3(self, **target):
        return svc.compose_turunan(self.pk, self.kabid, [
            svc.BarisBaru(melayani=self.baris_iku.pk, indikator=self.ind_program.pk,
                          target=target.get("program", "1.200")),
            svc.BarisBaru(melayani=self.baris_iku.pk, indikator_teks="Persentase panti sesuai "
                          "standar", satuan="%", target=target.get("teks", "80")),
        ], self.operator)

    def sign(self, pk):
        pk.refresh_from_db()
        if pk.status == PerjanjianKinerja.Status.DRAFT:
            pk = svc.submit_pk(pk, self.operator, versi=pk.versi)
        return svc.sign_pk(pk, self.operator, versi=pk.versi)


@pytest.fixture
def dunia():
    return Dunia()


# ------------------------------------------------------------------------------- compose

def test_an_eselon_iii_pk_is_made_under_the_kepalas_with_each_row_linked(dunia):
    e3 = dunia.eselon_3()
    assert (e3.tingkat, e3.jenis, e3.status, e3.atasan, e3.pejabat) == (
        "eselon_3", "induk", "draft", dunia.pk, dunia.kabid)
    # pihak pertama is the official; pihak kedua the kepala who signs the PK above as first
    assert (e3.pihak_pertama_nama, e3.pihak_pertama_jabatan, e3.pihak_pertama_nip,
            e3.pihak_pertama_pangkat) == ("Agus Kabid", "Kepala Bidang Rehabilitasi Sosial",
                                          "1980", "Penata Tk. I")
    assert (e3.pihak_kedua_nama, e3.pihak_kedua_jabatan, e3.pihak_kedua_nip) == (
        "Siti Kepala", f"Kepala {dunia.opd.nama}", "1970")
    rows = [(b.uraian_sasaran, b.uraian_indikator, b.satuan_indikator, b.target_teks, b.target,
             b.melayani) for b in e3.baris.order_by("urutan")]
    assert rows == [
        ("Program Rehabilitasi Sosial", "Jumlah PPKS yang direhabilitasi", "orang", "1.200",
         Decimal("1200"), dunia.baris_iku),
        ("Meningkatnya kesejahteraan PPKS", "Persentase panti sesuai standar", "%", "80",
         Decimal("80"), dunia.baris_iku),
    ]


def test_an_eselon_iv_pk_is_made_under_the_eselon_iii(dunia):
    e3 = dunia.eselon_3()
    baris_program = e3.baris.get(indikator=dunia.ind_program)
    e4 = svc.compose_turunan(e3, dunia.kasi, [
        svc.BarisBaru(melayani=baris_program.pk, indikator=dunia.ind_kegiatan.pk,
                      target="300")], dunia.operator)
    assert (e4.tingkat, e4.atasan, e4.pihak_kedua_nama) == ("eselon_4", e3, "Agus Kabid")
    assert [(b.uraian_sasaran, b.melayani) for b in e4.baris.all()] == [
        ("Rehabilitasi Sosial Anak", baris_program)]


def test_a_row_that_serves_nothing_is_refused_and_nothing_is_written(dunia):
    with pytest.raises(svc.PkError) as exc:
        svc.compose_turunan(dunia.pk, dunia.kabid, [
            svc.BarisBaru(melayani=dunia.baris_iku.pk, indikator=dunia.ind_program.pk,
                          target="1"),
            svc.BarisBaru(melayani=None, indikator=dunia.ind_program_2.pk, target="2"),
        ], dunia.operator)
    assert exc.value.kesalahan == [
        "Baris 2 (Indeks layanan) tidak melayani baris mana pun dari Perjanjian Kinerja "
        "di atasnya; pilih baris yang dilayaninya."]
    assert not PerjanjianKinerja.objects.filter(tingkat="eselon_3").exists()


def test_a_row_serving_a_row_of_another_agreement_is_refused(dunia):
    lain = Dunia()
    with pytest.raises(svc.PkError, match="bukan baris Perjanjian Kinerja di atasnya"):
        svc.compose_turunan(dunia.pk, dunia.kabid, [
            svc.BarisBaru(melayani=lain.baris_iku.pk, indikator=dunia.ind_program.pk,
                          target="1")], dunia.operator)


@pytest.mark.parametrize(("isian", "pesan"), [
    pytest.param({"indikator": "kegiatan"}, "bukan indikator program",
                 id="a kegiatan indicator at eselon III -> refused"),
    pytest.param({"indikator": "iku"}, "bukan indikator program",
                 id="the kepala's sasaran indicator at eselon III -> refused"),
    pytest.param({"indikator": "lain"}, "bukan indikator",
                 id="another OPD's indicator -> refused as not found"),
    pytest.param({}, "tidak memiliki indikator", id="neither an indicator nor a text -> refused"),
    pytest.param({"indikator": "program", "target": "12,5,3"}, "bukan angka",
                 id="a bad target names the row"),
])
def test_bad_rows_are_refused_naming_the_row(dunia, isian, pesan):
    pilihan = {"kegiatan": dunia.ind_kegiatan.pk, "iku": dunia.iku.pk,
               "program": dunia.ind_program.pk, "lain": make_indikator().pk}
    baris = svc.BarisBaru(melayani=dunia.baris_iku.pk,
                          indikator=pilihan.get(isian.get("indikator", ""), None),
                          target=isian.get("target", "1"))
    with pytest.raises(svc.PkError) as exc:
        svc.compose_turunan(dunia.pk, dunia.kabid, [baris], dunia.operator)
    assert exc.value.kesalahan[0].startswith("Baris 1")
    assert pesan in str(exc.value)
    assert not PerjanjianKinerja.objects.filter(tingkat="eselon_3").exists()


def test_an_agreement_without_rows_is_refused(dunia):
    with pytest.raises(svc.PkError, match="belum memiliki baris"):
        svc.compose_turunan(dunia.pk, dunia.kabid, [], dunia.operator)


def test_one_original_agreement_per_official_and_year(dunia):
    dunia.eselon_3()
    with pytest.raises(svc.PkError, match="Agus Kabid sudah memiliki Perjanjian Kinerja"):
        dunia.eselon_3()
    assert PerjanjianKinerja.objects.filter(tingkat="eselon_3").count() == 1


def test_the_head_of_agency_cannot_promise_to_himself(dunia):
    with pytest.raises(svc.PkError, match="kepala Perangkat Daerah"):
        svc.compose_turunan(dunia.pk, dunia.kepala, [
            svc.BarisBaru(melayani=dunia.baris_iku.pk, indikator=dunia.ind_program.pk,
                          target="1")], dunia.operator)


def test_an_official_of_another_opd_is_refused(dunia):
    with pytest.raises(svc.PkError, match="bukan pejabat"):
        svc.compose_turunan(dunia.pk, make_pejabat(make_opd()), [
            svc.BarisBaru(melayani=dunia.baris_iku.pk, indikator=dunia.ind_program.pk,
                          target="1")], dunia.operator)


def test_an_eselon_iv_cannot_be_made_below_itself(dunia):
    e3 = dunia.eselon_3()
    e4 = svc.compose_turunan(e3, dunia.kasi, [
        svc.BarisBaru(melayani=e3.baris.first().pk, indikator=dunia.ind_kegiatan.pk,
                      target="1")], dunia.operator)
    with pytest.raises(svc.PkError, match="Eselon IV"):
        svc.compose_turunan(e4, make_pejabat(dunia.opd, peran="lainnya"), [
            svc.BarisBaru(melayani=e4.baris.get().pk, indikator_teks="x", target="1")],
            dunia.operator)


def test_the_kepalas_pk_of_the_year_is_still_unique(dunia):
    with pytest.raises(svc.PkError, match="sudah ada"):
        svc.compose_pk(dunia.opd, TAHUN, dunia.operator)


# --------------------------------------------------------------------------------- edit

def test_editing_a_cascaded_row_may_change_the_row_it_serves_within_the_pk_above(dunia):
    e3 = dunia.eselon_3()
    row = e3.baris.order_by("urutan").first()
    lain = Dunia()
    with pytest.raises(svc.PkError, match="bukan baris Perjanjian Kinerja di atasnya"):
        svc.edit_pk(e3, {f"melayani_{row.pk}": str(lain.baris_iku.pk)}, dunia.operator,
                    versi=e3.versi)
    row.refresh_from_db()
    assert row.melayani == dunia.baris_iku
    with pytest.raises(svc.PkError, match="tidak melayani baris mana pun"):
        svc.edit_pk(e3, {f"melayani_{row.pk}": ""}, dunia.operator, versi=e3.versi)


# ------------------------------------------------------------------------------ signing

def test_a_cascaded_pk_cannot_be_signed_before_the_pk_above(dunia):
    e3 = dunia.eselon_3()
    e3 = svc.submit_pk(e3, dunia.operator, versi=e3.versi)
    with pytest.raises(svc.PkError) as exc:
        svc.sign_pk(e3, dunia.operator, versi=e3.versi)
    assert str(exc.value) == (
        "Perjanjian Kinerja Agus Kabid tahun 2025 belum dapat ditandatangani: Perjanjian "
        "Kinerja di atasnya (Siti Kepala) belum ditandatangani. Tandatangani lebih dahulu "
        "perjanjian di atasnya.")
    e3.refresh_from_db()
    assert e3.status == "diajukan"
    dunia.sign(dunia.pk)
    dunia.sign(e3)
    e3.refresh_from_db()
    assert e3.status == "ditandatangani"


def test_signing_an_eselon_iii_pk_writes_its_program_targets_and_skips_text_rows(dunia):
    e3 = dunia.eselon_3()
    dunia.sign(dunia.pk)
    dunia.sign(e3)
    assert list(Target.objects.filter(indikator=dunia.ind_program, jenis="pk", tahun=TAHUN)
                .values_list("teks", "nilai")) == [("1.200", Decimal("1200"))]
    assert Target.objects.filter(jenis="pk", tahun=TAHUN).count() == 2  # the IKU and this


def test_an_eselon_iv_waits_for_the_eselon_iii_not_only_the_kepala(dunia):
    e3 = dunia.eselon_3()
    e4 = svc.compose_turunan(e3, dunia.kasi, [
        svc.BarisBaru(melayani=e3.baris.first().pk, indikator=dunia.ind_kegiatan.pk,
                      target="300")], dunia.operator)
    dunia.sign(dunia.pk)
    with pytest.raises(svc.PkError, match="Agus Kabid"):
        dunia.sign(e4)
    dunia.sign(e3)
    dunia.sign(e4)


# ---------------------------------------------------------------------------- perubahan

def test_an_eselon_iii_pk_perubahan_copies_the_signed_one_and_serves_the_pk_in_force(dunia):
    e3 = dunia.eselon_3()
    dunia.sign(dunia.pk)
    dunia.sign(e3)
    kepala_baru = svc.compose_perubahan(dunia.opd, TAHUN, dunia.operator, "APBD perubahan")
    assert kepala_baru.tingkat == "kepala"  # the kepala's chain ignores the cascaded PKs
    with pytest.raises(svc.PkError, match="masih"):  # the kepala's amendment comes first
        svc.compose_perubahan(dunia.opd, TAHUN, dunia.operator, "Pagu berubah", dari=e3)
    dunia.sign(kepala_baru)
    baru = svc.compose_perubahan(dunia.opd, TAHUN, dunia.operator, "Pagu berubah", dari=e3)
    assert (baru.tingkat, baru.jenis, baru.status, baru.pejabat, baru.atasan) == (
        "eselon_3", "perubahan", "draft", dunia.kabid, kepala_baru)
    assert baru.catatan == "Alasan perubahan: Pagu berubah"
    served = kepala_baru.baris.get()
    assert [(b.uraian_indikator, b.target_teks, b.melayani) for b in baru.baris.all()] == [
        ("Jumlah PPKS yang direhabilitasi", "1.200", served),
        ("Persentase panti sesuai standar", "80", served)]
    row = baru.baris.get(indikator=dunia.ind_program)
    svc.edit_pk(baru, {f"target_{row.pk}": "1.100"}, dunia.operator, versi=baru.versi)
    dunia.sign(baru)
    assert list(Target.objects.filter(indikator=dunia.ind_program, jenis="pk_perubahan")
                .values_list("nilai", flat=True)) == [Decimal("1100")]


def test_a_perubahan_needs_a_signed_pk_of_the_same_official(dunia):
    e3 = dunia.eselon_3()
    with pytest.raises(svc.PkError, match="belum ada yang ditandatangani"):
        svc.compose_perubahan(dunia.opd, TAHUN, dunia.operator, "x", dari=e3)


def test_rows_whose_served_row_is_gone_from_the_amended_pk_above_are_named(dunia):
    e3 = dunia.eselon_3()
    dunia.sign(dunia.pk)
    dunia.sign(e3)
    kepala_baru = svc.compose_perubahan(dunia.opd, TAHUN, dunia.operator, "APBD perubahan")
    kepala_baru.baris.all().delete()  # the amendment dropped the IKU row (as an admin would)
    PerjanjianKinerjaBaris.objects.create(perjanjian_kinerja=kepala_baru, sasaran_teks="Lain",
                                          indikator_teks="Indikator lain", target_teks="1")
    dunia.sign(kepala_baru)
    baru = svc.compose_perubahan(dunia.opd, TAHUN, dunia.operator, "Pagu berubah", dari=e3)
    assert [b.melayani for b in baru.baris.all()] == [None, None]
    with pytest.raises(svc.PkError, match="tidak melayani baris mana pun"):
        svc.submit_pk(baru, dunia.operator, versi=baru.versi)


# ------------------------------------------------- the kepala's readers ignore the cascade

def test_the_lkjip_reviu_and_export_read_the_kepalas_pk_only(demo_opd):
    """The LKjIP's PK table and the reviu's reading are the kepala's PK (the one with the
    kepala daerah): a cascaded PK with a written indicator changes neither and breaks neither;
    the dataset export keeps the kepala's PK as it was and adds the cascaded one after it."""
    from akuntabel.adapters.dataset.writer import export_dataset
    from akuntabel.reports.lakip import build_lakip_context
    from akuntabel.reviews.context import build_reviu_data

    def lkjip_pk_rows():
        dok = build_lakip_context(demo_opd, 2023)
        return [t.baris for b in dok.bagian for t in b.tabel if t.kunci == "tabel-pk"]

    before = (lkjip_pk_rows(), build_reviu_data(demo_opd, 2023).perjanjian_kinerja,
              export_dataset(demo_opd)["perjanjian_kinerja"])
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=2023, jenis="induk")
    kabid = make_pejabat(demo_opd, peran=Pejabat.Peran.KEPALA_BIDANG, nama="Kabid Uji",
                         jabatan="Kepala Bidang")
    svc.compose_turunan(pk, kabid, [svc.BarisBaru(
        melayani=pk.baris.first().pk, indikator_teks="Indikator bidang", target="5")],
        make_user())
    exported = export_dataset(demo_opd)["perjanjian_kinerja"]
    kepala = [d for d in exported if "tingkat" not in d]
    turunan = [d for d in exported if "tingkat" in d]
    after = (lkjip_pk_rows(), build_reviu_data(demo_opd, 2023).perjanjian_kinerja, kepala)
    assert after == before
    assert [d["tingkat"] for d in turunan] == ["eselon_3"]
