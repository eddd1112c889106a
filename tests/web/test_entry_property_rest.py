"""Property, for the last entry paths of a number: a PK target in the PK editor, a realisasi in
the Django admin and a value of a dataset file. Whatever is typed, the path refuses it (naming
the place: the row, the field, the dataset path) with nothing written, or stores a value that
fits what may be stored (``core.batas``); afterwards the OPD's pages answer 200. (The grids:
``test_entry_property``; the Renja target and the workbook: ``test_entry_property_more``.)"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings

from akuntabel.accounts.models import Peran
from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import DatasetError, read_dataset
from akuntabel.core.batas import UKURAN, cek_batas
from akuntabel.plans.models import PerjanjianKinerja
from akuntabel.results.models import Realisasi
from tests.adapters.test_dataset_errors import IKU, make_dataset, write
from tests.audit.test_admin_history import _form_data, _url
from tests.builders import make_user
from tests.web.opd_pages import failing_pages
from tests.web.test_entry_property import TEXT

pytestmark = pytest.mark.django_db
TAHUN = 2023
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _fits(nilai: Decimal | None) -> bool:
    return nilai is None or cek_batas(nilai, UKURAN) is None


def test_any_pk_target_typed_in_the_pk_editor_is_refused_at_its_row_or_fits(client, demo_opd):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    baris = pk.baris.first()

    @SETTINGS
    @given(teks=TEXT)
    def enter(teks):
        pk.refresh_from_db()
        before = pk.baris.values_list("target", flat=True).get(pk=baris.pk)
        response = client.post(reverse("pk_ubah", args=[demo_opd.pk, TAHUN]),
                               {"perjanjian": pk.pk, "versi": pk.versi,
                                f"target_{baris.pk}": teks})
        after = pk.baris.values_list("target", flat=True).get(pk=baris.pk)
        if response.status_code == 400:
            event("pk: refused")
            assert "Baris " in response.content.decode()
            assert after == before
        else:
            assert response.status_code == 302, response.status_code
            event("pk: stored")
            assert _fits(after)

    enter()
    # Every OPD page, and the pages of the one indicator whose target the examples typed (the
    # other indicators' pages show values no example touched).
    assert failing_pages(demo_opd, TAHUN, [baris.indikator]) == []


def test_any_realisasi_typed_in_the_admin_is_refused_at_its_field_or_fits(demo_opd):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.create_superuser("super", password="sandi-uji-yang-panjang"))
    r = Realisasi.objects.filter(indikator__perangkat_daerah=demo_opd, tahun=TAHUN).first()

    @SETTINGS
    @given(teks=TEXT)
    def enter(teks):
        data = _form_data(client.get(_url(r)).context["adminform"].form)
        before = Realisasi.objects.get(pk=r.pk).nilai
        response = client.post(_url(r), {**data, "nilai": teks})
        after = Realisasi.objects.get(pk=r.pk).nilai
        if response.status_code == 200:
            event("admin: refused")
            assert "errorlist" in response.content.decode()
            assert after == before
        else:
            assert response.status_code == 302, response.status_code
            event("admin: stored")
            assert _fits(after)

    enter()
    assert failing_pages(demo_opd, TAHUN, [r.indikator]) == []  # as above: its indicator's pages


def test_any_value_of_a_dataset_is_refused_at_its_path_or_loaded_within_bounds(tmp_path):
    loaded = []

    @SETTINGS
    @given(teks=TEXT)
    def enter(teks):
        path = write(tmp_path, make_dataset(**{f"{IKU}.realisasi.2023": teks}))
        try:
            result = load_dataset(read_dataset(path), replace=True)
        except DatasetError as exc:
            event("dataset: refused")
            assert all(": " in p for p in exc.masalah), exc.masalah
            return
        event("dataset: loaded")
        stored = Realisasi.objects.filter(
            indikator__perangkat_daerah=result.perangkat_daerah, tahun=2023, triwulan=0
        ).values_list("nilai", flat=True)
        assert all(_fits(n) for n in stored)
        loaded.append(result.perangkat_daerah)

    enter()
    # Every page of the OPD as the examples left it (each load replaced it), once: rendering
    # every page for every role in each example made the test take minutes.
    if loaded:
        assert failing_pages(type(loaded[-1]).objects.get(pk=loaded[-1].pk), TAHUN) == []
