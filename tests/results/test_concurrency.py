"""Two people saving the same realisasi: the second save is refused as a whole, never a silent
overwrite, and the refused user keeps what they typed and sees what is stored now."""

import html
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from akuntabel.common.konflik import KonflikVersi
from akuntabel.results.models import Realisasi
from akuntabel.results.writes import save_realisasi_grid
from tests.results.helpers import TAHUN, grid_post, indikator_of, make_grid_opd, operator_of

pytestmark = pytest.mark.django_db


def url(opd):
    return reverse("realisasi_grid", args=[opd.pk, TAHUN, 2])


def test_the_second_save_is_refused_whole_and_names_who_changed_it():
    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    Realisasi.objects.create(indikator=a, tahun=TAHUN, triwulan=2, teks="10", nilai=10)
    siti = operator_of(opd)
    siti.first_name, siti.last_name = "Siti", "Aminah"
    siti.save()
    first, second = Client(), Client()
    first.force_login(siti)
    second.force_login(operator_of(opd))
    page_of_second = grid_post(opd, {})   # both open the page at versi 1
    first.post(url(opd), grid_post(opd, {a.pk: "15"}))
    typed = {**page_of_second, f"nilai-{a.pk}": "20", f"nilai-{b.pk}": "33"}
    response = second.post(url(opd), typed)
    r = Realisasi.objects.get(indikator=a, triwulan=2)
    assert (r.nilai, r.versi) == (Decimal(15), 2)              # the first save stands
    assert not Realisasi.objects.filter(indikator=b).exists()  # nothing of the second
    body = html.unescape(response.content.decode())
    assert (f"Realisasi '{a}' sudah diubah oleh Siti Aminah pada ") in body
    assert "setelah Anda membuka halaman ini; nilai Anda belum disimpan." in body
    assert 'value="20"' in body and 'value="33"' in body      # what the second user typed
    assert "Tersimpan sekarang: 15" in body                    # and what is stored now
    assert f'name="versi-{a.pk}" value="2"' in body


def test_a_row_deleted_meanwhile_is_a_conflict_too():
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=2, teks="10", nilai=10)
    stale = grid_post(opd, {ind.pk: "11"})
    Realisasi.objects.filter(indikator=ind).delete()
    client = Client()
    client.force_login(operator_of(opd))
    body = html.unescape(client.post(url(opd), stale).content.decode())
    assert "sudah dihapus orang lain" in body
    assert not Realisasi.objects.filter(indikator=ind).exists()


def test_the_conditional_update_refuses_a_write_that_lost_the_race():
    """The check before writing passed, then someone saved: the UPDATE … WHERE versi = old
    writes nothing and the whole transaction is rolled back."""
    from akuntabel.results.forms import read_grid
    from akuntabel.results.grid import build_realisasi_grid

    opd = make_grid_opd(3)
    _, a, b = indikator_of(opd)
    Realisasi.objects.create(indikator=a, tahun=TAHUN, triwulan=2, teks="10", nilai=10)
    rows = build_realisasi_grid(opd, TAHUN, 2)
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update(grid_post(opd, {a.pk: "12", b.pk: "5"}))
    cells = read_grid(rows, data, 2)
    Realisasi.objects.filter(indikator=a).update(nilai=99, versi=2)  # the other save
    with pytest.raises(KonflikVersi):
        save_realisasi_grid(opd, TAHUN, 2, cells, user=operator_of(opd))
    assert Realisasi.objects.get(indikator=a).nilai == Decimal(99)
    assert not Realisasi.objects.filter(indikator=b).exists()


def test_a_tampered_version_is_refused():
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    client = Client()
    client.force_login(operator_of(opd))
    client.post(url(opd), {**grid_post(opd, {ind.pk: "4"}), f"versi-{ind.pk}": "abc"})
    assert not Realisasi.objects.filter(indikator=ind).exists()
