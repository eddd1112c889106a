"""A preview token is valid for a limited time (``AKUNTABEL_EXCEL_PREVIEW_MINUTES``, 30) and only
for the user who uploaded it; after apply or cancel it is gone. An expired token gives a clear
message and its file is removed; a used or foreign token is not found; none of them reads the
file again."""

import json
import os
import time
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.results.models import Realisasi
from akuntabel.web import excel_views
from tests.builders import make_user
from tests.web.test_excel_views import changed_realisasi, download, texts, token_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def operator(demo_opd):
    return make_user(Peran.OPERATOR_OPD, opd=demo_opd)


@pytest.fixture
def owner(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture
def no_reading(monkeypatch):
    """Fail the test if the upload is read (parsed) again."""
    def read(*args, **kwargs):
        raise AssertionError("the upload was read again")
    monkeypatch.setattr(excel_views, "_read", read)


def url(opd, name, token, tahun=2023):
    return reverse(name, args=[opd.pk, tahun, token])


def age(media, token, minutes) -> None:
    """Make the upload of ``token`` ``minutes`` old."""
    meta = Path(media) / "tmp" / token / "meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["waktu"] = time.time() - minutes * 60
    meta.write_text(json.dumps(data), encoding="utf-8")


def changed_upload(client, opd) -> tuple[str, object]:
    data, ind = changed_realisasi(download(client, opd), opd, value=7)
    return token_of(upload(client, opd, data)), ind


@pytest.mark.parametrize("view", ["excel_pratinjau", "excel_terapkan", "excel_batal"])
def test_an_expired_preview_gives_a_message_removes_the_file_and_is_not_read(
        owner, demo_opd, media, no_reading, view):
    token, ind = changed_upload(owner, demo_opd)
    age(media, token, 31)
    call = owner.get if view == "excel_pratinjau" else owner.post
    response = call(url(demo_opd, view, token))
    assert response.status_code == 302
    assert response["Location"] == reverse("excel", args=[demo_opd.pk, 2023])
    assert texts(response) == ["Pratinjau ini sudah kedaluwarsa (pratinjau disimpan 30 menit); "
                               "tidak ada yang ditulis. Unggah berkasnya lagi."]
    assert not (Path(media) / "tmp" / token).exists()
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=3).exists()
    assert call(url(demo_opd, view, token)).status_code == 404  # gone for good


def test_a_preview_is_kept_for_the_minutes_set_in_settings(owner, demo_opd, media, settings):
    settings.AKUNTABEL_EXCEL_PREVIEW_MINUTES = 120
    token, ind = changed_upload(owner, demo_opd)
    age(media, token, 119)
    assert owner.get(url(demo_opd, "excel_pratinjau", token)).status_code == 200
    assert owner.post(url(demo_opd, "excel_terapkan", token)).status_code == 302
    assert Realisasi.objects.get(indikator=ind, tahun=2023, triwulan=3).nilai == 7


def test_expired_uploads_of_others_are_swept_at_the_next_upload(owner, demo_opd, media):
    old, _ind = changed_upload(owner, demo_opd)
    age(media, old, 31)
    folder = Path(media) / "tmp" / old
    stamp = time.time() - 31 * 60
    for path in (*folder.iterdir(), folder):
        os.utime(path, (stamp, stamp))
    fresh, _ind = changed_upload(owner, demo_opd)
    assert not folder.exists()
    assert (Path(media) / "tmp" / fresh).is_dir()


def test_a_preview_applied_twice_writes_once(owner, demo_opd, media):
    token, ind = changed_upload(owner, demo_opd)
    assert owner.post(url(demo_opd, "excel_terapkan", token)).status_code == 302
    tercatat = Perubahan.objects.filter(perangkat_daerah=demo_opd, model="Realisasi").count()
    assert owner.post(url(demo_opd, "excel_terapkan", token)).status_code == 404
    assert owner.get(url(demo_opd, "excel_pratinjau", token)).status_code == 404
    assert Perubahan.objects.filter(perangkat_daerah=demo_opd, model="Realisasi").count() \
        == tercatat
    assert Realisasi.objects.get(indikator=ind, tahun=2023, triwulan=3).versi == 1


def test_an_apply_already_under_way_is_not_run_a_second_time(owner, demo_opd, media,
                                                             no_reading):
    token, ind = changed_upload(owner, demo_opd)
    folder = Path(media) / "tmp" / token
    (folder / "meta.json").rename(folder / "meta.dipakai")  # a first click is being applied
    assert owner.post(url(demo_opd, "excel_terapkan", token)).status_code == 404
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=3).exists()


def test_an_apply_that_writes_nothing_keeps_the_preview(owner, demo_opd, media):
    token, ind = changed_upload(owner, demo_opd)
    response = owner.post(url(demo_opd, "excel_terapkan", token), {"konflik": "9"})
    assert response["Location"] == url(demo_opd, "excel_pratinjau", token)
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=3).exists()
    assert owner.get(url(demo_opd, "excel_pratinjau", token)).status_code == 200


def test_a_cancelled_preview_is_gone(owner, demo_opd, media, no_reading):
    token, _ind = changed_upload(owner, demo_opd)
    assert owner.post(url(demo_opd, "excel_batal", token)).status_code == 302
    assert owner.get(url(demo_opd, "excel_pratinjau", token)).status_code == 404
    assert owner.post(url(demo_opd, "excel_terapkan", token)).status_code == 404


def test_another_editor_of_the_same_agency_cannot_use_the_token(owner, demo_opd, media):
    token, ind = changed_upload(owner, demo_opd)
    stranger = Client()
    stranger.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(excel_views, "_read", lambda *a, **k: pytest.fail("the upload was read"))
        assert stranger.get(url(demo_opd, "excel_pratinjau", token)).status_code == 404
        assert stranger.post(url(demo_opd, "excel_terapkan", token)).status_code == 404
        assert stranger.post(url(demo_opd, "excel_batal", token)).status_code == 404
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=3).exists()
    assert owner.get(url(demo_opd, "excel_pratinjau", token)).status_code == 200  # still theirs
