"""A final made on its page while the TSA the installation set does not answer: nothing is
written and the kepala reads why (not that the pemda has no key). The OPD is a small one built
here: its short LKjIP is rendered to PDF before the signature asks the TSA, as the demo's long
one was, in a fraction of the time."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.reports.models import LaporanFinal
from tests.builders import (
    make_indikator,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_an_unreachable_tsa_refuses_the_final_on_its_page_with_the_reason(
        client, settings, tmp_path):
    renstra = make_renstra()
    opd = renstra.perangkat_daerah
    make_target(make_indikator(sasaran=make_sasaran(make_tujuan(renstra))), 80)
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True
    settings.AKUNTABEL_TSA_URL = "http://127.0.0.1:9/tsr"     # nothing listens there
    client.force_login(make_user(Peran.KEPALA_OPD, opd=opd, username="kepala_tsa"))
    r = client.post(reverse("lakip_final", args=[opd.pk, 2023]),
                    {"catatan": "Temuan reviu diketahui."})
    assert r.status_code == 302
    pesan = " ".join(str(m) for m in get_messages(r.wsgi_request))
    assert "stempel waktu" in pesan and "127.0.0.1:9" in pesan
    assert not LaporanFinal.objects.filter(perangkat_daerah=opd).exists()
