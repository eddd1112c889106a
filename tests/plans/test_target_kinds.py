"""A Renja target can be a range ("60–85 %") or a label of a qualitative scale ("WTP") on the
indicator page, as in a dataset: stored with both bounds or as its label, and computed by the
one rule (``core.capaian.compute_capaian_target``); other text is still refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import Target
from akuntabel.results.capaian import compute_capaian_indikator
from akuntabel.results.models import Realisasi
from tests.builders import make_indikator, make_renstra, make_sasaran, make_tujuan, make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023


def post(client, ind, teks):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=ind.perangkat_daerah))
    data = {f"versi_{tw}": "0" for tw in range(5)} | {f"nilai_{tw}": "" for tw in range(5)}
    data["nilai_0"] = teks
    return client.post(reverse("target_edit", args=[ind.pk, TAHUN]), data)


def indikator(**kw):
    return make_indikator(sasaran=make_sasaran(make_tujuan(make_renstra())), **kw)


def test_a_range_target_is_stored_with_both_bounds_and_computed(client):
    ind = indikator(satuan="%")
    assert post(client, ind, "60–85 %").status_code == 302
    t = Target.objects.get(indikator=ind, jenis="renja", tahun=TAHUN)
    assert (t.teks, t.nilai, t.nilai_atas) == ("60–85 %", Decimal(60), Decimal(85))
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, teks="70", nilai=Decimal(70))
    assert compute_capaian_indikator(ind, TAHUN).capaian == Decimal(100)


def test_a_label_of_a_qualitative_scale_is_stored_as_written_and_computed(client):
    ind = indikator(satuan="opini")
    assert post(client, ind, "WTP").status_code == 302
    t = Target.objects.get(indikator=ind, jenis="renja", tahun=TAHUN)
    assert (t.teks, t.nilai, t.nilai_atas) == ("WTP", None, None)
    Realisasi.objects.create(indikator=ind, tahun=TAHUN, teks="WDP")
    assert compute_capaian_indikator(ind, TAHUN).capaian == Decimal(75)


@pytest.mark.parametrize("teks", ["sekitar enam puluh", "60–85 orang", "85–60 %"])
def test_other_text_is_still_refused_at_its_field(client, teks):
    ind = indikator(satuan="%")
    response = post(client, ind, teks)
    assert response.status_code == 400
    assert not Target.objects.filter(indikator=ind).exists()


def test_the_pages_show_a_range_and_a_label_as_written(client):
    ind = indikator(satuan="%")
    post(client, ind, "60–85 %")
    label = make_indikator(sasaran=ind.sasaran, satuan="opini")
    post(client, label, "WTP")
    for i, shown in ((ind, "60–85 %"), (label, "WTP")):
        body = client.get(reverse("indikator_detail", args=[i.pk]) + f"?tahun={TAHUN}"
                          ).content.decode()
        assert f"<strong>{shown}</strong>" in body
    grid = client.get(reverse("realisasi_grid", args=[ind.perangkat_daerah.pk, TAHUN, 1])
                      ).content.decode()
    assert "60–85 %" in grid and "WTP" in grid
