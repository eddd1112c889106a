"""Which Perjanjian Kinerja the document shows: the one in force, and its own programs."""

from decimal import Decimal

import pytest

from akuntabel.plans.models import PerjanjianKinerja, PerjanjianKinerjaProgram, Program
from akuntabel.reports.pk import build_pk_context

pytestmark = pytest.mark.django_db

Status = PerjanjianKinerja.Status


def _tabel(dokumen, kunci):
    return next(t for b in dokumen.bagian for t in b.tabel if t.kunci == kunci)


def _induk(opd):
    return PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=2023, jenis="induk")


def test_a_draft_perubahan_does_not_replace_the_signed_induk(demo_opd):
    induk = _induk(demo_opd)
    induk.status = Status.DITANDATANGANI
    induk.save()
    PerjanjianKinerja.objects.create(perangkat_daerah=demo_opd, tahun=2023, jenis="perubahan",
                                     status=Status.DRAFT)
    assert build_pk_context(demo_opd, 2023).judul == "PERJANJIAN KINERJA TAHUN 2023"


def test_a_signed_perubahan_is_the_document(demo_opd):
    induk = _induk(demo_opd)
    induk.status = Status.DITANDATANGANI
    induk.save()
    PerjanjianKinerja.objects.create(perangkat_daerah=demo_opd, tahun=2023, jenis="perubahan",
                                     status=Status.DITANDATANGANI)
    assert build_pk_context(demo_opd, 2023).judul == "PERJANJIAN KINERJA PERUBAHAN TAHUN 2023"


def test_without_a_signed_pk_the_draft_is_shown_for_signing(demo_opd):
    assert build_pk_context(demo_opd, 2023).judul == "PERJANJIAN KINERJA TAHUN 2023"


def test_the_pk_own_programs_are_its_annex(demo_opd):
    induk = _induk(demo_opd)
    program = Program.objects.filter(renstra__perangkat_daerah=demo_opd).order_by("pk").first()
    PerjanjianKinerjaProgram.objects.create(perjanjian_kinerja=induk, program=program,
                                            anggaran=Decimal("1250000"), urutan=1)
    rows = _tabel(build_pk_context(demo_opd, 2023), "pk-program").baris
    texts = [[getattr(c, "teks", c) for c in row] for row in rows]
    assert len(rows) == 2  # the one program and the total
    assert "Rp 1.250.000" in texts[0] and "Rp 1.250.000" in texts[1]
