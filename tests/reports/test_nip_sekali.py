"""The signer's NIP problem is said once on a page: the LKjIP page's "Before signing" form
names it beside the NIP and does not repeat it in a second box; the final's page lists it
once among the open problems."""

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from tests.builders import make_user

pytestmark = pytest.mark.django_db
PESAN = "terdiri atas 19 digit"


@pytest.mark.parametrize("halaman", ["lakip", "lakip_final", "e81_final"])
def test_the_nip_problem_is_said_once(client, demo_opd, halaman):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    html = client.get(reverse(halaman, args=[demo_opd.pk, 2023])).content.decode()
    assert html.count(PESAN) == 1
