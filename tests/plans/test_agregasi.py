"""A new indicator's aggregation: chosen in the form, or (left on "by the unit") taken from
its unit by ``core.rencana.agregasi_menurut_satuan``; in the program tree as well. The Renja's
message on quarters that do not make the year names the aggregation and links to where it is
changed (issue 13, onboarding walkthrough)."""

import re

import pytest
from django.urls import reverse

from akuntabel.plans import structure, tree
from akuntabel.plans.models import Indikator, Rpjmd

pytestmark = pytest.mark.django_db


@pytest.fixture
def renstra(opd, operator):
    Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2027, tahun_akhir=2031, visi="Sehat")
    return structure.buat_renstra(opd, tahun_awal=2027, tahun_akhir=2031, user=operator)


@pytest.fixture
def sasaran(renstra, operator):
    tujuan = structure.tambah(renstra, "tujuan", {"uraian": "Derajat kesehatan"}, user=operator)
    return structure.tambah(tujuan, "sasaran", {"uraian": "Menurunnya stunting"}, user=operator)


def _add(client, renstra, sasaran, **data):
    return client.post(reverse("renstra_tambah", args=[renstra.pk, "indikator"]),
                       {"induk": f"sasaran-{sasaran.pk}", "polaritas": "naik",
                        "metode_turun": "selisih", **data})


@pytest.mark.parametrize(("satuan", "agregasi"), [
    pytest.param("%", "nilai_akhir", id="a percentage left to the unit -> last value"),
    pytest.param("orang", "kumulatif", id="a count left to the unit -> cumulative"),
])
def test_an_indicator_left_to_its_unit_takes_the_units_aggregation(
        client, operator, renstra, sasaran, satuan, agregasi):
    client.force_login(operator)
    assert _add(client, renstra, sasaran, uraian="Indikator", satuan=satuan,
                agregasi="").status_code == 302
    assert Indikator.objects.get(sasaran=sasaran).agregasi == agregasi


def test_a_chosen_aggregation_is_kept_whatever_the_unit(client, operator, renstra, sasaran):
    client.force_login(operator)
    _add(client, renstra, sasaran, uraian="Indikator", satuan="%", agregasi="kumulatif")
    assert Indikator.objects.get(sasaran=sasaran).agregasi == "kumulatif"


def test_the_new_indicator_form_offers_by_the_unit_first(client, operator, renstra, sasaran):
    client.force_login(operator)
    body = client.get(reverse("renstra_editor", args=[renstra.pk])).content.decode()
    select = re.search(r'<select[^>]*name="agregasi">(.*?)</select>', body, re.S).group(1)
    pertama = re.search(r'<option value="([^"]*)"([^>]*)>([^<]*)<', select)
    assert pertama.group(1) == "" and "selected" in pertama.group(2)
    assert "satuan" in pertama.group(3)


def test_a_tree_indicator_takes_its_units_aggregation(operator, renstra):
    from tests.builders import make_program

    program = make_program(renstra, kode="1.02.02", nama="Program Pemenuhan Upaya Kesehatan")
    ind = tree.tambah_indikator(program, "Cakupan imunisasi", "%", user=operator)
    assert ind.agregasi == "nilai_akhir"


def test_the_renja_message_names_the_aggregation_and_links_to_where_it_is_changed(
        client, operator, opd, renstra, sasaran):
    from tests.builders import make_indikator, make_target

    ind = make_indikator(sasaran=sasaran, satuan="%", agregasi="kumulatif")
    make_target(ind, "52", tahun=2027)
    for n, value in enumerate(["50", "52", "52", "52"], start=1):
        make_target(ind, value, tahun=2027, triwulan=n)
    client.force_login(operator)
    body = client.get(reverse("renja_grid", args=[opd.pk, 2027])).content.decode()
    assert "TW I–IV berjumlah 206" in body
    assert "kumulatif (dijumlah)" in body
    assert f'{reverse("renstra_editor", args=[renstra.pk])}#indikator-{ind.pk}' in body
