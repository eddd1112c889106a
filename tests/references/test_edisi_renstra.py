"""An OPD's plan keeps the code list edition it was made with: a new Renstra takes its pemda's
edition (its choice, else the default for its kind), and a later choice leaves it alone."""

import pytest

from akuntabel.plans.models import Renstra
from tests.builders import make_opd, make_pemda, make_renstra
from tests.references.helpers import make_edisi

pytestmark = pytest.mark.django_db


def test_a_new_renstra_takes_the_edition_its_pemda_chose():
    pilihan = make_edisi("pilihan")
    make_edisi("bawaan", bawaan=True)
    renstra = make_renstra(make_opd(make_pemda(edisi_referensi=pilihan)))
    assert Renstra.objects.get(pk=renstra.pk).edisi_referensi == pilihan


def test_without_a_choice_it_takes_the_default_edition_of_its_kind():
    make_edisi("lain")
    bawaan = make_edisi("bawaan", bawaan=True)
    make_edisi("provinsi", jenis="provinsi", bawaan=True)
    assert make_renstra(make_opd(make_pemda(jenis="kabupaten"))).edisi_referensi == bawaan


def test_without_any_edition_loaded_it_has_none():
    assert make_renstra().edisi_referensi is None


def test_an_edition_given_is_kept_and_a_later_choice_changes_no_plan():
    lama, baru = make_edisi("lama"), make_edisi("baru")
    pemda = make_pemda(edisi_referensi=baru)
    renstra = make_renstra(make_opd(pemda), edisi_referensi=lama)
    assert renstra.edisi_referensi == lama
    pemda.edisi_referensi = make_edisi("lebih-baru")
    pemda.save()
    renstra.catatan = "diubah"
    renstra.save()
    assert Renstra.objects.get(pk=renstra.pk).edisi_referensi == lama


def test_a_rekening_edition_is_never_a_plans_edition():
    make_edisi("rekening", daftar="rekening", jenis="kabkota", bawaan=True)
    assert make_renstra().edisi_referensi is None
