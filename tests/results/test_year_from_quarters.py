"""The year's realisasi comes from its quarters when no annual figure is reported, by the
indicator's aggregation, and every reader (the pages, the grid, the LKjIP, the reviu) gets the
same figure and the same target in force (``core.realisasi``, ``core.target``)."""

from decimal import Decimal

import pytest

from akuntabel.core.reviu import run_reviu
from akuntabel.plans.models import PerjanjianKinerja, PerjanjianKinerjaBaris
from akuntabel.results.capaian import compute_capaian_indikator
from akuntabel.results.grid import build_realisasi_grid
from akuntabel.results.models import Realisasi
from akuntabel.reviews.context import build_reviu_data
from tests.builders import make_indikator, make_renstra, make_sasaran, make_target, make_tujuan

pytestmark = pytest.mark.django_db
TAHUN = 2023
D = Decimal


def tw(ind, triwulan, nilai):
    return Realisasi.objects.create(indikator=ind, tahun=TAHUN, triwulan=triwulan,
                                    teks=str(nilai), nilai=D(str(nilai)))


def tahunan(ind, nilai):
    return Realisasi.objects.create(indikator=ind, tahun=TAHUN, teks=str(nilai),
                                    nilai=D(str(nilai)))


def indikator(**kw):
    renstra = make_renstra()
    return make_indikator(sasaran=make_sasaran(make_tujuan(renstra)), **kw)


def test_a_count_entered_per_quarter_becomes_the_years_sum():
    ind = indikator(agregasi="kumulatif", satuan="orang")
    make_target(ind, 100)
    for triwulan, nilai in ((1, 10), (2, 20), (3, 30), (4, 40)):
        tw(ind, triwulan, nilai)
    c = compute_capaian_indikator(ind, TAHUN)
    assert (c.realisasi.nilai, c.realisasi.sumber, c.capaian) == (D(100), "triwulan", D(100))


def test_a_rate_entered_per_quarter_is_its_last_filled_quarter():
    ind = indikator(agregasi="nilai_akhir", satuan="%")
    make_target(ind, 90)
    tw(ind, 1, 80)
    tw(ind, 2, 85)
    c = compute_capaian_indikator(ind, TAHUN)
    assert (c.realisasi.nilai, c.realisasi.sumber) == (D(85), "triwulan")


def test_an_annual_figure_reported_is_kept_and_the_quarters_shown_beside_it():
    ind = indikator(agregasi="kumulatif")
    make_target(ind, 100)
    tahunan(ind, 100)
    tw(ind, 1, 10)
    tw(ind, 2, 20)
    c = compute_capaian_indikator(ind, TAHUN)
    assert (c.realisasi.nilai, c.realisasi.sumber) == (D(100), "input")
    # TW II: the year is not over, the quarters are shown beside it but not yet compared
    assert (c.realisasi.tahun.dari_triwulan, c.realisasi.tahun.berbeda) == (D(30), False)
    tw(ind, 4, 30)
    c = compute_capaian_indikator(ind, TAHUN)
    assert (c.realisasi.nilai, c.realisasi.tahun.dari_triwulan, c.realisasi.tahun.berbeda) \
        == (D(100), D(60), True)


def test_the_reviu_reads_the_year_from_the_quarters_and_flags_an_annual_figure_that_differs():
    ind = indikator(agregasi="kumulatif", uraian="Jumlah penerima")
    make_target(ind, 100)
    for triwulan in (1, 2, 3, 4):
        tw(ind, triwulan, 25)
    data = build_reviu_data(ind.perangkat_daerah, TAHUN)
    (rd_ind,) = data.indikator
    assert rd_ind.realisasi[TAHUN].nilai == D(100)
    assert not [f for f in run_reviu(data) if f.code == "HIT-009"]
    tahunan(ind, 90)
    findings = [f for f in run_reviu(build_reviu_data(ind.perangkat_daerah, TAHUN))
                if f.code == "HIT-009"]
    assert len(findings) == 1
    assert (findings[0].diharapkan, findings[0].ditemukan) == ("100", "90")


def test_the_grid_at_tw_iv_shows_the_capaian_of_the_pages_with_the_same_target_in_force():
    """A blank PK target with a Renja target of 80: the grid once said 75 % while the LKjIP
    and the reviu passed the blank over (and a PK document's row was ignored by the grid)."""
    ind = indikator(agregasi="kumulatif", iku=True)
    make_target(ind, None, "pk", teks="")
    make_target(ind, 80)
    tw(ind, 4, 60)
    other = make_indikator(sasaran=ind.sasaran, agregasi="kumulatif")
    make_target(other, 80)
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=ind.perangkat_daerah, tahun=TAHUN)
    PerjanjianKinerjaBaris.objects.create(perjanjian_kinerja=pk, sasaran=ind.sasaran,
                                          indikator=other, target_teks="50", target=50)
    tw(other, 4, 60)
    rows = {r.indikator.pk: r for r in build_realisasi_grid(ind.perangkat_daerah, TAHUN, 4)}
    for i in (ind, other):
        c = compute_capaian_indikator(i, TAHUN)
        assert (rows[i.pk].target.nilai, rows[i.pk].capaian_sd) == (c.target, c.capaian)
    assert rows[other.pk].capaian_sd == D(120)


def _indikator_page(client, ind):
    from django.urls import reverse

    from akuntabel.accounts.models import Peran
    from tests.builders import make_user

    client.force_login(make_user(Peran.OPERATOR_OPD, opd=ind.perangkat_daerah))
    response = client.get(reverse("indikator_detail", args=[ind.pk]) + f"?tahun={TAHUN}")
    assert response.status_code == 200
    return response.content.decode()


def test_the_indicator_page_says_the_year_comes_from_its_quarters(client):
    ind = indikator(agregasi="kumulatif", satuan="orang")
    make_target(ind, 100)
    tw(ind, 1, 40)
    tw(ind, 2, 50)
    body = _indikator_page(client, ind)
    assert "90 orang†" in body
    assert "realisasinya adalah jumlah triwulan yang terisi" in body


def test_the_indicator_page_says_an_annual_figure_differs_from_its_quarters(client):
    ind = indikator(agregasi="kumulatif", satuan="orang")
    make_target(ind, 100)
    tahunan(ind, 100)
    tw(ind, 1, 40)
    assert "‡" not in _indikator_page(client, ind)  # TW I: the year is not over yet
    tw(ind, 4, 50)
    body = _indikator_page(client, ind)
    assert "100 orang‡" in body
    assert "triwulannya memberi 90 orang" in body


def test_the_grid_at_tw_iv_shows_the_years_figure_from_components_and_says_so(client):
    """At TW IV the grid's figures so far are the year's by the one rule: an IKU computed from
    its components shows the components' figure, named as such (where the quarters' own
    92,78 once gave 101,40 % against the LKjIP's 101,39 %)."""
    from django.urls import reverse

    from akuntabel.accounts.models import Peran
    from akuntabel.results.models import KomponenPerhitungan, Perhitungan
    from tests.builders import make_user

    ind = indikator(agregasi="nilai_akhir", satuan="%", iku=True)
    make_target(ind, "91.5")
    tw(ind, 4, "92.78")
    p = Perhitungan.objects.create(indikator=ind, tahun=TAHUN, penyebut_uraian="PPKS",
                                   penyebut=D(14460))
    KomponenPerhitungan.objects.create(perhitungan=p, uraian="Ditangani", nilai=D(13415))
    (row,) = build_realisasi_grid(ind.perangkat_daerah, TAHUN, 4)
    c = compute_capaian_indikator(ind, TAHUN)
    assert (row.realisasi_sd, row.capaian_sd, row.sumber_tahun) == (
        c.realisasi.nilai, c.capaian, "komponen")
    (tw3,) = build_realisasi_grid(ind.perangkat_daerah, TAHUN, 3)
    assert tw3.sumber_tahun == ""  # before TW IV the quarters so far, as labelled
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=ind.perangkat_daerah))
    body = client.get(reverse("realisasi_grid", args=[ind.perangkat_daerah.pk, TAHUN, 4])
                      ).content.decode()
    assert "101,39%" in body and "dihitung dari komponennya" in body
