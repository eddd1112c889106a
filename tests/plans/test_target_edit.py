"""Changing the Renja targets of a year on the indicator page: Indonesian number input, all
or nothing, a reason for a changed value, every change in the history; refused in a year a
signed PK locks, and refused when someone else saved since the page was read."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from akuntabel.accounts.models import Peran
from akuntabel.audit.models import Perubahan
from akuntabel.audit.services import record_change
from akuntabel.plans.models import Indikator, PerjanjianKinerja, Target
from tests.builders import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db
TAHUN = 2024  # a year of the demo Renstra without a PK


@pytest.fixture
def iku(demo_opd):
    return Indikator.objects.get(perangkat_daerah=demo_opd, kode="IKU-1")


@pytest.fixture
def operator(demo_opd):
    return make_user(Peran.OPERATOR_OPD, opd=demo_opd, first_name="Sari", last_name="Operator")


def url(indikator, tahun=TAHUN):
    return reverse("target_edit", args=[indikator.pk, tahun])


def post(**values):
    data = {f"versi_{tw}": "0" for tw in range(5)} | {f"nilai_{tw}": "" for tw in range(5)}
    data.update(values)
    return data


def renja(indikator, tahun=TAHUN):
    return {t.triwulan: t for t in Target.objects.filter(indikator=indikator, jenis="renja",
                                                         tahun=tahun)}


def changes(indikator):
    return Perubahan.objects.filter(model="Target",
                                    objek_id__in=Target.objects.filter(indikator=indikator)
                                    .values("pk"))


def test_owner_sets_the_year_and_quarter_targets_in_indonesian_numbers(client, iku, operator):
    client.force_login(operator)
    response = client.post(url(iku), post(nilai_0="94,6", nilai_1="20", nilai_2="1.234,5",
                                          nilai_4="94,6 %", alasan="Renja 2024"))
    assert response.status_code == 302
    assert response["Location"] == reverse("indikator_detail", args=[iku.pk]) + "?tahun=2024"
    rows = renja(iku)
    assert {tw: r.nilai for tw, r in rows.items()} == {
        0: Decimal("94.6"), 1: Decimal(20), 2: Decimal("1234.5"), 4: Decimal("94.6")}
    assert rows[2].teks == "1.234,5" and rows[0].versi == 1
    audit = list(changes(iku))
    assert len(audit) == 4
    assert {a.oleh for a in audit} == {operator}
    assert {a.alasan for a in audit} == {"Renja 2024"}
    assert all("2024" in a.sumber for a in audit)


def test_changing_a_value_bumps_the_version_and_records_old_and_new(client, iku, operator):
    t = Target.objects.create(indikator=iku, jenis="renja", tahun=TAHUN, teks="90", nilai=90)
    client.force_login(operator)
    response = client.post(url(iku), post(versi_0="1", nilai_0="95", alasan="Pagu naik"))
    assert response.status_code == 302
    t.refresh_from_db()
    assert (t.nilai, t.teks, t.versi) == (Decimal(95), "95", 2)
    nilai = changes(iku).get(kolom="nilai")
    assert (nilai.lama, nilai.baru, nilai.alasan) == ("90", "95", "Pagu naik")


def test_saving_the_same_values_writes_nothing(client, iku, operator):
    Target.objects.create(indikator=iku, jenis="renja", tahun=TAHUN, teks="90", nilai=90)
    client.force_login(operator)
    response = client.post(url(iku), post(versi_0="1", nilai_0="90,0"))
    assert response.status_code == 302
    assert renja(iku)[0].versi == 1
    assert not changes(iku).exists()


def test_changing_a_value_needs_a_reason(client, iku, operator):
    Target.objects.create(indikator=iku, jenis="renja", tahun=TAHUN, teks="90", nilai=90)
    client.force_login(operator)
    response = client.post(url(iku), post(versi_0="1", nilai_0="95", nilai_1="10"))
    assert response.status_code == 400
    assert "Alasan perubahan: tuliskan mengapa target yang sudah berisi nilai diubah." in (
        response.content.decode())
    assert renja(iku)[0].nilai == 90 and 1 not in renja(iku)
    assert not changes(iku).exists()


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("nilai_2", "12,5,3", "Target Renja TW II: &#x27;12,5,3&#x27; bukan angka; tulis seperti "
                          "1.234,5, rentang seperti 60–85, atau label skala kualitatif"),
    ("nilai_0", "sembilan puluh", "Target Renja tahunan: &#x27;sembilan puluh&#x27; bukan "
                                  "angka"),
    ("nilai_3", "-5", "Target Renja TW III: target tidak boleh negatif"),
    ("nilai_1", "20 Jiwa", "Target Renja TW I: satuan &#x27;Jiwa&#x27; tidak sama dengan "
                           "satuan indikator &#x27;%&#x27;."),
], ids=["two decimal commas", "words", "negative", "another unit"])
def test_an_invalid_number_is_named_at_its_field_and_nothing_is_written(
        client, iku, operator, field, typed, message):
    client.force_login(operator)
    data = post(nilai_0="94,6", nilai_1="20", nilai_4="25", alasan="x")
    data[field] = typed
    response = client.post(url(iku), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'aria-invalid="true"' in body
    assert f'value="{typed}"' in body  # what was typed is kept, not lost
    assert renja(iku) == {}
    assert not changes(iku).exists()


def test_a_year_locked_by_a_signed_pk_is_refused(client, demo_opd, iku, operator):
    PerjanjianKinerja.objects.create(perangkat_daerah=demo_opd, tahun=TAHUN,
                                     status=PerjanjianKinerja.Status.DITANDATANGANI)
    client.force_login(operator)
    response = client.post(url(iku), post(nilai_0="99", alasan="x"))
    assert response.status_code == 409
    assert ("Target tahun 2024 terkunci karena Perjanjian Kinerja sudah ditandatangani; "
            "perubahan melalui PK Perubahan.") in response.content.decode()
    assert renja(iku) == {}
    assert not changes(iku).exists()
    # the page says so instead of offering the form
    page = client.get(reverse("indikator_detail", args=[iku.pk]) + "?tahun=2024")
    assert "Target tahun 2024 terkunci" in page.content.decode()


def test_a_stale_save_is_refused_naming_who_changed_it_and_when(client, demo_opd, iku, operator):
    kepala = make_user(Peran.KEPALA_OPD, opd=demo_opd, first_name="Budi", last_name="Kepala")
    t = Target.objects.create(indikator=iku, jenis="renja", tahun=TAHUN, triwulan=2, teks="30",
                              nilai=30, versi=2)
    record_change(demo_opd, t, "nilai", "25", "30", sumber="Uji", oleh=kepala)
    when = timezone.localtime(changes(iku).get().created_at)
    client.force_login(operator)
    # the operator read the page when TW II had version 1
    response = client.post(url(iku), post(versi_2="1", nilai_2="35", nilai_0="90", alasan="x"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Target Renja TW II telah diubah oleh Budi Kepala pada" in body
    assert when.strftime("%Y") in body
    assert "isian Anda tadi: Target Renja tahunan: 90; Target Renja TW II: 35" in body
    t.refresh_from_db()
    assert (t.nilai, t.versi) == (30, 2)
    assert set(renja(iku)) == {2}  # the annual target was not written either
    assert changes(iku).count() == 1


def test_a_target_created_meanwhile_by_someone_else_is_not_overwritten(client, iku, operator):
    Target.objects.create(indikator=iku, jenis="renja", tahun=TAHUN, teks="80", nilai=80)
    client.force_login(operator)
    response = client.post(url(iku), post(versi_0="0", nilai_0="90"))
    assert response.status_code == 409
    assert renja(iku)[0].nilai == 80


@pytest.mark.parametrize("peran", [Peran.KEPALA_OPD, Peran.ADMIN_PEMDA])
def test_head_and_admin_may_edit_too(client, demo_opd, iku, peran):
    client.force_login(make_user(peran, opd=demo_opd))
    assert client.post(url(iku), post(nilai_0="94,6")).status_code == 302
    assert renja(iku)[0].nilai == Decimal("94.6")


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.REVIEWER])
def test_verifier_and_reviewer_may_not_edit(client, demo_opd, iku, peran):
    client.force_login(make_user(peran, pemda=demo_opd.pemda))
    assert client.post(url(iku), post(nilai_0="94,6")).status_code == 403
    assert renja(iku) == {}


def test_operator_of_another_agency_gets_not_found(client, demo_opd, iku):
    client.force_login(make_user(Peran.OPERATOR_OPD, opd=make_opd(pemda=demo_opd.pemda)))
    assert client.post(url(iku), post(nilai_0="1")).status_code == 404
    assert renja(iku) == {}


def test_admin_of_another_pemda_gets_not_found(client, iku):
    client.force_login(make_user(Peran.ADMIN_PEMDA, pemda=make_pemda()))
    assert client.post(url(iku), post(nilai_0="1")).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client, iku):
    response = client.post(url(iku), post(nilai_0="1"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert renja(iku) == {}


def test_get_is_not_allowed_and_a_year_outside_the_renstra_is_not_found(client, iku, operator):
    client.force_login(operator)
    assert client.get(url(iku)).status_code == 405
    assert client.post(url(iku, 2030), post(nilai_0="1")).status_code == 404
    assert not Target.objects.filter(indikator=iku, tahun=2030).exists()
