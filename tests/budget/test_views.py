"""The budget page (DPA tree) and the fragment of one sub kegiatan's rekening lines."""

import html
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import akuntabel.budget
from akuntabel.accounts.models import Peran
from akuntabel.budget.models import DpaLine, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.budget.views import INLINE_MAX_LINES
from tests.budget.synthetic import make_dpa
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db

KELEMBAGAAN = "Kelembagaan Masyarakat"


def url(opd, tahun=2023):
    return reverse("anggaran", args=[opd.pk, tahun])


def sub_url(opd, sub_pk, tahun=2023):
    return reverse("anggaran_sub", args=[opd.pk, tahun, sub_pk])


def _kelembagaan(demo_opd):
    return DpaSubKegiatan.objects.get(dpa__perangkat_daerah=demo_opd, dpa__tahun=2023,
                                      sub_kegiatan__nama__contains=KELEMBAGAAN)


def test_owner_sees_the_tree_with_totals_and_a_rekening_line(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd)).content.decode()
    for figure in ("Rp 5.093.068.611", "Rp 4.825.424.420", "94,74%"):
        assert figure in body, figure
    line = DpaLine.objects.get(anggaran=_kelembagaan(demo_opd), kode_rekening="5.1.02.01.01.0024")
    assert f'id="node-rekening-{line.pk}"' in body
    assert "Belanja Alat/Bahan untuk Kegiatan Kantor" in body
    assert 'id="node-sub_kegiatan-' in body and 'id="node-program-' in body
    assert "tidak memuat realisasi per triwulan" in body  # said, not hidden


def test_the_tree_shows_each_rows_depth_without_an_inline_style(client, demo_opd):
    """The site's Content-Security-Policy (style-src 'self') blocks style attributes: a row's
    depth set by style="--d:…" was dropped by the browser and the tree lost its indentation.
    The depth is a class the stylesheet knows."""
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.get(url(demo_opd, 2023) + f"?sub={_kelembagaan(demo_opd).pk}")
    body = response.content.decode()
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert ' style="' not in body
    depths = {int(d) for d in re.findall(r'class="baris[^"]* d-(\d+)', body)}
    assert {0, 1, 2, 3} <= depths, depths
    css = (Path(akuntabel.budget.__file__).parent / "static/budget/anggaran.css").read_text()
    for d in depths:
        assert f".d-{d} " in css or f".d-{d}," in css, d


def test_the_kelembagaan_masyarakat_subtotals_that_do_not_add_up_are_shown(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    body = client.get(url(demo_opd)).content.decode()
    # Belanja Barang Pakai Habis is printed 5.803.350; its four lines add up to 2.983.350.
    assert "Rp 5.803.350" in body and "Rp 2.983.350" in body
    # And the sub kegiatan's DPA pagu 109.003.350 against its lines' 102.983.350.
    assert "Rp 109.003.350" in body and "Rp 102.983.350" in body


def test_the_printed_totals_elsewhere_are_compared_with_the_dpa(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    body = client.get(url(demo_opd)).content.decode()
    assert "3.9 Realisasi Anggaran" in body


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER, Peran.ADMIN_PEMDA,
                                   Peran.KEPALA_OPD])
def test_every_role_of_the_pemda_reads_it(client, demo_opd, peran):
    client.force_login(make_user(peran, opd=demo_opd, pemda=demo_opd.pemda))
    assert client.get(url(demo_opd)).status_code == 200


def test_operator_of_another_agency_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.get(url(demo_opd)).status_code == 404
    assert client.get(sub_url(demo_opd, _kelembagaan(demo_opd).sub_kegiatan_id)).status_code == 404


def test_verifier_of_another_pemda_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(url(demo_opd)).status_code == 404
    assert client.get(sub_url(demo_opd, _kelembagaan(demo_opd).sub_kegiatan_id)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    for u in (url(demo_opd), sub_url(demo_opd, _kelembagaan(demo_opd).sub_kegiatan_id)):
        response = client.get(u)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_a_year_without_dpa_and_a_bad_sub_parameter_do_not_crash(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert "Belum ada anggaran" in client.get(url(demo_opd, 1999)).content.decode()
    assert client.get(url(demo_opd) + "?sub=abc").status_code == 200


def test_the_fragment_holds_the_lines_of_one_sub_kegiatan(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    anggaran = _kelembagaan(demo_opd)
    body = client.get(sub_url(demo_opd, anggaran.sub_kegiatan_id)).content.decode()
    assert "5.1.02.01.01.0024" in body and "Rp 5.803.350" in body
    assert "<html" not in body


def test_the_fragment_of_a_sub_kegiatan_outside_the_dpa_is_not_found(client, demo_opd):
    other = make_opd(pemda=demo_opd.pemda)
    make_dpa(other, 40)
    foreign = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=other).first()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(sub_url(demo_opd, foreign.sub_kegiatan_id)).status_code == 404
    assert client.get(sub_url(demo_opd, 10**9)).status_code == 404


def _queries(client, opd, query=""):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(opd) + query)
    assert response.status_code == 200
    return len(ctx)


def test_the_page_uses_the_same_number_of_queries_for_a_small_and_a_large_dpa(client):
    small, large = make_opd(), make_opd()
    make_dpa(small, 100)
    make_dpa(large, 2000)
    user = make_user(Peran.VERIFIKATOR, pemda=small.pemda)
    make_user(Peran.VERIFIKATOR, pemda=large.pemda)
    client.force_login(user)
    n_small = _queries(client, small)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=large))
    assert _queries(client, large) == n_small
    # one more with ?sub=: whether that sub kegiatan is in the DPA (the key of the cached page)
    assert _queries(client, large, "?sub=1") == n_small + 1


def test_a_large_dpa_loads_its_lines_on_demand_with_a_link_for_browsers_without_js(client):
    opd = make_opd()
    make_dpa(opd, INLINE_MAX_LINES + 500)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.get(url(opd)).content.decode()
    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd).first()
    assert f'data-rincian="{sub_url(opd, sub.sub_kegiatan_id)}"' in body
    assert f'href="?sub={sub.sub_kegiatan_id}#node-sub_kegiatan-{sub.sub_kegiatan_id}"' in body
    assert "5.1.02.01.01.0001" not in body
    opened = client.get(url(opd) + f"?sub={sub.sub_kegiatan_id}").content.decode()
    assert opened.count("5.1.02.01.01.0001") == 1


# --- Realisasi per triwulan on the tree -------------------------------------------------------


def _quarters(opd, values):
    """``values``: {DpaSubKegiatan: {triwulan: nilai}}."""
    for anggaran, per_tw in values.items():
        for tw, nilai in per_tw.items():
            RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=anggaran, triwulan=tw,
                                                     nilai=nilai)


def _subs(opd):
    return list(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd)
                .select_related("sub_kegiatan__kegiatan__program").order_by("sub_kegiatan__kode"))


def _row(body, anchor):
    """The text of one tree row (its <summary> or leaf <div>: one line of the page)."""
    start = body.index(f'id="{anchor}"')
    return body[start:body.index("\n", start)]


def test_the_tree_shows_tw_columns_summed_up_to_kegiatan_program_and_total(client):
    opd = make_opd()
    make_dpa(opd, 60, subs_per_kegiatan=2)   # 3 sub kegiatan: two in kegiatan 1, one in 2
    a, b, c = _subs(opd)
    _quarters(opd, {a: {1: 1_000_000, 2: 2_000_000}, b: {1: 500_000}, c: {4: 7_000_000}})
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.get(url(opd)).content.decode()
    assert 'class="pohon dengan-tw"' in body
    sub_a = _row(body, f"node-sub_kegiatan-{a.sub_kegiatan_id}")
    assert ('<span class="num tw">Rp 1.000.000</span><span class="num tw">Rp 2.000.000</span>'
            '<span class="num tw">–</span><span class="num tw">–</span>') in sub_a
    kegiatan = _row(body, f"node-kegiatan-{a.sub_kegiatan.kegiatan_id}")
    assert ('<span class="num tw">Rp 1.500.000</span><span class="num tw">Rp 2.000.000</span>'
            '<span class="num tw">–</span><span class="num tw">–</span>') in kegiatan
    program = _row(body, f"node-program-{a.sub_kegiatan.kegiatan.program_id}")
    assert ('<span class="num tw">Rp 1.500.000</span><span class="num tw">Rp 2.000.000</span>'
            '<span class="num tw">–</span><span class="num tw">Rp 7.000.000</span>') in program
    total = body[body.index('class="baris jumlah"'):]
    assert '<span class="num tw">Rp 7.000.000</span></div>' in total
    # Rekening lines carry no quarterly values.
    line = DpaLine.objects.filter(anggaran=a, rincian__isnull=True).first()
    assert ('<span class="num tw">–</span>' * 4) in _row(body, f"node-rekening-{line.pk}")
    for n in (1, 2, 3, 4):
        assert reverse("anggaran_realisasi", args=[opd.pk, 2023, n]) in body


def test_the_sum_of_the_quarters_against_the_annual_realisation_is_flagged_never_replaced(
        client):
    opd = make_opd()
    make_dpa(opd, 60)            # annual realisasi of each sub kegiatan: Rp 13.500.000
    a, b, c = _subs(opd)
    _quarters(opd, {a: {1: 3_000_000, 2: 3_000_000, 3: 3_000_000, 4: 4_500_000},
                    b: {1: 1_000_000, 4: 500_000},   # the year is complete: below it
                    c: {1: 1_000_000}})              # TW I only: the year is not complete
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = html.unescape(client.get(url(opd)).content.decode())
    flag = "Jumlah TW I–IV Rp 1.500.000 ≠ realisasi tahunan DPA Rp 13.500.000"
    assert flag in _row(body, f"node-sub_kegiatan-{b.sub_kegiatan_id}")
    assert "≠ realisasi tahunan" not in _row(body, f"node-sub_kegiatan-{a.sub_kegiatan_id}")
    assert "≠ realisasi tahunan" not in _row(body, f"node-sub_kegiatan-{c.sub_kegiatan_id}")
    assert "Sub kegiatan yang jumlah TW I–IV-nya berbeda dengan realisasi tahunan: 1." in body
    assert "Jumlah TW I–IV Rp 16.000.000 ≠ realisasi tahunan DPA Rp 40.500.000" in body
    assert "Rp 40.500.000" in body.split('class="baris jumlah"')[1]   # the total stays annual


def test_without_quarterly_values_there_are_no_tw_columns(client):
    opd = make_opd()
    make_dpa(opd, 40)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.get(url(opd)).content.decode()
    assert "dengan-tw" not in body and 'class="num tw"' not in body
    assert reverse("anggaran_realisasi", args=[opd.pk, 2023, 1]) in body


def test_the_fragment_has_dashes_in_the_tw_columns_when_the_year_has_quarters(client):
    opd = make_opd()
    make_dpa(opd, 40)
    a, _b = _subs(opd)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    assert 'class="num tw"' not in client.get(sub_url(opd, a.sub_kegiatan_id)).content.decode()
    _quarters(opd, {a: {1: 1}})
    body = client.get(sub_url(opd, a.sub_kegiatan_id)).content.decode()
    assert ('<span class="num tw">–</span>' * 4) in body


def test_quarterly_values_keep_the_query_count_fixed(client):
    small, large = make_opd(), make_opd()
    make_dpa(small, 100)
    make_dpa(large, 2000)
    for opd in (small, large):
        _quarters(opd, {s: {1: 10, 2: 20} for s in _subs(opd)})
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=small))
    n_small = _queries(client, small)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=large))
    assert _queries(client, large) == n_small
    # one more with ?sub=: whether that sub kegiatan is in the DPA (the key of the cached page)
    assert _queries(client, large, "?sub=1") == n_small + 1
