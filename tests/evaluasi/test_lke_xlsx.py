"""The LKE as a workbook: downloaded in the template's layout, filled in Excel, read back as a
preview that names each faulty cell and writes nothing, and applied all or nothing through the
write services (side, window, lock and version checked as on the worksheet)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from akuntabel.evaluasi import lke_xlsx, services
from akuntabel.evaluasi.models import Evaluasi
from tests.evaluasi.dunia import (
    TAHUN,
    dinkes,
    dinsos,
    jawaban_of,
    jendela,
    operator_dinkes,
    operator_dinsos,
    outsider,
    pemda,
    reviewer,
    template,
)

__all__ = ["dinkes", "dinsos", "operator_dinkes", "operator_dinsos", "outsider", "pemda",
           "reviewer", "template"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def ev(pemda, dinsos, template, reviewer) -> Evaluasi:
    return services.buat_evaluasi(pemda, TAHUN, template, jendela(timezone.localdate()),
                                  opd=dinsos, user=reviewer)


def baris(ws, nomor: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == nomor)


def isi(ev, ubah) -> SimpleUploadedFile:
    """The evaluation's workbook, changed by ``ubah(ws)``, as an upload."""
    wb = load_workbook(io.BytesIO(lke_xlsx.tulis_lke(ev, dengan_penetapan=True)))
    ubah(wb["LKE"])
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("lke.xlsx", out.getvalue())


def test_the_workbook_holds_the_templates_layout(ev):
    ws = load_workbook(io.BytesIO(lke_xlsx.tulis_lke(ev, dengan_penetapan=False)))["LKE"]
    nomor = [ws.cell(r, 1).value for r in range(lke_xlsx.BARIS_KEPALA + 1, ws.max_row + 1)]
    assert nomor[:3] == ["1", "1.a", "1.a.1"] and len([n for n in nomor if n.count(".") == 2]) \
        == 80
    assert ws.cell(baris(ws, "1"), 3).value == 30 and ws.column_dimensions["H"].hidden


def test_answers_read_back_as_a_preview_and_applied(ev, operator_dinsos):
    def ubah(ws):
        ws.cell(baris(ws, "1.a.1"), 4, "bb")
        ws.cell(baris(ws, "1.a.1"), 5, "Pedoman ada")
        ws.cell(baris(ws, "4.c.5"), 4, "C")

    pratinjau = lke_xlsx.baca_lke(ev, isi(ev, ubah), "usulan")
    assert pratinjau.kesalahan == ()
    assert [(p.nomor, p.nilai, p.catatan) for p in pratinjau.perubahan] == [
        ("1.a.1", "BB", "Pedoman ada"), ("4.c.5", "C", "")]
    assert jawaban_of(ev, "1.a.1").nilai_usulan == ""   # a preview writes nothing
    assert lke_xlsx.terapkan_lke(ev, pratinjau, user=operator_dinsos,
                                 hari_ini=timezone.localdate()) == 2
    assert (jawaban_of(ev, "1.a.1").nilai_usulan, jawaban_of(ev, "4.c.5").nilai_usulan) == \
        ("BB", "C")


@pytest.mark.parametrize(("ubah", "pesan"), [
    pytest.param(lambda ws: ws.cell(baris(ws, "1.a.1"), 4, "Y"), r"Sel D\d+ \(kriteria 1\.a\.1\)",
                 id="a grade outside the scale names its cell"),
    pytest.param(lambda ws: ws.cell(baris(ws, "1.a.1"), 1, "9.z.9"), r"Sel A\d+: '9\.z\.9'",
                 id="a criterion the worksheet does not know names its cell"),
    pytest.param(lambda ws: ws.__setitem__("B3", 999999), "Sel B2–B3",
                 id="a workbook of another evaluation is refused"),
])
def test_faults_name_their_cell(ev, ubah, pesan):
    pratinjau = lke_xlsx.baca_lke(ev, isi(ev, ubah), "usulan")
    assert pratinjau.perubahan == () or pratinjau.kesalahan
    assert any(__import__("re").search(pesan, k) for k in pratinjau.kesalahan)


def test_a_row_changed_since_the_download_is_refused(ev, operator_dinsos):
    unggahan = isi(ev, lambda ws: ws.cell(baris(ws, "1.a.1"), 4, "A"))
    j = jawaban_of(ev, "1.a.1")
    services.simpan_usulan(j, "B", "", j.versi, user=operator_dinsos,
                           hari_ini=timezone.localdate())
    pratinjau = lke_xlsx.baca_lke(ev, unggahan, "usulan")
    assert pratinjau.perubahan == ()
    assert "kriteria 1.a.1" in pratinjau.kesalahan[0] and "unduh kembali" in \
        pratinjau.kesalahan[0]


def test_applying_is_all_or_nothing(ev, reviewer):
    def ubah(ws):
        ws.cell(baris(ws, "1.a.1"), 6, "A")
        ws.cell(baris(ws, "1.a.1"), 7, "Ada pedoman")
        ws.cell(baris(ws, "1.a.2"), 6, "B")   # differs from the unit's answer, no note

    pratinjau = lke_xlsx.baca_lke(ev, isi(ev, ubah), "penetapan")
    with pytest.raises(services.EvaluasiDitolak, match=r"Kriteria 1\.a\.2.*catatan"):
        lke_xlsx.terapkan_lke(ev, pratinjau, user=reviewer, hari_ini=timezone.localdate())
    assert jawaban_of(ev, "1.a.1").nilai_penetapan == ""


def test_the_screens_download_preview_and_apply(client, operator_dinsos, ev):
    client.force_login(operator_dinsos)
    r = client.get(reverse("lke_unduh", args=[ev.pk]))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    unggahan = isi(ev, lambda ws: ws.cell(baris(ws, "2.a.1"), 4, "A"))
    r = client.post(reverse("lke_impor", args=[ev.pk]), {"berkas": unggahan})
    assert r.status_code == 200 and "2.a.1" in r.content.decode()
    token = r.context["token"]
    r = client.post(reverse("lke_terapkan", args=[ev.pk]), {"token": token}, follow=True)
    assert jawaban_of(ev, "2.a.1").nilai_usulan == "A"
    assert "Kriteria yang disimpan dari buku kerja: 1" in r.content.decode()


def test_a_tampered_preview_is_refused(client, operator_dinsos, ev):
    client.force_login(operator_dinsos)
    r = client.post(reverse("lke_terapkan", args=[ev.pk]), {"token": "x:y"}, follow=True)
    assert "kedaluwarsa" in r.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "operator_dinkes"])
def test_the_workbook_screens_are_hidden_from_others(request, client, ev, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("lke_unduh", args=[ev.pk])).status_code == 404
    unggahan = isi(ev, lambda ws: None)
    assert client.post(reverse("lke_impor", args=[ev.pk]),
                       {"berkas": unggahan}).status_code == 404
    assert client.post(reverse("lke_terapkan", args=[ev.pk]), {"token": ""}).status_code == 404
