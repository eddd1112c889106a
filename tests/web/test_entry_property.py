"""Property: whatever is typed into the realisasi grid or the budget realisasi grid (any text,
any Decimal written any way: huge, tiny, NaN, exponents, Indonesian format), the save either
refuses it with a message at its cell and writes nothing, or stores the value typed; and
afterwards every page of the OPD answers 200 for every role."""

from decimal import Context, Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import Dpa, DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.core.angka import Angka, AngkaError, format_angka, parse_angka, parse_rupiah
from akuntabel.plans.models import SubKegiatan
from akuntabel.results.models import Realisasi
from tests.builders import make_user
from tests.results.helpers import TAHUN, indikator_of, make_grid_opd
from tests.web.opd_pages import failing_pages

pytestmark = pytest.mark.django_db

DECIMALS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-10**25, max_value=10**25, places=6),
    st.integers(min_value=-10**40, max_value=10**40).map(Decimal),
    st.integers(-10**20, 10**20).map(lambda n: Decimal(n).scaleb(-7)),
)


def _written(d: Decimal) -> st.SearchStrategy[str]:
    """One Decimal written the ways people and programs write it."""
    ways = [st.just(str(d)), st.just(f"{d:E}")]
    if d.is_finite() and abs(d.adjusted()) < 60:
        ways += [st.just(f"{d:f}"), st.just(format_angka(d, max(0, -d.as_tuple().exponent))),
                 st.just("Rp " + format_angka(d)), st.just(f"{d:f}".replace(".", ","))]
    return st.one_of(ways)


WITHIN = st.one_of(  # values both grids store, as people type them
    st.decimals(min_value=0, max_value=10**15 - 1, places=2),
    st.integers(min_value=0, max_value=10**6).map(Decimal),
).flatmap(_written)

TEXT = st.one_of(
    st.text(max_size=30),
    DECIMALS.flatmap(_written),
    WITHIN,
    WITHIN,
    st.sampled_from([
        "", " ", "-", "1.234,5", "Rp 1.000.000", "1e5", "12 orang", "75 %", "NaN", "Infinity",
        "99999999999999999999", "999.999.999.999.999", "1.000.000.000.000.000",
        "999.999.999.999.999.999,99", "0,00001", "0,0001", "1,2,3", "٣", "1.25.000",
        "-999.999.999.999.999", "Rp 5.000,-", "1" * 61, "9" * 400,
    ]),
)


def _same_as_stored(stored: Decimal, typed: Decimal) -> bool:
    """The value stored is the one typed; SQLite keeps 15 significant digits (Django's
    documented limit), so there a longer value is compared at that precision."""
    if stored == typed:
        return True
    if connection.vendor == "sqlite" and len(typed.normalize().as_tuple().digits) > 15:
        event("SQLite kept 15 significant digits")
        return stored == Context(prec=15).create_decimal(typed)
    return False


@pytest.fixture
def world():
    """An OPD with three indicators on its 2023 grid and a DPA of its two sub kegiatan."""
    opd = make_grid_opd(3)
    dpa = Dpa.objects.create(perangkat_daerah=opd, tahun=TAHUN)
    for sub in SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=opd):
        DpaSubKegiatan.objects.create(dpa=dpa, sub_kegiatan=sub, pagu=Decimal(15_000_000),
                                      pagu_murni=Decimal(15_000_000))
    client = Client(raise_request_exception=False)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    return opd, client


def _grid(world, triwulan, values):
    """Type ``values`` into the first lines of the indicators' grid (the others are not
    sent); check refusal or storage."""
    opd, client = world
    ind = indikator_of(opd)
    before = {r.indikator_id: (r.nilai, r.versi) for r in Realisasi.objects.filter(
        indikator__perangkat_daerah=opd, tahun=TAHUN, triwulan=triwulan)}
    data = {"aksi": "simpan"}
    for i, teks in zip(ind, values, strict=False):
        data |= {f"nilai-{i.pk}": teks, f"catatan-{i.pk}": "",
                 f"versi-{i.pk}": str(before.get(i.pk, (None, 0))[1])}
    url = reverse("realisasi_grid", args=[opd.pk, TAHUN, triwulan])
    response = client.post(url, data)
    after = {r.indikator_id: r.nilai for r in Realisasi.objects.filter(
        indikator__perangkat_daerah=opd, tahun=TAHUN, triwulan=triwulan)}
    if response.status_code == 200:
        event("grid: refused")
        body = response.content.decode()
        assert 'class="cell-error" role="alert"' in body
        assert after == {k: v[0] for k, v in before.items()}  # nothing written
        return
    assert response.status_code == 302, response.status_code
    event("grid: stored")
    for i, teks in zip(ind, values, strict=False):
        hasil = parse_angka(teks)
        if not teks.strip():
            assert i.pk not in after
        else:
            assert isinstance(hasil, Angka)
            assert _same_as_stored(after[i.pk], hasil.nilai), (teks, after[i.pk])
    assert client.get(url).status_code == 200


def _budget_grid(world, triwulan, values):
    """Type ``values`` into the first lines of the budget realisasi grid; check refusal or
    storage."""
    opd, client = world
    subs = list(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd).order_by("pk"))
    before = {r.dpa_sub_kegiatan_id: (r.nilai, r.versi) for r in
              RealisasiAnggaranTriwulan.objects.filter(dpa_sub_kegiatan__in=subs,
                                                       triwulan=triwulan)}
    data = {"aksi": "simpan"}
    for s, teks in zip(subs, values, strict=False):
        data |= {f"nilai-{s.pk}": teks, f"versi-{s.pk}": str(before.get(s.pk, (None, 0))[1])}
    url = reverse("anggaran_realisasi", args=[opd.pk, TAHUN, triwulan])
    response = client.post(url, data)
    after = {r.dpa_sub_kegiatan_id: r.nilai for r in RealisasiAnggaranTriwulan.objects.filter(
        dpa_sub_kegiatan__in=subs, triwulan=triwulan)}
    if response.status_code == 200:
        event("budget grid: refused")
        assert 'class="cell-error" role="alert"' in response.content.decode()
        assert after == {k: v[0] for k, v in before.items()}  # nothing written
        return
    assert response.status_code == 302, response.status_code
    event("budget grid: stored")
    for s, teks in zip(subs, values, strict=False):
        if not teks.strip():
            assert s.pk not in after
        else:
            try:
                typed = parse_rupiah(teks)
            except AngkaError:
                pytest.fail(f"{teks!r} was not an amount yet saved")
            assert _same_as_stored(after[s.pk], typed), (teks, after[s.pk])
    assert client.get(url).status_code == 200


def test_any_value_typed_into_either_grid_is_refused_at_its_cell_or_stored_and_pages_stay_up(
        world):
    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(triwulan=st.integers(1, 4), grid=st.lists(TEXT, min_size=1, max_size=3),
           budget=st.lists(TEXT, min_size=1, max_size=2))
    def enter(triwulan, grid, budget):
        _grid(world, triwulan, grid)
        _budget_grid(world, triwulan, budget)

    enter()
    # What the examples left stored (valid values, including the largest) keeps every page
    # up for every role.
    assert failing_pages(world[0], TAHUN) == []
