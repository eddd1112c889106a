"""Penetapan of a Renstra (``plans.penetapan``): a draft until its regulation is recorded; the
document as established is frozen with its SHA-256, later edits never change it; undoing it
needs a reason; every step is in the history; a perubahan of an established version is a
draft."""

import hashlib
import json
from datetime import date

import pytest

from akuntabel.audit.models import Perubahan
from akuntabel.plans import penetapan, perubahan, structure
from akuntabel.plans.models import Renstra, RenstraAnggaran, Rpjmd, Target
from akuntabel.plans.structure import StructureError
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_program,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
)

pytestmark = pytest.mark.django_db

PERWALI = "Peraturan Wali Kota Uji Nomor 12 Tahun 2021"


@pytest.fixture
def renstra(opd):
    renstra = make_renstra(opd)
    sasaran = make_sasaran(make_tujuan(renstra, kode="T1", uraian="Tujuan penetapan"),
                           kode="S1", uraian="Sasaran penetapan")
    ind = make_indikator(sasaran=sasaran, uraian="Indikator penetapan", satuan="%",
                         kondisi_awal_teks="81,79")
    for tahun in renstra.tahun:
        make_target(ind, 80 + tahun - 2021, jenis="renstra", tahun=tahun)
    program = make_program(renstra, nama="Program penetapan", sasaran=sasaran)
    make_indikator(program=program, uraian="Indikator program penetapan")
    RenstraAnggaran.objects.create(kegiatan=make_kegiatan(program, nama="Kegiatan penetapan"),
                                   tahun=2023, target_teks="26.000.000")
    return renstra


def test_a_renstra_is_a_draft_until_its_penetapan(renstra):
    assert renstra.status == Renstra.Status.DRAFT


def test_penetapan_freezes_the_document_with_its_hash(renstra, user):
    penetapan.tetapkan(renstra, dasar_hukum=PERWALI, tanggal_dasar_hukum=date(2021, 9, 1),
                       alasan="", user=user)
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DITETAPKAN
    assert renstra.ditetapkan_oleh == user and renstra.ditetapkan_pada is not None
    assert renstra.sha256 == hashlib.sha256(renstra.dokumen_tetap.encode()).hexdigest()
    doc = json.loads(renstra.dokumen_tetap)
    assert doc["penetapan"] == {"dasar_hukum": PERWALI, "tanggal": "2021-09-01"}
    [ind] = doc["tujuan"][0]["sasaran"][0]["indikator"]
    assert ind["uraian"] == "Indikator penetapan" and ind["kondisi_awal"] == "81,79"
    assert ind["target"]["2023"] == "82" and ind["satuan"] == "%"
    assert doc["program"][0]["nama"] == "Program penetapan"
    assert doc["program"][0]["indikator"][0]["uraian"] == "Indikator program penetapan"
    assert doc["program"][0]["kegiatan"] == [
        {"kode": doc["program"][0]["kegiatan"][0]["kode"], "nama": "Kegiatan penetapan",
         "pagu": {"2023": "26.000.000"}}]
    assert penetapan.bagian_berubah(renstra) == []
    assert set(Perubahan.objects.filter(model="Renstra", objek_id=renstra.pk)
               .values_list("kolom", flat=True)) >= {"status", "sha256", "dasar_hukum"}


def test_later_edits_never_change_the_established_document_and_are_named(renstra, user):
    penetapan.tetapkan(renstra, dasar_hukum=PERWALI, tanggal_dasar_hukum=date(2021, 9, 1),
                       alasan="", user=user)
    renstra.refresh_from_db()
    frozen, hash_ = renstra.dokumen_tetap, renstra.sha256
    Target.objects.filter(tahun=2024, jenis="renstra").update(teks="99", nilai=99)
    renstra.refresh_from_db()
    assert (renstra.dokumen_tetap, renstra.sha256) == (frozen, hash_)
    assert penetapan.bagian_berubah(renstra) == ["target"]


@pytest.mark.parametrize("dasar, tanggal, field", [
    ("", date(2021, 9, 1), "dasar_hukum"),
    (PERWALI, None, "tanggal_dasar_hukum"),
], ids=["without the regulation's number -> refused",
        "without the regulation's date -> refused"])
def test_penetapan_needs_the_legal_basis(renstra, user, dasar, tanggal, field):
    with pytest.raises(StructureError) as exc:
        penetapan.tetapkan(renstra, dasar_hukum=dasar, tanggal_dasar_hukum=tanggal,
                           alasan="", user=user)
    assert field in exc.value.errors
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DRAFT and renstra.sha256 == ""
    assert not Perubahan.objects.filter(model="Renstra", objek_id=renstra.pk).exists()


def test_undoing_needs_a_reason_and_is_recorded(renstra, user):
    penetapan.tetapkan(renstra, dasar_hukum=PERWALI, tanggal_dasar_hukum=date(2021, 9, 1),
                       alasan="", user=user)
    with pytest.raises(StructureError):
        penetapan.batalkan(renstra, alasan=" ", user=user)
    penetapan.batalkan(renstra, alasan="Salah unggah nomor perwali", user=user)
    renstra.refresh_from_db()
    assert renstra.status == Renstra.Status.DRAFT and renstra.dokumen_tetap == ""
    assert Perubahan.objects.filter(model="Renstra", objek_id=renstra.pk, kolom="status",
                                    baru="draft", alasan="Salah unggah nomor perwali").exists()
    with pytest.raises(StructureError):   # nothing left to undo
        penetapan.batalkan(renstra, alasan="lagi", user=user)


def test_a_perubahan_of_an_established_version_is_a_draft(opd, user):
    Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2025, tahun_akhir=2029, visi="Visi")
    renstra = structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, user=user)
    penetapan.tetapkan(renstra, dasar_hukum=PERWALI, tanggal_dasar_hukum=date(2025, 3, 1),
                       alasan="", user=user)
    baru = perubahan.buat_perubahan(renstra, berlaku_mulai=2027, user=user,
                                    dasar_hukum="Perwali perubahan", alasan="Evaluasi")
    assert (baru.status, baru.sha256, baru.dokumen_tetap, baru.ditetapkan_oleh) == (
        Renstra.Status.DRAFT, "", "", None)
