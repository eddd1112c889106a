"""The pemda's realisasi of an IKU from its own formula over the linked OPD indicators
(akuntabel.daerah.realisasi), never an average of OPD scores; its capaian against the IKU's
target; the provenance down to each OPD entry, verified or not."""

from decimal import Decimal

import pytest

from akuntabel.daerah import services
from akuntabel.daerah.realisasi import realisasi_iku, tahun_berlaku
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi
from tests.daerah.conftest import iku_data

pytestmark = pytest.mark.django_db

D = Decimal


def entri(ind, nilai, tahun=2026, triwulan=0):
    return Realisasi.objects.create(indikator=ind, tahun=tahun, triwulan=triwulan,
                                    teks=str(nilai), nilai=D(str(nilai)))


def link(iku, ind, nama, user, verifikator, setuju=True):
    tautan = services.usulkan_tautan(iku, ind, nama=nama, catatan="", user=user)
    if setuju is not None:
        services.putuskan_tautan(tautan, setuju=setuju, catatan="" if setuju else "Tidak",
                                 user=verifikator)
    return tautan


@pytest.fixture
def linked(iku, ind_dinsos, ind_dinkes, operator_dinsos, operator_dinkes, verifikator):
    link(iku, ind_dinsos, "sos", operator_dinsos, verifikator)
    link(iku, ind_dinkes, "kes", operator_dinkes, verifikator)
    return iku


def test_counts_of_the_same_unit_are_summed_by_default(linked, ind_dinsos, ind_dinkes):
    entri(ind_dinsos, 120)
    entri(ind_dinkes, 60)
    hasil = realisasi_iku(linked, 2026)
    assert hasil.rumus == "SUM" and not hasil.rumus_tertulis
    assert hasil.realisasi == D(180) and hasil.alasan == ""
    assert hasil.target == D(200)
    assert hasil.capaian == D(90)   # 180 / 200 × 100, not the mean of the OPD capaian


def test_the_written_formula_is_used_not_an_average(linked, ind_dinsos, ind_dinkes,
                                                    admin_pemda, sasaran_daerah, dinsos,
                                                    dinkes):
    linked = services.simpan_iku(linked.perkada, iku_data(
        sasaran_daerah, dinsos, dinkes, satuan="%", agregasi="nilai",
        rumus="sos / (sos + kes) * 100", target_2026="50"), user=admin_pemda, iku=linked)
    entri(ind_dinsos, 30)
    entri(ind_dinkes, 10)
    hasil = realisasi_iku(linked, 2026)
    assert hasil.rumus_tertulis and hasil.realisasi == D(75)
    assert hasil.capaian == D(150)


def test_the_quarters_are_combined_as_results_capaian_decides(linked, ind_dinsos, ind_dinkes,
                                                             dinsos):
    entri(ind_dinsos, 40, triwulan=1)
    entri(ind_dinsos, 50, triwulan=2)
    entri(ind_dinkes, 10)
    PelaporanTriwulan.objects.create(perangkat_daerah=dinsos, tahun=2026, triwulan=1,
                                     status="diverifikasi")
    hasil = realisasi_iku(linked, 2026)
    assert hasil.realisasi == D(100)
    sos = next(m for m in hasil.masukan if m.nama == "sos")
    assert sos.nilai == D(90) and sos.opd == dinsos
    assert [(e.triwulan, e.nilai, e.terverifikasi) for e in sos.entri] == [
        (1, D(40), True), (2, D(50), False)]
    assert not hasil.semua_terverifikasi


def test_a_missing_opd_figure_gives_no_value_with_the_reason(linked, ind_dinsos):
    entri(ind_dinsos, 120)
    hasil = realisasi_iku(linked, 2026)
    assert hasil.realisasi is None and hasil.capaian is None
    assert hasil.alasan.startswith("tidak dapat dihitung") and "'kes'" in hasil.alasan


def test_division_by_zero_gives_no_value(linked, ind_dinsos, ind_dinkes, admin_pemda,
                                         sasaran_daerah, dinsos, dinkes):
    linked = services.simpan_iku(linked.perkada, iku_data(sasaran_daerah, dinsos, dinkes,
                                                 rumus="sos / kes"), user=admin_pemda,
                        iku=linked)
    entri(ind_dinsos, 5)
    entri(ind_dinkes, 0)
    hasil = realisasi_iku(linked, 2026)
    assert hasil.realisasi is None and "pembagian dengan nol" in hasil.alasan


def test_only_approved_links_count(iku, ind_dinsos, ind_dinkes, operator_dinsos,
                                   operator_dinkes, verifikator):
    link(iku, ind_dinsos, "sos", operator_dinsos, verifikator)
    link(iku, ind_dinkes, "kes", operator_dinkes, verifikator, setuju=None)  # still proposed
    entri(ind_dinsos, 120)
    entri(ind_dinkes, 60)
    hasil = realisasi_iku(iku, 2026)
    assert hasil.realisasi == D(120) and [m.nama for m in hasil.masukan] == ["sos"]


def test_a_rate_measured_by_several_indicators_needs_its_formula(
        linked, ind_dinsos, ind_dinkes, admin_pemda, sasaran_daerah, dinsos, dinkes):
    linked = services.simpan_iku(linked.perkada, iku_data(sasaran_daerah, dinsos, dinkes,
                                                 satuan="%", agregasi="nilai"),
                        user=admin_pemda, iku=linked)
    entri(ind_dinsos, 80)
    entri(ind_dinkes, 90)
    hasil = realisasi_iku(linked, 2026)
    assert hasil.realisasi is None and "rumus" in hasil.alasan


def test_counts_of_different_units_are_not_summed(linked, ind_dinsos, ind_dinkes):
    ind_dinkes.satuan = "keluarga"
    ind_dinkes.save()
    entri(ind_dinsos, 120)
    entri(ind_dinkes, 60)
    hasil = realisasi_iku(linked, 2026)
    assert hasil.realisasi is None and "satuan" in hasil.alasan


def test_the_years_a_perkada_is_in_force(perkada, rpjmd, admin_pemda):
    from datetime import date
    assert tahun_berlaku(perkada) == [2025, 2026, 2027, 2028, 2029]
    services.buat_perkada(rpjmd, nomor="5", tanggal=date(2027, 1, 2), tentang="Perubahan",
                          berlaku_mulai=2027, user=admin_pemda)
    perkada.refresh_from_db()
    assert tahun_berlaku(perkada) == [2025, 2026]
