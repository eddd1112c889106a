"""The Excel page: readers download the OPD workbook; editors upload a filled workbook or a
budget sheet, see the preview, then apply it (one transaction, recorded). The file waits on the
server under a token bound to the user, the OPD and the year."""

import io
import time
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from akuntabel.accounts.models import Peran
from akuntabel.adapters.xlsx.workbook import HEADER_ROW
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import DpaLine, DpaSubKegiatan
from akuntabel.plans.models import Indikator
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def operator(demo_opd):
    return make_user(Peran.OPERATOR_OPD, opd=demo_opd)


@pytest.fixture
def owner(client, operator):
    client.force_login(operator)
    return client


def url(opd, name="excel", *args, tahun=2023):
    return reverse(name, args=[opd.pk, tahun, *args])


def download(client, opd) -> bytes:
    response = client.get(url(opd, "excel_unduh"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def upload(client, opd, data: bytes, name="dinsos.xlsx", jenis="buku", tahun=2023):
    return client.post(url(opd, "excel_unggah", tahun=tahun),
                       {"jenis": jenis, "berkas": SimpleUploadedFile(name, data)})


def token_of(response) -> str:
    assert response.status_code == 302, response
    assert "/pratinjau/" in response["Location"]
    return response["Location"].rstrip("/").rsplit("/", 1)[1]


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def changed_realisasi(data: bytes, opd, value=7, kolom="Realisasi TW III"):
    """The exported workbook with one realisasi cell changed, as a user would in Excel."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Indikator"]
    col = {c.value: c.column for c in ws[HEADER_ROW] if c.value}
    ind = Indikator.objects.filter(perangkat_daerah=opd, sub_kegiatan__isnull=False) \
        .exclude(uraian="").order_by("pk").first()
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1)
               if ws.cell(row=r, column=1).value == f"indikator:{ind.pk}")
    ws.cell(row=row, column=col[kolom], value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), ind


def test_the_page_offers_download_to_readers_and_upload_to_editors(client, demo_opd, operator):
    client.force_login(operator)
    body = client.get(url(demo_opd)).content.decode()
    assert url(demo_opd, "excel_unduh") in body and url(demo_opd, "excel_unggah") in body
    assert 'aria-current="page"' in body
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=demo_opd.pemda))
    body = client.get(url(demo_opd)).content.decode()
    assert url(demo_opd, "excel_unduh") in body and url(demo_opd, "excel_unggah") not in body


def test_an_untouched_export_uploads_as_zero_changes(owner, demo_opd, media):
    token = token_of(upload(owner, demo_opd, download(owner, demo_opd)))
    assert (Path(media) / "tmp" / token).is_dir()
    body = owner.get(url(demo_opd, "excel_pratinjau", token)).content.decode()
    assert "0 perubahan" in body
    assert url(demo_opd, "excel_terapkan", token) not in body  # nothing to apply


def test_a_changed_cell_is_previewed_then_applied_and_recorded(owner, demo_opd, operator,
                                                               media):
    data, ind = changed_realisasi(download(owner, demo_opd), demo_opd, value=7)
    token = token_of(upload(owner, demo_opd, data))
    body = owner.get(url(demo_opd, "excel_pratinjau", token)).content.decode()
    assert "1 perubahan" in body and "Realisasi TW III" in body and ind.uraian[:30] in body
    assert url(demo_opd, "excel_terapkan", token) in body
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=3).exists()

    response = owner.post(url(demo_opd, "excel_terapkan", token))
    assert response.status_code == 302 and response["Location"] == url(demo_opd)
    stored = Realisasi.objects.get(indikator=ind, tahun=2023, triwulan=3)
    assert (stored.nilai, stored.versi) == (7, 1)
    audit = Perubahan.objects.get(perangkat_daerah=demo_opd, model="Realisasi",
                                  objek_id=stored.pk, kolom="nilai")
    assert audit.oleh == operator and "(web)" in audit.sumber
    assert not (Path(media) / "tmp" / token).exists()  # the temporary file is gone
    assert owner.post(url(demo_opd, "excel_terapkan", token)).status_code == 404  # used once


def test_a_cell_that_is_not_a_number_is_named_and_nothing_can_be_applied(owner, demo_opd):
    data, ind = changed_realisasi(download(owner, demo_opd), demo_opd, value="12,5,3",
                                  kolom="Realisasi TW II")
    token = token_of(upload(owner, demo_opd, data))
    body = owner.get(url(demo_opd, "excel_pratinjau", token)).content.decode()
    assert "kolom Realisasi TW II" in body and "12,5,3" in body
    assert url(demo_opd, "excel_terapkan", token) not in body
    before = Perubahan.objects.count()
    response = owner.post(url(demo_opd, "excel_terapkan", token))
    assert response.status_code == 302
    assert "masih bermasalah" in " ".join(texts(response))
    assert Perubahan.objects.count() == before
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=2).exists()


@pytest.mark.parametrize("name, data, expected", [
    ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003 (.xls)"),
    ("rusak.xlsx", b"PK\x03\x04 bukan zip yang utuh", "rusak.xlsx"),
    ("catatan.xlsx", b"ini hanya teks biasa", "catatan.xlsx"),
])
def test_a_broken_file_gets_a_message_and_nothing_is_written(owner, demo_opd, media, name, data,
                                                             expected):
    before = Perubahan.objects.count()
    token = token_of(upload(owner, demo_opd, data, name=name))
    response = owner.get(url(demo_opd, "excel_pratinjau", token))
    assert response.status_code == 302 and response["Location"] == url(demo_opd)
    assert any(expected in m for m in texts(response)), texts(response)
    assert Perubahan.objects.count() == before
    assert not (Path(media) / "tmp" / token).exists()


def test_a_workbook_that_is_not_akuntabels_is_refused(owner, demo_opd):
    wb = Workbook()
    wb.active.append(["Indikator", "Target"])
    out = io.BytesIO()
    wb.save(out)
    token = token_of(upload(owner, demo_opd, out.getvalue(), name="lain.xlsx"))
    response = owner.get(url(demo_opd, "excel_pratinjau", token))
    assert any("bukan buku kerja yang diekspor Akuntabel" in m for m in texts(response))


def test_a_file_over_the_limit_is_refused_before_it_is_stored(owner, demo_opd, settings, media):
    settings.AKUNTABEL_EXCEL_MAX_BYTES = 1000
    response = upload(owner, demo_opd, b"x" * 2000)
    assert response.status_code == 302 and response["Location"] == url(demo_opd)
    assert any("terlalu besar" in m for m in texts(response))
    assert not (Path(media) / "tmp").exists() or not any((Path(media) / "tmp").iterdir())


def test_the_token_of_another_user_is_refused(owner, client, demo_opd):
    data, ind = changed_realisasi(download(owner, demo_opd), demo_opd)
    token = token_of(upload(owner, demo_opd, data))
    client.force_login(make_user(Peran.KEPALA_OPD, opd=demo_opd))  # may edit, not their file
    assert client.get(url(demo_opd, "excel_pratinjau", token)).status_code == 404
    assert client.post(url(demo_opd, "excel_terapkan", token)).status_code == 404
    assert client.post(url(demo_opd, "excel_batal", token)).status_code == 404
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=3).exists()


def test_a_token_is_bound_to_its_agency_and_year(owner, demo_opd, operator):
    other = make_opd(pemda=demo_opd.pemda)
    from akuntabel.accounts.models import Membership

    Membership.objects.create(user=operator, pemda=other.pemda, perangkat_daerah=other,
                              peran=Peran.OPERATOR_OPD)
    token = token_of(upload(owner, demo_opd, download(owner, demo_opd)))
    assert owner.get(url(other, "excel_pratinjau", token)).status_code == 404
    assert owner.get(url(demo_opd, "excel_pratinjau", token, tahun=2024)).status_code == 404
    assert owner.get(url(demo_opd, "excel_pratinjau", "..%2F..%2Fetc")).status_code == 404
    assert owner.get(url(demo_opd, "excel_pratinjau", "x" * 32)).status_code == 404


def test_a_workbook_of_another_year_is_not_applied(owner, demo_opd):
    data, _ind = changed_realisasi(download(owner, demo_opd), demo_opd)
    token = token_of(upload(owner, demo_opd, data, tahun=2024))
    body = owner.get(url(demo_opd, "excel_pratinjau", token, tahun=2024)).content.decode()
    assert "untuk tahun 2023, bukan 2024" in body
    assert url(demo_opd, "excel_terapkan", token, tahun=2024) not in body


def test_a_locked_quarter_is_not_changed_through_a_workbook(owner, demo_opd):
    PelaporanTriwulan.objects.create(perangkat_daerah=demo_opd, tahun=2023, triwulan=3,
                                     status=PelaporanTriwulan.Status.DIVERIFIKASI)
    data, ind = changed_realisasi(download(owner, demo_opd), demo_opd)
    token = token_of(upload(owner, demo_opd, data))
    body = owner.get(url(demo_opd, "excel_pratinjau", token)).content.decode()
    assert "terkunci" in body
    owner.post(url(demo_opd, "excel_terapkan", token))
    assert not Realisasi.objects.filter(indikator=ind, tahun=2023, triwulan=3).exists()


def test_cancel_removes_the_file(owner, demo_opd, media):
    token = token_of(upload(owner, demo_opd, download(owner, demo_opd)))
    assert owner.post(url(demo_opd, "excel_batal", token)).status_code == 302
    assert not (Path(media) / "tmp" / token).exists()


BUDGET_CSV = """Kode;Uraian;Anggaran;Realisasi
1.06.02;PROGRAM PEMBERDAYAAN SOSIAL;15.000.000;12.000.000
1.06.02.2.02;Pengumpulan Sumbangan dalam Daerah Kabupaten/Kota;15.000.000;12.000.000
1.06.02.2.02.0003;Koordinasi dan Sinkronisasi Penyelenggaraan Undian;15.000.000;12.000.000
5.1.02.01.01.0024;Belanja Alat Tulis Kantor;10.000.000;7.000.000
5.1.02.01.01.0025;Belanja Kertas dan Cover;5.000.000;5.000.000
"""


def test_a_budget_csv_is_previewed_then_applied(owner, demo_opd, operator):
    token = token_of(upload(owner, demo_opd, BUDGET_CSV.encode(), name="anggaran.csv",
                            jenis="anggaran", tahun=2024))
    body = owner.get(url(demo_opd, "excel_pratinjau", token, tahun=2024)).content.decode()
    assert "1.06.02.2.02.0003" in body and "Rp 15.000.000" in body
    assert not DpaSubKegiatan.objects.filter(dpa__tahun=2024).exists()
    response = owner.post(url(demo_opd, "excel_terapkan", token, tahun=2024))
    assert response.status_code == 302
    assert DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=demo_opd,
                                  anggaran__dpa__tahun=2024).count() == 2
    assert Perubahan.objects.filter(model="DpaSubKegiatan", oleh=operator).exists()


def test_the_preview_says_how_the_sheet_was_read(owner, demo_opd):
    """A sheet "dalam ribuan" is multiplied by 1.000; the planner sees that before applying."""
    ribuan = ("(dalam ribuan rupiah);;;\n" + BUDGET_CSV.replace(".000;", ";")
              .replace(".000\n", "\n"))
    token = token_of(upload(owner, demo_opd, ribuan.encode(), name="anggaran.csv",
                            jenis="anggaran", tahun=2024))
    body = owner.get(url(demo_opd, "excel_pratinjau", token, tahun=2024)).content.decode()
    assert "dalam ribuan rupiah" in body
    assert "Rp 15.000.000" in body


def test_a_budget_sheet_with_an_unreadable_amount_writes_nothing(owner, demo_opd):
    bad = BUDGET_CSV.replace("5.000.000;5.000.000", "5.000.000;lima juta")
    token = token_of(upload(owner, demo_opd, bad.encode(), name="anggaran.csv",
                            jenis="anggaran", tahun=2024))
    body = owner.get(url(demo_opd, "excel_pratinjau", token, tahun=2024)).content.decode()
    assert "lima juta" in body
    owner.post(url(demo_opd, "excel_terapkan", token, tahun=2024))
    assert not DpaSubKegiatan.objects.filter(dpa__tahun=2024).exists()


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_download_but_cannot_upload(client, demo_opd, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    data = download(client, demo_opd)
    assert upload(client, demo_opd, data).status_code == 403


def test_operator_of_another_agency_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.get(url(demo_opd)).status_code == 404
    assert client.get(url(demo_opd, "excel_unduh")).status_code == 404
    assert upload(client, demo_opd, b"x").status_code == 404


def test_admin_of_another_pemda_gets_not_found(client, demo_opd):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.get(url(demo_opd, "excel_unduh")).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, demo_opd):
    for response in (client.get(url(demo_opd)), client.get(url(demo_opd, "excel_unduh")),
                     upload(client, demo_opd, b"x")):
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_upload_is_post_only(owner, demo_opd):
    assert owner.get(url(demo_opd, "excel_unggah")).status_code == 405


def test_a_value_changed_since_the_export_is_shown_as_a_conflict_row_by_row(owner, demo_opd,
                                                                           operator):
    data, ind = changed_realisasi(download(owner, demo_opd), demo_opd, value=7)
    stored = Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=3, teks="9", nilai=9)
    Perubahan.objects.create(perangkat_daerah=demo_opd, model="Realisasi", objek_id=stored.pk,
                             objek="x", kolom="nilai", lama="", baru="9", sumber="uji",
                             oleh=make_user(Peran.OPERATOR_OPD, opd=demo_opd,
                                            first_name="Siti", last_name="Aminah"))
    token = token_of(upload(owner, demo_opd, data))
    body = owner.get(url(demo_opd, "excel_pratinjau", token)).content.decode()
    assert "Konflik: 1" in body
    assert "Siti Aminah" in body and "Realisasi TW III" in body
    assert "0 perubahan" in body
    owner.post(url(demo_opd, "excel_terapkan", token), {"konflik": "1"})
    assert Realisasi.objects.get(pk=stored.pk).nilai == 9   # never reverted


def test_a_changed_renja_target_asks_for_a_reason(owner, demo_opd):
    data, ind = changed_realisasi(download(owner, demo_opd), demo_opd, value=999,
                                  kolom="Target 2023")
    token = token_of(upload(owner, demo_opd, data))
    body = owner.get(url(demo_opd, "excel_pratinjau", token)).content.decode()
    assert 'name="alasan"' in body
    response = owner.post(url(demo_opd, "excel_terapkan", token), {"konflik": "0"})
    assert "alasan" in " ".join(texts(response))
    target = ind.target.get(jenis="renja", tahun=2023, triwulan=0)
    assert target.nilai != 999
    owner.post(url(demo_opd, "excel_terapkan", token), {"konflik": "0", "alasan": "Revisi"})
    target.refresh_from_db()
    assert (target.nilai, target.versi) == (999, 2)


def test_a_conflict_arising_after_the_preview_sends_the_user_back_to_it(owner, demo_opd):
    data, ind = changed_realisasi(download(owner, demo_opd), demo_opd, value=7)
    token = token_of(upload(owner, demo_opd, data))
    owner.get(url(demo_opd, "excel_pratinjau", token))       # clean: one change
    Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=3, teks="9", nilai=9)
    response = owner.post(url(demo_opd, "excel_terapkan", token), {"konflik": "0"})
    assert response["Location"] == url(demo_opd, "excel_pratinjau", token)
    assert Realisasi.objects.get(indikator=ind, triwulan=3).nilai == 9


def test_a_zip_bomb_is_refused_quickly_naming_the_file_and_the_limit(owner, demo_opd, media,
                                                                      tmp_path):
    # 3,5 MB on disk, 190 MB of sheet XML once unpacked: it held a worker 120 s.
    from tests.adapters.xlsx.test_zip_bomb import make_bomb

    data = make_bomb(tmp_path / "bom.xlsx").read_bytes()
    tercatat = Perubahan.objects.count()
    start = time.monotonic()
    token = token_of(upload(owner, demo_opd, data, name="bom.xlsx"))
    response = owner.get(url(demo_opd, "excel_pratinjau", token))
    assert time.monotonic() - start < 5
    assert response.status_code == 302 and response["Location"] == url(demo_opd)
    [pesan] = texts(response)
    assert pesan.startswith("bom.xlsx: Isi berkas ini terlalu besar setelah dibuka (19")
    assert "paling besar 50,0 MB" in pesan
    assert not (Path(media) / "tmp" / token).exists()  # the temporary file is removed
    assert Perubahan.objects.count() == tercatat
    assert owner.get(url(demo_opd, "excel_pratinjau", token)).status_code == 404  # not read again
