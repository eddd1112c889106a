"""Each page reads only the parts of a published final's summary it shows: the home of a pemda
its agencies' IKU and budget totals (a few hundred bytes a final; 40 agencies' whole summaries
made the home 400–500 ms cold, bench/portal.py), the budget per program the programs; and the
summary is the LKjIP maker's, not a special case of the one make-final (reports does not
import the portal)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.reports.final import make_final, set_publikasi
from tests.portal.test_final_terbit import ASAL, CAPAIAN, TAHUN
from tests.test_layers import MODULES, SRC, imported, reaches, under

pytestmark = pytest.mark.django_db


@pytest.fixture
def terbit(demo_opd):
    """The demo's final LKjIP 2023 as its maker makes it, published."""
    for f in make_final(demo_opd, TAHUN, None, formats=("html",), catatan="Uji bagian."):
        set_publikasi(f, True, None)


def sql_dingin(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    return " ".join(q["sql"] for q in ctx.captured_queries), body


def test_the_home_reads_its_agencies_iku_and_totals_not_their_other_figures(
        client, demo_opd, terbit):
    sql, body = sql_dingin(client, reverse("portal:beranda", args=[demo_opd.pemda_id])
                           + f"?tahun={TAHUN}")
    assert CAPAIAN in body and ASAL in body   # the final's figures are shown
    assert '"reports_ringkasfinal"."iku"' in sql
    for dibaca_percuma in ("ringkas_publik", '"reports_ringkasfinal"."indikator"',
                           '"reports_ringkasfinal"."program"'):
        assert dibaca_percuma not in sql


def test_the_budget_per_program_reads_the_programs_alone(client, demo_opd, terbit):
    sql, _body = sql_dingin(client, reverse("portal:anggaran", args=[demo_opd.pemda_id])
                            + f"?tahun={TAHUN}")
    assert '"reports_ringkasfinal"."program"' in sql
    assert '"reports_ringkasfinal"."indikator"' not in sql


def test_reports_import_nothing_from_the_portal():
    # (its migration 0007 aside: written before this wall, it imports the portal's name of
    # the old summary's filler, kept for it)
    crossed = sorted(f"{path.relative_to(SRC)}:{line}: {name}" for path in MODULES
                     if under("reports")(path) and "migrations" not in path.parts
                     for line, name in imported(path) if reaches("akuntabel.portal")(name))
    assert crossed == []


def test_each_csv_of_the_open_data_computes_only_its_own_table(client, demo_opd, terbit):
    def sumber(nama):
        return sql_dingin(client, reverse("portal:sumber", args=[demo_opd.pemda_id, TAHUN, nama]))

    sql, body = sumber("indikator")   # the plans: no figure is read
    assert "Persentase PPKS yang tertangani" in body
    assert "results_realisasi" not in sql and "reports_ringkasfinal" not in sql
    sql, _body = sumber("realisasi-triwulan")   # verified quarters: no year's figure
    assert "results_realisasi" in sql and "reports_ringkasfinal" not in sql
    sql, body = sumber("capaian-indikator")   # the year's figures, from the final
    assert "reports_ringkasfinal" in sql and "LKjIP final" in body
