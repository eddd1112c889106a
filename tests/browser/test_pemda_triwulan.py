"""Issue 14's acceptance check, as the pemda lives a triwulan: three OPD of a (synthetic) pemda
have submitted TW IV; the Bappeda verifikator works through the inbox, verifies two and returns
one with a note; the operator of the returned OPD gets the mail (Django's locmem outbox in the
test), follows its link, fixes the figure and submits again; the verifikator verifies it. Then
the admin pemda makes the pemda's LKjIP final, and the LKjIP's IKU figures trace to the OPD
entries.

The pemda is Kota Contoh at its smallest (``akuntabel.demo_contoh``), loaded as the command
loads it, with TW IV of all three OPD submitted. Screenshots of each step go to
/tmp/shots14/NN-step.png."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page

from akuntabel.accounts.models import Peran
from akuntabel.daerah.models import LaporanFinalPemda, TautanIku
from akuntabel.demo_contoh import Ukuran, generate, load_contoh, write_files
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.results.models import Realisasi
from tests.builders import make_user

SHOTS = Path("/tmp/shots14")
UKURAN = Ukuran(opd=3, indikator=20, baris_dpa=60, terlambat=0, dikembalikan=0, diajukan=3)
TAHUN, TW = UKURAN.tahun, 4
CATATAN = "Realisasi TW IV indeks kepuasan tidak sesuai bukti dukung; mohon diperbaiki."


class Langkah:
    """Numbered full-page screenshots of the walk."""

    def __init__(self) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.n = 0

    def __call__(self, page: Page, step: str) -> None:
        self.n += 1
        page.screenshot(path=str(SHOTS / f"{self.n:02d}-{step}.png"), full_page=True)


@pytest.fixture
def kota_contoh(live_server, tmp_path):
    """Kota Contoh with three OPD whose TW IV waits for verification, and the people of the
    walk, each with an e-mail address: a verifikator, an admin pemda, an operator per OPD."""
    contoh = generate(UKURAN)
    load_contoh(write_files(contoh, tmp_path), contoh)
    opds = list(PerangkatDaerah.objects.filter(pemda__kode="kota-contoh").order_by("nama"))
    pemda = opds[0].pemda
    people = {
        "verifikator": make_user(Peran.VERIFIKATOR, pemda=pemda, email="bappeda@contoh.example",
                                 first_name="Verifikator", last_name="Bappeda"),
        "admin": make_user(Peran.ADMIN_PEMDA, pemda=pemda, email="admin@contoh.example"),
    }
    for i, opd in enumerate(opds, start=1):
        people[opd.kode] = make_user(Peran.OPERATOR_OPD, opd=opd,
                                     email=f"operator{i}@contoh.example")
    mail.outbox.clear()   # the submissions' notices of the load
    return pemda, opds, people


def _back_to_inbox(page: Page, inbox: str) -> None:
    """The verifikator goes back from the quarter's page to the inbox by its link."""
    with page.expect_navigation():
        page.click("[data-testid=ke-kotak-masuk]")
    assert page.url.endswith(inbox)


def _verify(page: Page, inbox: str, row_opd: PerangkatDaerah) -> None:
    with page.expect_navigation():
        page.locator(f"[data-testid=kotak-masuk] tr[data-opd='{row_opd.pk}'] a").click()
    with page.expect_navigation():
        page.click("[data-testid=verifikasi]")
    assert page.locator(".status-pelaporan").first.get_attribute("data-status") \
        == "diverifikasi"
    _back_to_inbox(page, inbox)


def _status(opd: PerangkatDaerah) -> str:
    return PelaporanTriwulan.objects.get(perangkat_daerah=opd, tahun=TAHUN,
                                         triwulan=TW).status


def test_the_verifikator_works_through_the_inbox_and_the_returned_opd_fixes_its_quarter(
        page, new_page, login, kota_contoh):
    pemda, opds, people = kota_contoh
    shot = Langkah()
    inbox = reverse("kotak_masuk", args=[pemda.pk, TAHUN])

    # The verifikator's inbox: the three quarters, oldest first.
    login(page, people["verifikator"].username)
    page.goto(inbox)
    rows = page.locator("[data-testid=kotak-masuk] tbody tr[data-opd]")
    assert rows.count() == 3
    assert {int(r.get_attribute("data-opd")) for r in rows.all()} == {o.pk for o in opds}
    shot(page, "kotak-masuk")

    # Verify two, return the third with a note.
    ok, back = opds[:2], opds[2]
    for opd in ok:
        _verify(page, inbox, opd)
    shot(page, "diverifikasi")
    assert page.locator("[data-testid=kotak-masuk] tbody tr[data-opd]").count() == 1
    with page.expect_navigation():
        page.locator(f"tr[data-opd='{back.pk}'] a").click()
    page.fill("[data-testid=catatan-status]", CATATAN)
    with page.expect_navigation():
        page.click("[data-testid=kembalikan]")
    assert page.locator(".status-pelaporan").first.get_attribute("data-status") \
        == "dikembalikan"
    shot(page, "dikembalikan")
    assert [_status(o) for o in opds] == ["diverifikasi", "diverifikasi", "dikembalikan"]
    _back_to_inbox(page, inbox)
    assert page.locator("[data-testid=kotak-masuk] tbody tr[data-opd]").count() == 0

    # The returned OPD's operator has the mail: the OPD, the quarter, the note and the link.
    operator = people[back.kode]
    grid = reverse("realisasi_grid", args=[back.pk, TAHUN, TW])
    received = [m for m in mail.outbox if operator.email in m.to]
    assert len(received) == 1, [(m.to, m.subject) for m in mail.outbox]
    body = received[0].body
    assert back.nama in body and "Triwulan IV" in body and CATATAN in body
    link = re.search(r"https?://\S+", body.split("Buka halamannya:")[1]).group(0)
    assert urlsplit(link).path == grid
    assert not [m for m in mail.outbox
                if any(people[o.kode].email in m.to for o in ok)]  # nothing to the others

    # The operator follows the link, reads the note, fixes the figure and submits again.
    desk = new_page()
    login(desk, operator.username)
    desk.goto(urlsplit(link).path)
    assert CATATAN in desk.locator(".catatan-status").inner_text()
    linked = TautanIku.objects.filter(indikator__perangkat_daerah=back,
                                      status="disetujui").order_by("pk").first()
    pk = linked.indikator_id   # a figure the pemda's IKU is computed from
    desk.fill(f"[name=nilai-{pk}]", "77,5")
    with desk.expect_navigation():
        desk.click("[data-testid=simpan]")
    shot(desk, "diperbaiki")
    assert Realisasi.objects.get(indikator_id=pk, tahun=TAHUN, triwulan=TW).nilai \
        == Decimal("77.5")
    with desk.expect_navigation():
        desk.click("[data-testid=ajukan]")
    assert desk.locator(".status-pelaporan").first.get_attribute("data-status") == "diajukan"
    notices = [m for m in mail.outbox if people["verifikator"].email in m.to]
    assert any(back.nama in m.body for m in notices)   # the verifikator is told

    # Back in the inbox, the verifikator verifies it.
    page.goto(inbox)
    assert page.locator("[data-testid=kotak-masuk] tbody tr[data-opd]").count() == 1
    shot(page, "diajukan-lagi")
    _verify(page, inbox, back)
    assert [_status(o) for o in opds] == ["diverifikasi"] * 3

    # The admin pemda makes the final pemda LKjIP; its IKU figures trace to the OPD entries.
    office = new_page()
    login(office, people["admin"].username)
    office.goto(reverse("daerah:lkjip", args=[pemda.pk, TAHUN]))
    office.fill("#catatan", "LKjIP Perangkat Daerah menyusul")   # problems open: a note
    with office.expect_navigation(timeout=180_000):   # renders the PDF and DOCX
        office.click("form[action$='/final/'] button", no_wait_after=True)
    assert office.locator("ul.messages li.success").is_visible()
    shot(office, "lkjip-final")
    finals = LaporanFinalPemda.objects.filter(pemda=pemda, tahun=TAHUN)
    assert finals.exists()
    assert office.locator("[data-testid=final] tbody tr").count() == finals.count()
    with office.expect_navigation():
        office.click("[data-testid=dokumen] a:first-child")   # the HTML preview
    shot(office, "lkjip-pratinjau")
    sources = office.locator(f".asal-sumber a[href='{grid}#indikator-{pk}']")
    assert sources.count() >= 1, [a.get_attribute("href") for a in
                                  office.locator(".asal-sumber a").all()][:20]
    labels = [a.text_content() for a in sources.all()]
    assert any(back.nama in t and "TW IV: 77,5" in t and "(terverifikasi)" in t
               for t in labels), labels
    office.goto(sources.first.get_attribute("href"))   # down to the OPD's entry, its row
    row = office.locator("tr:target")
    assert row.get_attribute("data-indikator") == str(pk)
    assert "77,5" in row.inner_text()
    shot(office, "lkjip-ke-entri-opd")
