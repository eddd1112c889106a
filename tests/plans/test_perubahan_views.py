"""The Renstra perubahan pages: the versions of a period on the Renstra list, the form that
makes a new version, and the page that shows what a version changed and why. The operator of
the OPD works them; a user of another OPD gets 404, an anonymous visitor the login page, a
reader without the right to change 403; a refused form names its field and writes nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.plans import perubahan, structure
from akuntabel.plans.models import Indikator, Renstra, Rpjmd, Strategi, Target
from akuntabel.results.models import Realisasi
from tests.access import assert_hidden_from_outsiders, assert_sends_anonymous_to_login
from tests.builders import make_opd, make_target, make_user

pytestmark = pytest.mark.django_db

BASIS = "Peraturan Wali Kota Metro Nomor 12 Tahun 2026"
REASON = "Penyesuaian dengan RPJMD perubahan"


@pytest.fixture
def renstra(opd, operator):
    Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2025, tahun_akhir=2029, visi="Sehat")
    renstra = structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, user=operator)
    tujuan = structure.tambah(renstra, "tujuan", {"uraian": "Derajat kesehatan"}, user=operator)
    sasaran = structure.tambah(tujuan, "sasaran", {"uraian": "Turunnya stunting"},
                               user=operator)
    ind = structure.tambah(sasaran, "indikator", {"uraian": "Prevalensi stunting",
                                                  "satuan": "%", "polaritas": "turun"},
                           user=operator)
    for tahun in range(2025, 2030):
        make_target(ind, 20 - (tahun - 2025), jenis="renstra", tahun=tahun)
    structure.tambah(renstra, "strategi", {"uraian": "Gizi terpadu"}, user=operator)
    return renstra


@pytest.fixture
def logged_in(client, operator):
    client.force_login(operator)
    return client


def _post(client, renstra, **data):
    return client.post(reverse("renstra_perubahan_baru", args=[renstra.pk]), {
        "berlaku_mulai": "2027", "dasar_hukum": BASIS, "tanggal_dasar_hukum": "2026-11-03",
        "alasan": REASON, **data})


# --- The list of versions -------------------------------------------------------------------

def test_the_list_shows_each_version_with_its_years(logged_in, opd, renstra, operator):
    perubahan.buat_perubahan(renstra, berlaku_mulai=2027, dasar_hukum=BASIS, alasan=REASON,
                             user=operator)
    page = logged_in.get(reverse("renstra_list", args=[opd.pk])).content.decode()
    assert "2025–2026" in page and "2027–2029" in page
    assert BASIS in page
    baru = Renstra.objects.get(versi_dari=renstra)
    assert reverse("renstra_perubahan", args=[baru.pk]) in page
    # "Buat perubahan" only on the latest version
    assert reverse("renstra_perubahan_baru", args=[baru.pk]) in page
    assert reverse("renstra_perubahan_baru", args=[renstra.pk]) not in page


def test_a_reader_without_the_right_to_change_sees_no_button(client, opd, renstra):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    page = client.get(reverse("renstra_list", args=[opd.pk])).content.decode()
    assert reverse("renstra_perubahan_baru", args=[renstra.pk]) not in page


# --- Making a new version -------------------------------------------------------------------

def test_the_operator_makes_a_perubahan(logged_in, renstra):
    page = logged_in.get(reverse("renstra_perubahan_baru", args=[renstra.pk]))
    assert page.status_code == 200 and 'name="dasar_hukum"' in page.content.decode()
    response = _post(logged_in, renstra)
    baru = Renstra.objects.get(versi_dari=renstra)
    assert response.status_code == 302
    assert response["Location"] == reverse("renstra_editor", args=[baru.pk])
    assert (baru.berlaku_mulai, baru.dasar_hukum, str(baru.tanggal_dasar_hukum)) == (
        2027, BASIS, "2026-11-03")


def test_a_year_already_measured_is_refused_at_its_field(logged_in, renstra):
    ind = Indikator.objects.get(sasaran__tujuan__renstra=renstra)
    Realisasi.objects.create(indikator=ind, tahun=2027, triwulan=1, nilai=Decimal("19"))
    response = _post(logged_in, renstra)
    assert response.status_code == 400
    assert "tahun 2027: realisasi 1 indikator" in response.content.decode()
    assert not Renstra.objects.filter(versi_dari=renstra).exists()


@pytest.mark.parametrize(("data", "pesan"), [
    pytest.param({"berlaku_mulai": "dua ribu"}, "2026", id="a year that is not a number"),
    pytest.param({"dasar_hukum": ""}, "Dasar hukum", id="without a legal basis"),
    pytest.param({"tanggal_dasar_hukum": "3 Nov"}, "2026-11-03", id="a date not understood"),
])
def test_a_refused_form_comes_back_with_its_message(logged_in, renstra, data, pesan):
    response = _post(logged_in, renstra, **data)
    assert response.status_code == 400 and pesan in response.content.decode()
    assert not Renstra.objects.filter(versi_dari=renstra).exists()


def test_a_reader_without_the_right_to_change_cannot_make_one(client, opd, renstra):
    client.force_login(make_user(Peran.VERIFIKATOR, pemda=opd.pemda))
    assert client.get(reverse("renstra_perubahan_baru", args=[renstra.pk])).status_code == 403
    assert _post(client, renstra).status_code == 403
    assert not Renstra.objects.filter(versi_dari=renstra).exists()


def test_the_form_is_hidden_from_outsiders(client, opd, renstra):
    url = reverse("renstra_perubahan_baru", args=[renstra.pk])
    assert_hidden_from_outsiders(client, url, opd)
    assert_sends_anonymous_to_login(client, url)
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=opd.pemda)))
    assert _post(client, renstra).status_code == 404


def test_an_older_version_is_shown_read_only_pointing_to_the_latest(logged_in, renstra,
                                                                    operator):
    baru = perubahan.buat_perubahan(renstra, berlaku_mulai=2027, dasar_hukum=BASIS,
                                    alasan=REASON, user=operator)
    page = logged_in.get(reverse("renstra_editor", args=[renstra.pk])).content.decode()
    assert reverse("renstra_editor", args=[baru.pk]) in page
    assert reverse("renstra_tambah", args=[renstra.pk, "tujuan"]) not in page
    response = _post(logged_in, renstra, berlaku_mulai="2028")
    assert response.status_code == 400 and "versi terbaru" in response.content.decode()


# --- What changed and why -------------------------------------------------------------------

def test_the_comparison_lists_what_was_added_removed_and_changed(logged_in, renstra, operator):
    baru = perubahan.buat_perubahan(renstra, berlaku_mulai=2027, dasar_hukum=BASIS,
                                    alasan=REASON, user=operator)
    sasaran = baru.tujuan.get().sasaran.get()
    structure.ubah(sasaran, {"uraian": "Turunnya prevalensi stunting"}, user=operator)
    structure.tambah(baru, "tujuan", {"uraian": "Tata kelola yang baik"}, user=operator)
    structure.hapus(Strategi.objects.get(renstra=baru), user=operator)
    target = Target.objects.get(indikator__sasaran=sasaran, tahun=2028, jenis="renstra")
    structure.simpan_target_renstra(target.indikator, {2028: "15"}, {2028: target.versi},
                                    user=operator)
    page = logged_in.get(reverse("renstra_perubahan", args=[baru.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert BASIS in text and REASON in text
    assert "Tata kelola yang baik" in text                       # added
    assert "Gizi terpadu" in text                                 # removed
    assert "Turunnya stunting" in text and "Turunnya prevalensi stunting" in text
    assert "Renstra 2028" in text and "18" in text and "15" in text   # the target, old -> new
    ctx = page.context["beda"]
    assert {(b.jenis, b.status) for b in ctx} == {
        ("tujuan", "tambah"), ("strategi", "hapus"), ("sasaran", "ubah"), ("indikator", "ubah")}


def test_the_first_version_has_nothing_to_compare(logged_in, renstra):
    page = logged_in.get(reverse("renstra_perubahan", args=[renstra.pk]))
    assert page.status_code == 200 and page.context["beda"] == []


def test_the_comparison_is_hidden_from_outsiders(client, opd, renstra):
    url = reverse("renstra_perubahan", args=[renstra.pk])
    assert_hidden_from_outsiders(client, url, opd)
    assert_sends_anonymous_to_login(client, url)


def test_unknown_versions_are_not_found(logged_in):
    assert logged_in.get(reverse("renstra_perubahan", args=[999999])).status_code == 404
    assert logged_in.get(reverse("renstra_perubahan_baru", args=[999999])).status_code == 404


# --- Pages of a year and of a period that name the versions -------------------------------

def test_the_plan_and_pohon_pages_name_a_period_once_and_read_the_version_of_the_year(
        logged_in, opd, renstra, operator):
    baru = perubahan.buat_perubahan(renstra, berlaku_mulai=2027, dasar_hukum=BASIS,
                                    alasan=REASON, user=operator)
    for name in ("plan", "pohon"):
        for tahun, versi in ((2026, renstra), (2028, baru)):
            page = logged_in.get(reverse(name, args=[opd.pk, tahun]))
            assert page.context["periods"] == [(2025, 2029)], name
            assert page.context["renstra" if name == "pohon" else "rencana"] is not None
            if name == "pohon":
                assert page.context["renstra"] == versi


def test_the_strategic_issues_page_opens_on_the_latest_version(logged_in, opd, renstra,
                                                               operator):
    baru = perubahan.buat_perubahan(renstra, berlaku_mulai=2027, dasar_hukum=BASIS,
                                    alasan=REASON, user=operator)
    page = logged_in.get(reverse("isu_list", args=[opd.pk]))
    assert page.context["renstra"] == baru


def test_the_admin_shows_a_version_without_letting_it_be_rewired(client, renstra, operator):
    from django.contrib.auth.models import User

    baru = perubahan.buat_perubahan(renstra, berlaku_mulai=2027, dasar_hukum=BASIS,
                                    alasan=REASON, user=operator)
    client.force_login(User.objects.create_superuser("root-perubahan", "r@x.id", "x"))
    page = client.get(reverse("admin:plans_renstra_change", args=[baru.pk]))
    assert page.status_code == 200
    assert 'name="berlaku_mulai"' not in page.content.decode()
    assert 'name="versi_dari"' not in page.content.decode()


def test_the_editor_of_the_latest_version_offers_a_change(logged_in, renstra, operator):
    url = reverse("renstra_perubahan_baru", args=[renstra.pk])
    assert url in logged_in.get(reverse("renstra_editor", args=[renstra.pk])).content.decode()
    perubahan.buat_perubahan(renstra, berlaku_mulai=2027, dasar_hukum=BASIS, alasan=REASON,
                             user=operator)
    assert url not in logged_in.get(reverse("renstra_editor", args=[renstra.pk])).content.decode()
