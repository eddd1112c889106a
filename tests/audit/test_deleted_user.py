"""A deleted user's name stays in the history: each change keeps the name of who made it, as
it was when the change was recorded."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import last_change, record_change
from tests.builders import make_pejabat, make_user

pytestmark = pytest.mark.django_db


def test_a_change_keeps_the_name_of_who_made_it(dinsos):
    budi = make_user(username="budi", first_name="Budi", last_name="Santoso")
    change = record_change(dinsos, make_pejabat(dinsos), "nama", "a", "b", sumber="Uji",
                           oleh=budi)
    assert change.oleh_nama == "Budi Santoso"
    nameless = make_user(username="tanpa-nama")
    change = record_change(dinsos, dinsos, "nama", "a", "b", sumber="Uji", oleh=nameless)
    assert change.oleh_nama == "tanpa-nama"


def test_the_history_pages_still_name_a_deleted_user(client, pemda, dinsos, admin_pemda):
    budi = make_user(username="budi", first_name="Budi", last_name="Santoso")
    p = make_pejabat(dinsos)
    record_change(dinsos, p, "nama", "Sri Amanto", "Sri Amanto, S.H.", sumber="Uji", oleh=budi)
    budi.delete()
    client.force_login(admin_pemda)
    for url in (reverse("riwayat_pemda", args=[pemda.pk]),
                reverse("riwayat_objek", args=["Pejabat", p.pk])):
        body = client.get(url).content.decode()
        assert "Budi Santoso" in body, url
        assert "akun dihapus" in body, url
    body = client.get(reverse("riwayat_pemda", args=[pemda.pk]), {"oleh": "santoso"}).content
    assert "Sri Amanto, S.H." in body.decode()  # found by the name kept


def test_who_changed_an_object_last_is_named_even_when_deleted(dinsos):
    budi = make_user(username="budi", first_name="Budi", last_name="Santoso")
    p = make_pejabat(dinsos)
    record_change(dinsos, p, "nama", "a", "b", sumber="Uji", oleh=budi)
    budi.delete()
    oleh, pada = last_change(p)
    assert oleh == "Budi Santoso" and pada is not None
    assert last_change(make_pejabat(dinsos)) == ("", None)


def test_existing_rows_get_the_name_of_their_user_from_the_migration(dinsos):
    budi = make_user(username="budi", first_name="Budi", last_name="Santoso")
    change = record_change(dinsos, dinsos, "nama", "a", "b", sumber="Uji", oleh=budi)
    system = record_change(dinsos, dinsos, "nama", "b", "c", sumber="Uji", oleh=None)
    Perubahan.objects.update(oleh_nama="")
    migration = importlib.import_module("akuntabel.audit.migrations.0003_perubahan_oleh_nama")
    migration.fill_oleh_nama(apps, None)
    change.refresh_from_db()
    system.refresh_from_db()
    assert change.oleh_nama == "Budi Santoso" and system.oleh_nama == ""
