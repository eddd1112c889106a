"""The indicators of the tujuan daerah (RPJMD): their one write path (lock, version, reason,
history, the pemda's revision) and the one reading of a year with its capaian by core."""

from decimal import Decimal

import pytest
from django.db import connection

from akuntabel.audit.models import Perubahan
from akuntabel.daerah import tujuan as layanan
from akuntabel.plans.models import (
    IndikatorTujuanDaerah,
    RealisasiTujuanDaerah,
    TargetTujuanDaerah,
)
from akuntabel.revisi.services import revisi_opd, revisi_pemda
from tests.daerah.conftest import AKHIR, AWAL

pytestmark = pytest.mark.django_db


def data(**kw):
    d = {"kode": "IT-1", "uraian": "Indeks Pembangunan Manusia", "satuan": "indeks",
         "polaritas": "naik", "definisi": "Rata-rata geometrik indeks kesehatan, pendidikan "
         "dan pengeluaran (metode BPS 2014).", "sumber_data": "BPS Kota Uji",
         "kondisi_awal_tahun": "2024", "kondisi_awal": "71,20", "kondisi_akhir": "74,00",
         **{f"target_{t}": "" for t in range(AWAL, AKHIR + 1)}}
    d.update(target_2025="71,8", target_2026="72,3")
    d.update(kw)
    return d


@pytest.fixture
def tujuan(sasaran_daerah):
    return sasaran_daerah.tujuan_daerah


@pytest.fixture
def ipm(tujuan, admin_pemda):
    return layanan.simpan_indikator(tujuan, data(), user=admin_pemda)


def test_an_indicator_is_saved_with_baseline_targets_and_end_target(ipm, tujuan):
    ipm.refresh_from_db()
    assert ipm.tujuan_daerah == tujuan and ipm.satuan == "indeks"
    assert (ipm.kondisi_awal_tahun, ipm.kondisi_awal, ipm.kondisi_akhir) == (
        2024, Decimal("71.2"), Decimal("74"))
    assert {t.tahun: t.nilai for t in ipm.target.all()} == {
        2025: Decimal("71.8"), 2026: Decimal("72.3")}
    assert Perubahan.objects.filter(model="IndikatorTujuanDaerah", objek_id=ipm.pk,
                                    kolom="target 2026", baru="72,3").exists()


@pytest.mark.parametrize(("kolom", "nilai"), [
    pytest.param("uraian", " ", id="no description is refused"),
    pytest.param("satuan", "", id="no unit is refused"),
    pytest.param("target_2027", "naik sedikit", id="a target that is not a number is refused"),
    pytest.param("kondisi_akhir", "1e400", id="an end target beyond the column is refused"),
    pytest.param("polaritas", "rentang", id="a polarity other than up or down is refused"),
    pytest.param("kondisi_awal_tahun", "24", id="a baseline year that is no year is refused"),
    pytest.param("uraian", "IPM\x00", id="a control character is refused"),
])
def test_bad_input_is_refused_whole_with_the_field_named(tujuan, admin_pemda, kolom, nilai):
    with pytest.raises(layanan.TujuanError) as err:
        layanan.simpan_indikator(tujuan, data(**{kolom: nilai}), user=admin_pemda)
    assert kolom in err.value.errors
    assert not IndikatorTujuanDaerah.objects.exists() and not TargetTujuanDaerah.objects.exists()


def test_a_change_needs_a_reason_and_the_version_read(ipm, tujuan, admin_pemda):
    with pytest.raises(layanan.TujuanError) as err:
        layanan.simpan_indikator(tujuan, data(target_2027="72,9"), user=admin_pemda,
                                 indikator=ipm, versi=ipm.versi)
    assert "alasan" in err.value.errors
    layanan.simpan_indikator(tujuan, data(target_2027="72,9"), user=admin_pemda,
                             indikator=ipm, versi=ipm.versi, alasan="Perubahan RPJMD")
    with pytest.raises(layanan.TujuanError) as err:   # a page read before that change
        layanan.simpan_indikator(tujuan, data(target_2027="73"), user=admin_pemda,
                                 indikator=ipm, versi=ipm.versi, alasan="basi")
    assert "versi" in err.value.errors
    assert TargetTujuanDaerah.objects.get(indikator=ipm, tahun=2027).nilai == Decimal("72.9")
    h = Perubahan.objects.get(model="IndikatorTujuanDaerah", objek_id=ipm.pk,
                              kolom="target 2027")
    assert (h.lama, h.baru, h.alasan) == ("", "72,9", "Perubahan RPJMD")


def test_a_realisasi_names_its_source_and_a_change_its_reason(ipm, verifikator):
    with pytest.raises(layanan.TujuanError) as err:
        layanan.simpan_realisasi(ipm, 2025, teks="72,05", sumber="", versi=0, user=verifikator)
    assert "sumber" in err.value.errors
    r = layanan.simpan_realisasi(ipm, 2025, teks="72,05", sumber="BPS, BRS No. 5/2026",
                                 versi=0, user=verifikator)
    assert (r.nilai, r.versi) == (Decimal("72.05"), 1)
    with pytest.raises(layanan.TujuanError) as err:
        layanan.simpan_realisasi(ipm, 2025, teks="72,10", sumber="BPS, BRS No. 5/2026",
                                 versi=1, user=verifikator)
    assert "alasan" in err.value.errors
    r = layanan.simpan_realisasi(ipm, 2025, teks="72,10", sumber="BPS, angka tetap 2026",
                                 versi=1, user=verifikator, alasan="angka sementara → tetap")
    assert (r.nilai, r.versi) == (Decimal("72.10"), 2)
    with pytest.raises(layanan.TujuanError) as err:   # a page read at the first version
        layanan.simpan_realisasi(ipm, 2025, teks="80", sumber="x", versi=1, user=verifikator,
                                 alasan="basi")
    assert "versi" in err.value.errors
    h = list(Perubahan.objects.filter(model="RealisasiTujuanDaerah", objek_id=r.pk,
                                      kolom="nilai").order_by("id")
             .values_list("lama", "baru", "alasan"))
    assert h == [("", "72,05", ""), ("72,05", "72,10", "angka sementara → tetap")]


@pytest.mark.parametrize(("tahun", "teks"), [
    pytest.param(AWAL - 1, "71", id="a year before the RPJMD is refused"),
    pytest.param(AKHIR + 1, "71", id="a year after the RPJMD is refused"),
    pytest.param(AWAL, "tujuh puluh", id="a figure that is not a number is refused"),
])
def test_a_bad_realisasi_is_refused(ipm, verifikator, tahun, teks):
    with pytest.raises(layanan.TujuanError):
        layanan.simpan_realisasi(ipm, tahun, teks=teks, sumber="BPS", versi=0,
                                 user=verifikator)
    assert not RealisasiTujuanDaerah.objects.exists()


def test_an_emptied_realisasi_is_removed_with_its_reason(ipm, verifikator):
    r = layanan.simpan_realisasi(ipm, 2025, teks="72", sumber="BPS", versi=0, user=verifikator)
    assert layanan.simpan_realisasi(ipm, 2025, teks="", sumber="", versi=r.versi,
                                    user=verifikator, alasan="salah indikator") is None
    assert not RealisasiTujuanDaerah.objects.exists()


def test_the_year_reads_capaian_by_core_and_names_a_missing_realisasi(ipm, tujuan, rpjmd,
                                                                     admin_pemda, verifikator):
    miskin = layanan.simpan_indikator(tujuan, data(
        kode="IT-2", uraian="Persentase penduduk miskin", satuan="%", polaritas="turun",
        kondisi_akhir="7", target_2025="8", target_2026="7,8"), user=admin_pemda)
    layanan.simpan_realisasi(ipm, 2025, teks="71,5", sumber="BPS", versi=0, user=verifikator)
    layanan.simpan_realisasi(ipm, 2026, teks="72,5", sumber="BPS", versi=0, user=verifikator)
    layanan.simpan_realisasi(miskin, 2026, teks="7,5", sumber="BPS", versi=0, user=verifikator)
    baris = {b.indikator.kode: b for b in layanan.baca_tahun(rpjmd, 2026)[tujuan.pk]}
    b = baris["IT-1"]
    assert b.capaian == Decimal("72.5") * 100 / Decimal("72.3")      # R / T × 100
    assert b.rumus == "72,5 ÷ 72,3 × 100"
    assert b.perubahan_persen == Decimal(1) * 100 / Decimal("71.5") and b.membaik is True
    assert b.capaian_akhir == Decimal("72.5") * 100 / Decimal("74")
    m = baris["IT-2"]
    assert m.capaian == (2 * Decimal("7.8") - Decimal("7.5")) * 100 / Decimal("7.8")
    assert m.capaian_akhir == (2 * Decimal(7) - Decimal("7.5")) * 100 / Decimal(7)
    assert m.lalu is None and m.perubahan_persen is None
    kosong = {b.indikator.kode: b for b in layanan.baca_tahun(rpjmd, 2027)[tujuan.pk]}
    assert kosong["IT-1"].capaian is None
    assert kosong["IT-1"].kurang == "realisasi 2027 belum diisi Bappeda; sumber data: BPS Kota Uji"


def test_every_write_advances_the_pemda_revision_and_not_the_installation(
        tujuan, admin_pemda, verifikator, demo_opd, pemda):
    lain = revisi_opd(demo_opd)
    for tulis in (
            lambda: layanan.simpan_indikator(tujuan, data(), user=admin_pemda),
            lambda: layanan.simpan_realisasi(IndikatorTujuanDaerah.objects.get(), 2025,
                                             teks="72", sumber="BPS", versi=0,
                                             user=verifikator),
            lambda: layanan.hapus_indikator(IndikatorTujuanDaerah.objects.get(),
                                            user=admin_pemda, alasan="uji")):
        connection._akuntabel_revisi = {}   # each write in its own transaction, as a request
        sebelum = revisi_pemda(pemda)
        tulis()
        assert revisi_pemda(pemda)[1] == sebelum[1] + 1
        assert revisi_opd(demo_opd) == lain


def test_the_real_kota_metro_demo_has_no_invented_goal_indicator(demo_opd):
    # Its LAKIP 2023 names the RPJMD's tujuan but no indicator of them: none is made up.
    assert not IndikatorTujuanDaerah.objects.filter(
        tujuan_daerah__rpjmd__pemda=demo_opd.pemda).exists()
