"""English on request: with the language cookie set to English, the pages' chrome (navigation,
buttons, labels, table headings, messages and cell errors) is English, while the data of the
dataset (names of programs and indicators) stays as written. Messages built by the services
(PK, realisasi and budget cells) follow the language too, and stay Indonesian outside a request
(the CLI) because Indonesian is the default."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from akuntabel.accounts.models import Peran
from akuntabel.budget.models import DpaLine
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
from akuntabel.web.alasan import alasan_angka
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
                            {"perjanjian": pk.pk, f"target_{baris.pk}": "12,5,3"})
    assert response.status_code == 400
    text = chrome(response)
    assert "Row 1 ( ), target: '12,5,3' is not a number." in text  # the name taken out
    assert indonesian_in(text) == []


def test_a_pk_action_in_the_wrong_state_is_refused_in_english(english, demo_opd):
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")
    kepala = make_user(Peran.KEPALA_OPD, opd=demo_opd)
    english.force_login(kepala)
    response = english.post(reverse("pk_tandatangani", args=[demo_opd.pk, TAHUN]),
                            {"perjanjian": pk.pk}, follow=True)
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
