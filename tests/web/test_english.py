"""English on request: with the language cookie set to English, the pages' chrome (navigation,
buttons, labels, table headings, messages and cell errors) is English, while the data of the
dataset (names of programs and indicators) stays as written. Messages built by the services
(PK, realisasi and budget cells) follow the language too, and stay Indonesian outside a request
(the CLI) because Indonesian is the default."""

import html
import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from akuntabel.accounts.models import Peran
from akuntabel.adapters.xlsx.workbook import HEADER_ROW, read_workbook
from akuntabel.budget.models import DpaLine
from akuntabel.common.alasan import alasan_angka
from akuntabel.core.angka import parse_angka
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    Sasaran,
    SubKegiatan,
    Tujuan,
)
from akuntabel.plans.pk_services import read_target
from akuntabel.reviews.models import Penjelasan
from akuntabel.reviews.services import review
from tests.builders import make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023
CHROME_TAGS = {"nav", "button", "label", "th", "legend", "h1", "h2", "summary"}
CHROME_CLASSES = {"cell-error", "messages", "errorlist"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
INDONESIAN = ["Simpan", "Ajukan", "Tahun", "Baris", "bukan angka", "Pratinjau", "Unduh", "Unggah",
              "Keluar", "Kembali", "Hapus", "Catatan", "wajib diisi", "belum", "tidak dapat",
              "Perjanjian Kinerja berstatus"]


class ChromeText(HTMLParser):
    """The text inside the page's chrome: navigation, buttons, labels, headings, messages and
    cell errors; row headings (``<th scope="row">``, data names) are left out."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        chrome = ((tag in CHROME_TAGS and attrs.get("scope") != "row")
                  or bool(classes & CHROME_CLASSES))
        self.stack.append(chrome)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if any(self.stack):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def data_texts() -> list[str]:
    """The dataset's own words (names of plan nodes, indicators and budget lines), longest
    first: they stay as written whatever the language."""
    texts = set()
    for model in (Program, Kegiatan, SubKegiatan):
        texts |= set(model.objects.values_list("nama", flat=True))
    for model in (Tujuan, Sasaran, Indikator, DpaLine):
        texts |= set(model.objects.values_list("uraian", flat=True))
    return sorted((" ".join(t.split()) for t in texts if t.strip()), key=len, reverse=True)


def chrome(response) -> str:
    """The chrome's text with the dataset's names taken out."""
    parser = ChromeText()
    parser.feed(response.content.decode())
    text = parser.text
    for data in data_texts():
        text = text.replace(data, " ")
    return text


def indonesian_in(text: str) -> list[str]:
    return [w for w in INDONESIAN if re.search(rf"\b{w}\b", text)]


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts, and leaves, as a process outside a request does: no language
    activated (the middleware activates the request's language on the thread)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def operator(demo_opd):
    return make_user(Peran.OPERATOR_OPD, opd=demo_opd)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize(("name", "args", "expected"), [
    ("opd_detail", (), "Plan"),
    ("plan", (TAHUN,), "Plan"),
    ("realisasi_grid", (TAHUN, 1), "Save"),
    ("anggaran", (TAHUN,), "Budget"),
    ("pk_detail", (TAHUN,), "Submit"),
    ("lakip", (TAHUN,), "Narrative"),
    ("reviu", (TAHUN,), "Review"),
    ("excel", (TAHUN,), "Upload"),
    ("riwayat_opd", (), "History"),
])
def test_an_opd_page_in_english_has_english_chrome(english, operator, demo_opd, name, args,
                                                   expected):
    english.force_login(operator)
    response = english.get(reverse(name, args=[demo_opd.pk, *args]))
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    text = chrome(response)
    assert expected in text
    assert indonesian_in(text) == []


def test_the_same_page_without_the_cookie_is_indonesian(client, operator, demo_opd):
    client.force_login(operator)
    text = chrome(client.get(reverse("realisasi_grid", args=[demo_opd.pk, TAHUN, 1])))
    assert "Simpan" in text and "Save" not in text.split()


def test_the_user_administration_page_in_english(english, demo_opd):
    admin = make_user(Peran.ADMIN_PEMDA, pemda=demo_opd.pemda)
    english.force_login(admin)
    text = chrome(english.get(reverse("kelola_pengguna", args=[demo_opd.pemda_id])))
    assert "Users" in text or "User" in text
    assert indonesian_in(text) == []


def test_a_bad_realisasi_cell_is_reported_in_english(english, operator, demo_opd):
    english.force_login(operator)
    url = reverse("realisasi_grid", args=[demo_opd.pk, TAHUN, 1])
    inputs = _inputs(english.get(url))
    nilai = next(name for name in inputs if name.startswith("nilai-"))
    versi = "versi-" + nilai.removeprefix("nilai-")
    response = english.post(url, {"aksi": "simpan", nilai: "12,5,3", versi: inputs[versi]})
    text = chrome(response)
    assert "'12,5,3' is not a number." in text
    assert "separators" in text  # the reason, in English too
    assert indonesian_in(text) == [] and "Pemisah" not in text


def test_a_bad_pk_target_is_reported_in_english(english, operator, demo_opd):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")
    baris = pk.baris.order_by("urutan", "pk").first()
    english.force_login(operator)
    response = english.post(reverse("pk_ubah", args=[demo_opd.pk, TAHUN]),
                            {"perjanjian": pk.pk, "versi": pk.versi,
                             f"target_{baris.pk}": "12,5,3"})
    assert response.status_code == 400
    text = chrome(response)
    assert "Row 1 ( ), target: '12,5,3' is not a number." in text  # the name taken out
    assert indonesian_in(text) == []


def test_a_pk_action_in_the_wrong_state_is_refused_in_english(english, demo_opd):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")
    kepala = make_user(Peran.KEPALA_OPD, opd=demo_opd)
    english.force_login(kepala)
    response = english.post(reverse("pk_tandatangani", args=[demo_opd.pk, TAHUN]),
                            {"perjanjian": pk.pk, "versi": pk.versi}, follow=True)
    assert ("The performance agreement for 2023 is draft; it cannot be signed (submit it "
            "first).") in chrome(response)


def test_outside_a_request_service_messages_stay_indonesian(demo_opd):
    """The CLI runs without a request: the default language (Indonesian) applies."""
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")
    baris = pk.baris.order_by("urutan", "pk").first()
    hasil = parse_angka("12,5,3")
    pesan = read_target("12,5,3", baris, 1)
    assert pesan == (f"Baris 1 ({baris.indikator.uraian}), target: '12,5,3' bukan angka. "
                     + hasil.alasan)
    with translation.override("en"):
        assert read_target("12,5,3", baris, 1).startswith(
            f"Row 1 ({baris.indikator.uraian}), target: '12,5,3' is not a number. ")


@pytest.mark.parametrize(("teks", "english"), [
    ("", "The text is empty; there is no value."),
    ("-", "'-' (a dash) holds no number"),
    ("baik", "'baik' holds no number."),
    ("10 dan 12", "'10 dan 12' holds more than one number"),
    ("12,5,3", "'12,5,3' cannot be read as one number for sure"),
])
def test_the_reason_a_text_is_not_a_number_follows_the_language(teks, english):
    hasil = parse_angka(teks)
    assert alasan_angka(hasil) == hasil.alasan  # Indonesian: the core's sentence as it is
    with translation.override("en"):
        assert alasan_angka(hasil).startswith(english)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"


def _upload(client, opd, data: bytes, name: str):
    """Upload a file on the Excel page and open its preview, following the redirects."""
    response = client.post(reverse("excel_unggah", args=[opd.pk, TAHUN]),
                           {"jenis": "buku", "berkas": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return client.get(response["Location"], follow=True)


def _with_bad_cell(data: bytes, kolom: str = "Realisasi TW II") -> tuple[bytes, int]:
    """The exported workbook with '12,5,3' typed in one realisasi cell; the row it is on."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Indikator"]
    col = {c.value: c.column for c in ws[HEADER_ROW] if c.value}[kolom]
    row = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1)
               if str(ws.cell(row=r, column=1).value or "").startswith("indikator:"))
    ws.cell(row=row, column=col, value="12,5,3")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), row


def test_a_file_that_is_no_workbook_is_refused_in_english(english, operator, demo_opd,
                                                          uploads):
    english.force_login(operator)
    response = _upload(english, demo_opd, b"ini hanya teks biasa", "catatan.xlsx")
    assert response.redirect_chain[-1][0] == reverse("excel", args=[demo_opd.pk, TAHUN])
    text = chrome(response)
    assert ("catatan.xlsx: This file holds plain text, not an Excel workbook. If it is a CSV, "
            "give it a name ending in .csv, then upload it again.") in text
    assert indonesian_in(text) == [] and "Berkas ini" not in text


def test_a_bad_cell_of_an_uploaded_workbook_is_reported_in_english(english, operator,
                                                                   demo_opd, uploads):
    english.force_login(operator)
    exported = english.get(reverse("excel_unduh", args=[demo_opd.pk, TAHUN])).content
    data, row = _with_bad_cell(exported)
    response = _upload(english, demo_opd, data, "dinsos.xlsx")
    assert response.status_code == 200
    body = html.unescape(" ".join(response.content.decode().split()))
    assert (f"Sheet Indikator, row {row}, column Realisasi TW II: '12,5,3' is not a number. "
            "'12,5,3' cannot be read as one number for sure") in body
    assert "bukan angka" not in body and "Lembar Indikator" not in body


def test_the_same_bad_cell_outside_a_request_stays_indonesian(demo_opd, tmp_path, client):
    """The CLI reads workbooks without a request: today's Indonesian sentence, unchanged."""
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    exported = client.get(reverse("excel_unduh", args=[demo_opd.pk, TAHUN])).content
    translation.deactivate()  # the request activated Indonesian; back to no language at all
    data, row = _with_bad_cell(exported)
    path = tmp_path / "dinsos.xlsx"
    path.write_bytes(data)
    masalah = read_workbook(path, demo_opd).masalah
    assert (f"Lembar Indikator, baris {row}, kolom Realisasi TW II: '12,5,3' bukan angka. "
            + parse_angka("12,5,3").alasan) in masalah


def test_an_empty_explanation_of_a_finding_is_refused_in_english(english, operator, demo_opd):
    finding = review(demo_opd, TAHUN)[0].finding
    english.force_login(operator)
    response = english.post(reverse("reviu_explain", args=[demo_opd.pk, TAHUN]),
                            {"sidik_jari": finding.sidik_jari, "catatan": "   "}, follow=True)
    text = chrome(response)
    assert "An explanation is required." in text
    assert indonesian_in(text) == []
    assert not Penjelasan.objects.exists()


def test_an_explanation_of_a_finding_gone_is_refused_in_english(english, operator, demo_opd):
    english.force_login(operator)
    response = english.post(reverse("reviu_explain", args=[demo_opd.pk, TAHUN]),
                            {"sidik_jari": "tidakada", "catatan": "Sudah diperbaiki."},
                            follow=True)
    assert "This finding no longer exists: its data may have changed." in chrome(response)
    assert "Temuan ini tidak ada lagi" not in response.content.decode()


def _inputs(response) -> dict[str, str]:
    """The page's inputs: name -> value."""
    found: dict[str, str] = {}

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input" and attrs.get("name"):
                found[attrs["name"]] = attrs.get("value") or ""

    Inputs().feed(response.content.decode())
    return found
