"""Bounds on the budget realisasi grid: an amount its field cannot hold, or so large that sums
and pages would fail (``core.batas.UANG``), is refused at its cell; nothing is written, what
was typed stays; the save and the pages of the OPD stay up."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.budget.services import build_realisasi_anggaran_grid
from tests.budget.synthetic import make_dpa
from tests.builders import make_opd, make_user
from tests.web.opd_pages import failing_pages

pytestmark = pytest.mark.django_db

TAHUN = 2023


def url(opd, triwulan=2):
    return reverse("anggaran_realisasi", args=[opd.pk, TAHUN, triwulan])


def dpa_opd(n_subs=2):
    opd = make_opd()
    make_dpa(opd, 20 * n_subs)
    return opd


def subs_of(opd):
    return list(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd)
                .order_by("sub_kegiatan__kode"))


def post_data(opd, values, triwulan=2):
    data = {"aksi": "simpan"}
    for b in build_realisasi_anggaran_grid(opd, TAHUN, triwulan):
        if b.anggaran is not None:
            data[f"nilai-{b.anggaran}"] = values.get(b.anggaran, "")
            data[f"versi-{b.anggaran}"] = str(b.versi)
    return data


def login(client, opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))


@pytest.mark.parametrize("teks", [
    pytest.param("999.999.999.999.999.999,99", id="the field's largest amount -> refused"),
    pytest.param("Rp 1.000.000.000.000.000", id="exactly 10^15 rupiah -> refused"),
    pytest.param("9" * 40, id="40 digits -> refused"),
])
def test_an_amount_out_of_bounds_is_refused_at_its_cell_and_nothing_is_written(client, teks):
    opd = dpa_opd()
    a, b = subs_of(opd)
    login(client, opd)
    response = client.post(url(opd), post_data(opd, {a.pk: "1.000", b.pk: teks}))
    assert response.status_code == 200
    assert not RealisasiAnggaranTriwulan.objects.exists()
    assert not Perubahan.objects.filter(model="RealisasiAnggaranTriwulan").exists()
    body = html.unescape(response.content.decode())
    cell = body.split(f'id="err-nilai-{b.pk}"', 1)[1].split("</span>", 1)[0]
    assert "Baris 2 (" in cell and "Realisasi TW II" in cell
    assert "terlalu besar: nilai harus kurang dari 1.000.000.000.000.000" in cell
    assert f'value="{teks}"' in body and 'value="1.000"' in body  # nothing typed is lost


def test_sen_beyond_two_decimals_is_refused_with_the_bounds_reason(client):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    login(client, opd)
    response = client.post(url(opd), post_data(opd, {a.pk: "1.000,125"}))
    assert "terlalu banyak angka di belakang koma (paling banyak 2)" in html.unescape(
        response.content.decode())
    assert not RealisasiAnggaranTriwulan.objects.exists()


@pytest.mark.parametrize("teks,nilai", [
    ("Rp 999.999.999.999.999", Decimal("999999999999999")),
    ("1.250.000,50", Decimal("1250000.5")),
    ("1.000,500", Decimal("1000.5")),
    ("-", Decimal(0)),
])
def test_an_amount_within_bounds_is_stored(client, teks, nilai):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    login(client, opd)
    assert client.post(url(opd), post_data(opd, {a.pk: teks})).status_code == 302
    assert RealisasiAnggaranTriwulan.objects.get(dpa_sub_kegiatan=a, triwulan=2).nilai == nilai


def test_after_a_refused_amount_and_the_largest_accepted_one_the_save_and_every_page_are_up(
        client):
    opd = dpa_opd()
    a, b = subs_of(opd)
    login(client, opd)
    assert client.post(url(opd), post_data(opd, {a.pk: "999.999.999.999.999.999,99"})
                       ).status_code == 200
    assert client.post(url(opd), post_data(opd, {a.pk: "999.999.999.999.999",
                                                 b.pk: "999.999.999.999.999"})
                       ).status_code == 302
    assert failing_pages(opd, TAHUN) == []


# --- A line without a usable version ------------------------------------------------------

@pytest.mark.parametrize("versi", [None, "", "abc", "1.5", "-1"], ids=lambda v: f"versi {v!r}")
def test_a_line_whose_version_is_missing_or_not_a_number_is_refused_naming_the_line(
        client, versi):
    opd = dpa_opd()
    a, b = subs_of(opd)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=2, nilai=7_000)
    login(client, opd)
    data = post_data(opd, {a.pk: "8.000", b.pk: "9.000"})
    if versi is None:
        del data[f"versi-{a.pk}"]
    else:
        data[f"versi-{a.pk}"] = versi
    response = client.post(url(opd), data)
    assert response.status_code == 200
    assert RealisasiAnggaranTriwulan.objects.get(dpa_sub_kegiatan=a, triwulan=2).nilai == 7_000
    assert not RealisasiAnggaranTriwulan.objects.filter(dpa_sub_kegiatan=b).exists()
    body = html.unescape(response.content.decode())
    cell = body.split(f'id="err-nilai-{a.pk}"', 1)[1].split("</span>", 1)[0]
    assert "Baris 1 (" in cell
    assert "Realisasi TW II: halaman tidak mengirim versi baris ini" in cell
