"""The PK workflow on the demo's PK 2023 (a draft): edit (pk_ubah), submit (pk_ajukan), sign
(pk_tandatangani, kepala OPD or admin), return to draft (pk_kembalikan) and the amended PK
(pk_perubahan). Each action: who may, who may not, what is written, what is recorded."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.plans.models import PerjanjianKinerja, Target
from akuntabel.plans.services import targets_locked
from akuntabel.references.services import skala_for
from akuntabel.results.capaian import compute_capaian_indikator
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db
TAHUN = 2023
IKU = "Persentase PPKS yang tertangani"


@pytest.fixture
def pk(demo_opd):
    return PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN, jenis="induk")


@pytest.fixture
def operator(demo_opd):
    return make_user(Peran.OPERATOR_OPD, opd=demo_opd)


@pytest.fixture
def kepala(demo_opd):
    return make_user(Peran.KEPALA_OPD, opd=demo_opd)


def post(client, user, name, pk, **data):
    if user is not None:
        client.force_login(user)
    versi = PerjanjianKinerja.objects.get(pk=pk.pk).versi  # the page as read now
    return client.post(reverse(name, args=[pk.perangkat_daerah_id, pk.tahun]),
                       {"perjanjian": pk.pk, "versi": versi, **data}, follow=True)


def baris_target(pk):
    return list(pk.baris.values_list("target_teks", "target"))


def sign(client, pk, operator, kepala):
    post(client, operator, "pk_ajukan", pk)
    return post(client, kepala, "pk_tandatangani", pk)


def changes(obj, kolom):
    return list(Perubahan.objects.filter(model=type(obj).__name__, objek_id=obj.pk, kolom=kolom)
                .order_by("id").values_list("lama", "baru", "alasan"))


# --------------------------------------------------------------------------------- edit

def test_operator_edits_a_target_typed_the_indonesian_way_and_it_is_recorded(client, pk,
                                                                              operator):
    response = post(client, operator, "pk_ubah", pk, **{
        f"target_{pk.baris.get().pk}": "92,5", "pihak_kedua_nama": "dr. Wahdi",
        "tanggal": "2023-01-02", "alasan": "Koreksi target"})
    assert "Perjanjian Kinerja disimpan." in response.content.decode()
    assert baris_target(pk) == [("92,5", Decimal("92.5"))]
    pk.refresh_from_db()
    assert (pk.pihak_kedua_nama, pk.tanggal) == ("dr. Wahdi", date(2023, 1, 2))
    assert changes(pk.baris.get(), "target") == [("91.5 %", "92,5", "Koreksi target")]
    assert changes(pk, "pihak_kedua_nama") == [("", "dr. Wahdi", "Koreksi target")]


def test_a_bad_number_names_the_row_and_nothing_is_written(client, pk, operator):
    response = post(client, operator, "pk_ubah", pk, **{
        f"target_{pk.baris.get().pk}": "12,5,3", "pihak_kedua_nama": "dr. Wahdi"})
    body = response.content.decode()
    assert response.status_code == 400
    assert f"Baris 1 ({IKU}), target: &#x27;12,5,3&#x27; bukan angka." in body
    assert 'value="12,5,3"' in body  # what was typed is shown again, not lost
    assert baris_target(pk) == [("91.5 %", Decimal("91.5"))]
    pk.refresh_from_db()
    assert pk.pihak_kedua_nama == ""
    assert not Perubahan.objects.filter(model="PerjanjianKinerja", objek_id=pk.pk).exists()


def test_a_bad_date_is_refused_with_a_message(client, pk, operator):
    body = post(client, operator, "pk_ubah", pk, tanggal="32-13-2023").content.decode()
    assert "Tanggal: &#x27;32-13-2023&#x27; bukan tanggal" in body
    pk.refresh_from_db()
    assert pk.tanggal is None


def test_a_signed_pk_can_no_longer_be_edited(client, pk, operator, kepala):
    sign(client, pk, operator, kepala)
    before = Perubahan.objects.count()
    body = post(client, operator, "pk_ubah", pk,
                **{f"target_{pk.baris.get().pk}": "99"}).content.decode()
    assert "tidak dapat diubah" in body
    assert baris_target(pk) == [("91.5 %", Decimal("91.5"))]
    assert Perubahan.objects.count() == before


# ------------------------------------------------------------------------ submit / sign

def test_submit_then_sign_writes_the_pk_targets_and_locks_the_year(client, pk, operator,
                                                                   kepala, demo_opd):
    post(client, operator, "pk_ubah", pk, **{f"target_{pk.baris.get().pk}": "92,5"})
    assert not targets_locked(demo_opd, TAHUN)
    post(client, operator, "pk_ajukan", pk)
    pk.refresh_from_db()
    assert pk.status == "diajukan"
    body = post(client, kepala, "pk_tandatangani", pk).content.decode()
    assert "target tahun ini sekarang terkunci" in body
    pk.refresh_from_db()
    assert pk.status == "ditandatangani" and pk.ditandatangani_oleh == kepala
    assert pk.ditandatangani_pada is not None
    assert targets_locked(demo_opd, TAHUN)
    iku = pk.baris.get().indikator
    target = Target.objects.get(indikator=iku, jenis="pk", tahun=TAHUN, triwulan=0)
    assert (target.teks, target.nilai) == ("92,5", Decimal("92.5"))
    assert target.versi == 2  # a target form opened before the signing is now stale
    assert changes(target, "nilai") == [("91.5", "92.5", "")]  # as every target write
    assert [c[:2] for c in changes(pk, "status")] == [("draft", "diajukan"),
                                                       ("diajukan", "ditandatangani")]
    capaian = compute_capaian_indikator(iku, TAHUN, skala_for(demo_opd.pemda, date(2023, 12, 31)))
    assert (capaian.jenis_target, capaian.target) == ("pk", Decimal("92.5"))


def test_submit_is_refused_while_a_row_has_no_target(client, pk, operator):
    pk.baris.update(target_teks="", target=None)
    body = post(client, operator, "pk_ajukan", pk).content.decode()
    assert f"Baris 1 ({IKU}): target belum diisi." in body
    pk.refresh_from_db()
    assert pk.status == "draft"


def test_operator_may_not_sign(client, pk, operator):
    post(client, operator, "pk_ajukan", pk)
    response = client.post(reverse("pk_tandatangani", args=[pk.perangkat_daerah_id, TAHUN]),
                           {"perjanjian": pk.pk})
    assert response.status_code == 403
    pk.refresh_from_db()
    assert pk.status == "diajukan"


def test_admin_pemda_may_sign(client, pk, operator, demo_opd):
    admin = make_user(Peran.ADMIN_PEMDA, pemda=demo_opd.pemda)
    sign(client, pk, operator, admin)
    pk.refresh_from_db()
    assert (pk.status, pk.ditandatangani_oleh) == ("ditandatangani", admin)


def test_a_draft_cannot_be_signed_before_it_is_submitted(client, pk, kepala, demo_opd):
    body = post(client, kepala, "pk_tandatangani", pk).content.decode()
    assert "ajukan terlebih dahulu" in body
    pk.refresh_from_db()
    assert pk.status == "draft" and not targets_locked(demo_opd, TAHUN)


# ------------------------------------------------------------------------------- return

def test_return_to_draft_needs_a_reason_which_is_recorded(client, pk, operator, kepala):
    post(client, operator, "pk_ajukan", pk)
    body = post(client, kepala, "pk_kembalikan", pk, alasan="  ").content.decode()
    assert "Alasan pengembalian wajib diisi." in body
    pk.refresh_from_db()
    assert pk.status == "diajukan"
    post(client, kepala, "pk_kembalikan", pk, alasan="Target IKU terlalu rendah")
    pk.refresh_from_db()
    assert pk.status == "draft"
    assert changes(pk, "status")[-1] == ("diajukan", "draft", "Target IKU terlalu rendah")


def test_operator_may_not_return_to_draft(client, pk, operator):
    post(client, operator, "pk_ajukan", pk)
    response = client.post(reverse("pk_kembalikan", args=[pk.perangkat_daerah_id, TAHUN]),
                           {"perjanjian": pk.pk, "alasan": "x"})
    assert response.status_code == 403


# ---------------------------------------------------------------------------- perubahan

def test_perubahan_copies_the_signed_pk_and_its_signed_targets_take_precedence(
        client, pk, operator, kepala, demo_opd):
    sign(client, pk, operator, kepala)
    body = post(client, operator, "pk_perubahan", pk, alasan="").content.decode()
    assert "Alasan perubahan wajib diisi." in body
    post(client, operator, "pk_perubahan", pk, alasan="Refocusing anggaran")
    baru = PerjanjianKinerja.objects.get(perangkat_daerah=demo_opd, tahun=TAHUN,
                                         jenis="perubahan")
    assert baru.status == "draft" and "Refocusing anggaran" in baru.catatan
    assert baris_target(baru) == [("91.5 %", Decimal("91.5"))]
    assert changes(baru, "status") == [("", "draft", "Refocusing anggaran")]
    post(client, operator, "pk_ubah", baru, **{f"target_{baru.baris.get().pk}": "95 %"})
    sign(client, baru, operator, kepala)
    baru.refresh_from_db()
    assert baru.status == "ditandatangani"
    iku = baru.baris.get().indikator
    assert Target.objects.get(indikator=iku, jenis="pk_perubahan", tahun=TAHUN).nilai == 95
    assert Target.objects.get(indikator=iku, jenis="pk", tahun=TAHUN).nilai == Decimal("91.5")
    capaian = compute_capaian_indikator(iku, TAHUN, skala_for(demo_opd.pemda, date(2023, 12, 31)))
    assert (capaian.jenis_target, capaian.target) == ("pk_perubahan", Decimal("95"))
    page = client.get(reverse("pk_detail", args=[demo_opd.pk, TAHUN])).content.decode()
    section = page[page.index(f'id="pk-{baru.pk}"'):]
    assert "pk-in-force" in section[:2000]


def test_perubahan_needs_a_signed_pk(client, pk, operator, demo_opd):
    body = post(client, operator, "pk_perubahan", pk, alasan="x").content.decode()
    assert "Belum ada Perjanjian Kinerja tahun 2023 yang ditandatangani" in body
    assert not PerjanjianKinerja.objects.filter(perangkat_daerah=demo_opd,
                                                jenis="perubahan").exists()


def test_only_one_perubahan_in_progress_at_a_time(client, pk, operator, kepala, demo_opd):
    sign(client, pk, operator, kepala)
    post(client, operator, "pk_perubahan", pk, alasan="satu")
    body = post(client, operator, "pk_perubahan", pk, alasan="dua").content.decode()
    assert "masih berstatus" in body
    assert PerjanjianKinerja.objects.filter(perangkat_daerah=demo_opd,
                                            jenis="perubahan").count() == 1


# ------------------------------------------------------------------------------- access

ACTIONS = ["pk_ubah", "pk_ajukan", "pk_tandatangani", "pk_kembalikan", "pk_perubahan"]


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_pemda_wide_readers_may_not_act(client, pk, demo_opd, name, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    response = client.post(reverse(name, args=[demo_opd.pk, TAHUN]),
                           {"perjanjian": pk.pk, "alasan": "x",
                            f"target_{pk.baris.get().pk}": "1"})
    assert response.status_code == 403
    pk.refresh_from_db()
    assert pk.status == "draft" and baris_target(pk) == [("91.5 %", Decimal("91.5"))]


@pytest.mark.parametrize("name", ACTIONS)
def test_operator_of_another_agency_gets_not_found(client, pk, demo_opd, name):
    client.force_login(make_user(Peran.KEPALA_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    response = client.post(reverse(name, args=[demo_opd.pk, TAHUN]), {"perjanjian": pk.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ACTIONS)
def test_admin_of_another_pemda_gets_not_found(client, pk, demo_opd, name):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    response = client.post(reverse(name, args=[demo_opd.pk, TAHUN]), {"perjanjian": pk.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ACTIONS)
def test_anonymous_visitor_is_sent_to_login(client, pk, demo_opd, name):
    response = client.post(reverse(name, args=[demo_opd.pk, TAHUN]), {"perjanjian": pk.pk})
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_pk_of_another_agency_cannot_be_moved_through_ones_own(client, pk, demo_opd):
    own = make_opd(pemda=demo_opd.pemda)
    client.force_login(make_user(Peran.KEPALA_OPD, opd=own))
    response = client.post(reverse("pk_ajukan", args=[own.pk, TAHUN]), {"perjanjian": pk.pk})
    assert response.status_code == 404
    pk.refresh_from_db()
    assert pk.status == "draft"


@pytest.mark.parametrize("ident", ["", "abc", "99999999999999999999999", "-1"])
def test_a_missing_or_malformed_pk_id_is_not_found(client, pk, operator, ident):
    client.force_login(operator)
    response = client.post(reverse("pk_ajukan", args=[pk.perangkat_daerah_id, TAHUN]),
                           {"perjanjian": ident})
    assert response.status_code == 404
