"""The cascaded PK screens: the year's PK page shows the cascade (kepala -> eselon III ->
eselon IV) with each PK's status; "buat PK eselon III" under the kepala's (pk_turunan_baru);
the official's PK page (pk_turunan) with its actions; the perubahan of an eselon III; the
document of a cascaded PK (pk_dokumen). Each view: works for the owner, hidden from
outsiders."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans import pk_services as svc
from akuntabel.plans.models import PerjanjianKinerja
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import make_opd, make_user
from tests.plans.test_pk_cascade import TAHUN, Dunia

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia():
    return Dunia()


@pytest.fixture
def operator(dunia):
    return make_user(Peran.OPERATOR_OPD, opd=dunia.opd)


@pytest.fixture
def kepala_user(dunia):
    return make_user(Peran.KEPALA_OPD, opd=dunia.opd)


def url_baru(dunia, atasan=None):
    return reverse("pk_turunan_baru", args=[dunia.opd.pk, TAHUN, (atasan or dunia.pk).pk])


def url_turunan(pk):
    return reverse("pk_turunan", args=[pk.perangkat_daerah_id, pk.tahun, pk.pk])


def form(dunia, **extra):
    data = {"pejabat": dunia.kabid.pk,
            f"pilih_{dunia.ind_program.pk}": "on",
            f"target_{dunia.ind_program.pk}": "1.200",
            f"melayani_{dunia.ind_program.pk}": dunia.baris_iku.pk,
            "teks_1": "Persentase panti sesuai standar", "satuan_1": "%",
            "target_teks_1": "80", "melayani_teks_1": dunia.baris_iku.pk}
    data.update(extra)
    return data


# ------------------------------------------------------------------------------ the form

def test_the_form_offers_officials_program_indicators_and_the_rows_above(client, dunia,
                                                                         operator):
    client.force_login(operator)
    response = client.get(url_baru(dunia))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Eselon III (Kepala Bidang/Sekretaris)" in body
    assert "Agus Kabid" in body and "Siti Kepala" not in body.split('name="pejabat"')[1][:400]
    assert "Jumlah PPKS yang direhabilitasi" in body and "Indeks layanan" in body
    assert "Jumlah anak terlantar" not in body  # a kegiatan indicator is eselon IV's
    assert "Persentase PPKS tertangani" in body  # the row above, to be served


def test_creating_an_eselon_iii_pk_links_its_rows_and_opens_its_page(client, dunia, operator):
    client.force_login(operator)
    response = client.post(url_baru(dunia), form(dunia), follow=True)
    e3 = PerjanjianKinerja.objects.get(tingkat="eselon_3")
    assert response.redirect_chain[-1][0] == url_turunan(e3)
    assert [(b.uraian_indikator, b.target_teks, b.melayani) for b in e3.baris.all()] == [
        ("Jumlah PPKS yang direhabilitasi", "1.200", dunia.baris_iku),
        ("Persentase panti sesuai standar", "80", dunia.baris_iku)]
    body = response.content.decode()
    assert "Agus Kabid" in body and "Persentase panti sesuai standar" in body
    assert "Persentase PPKS tertangani" in body  # the row served, named on each row


def test_a_row_that_serves_nothing_is_refused_at_the_form_and_nothing_is_written(
        client, dunia, operator):
    client.force_login(operator)
    response = client.post(url_baru(dunia), form(dunia, melayani_teks_1=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert ("Baris 2 (Persentase panti sesuai standar) tidak melayani baris mana pun dari "
            "Perjanjian Kinerja di atasnya") in body
    assert 'value="Persentase panti sesuai standar"' in body  # what was typed is kept
    assert not PerjanjianKinerja.objects.filter(tingkat="eselon_3").exists()


def test_without_an_official_the_form_is_refused(client, dunia, operator):
    client.force_login(operator)
    response = client.post(url_baru(dunia), form(dunia, pejabat=""))
    assert response.status_code == 400
    assert "Pilih pejabat" in response.content.decode()
    assert not PerjanjianKinerja.objects.filter(tingkat="eselon_3").exists()


def test_who_may_not_edit_cannot_create(client, dunia):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=dunia.opd.pemda))
    assert client.post(url_baru(dunia), form(dunia)).status_code == 403
    assert not PerjanjianKinerja.objects.filter(tingkat="eselon_3").exists()


def test_the_form_is_hidden_from_outsiders(client, dunia):
    assert_hidden_from_outsiders(client, url_baru(dunia), dunia.opd)
    assert_sends_anonymous_to_login(client, url_baru(dunia))
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=dunia.opd.pemda)))
    assert client.post(url_baru(dunia), form(dunia)).status_code == 404
    assert not PerjanjianKinerja.objects.filter(tingkat="eselon_3").exists()


def test_a_pk_of_another_opd_cannot_be_the_one_above(client, dunia, operator):
    lain = Dunia()
    client.force_login(operator)
    url = reverse("pk_turunan_baru", args=[dunia.opd.pk, TAHUN, lain.pk.pk])
    assert client.get(url).status_code == 404


# --------------------------------------------------------------------- cascade and pages

def test_the_year_page_shows_the_cascade_with_each_status(client, dunia, operator):
    e3 = dunia.eselon_3()
    svc.compose_turunan(e3, dunia.kasi, [svc.BarisBaru(
        melayani=e3.baris.first().pk, indikator=dunia.ind_kegiatan.pk, target="300")],
        dunia.operator)
    client.force_login(operator)
    body = client.get(reverse("pk_detail", args=[dunia.opd.pk, TAHUN])).content.decode()
    cascade = body.split('data-testid="pk-cascade"')[1]
    assert cascade.index("Siti Kepala") < cascade.index("Agus Kabid") < cascade.index(
        "Rina Kasi")
    assert cascade.count("draft") >= 3
    assert url_turunan(e3) in cascade
    assert url_baru(dunia) in cascade  # "buat PK eselon III" under the kepala's


def test_the_officials_page_signs_in_the_order_of_the_cascade(client, dunia, operator,
                                                               kepala_user):
    e3 = dunia.eselon_3()
    client.force_login(operator)
    e3 = svc.submit_pk(e3, dunia.operator, versi=e3.versi)
    client.force_login(kepala_user)
    response = client.post(reverse("pk_tandatangani", args=[dunia.opd.pk, TAHUN]),
                           {"perjanjian": e3.pk, "versi": e3.versi}, follow=True)
    assert response.redirect_chain[-1][0] == url_turunan(e3)
    assert ("Perjanjian Kinerja di atasnya (Siti Kepala) belum ditandatangani"
            in response.content.decode())
    e3.refresh_from_db()
    assert e3.status == "diajukan"


def test_an_eselon_iii_perubahan_is_made_from_its_page(client, dunia, operator):
    e3 = dunia.eselon_3()
    dunia.sign(dunia.pk)
    dunia.sign(e3)
    client.force_login(operator)
    page = client.get(url_turunan(e3)).content.decode()
    assert 'data-testid="pk-perubahan"' in page
    response = client.post(reverse("pk_perubahan", args=[dunia.opd.pk, TAHUN]),
                           {"perjanjian": e3.pk, "alasan": "Pagu berubah"}, follow=True)
    baru = PerjanjianKinerja.objects.get(tingkat="eselon_3", jenis="perubahan")
    assert (baru.pejabat, baru.atasan) == (dunia.kabid, dunia.pk)
    assert response.redirect_chain[-1][0] == url_turunan(baru)
    # the kepala's chain got no perubahan from this
    assert not PerjanjianKinerja.objects.filter(tingkat="kepala", jenis="perubahan").exists()


def test_the_officials_page_is_hidden_from_outsiders(client, dunia):
    e3 = dunia.eselon_3()
    assert_hidden_from_outsiders(client, url_turunan(e3), dunia.opd)
    assert_sends_anonymous_to_login(client, url_turunan(e3))


def test_the_kepalas_pk_has_no_official_page(client, dunia, operator):
    client.force_login(operator)
    assert client.get(url_turunan(dunia.pk)).status_code == 404


# ------------------------------------------------------------------------------ document

def test_the_document_of_a_cascaded_pk_names_its_parties_and_rows(client, dunia, operator):
    e3 = dunia.eselon_3()
    client.force_login(operator)
    url = reverse("pk_dokumen", args=[dunia.opd.pk, TAHUN, e3.pk, "html"])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    for text in ("Agus Kabid", "Kepala Bidang Rehabilitasi Sosial", "Siti Kepala",
                 "Jumlah PPKS yang direhabilitasi", "1.200", "Persentase panti sesuai standar",
                 "Sasaran program"):
        assert text in body, text
    assert "Wali Kota" not in body  # pihak kedua is the kepala, not the kepala daerah
    assert_hidden_from_outsiders(client, url, dunia.opd)


def test_the_row_served_is_changed_on_the_officials_page(client, dunia, operator):
    e3 = dunia.eselon_3()
    row = e3.baris.order_by("urutan").first()
    client.force_login(operator)
    page = client.get(url_turunan(e3)).content.decode()
    assert f'name="melayani_{row.pk}"' in page
    response = client.post(reverse("pk_ubah", args=[dunia.opd.pk, TAHUN]),
                           {"perjanjian": e3.pk, "versi": e3.versi, f"melayani_{row.pk}": ""})
    assert response.status_code == 400
    assert "tidak melayani baris mana pun" in response.content.decode()
    response = client.post(reverse("pk_ubah", args=[dunia.opd.pk, TAHUN]),
                           {"perjanjian": e3.pk, "versi": e3.versi,
                            f"target_{row.pk}": "1.300"}, follow=True)
    assert response.redirect_chain[-1][0] == url_turunan(e3)
    row.refresh_from_db()
    assert (row.target_teks, row.melayani) == ("1.300", dunia.baris_iku)


def test_the_cascade_offers_an_eselon_iv_under_an_eselon_iii_and_none_below(client, dunia,
                                                                              operator):
    e3 = dunia.eselon_3()
    client.force_login(operator)
    body = client.get(reverse("pk_detail", args=[dunia.opd.pk, TAHUN])).content.decode()
    assert url_baru(dunia, e3) in body
    form_e4 = client.get(url_baru(dunia, e3)).content.decode()
    assert "Eselon IV (Kepala Seksi/Subbagian)" in form_e4
    assert "Jumlah anak terlantar yang dilayani" in form_e4
    e4 = svc.compose_turunan(e3, dunia.kasi, [svc.BarisBaru(
        melayani=e3.baris.first().pk, indikator=dunia.ind_kegiatan.pk, target="300")],
        dunia.operator)
    response = client.get(url_baru(dunia, e4), follow=True)
    assert response.redirect_chain[-1][0] == url_turunan(e4)
    assert "di bawahnya tidak dibuat perjanjian" in response.content.decode()


def test_the_page_and_the_document_show_the_same_budget_of_the_programs_promised(
        client, dunia, operator):
    from decimal import Decimal

    from akuntabel.budget.models import Dpa, DpaSubKegiatan
    from tests.builders import make_program, make_sub_kegiatan

    dpa = Dpa.objects.create(perangkat_daerah=dunia.opd, tahun=TAHUN)
    DpaSubKegiatan.objects.create(dpa=dpa, sub_kegiatan=make_sub_kegiatan(dunia.kegiatan),
                                  pagu=Decimal("1250000"))
    lain = make_program(dunia.program.renstra, nama="Program lain")
    DpaSubKegiatan.objects.create(
        dpa=dpa, sub_kegiatan=make_sub_kegiatan(make_kegiatan_of(lain)), pagu=Decimal("7"))
    e3 = dunia.eselon_3()
    client.force_login(operator)
    page = client.get(url_turunan(e3)).content.decode()
    dok = client.get(reverse("pk_dokumen", args=[dunia.opd.pk, TAHUN, e3.pk, "html"]))
    for body in (page, dok.content.decode()):
        section = body.split("Program Rehabilitasi Sosial")[-1]
        assert "Rp 1.250.000" in section
        assert "Program lain" not in body  # a program it does not promise


def make_kegiatan_of(program):
    from tests.builders import make_kegiatan

    return make_kegiatan(program)
