"""The budget realisasi grid of a triwulan (``anggaran_realisasi``): per sub kegiatan of the
DPA, all or nothing, with the indicators' grid's guards (versi, the triwulan's lock, history)."""

import html
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.budget.forms import read_realisasi_anggaran
from akuntabel.budget.models import DpaSubKegiatan, RealisasiAnggaranTriwulan
from akuntabel.budget.services import build_realisasi_anggaran_grid
from akuntabel.budget.writes import IsianAnggaran, save_realisasi_anggaran
from akuntabel.common.konflik import KonflikVersi, TriwulanTerkunci
from akuntabel.reporting.models import PelaporanTriwulan
from tests.budget.synthetic import make_dpa
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db

TAHUN = 2023
PAGU = Decimal(15_000_000)  # each synthetic sub kegiatan: 15 leaves of Rp 1.000.000


def url(opd, triwulan=2, tahun=TAHUN):
    return reverse("anggaran_realisasi", args=[opd.pk, tahun, triwulan])


def dpa_opd(n_subs=3):
    opd = make_opd()
    make_dpa(opd, 20 * n_subs)
    return opd


def subs_of(opd):
    return list(DpaSubKegiatan.objects.filter(dpa__perangkat_daerah=opd)
                .select_related("sub_kegiatan").order_by("sub_kegiatan__kode"))


def post_data(opd, values, triwulan=2):
    """The form as the page sends it: every line with its version, ``values`` by
    DpaSubKegiatan pk replacing what the page shows."""
    data = {"aksi": "simpan"}
    for b in build_realisasi_anggaran_grid(opd, TAHUN, triwulan):
        if b.anggaran is None:
            continue
        data[f"nilai-{b.anggaran}"] = values.get(b.anggaran, "" if b.nilai is None
                                                  else f"{b.nilai:f}".replace(".", ","))
        data[f"versi-{b.anggaran}"] = str(b.versi)
    return data


def operator(opd):
    return make_user(Peran.OPERATOR_OPD, opd=opd)


def login(client, user):
    client.force_login(user)
    return client


def body_of(response):
    return html.unescape(response.content.decode())


# --- Entering -------------------------------------------------------------------------------


def test_owner_saves_amounts_typed_the_indonesian_way_and_the_history_records_them(client):
    opd = dpa_opd()
    a, b, c = subs_of(opd)
    user = operator(opd)
    login(client, user)
    response = client.post(url(opd), post_data(opd, {a.pk: "1.234.567", b.pk: "Rp 2.000.000,50",
                                                     c.pk: "-"}))
    assert response.status_code == 302 and response["Location"] == url(opd)
    stored = {r.dpa_sub_kegiatan_id: r for r in RealisasiAnggaranTriwulan.objects.all()}
    assert stored[a.pk].nilai == Decimal("1234567") and stored[a.pk].triwulan == 2
    assert stored[b.pk].nilai == Decimal("2000000.50")
    assert stored[c.pk].nilai == 0                      # a lone dash is nil
    assert stored[a.pk].versi == 1 and stored[a.pk].diubah_oleh == user
    audit = Perubahan.objects.get(model="RealisasiAnggaranTriwulan", objek_id=stored[a.pk].pk)
    assert (audit.kolom, audit.lama, audit.baru, audit.oleh) == ("nilai", "", "Rp 1.234.567",
                                                                  user)
    assert audit.perangkat_daerah == opd
    assert audit.sumber == "Isian realisasi anggaran TW II 2023"
    assert a.sub_kegiatan.kode in audit.objek


def test_changing_and_emptying_a_cell_are_recorded_and_emptying_removes_the_row(client):
    opd = dpa_opd(2)
    a, b = subs_of(opd)
    r = RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=2, nilai=100)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=b, triwulan=2, nilai=200)
    login(client, operator(opd))
    client.post(url(opd), post_data(opd, {a.pk: "150", b.pk: ""}))
    r.refresh_from_db()
    assert (r.nilai, r.versi) == (Decimal(150), 2)
    assert not RealisasiAnggaranTriwulan.objects.filter(dpa_sub_kegiatan=b).exists()
    changes = sorted(Perubahan.objects.filter(model="RealisasiAnggaranTriwulan")
                     .values_list("lama", "baru"))
    assert changes == [("Rp 100", "Rp 150"), ("Rp 200", "")]


def test_the_page_groups_sub_kegiatan_under_program_and_kegiatan_with_the_quarters_so_far(client):
    opd = dpa_opd(2)
    a, b = subs_of(opd)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=1, nilai=3_000_000)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=2, nilai=1_500_000)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=3, nilai=9_999)
    login(client, operator(opd))
    body = body_of(client.get(url(opd)))
    assert "Program 1" in body and "Kegiatan 1.06.01.1" in body           # headings
    assert a.sub_kegiatan.kode in body and b.sub_kegiatan.kode in body
    assert 'class="heading t-program"' in body and 'class="heading t-kegiatan"' in body
    assert "Rp 3.000.000" in body                      # TW I, read only
    assert f'name="nilai-{a.pk}" id="nilai-{a.pk}" value="1.500.000"' in body
    assert f'name="nilai-{b.pk}" id="nilai-{b.pk}" value=""' in body
    assert "Rp 4.500.000" in body                      # up to TW II (TW III not counted)
    assert "30,00%" in body                            # 4.500.000 / 15.000.000
    assert "Rp 15.000.000" in body and "Rp 13.500.000" in body  # pagu, annual (DPA)
    assert 'name="nilai-' not in body.split("TW I</th>")[0]


def test_links_to_the_other_quarters_the_budget_tree_and_the_indicators_grid(client):
    opd = dpa_opd(1)
    login(client, operator(opd))
    body = client.get(url(opd)).content.decode()
    for n in (1, 2, 3, 4):
        assert f'href="{url(opd, n)}"' in body
    assert reverse("anggaran", args=[opd.pk, TAHUN]) in body
    assert reverse("realisasi_grid", args=[opd.pk, TAHUN, 2]) in body


def test_a_line_without_code_is_named_by_its_name(client):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    type(a.sub_kegiatan).objects.filter(pk=a.sub_kegiatan_id).update(kode="")
    login(client, operator(opd))
    body = body_of(client.post(url(opd), post_data(opd, {a.pk: "abc"})))
    assert f"Baris 1 ({a.sub_kegiatan.nama}), Realisasi TW II: 'abc' bukan jumlah uang." in body
    assert "bukan jumlah uang. Bukan jumlah uang" not in body


def test_a_year_without_dpa_and_a_bad_triwulan(client):
    opd = make_opd()
    login(client, operator(opd))
    body = client.get(url(opd)).content.decode()
    assert "Belum ada anggaran" in body and 'name="aksi"' not in body
    assert client.get(url(opd, 5)).status_code == 404
    assert client.get(url(opd, 0)).status_code == 404


# --- All or nothing -------------------------------------------------------------------------


def test_an_invalid_cell_writes_nothing_names_its_row_and_keeps_what_was_typed(client):
    opd = dpa_opd()
    a, b, c = subs_of(opd)
    login(client, operator(opd))
    response = client.post(url(opd), post_data(opd, {a.pk: "1.234.567", b.pk: "12,5,3",
                                                     c.pk: "-5.000"}))
    assert response.status_code == 200
    assert not RealisasiAnggaranTriwulan.objects.exists()
    assert not Perubahan.objects.filter(model="RealisasiAnggaranTriwulan").exists()
    body = body_of(response)
    assert (f"Baris 2 ({b.sub_kegiatan.kode}), Realisasi TW II: '12,5,3' bukan jumlah uang."
            in body)
    assert (f"Baris 3 ({c.sub_kegiatan.kode}), Realisasi TW II: jumlahnya tidak boleh negatif"
            in body)
    assert "tidak ada yang disimpan" in body
    assert 'value="1.234.567"' in body and 'value="12,5,3"' in body  # nothing typed is lost
    assert f'id="err-nilai-{b.pk}"' in body and 'aria-invalid="true"' in body


@pytest.mark.parametrize("teks", ["12 orang", "5%", "Rp 1.000,123", "9" * 19, "abc", "1.25.000"])
def test_what_is_not_a_rupiah_amount_is_refused_at_its_cell(teks):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    rows = build_realisasi_anggaran_grid(opd, TAHUN, 2)
    data = QueryDict(mutable=True)
    data.update({f"nilai-{a.pk}": teks, f"versi-{a.pk}": "0"})
    (isian,) = read_realisasi_anggaran(rows, data, 2)
    assert isian.error.startswith(f"Baris 1 ({a.sub_kegiatan.kode}), Realisasi TW II")
    assert isian.nilai is None


# --- Realisasi above pagu: saved, said and flagged ------------------------------------------


def test_realisation_so_far_above_pagu_is_saved_with_a_warning_and_flagged(client):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=1, nilai=10_000_000)
    login(client, operator(opd))
    response = client.post(url(opd), post_data(opd, {a.pk: "6.000.000"}), follow=True)
    assert RealisasiAnggaranTriwulan.objects.get(dpa_sub_kegiatan=a, triwulan=2).nilai == 6_000_000
    body = body_of(response)
    assert (f"Baris 1 ({a.sub_kegiatan.kode}): realisasi s.d. TW II sebesar Rp 16.000.000 "
            "melebihi pagunya Rp 15.000.000.") in body
    assert "realisasi s.d. triwulan melebihi pagu" in body     # the line's flag stays
    assert 'class="t-sub_kegiatan melebihi"' in body


def test_realisation_within_pagu_gets_no_warning(client):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    login(client, operator(opd))
    body = body_of(client.post(url(opd), post_data(opd, {a.pk: "6.000.000"}), follow=True))
    assert "melebihi pagu" not in body.replace("Realisasi s.d. triwulan yang melebihi pagu", "")


def test_the_sum_of_the_quarters_against_the_annual_dpa_figure_is_flagged(client):
    opd = dpa_opd(3)
    a, b, c = subs_of(opd)   # annual realisasi in the DPA: 13.500.000 each
    for tw, nilai in ((1, 3_000_000), (2, 3_000_000), (3, 3_000_000), (4, 4_500_000)):
        RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=tw, nilai=nilai)
    for tw, nilai in ((1, 1_000_000), (4, 500_000)):
        RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=b, triwulan=tw, nilai=nilai)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=c, triwulan=1, nilai=20_000_000)
    login(client, operator(opd))
    body = body_of(client.get(url(opd, 2)))
    assert "Jumlah TW I–IV Rp 1.500.000 ≠ realisasi tahunan DPA Rp 13.500.000" in body
    # Above the year at TW I already: flagged at once, not waiting for TW IV.
    assert "Jumlah TW I–IV Rp 20.000.000 ≠ realisasi tahunan DPA Rp 13.500.000" in body
    assert "Jumlah TW I–IV Rp 13.500.000" not in body    # a's quarters add up to the year
    a.refresh_from_db()
    assert a.realisasi == Decimal(13_500_000)             # never replaced


# --- Two people, one cell -------------------------------------------------------------------


def test_the_second_save_is_refused_whole_and_names_who_changed_it():
    opd = dpa_opd(2)
    a, b = subs_of(opd)
    siti = operator(opd)
    siti.first_name, siti.last_name = "Siti", "Aminah"
    siti.save()
    first, second = Client(), Client()
    first.force_login(siti)
    second.force_login(operator(opd))
    page_of_second = post_data(opd, {})          # both open the page: no value yet (versi 0)
    first.post(url(opd), post_data(opd, {a.pk: "1.000.000"}))
    response = second.post(url(opd), {**page_of_second, f"nilai-{a.pk}": "2.000.000",
                                      f"nilai-{b.pk}": "3.000.000"})
    assert response.status_code == 200
    r = RealisasiAnggaranTriwulan.objects.get(dpa_sub_kegiatan=a)
    assert (r.nilai, r.versi, r.diubah_oleh) == (Decimal(1_000_000), 1, siti)
    assert not RealisasiAnggaranTriwulan.objects.filter(dpa_sub_kegiatan=b).exists()
    body = body_of(response)
    assert (f"Realisasi anggaran TW II '{a.sub_kegiatan.kode} {a.sub_kegiatan.nama}' sudah "
            "diubah oleh Siti Aminah pada ") in body
    assert "nilai Anda belum disimpan" in body
    assert 'value="2.000.000"' in body and 'value="3.000.000"' in body
    assert "Tersimpan sekarang: Rp 1.000.000 (Siti Aminah)" in body
    assert f'name="versi-{a.pk}" value="1"' in body   # saving again is a decision in view


def test_a_write_that_lost_the_race_after_the_check_is_refused_and_rolled_back():
    opd = dpa_opd(2)
    a, b = subs_of(opd)
    RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=a, triwulan=2, nilai=5, versi=1)
    rows = [r for r in build_realisasi_anggaran_grid(opd, TAHUN, 2) if r.anggaran]
    # Someone saves between the page's read (versi 1) and our conditional write.
    RealisasiAnggaranTriwulan.objects.filter(dpa_sub_kegiatan=a).update(versi=2, nilai=7)
    isian = [IsianAnggaran(rows[1], "9", Decimal(9), 0),
             IsianAnggaran(rows[0], "6", Decimal(6), 1)]
    with pytest.raises(KonflikVersi):
        save_realisasi_anggaran(opd, TAHUN, 2, isian, user=operator(opd))
    assert not RealisasiAnggaranTriwulan.objects.filter(dpa_sub_kegiatan=b).exists()
    assert RealisasiAnggaranTriwulan.objects.get(dpa_sub_kegiatan=a).nilai == 7


# --- The triwulan's lock --------------------------------------------------------------------


@pytest.mark.parametrize("status", ["diajukan", "diverifikasi"])
def test_a_submitted_or_verified_triwulan_is_locked(client, status):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status=status)
    login(client, operator(opd))
    data = post_data(opd, {a.pk: "1.000.000"})
    body = body_of(client.get(url(opd)))
    assert 'name="nilai-' not in body and "terkunci" in body
    response = client.post(url(opd), data, follow=True)
    assert not RealisasiAnggaranTriwulan.objects.exists()
    assert "terkunci; tidak ada yang disimpan" in body_of(response)
    # Another triwulan of the same year stays open.
    assert f'name="nilai-{a.pk}"' in client.get(url(opd, 3)).content.decode()


def test_a_triwulan_submitted_after_the_page_was_read_refuses_the_save():
    opd = dpa_opd(1)
    rows = [r for r in build_realisasi_anggaran_grid(opd, TAHUN, 2) if r.anggaran]
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status="diajukan")
    with pytest.raises(TriwulanTerkunci):
        save_realisasi_anggaran(opd, TAHUN, 2, [IsianAnggaran(rows[0], "1", Decimal(1), 0)],
                                user=operator(opd))
    assert not RealisasiAnggaranTriwulan.objects.exists()


def test_a_returned_triwulan_can_be_corrected(client):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    PelaporanTriwulan.objects.create(perangkat_daerah=opd, tahun=TAHUN, triwulan=2,
                                     status="dikembalikan")
    login(client, operator(opd))
    client.post(url(opd), post_data(opd, {a.pk: "1.000.000"}))
    assert RealisasiAnggaranTriwulan.objects.get().nilai == 1_000_000


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.KEPALA_OPD, Peran.ADMIN_PEMDA])
def test_the_agency_and_its_admin_may_enter(client, peran):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    login(client, make_user(peran, opd=opd, pemda=opd.pemda))
    assert client.post(url(opd), post_data(opd, {a.pk: "1"})).status_code == 302
    assert RealisasiAnggaranTriwulan.objects.count() == 1


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_read_it_but_may_not_save(client, peran):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    login(client, make_user(peran, pemda=opd.pemda))
    body = client.get(url(opd)).content.decode()
    assert a.sub_kegiatan.kode in body and 'name="nilai-' not in body
    assert client.post(url(opd), post_data(opd, {a.pk: "1"})).status_code == 403
    assert not RealisasiAnggaranTriwulan.objects.exists()


def test_operator_of_another_agency_gets_not_found(client):
    opd = dpa_opd(1)
    (a,) = subs_of(opd)
    login(client, operator(make_opd(pemda=opd.pemda)))
    assert client.get(url(opd)).status_code == 404
    assert client.post(url(opd), post_data(opd, {a.pk: "1"})).status_code == 404
    assert not RealisasiAnggaranTriwulan.objects.exists()


def test_verifier_of_another_pemda_gets_not_found(client):
    opd = dpa_opd(1)
    login(client, make_user(Peran.VERIFIKATOR, pemda=make_pemda()))
    assert client.get(url(opd)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client):
    opd = dpa_opd(1)
    for response in (client.get(url(opd)), client.post(url(opd), {"aksi": "simpan"})):
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_a_cell_of_another_agencys_dpa_is_ignored(client):
    opd, other = dpa_opd(1), dpa_opd(1)
    (foreign,) = subs_of(other)
    login(client, operator(opd))
    client.post(url(opd), {**post_data(opd, {}), f"nilai-{foreign.pk}": "5",
                           f"versi-{foreign.pk}": "0"})
    assert not RealisasiAnggaranTriwulan.objects.exists()


def test_the_demo_dpa_lists_its_sub_kegiatan(client, demo_opd):
    login(client, operator(demo_opd))
    body = body_of(client.get(url(demo_opd, 1)))
    assert "Kelembagaan Masyarakat" in body and "Rp 5.093.068.611" in body


# --- Speed ----------------------------------------------------------------------------------


def _queries(client, opd):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(opd))
    assert response.status_code == 200
    return len(ctx)


def test_the_page_uses_the_same_number_of_queries_for_a_small_and_a_large_dpa(client):
    small, large = dpa_opd(2), dpa_opd(100)
    for opd in (small, large):
        for s in subs_of(opd):
            for tw in (1, 2):
                RealisasiAnggaranTriwulan.objects.create(dpa_sub_kegiatan=s, triwulan=tw,
                                                         nilai=1000)
    login(client, operator(small))
    n_small = _queries(client, small)
    login(client, operator(large))
    assert _queries(client, large) == n_small


def test_the_indicators_grid_links_to_the_budget_realisation_of_its_triwulan(client):
    opd = dpa_opd(1)
    login(client, operator(opd))
    body = client.get(reverse("realisasi_grid", args=[opd.pk, TAHUN, 3])).content.decode()
    assert f'href="{url(opd, 3)}"' in body
