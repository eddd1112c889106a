"""Signing a PK writes its targets through the one write path of a target
(``plans.targets``): the same versions, year checks and history as any other target write,
while every other caller stays locked out of a year a signed PK locks (issue 11's house rule,
issue 13)."""

from decimal import Decimal

import pytest

from akuntabel.audit.models import Perubahan
from akuntabel.plans.models import PerjanjianKinerja, Target
from akuntabel.plans.pk_services import sign_pk, submit_pk
from akuntabel.plans.targets import (
    NilaiTarget,
    TargetTerkunci,
    write_pk_targets,
    write_targets,
)
from tests.builders import make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023


@pytest.fixture
def pk(demo_opd):
    return PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")


def _sign(pk, oleh):
    submit_pk(pk, oleh, versi=PerjanjianKinerja.objects.get(pk=pk.pk).versi)
    return sign_pk(pk, oleh, versi=PerjanjianKinerja.objects.get(pk=pk.pk).versi)


def _history(target):
    return list(Perubahan.objects.filter(model="Target", objek_id=target.pk)
                .order_by("id").values_list("kolom", "lama", "baru", "sumber"))


def test_signing_records_the_targets_history_as_every_target_write_does(pk):
    pk.baris.update(target_teks="92,5", target=Decimal("92.5"))
    _sign(pk, make_user(opd=pk.perangkat_daerah))
    target = Target.objects.get(indikator=pk.baris.get().indikator, jenis="pk", tahun=TAHUN)
    assert (target.nilai, target.versi) == (Decimal("92.5"), 2)
    assert _history(target) == [
        ("teks", "91.5 %", "92,5", "Penandatanganan Perjanjian Kinerja"),
        ("nilai", "91.5", "92.5", "Penandatanganan Perjanjian Kinerja")]


def test_a_range_targets_upper_bound_is_recorded_by_the_one_write_path(pk):
    indikator = pk.baris.get().indikator
    target = Target.objects.get(indikator=indikator, jenis="renstra", tahun=TAHUN)
    write_targets(pk.perangkat_daerah, [NilaiTarget(
        indikator, "renstra", TAHUN, 0, target, target.versi, "90–95", Decimal("90"),
        Decimal("95"))], oleh=None, alasan="", sumber="Uji")
    assert ("nilai_atas", "", "95", "Uji") in _history(target)


def test_a_pk_target_of_a_locked_year_is_written_only_by_the_signing(pk):
    _sign(pk, make_user(opd=pk.perangkat_daerah))
    indikator = pk.baris.get().indikator
    target = Target.objects.get(indikator=indikator, jenis="pk", tahun=TAHUN)
    with pytest.raises(TargetTerkunci):
        write_targets(pk.perangkat_daerah, [NilaiTarget(
            indikator, "pk", TAHUN, 0, target, target.versi, "99", Decimal("99"))],
            oleh=None, alasan="koreksi", sumber="Uji")
    target.refresh_from_db()
    assert target.nilai == Decimal("91.5")


def test_the_signing_write_is_refused_for_a_pk_that_is_not_signed(pk):
    with pytest.raises(ValueError):
        write_pk_targets(pk, oleh=None, sumber="Uji")
    assert not Perubahan.objects.filter(model="Target", sumber="Uji").exists()
