"""The public Renstra document (``portal.renstra``): an established version is public, rendered
from the document frozen at its penetapan, with its hash and the JSON whose SHA-256 it is; a
draft version (a perubahan in progress around it, another agency's plan) never shows; an
indicator hidden from the portal is left out."""

import csv
import hashlib
import io
from datetime import date

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans import penetapan
from akuntabel.plans.models import Indikator, Renstra
from tests.builders import (
    make_indikator,
    make_pemda,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db

PERWALI = "Peraturan Wali Kota Uji Nomor 31 Tahun 2025"


@pytest.fixture
def dunia(pemda, dinsos, dinkes, admin_pemda, django_capture_on_commit_callbacks):
    """Dinas Sosial's Renstra 2025–2029, established, with a hidden indicator; its perubahan
    (a draft) and Dinas Kesehatan's Renstra (a draft) around it."""
    renstra = make_renstra(dinsos, 2025, 2029)
    sasaran = make_sasaran(make_tujuan(renstra, kode="T1", uraian="Tujuan terbuka renstra"),
                           kode="S1", uraian="Sasaran terbuka renstra")
    ind = make_indikator(sasaran=sasaran, uraian="Indikator terbuka renstra", satuan="%",
                         kondisi_awal_teks="71,25")
    make_target(ind, "77.5", jenis="renstra", tahun=2027, teks="77,5")
    make_indikator(sasaran=sasaran, uraian="Indikator embargo renstra", tampil_publik=False)
    with django_capture_on_commit_callbacks(execute=True):   # committed, as a request's
        penetapan.tetapkan(renstra, dasar_hukum=PERWALI, tanggal_dasar_hukum=date(2025, 6, 2),
                           alasan="", user=admin_pemda)
    draf = Renstra.objects.create(perangkat_daerah=dinsos, rpjmd=renstra.rpjmd,
                                  tahun_awal=2025, tahun_akhir=2029, berlaku_mulai=2027,
                                  versi_dari=renstra, dasar_hukum="Perwali perubahan draf")
    make_tujuan(draf, uraian="Tujuan draf perubahan")
    lain = make_renstra(dinkes, 2025, 2029)
    make_tujuan(lain, uraian="Tujuan draf Dinkes")
    return {"pemda": pemda, "renstra": renstra, "draf": draf, "lain": lain, "ind": ind}


def url(d, renstra=None, fmt=None):
    renstra = renstra or d["renstra"]
    if fmt:
        return reverse("portal:renstra_unduh", args=[d["pemda"].pk, renstra.pk, fmt])
    return reverse("portal:renstra", args=[d["pemda"].pk, renstra.pk])


def test_the_established_renstra_is_public_as_established(client, dunia):
    Indikator.objects.filter(pk=dunia["ind"].pk).update(uraian="Diubah setelah penetapan")
    body = client.get(url(dunia)).content.decode()
    for teks in ("Tujuan terbuka renstra", "Sasaran terbuka renstra", "Indikator terbuka renstra",
                 "71,25", "77,5", PERWALI, "2 Juni 2025", dunia["renstra"].sha256):
        assert teks in body, teks
    assert "Diubah setelah penetapan" not in body          # frozen, not the plan as edited
    assert "Indikator embargo renstra" not in body          # hidden by its agency
    assert "Tujuan draf perubahan" not in body
    assert "tidak ditampilkan di portal oleh perangkat daerahnya: 1." in body


def test_the_json_download_is_what_the_shown_hash_is_of(client, dunia):
    body = client.get(url(dunia)).content.decode()
    isi = client.get(url(dunia, fmt="json")).content
    assert hashlib.sha256(isi).hexdigest() in body
    assert b"Indikator embargo renstra" not in isi and b"Indikator terbuka renstra" in isi
    rows = list(csv.DictReader(io.StringIO(client.get(url(dunia, fmt="csv")).content
                                           .decode())))
    assert [r["target_2027"] for r in rows if r["indikator_uraian"]] == ["77,5"]


@pytest.fixture(params=["anonymous", "operator of another agency", "verifikator"])
def visitor(request, client, dunia, dinkes):
    if request.param == "operator of another agency":
        client.force_login(make_user(Peran.OPERATOR_OPD, opd=dinkes))
    elif request.param == "verifikator":
        client.force_login(make_user(Peran.VERIFIKATOR, pemda=dunia["pemda"]))
    return client


def test_a_draft_is_never_shown_to_anyone(visitor, dunia):
    assert visitor.get(url(dunia)).status_code == 200
    for renstra in (dunia["draf"], dunia["lain"]):
        for fmt in (None, "json", "csv"):
            assert visitor.get(url(dunia, renstra, fmt)).status_code == 404
    other = make_pemda()   # an established Renstra is not found under another pemda
    assert visitor.get(reverse("portal:renstra", args=[other.pk, dunia["renstra"].pk])
                       ).status_code == 404


def test_the_published_documents_list_the_established_versions_only(client, dunia, dinsos):
    for page in (reverse("portal:beranda", args=[dunia["pemda"].pk]),
                 reverse("portal:opd", args=[dunia["pemda"].pk, dinsos.pk])):
        body = client.get(page).content.decode()
        assert url(dunia) in body and dunia["renstra"].sha256 in body
        assert url(dunia, dunia["draf"]) not in body and url(dunia, dunia["lain"]) not in body
    penetapan.batalkan(dunia["renstra"], alasan="Nomor salah", user=None)
    assert url(dunia) not in client.get(
        reverse("portal:beranda", args=[dunia["pemda"].pk])).content.decode()
    assert client.get(url(dunia)).status_code == 404
