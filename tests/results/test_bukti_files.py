"""Evidence files and transactions: a removed file is deleted only once the removal is
committed, and an upload whose database write fails leaves no file behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from akuntabel.results import uploads
from akuntabel.results.models import BuktiDukung
from akuntabel.results.uploads import remove_bukti, store_bukti
from tests.results.helpers import indikator_of, make_grid_opd, operator_of, realisasi

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


class Boom(Exception):
    pass


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def setup():
    opd = make_grid_opd(2)
    r = realisasi(indikator_of(opd)[1], 2, "10")
    return opd, r, operator_of(opd)


def stored_files(media):
    return [p for p in media.rglob("*") if p.is_file()]


def test_a_removal_rolled_back_keeps_the_file(setup, media, django_capture_on_commit_callbacks):
    opd, r, user = setup
    bukti = store_bukti(opd, r, SimpleUploadedFile("a.pdf", PDF), user=user, sumber="uji")
    path, pk = media / bukti.berkas.name, bukti.pk
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Boom), transaction.atomic():
            remove_bukti(opd, bukti, user=user, sumber="uji")
            raise Boom  # something later in the same transaction fails
    assert BuktiDukung.objects.filter(pk=pk).exists()
    assert path.read_bytes() == PDF


def test_a_committed_removal_deletes_the_file(setup, media, django_capture_on_commit_callbacks):
    opd, r, user = setup
    bukti = store_bukti(opd, r, SimpleUploadedFile("a.pdf", PDF), user=user, sumber="uji")
    path = media / bukti.berkas.name
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            remove_bukti(opd, bukti, user=user, sumber="uji")
        assert path.exists()  # not before the commit
    assert len(callbacks) == 1
    assert not path.exists()


@pytest.mark.parametrize("where", ["record_change", "save"])
def test_an_upload_whose_database_write_fails_leaves_no_file(setup, media, monkeypatch, where):
    opd, r, user = setup

    def fail(*args, **kwargs):
        raise Boom

    if where == "record_change":
        monkeypatch.setattr(uploads, "record_change", fail)
    else:
        monkeypatch.setattr(BuktiDukung, "save", fail)
    with pytest.raises(Boom), transaction.atomic():
        store_bukti(opd, r, SimpleUploadedFile("a.pdf", PDF), user=user, sumber="uji")
    assert not BuktiDukung.objects.exists()
    assert stored_files(media) == []

