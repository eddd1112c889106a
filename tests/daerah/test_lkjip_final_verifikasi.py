"""The public verification page says a final LKjIP of the pemda is recorded in this Akuntabel,
as it says of an OPD's final: an untouched copy uploaded is valid and recorded."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akuntabel.daerah import lkjip_final
from tests.daerah.test_lkjip import TAHUN, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_an_uploaded_pemda_final_is_valid_and_recorded(client, world, pemda,  # noqa: F811
                                                       admin_pemda):
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("pdf",),
                                  catatan="LKjIP Perangkat Daerah menyusul")
    response = client.post(reverse("verifikasi"), {"berkas": SimpleUploadedFile(
        "lkjip-pemda.pdf", bytes(made[0].isi), "application/pdf")})
    hasil = response.context["hasil"]
    assert hasil.sah, hasil.alasan
    assert hasil.tercatat is True


def test_the_finals_are_listed_with_the_time_written_as_on_the_rest_of_the_page(
        client, world, pemda, admin_pemda):  # noqa: F811
    from django.utils import timezone
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("pdf",),
                                  catatan="LKjIP Perangkat Daerah menyusul")
    client.force_login(admin_pemda)
    html = client.get(reverse("daerah:lkjip", args=[pemda.pk, TAHUN])).content.decode()
    waktu = timezone.localtime(made[0].created_at)
    assert f"{waktu:%H}.{waktu:%M}</td>" in html   # 14.05, as Indonesian writes a time
