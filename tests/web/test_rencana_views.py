"""The plan workbook on the Excel page: the OPD's template is downloaded by who may read the
OPD (404 to an outsider); a filled one uploaded on the same page is recognised by its sheets,
previewed, then applied in one transaction."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.adapters.xlsx.rencana import read_rencana
from akuntabel.plans.models import Renstra, SubKegiatan
from tests.adapters.xlsx.test_rencana_import import filled
from tests.adapters.xlsx.test_rencana_import import opd as opd  # a fixture
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def templat(opd):
    return reverse("rencana_templat", args=[opd.pk])


def test_the_owner_downloads_the_template_of_the_pemdas_period(client, opd, tmp_path):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.get(templat(opd))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    path = tmp_path / "t.xlsx"
    path.write_bytes(response.content)
    berkas = read_rencana(path)
    assert (berkas.tahun_awal, berkas.tahun_akhir) == (2025, 2026)
    assert [t for t, _h in berkas.kolom_tahun["Indikator"]] == [2025, 2026]


def test_an_outsider_gets_not_found(client, opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda)))
    assert client.get(templat(opd)).status_code == 404
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.get(templat(opd)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, opd):
    response = client.get(templat(opd))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_filled_workbook_is_previewed_then_applied_on_the_excel_page(client, opd,
                                                                       tmp_path):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    data = filled(opd, tmp_path).read_bytes()
    response = client.post(reverse("excel_unggah", args=[opd.pk, 2025]),
                           {"jenis": "buku", "berkas": SimpleUploadedFile("r.xlsx", data)})
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert "web/rencana_pratinjau.html" in [t.name for t in preview.templates]
    assert preview.context["p"].renstra_baru == "2025–2026"
    assert not Renstra.objects.filter(perangkat_daerah=opd).exists()
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    applied = client.post(reverse("excel_terapkan", args=[opd.pk, 2025, token]),
                          {"alasan": "Renstra awal"})
    assert applied.status_code == 302
    assert SubKegiatan.objects.filter(
        kegiatan__program__renstra__perangkat_daerah=opd).count() == 3
