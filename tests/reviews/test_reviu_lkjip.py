"""The reviu of the LKjIP as Akuntabel prints it: the rules run on the text the document holds
(a section Akuntabel drafts is reviewed as drafted), with the quarters' state; its findings can
be explained like the others."""

import pytest

from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.lakip import build_lakip_context
from akuntabel.reviews.lkjip import data_lkjip, reviu_lkjip
from akuntabel.reviews.services import explain

pytestmark = pytest.mark.django_db


def test_the_reviu_reads_the_text_the_document_prints(demo_opd):
    dokumen = build_lakip_context(demo_opd, 2023)
    dicetak = {b.kunci: "\n\n".join(b.paragraf) for b in dokumen.bagian if b.paragraf}
    data = data_lkjip(demo_opd, 2023)
    assert {n.kunci: n.teks for n in data.narasi} == {
        k: v for k, v in dicetak.items() if k in {n.kunci for n in data.narasi}}
    assert "capaian_kinerja_organisasi" in {n.kunci for n in data.narasi}


def test_quarters_not_verified_are_found_then_explained(demo_opd):
    [belum] = [t for t in reviu_lkjip(demo_opd, 2023) if t.finding.code == "STR-007"]
    assert "TW I" in belum.finding.ditemukan
    explain(demo_opd, 2023, belum.finding.sidik_jari, "Data diimpor dari LKjIP tercetak.", None)
    [lagi] = [t for t in reviu_lkjip(demo_opd, 2023) if t.finding.code == "STR-007"]
    assert lagi.explained


def test_four_verified_quarters_give_no_quarter_finding(demo_opd):
    for tw in range(1, 5):
        PelaporanTriwulan.objects.update_or_create(
            perangkat_daerah=demo_opd, tahun=2023, triwulan=tw,
            defaults={"status": PelaporanTriwulan.Status.DIVERIFIKASI})
    assert not [t for t in reviu_lkjip(demo_opd, 2023) if t.finding.code == "STR-007"]


def test_the_reviu_page_shows_the_lkjip_as_printed_and_explains_there(client, demo_opd):
    from django.urls import reverse

    from akuntabel.accounts.models import Peran
    from tests.builders import make_user

    client.force_login(make_user(Peran.REVIEWER, pemda=demo_opd.pemda))
    halaman = reverse("reviu", args=[demo_opd.pk, 2023])
    body = client.get(halaman, {"sumber": "cetak"}).content.decode()
    assert "STR-007" in body and "Reviu LKjIP sebagaimana dicetak" in body
    assert "STR-007" not in client.get(halaman).content.decode()
    [belum] = [t for t in reviu_lkjip(demo_opd, 2023) if t.finding.code == "STR-007"]
    jawab = client.post(reverse("reviu_explain", args=[demo_opd.pk, 2023]),
                        {"sidik_jari": belum.finding.sidik_jari, "catatan": "Diimpor.",
                         "sumber": "cetak"})
    assert jawab.status_code == 302 and jawab["Location"].endswith("?sumber=cetak")


def test_a_warned_value_without_a_note_is_found_until_noted(demo_opd):
    from decimal import Decimal

    from akuntabel.plans.models import Indikator, Target
    from akuntabel.results.models import Realisasi

    t = Target.objects.filter(indikator__perangkat_daerah=demo_opd, tahun=2023, triwulan=0,
                              nilai__gt=0, indikator__polaritas="naik").first()
    ind = Indikator.objects.get(pk=t.indikator_id)
    r = Realisasi.objects.create(indikator=ind, tahun=2023, triwulan=1, teks="x",
                                 nilai=t.nilai * 50)   # far above the target: capaian > 200 %
    [f] = [t.finding for t in reviu_lkjip(demo_opd, 2023) if t.finding.code == "STR-008"]
    assert f.ditemukan == "TW I: 1 nilai"
    r.catatan = "Termasuk data susulan tahun lalu."
    r.save()
    assert not [t for t in reviu_lkjip(demo_opd, 2023) if t.finding.code == "STR-008"]
    assert Decimal(0) < t.nilai


def test_the_command_reviews_the_lkjip_as_printed_on_request(capsys, demo_opd):
    from akuntabel.cli import main

    args = ["reviu", "--pemda", "kota-metro", "--opd", "dinas-sosial", "--tahun", "2023",
            "--format", "json"]
    assert main([*args, "--cetak"]) == 0
    dicetak = capsys.readouterr().out
    assert "STR-007" in dicetak and "sebagaimana dicetak" in dicetak
    assert main(args) == 0
    assert "STR-007" not in capsys.readouterr().out
