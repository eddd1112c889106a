"""The program tree's add forms (issue 13, onboarding walkthrough): programs and kegiatan of
the Kepmendagri list have no indicator, so the add form says so and takes the planner's own
indicator in the same form; a search result fills the add form of its level directly."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import Indikator, Program
from tests.builders import make_opd, make_pemda, make_renstra, make_user
from tests.plans.test_tree import make_edisi

pytestmark = pytest.mark.django_db


@pytest.fixture
def opd():
    return make_opd(pemda=make_pemda(edisi_referensi=make_edisi()), nama="Dinas Sosial")


@pytest.fixture
def renstra(opd):
    return make_renstra(opd, tahun_awal=2025, tahun_akhir=2029)


@pytest.fixture
def client_op(client, opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    return client


def _add(client, opd, renstra, **data):
    return client.post(reverse("program_tambah", args=[opd.pk]), {
        "renstra": renstra.pk, "tingkat": "program", "kode": "1.06.02", "induk": "",
        "dengan_indikator": "1", **data}, follow=True)


def test_a_program_whose_list_has_no_indicator_takes_the_planners_own(client_op, opd,
                                                                       renstra):
    _add(client_op, opd, renstra, indikator_uraian="Persentase PPKS yang diberdayakan",
         indikator_satuan="%")
    program = Program.objects.get(renstra=renstra)
    ind = Indikator.objects.get(program=program)
    assert (ind.uraian, ind.satuan, ind.agregasi) == (
        "Persentase PPKS yang diberdayakan", "%", "nilai_akhir")


def test_without_an_indicator_of_the_list_nor_one_written_the_planner_is_told(client_op, opd,
                                                                               renstra):
    body = _add(client_op, opd, renstra).content.decode()
    assert not Indikator.objects.filter(program__renstra=renstra).exists()
    assert "Daftar kode tidak memuat indikator untuk 1.06.02" in body


def test_the_add_form_offers_the_planners_own_indicator(client_op, opd, renstra):
    body = client_op.get(reverse("program_tree", args=[opd.pk])).content.decode()
    assert 'name="indikator_uraian"' in body and 'name="indikator_satuan"' in body


def test_a_search_result_fills_the_add_form_of_its_level(client_op, opd, renstra):
    body = client_op.get(reverse("program_tree", args=[opd.pk]),
                         {"renstra": renstra.pk, "q": "1.06.02"}).content.decode()
    assert "Salin kode" not in body and "Copy a code" not in body
    assert 'data-pakai="1.06.02"' in body
    pakai = client_op.get(reverse("program_tree", args=[opd.pk]),
                          {"renstra": renstra.pk, "pakai": "1.06.02"}).content.decode()
    form = pakai[pakai.index('id="tambah-program"'):]
    assert 'value="1.06.02"' in form[:form.index("</form>")]


def test_the_search_and_the_add_fields_are_labelled_differently(client_op, opd, renstra):
    body = client_op.get(reverse("program_tree", args=[opd.pk])).content.decode()
    assert body.count("Kode atau nama</label>") + body.count("Kode atau nama <input") <= 1


def test_an_own_indicator_refused_leaves_the_node_unwritten_with_the_message_at_the_form(
        client_op, opd, renstra):
    response = _add(client_op, opd, renstra, indikator_uraian="Persentase PPKS",
                    indikator_satuan="x" * 150)
    assert response.status_code == 400
    assert not Program.objects.filter(renstra=renstra).exists()
    assert "Satuan terlalu panjang" in response.content.decode()
