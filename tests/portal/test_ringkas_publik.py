"""What the portal shows of a published final is kept apart from its snapshot
(``RingkasFinal``), computed once when the final is made by its maker, so that no page parses a
4 MB snapshot: its figures are exactly those computed from the snapshot, in parts (the IKU, the
other indicators, the budget, the programs), and a final made before summaries were stored is
read from its snapshot until its summary is filled, its file untouched."""

import pytest
from django.core.cache import cache

from akuntabel.portal import terbit
from akuntabel.reports import ringkas
from akuntabel.reports.final import make_final, set_publikasi
from akuntabel.reports.models import LaporanFinal, RingkasFinal

pytestmark = pytest.mark.django_db

TAHUN = 2023


@pytest.fixture
def final(demo_opd):
    return make_final(demo_opd, TAHUN, None, formats=("html",),
                      catatan="Uji ringkasan publik: final dengan masalah terbuka.")


def isi_portal(opd, bagian=terbit.SEMUA):
    """The figures the portal reads of the agency's published final of TAHUN, caches empty."""
    cache.clear()
    terbit._dekat.clear()
    t = terbit.final_terbit([opd.pk], [TAHUN])[opd.pk, TAHUN]
    return terbit.isi_final_many([t], bagian)[t.pk]


def bagian_tersimpan(f):
    return RingkasFinal.objects.filter(final=f).values(*ringkas.BAGIAN).get()


def test_making_a_final_lkjip_stores_its_public_figures_as_computed_from_its_snapshot(final):
    (f,) = final
    f.refresh_from_db()
    dari_snapshot = ringkas.isi_dari_snapshot(f.data, TAHUN)
    tersimpan = bagian_tersimpan(f)
    assert tersimpan == {k: v for k, v in ringkas.ringkas_publik(f.data, TAHUN).items()
                         if k in ringkas.BAGIAN}
    assert ringkas.isi_dari_ringkas(tersimpan) == dari_snapshot
    # the demo's final has figures to show, IKU and others: the test compares something
    assert dari_snapshot.indikator and dari_snapshot.anggaran and dari_snapshot.program
    assert any(a.capaian is not None for a in dari_snapshot.indikator.values())
    assert tersimpan["iku"] and tersimpan["indikator"]
    assert set(tersimpan["iku"]) == ringkas.kunci_iku(f.data)


def test_each_part_holds_only_its_own_figures(demo_opd, final):
    (f,) = final
    set_publikasi(f, True, None)
    semua = isi_portal(demo_opd)
    iku = isi_portal(demo_opd, terbit.IKU)
    assert iku.indikator == {k: v for k, v in semua.indikator.items()
                             if k in ringkas.kunci_iku(f.data)}
    assert iku.anggaran == semua.anggaran and iku.program == ()
    program = isi_portal(demo_opd, terbit.PROGRAM)
    assert program.program == semua.program and program.indikator == {}
    assert isi_portal(demo_opd, terbit.INDIKATOR).indikator == semua.indikator


def test_the_portal_reads_the_stored_summary_not_the_snapshot(demo_opd, final):
    (f,) = final
    set_publikasi(f, True, None)
    # a summary that differs from the snapshot shows: the page read the summary
    RingkasFinal.objects.filter(final=f).update(anggaran=["1", "2", "3"])
    assert isi_portal(demo_opd).anggaran == tuple(ringkas._desimal(v) for v in ("1", "2", "3"))


def test_a_final_without_a_summary_shows_the_same_figures_and_is_filled_untouched(
        demo_opd, final):
    (f,) = final
    set_publikasi(f, True, None)
    f.refresh_from_db()
    dari_ringkas = isi_portal(demo_opd)
    sebelum = LaporanFinal.objects.values("isi", "data", "sha256").get(pk=f.pk)
    RingkasFinal.objects.filter(final=f).delete()

    dari_snapshot = isi_portal(demo_opd)   # made before summaries: read from its snapshot

    assert dari_snapshot == dari_ringkas == ringkas.isi_dari_snapshot(f.data, TAHUN)
    assert isi_portal(demo_opd, terbit.IKU).indikator == dari_ringkas.indikator  # every one
    assert ringkas.isi_ringkas_kosong(LaporanFinal.objects.all()) == 1
    assert ringkas.isi_ringkas_kosong(LaporanFinal.objects.all()) == 0   # once
    assert isi_portal(demo_opd) == dari_ringkas
    assert LaporanFinal.objects.values("isi", "data", "sha256").get(pk=f.pk) == sebelum


def test_a_pk_final_keeps_no_portal_summary(demo_opd):
    made = make_final(demo_opd, TAHUN, None, formats=("html",), dokumen="pk",
                      catatan="Uji: PK final.")
    assert made and not RingkasFinal.objects.filter(final__in=made).exists()


def test_an_unreadable_snapshot_shows_nothing_and_its_summary_says_so(demo_opd, final):
    (f,) = final
    set_publikasi(f, True, None)
    RingkasFinal.objects.filter(final=f).delete()
    LaporanFinal.objects.filter(pk=f.pk).update(data={"sumber": {}})
    assert isi_portal(demo_opd) == terbit.IsiFinal({}, None)
    ringkas.isi_ringkas_kosong(LaporanFinal.objects.filter(pk=f.pk))
    assert isi_portal(demo_opd) == terbit.IsiFinal({}, None)
    tersimpan = bagian_tersimpan(f)
    assert tersimpan["iku"] == tersimpan["indikator"] == {} and tersimpan["anggaran"] is None
