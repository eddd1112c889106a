"""Bounds on the realisasi grid: a value its field cannot hold, or so large that sums and pages
would fail (``core.batas.UKURAN``), is refused at its cell; nothing is written, what was typed
stays; the pages of the OPD stay up."""

import html
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.urls import reverse

from akuntabel.audit.models import Perubahan
from akuntabel.results.forms import read_grid
from akuntabel.results.grid import build_realisasi_grid
from akuntabel.results.models import Realisasi
from tests.results.helpers import TAHUN, grid_post, indikator_of, make_grid_opd, operator_of
from tests.web.opd_pages import failing_pages

pytestmark = pytest.mark.django_db


def url(opd, triwulan=2):
    return reverse("realisasi_grid", args=[opd.pk, TAHUN, triwulan])


@pytest.mark.parametrize("teks", [
    pytest.param("12345678901234567890", id="20 digits, which the field holds -> refused"),
    pytest.param("99999999999999999999,9999", id="the field's largest value -> refused"),
    pytest.param("1.000.000.000.000.000", id="exactly 10^15 -> refused"),
    pytest.param("-1.000.000.000.000.000", id="minus 10^15 -> refused"),
    pytest.param("1" * 40, id="40 digits -> refused"),
])
def test_a_value_out_of_bounds_is_refused_at_its_cell_and_nothing_is_written(client, teks):
    opd = make_grid_opd(3)
    ind = indikator_of(opd)
    client.force_login(operator_of(opd))
    response = client.post(url(opd), grid_post(opd, {ind[0].pk: "5", ind[1].pk: teks}))
    assert response.status_code == 200
    assert not Realisasi.objects.filter(indikator__perangkat_daerah=opd).exists()
    assert not Perubahan.objects.filter(model="Realisasi").exists()
    body = html.unescape(response.content.decode())
    cell = body.split(f'id="err-nilai-{ind[1].pk}"', 1)[1].split("</span>", 1)[0]
    assert "Baris 2, Realisasi TW II" in cell
    assert "terlalu besar: nilai harus kurang dari 1.000.000.000.000.000" in cell
    assert f'value="{teks}"' in body and 'value="5"' in body  # nothing typed is lost


def test_too_many_decimals_is_refused_with_the_bounds_reason():
    opd = make_grid_opd(2)
    ind = indikator_of(opd)
    rows = build_realisasi_grid(opd, TAHUN, 2)
    data = QueryDict(mutable=True)
    data.update({f"nilai-{ind[1].pk}": "1,23456", f"versi-{ind[1].pk}": "0"})
    (cell,) = read_grid(rows, data, 2)
    assert cell.nilai is None
    assert "terlalu banyak angka di belakang koma (paling banyak 4)" in cell.error_nilai


@pytest.mark.parametrize("teks,nilai", [
    ("999.999.999.999.999", Decimal("999999999999999")),
    ("-999.999.999.999.999", Decimal("-999999999999999")),
    ("0,0001", Decimal("0.0001")),
    ("92,7731", Decimal("92.7731")),
    ("1,50000", Decimal("1.5")),
])
def test_a_value_within_bounds_is_stored(client, teks, nilai):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)
    client.force_login(operator_of(opd))
    response = client.post(url(opd), grid_post(opd, {ind[1].pk: teks}))
    assert response.status_code == 302
    assert Realisasi.objects.get(indikator=ind[1], tahun=TAHUN, triwulan=2).nilai == nilai


def test_after_a_refused_value_and_the_largest_accepted_one_every_page_stays_up(client):
    opd = make_grid_opd(3)
    ind = indikator_of(opd)
    client.force_login(operator_of(opd))
    client.post(url(opd), grid_post(opd, {ind[1].pk: "99999999999999999999"}))
    assert client.post(url(opd), grid_post(opd, {ind[1].pk: "999.999.999.999.999",
                                                 ind[2].pk: "-999.999.999.999.999"})
                       ).status_code == 302
    assert failing_pages(opd, TAHUN) == []


# --- A line without a usable version ------------------------------------------------------

@pytest.mark.parametrize("versi", [None, "", "abc", "1.5", "-1", " ", "١"],
                         ids=lambda v: f"versi {v!r}")
def test_a_line_whose_version_is_missing_or_not_a_number_is_refused_naming_the_line(
        client, versi):
    opd = make_grid_opd(3)
    ind = indikator_of(opd)
    Realisasi.objects.create(indikator=ind[1], tahun=TAHUN, triwulan=2, teks="7",
                             nilai=Decimal(7))
    client.force_login(operator_of(opd))
    data = grid_post(opd, {ind[1].pk: "8", ind[2].pk: "9"})
    if versi is None:
        del data[f"versi-{ind[1].pk}"]
    else:
        data[f"versi-{ind[1].pk}"] = versi
    response = client.post(url(opd), data)
    assert response.status_code == 200
    assert Realisasi.objects.get(indikator=ind[1], tahun=TAHUN, triwulan=2).nilai == 7
    assert not Realisasi.objects.filter(indikator=ind[2]).exists()
    body = html.unescape(response.content.decode())
    cell = body.split(f'id="err-nilai-{ind[1].pk}"', 1)[1].split("</span>", 1)[0]
    assert "Baris 2, Realisasi TW II: halaman tidak mengirim versi baris ini" in cell


def test_a_new_line_without_its_version_is_refused_too(client):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)
    client.force_login(operator_of(opd))
    data = grid_post(opd, {ind[1].pk: "8"})
    del data[f"versi-{ind[1].pk}"]
    assert client.post(url(opd), data).status_code == 200
    assert not Realisasi.objects.filter(indikator__perangkat_daerah=opd).exists()


@pytest.mark.parametrize("typed", ["41,02 triliun", "2,5 juta"])
def test_a_scale_word_is_refused_when_the_indicators_unit_is_itself_scaled(client, typed):
    """An indicator counted in "triliun Rupiah": "41,02 triliun" means 41,02 of its unit, not
    41.020.000.000.000 of it; the grid refuses to guess and says how to write it."""
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    type(ind).objects.filter(pk=ind.pk).update(satuan=f"{typed.split()[1]} Rupiah")
    client.force_login(operator_of(opd))
    data = grid_post(opd, {ind.pk: typed})
    response = client.post(reverse("realisasi_grid", args=[opd.pk, 2023, 2]), data)
    assert "tanpa kata" in html.unescape(response.content.decode())
    assert not Realisasi.objects.filter(indikator=ind).exists()
    assert build_realisasi_grid(opd, 2023, 2)  # the page still reads


def test_a_note_with_a_control_character_is_refused_at_its_row(client):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    client.force_login(operator_of(opd))
    data = grid_post(opd, {ind.pk: "5"}, catatan={ind.pk: "dari laporan\x0c halaman 3"})
    response = client.post(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]), data)
    assert "karakter kendali" in html.unescape(response.content.decode())
    assert not Realisasi.objects.filter(indikator=ind).exists()
