"""A save racing a submission: the lock is checked again inside the save's transaction, on the
period's PelaporanTriwulan row locked for update, so a quarter submitted between the page's
read and the write is refused with nothing written. Workflow transitions lock the same row."""

import pytest
from django.db import connection
from django.db.models.query import QuerySet
from django.http import QueryDict
from django.urls import reverse

from akuntabel.accounts.access import Hak
from akuntabel.audit.models import Perubahan
from akuntabel.common.konflik import TriwulanTerkunci
from akuntabel.reporting import workflow
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results import views
from akuntabel.results.forms import read_grid
from akuntabel.results.grid import build_realisasi_grid
from akuntabel.results.models import Realisasi
from akuntabel.results.writes import save_realisasi_grid
from tests.results.helpers import TAHUN, grid_post, indikator_of, make_grid_opd, operator_of

pytestmark = pytest.mark.django_db


def submit(opd):
    PelaporanTriwulan.objects.update_or_create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                               defaults={"status": "diajukan"})


def test_a_submission_between_the_pages_read_and_the_write_refuses_the_save(client,
                                                                             monkeypatch):
    """The view read the status (draft) before the submission; the save must still see it."""
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    data = grid_post(opd, {ind.pk: "5"})
    real_read_grid = views.read_grid

    def read_then_someone_submits(*args, **kwargs):
        cells = real_read_grid(*args, **kwargs)
        submit(opd)  # the kepala clicks "Ajukan" while the operator's save is on its way
        return cells

    monkeypatch.setattr(views, "read_grid", read_then_someone_submits)
    client.force_login(operator_of(opd))
    response = client.post(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]), data,
                           follow=True)
    assert not Realisasi.objects.filter(indikator=ind).exists()
    assert not Perubahan.objects.filter(model="Realisasi").exists()
    assert any("terkunci" in str(m) for m in response.context["messages"])


def test_the_service_refuses_a_locked_quarter_whatever_its_caller_read():
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    rows = build_realisasi_grid(opd, TAHUN, 2)   # read while still draft
    data = QueryDict(mutable=True)
    data.update(grid_post(opd, {ind.pk: "5"}))
    cells = read_grid(rows, data, 2)
    submit(opd)
    with pytest.raises(TriwulanTerkunci) as refused:
        save_realisasi_grid(opd, TAHUN, 2, cells, user=operator_of(opd))
    assert refused.value.pelaporan.status == "diajukan"
    assert not Realisasi.objects.filter(indikator=ind).exists()


def test_a_draft_save_still_works_and_leaves_the_quarter_draft(client):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    client.force_login(operator_of(opd))
    client.post(reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]), grid_post(opd, {ind.pk: "5"}))
    assert Realisasi.objects.get(indikator=ind, triwulan=2).teks == "5"
    assert workflow.pelaporan_for(opd, TAHUN, 2).status == "draft"


@pytest.fixture
def locks(monkeypatch):
    """Every select_for_update on PelaporanTriwulan, with whether it ran inside a transaction
    (SQLite ignores FOR UPDATE, so the call itself is what can be checked here)."""
    seen = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        if self.model is PelaporanTriwulan:
            seen.append(connection.in_atomic_block)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    return seen


def test_save_locks_the_period_row_inside_its_transaction(locks):
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    data = QueryDict(mutable=True)
    data.update(grid_post(opd, {ind.pk: "5"}))
    cells = read_grid(build_realisasi_grid(opd, TAHUN, 2), data, 2)
    save_realisasi_grid(opd, TAHUN, 2, cells, user=operator_of(opd))
    assert locks == [True]


def test_a_transition_locks_the_period_row_inside_its_transaction(locks):
    opd = make_grid_opd(2)
    hak = Hak(ubah=True)
    workflow.apply_action(opd, TAHUN, 2, "ajukan", hak=hak, user=operator_of(opd))
    assert locks == [True]


def test_two_verifier_clicks_verify_once():
    opd = make_grid_opd(2)
    submit(opd)
    hak = Hak(verifikasi=True)
    user = operator_of(opd)
    workflow.apply_action(opd, TAHUN, 2, "verifikasi", hak=hak, user=user)
    with pytest.raises(workflow.TransisiDitolak):
        workflow.apply_action(opd, TAHUN, 2, "verifikasi", hak=hak, user=user)
    assert Perubahan.objects.filter(model="PelaporanTriwulan", baru="diverifikasi").count() == 1


def test_evidence_upload_and_removal_check_the_lock_on_the_locked_row(client, locks, settings,
                                                                        tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from akuntabel.results.models import BuktiDukung

    settings.MEDIA_ROOT = tmp_path
    opd = make_grid_opd(2)
    ind = indikator_of(opd)[1]
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=2, teks="1", nilai=1)
    client.force_login(operator_of(opd))
    client.post(reverse("bukti_upload", args=[opd.pk, TAHUN, 2, ind.pk]),
                {"berkas": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x")})
    bukti = BuktiDukung.objects.get()
    client.post(reverse("bukti_hapus", args=[bukti.pk]))
    assert not BuktiDukung.objects.exists()
    assert locks == [True, True]
