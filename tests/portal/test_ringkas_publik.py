"""What the portal shows of a published final is kept beside its snapshot
(``LaporanFinal.ringkas_publik``), computed once when the final is made, so that no page parses
a 4 MB snapshot: its figures are exactly those computed from the snapshot, and a final made
before summaries were stored is read from its snapshot until its summary is filled, its file
untouched."""

import pytest
from django.core.cache import cache

from akuntabel.portal import terbit
from akuntabel.reports.final import make_final, set_publikasi
from akuntabel.reports.models import LaporanFinal

pytestmark = pytest.mark.django_db

TAHUN = 2023


@pytest.fixture
def final(demo_opd):
    return make_final(demo_opd, TAHUN, None, formats=("html",),
                      catatan="Uji ringkasan publik: final dengan masalah terbuka.")


def isi_portal(opd):
    """The figures the portal reads of the agency's published final of TAHUN, caches empty."""
    cache.clear()
    terbit._dekat.clear()
    t = terbit.final_terbit([opd.pk], [TAHUN])[opd.pk, TAHUN]
    return terbit.isi_final(t)


def test_making_a_final_lkjip_stores_its_public_figures_as_computed_from_its_snapshot(final):
    (f,) = final
    f.refresh_from_db()
    dari_snapshot = terbit.isi_dari_snapshot(f.data, TAHUN)
    assert f.ringkas_publik == terbit.ringkas_publik(f.data, TAHUN)
    assert terbit.isi_dari_ringkas(f.ringkas_publik) == dari_snapshot
    # the demo's final has figures to show: the test compares something
    assert dari_snapshot.indikator and dari_snapshot.anggaran and dari_snapshot.program
    assert any(a.capaian is not None for a in dari_snapshot.indikator.values())


def test_the_portal_reads_the_stored_summary_not_the_snapshot(demo_opd, final):
    (f,) = final
    set_publikasi(f, True, None)
    f.refresh_from_db()
    # a summary that differs from the snapshot shows: the page read the summary
    palsu = {**f.ringkas_publik, "anggaran": ["1", "2", "3"]}
    LaporanFinal.objects.filter(pk=f.pk).update(ringkas_publik=palsu)
    assert isi_portal(demo_opd).anggaran == tuple(terbit._desimal(v) for v in ("1", "2", "3"))


def test_a_final_without_a_summary_shows_the_same_figures_and_is_filled_untouched(
        demo_opd, final):
    (f,) = final
    set_publikasi(f, True, None)
    f.refresh_from_db()
    dari_ringkas = isi_portal(demo_opd)
    sebelum = LaporanFinal.objects.values("isi", "data", "sha256").get(pk=f.pk)
    LaporanFinal.objects.filter(pk=f.pk).update(ringkas_publik={})

    dari_snapshot = isi_portal(demo_opd)   # made before summaries: read from its snapshot

    assert dari_snapshot == dari_ringkas == terbit.isi_dari_snapshot(f.data, TAHUN)
    assert terbit.simpan_ringkas_publik(LaporanFinal.objects.all()) == 1
    assert terbit.simpan_ringkas_publik(LaporanFinal.objects.all()) == 0   # once
    f.refresh_from_db()
    assert f.ringkas_publik == terbit.ringkas_publik(f.data, TAHUN)
    assert isi_portal(demo_opd) == dari_ringkas
    assert LaporanFinal.objects.values("isi", "data", "sha256").get(pk=f.pk) == sebelum


def test_a_pk_final_keeps_no_portal_summary(demo_opd):
    for f in make_final(demo_opd, TAHUN, None, formats=("html",), dokumen="pk",
                        catatan="Uji: PK final."):
        f.refresh_from_db()
        assert f.ringkas_publik == {}


def test_an_unreadable_snapshot_shows_nothing_and_its_summary_says_so(demo_opd, final):
    (f,) = final
    set_publikasi(f, True, None)
    LaporanFinal.objects.filter(pk=f.pk).update(ringkas_publik={}, data={"sumber": {}})
    assert isi_portal(demo_opd) == terbit.IsiFinal({}, None)
    terbit.simpan_ringkas_publik(LaporanFinal.objects.filter(pk=f.pk))
    assert isi_portal(demo_opd) == terbit.IsiFinal({}, None)
    f.refresh_from_db()
    assert f.ringkas_publik["indikator"] == {} and f.ringkas_publik["anggaran"] is None
