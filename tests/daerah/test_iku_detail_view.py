"""/iku-pemda/<id>/: an IKU with its linked OPD indicators, the proposals with approve and
reject (Bappeda), and its realisasi and capaian per year with the provenance list."""

import pytest
from django.urls import reverse

from akuntabel.daerah import services
from akuntabel.daerah.models import TautanIku
from akuntabel.results.models import Realisasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def usulan(iku, ind_dinsos, operator_dinsos):
    return services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="SIKS-NG",
                                   user=operator_dinsos)


def test_the_page_shows_the_links_and_the_provenance(client, verifikator, iku, usulan,
                                                     ind_dinsos):
    services.putuskan_tautan(usulan, setuju=True, catatan="", user=verifikator)
    Realisasi.objects.create(indikator=ind_dinsos, tahun=2026, teks="150", nilai=150)
    Realisasi.objects.create(indikator=ind_dinsos, tahun=2026, triwulan=3, teks="40", nilai=40)
    client.force_login(verifikator)
    response = client.get(reverse("iku_detail", args=[iku.pk]))
    assert response.status_code == 200
    hasil = {h.tahun: h for h in response.context["hasil"]}
    assert hasil[2026].realisasi == 150 and hasil[2026].capaian == 75
    page = response.content.decode()
    assert "PPKS yang ditangani Dinsos" in page and "Dinas Sosial" in page
    assert "TW III: 40" in page


def test_an_outsider_gets_a_404(client, outsider, iku):
    client.force_login(outsider)
    assert client.get(reverse("iku_detail", args=[iku.pk])).status_code == 404


def test_the_verifikator_approves_a_proposal(client, verifikator, usulan):
    client.force_login(verifikator)
    response = client.post(reverse("tautan_putuskan", args=[usulan.pk]),
                           {"keputusan": "setuju", "catatan": "Sesuai"})
    usulan.refresh_from_db()
    assert response.status_code == 302 and usulan.status == TautanIku.Status.DISETUJUI


def test_a_rejection_without_a_note_is_refused(client, admin_pemda, usulan):
    client.force_login(admin_pemda)
    response = client.post(reverse("tautan_putuskan", args=[usulan.pk]),
                           {"keputusan": "tolak", "catatan": ""}, follow=True)
    usulan.refresh_from_db()
    assert usulan.status == TautanIku.Status.DIUSULKAN
    assert any("rejected" in str(m) or "ditolak" in str(m)
               for m in response.context["messages"])


def test_a_reviewer_cannot_decide(client, reviewer, usulan):
    client.force_login(reviewer)
    response = client.post(reverse("tautan_putuskan", args=[usulan.pk]),
                           {"keputusan": "setuju", "catatan": ""})
    usulan.refresh_from_db()
    assert response.status_code == 403 and usulan.status == TautanIku.Status.DIUSULKAN


@pytest.mark.parametrize("who", ["outsider", "operator_dinsos"])
def test_outsiders_and_the_proposing_opd_cannot_decide(client, request, usulan, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("tautan_putuskan", args=[usulan.pk]),
                           {"keputusan": "setuju", "catatan": ""})
    usulan.refresh_from_db()
    assert response.status_code == 404 and usulan.status == TautanIku.Status.DIUSULKAN


def test_the_page_shows_the_history_of_the_links_with_their_reasons(client, verifikator,
                                                                   usulan):
    services.putuskan_tautan(usulan, setuju=False, catatan="Bukan ukuran IKU ini",
                             user=verifikator)
    client.force_login(verifikator)
    response = client.get(reverse("iku_detail", args=[usulan.iku_id]))
    riwayat = response.context["riwayat"]
    assert [(r.lama, r.baru) for r in riwayat if r.model == "TautanIku"] == [
        ("diusulkan", "ditolak"), ("", "diusulkan")]
    assert "Bukan ukuran IKU ini" in response.content.decode()


def test_the_page_reads_a_constant_number_of_queries_whatever_the_links(
        client, verifikator, iku, dinsos, operator_dinsos):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.daerah.conftest import indikator_of

    def queries():
        client.force_login(verifikator)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("iku_detail", args=[iku.pk])).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        for k in range(n):
            ind = indikator_of(dinsos, f"Indikator {k}")
            tautan = services.usulkan_tautan(iku, ind, nama=f"x{TautanIku.objects.count()}",
                                             catatan="", user=operator_dinsos)
            services.putuskan_tautan(tautan, setuju=True, catatan="", user=verifikator)
            Realisasi.objects.create(indikator=ind, tahun=2026, triwulan=1, teks="1", nilai=1)

    add(1)
    few = queries()
    add(5)
    assert queries() == few


def test_the_page_title_holds_only_the_iku_name(client, admin_pemda, iku):
    client.force_login(admin_pemda)
    page = client.get(reverse("iku_detail", args=[iku.pk])).content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<form" not in title and "<table" not in title
    assert page.count('data-testid="riwayat"') == 1
