"""The world of the evaluation tests: a pemda with its Dinas Sosial and Dinas Kesehatan, the
shipped LKE template, the people who act (the Dinas Sosial's operator, the Inspektorat's
reviewer, the admin pemda, an operator of another OPD, the admin of another pemda) and an
evaluation of the Dinas Sosial whose three windows all hold ``HARI_INI``. Test files import the
fixtures they use from here."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from akuntabel.accounts.models import Peran
from akuntabel.evaluasi import services
from akuntabel.evaluasi.loader import load_template
from akuntabel.evaluasi.models import Evaluasi, Jawaban, TemplateLke
from tests.builders import make_opd, make_pemda, make_user

TAHUN = 2023
HARI_INI = date(2024, 3, 15)


def jendela(hari: date = HARI_INI, **ubah: date) -> services.Jendela:
    """Windows that all hold ``hari``: self-assessment until it, evaluation and response from
    it."""
    nilai = {"mandiri_mulai": hari - timedelta(days=30), "mandiri_selesai": hari,
             "evaluasi_mulai": hari, "evaluasi_selesai": hari + timedelta(days=30),
             "tanggapan_mulai": hari, "tanggapan_selesai": hari + timedelta(days=45)}
    nilai.update(ubah)
    return services.Jendela(**nilai)


def jawaban_of(evaluasi: Evaluasi, nomor: str) -> Jawaban:
    return evaluasi.jawaban.select_related("kriteria").get(kriteria__nomor=nomor)


@pytest.fixture
def template() -> TemplateLke:
    return TemplateLke.objects.get(kode=load_template().kode)


@pytest.fixture
def pemda():
    return make_pemda(nama="Kota Metro")


@pytest.fixture
def dinsos(pemda):
    return make_opd(pemda=pemda, nama="Dinas Sosial")


@pytest.fixture
def dinkes(pemda):
    return make_opd(pemda=pemda, nama="Dinas Kesehatan")


@pytest.fixture
def operator_dinsos(dinsos):
    return make_user(Peran.OPERATOR_OPD, opd=dinsos, first_name="Sri", last_name="Wahyuni")


@pytest.fixture
def operator_dinkes(dinkes):
    return make_user(Peran.OPERATOR_OPD, opd=dinkes)


@pytest.fixture
def reviewer(pemda):
    return make_user(Peran.REVIEWER, pemda=pemda, first_name="Budi", last_name="Inspektur")


@pytest.fixture
def admin_pemda(pemda):
    return make_user(Peran.ADMIN_PEMDA, pemda=pemda)


@pytest.fixture
def outsider():
    """The admin of another pemda."""
    return make_user(Peran.ADMIN_PEMDA, pemda=make_pemda())


@pytest.fixture
def evaluasi(pemda, dinsos, template, reviewer) -> Evaluasi:
    return services.buat_evaluasi(pemda, TAHUN, template, jendela(), opd=dinsos, user=reviewer)
