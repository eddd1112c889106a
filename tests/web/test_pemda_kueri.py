"""The pemda dashboard and the verifikator's inbox make as many queries for a pemda of 5 OPD as
for one of 2, on Kota Contoh's synthetic data (quarterly statuses, returned and submitted
quarters, IKU of the pemda): the pages of a 40-OPD pemda cost no more round trips."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.demo_contoh import PEMDA_KODE, Ukuran, generate, load_contoh, write_files
from akuntabel.organizations.models import Pemda

pytestmark = pytest.mark.django_db
TAHUN = 2025


class _Batal(Exception):
    pass


def _kueri(client, tmp_path, opd: int) -> dict[str, int]:
    """Queries of each page on a Kota Contoh of ``opd`` OPD loaded in a savepoint, rolled back
    after counting."""
    contoh = generate(Ukuran(opd=opd, indikator=7, baris_dpa=12, terlambat=0, dikembalikan=1,
                             diajukan=1))
    hasil: dict[str, int] = {}
    with pytest.raises(_Batal), transaction.atomic():
        load_contoh(write_files(contoh, tmp_path / f"opd-{opd}"), contoh)
        pemda = Pemda.objects.get(kode=PEMDA_KODE)
        client.force_login(User.objects.get(username="contoh-verifikator"))
        for nama in ("pemda_overview", "kotak_masuk"):
            url = reverse(nama, args=[pemda.pk, TAHUN])
            client.get(url)
            cache.clear()  # the figures computed, not read from the cache of computed data
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            hasil[nama] = len(ctx.captured_queries)
        raise _Batal
    return hasil


def test_the_dashboard_and_the_inbox_make_the_same_queries_for_2_and_5_opd(client, tmp_path):
    assert _kueri(client, tmp_path, 5) == _kueri(client, tmp_path, 2)
