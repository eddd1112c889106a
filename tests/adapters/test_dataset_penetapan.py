"""A Renstra version's penetapan travels with the dataset (``renstra.penetapan``, and a
perubahan's own): an established version is exported with its regulation and loaded back
established through ``plans.penetapan.tetapkan`` (its document frozen anew from what was
loaded), so that its public page survives the move; a draft stays a draft."""

from datetime import date

import pytest
from django.urls import reverse

from akuntabel.adapters.dataset.reader import DatasetError, parse_yaml, validate
from akuntabel.adapters.dataset.writer import export_dataset_yaml
from akuntabel.audit.models import Perubahan
from akuntabel.plans import penetapan
from akuntabel.plans.models import Renstra, RenstraAnggaran
from tests.adapters.test_dataset_perubahan import _reload
from tests.plans.conftest import opd, user  # noqa: F401
from tests.plans.test_perubahan import _ubah, renstra  # noqa: F401

pytestmark = pytest.mark.django_db

PERWALI = "Peraturan Wali Kota Metro Nomor 7 Tahun 2025"


def _versions(opd):  # noqa: F811
    return [(r.berlaku_mulai, r.status, r.dasar_hukum, r.tanggal_dasar_hukum)
            for r in Renstra.objects.filter(perangkat_daerah=opd).order_by("berlaku_mulai")]


@pytest.fixture
def text(renstra, user, opd):  # noqa: F811
    """The file of a Renstra established by its Perwali, with a perubahan still a draft."""
    # an amount the dataset reads (the plan's own fixture prints "Rp 5 jt")
    RenstraAnggaran.objects.filter(target_teks="Rp 5 jt").update(target_teks="Rp 5.000.000")
    penetapan.tetapkan(renstra, dasar_hukum=PERWALI, tanggal_dasar_hukum=date(2025, 3, 1),
                       alasan="", user=user)
    _ubah(renstra, user)
    return export_dataset_yaml(opd)


def test_an_established_version_loads_back_established_and_public_a_draft_as_a_draft(
        text, opd, client):  # noqa: F811
    doc = parse_yaml(text)
    assert doc["renstra"]["penetapan"] == {"dasar_hukum": PERWALI, "tanggal": "2025-03-01"}
    assert "penetapan" not in doc["renstra"]["perubahan"][0]
    before = _versions(opd)
    again = _reload(opd, text)
    assert _versions(again) == before
    tetap = Renstra.objects.get(perangkat_daerah=again, versi_dari=None)
    # frozen by the service from what was loaded, recorded with the dataset as the reason
    assert tetap.sha256 == penetapan.sha256(tetap.dokumen_tetap.encode("utf-8"))
    assert penetapan.bagian_berubah(tetap) == []
    assert Perubahan.objects.filter(kolom="status", objek_id=tetap.pk, model="Renstra",
                                    alasan__contains="berkas data").exists()
    assert export_dataset_yaml(again) == text
    draf = Renstra.objects.get(perangkat_daerah=again, versi_dari=tetap)
    assert [client.get(reverse("portal:renstra", args=[again.pemda.pk, r.pk])).status_code
            for r in (tetap, draf)] == [200, 404]


def _refused(text, edit):
    doc = parse_yaml(text)
    edit(doc)
    with pytest.raises(DatasetError) as err:
        validate(doc)
    return str(err.value)


@pytest.mark.parametrize(("edit", "tempat", "pesan"), [
    pytest.param(lambda d: d["renstra"]["penetapan"].update(tanggal="2025-13-01"),
                 "renstra.penetapan.tanggal", "harus berupa tanggal",
                 id="a malformed date of the penetapan is refused at its place"),
    pytest.param(lambda d: d["renstra"]["penetapan"].pop("tanggal"),
                 "renstra.penetapan.tanggal", "wajib diisi",
                 id="a penetapan without its date is refused"),
    pytest.param(lambda d: d["renstra"]["perubahan"][0].update(
        penetapan={"tanggal": "2026-11-03"}),
                 "renstra.perubahan[0].penetapan.dasar_hukum", "wajib diisi",
                 id="a perubahan's penetapan without the regulation's number is refused"),
])
def test_a_bad_penetapan_is_refused_at_its_place(text, edit, tempat, pesan):
    message = _refused(text, edit)
    line = next((m for m in message.splitlines() if tempat in m), "")
    assert pesan in line, message
