"""The completeness of a quarter (``reporting.kelengkapan``) counts the indicators of the
Renstra version the year is measured against that have a target for the year, and those of
them with a realisasi for the quarter: the same counts as the rule checked indicator by
indicator (``plans.services.indikator_in_force``), read with each OPD's Renstra in force looked
up once rather than for every indicator, in the same queries whatever the number of OPD."""

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext

from akuntabel.core.jadwal import TRIWULAN
from akuntabel.plans.models import Indikator, Renstra, Target
from akuntabel.plans.services import indikator_in_force
from akuntabel.reporting.kelengkapan import kelengkapan
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_pemda,
    make_program,
    make_renstra,
    make_sasaran,
    make_sub_kegiatan,
    make_target,
    make_tujuan,
)

pytestmark = pytest.mark.django_db


def _per_indikator(opd_pks, tahun):
    """The counts by the rule checked indicator by indicator (the rule as it was written)."""
    bertarget = Indikator.objects.filter(
        Exists(Target.objects.filter(indikator=OuterRef("pk"), tahun=tahun)),
        indikator_in_force(tahun), perangkat_daerah__in=opd_pks)
    hasil = {}
    for opd in opd_pks:
        diharapkan = bertarget.filter(perangkat_daerah=opd)
        for tw in TRIWULAN:
            terisi = diharapkan.filter(pk__in=Realisasi.objects.filter(
                tahun=tahun, triwulan=tw).exclude(nilai__isnull=True, teks="")
                .values("indikator"))
            hasil[opd, tw] = (terisi.count(), diharapkan.count())
    return hasil


def _dengan_indikator(renstra, tahun, triwulan_terisi=(), teks=False):
    """An indicator of a sasaran and one of a sub kegiatan of ``renstra``, targeted for
    ``tahun`` and filled in ``triwulan_terisi`` (a value, or a text only with ``teks``)."""
    sasaran = make_sasaran(make_tujuan(renstra))
    sub = make_sub_kegiatan(make_kegiatan(make_program(renstra)))
    for ind in (make_indikator(sasaran=sasaran), make_indikator(sub_kegiatan=sub)):
        make_target(ind, 10, tahun=tahun)
        for tw in triwulan_terisi:
            Realisasi.objects.create(indikator=ind, tahun=tahun, triwulan=tw,
                                     teks="ada" if teks else "", nilai=None if teks else 5)


def _pemda_uji(n_opd_lagi=0):
    """OPD with a Renstra perubahan (two versions of 2025-2029, the second in force from 2027,
    each with indicators targeted for 2026 and 2028), one whose only Renstra is of another
    period, one with no Renstra at all, and ``n_opd_lagi`` more with one Renstra."""
    pemda = make_pemda()
    ubah = make_opd(pemda)
    lama = make_renstra(ubah, 2025, 2029)
    baru = make_renstra(ubah, 2025, 2029, berlaku_mulai=2027, versi_dari=lama)
    for versi in (lama, baru):
        _dengan_indikator(versi, 2026, (1, 2))
        _dengan_indikator(versi, 2028, (1,), teks=True)
        _dengan_indikator(versi, 2028)
    lain = make_opd(pemda)
    _dengan_indikator(make_renstra(lain, 2019, 2023), 2026, (2, 3))
    tanpa = make_opd(pemda)
    lagi = [make_opd(pemda) for _ in range(n_opd_lagi)]
    for opd in lagi:
        _dengan_indikator(make_renstra(opd, 2025, 2029), 2026, (1,))
    # A realisasi with neither value nor text is not a filled one.
    ind = Indikator.objects.filter(perangkat_daerah=lain).first()
    Realisasi.objects.create(indikator=ind, tahun=2026, triwulan=4, teks="", nilai=None)
    return [ubah.pk, lain.pk, tanpa.pk, *(o.pk for o in lagi)]


@pytest.mark.parametrize("tahun", [2026, 2028, 2030], ids=[
    "the year before a perubahan counts the original version's indicators",
    "the year after a perubahan counts the new version's indicators",
    "a year outside every Renstra counts what its targets name"])
def test_the_counts_equal_the_rule_checked_indicator_by_indicator(tahun):
    opds = _pemda_uji()
    hasil = {k: (v.terisi, v.diharapkan) for k, v in kelengkapan(opds, tahun).items()}
    assert hasil == _per_indikator(opds, tahun)


def test_the_case_is_not_empty():
    opds = _pemda_uji()
    ubah, lain, tanpa = opds
    assert Renstra.objects.filter(perangkat_daerah=ubah).count() == 2
    hasil = kelengkapan(opds, 2026)
    assert (hasil[ubah, 1].terisi, hasil[ubah, 1].diharapkan) == (2, 2)
    assert (hasil[lain, 2].terisi, hasil[lain, 4].terisi, hasil[lain, 4].diharapkan) == (2, 0, 2)
    assert hasil[tanpa, 1].diharapkan == 0
    assert kelengkapan(opds, 2028)[ubah, 1].terisi == 2   # a text only is filled


def _kueri(opds):
    with CaptureQueriesContext(connection) as ctx:
        kelengkapan(opds, 2026)
    return [q["sql"] for q in ctx.captured_queries]


def test_the_renstra_in_force_is_read_once_and_the_queries_do_not_grow_with_the_opd():
    sedikit, banyak = _kueri(_pemda_uji()), _kueri(_pemda_uji(n_opd_lagi=4))
    assert len(sedikit) == len(banyak)
    # Looked up once for all the OPD, not in a subquery for every indicator.
    assert sum('"plans_renstra"' in sql for sql in banyak) == 1
