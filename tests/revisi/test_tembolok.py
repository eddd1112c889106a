"""The LKjIP preview is kept in the cache by the data revisions and is never served after a
write: through each write service, and through a write no service made (the net)."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.budget.writes import NilaiDpa, write_dpa_amounts
from akuntabel.plans.models import TAHUNAN, Target
from akuntabel.plans.targets import NilaiTarget, write_targets
from akuntabel.reports.forms import save_narasi
from akuntabel.reports.models import Narasi
from akuntabel.reports.services import build_context, render
from akuntabel.reports.tembolok import dokumen_opd, dokumen_pemda
from akuntabel.results.grid import RealisasiBaris
from akuntabel.results.models import Realisasi
from akuntabel.results.writes import NilaiRealisasi, write_realisasi
from tests.builders import make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023


def segar(opd) -> bytes:
    """The preview computed now, past the cache."""
    return render(build_context(opd, TAHUN, "lakip"), "html", opd).content


def pratinjau(opd) -> bytes:
    return dokumen_opd(opd, TAHUN, "lakip", "html").content


def _tampak(rows, opd):
    """The first of ``rows`` whose text the document prints."""
    html = segar(opd).decode()
    return next(r for r in rows if r.teks in html)


def _realisasi(opd):
    return _tampak(Realisasi.objects.filter(
        indikator__perangkat_daerah=opd, tahun=TAHUN, triwulan=0, nilai__gt=10,
        indikator__perhitungan__isnull=True).select_related("indikator").order_by("pk"), opd)


def _teks(teks: str, lama: Decimal, baru: Decimal) -> str:
    return teks.replace(str(int(lama)), str(int(baru)), 1)


def tulis_realisasi(opd, user):
    r = _realisasi(opd)
    lama = RealisasiBaris(r.pk, r.teks, r.nilai, r.catatan, r.versi)
    baru = r.nilai + Decimal("7")
    write_realisasi(opd, TAHUN, [NilaiRealisasi(r.indikator_id, 0, lama, r.versi,
                                                _teks(r.teks, r.nilai, baru), baru, r.catatan)],
                    user=user, sumber="uji")


def tulis_target(opd, user):
    t = _tampak(Target.objects.filter(
        indikator__perangkat_daerah=opd, tahun=TAHUN, triwulan=TAHUNAN, nilai__gt=10,
        jenis=Target.Jenis.RENJA).select_related("indikator").order_by("pk"), opd)
    baru = t.nilai + Decimal("3")
    write_targets(opd, [NilaiTarget(t.indikator, t.jenis, TAHUN, TAHUNAN, t, t.versi,
                                    _teks(t.teks, t.nilai, baru), baru)],
                  oleh=user, alasan="uji", sumber="uji")


def tulis_anggaran(opd, user):
    sub = (DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=TAHUN,
                                         realisasi__isnull=False).order_by("pk").first())
    write_dpa_amounts(opd, [NilaiDpa(sub, "realisasi", sub.realisasi,
                                     sub.realisasi - Decimal("1000000"))], user=user,
                      sumber="uji")


def tulis_narasi(opd, user):
    n = Narasi.objects.filter(perangkat_daerah=opd, tahun=TAHUN).order_by("pk").first()
    save_narasi(opd, TAHUN, n.kunci, n.teks + "\n\nKalimat baru dari uji tembolok.", n.versi,
                user)


def tulis_tanpa_layanan(opd, user):
    """A write no service made (a shell, the admin, a forgotten path): the net catches it."""
    with transaction.atomic():
        r = _realisasi(opd)
        Realisasi.objects.filter(pk=r.pk).update(nilai=r.nilai + 1,
                                                 teks=_teks(r.teks, r.nilai, r.nilai + 1))


@pytest.mark.parametrize("tulis", [
    pytest.param(tulis_realisasi, id="a realisasi saved through results.writes"),
    pytest.param(tulis_target, id="a target saved through plans.targets"),
    pytest.param(tulis_anggaran, id="a DPA amount saved through budget.writes"),
    pytest.param(tulis_narasi, id="a narrative section saved through reports.forms"),
    pytest.param(tulis_tanpa_layanan, id="a row updated by no service, caught by the net"),
])
def test_the_preview_shows_a_write_right_after_it(demo_opd, tulis):
    user = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    sebelum = pratinjau(demo_opd)
    assert pratinjau(demo_opd) == sebelum == segar(demo_opd)
    tulis(demo_opd, user)
    sesudah = segar(demo_opd)
    assert sesudah != sebelum  # the write changed the document …
    assert pratinjau(demo_opd) == sesudah  # … and the preview shows it at once


def test_an_unchanged_opd_is_served_from_the_cache(demo_opd, django_assert_max_num_queries):
    pratinjau(demo_opd)
    with django_assert_max_num_queries(1):  # the revisions; the document comes from the cache
        pratinjau(demo_opd)


def test_a_document_computed_inside_a_write_that_is_rolled_back_is_never_served(demo_opd):
    user = make_user(Peran.OPERATOR_OPD, opd=demo_opd)
    with pytest.raises(RuntimeError), transaction.atomic():
        tulis_realisasi(demo_opd, user)
        dalam = pratinjau(demo_opd)  # computed from data that will never be committed
        raise RuntimeError
    tulis_narasi(demo_opd, user)  # the next write takes the revision number again
    assert pratinjau(demo_opd) == segar(demo_opd) != dalam


def test_the_preview_page_is_the_cached_document(client, demo_opd,
                                                 django_assert_max_num_queries):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    url = reverse("report_download", args=[demo_opd.pk, TAHUN, "lakip", "html"])
    assert client.get(url).content == segar(demo_opd)
    with django_assert_max_num_queries(8):  # session, user, access, revisions: no computing
        again = client.get(url).content
    assert again == segar(demo_opd)
    tulis_realisasi(demo_opd, make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert client.get(url).content == segar(demo_opd)


def test_a_pemda_document_is_computed_again_after_a_write_in_any_of_its_opd(demo_opd):
    dihitung = []

    def hitung() -> bytes:
        dihitung.append(1)
        return f"dokumen ke-{len(dihitung)}".encode()

    def pemda_doc() -> bytes:
        return dokumen_pemda(demo_opd.pemda, TAHUN, "lkjip-pemda", "html", hitung)

    assert pemda_doc() == pemda_doc() == b"dokumen ke-1"
    tulis_narasi(demo_opd, make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    assert pemda_doc() == b"dokumen ke-2"


def test_the_pemda_dashboard_reads_its_figures_from_the_cache_until_a_write(client, demo_opd):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    url = reverse("pemda_overview", args=[demo_opd.pemda_id, TAHUN])

    def serapan() -> list[str]:
        return [b.serapan_teks for b in client.get(url).context["rows"]]

    sebelum = serapan()
    with CaptureQueriesContext(connection) as dihitung:
        cache.clear()
        client.get(url)
    with CaptureQueriesContext(connection) as dibaca:
        assert serapan() == sebelum
    assert len(dibaca) < len(dihitung)
    tulis_anggaran(demo_opd, make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    sesudah = serapan()
    assert sesudah != sebelum  # the serapan changed …
    cache.clear()
    assert serapan() == sesudah  # … and the page showed it at once
