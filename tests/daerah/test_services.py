"""The write path of the IKU of the pemda (akuntabel.daerah.services): Perkada versions, the
IKU and their targets, and the links proposed by an OPD and decided by Bappeda, each with its
history; bad input is refused whole, naming the field."""

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.audit.models import Perubahan
from akuntabel.daerah import services
from akuntabel.daerah.models import IkuDaerah, Perkada, TautanIku
from tests.builders import make_opd
from tests.daerah.conftest import iku_data, indikator_of

pytestmark = pytest.mark.django_db


def test_an_iku_is_saved_with_its_targets_and_responsible_agencies(iku, dinsos, dinkes):
    assert iku.uraian == "Jumlah PPKS yang ditangani"
    assert set(iku.penanggung_jawab.all()) == {dinsos, dinkes}
    assert {t.tahun: t.nilai for t in iku.target.all()} == {2026: Decimal(200)}
    assert Perubahan.objects.filter(model="IkuDaerah", objek_id=iku.pk).exists()


@pytest.mark.parametrize(
    ("ubah", "kolom"),
    [
        pytest.param({"uraian": ""}, "uraian", id="no description -> refused on uraian"),
        pytest.param({"satuan": ""}, "satuan", id="no unit -> refused on satuan"),
        pytest.param({"rumus": "A +"}, "rumus", id="a malformed formula -> refused on rumus"),
        pytest.param({"target_2027": "banyak"}, "target_2027",
                     id="a target that is no number -> refused on its year"),
        pytest.param({"penanggung_jawab": []}, "penanggung_jawab",
                     id="no responsible agency -> refused"),
        pytest.param({"polaritas": "miring"}, "polaritas", id="an unknown polarity -> refused"),
        pytest.param({"satuan": "x" * 101}, "satuan",
                     id="a unit longer than its column -> refused, not a database error"),
        pytest.param({"rumus": "A" * 501}, "rumus",
                     id="a formula longer than its column -> refused"),
        pytest.param({"kode": "K" * 41}, "kode", id="a code longer than its column -> refused"),
        pytest.param({"target_2026": "1" + "0" * 30}, "target_2026",
                     id="a target too large to store -> refused on its year"),
        pytest.param({"target_2026": "0,123456"}, "target_2026",
                     id="a target with more decimals than stored -> refused"),
        pytest.param({"definisi": "Jumlah\x0cPPKS"}, "definisi",
                     id="a control character pasted from a PDF -> refused"),
    ],
)
def test_bad_input_is_refused_whole(perkada, sasaran_daerah, dinsos, admin_pemda, ubah, kolom):
    with pytest.raises(services.IkuError) as err:
        services.simpan_iku(perkada, iku_data(sasaran_daerah, dinsos, **ubah), user=admin_pemda)
    assert kolom in err.value.errors
    assert not IkuDaerah.objects.exists()


def test_an_agency_of_another_pemda_cannot_be_responsible(perkada, sasaran_daerah,
                                                          admin_pemda):
    with pytest.raises(services.IkuError) as err:
        services.simpan_iku(perkada, iku_data(sasaran_daerah, make_opd()), user=admin_pemda)
    assert "penanggung_jawab" in err.value.errors


def test_a_perkada_year_outside_the_rpjmd_is_refused(rpjmd, admin_pemda):
    with pytest.raises(services.IkuError) as err:
        services.buat_perkada(rpjmd, nomor="1", tanggal=date(2031, 1, 1), tentang="IKU",
                              berlaku_mulai=2031, user=admin_pemda)
    assert "berlaku_mulai" in err.value.errors


def test_a_new_perkada_copies_the_previous_set_to_edit(perkada, iku, ind_dinsos,
                                                       operator_dinsos, verifikator,
                                                       admin_pemda, rpjmd):
    tautan = services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="",
                                     user=operator_dinsos)
    services.putuskan_tautan(tautan, setuju=True, catatan="", user=verifikator)
    baru = services.buat_perkada(rpjmd, nomor="5 Tahun 2027", tanggal=date(2027, 2, 1),
                                 tentang="Perubahan IKU", berlaku_mulai=2027, user=admin_pemda)
    assert baru.menggantikan == perkada
    salinan = baru.iku.get()
    assert salinan.pk != iku.pk and salinan.uraian == iku.uraian
    assert set(salinan.penanggung_jawab.all()) == set(iku.penanggung_jawab.all())
    assert {t.tahun: t.nilai for t in salinan.target.all()} == {2026: Decimal(200)}
    assert [(t.nama, t.status) for t in salinan.tautan.all()] == [("sos", "disetujui")]
    assert iku.tautan.count() == 1   # the old version is left as it was


def test_a_year_is_measured_against_the_perkada_in_force(perkada, rpjmd, admin_pemda, pemda):
    baru = services.buat_perkada(rpjmd, nomor="5 Tahun 2027", tanggal=date(2027, 2, 1),
                                 tentang="Perubahan IKU", berlaku_mulai=2027, user=admin_pemda)
    assert services.perkada_berlaku(pemda, 2026) == perkada
    assert services.perkada_berlaku(pemda, 2027) == baru
    assert services.perkada_berlaku(pemda, 2029) == baru
    assert services.perkada_berlaku(pemda, 2024) is None
    assert Perkada.objects.count() == 2


def test_an_opd_proposes_and_bappeda_approves_with_history(iku, ind_dinsos, operator_dinsos,
                                                          verifikator):
    tautan = services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="Data SIKS-NG",
                                     user=operator_dinsos)
    assert tautan.status == TautanIku.Status.DIUSULKAN
    services.putuskan_tautan(tautan, setuju=True, catatan="Sesuai", user=verifikator)
    tautan.refresh_from_db()
    assert tautan.status == TautanIku.Status.DISETUJUI and tautan.diputuskan_oleh == verifikator
    history = Perubahan.objects.filter(model="TautanIku", objek_id=tautan.pk, kolom="status")
    assert [(h.lama, h.baru) for h in history.order_by("id")] == [
        ("", "diusulkan"), ("diusulkan", "disetujui")]
    assert history.order_by("id").last().alasan == "Sesuai"


def test_a_rejection_needs_a_note_and_the_opd_may_propose_again(iku, ind_dinsos,
                                                               operator_dinsos, verifikator):
    tautan = services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="",
                                     user=operator_dinsos)
    with pytest.raises(services.IkuError) as err:
        services.putuskan_tautan(tautan, setuju=False, catatan=" ", user=verifikator)
    assert "catatan" in err.value.errors
    services.putuskan_tautan(tautan, setuju=False, catatan="Bukan ukuran IKU ini",
                             user=verifikator)
    tautan.refresh_from_db()
    assert tautan.status == "ditolak" and tautan.catatan_verifikasi == "Bukan ukuran IKU ini"
    again = services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="Diperbaiki",
                                    user=operator_dinsos)
    assert again.pk == tautan.pk and again.status == "diusulkan"


def test_a_decided_link_cannot_be_decided_again(iku, ind_dinsos, operator_dinsos, verifikator):
    tautan = services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="",
                                     user=operator_dinsos)
    services.putuskan_tautan(tautan, setuju=True, catatan="", user=verifikator)
    with pytest.raises(services.IkuError):
        services.putuskan_tautan(tautan, setuju=False, catatan="x", user=verifikator)


@pytest.mark.parametrize(
    ("nama", "pesan"),
    [
        pytest.param("", "nama", id="no name -> refused"),
        pytest.param("2a", "nama", id="a name starting with a digit -> refused"),
        pytest.param("SUM", "nama", id="the reserved word SUM -> refused"),
    ],
)
def test_a_link_name_must_be_usable_in_the_formula(iku, ind_dinsos, operator_dinsos, nama,
                                                   pesan):
    with pytest.raises(services.IkuError) as err:
        services.usulkan_tautan(iku, ind_dinsos, nama=nama, catatan="", user=operator_dinsos)
    assert pesan in err.value.errors


def test_an_indicator_of_an_agency_not_responsible_cannot_be_linked(iku, pemda, admin_pemda):
    other = indikator_of(make_opd(pemda=pemda), "Lain")
    with pytest.raises(services.IkuError) as err:
        services.usulkan_tautan(iku, other, nama="x", catatan="", user=admin_pemda)
    assert "indikator" in err.value.errors


def test_crosscutting_one_iku_linked_to_indicators_of_two_agencies(
        iku, ind_dinsos, ind_dinkes, operator_dinsos, operator_dinkes):
    services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="", user=operator_dinsos)
    services.usulkan_tautan(iku, ind_dinkes, nama="kes", catatan="", user=operator_dinkes)
    assert {t.indikator.perangkat_daerah.nama for t in iku.tautan.all()} == {
        "Dinas Sosial", "Dinas Kesehatan"}
    with pytest.raises(services.IkuError) as err:
        services.usulkan_tautan(iku, indikator_of(ind_dinkes.perangkat_daerah, "X"),
                                nama="sos", catatan="", user=operator_dinkes)
    assert "nama" in err.value.errors


def test_an_iku_is_removed_with_a_reason_and_its_history(iku, admin_pemda):
    with pytest.raises(services.IkuError) as err:
        services.hapus_iku(iku, user=admin_pemda, alasan=" ")
    assert "alasan" in err.value.errors and IkuDaerah.objects.filter(pk=iku.pk).exists()
    pk = iku.pk
    services.hapus_iku(iku, user=admin_pemda, alasan="Salah ketik")
    assert not IkuDaerah.objects.filter(pk=pk).exists()
    assert Perubahan.objects.filter(model="IkuDaerah", objek_id=pk, baru="",
                                    alasan="Salah ketik").exists()


def test_a_note_with_a_control_character_is_refused(iku, ind_dinsos, operator_dinsos):
    with pytest.raises(services.IkuError) as err:
        services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="a\x00b",
                                user=operator_dinsos)
    assert "catatan" in err.value.errors and not TautanIku.objects.exists()


def test_a_proposal_saved_meanwhile_by_someone_else_is_refused_not_a_crash(
        iku, ind_dinsos, operator_dinsos, monkeypatch):
    """Two operators propose at once: the second one's check ran before the first saved."""
    services.usulkan_tautan(iku, ind_dinsos, nama="sos", catatan="", user=operator_dinsos)
    nothing = TautanIku.objects.none   # the checks see nothing yet, as in a race
    monkeypatch.setattr(TautanIku.objects, "filter", lambda *a, **k: nothing())
    monkeypatch.setattr(TautanIku.objects, "select_for_update", nothing)
    with pytest.raises(services.IkuError) as err:
        services.usulkan_tautan(iku, ind_dinsos, nama="sos2", catatan="", user=operator_dinsos)
    assert "nama" in err.value.errors


def test_a_perkada_typo_is_corrected_with_its_history(perkada, admin_pemda):
    services.ubah_perkada(perkada, nomor="12 Tahun 2025 ", tanggal=date(2025, 3, 2),
                          tentang="IKU Kota Uji", user=admin_pemda, alasan="Salah ketik")
    perkada.refresh_from_db()
    assert (perkada.nomor, perkada.tanggal, perkada.tentang) == (
        "12 Tahun 2025", date(2025, 3, 2), "IKU Kota Uji")
    assert Perubahan.objects.filter(model="Perkada", objek_id=perkada.pk, kolom="tentang",
                                    alasan="Salah ketik").exists()
    with pytest.raises(services.IkuError) as err:
        services.ubah_perkada(perkada, nomor="", tanggal=None, tentang="x", user=admin_pemda)
    assert {"nomor", "tanggal"} <= set(err.value.errors)
