"""Final LKjIP: one context rendered as PDF and DOCX, stored with its JSON snapshot and SHA-256,
served byte for byte forever (hash checked), whatever happens to the data afterwards.

The PDF of the demo takes seconds: one final is made through the view for the whole module
and removed afterwards; tests change data inside their own transaction."""

import hashlib
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from akuntabel.accounts.models import Membership, Peran
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaSubKegiatan
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reports.final import dokumen_from_json, render_final, reproduce, to_json
from akuntabel.reports.models import LaporanFinal
from akuntabel.reports.services import build_context
from tests.builders import make_opd, make_pemda, make_user
from tests.reports.sample import make_sample_dokumen

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker):
    """The final made by the head of the agency through the page's button (in the test
    database: ``django_db_setup`` first)."""
    with django_db_blocker.unblock():
        opd = PerangkatDaerah.objects.get(pemda__kode="kota-metro", kode="dinas-sosial")
        kepala = make_user(Peran.KEPALA_OPD, opd=opd, username="kepala_final")
        client = Client()
        client.force_login(kepala)
        response = client.post(reverse("lakip_final", args=[opd.pk, 2023]),
                               {"catatan": "Temuan reviu diketahui dan diterima."})
        finals = {f.format: f for f in LaporanFinal.objects.filter(perangkat_daerah=opd)}
        try:
            yield {"response": response, "kepala": kepala, "finals": finals, "opd": opd}
        finally:
            Perubahan.objects.filter(model="LaporanFinal").delete()
            LaporanFinal.objects.filter(perangkat_daerah=opd).delete()
            Membership.objects.filter(user=kepala).delete()
            kepala.delete()


def docx_text(isi: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(isi)).read("word/document.xml").decode()


def download(client, final):
    return client.get(reverse("laporan_final_download", args=[final.pk]))


def test_the_head_makes_a_final_pdf_and_docx(made):
    assert made["response"].status_code == 302
    finals = made["finals"]
    assert set(finals) == {"pdf", "docx"}
    assert bytes(finals["pdf"].isi).startswith(b"%PDF")
    assert bytes(finals["docx"].isi).startswith(b"PK")
    for f in finals.values():
        assert f.sha256 == hashlib.sha256(bytes(f.isi)).hexdigest()
        assert f.dibuat_oleh == made["kepala"] and f.dokumen == "lakip" and f.tahun == 2023
        assert not f.dipublikasikan
    # Both files come from one context: the same snapshot.
    assert finals["pdf"].data == finals["docx"].data


def test_making_a_final_is_recorded(made):
    changes = Perubahan.objects.filter(model="LaporanFinal", kolom="sha256")
    assert {(c.objek_id, c.baru, c.oleh) for c in changes} == {
        (f.pk, f.sha256, made["kepala"]) for f in made["finals"].values()}


def test_the_snapshot_is_plain_json_with_the_document_and_its_source_data(made):
    data = made["finals"]["pdf"].data
    json.dumps(data)  # plain JSON
    dokumen = data["dokumen"]
    assert dokumen["ringkasan"]["pagu"]["teks"] == "Rp 5.093.068.611"
    assert dokumen["ringkasan"]["pagu"]["nilai"].startswith("5093068611")  # Decimal as text
    sumber = data["sumber"]
    assert sumber["identitas"]["opd_nama"] == "Dinas Sosial Kota Metro"
    assert len(sumber["indikator"]) > 0 and len(sumber["anggaran"]) > 0


def test_the_docx_is_made_again_byte_for_byte_from_the_snapshot(made):
    final = made["finals"]["docx"]
    assert reproduce(final) == bytes(final.isi)


def test_the_signed_pdf_is_the_pdfa_made_again_from_the_snapshot_plus_its_signature(made):
    final = made["finals"]["pdf"]
    assert bytes(final.isi).startswith(reproduce(final))


def test_a_document_survives_its_json_snapshot():
    dok = make_sample_dokumen()
    assert dokumen_from_json(json.loads(json.dumps(to_json(dok)))) == dok


def test_after_the_data_changes_the_final_is_served_unchanged_but_a_fresh_one_differs(
        client, made):
    opd = made["opd"]
    sub = DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd, dpa__tahun=2023,
                                        realisasi__isnull=False).order_by("pk").first()
    sub.realisasi += 1_000_000
    sub.save()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    for final in made["finals"].values():
        response = download(client, final)
        assert response.status_code == 200
        assert response.content == bytes(final.isi)
        assert response["X-Content-SHA256"] == final.sha256
        assert hashlib.sha256(response.content).hexdigest() == final.sha256
    stored = bytes(made["finals"]["docx"].isi)
    fresh = render_final(build_context(opd, 2023, "lakip"), "docx", opd)
    assert fresh != stored
    assert "Rp 4.825.424.420" in docx_text(stored)
    assert "Rp 4.826.424.420" in docx_text(fresh)
    assert "Rp 4.826.424.420" not in docx_text(stored)


def test_a_damaged_file_is_not_served(client, made):
    final = made["finals"]["docx"]
    LaporanFinal.objects.filter(pk=final.pk).update(isi=bytes(final.isi) + b"x")
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=made["opd"]))
    response = download(client, final)
    assert response.status_code == 409
    assert "Berkas yang tersimpan rusak" in response.content.decode()
    assert final.sha256 in response.content.decode()


def test_the_finals_are_listed_on_the_lakip_page(client, made):
    client.force_login(made["kepala"])
    body = client.get(reverse("lakip", args=[made["opd"].pk, 2023])).content.decode()
    table = body.split('<table id="laporan-final">')[1].split("</table>")[0]
    for final in made["finals"].values():
        assert final.sha256 in table


def test_an_unpublished_final_is_hidden_from_outsiders_and_visitors(client, made):
    final = made["finals"]["pdf"]
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=made["opd"].pemda)))
    assert download(client, final).status_code == 404
    client.force_login(make_user(Peran.REVIEWER, pemda=make_pemda()))
    assert download(client, final).status_code == 404
    client.logout()
    assert download(client, final).status_code == 302


def test_a_published_final_may_be_downloaded_by_anyone(client, made):
    final = made["finals"]["pdf"]
    LaporanFinal.objects.filter(pk=final.pk).update(dipublikasikan=True)
    response = download(client, final)
    assert response.status_code == 200 and response.content == bytes(final.isi)


def test_an_unknown_final_is_not_found(client, made):
    client.force_login(made["kepala"])
    assert client.get(reverse("laporan_final_download", args=[999999])).status_code == 404


def test_an_operator_may_not_make_a_final(client, demo_opd):
    before = LaporanFinal.objects.count()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    response = client.post(reverse("lakip_final", args=[demo_opd.pk, 2023]))
    assert response.status_code == 403
    assert LaporanFinal.objects.count() == before


def test_outsiders_and_visitors_may_not_make_a_final(client, demo_opd):
    before = LaporanFinal.objects.count()
    target = reverse("lakip_final", args=[demo_opd.pk, 2023])
    client.force_login(make_user(Peran.KEPALA_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.post(target).status_code == 404
    client.logout()
    assert client.post(target).status_code == 302
    assert LaporanFinal.objects.count() == before


def test_opening_the_final_page_makes_nothing(client, demo_opd):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))
    before = LaporanFinal.objects.count()
    assert client.get(reverse("lakip_final", args=[demo_opd.pk, 2023])).status_code == 200
    assert LaporanFinal.objects.count() == before
