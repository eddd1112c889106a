"""The portal reads a pemda in a number of queries that does not grow with its agencies: the
home of 40 agencies (bench/portal.py) must stay under 300 ms cold, so each agency's published
final, its map of snapshot keys and its figures are read in bulk, not one agency at a time."""

import hashlib
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.reports.final import to_json
from akuntabel.reports.models import LaporanFinal
from akuntabel.reviews.context import build_reviu_data
from tests.builders import (
    make_indikator,
    make_opd,
    make_pemda,
    make_program,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
)

pytestmark = pytest.mark.django_db

TAHUN = 2023


def agensi(pemda, n):
    """An agency with an IKU and a published final LKjIP of ``TAHUN`` (its real snapshot)."""
    opd = make_opd(pemda, nama=f"Dinas Kueri {n}")
    renstra = make_renstra(opd)
    sasaran = make_sasaran(make_tujuan(renstra))
    make_program(renstra)
    for k in range(2):   # one with a kode, one keyed by its place under its node
        ind = make_indikator(sasaran=sasaran, iku=True, kode="IKU-1" if k == 0 else "",
                             uraian=f"Indikator kueri {n}.{k}")
        make_target(ind, "80", jenis="pk", tahun=TAHUN)
    data = {"sumber": to_json(build_reviu_data(opd, TAHUN)),
            "dokumen": {"ringkasan": {"pagu": {"nilai": "1000"}, "realisasi": {"nilai": "900"},
                                      "serapan_anggaran": {"nilai": "90"}}}}
    for fmt in ("html", "pdf"):
        isi = f"final {n} {fmt}".encode()
        LaporanFinal.objects.create(perangkat_daerah=opd, tahun=TAHUN, dokumen="lakip",
                                    format=fmt, isi=isi, data=data, dipublikasikan=True,
                                    sha256=hashlib.sha256(isi).hexdigest())
    return opd


def kueri_dingin(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    return len(ctx.captured_queries), body


@pytest.mark.parametrize("halaman", ["portal:beranda", "portal:anggaran"])
def test_a_page_reads_as_many_queries_for_four_agencies_with_finals_as_for_two(
        client, halaman):
    hitung = []
    for jumlah in (2, 4):
        pemda = make_pemda()
        for n in range(jumlah):
            agensi(pemda, n)
        url = reverse(halaman, args=[pemda.pk]) + f"?tahun={TAHUN}"
        n_kueri, body = kueri_dingin(client, url)
        if halaman == "portal:beranda":   # the finals' figures are shown, so they were read
            assert body.count("LKjIP final") >= jumlah, body
        hitung.append(n_kueri)
    assert hitung[0] == hitung[1], hitung


def test_the_open_data_reads_as_many_queries_for_four_agencies_as_for_two(client):
    hitung = []
    for jumlah in (2, 4):
        pemda = make_pemda()
        for n in range(jumlah):
            agensi(pemda, n)
        n_kueri, body = kueri_dingin(client, reverse("portal:sumber", args=[
            pemda.pk, TAHUN, "capaian-indikator"]))
        assert body.count("LKjIP final") == 2 * jumlah, body
        assert Decimal("80") in {Decimal(x) for x in body.split(",") if x[:1].isdigit()
                                 and x.replace(".", "").isdigit()}
        hitung.append(n_kueri)
    assert hitung[0] == hitung[1], hitung


def test_a_finals_figures_are_read_once_and_again_after_the_cache_is_emptied(
        django_assert_num_queries):
    from akuntabel.portal.terbit import final_terbit, isi_final_many

    opd = agensi(make_pemda(), 0)
    terbit = list(final_terbit([opd.pk], [TAHUN]).values())
    cache.clear()
    with django_assert_num_queries(1):
        isi = isi_final_many(terbit)
    assert isi[terbit[0].pk].indikator["indikator:IKU-1"].target == Decimal("80")
    with django_assert_num_queries(0):   # the process's copy, while the shared entry exists
        assert isi_final_many(terbit) == isi
    cache.clear()
    with django_assert_num_queries(1):
        assert isi_final_many(terbit) == isi
