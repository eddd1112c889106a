"""The pemda's LKjIP final made on its page while the TSA the installation set does not answer
(or without a key where none is made automatically): nothing is written, the admin reads why,
no server error."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from akuntabel.daerah.models import LaporanFinalPemda
from tests.daerah.test_lkjip import TAHUN, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _buat(client, pemda, admin_pemda):
    client.force_login(admin_pemda)
    return client.post(reverse("daerah:lkjip-final", args=[pemda.pk, TAHUN]),
                       {"catatan": "LKjIP OPD menyusul."})


def test_an_unreachable_tsa_refuses_the_pemda_final_with_the_reason(
        world, pemda, admin_pemda, client, settings, tmp_path):  # noqa: F811
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True
    settings.AKUNTABEL_TSA_URL = "http://127.0.0.1:9/tsr"     # nothing listens there
    r = _buat(client, pemda, admin_pemda)
    assert r.status_code == 302
    pesan = " ".join(str(m) for m in get_messages(r.wsgi_request))
    assert "stempel waktu" in pesan and "127.0.0.1:9" in pesan
    assert not LaporanFinalPemda.objects.exists()


def test_a_pemda_without_a_key_is_told_what_to_do(
        world, pemda, admin_pemda, client, settings, tmp_path):  # noqa: F811
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = False
    r = _buat(client, pemda, admin_pemda)
    assert r.status_code == 302
    pesan = " ".join(str(m) for m in get_messages(r.wsgi_request))
    assert "belum punya kunci tanda tangan" in pesan
    assert not LaporanFinalPemda.objects.exists()
