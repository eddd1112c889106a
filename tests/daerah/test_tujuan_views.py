"""The screens of the tujuan daerah indicators: the RPJMD's page, the indicator form (admin
pemda), the realisasi form (Bappeda); every view refuses an outsider (another pemda's admin)
and an OPD operator, and a reader may not write."""

import pytest
from django.urls import reverse

from akuntabel.daerah import tujuan as layanan
from akuntabel.plans.models import IndikatorTujuanDaerah, RealisasiTujuanDaerah
from tests.daerah.test_tujuan import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def tujuan(sasaran_daerah):
    return sasaran_daerah.tujuan_daerah


@pytest.fixture
def ipm(tujuan, admin_pemda):
    return layanan.simpan_indikator(tujuan, data(), user=admin_pemda)


def _urls(rpjmd, tujuan, ipm):
    return {
        "page": reverse("rpjmd_tujuan", args=[rpjmd.pk]),
        "baru": reverse("tujuan_indikator_baru", args=[tujuan.pk]),
        "ubah": reverse("tujuan_indikator_ubah", args=[ipm.pk]),
        "hapus": reverse("tujuan_indikator_hapus", args=[ipm.pk]),
        "realisasi": reverse("tujuan_realisasi", args=[ipm.pk, 2025]),
    }


def test_the_page_shows_targets_realisasi_and_capaian_of_the_year(client, rpjmd, ipm,
                                                                   verifikator, reviewer):
    layanan.simpan_realisasi(ipm, 2026, teks="72,5", sumber="BPS", versi=0, user=verifikator)
    client.force_login(reviewer)
    r = client.get(reverse("rpjmd_tujuan", args=[rpjmd.pk]) + "?tahun=2026")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Indeks Pembangunan Manusia" in html and "72,3" in html and "72,5" in html
    assert "100,28%" in html           # 72,5 ÷ 72,3 × 100, by core.capaian
    assert reverse("tujuan_indikator_ubah", args=[ipm.pk]) not in html   # a reader's page
    r = client.get(reverse("rpjmd_tujuan", args=[rpjmd.pk]) + "?tahun=2027")
    assert "realisasi 2027 belum diisi Bappeda" in r.content.decode()


def test_the_admin_adds_an_indicator_with_its_targets(client, rpjmd, tujuan, admin_pemda):
    client.force_login(admin_pemda)
    assert client.get(reverse("tujuan_indikator_baru", args=[tujuan.pk])).status_code == 200
    r = client.post(reverse("tujuan_indikator_baru", args=[tujuan.pk]),
                    data(uraian="Laju pertumbuhan ekonomi", satuan="%", target_2025="5,1"))
    assert r.status_code == 302
    i = IndikatorTujuanDaerah.objects.get(uraian="Laju pertumbuhan ekonomi")
    assert i.target.get(tahun=2025).teks == "5,1"


def test_a_refused_indicator_is_shown_again_as_typed_with_the_message(client, tujuan,
                                                                      admin_pemda):
    client.force_login(admin_pemda)
    r = client.post(reverse("tujuan_indikator_baru", args=[tujuan.pk]),
                    data(target_2026="banyak"))
    assert r.status_code == 400
    html = r.content.decode()
    assert 'value="banyak"' in html and 'data-field="target_2026"' in html
    assert not IndikatorTujuanDaerah.objects.exists()


def test_the_admin_changes_an_indicator_with_a_reason(client, ipm, admin_pemda):
    client.force_login(admin_pemda)
    url = reverse("tujuan_indikator_ubah", args=[ipm.pk])
    assert client.get(url).status_code == 200
    r = client.post(url, {**data(target_2027="72,9"), "versi": ipm.versi})
    assert r.status_code == 400 and 'data-field="alasan"' in r.content.decode()
    r = client.post(url, {**data(target_2027="72,9"), "versi": ipm.versi,
                          "alasan": "Perubahan RPJMD"})
    assert r.status_code == 302 and ipm.target.get(tahun=2027).teks == "72,9"


def test_the_admin_removes_an_indicator_with_a_reason(client, ipm, admin_pemda):
    client.force_login(admin_pemda)
    client.post(reverse("tujuan_indikator_hapus", args=[ipm.pk]), {"alasan": ""})
    assert IndikatorTujuanDaerah.objects.exists()
    client.post(reverse("tujuan_indikator_hapus", args=[ipm.pk]), {"alasan": "ganda"})
    assert not IndikatorTujuanDaerah.objects.exists()


def test_bappeda_enters_a_realisasi_with_its_source(client, ipm, verifikator):
    client.force_login(verifikator)
    url = reverse("tujuan_realisasi", args=[ipm.pk, 2025])
    assert client.get(url).status_code == 200
    r = client.post(url, {"teks": "72", "sumber": "", "versi": "0"})
    assert r.status_code == 400 and 'data-field="sumber"' in r.content.decode()
    r = client.post(url, {"teks": "72", "sumber": "BPS, BRS 5/2026", "versi": "0"})
    assert r.status_code == 302
    row = RealisasiTujuanDaerah.objects.get()
    assert (row.teks, row.sumber) == ("72", "BPS, BRS 5/2026")
    assert "BPS, BRS 5/2026" in client.get(url).content.decode()


def test_a_year_outside_the_rpjmd_has_no_realisasi_page(client, ipm, verifikator):
    client.force_login(verifikator)
    assert client.get(reverse("tujuan_realisasi", args=[ipm.pk, 2031])).status_code == 404


@pytest.mark.parametrize("orang", ["outsider", "operator_dinsos"])
@pytest.mark.parametrize(("nama", "metode"), [
    ("page", "get"), ("baru", "get"), ("baru", "post"), ("ubah", "get"), ("ubah", "post"),
    ("hapus", "post"), ("realisasi", "get"), ("realisasi", "post")])
def test_an_outsider_or_an_agency_learns_nothing(client, request, rpjmd, tujuan, ipm, orang,
                                                 nama, metode):
    client.force_login(request.getfixturevalue(orang))
    url = _urls(rpjmd, tujuan, ipm)[nama]
    r = getattr(client, metode)(url, {**data(), "alasan": "x", "teks": "1", "sumber": "x",
                                      "versi": "1"} if metode == "post" else None)
    assert r.status_code == 404
    assert IndikatorTujuanDaerah.objects.count() == 1 and not RealisasiTujuanDaerah.objects.exists()


@pytest.mark.parametrize(("orang", "nama"), [
    ("reviewer", "baru"), ("reviewer", "ubah"), ("reviewer", "hapus"), ("reviewer", "realisasi"),
    ("verifikator", "baru"), ("verifikator", "ubah"), ("verifikator", "hapus")])
def test_a_reader_may_not_write(client, request, rpjmd, tujuan, ipm, orang, nama):
    client.force_login(request.getfixturevalue(orang))
    url = _urls(rpjmd, tujuan, ipm)[nama]
    r = client.post(url, {**data(), "alasan": "x", "teks": "1", "sumber": "x", "versi": "1"})
    assert r.status_code == 403
    assert IndikatorTujuanDaerah.objects.count() == 1 and not RealisasiTujuanDaerah.objects.exists()


def test_anonymous_is_sent_to_login(client, rpjmd):
    r = client.get(reverse("rpjmd_tujuan", args=[rpjmd.pk]))
    assert r.status_code == 302 and "login" in r.url


def test_the_rpjmd_editor_lists_each_goals_indicators_and_links_their_page(client, rpjmd,
                                                                           tujuan, ipm,
                                                                           reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("rpjmd_editor", args=[rpjmd.pk])).content.decode()
    assert "Indeks Pembangunan Manusia (indeks, kondisi akhir 74,00)" in html
    assert reverse("rpjmd_tujuan", args=[rpjmd.pk]) + f"#tujuan_daerah-{tujuan.pk}" in html
