"""/opd/<id>/iku-pemda/: the IKU of the pemda the OPD answers for, its links and their state,
and the form to propose a link (its operator or head; the admin pemda)."""

import pytest
from django.urls import reverse

from akuntabel.daerah.models import TautanIku
from tests.builders import make_user

pytestmark = pytest.mark.django_db


def url(opd):
    return reverse("opd_iku_pemda", args=[opd.pk]) + "?tahun=2026"


def test_the_operator_sees_the_iku_and_proposes_a_link(client, operator_dinsos, dinsos, iku,
                                                       ind_dinsos):
    client.force_login(operator_dinsos)
    response = client.get(url(dinsos))
    assert response.status_code == 200 and iku in response.context["iku"]
    response = client.post(url(dinsos), {"iku": iku.pk, "indikator": ind_dinsos.pk,
                                         "nama": "sos", "catatan": "Data SIKS-NG"})
    assert response.status_code == 302
    tautan = TautanIku.objects.get()
    assert tautan.status == "diusulkan" and tautan.diusulkan_oleh == operator_dinsos


def test_an_indicator_of_another_opd_cannot_be_proposed(client, operator_dinsos, dinsos, iku,
                                                        ind_dinkes):
    client.force_login(operator_dinsos)
    client.post(url(dinsos), {"iku": iku.pk, "indikator": ind_dinkes.pk, "nama": "kes",
                              "catatan": ""})
    assert not TautanIku.objects.exists()


def test_a_bad_name_is_refused_with_a_message(client, operator_dinsos, dinsos, iku,
                                              ind_dinsos):
    client.force_login(operator_dinsos)
    response = client.post(url(dinsos), {"iku": iku.pk, "indikator": ind_dinsos.pk,
                                         "nama": "1 x", "catatan": ""}, follow=True)
    assert not TautanIku.objects.exists() and list(response.context["messages"])


def test_a_verifikator_reads_but_cannot_propose(client, verifikator, dinsos, iku, ind_dinsos):
    client.force_login(verifikator)
    assert client.get(url(dinsos)).status_code == 200
    response = client.post(url(dinsos), {"iku": iku.pk, "indikator": ind_dinsos.pk,
                                         "nama": "sos", "catatan": ""})
    assert response.status_code == 403 and not TautanIku.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "operator_dinkes"])
def test_outsiders_get_a_404(client, request, dinsos, iku, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(dinsos)).status_code == 404


def test_an_iku_of_another_pemda_cannot_be_proposed_to(client, dinsos, ind_dinsos, iku):
    from tests.builders import make_opd
    other_opd = make_opd()
    user = make_user("operator_opd", opd=other_opd)
    client.force_login(user)
    response = client.post(reverse("opd_iku_pemda", args=[other_opd.pk]),
                           {"iku": iku.pk, "indikator": ind_dinsos.pk, "nama": "x"})
    assert response.status_code in (302, 200) and not TautanIku.objects.exists()


def test_a_pemda_wide_reader_is_led_to_the_pemda_iku_pages(client, reviewer, operator_dinsos,
                                                          dinsos, iku):
    client.force_login(reviewer)
    page = client.get(url(dinsos)).content.decode()
    assert reverse("iku_pemda", args=[dinsos.pemda_id]) in page
    assert reverse("iku_detail", args=[iku.pk]) in page
    client.force_login(operator_dinsos)
    page = client.get(url(dinsos)).content.decode()
    assert reverse("iku_detail", args=[iku.pk]) not in page


@pytest.mark.parametrize("bad", ["9" * 25, "-1", "abc", "1" * 5000])
def test_a_crafted_id_in_the_form_is_refused_not_a_crash(client, operator_dinsos, dinsos, iku,
                                                         ind_dinsos, bad):
    client.force_login(operator_dinsos)
    response = client.post(url(dinsos), {"iku": bad, "indikator": bad, "nama": "x"},
                           follow=True)
    assert response.status_code == 200 and not TautanIku.objects.exists()
    assert client.get(reverse("opd_iku_pemda", args=[dinsos.pk]) + f"?tahun={bad}"
                      ).status_code == 200
