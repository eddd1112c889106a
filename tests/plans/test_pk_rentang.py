"""A PK composed from a Renstra range target ("15–16") keeps the range: it saves as it was
copied, signs, writes the PK target with both bounds, shows "15–16" and measures the capaian
against the range (issue 13, onboarding walkthrough)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans.models import PerjanjianKinerja, PerjanjianKinerjaBaris, Target
from akuntabel.results.capaian import compute_capaian_indikator
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_opd,
    make_pejabat,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db
TAHUN = 2027


def _opd():
    opd = make_opd()
    make_pejabat(opd, nama="Kepala Dinkes", jabatan=f"Kepala {opd.nama}")
    renstra = make_renstra(opd, 2027, 2031)
    sasaran = make_sasaran(make_tujuan(renstra, uraian="Tujuan"), uraian="Sasaran")
    ind = make_indikator(sasaran=sasaran, uraian="Angka kesakitan", satuan="per 1.000",
                         polaritas="turun")
    make_target(ind, 15, "renstra", TAHUN, teks="15–16", nilai_atas=Decimal("16"))
    return opd, ind


def _post(client, name, pk, **data):
    versi = PerjanjianKinerja.objects.get(pk=pk.pk).versi
    return client.post(reverse(name, args=[pk.perangkat_daerah_id, pk.tahun]),
                       {"perjanjian": pk.pk, "versi": versi, **data}, follow=True)


def test_a_pk_composed_from_a_range_target_saves_signs_and_measures_against_the_range(client):
    opd, ind = _opd()
    operator = make_user(Peran.OPERATOR_OPD, opd=opd)
    client.force_login(operator)
    client.post(reverse("pk_susun", args=[opd.pk, TAHUN]))
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    baris = PerjanjianKinerjaBaris.objects.get(perjanjian_kinerja=pk)
    assert (baris.target_teks, baris.target, baris.target_atas) == (
        "15–16", Decimal("15"), Decimal("16"))

    response = _post(client, "pk_ubah", pk, **{f"target_{baris.pk}": "15–16"})
    assert "bukan angka" not in response.content.decode()
    baris.refresh_from_db()
    assert (baris.target, baris.target_atas) == (Decimal("15"), Decimal("16"))

    _post(client, "pk_ajukan", pk)
    client.force_login(make_user(Peran.KEPALA_OPD, opd=opd))
    response = _post(client, "pk_tandatangani", pk)
    pk.refresh_from_db()
    assert pk.status == PerjanjianKinerja.Status.DITANDATANGANI
    t = Target.objects.get(indikator=ind, jenis="pk", tahun=TAHUN)
    assert (t.teks, t.nilai, t.nilai_atas) == ("15–16", Decimal("15"), Decimal("16"))
    assert "15–16" in client.get(reverse("pk_detail", args=[opd.pk, TAHUN])).content.decode()

    Realisasi.objects.create(indikator=ind, tahun=TAHUN, nilai=Decimal("15.5"))
    hasil = compute_capaian_indikator(ind, TAHUN)
    assert hasil.capaian == Decimal("100")   # inside the range


def test_a_range_typed_in_a_pk_row_keeps_both_bounds_and_a_reversed_one_is_refused(client):
    opd, _ind = _opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    client.post(reverse("pk_susun", args=[opd.pk, TAHUN]))
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    baris = pk.baris.get()
    _post(client, "pk_ubah", pk, **{f"target_{baris.pk}": "12 s.d. 14"})
    baris.refresh_from_db()
    assert (baris.target_teks, baris.target, baris.target_atas) == (
        "12 s.d. 14", Decimal("12"), Decimal("14"))
    response = _post(client, "pk_ubah", pk, **{f"target_{baris.pk}": "14–12"})
    assert response.status_code == 400
    baris.refresh_from_db()
    assert baris.target_atas == Decimal("14")


def test_a_single_target_typed_over_a_range_clears_the_upper_bound(client):
    opd, _ind = _opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    client.post(reverse("pk_susun", args=[opd.pk, TAHUN]))
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    baris = pk.baris.get()
    _post(client, "pk_ubah", pk, **{f"target_{baris.pk}": "15"})
    baris.refresh_from_db()
    assert (baris.target, baris.target_atas) == (Decimal("15"), None)


def test_the_pk_document_prints_a_percent_range_as_written(client):
    from akuntabel.reports.pk import build_pk_context

    opd, ind = _opd()
    ind.satuan = "%"
    ind.save()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    client.post(reverse("pk_susun", args=[opd.pk, TAHUN]))
    tabel = [t for b in build_pk_context(opd, TAHUN).bagian for t in b.tabel]
    cells = [getattr(c, "teks", c) for t in tabel for row in t.baris for c in row]
    assert "15–16" in cells
