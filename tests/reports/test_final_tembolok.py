"""The LKjIP page with a final: whether the final is outdated is computed once per data
revision of the OPD (reports.tembolok), not on every view; a write shows it outdated at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.reports.final import make_final
from tests.builders import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kunci_dir(settings, tmp_path):
    settings.AKUNTABEL_KUNCI_DIR = tmp_path / "kunci"
    settings.AKUNTABEL_KUNCI_SWATANDA_OTOMATIS = True


def test_the_outdated_check_is_read_from_the_cache_until_the_data_changes(client, demo_opd):
    make_final(demo_opd, 2023, None, formats=("docx",), catatan="Diterima.")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    url = reverse("lakip", args=[demo_opd.pk, 2023])

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.content.decode()

    pertama, html = count()
    assert 'data-testid="final-kedaluwarsa"' not in html
    kedua, html = count()
    # The comparison reads the OPD's whole data (dozens of queries): the second view does not.
    assert kedua <= pertama - 20 and 'data-testid="final-kedaluwarsa"' not in html
    assert kedua < 40

    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=demo_opd, dpa__tahun=2023,
                                        realisasi__isnull=False).order_by("pk").first()
    sub.realisasi += 1_000_000
    sub.save()
    _, html = count()
    assert 'data-testid="final-kedaluwarsa"' in html and sub.sub_kegiatan.nama in html
