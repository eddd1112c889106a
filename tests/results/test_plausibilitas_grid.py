"""Plausibility at entry on the realisasi grid: a value far from its target or its history is
saved with a warning asking for a note; it stays marked until a note is written; the
verifikator sees it highlighted with its note (rule: ``core.plausibilitas``)."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi
from tests.builders import make_user
from tests.results.helpers import (
    TAHUN,
    grid_post,
    indikator_of,
    make_grid_opd,
    operator_of,
    realisasi,
)
from tests.results.test_realisasi_grid import FIXED_QUERIES

pytestmark = pytest.mark.django_db


def url(opd, triwulan=2):
    return reverse("realisasi_grid", args=[opd.pk, TAHUN, triwulan])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def row_html(body, ind):
    """The ``<tr>`` of ``ind``'s line as the page writes it."""
    return re.search(rf'<tr data-indikator="{ind.pk}"[^>]*>.*?</tr>', body, re.S).group(0)


def history(ind, per_quarter, years=(2020, 2021, 2022)):
    """Earlier years' quarters of ``ind``, each ``per_quarter`` plus a small spread."""
    for tahun in years:
        for tw, selisih in zip((1, 2, 3, 4), (0, 2, -2, 1), strict=True):
            Realisasi.objects.create(indikator=ind, tahun=tahun, triwulan=tw,
                                     teks=str(per_quarter + selisih),
                                     nilai=Decimal(per_quarter + selisih))


@pytest.fixture
def opd():
    return make_grid_opd(3)   # a rate with target 90, two counts with target 100


def test_a_value_far_above_its_target_is_saved_with_a_warning_asking_for_a_note(client, opd):
    rate, _count, _other = indikator_of(opd)
    client.force_login(operator_of(opd))
    response = client.post(url(opd), grid_post(opd, {rate.pk: "250"}), follow=True)
    assert Realisasi.objects.get(indikator=rate, tahun=TAHUN, triwulan=2).nilai == 250
    warned = [m for m in messages_of(response) if "jauh di atas target" in m]
    assert warned == ["Tersimpan dengan peringatan — baris 1, Realisasi TW II: Capaian 277,78% "
                      "jauh di atas target (lebih dari 200%): periksa nilainya, atau jelaskan "
                      "dalam catatan."]
    line = row_html(response.content.decode(), rate)
    assert "perlu-catatan" in line
    assert "Capaian 277,78% jauh di atas target" in line
    assert 'class="cell-warning"' in line


def test_a_note_given_with_the_value_clears_the_mark_but_keeps_the_warning_shown(client, opd):
    rate, _count, _other = indikator_of(opd)
    client.force_login(operator_of(opd))
    response = client.post(url(opd), grid_post(opd, {rate.pk: "250"},
                                                catatan={rate.pk: "Ada program tambahan"}),
                           follow=True)
    assert not [m for m in messages_of(response) if "peringatan" in m]
    line = row_html(response.content.decode(), rate)
    assert "perlu-catatan" not in line and " peringatan" in line
    assert "Capaian 277,78% jauh di atas target" in line


def test_a_warned_value_stays_marked_until_a_note_is_written(client, opd):
    rate, _count, _other = indikator_of(opd)
    realisasi(rate, 2, "5")   # capaian 5,56%: far below the target
    client.force_login(operator_of(opd))
    assert "perlu-catatan" in row_html(client.get(url(opd)).content.decode(), rate)
    client.post(url(opd), grid_post(opd, {}, catatan={rate.pk: "Data baru sebagian"}))
    line = row_html(client.get(url(opd)).content.decode(), rate)
    assert "perlu-catatan" not in line and "jauh di bawah target" in line


def test_a_count_far_from_its_own_history_is_warned_as_an_outlier(client, opd):
    _rate, count, _other = indikator_of(opd)
    history(count, 25)            # about 25 a quarter in 2020-2022
    client.force_login(operator_of(opd))
    response = client.post(url(opd, 1), grid_post(opd, {count.pk: "90"}, triwulan=1),
                           follow=True)
    # 90 of a year's target of 100 in TW I: a high share, not above 200 %; far from 25.
    warned = [m for m in messages_of(response) if "peringatan" in m]
    assert len(warned) == 1 and "Nilai 90 jauh dari riwayat indikator ini (median 25" in warned[0]


def test_the_verifikator_sees_the_warned_row_highlighted_with_its_note(client, opd):
    rate, count, _other = indikator_of(opd)
    realisasi(rate, 2, "250", catatan="Ada program tambahan")
    realisasi(count, 2, "3")      # a count in TW II: a low capaian so far is expected
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status=PelaporanTriwulan.Status.DIAJUKAN)
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    body = client.get(url(opd)).content.decode()
    assert 'name="nilai-' not in body           # read-only
    line = row_html(body, rate)
    assert " peringatan" in line and "Capaian 277,78% jauh di atas target" in line
    assert "Ada program tambahan" in line
    assert " peringatan" not in row_html(body, count)
    assert "Values with a plausibility warning: 1 (0 without a note)" in body or \
        "Nilai dengan peringatan kewajaran: 1 (0 tanpa catatan)" in body


def test_plain_values_give_no_warning(client, opd):
    rate, count, other = indikator_of(opd)
    history(count, 25)
    client.force_login(operator_of(opd))
    response = client.post(url(opd), grid_post(opd, {rate.pk: "88", count.pk: "26",
                                                     other.pk: "30"}), follow=True)
    assert Realisasi.objects.filter(tahun=TAHUN, triwulan=2).count() == 3
    assert not [m for m in messages_of(response) if "peringatan" in m]
    body = response.content.decode()
    assert "cell-warning" not in body and "perlu-catatan" not in body


@pytest.mark.parametrize("n", [3, 30])
def test_the_history_of_earlier_years_costs_one_query_whatever_the_number_of_lines(client, n):
    opd = make_grid_opd(n)
    for ind in indikator_of(opd):
        history(ind, 25)
        realisasi(ind, 1, "25")
        realisasi(ind, 2, "900")   # every line warned
    client.force_login(operator_of(opd))
    client.get(url(opd))  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url(opd)).content.decode()
    assert len(re.findall(r'<tr data-indikator="\d+"[^>]* class="[^"]*perlu-catatan', body)) == n
    assert len(ctx.captured_queries) == FIXED_QUERIES
