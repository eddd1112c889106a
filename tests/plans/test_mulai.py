"""The guided onboarding of an agency (plans.mulai): every step's state is read from the data,
the next step is the first not done, the warnings are those of the screens' own checks; the
page shows them to anyone who may read the agency, and hides itself from outsiders."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.access import Hak
from akuntabel.accounts.models import Peran
from akuntabel.organizations.models import Pejabat
from akuntabel.plans.models import IsuStrategis, Misi, PerjanjianKinerja, Rpjmd
from akuntabel.plans.mulai import langkah_mulai
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_pejabat,
    make_program,
    make_renstra,
    make_sasaran,
    make_sub_kegiatan,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db
TAHUN = 2027
ADMIN = Hak(True, True, True, True, True)
KUNCI = ["opd", "renstra", "struktur", "indikator", "isu", "program", "renja", "pk", "turunan"]


def states(opd, hak=ADMIN):
    steps = langkah_mulai(opd, TAHUN, hak)
    assert [s.kunci for s in steps] == KUNCI
    return {s.kunci: s for s in steps}


def done(opd):
    return [s.kunci for s in states(opd).values() if s.selesai]


def nxt(opd):
    return [s.kunci for s in states(opd).values() if s.berikut]


def staffed(opd):
    make_user(Peran.OPERATOR_OPD, opd=opd)
    make_user(Peran.KEPALA_OPD, opd=opd)
    return make_pejabat(opd, nama="dr. Ani", jabatan="Kepala Dinas Kesehatan")


def planned(opd):
    """A Renstra 2025–2029 serving one misi, with one tujuan measured, one sasaran and its IKU
    targeted every year."""
    renstra = make_renstra(opd, tahun_awal=2025, tahun_akhir=2029)
    renstra.misi.add(Misi.objects.create(rpjmd=renstra.rpjmd, nomor=1, uraian="Misi satu"))
    tujuan = make_tujuan(renstra, uraian="Tujuan satu")
    make_indikator(tujuan=tujuan, uraian="Usia harapan hidup", satuan="Tahun")
    sasaran = make_sasaran(tujuan, uraian="Sasaran satu")
    iku = make_indikator(sasaran=sasaran, uraian="Angka kematian ibu", satuan="per 100.000",
                         iku=True)
    for tahun in renstra.tahun:
        make_target(iku, 100, jenis="renstra", tahun=tahun)
    return renstra, sasaran, iku


def tree(renstra, sasaran):
    program = make_program(renstra, sasaran=sasaran)
    make_indikator(program=program, satuan="%")
    kegiatan = make_kegiatan(program)
    make_indikator(kegiatan=kegiatan, satuan="%")
    make_indikator(sub_kegiatan=make_sub_kegiatan(kegiatan), satuan="Dokumen")
    return program


def test_an_empty_agency_starts_at_its_users_and_officials():
    opd = make_opd()
    s = states(opd)
    assert done(opd) == [] and nxt(opd) == ["opd"]
    assert s["opd"].peringatan == ["Belum ada pengguna yang menjadi operator perangkat daerah.",
                                   "Belum ada pengguna yang menjadi kepala perangkat daerah.",
                                   "Belum ada pejabat yang tercatat sebagai kepalanya."]
    assert "RPJMD yang mencakup tahun 2027" in s["renstra"].peringatan[0]
    assert [label for label, _ in s["renstra"].tautan] == ["Renstra", "RPJMD"]
    assert [k for k, step in s.items() if step.menunggu == s["renstra"].judul] == [
        "struktur", "indikator", "isu", "program", "renja"]


def test_the_steps_waiting_for_the_renstra_say_so_rather_than_naming_the_administrator(client):
    opd = make_opd()
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    html = client.get(page(opd)).content.decode()
    assert html.count("Pertama: Renstra di bawah RPJMD.") == 5
    assert "dikerjakan oleh admin pemda" in html  # the users and officials: his step


def test_the_pemda_links_are_offered_to_its_administrator_only():
    opd = make_opd()
    assert states(opd)["opd"].tautan
    assert states(opd, Hak(ubah=True))["opd"].tautan == []
    assert [label for label, _ in states(opd, Hak(ubah=True))["renstra"].tautan] == ["Renstra"]


def test_the_next_step_moves_forward_as_the_plan_is_recorded():
    opd = make_opd()
    staffed(opd)
    assert done(opd) == ["opd"] and nxt(opd) == ["renstra"]

    Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2025, tahun_akhir=2029, visi="Visi")
    assert states(opd)["renstra"].peringatan == []          # the RPJMD is there now
    renstra, sasaran, iku = planned(opd)
    assert done(opd) == ["opd", "renstra", "struktur", "indikator"] and nxt(opd) == ["isu"]

    isu = IsuStrategis.objects.create(renstra=renstra, uraian="Stunting tinggi")
    assert states(opd)["isu"].peringatan == ["Belum ada isu yang dipilih sebagai prioritas."]
    isu.prioritas = True
    isu.save()
    assert nxt(opd) == ["program"]

    tree(renstra, sasaran)
    assert states(opd)["program"].keterangan == "1 program, 1 kegiatan, 1 sub kegiatan."
    assert nxt(opd) == ["renja"]

    make_target(iku, 100, jenis="renja", tahun=TAHUN)
    s = states(opd)["renja"]
    assert not s.selesai and nxt(opd) == ["renja"]           # no quarter yet
    make_target(iku, 25, jenis="renja", tahun=TAHUN, triwulan=1)
    assert nxt(opd) == ["pk"]


def test_an_indicator_with_a_renstra_target_of_the_year_but_no_renja_target_is_named():
    opd = make_opd()
    _renstra, sasaran, iku = planned(opd)
    other = make_indikator(sasaran=sasaran, uraian="Cakupan imunisasi", satuan="%")
    make_target(other, 90, jenis="renstra", tahun=TAHUN)
    make_target(iku, 25, jenis="renja", tahun=TAHUN, triwulan=1)
    s = states(opd)["renja"]
    assert not s.selesai
    assert s.peringatan == ["1 indikator memiliki target Renstra 2027 tetapi belum memiliki "
                            "target Renja."]


def test_the_completeness_warnings_of_the_renstra_keep_the_indicator_step_open():
    opd = make_opd()
    _renstra, sasaran, _iku = planned(opd)
    make_sasaran(sasaran.tujuan, uraian="Sasaran tanpa ukuran")
    make_indikator(sasaran=sasaran, uraian="Rasio dokter", formula="dokter / penduduk")
    s = states(opd)["indikator"]
    assert not s.selesai
    assert s.status == "peringatan"
    assert s.peringatan == ["Indikator 'Rasio dokter' memiliki formula tetapi tidak menyebut "
                            "satuan.", "Sasaran 'Sasaran tanpa ukuran' belum memiliki indikator."]


def test_a_tujuan_without_sasaran_is_named():
    opd = make_opd()
    renstra, _sasaran, _iku = planned(opd)
    make_tujuan(renstra, uraian="Tujuan kosong")
    assert states(opd)["struktur"].peringatan == ["Tujuan 'Tujuan kosong' belum memiliki sasaran."]


def test_the_dead_ends_of_the_performance_tree_keep_the_program_step_open():
    opd = make_opd()
    renstra, sasaran, _iku = planned(opd)
    tree(renstra, sasaran)
    empty = make_program(renstra, sasaran=sasaran, nama="Program tanpa kegiatan")
    make_indikator(program=empty, satuan="%")
    s = states(opd)["program"]
    assert not s.selesai
    assert len(s.peringatan) == 1 and "Program tanpa kegiatan" in s.peringatan[0]


@pytest.mark.parametrize("status, pk_done", [
    ("draft", False), ("diajukan", False), ("ditandatangani", True)],
    ids=["a draft agreement is still to do", "a submitted agreement awaits its signature",
         "a signed agreement is done"])
def test_the_agreement_step_follows_the_status_of_the_heads_agreement(status, pk_done):
    opd = make_opd()
    PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=TAHUN, status=status)
    s = states(opd)
    assert s["pk"].selesai is pk_done
    assert s["pk"].keterangan.startswith("Status: ")
    assert not s["turunan"].selesai


def test_the_cascade_is_done_when_every_cascaded_agreement_is_signed():
    opd = make_opd()
    induk = PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=TAHUN,
                                             status="ditandatangani")
    assert states(opd)["turunan"].keterangan == "0 PK berjenjang, 0 ditandatangani."
    bidang = make_pejabat(opd, peran=Pejabat.Peran.KEPALA_BIDANG, nama="Budi",
                          jabatan="Kepala Bidang P2P")
    turunan = PerjanjianKinerja.objects.create(
        perangkat_daerah=opd, tahun=TAHUN, atasan=induk, pejabat=bidang,
        tingkat=PerjanjianKinerja.Tingkat.ESELON_III)
    s = states(opd)["turunan"]
    assert not s.selesai and s.peringatan == ["1 PK berjenjang belum ditandatangani."]
    turunan.status = "ditandatangani"
    turunan.save()
    assert states(opd)["turunan"].selesai


def test_a_complete_agency_has_every_step_done_and_no_next_step():
    opd = make_opd()
    staffed(opd)
    renstra, sasaran, iku = planned(opd)
    IsuStrategis.objects.create(renstra=renstra, uraian="Stunting", prioritas=True)
    tree(renstra, sasaran)
    make_target(iku, Decimal("25"), jenis="renja", tahun=TAHUN, triwulan=1)
    make_target(iku, Decimal("100"), jenis="renja", tahun=TAHUN)
    induk = PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=TAHUN,
                                             status="ditandatangani")
    PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=TAHUN, atasan=induk,
                                     tingkat=PerjanjianKinerja.Tingkat.ESELON_III,
                                     status="ditandatangani")
    assert done(opd) == KUNCI and nxt(opd) == []


# --- the page ------------------------------------------------------------------------------

def page(opd, tahun=TAHUN):
    return reverse("mulai", args=[opd.pk]) + f"?tahun={tahun}"


def test_the_page_highlights_the_next_step_with_its_link(client):
    opd = make_opd()
    staffed(opd)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    response = client.get(page(opd))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="langkah-opd" class="langkah langkah-selesai"' in html
    assert ('id="langkah-renstra" class="langkah langkah-belum langkah-berikut" '
            'data-status="belum" aria-current="step"') in html
    assert f'class="button" href="{reverse("renstra_list", args=[opd.pk])}"' in html


def test_a_reader_of_the_agency_sees_the_page(client):
    opd = make_opd()
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    assert client.get(page(opd)).status_code == 200


def test_the_page_is_linked_from_the_agency_and_the_administrators_list(client):
    opd = make_opd()
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=opd.pemda))
    target = reverse("mulai", args=[opd.pk])
    assert target in client.get(reverse("opd_detail", args=[opd.pk])).content.decode()
    assert target in client.get(reverse("kelola_opd", args=[opd.pemda_id])).content.decode()


def test_outsiders_get_404_and_anonymous_visitors_the_login_page(client):
    opd = make_opd()
    assert_hidden_from_outsiders(client, page(opd), opd)
    assert_sends_anonymous_to_login(client, page(opd))


def test_a_tujuan_serving_no_misi_is_named_at_the_structure_step():
    opd = make_opd()
    renstra, _sasaran, _iku = planned(opd)
    renstra.misi.add(Misi.objects.create(rpjmd=renstra.rpjmd, nomor=2, uraian="Misi dua"))
    s = states(opd)["struktur"]   # two misi, none linked: which one the tujuan serves is unknown
    assert s.status == "peringatan"
    assert s.peringatan == ["Tujuan “Tujuan satu” tidak melayani misi mana pun di atasnya."]


def test_without_a_year_the_page_opens_on_the_year_the_agency_works_on(client):
    """An agency whose latest recorded work is the 2027 Renja opens on 2027, not on the
    calendar year (plans.services.tahun_kerja, as the other planning pages)."""
    opd = make_opd()
    iku = planned(opd)[2]
    make_target(iku, 100, jenis="renja", tahun=TAHUN)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=opd))
    html = client.get(reverse("mulai", args=[opd.pk])).content.decode()
    assert f'<strong aria-current="page">{TAHUN}</strong>' in html
