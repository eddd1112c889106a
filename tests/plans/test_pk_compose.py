"""Composing a draft Perjanjian Kinerja from the Renstra (pk_susun): rows from the Renstra
targets of the year, programs with their DPA pagu (or the Renstra's funding), parties from the
officials; refused when the year already has one; only for who may edit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.plans.models import PerjanjianKinerja, Program, RenjaAnggaran, RenstraAnggaran
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_pejabat,
    make_pemda,
    make_program,
    make_renstra,
    make_sasaran,
    make_sub_kegiatan,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db
TAHUN = 2025


def make_renstra_opd(dpa: bool = True):
    """An OPD with a Renstra 2024–2026: two sasaran with three indicators (the third has no
    Renstra target for 2025), two programs, a DPA 2025 (program A 100 + 250, program B 1.000)
    and Renstra funding 2025 (A 400, B 900)."""
    pemda = make_pemda(kepala_daerah_nama="Budi Walikota", kepala_daerah_jabatan="Wali Kota Uji",
                       kepala_daerah_nip="1970")
    opd = make_opd(pemda=pemda)
    make_pejabat(opd, nama="Siti Kepala", nip="1980", pangkat="Pembina",
                 jabatan=f"Kepala {opd.nama}")
    renstra = make_renstra(opd, 2024, 2026)
    tujuan = make_tujuan(renstra, uraian="Tujuan 1")
    s1 = make_sasaran(tujuan, uraian="Sasaran satu", urutan=1)
    s2 = make_sasaran(tujuan, uraian="Sasaran dua", urutan=2)
    i1 = make_indikator(sasaran=s1, uraian="Persentase A", satuan="%", urutan=1)
    i2 = make_indikator(sasaran=s2, uraian="Jumlah B", satuan="orang", urutan=2)
    i3 = make_indikator(sasaran=s2, uraian="Indeks C", urutan=3)
    make_target(i1, "91.5", "renstra", TAHUN, teks="91,5%")
    make_target(i2, 1250, "renstra", TAHUN, teks="")
    make_target(i3, 3, "renstra", 2024)
    make_target(i1, 95, "renja", TAHUN)
    prog_a = make_program(renstra, kode="1.06.01", nama="Program A", urutan=1)
    prog_b = make_program(renstra, kode="1.06.02", nama="Program B", urutan=2)
    subs = {}
    for prog, n in ((prog_a, 2), (prog_b, 1)):
        keg = make_kegiatan(prog, kode=f"{prog.kode}.1", nama="Kegiatan")
        subs[prog.pk] = [make_sub_kegiatan(keg, kode=f"{keg.kode}.{j}", nama=f"Sub {j}", urutan=j)
                         for j in range(n)]
    if dpa:
        d = Dpa.objects.create(perangkat_daerah=opd, tahun=TAHUN)
        for sub, pagu in zip([*subs[prog_a.pk], *subs[prog_b.pk]], ("100", "250", "1000"),
                             strict=True):
            DpaSubKegiatan.objects.create(dpa=d, sub_kegiatan=sub, pagu=Decimal(pagu))
    RenstraAnggaran.objects.create(program=prog_a, tahun=TAHUN, target=Decimal("400"))
    RenstraAnggaran.objects.create(program=prog_b, tahun=TAHUN, target=Decimal("900"))
    RenstraAnggaran.objects.create(program=prog_b, tahun=2024, target=Decimal("7"))
    return opd


def url(opd, tahun=TAHUN):
    return reverse("pk_susun", args=[opd.pk, tahun])


def test_compose_gives_one_row_per_sasaran_indicator_with_the_renstra_target(client):
    opd = make_renstra_opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.post(url(opd), follow=True)
    assert response.status_code == 200
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    assert (pk.jenis, pk.status) == ("induk", "draft")
    rows = [(b.sasaran.uraian, b.indikator.uraian, b.target_teks, b.target)
            for b in pk.baris.order_by("urutan")]
    assert rows == [
        ("Sasaran satu", "Persentase A", "91,5%", Decimal("91.5")),  # Renstra, not Renja
        ("Sasaran dua", "Jumlah B", "1.250", Decimal("1250")),  # value written when no text
        ("Sasaran dua", "Indeks C", "", None),  # no Renstra target for 2025
    ]
    body = response.content.decode()
    assert "Indeks C" in body and "pk-kosong" in body  # flagged on the page
    assert "Tidak ada target Renstra untuk tahun ini" in body  # the warning names it


def test_programs_take_the_sum_of_their_sub_kegiatan_pagu_from_the_dpa(client):
    opd = make_renstra_opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.post(url(opd), follow=True).content.decode()
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    assert [(p.program.nama, p.anggaran) for p in pk.program.order_by("urutan")] == [
        ("Program A", Decimal("350")), ("Program B", Decimal("1000"))]
    assert "Rp 350" in body and "Rp 1.350" in body


def test_without_a_dpa_programs_take_the_renstra_funding_of_the_year(client):
    opd = make_renstra_opd(dpa=False)
    client.force_login(make_user(Peran.KEPALA_OPD, opd=opd))
    client.post(url(opd))
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    assert [(p.program.nama, p.anggaran) for p in pk.program.order_by("urutan")] == [
        ("Program A", Decimal("400")), ("Program B", Decimal("900"))]


def _programs(pk):
    return [(p.program.nama, p.anggaran, p.sumber_anggaran)
            for p in pk.program.order_by("urutan")]


def test_without_dpa_nor_funding_every_renstra_program_is_shown_with_no_budget_yet(client):
    opd = make_renstra_opd(dpa=False)
    RenstraAnggaran.objects.all().delete()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.post(url(opd), follow=True).content.decode()
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    assert _programs(pk) == [("Program A", None, ""), ("Program B", None, "")]
    assert "No program" not in body and "Tidak ada program" not in body
    assert "1.06.02 Program B" in body and "pagu belum ada" in body
    assert "program DPA" not in body


def test_each_program_takes_the_dpa_then_the_renja_pagu_indikatif_and_names_its_source(client):
    opd = make_renstra_opd(dpa=False)
    prog_a, _prog_b = Program.objects.filter(renstra__perangkat_daerah=opd).order_by("urutan")
    RenstraAnggaran.objects.filter(program=prog_a).delete()
    RenjaAnggaran.objects.create(program=prog_a, tahun=TAHUN, pagu_indikatif=Decimal("450"))
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.post(url(opd), follow=True).content.decode()
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    assert _programs(pk) == [("Program A", Decimal("450"), "Renja"),
                             ("Program B", Decimal("900"), "Renstra")]
    assert "pagu indikatif Renja" in body


def test_parties_come_from_the_head_of_agency_and_the_head_of_region(client):
    opd = make_renstra_opd()
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=opd.pemda))
    client.post(url(opd))
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_jabatan, pk.pihak_pertama_nip,
            pk.pihak_pertama_pangkat) == ("Siti Kepala", f"Kepala {opd.nama}", "1980", "Pembina")
    assert (pk.pihak_kedua_nama, pk.pihak_kedua_jabatan, pk.pihak_kedua_nip) == (
        "Budi Walikota", "Wali Kota Uji", "1970")


def test_composing_is_recorded_in_the_history(client):
    opd = make_renstra_opd()
    user = make_user(Peran.OPERATOR_OPD, opd=opd)
    client.force_login(user)
    client.post(url(opd))
    pk = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tahun=TAHUN)
    change = Perubahan.objects.get(model="PerjanjianKinerja", objek_id=pk.pk)
    assert (change.kolom, change.lama, change.baru, change.oleh) == ("status", "", "draft", user)
    assert "Renstra 2024–2026" in change.alasan and "DPA" in change.alasan


def test_a_second_compose_of_the_year_is_refused_with_a_message(client):
    opd = make_renstra_opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    client.post(url(opd))
    body = client.post(url(opd), follow=True).content.decode()
    assert PerjanjianKinerja.objects.filter(perangkat_daerah=opd, tahun=TAHUN).count() == 1
    assert f"Perjanjian Kinerja tahun {TAHUN} sudah ada" in body


def test_the_demo_year_which_has_a_pk_is_refused(client, demo_opd):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=demo_opd))
    before = PerjanjianKinerja.objects.filter(perangkat_daerah=demo_opd).count()
    client.post(url(demo_opd, 2023))
    assert PerjanjianKinerja.objects.filter(perangkat_daerah=demo_opd).count() == before


def test_a_year_outside_any_renstra_is_refused_with_a_message(client):
    opd = make_renstra_opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    body = client.post(url(opd, 2030), follow=True).content.decode()
    assert "tidak memiliki Renstra yang mencakup tahun 2030" in body
    assert not PerjanjianKinerja.objects.filter(perangkat_daerah=opd).exists()


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_pemda_wide_readers_may_not_compose(client, peran):
    opd = make_renstra_opd()
    client.force_login(make_user(peran, pemda=opd.pemda))
    assert client.post(url(opd)).status_code == 403
    assert not PerjanjianKinerja.objects.filter(perangkat_daerah=opd).exists()


def test_operator_of_another_agency_gets_not_found(client):
    opd = make_renstra_opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda)))
    assert client.post(url(opd)).status_code == 404


def test_admin_of_another_pemda_gets_not_found(client):
    opd = make_renstra_opd()
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(url(opd)).status_code == 404
    assert not PerjanjianKinerja.objects.filter(perangkat_daerah=opd).exists()


def test_anonymous_visitor_is_sent_to_login(client):
    opd = make_renstra_opd()
    response = client.post(url(opd))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_compose_is_post_only(client):
    opd = make_renstra_opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    assert client.get(url(opd)).status_code == 405
