"""The Excel page recognises a SIPD export in the budget upload: the same preview (units to
choose from, the tree and amounts it creates or changes, totals) and the same apply."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaSubKegiatan
from tests.adapters.sipd.helpers import DISHUB, MENTAH, make_opd_kosong
from tests.builders import make_opd, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def url(opd, name="excel", *args):
    return reverse(name, args=[opd.pk, 2026, *args])


def upload(client, opd, path, jenis="anggaran"):
    response = client.post(url(opd, "excel_unggah"), {
        "jenis": jenis, "berkas": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302 and "/pratinjau/" in response["Location"], response
    return response["Location"].rstrip("/").rsplit("/", 1)[1]


def _pagu(opd):
    return DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd).aggregate(
        s=Sum("pagu"))["s"]


def test_a_sipd_json_is_previewed_then_applied_from_the_budget_upload(client):
    opd = make_opd_kosong()
    user = make_user(Peran.OPERATOR_OPD, opd=opd)
    client.force_login(user)
    token = upload(client, opd, DISHUB)
    body = client.get(url(opd, "excel_pratinjau", token)).content.decode()
    assert "SIPD" in body and "2.15.02.2.06.0004" in body
    assert "Rp 3.246.116.451" in body and "Rp 1.544.180.227" in body
    assert url(opd, "excel_terapkan", token) in body
    assert _pagu(opd) is None
    response = client.post(url(opd, "excel_terapkan", token))
    assert response.status_code == 302 and response["Location"] == url(opd)
    assert _pagu(opd) == Decimal("3246116451")
    assert Perubahan.objects.filter(perangkat_daerah=opd, oleh=user,
                                    sumber__contains="(web)").exists()


def test_the_workbook_upload_recognises_a_sipd_file_too(client):
    opd = make_opd_kosong()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    token = upload(client, opd, DISHUB, jenis="buku")
    body = client.get(url(opd, "excel_pratinjau", token)).content.decode()
    assert "2.15.02.2.06.0004" in body


def test_a_file_of_several_units_offers_them_and_applies_the_one_chosen(client):
    opd = make_opd_kosong()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    token = upload(client, opd, MENTAH)
    body = client.get(url(opd, "excel_pratinjau", token)).content.decode()
    assert "?unit=2.15.2.10.0.00.01.0000" in body and "Dinas Perhubungan" in body
    assert url(opd, "excel_terapkan", token) not in body
    body = client.get(url(opd, "excel_pratinjau", token) + "?unit=2.15.2.10.0.00.01.0000"
                      ).content.decode()
    assert 'name="unit" value="2.15.2.10.0.00.01.0000"' in body
    response = client.post(url(opd, "excel_terapkan", token), {"unit": "2.15.2.10.0.00.01.0000"})
    assert response.status_code == 302 and response["Location"] == url(opd)
    assert _pagu(opd) > 0


def test_an_outsider_cannot_preview_nor_apply_a_sipd_upload(client):
    opd = make_opd_kosong()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    token = upload(client, opd, DISHUB)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda)))
    assert client.get(url(opd, "excel_pratinjau", token)).status_code == 404
    assert client.post(url(opd, "excel_terapkan", token)).status_code == 404
    assert _pagu(opd) is None


def test_a_bad_sipd_file_shows_its_problems_and_cannot_be_applied(client, tmp_path):
    opd = make_opd_kosong()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    bad = tmp_path / "dishub.json"
    bad.write_text(DISHUB.read_text(encoding="utf-8").replace('"PAGU": 666000',
                                                              '"PAGU": "enam ratus"', 1),
                   encoding="utf-8")
    token = upload(client, opd, bad)
    body = client.get(url(opd, "excel_pratinjau", token)).content.decode()
    assert "dishub.json, elemen 1, kunci PAGU" in body and "enam ratus" in body
    assert url(opd, "excel_terapkan", token) not in body
    response = client.post(url(opd, "excel_terapkan", token))
    assert response.status_code == 302 and "/pratinjau/" in response["Location"]
    assert _pagu(opd) is None
