"""The pemda's final LKjIP (daerah.lkjip_final): frozen as the files and the data they were
made from, each with its SHA-256; the same data makes no second final; a damaged file is
detected; the snapshot renders the same document again."""

from decimal import Decimal

import pytest

from akuntabel.daerah import lkjip_final
from akuntabel.daerah.models import LaporanFinalPemda
from akuntabel.reports.final import FinalTidakBerubah, sha256_of
from tests.daerah.test_lkjip import TAHUN, world  # noqa: F401  (the fixture)
from tests.daerah.test_realisasi import entri

pytestmark = pytest.mark.django_db

CATATAN = "LKjIP Perangkat Daerah menyusul"  # the world's OPD have no final yet


def test_a_final_is_frozen_with_its_hash(world, pemda, admin_pemda):  # noqa: F811
    from datetime import date
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, date(2027, 2, 20), catatan=CATATAN)
    assert sorted(f.format for f in made) == ["docx", "pdf"]
    for f in made:
        assert f.sha256 == sha256_of(bytes(f.isi)) and lkjip_final.is_intact(f)
    pdf = next(f for f in made if f.format == "pdf")
    assert bytes(pdf.isi).startswith(b"%PDF")
    iku = pdf.data["sumber"]["iku"][-1]
    assert iku["tahun"] == TAHUN and Decimal(iku["realisasi"]) == 180
    assert {m["nama"]: m["status"] for m in iku["masukan"]} == {
        "sos": "terverifikasi", "kes": "terverifikasi"}
    # The snapshot renders it again: the stored PDF is that PDF/A with its signature appended.
    assert bytes(pdf.isi).startswith(lkjip_final.reproduce(pdf))
    docx = next(f for f in made if f.format == "docx")
    assert lkjip_final.reproduce(docx) == bytes(docx.isi)


def test_the_final_pdf_is_signed_with_the_pemdas_key(world, pemda, admin_pemda):  # noqa: F811
    from akuntabel.reports.verifikasi import verify

    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("pdf",), catatan=CATATAN)
    hasil = verify(bytes(made[0].isi))
    assert hasil.sah, hasil.alasan
    assert (hasil.pemda, hasil.pemda_kode, hasil.dokumen) == ("Kota Uji", pemda.kode,
                                                              "lkjip-pemda")
    changed = bytearray(made[0].isi)
    changed[len(changed) // 2] ^= 1
    assert not verify(bytes(changed)).sah


# The two tests below compare snapshots, the same whatever the format: Word only, no PDF.
def test_the_same_data_makes_no_second_final(world, pemda, admin_pemda):  # noqa: F811
    from datetime import date
    lkjip_final.make_final(pemda, TAHUN, admin_pemda, date(2027, 2, 20), formats=("docx",),
                           catatan=CATATAN)
    with pytest.raises(FinalTidakBerubah):
        lkjip_final.make_final(pemda, TAHUN, admin_pemda, date(2027, 2, 20), formats=("docx",),
                               catatan=CATATAN)
    assert LaporanFinalPemda.objects.count() == 1


def test_the_final_keeps_its_figures_after_the_data_changes(world, pemda, admin_pemda,  # noqa: F811
                                                           ind_dinsos):
    from datetime import date
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, date(2027, 2, 20),
                                  formats=("docx",), catatan=CATATAN)
    from akuntabel.results.models import Realisasi
    Realisasi.objects.filter(indikator=ind_dinsos, tahun=TAHUN).delete()
    entri(ind_dinsos, 150, tahun=TAHUN)
    again = lkjip_final.make_final(pemda, TAHUN, admin_pemda, date(2027, 2, 20),
                                   formats=("docx",), catatan=CATATAN)
    assert Decimal(made[0].data["sumber"]["iku"][-1]["realisasi"]) == 180
    assert Decimal(again[0].data["sumber"]["iku"][-1]["realisasi"]) == 210
    assert LaporanFinalPemda.objects.count() == 2


def test_a_damaged_file_is_detected(world, pemda, admin_pemda):  # noqa: F811
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("pdf",), catatan=CATATAN)
    LaporanFinalPemda.objects.filter(pk=made[0].pk).update(isi=b"%PDF tampered")
    assert not lkjip_final.is_intact(LaporanFinalPemda.objects.get(pk=made[0].pk))


def _final_opd(opd):
    from akuntabel.reports.models import LaporanFinal
    LaporanFinal.objects.create(perangkat_daerah=opd, tahun=TAHUN, dokumen="lakip",
                                format="pdf", isi=b"%PDF", data={}, sha256="0" * 64)


def test_the_open_problems_name_the_missing_opd_finals(world, pemda, dinsos, dinkes):  # noqa: F811
    _final_opd(dinsos)
    masalah = lkjip_final.masalah_terbuka(pemda, TAHUN)
    assert [(m.jenis, m.tempat) for m in masalah] == [("final-opd", dinkes.nama)]


def test_the_open_problems_name_an_iku_not_measured(world, pemda, dinsos, dinkes,  # noqa: F811
                                                    ind_dinkes):
    from akuntabel.results.models import Realisasi
    _final_opd(dinsos)
    _final_opd(dinkes)
    assert lkjip_final.masalah_terbuka(pemda, TAHUN) == []
    Realisasi.objects.filter(indikator=ind_dinkes, tahun=TAHUN).delete()
    masalah = lkjip_final.masalah_terbuka(pemda, TAHUN)
    assert [m.jenis for m in masalah] == ["iku"]
    assert world.uraian in masalah[0].tempat and dinkes.nama in masalah[0].pesan


def test_open_problems_need_a_note_kept_with_the_final(world, pemda, admin_pemda, dinsos):  # noqa: F811
    from akuntabel.reports.final import CatatanDiperlukan
    with pytest.raises(CatatanDiperlukan):
        lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("docx",), catatan="  ")
    assert not LaporanFinalPemda.objects.exists()
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("docx",),
                                  catatan="LKjIP OPD menyusul")
    assert made[0].catatan == "LKjIP OPD menyusul"
    assert [m["jenis"] for m in made[0].masalah] == ["final-opd", "final-opd"]


def test_without_open_problems_no_note_is_needed(world, pemda, admin_pemda, dinsos, dinkes):  # noqa: F811
    _final_opd(dinsos)
    _final_opd(dinkes)
    made = lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("docx",))
    assert made[0].masalah == [] and made[0].catatan == ""


def test_an_agency_responsible_for_no_iku_is_not_a_problem(world, pemda, dinsos, dinkes):  # noqa: F811
    """Only the agencies an IKU of the pemda rests on (responsible for it, or whose indicator
    is linked to it) need their own final before the pemda's: another agency's LKjIP is no
    input of the pemda's."""
    from tests.builders import make_opd
    make_opd(pemda=pemda, nama="Dinas Pariwisata")
    _final_opd(dinsos)
    masalah = lkjip_final.masalah_terbuka(pemda, TAHUN)
    assert [(m.jenis, m.tempat) for m in masalah] == [("final-opd", dinkes.nama)]


def test_a_final_is_outdated_when_the_budget_changed(world, pemda, admin_pemda, dinsos):  # noqa: F811
    """The outdated check covers the APBD tables too (per agency and per bidang urusan), not
    only the IKU figures."""
    from akuntabel.budget.models import DpaSubKegiatan
    lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("docx",), catatan=CATATAN)
    assert lkjip_final.final_kedaluwarsa(pemda, TAHUN)["jumlah_perbedaan"] == 0
    DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=dinsos,
                                  sub_kegiatan__kode__startswith="1.06").update(
        realisasi=Decimal("950000"))
    beda = lkjip_final.final_kedaluwarsa(pemda, TAHUN)["perbedaan"]
    tempat = {p.tempat: (p.lama, p.baru) for p in beda}
    assert tempat[f"Anggaran per Perangkat Daerah › {dinsos.nama} › realisasi"] == (
        "1.400.000", "1.450.000")
    assert any(t.startswith("Anggaran per bidang urusan › 1.06") for t in tempat), tempat


def test_a_year_without_a_perkada_in_force_is_a_problem(world, pemda, dinsos, dinkes):  # noqa: F811
    """Without a Perkada on the IKU in force the LKjIP reports no IKU at all: said before the
    final, not passed over as "nothing open"."""
    _final_opd(dinsos)
    _final_opd(dinkes)
    masalah = lkjip_final.masalah_terbuka(pemda, 2024)   # the Perkada applies from 2025
    assert [m.jenis for m in masalah] == ["perkada"]
    assert "2024" in masalah[0].pesan


def test_a_final_is_outdated_when_a_goal_indicator_changed(world, pemda, admin_pemda,  # noqa: F811
                                                          sasaran_daerah, verifikator):
    """The tujuan daerah indicators are a table of the document (3.2): a realisasi Bappeda
    corrects after the final makes it outdated, said with the indicator's name."""
    from akuntabel.daerah import tujuan as layanan
    from tests.daerah.test_tujuan import data

    ipm = layanan.simpan_indikator(sasaran_daerah.tujuan_daerah, data(target_2026="72,3"),
                                   user=admin_pemda)
    layanan.simpan_realisasi(ipm, TAHUN, teks="72,05", sumber="BPS", versi=0, user=verifikator)
    lkjip_final.make_final(pemda, TAHUN, admin_pemda, formats=("docx",), catatan=CATATAN)
    assert lkjip_final.final_kedaluwarsa(pemda, TAHUN)["jumlah_perbedaan"] == 0
    layanan.simpan_realisasi(ipm, TAHUN, teks="72,40", sumber="BPS, angka tetap", versi=1,
                             user=verifikator, alasan="angka tetap")
    beda = lkjip_final.final_kedaluwarsa(pemda, TAHUN)["perbedaan"]
    tempat = {p.tempat: (p.lama, p.baru) for p in beda}
    assert tempat[f"Indikator tujuan daerah › {ipm.uraian} › realisasi {TAHUN}"] == (
        "72,05", "72,4"), tempat
