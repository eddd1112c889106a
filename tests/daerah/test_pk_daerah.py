"""The kepala daerah's Perjanjian Kinerja (daerah.pk): composed from the IKU of the pemda in
force in the year with their targets, edited as a draft, submitted, signed in the app by the
admin pemda on behalf of the kepala daerah (with a reason), and amended as a new version."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.daerah import pk as pkd
from akuntabel.daerah.models import PkDaerah
from tests.builders import make_sub_kegiatan

pytestmark = pytest.mark.django_db


def test_composing_takes_the_iku_in_force_with_the_targets_of_the_year(iku, pemda, admin_pemda):
    pemda.kepala_daerah_jabatan, pemda.kepala_daerah_nama = "Wali Kota Uji", "Budi"
    pemda.save()
    pk = pkd.susun_pk(pemda, 2026, admin_pemda)
    row = pk.baris.get()
    assert (row.iku, row.target_teks, row.target) == (iku, "200", Decimal("200"))
    assert (pk.status, pk.jenis, pk.kepala_jabatan, pk.kepala_nama) == (
        "draft", "induk", "Wali Kota Uji", "Budi")
    assert pk.perkada == iku.perkada
    assert Perubahan.objects.filter(sumber=pkd.SUMBER, kolom="status").exists()


def test_composing_without_a_perkada_in_force_is_refused(pemda, admin_pemda):
    with pytest.raises(pkd.PkDaerahError) as err:
        pkd.susun_pk(pemda, 2026, admin_pemda)
    assert "Perkada" in str(err.value) and not PkDaerah.objects.exists()


def test_composing_twice_is_refused(iku, pemda, admin_pemda):
    pkd.susun_pk(pemda, 2026, admin_pemda)
    with pytest.raises(pkd.PkDaerahError):
        pkd.susun_pk(pemda, 2026, admin_pemda)
    assert PkDaerah.objects.count() == 1


@pytest.mark.parametrize(("teks", "nilai", "atas"), [
    pytest.param("250", Decimal("250"), None, id="a number is kept as typed"),
    pytest.param("15–16", Decimal("15"), Decimal("16"), id="a range keeps both bounds"),
    pytest.param("", None, None, id="an empty target is allowed in a draft"),
])
def test_the_draft_takes_numbers_and_ranges(iku, pemda, admin_pemda, teks, nilai, atas):
    pk = pkd.susun_pk(pemda, 2026, admin_pemda)
    row = pk.baris.get()
    pkd.ubah_pk(pk, {f"target_{row.pk}": teks}, admin_pemda, versi=pk.versi)
    row.refresh_from_db()
    assert (row.target_teks, row.target, row.target_atas) == (teks, nilai, atas)


@pytest.mark.parametrize(("isian", "kata"), [
    pytest.param({"target": "banyak"}, "Target", id="words where the IKU is measured"),
    pytest.param({"target": "1" * 40}, "Target", id="a number beyond what a measure holds"),
    pytest.param({"tanggal": "kemarin"}, "Tanggal", id="a date not written as a date"),
    pytest.param({"kepala_nama": "x" * 201}, "Nama", id="a name longer than its column"),
    pytest.param({"kepala_nip": "12\x00"}, "NIP", id="a control character"),
])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
        iku, pemda, admin_pemda, isian, kata):
    pk = pkd.susun_pk(pemda, 2026, admin_pemda)
    row = pk.baris.get()
    data = {(f"target_{row.pk}" if k == "target" else k): v for k, v in isian.items()}
    data["kepala_jabatan"] = "Wali Kota Baru"   # a good field beside the bad one
    with pytest.raises(pkd.PkDaerahError) as err:
        pkd.ubah_pk(pk, data, admin_pemda, versi=pk.versi)
    assert kata.lower() in str(err.value).lower()
    pk.refresh_from_db()
    row.refresh_from_db()
    assert pk.kepala_jabatan != "Wali Kota Baru" and row.target_teks == "200"
    assert pk.versi == 1


def test_a_stale_form_is_refused(iku, pemda, admin_pemda):
    pk = pkd.susun_pk(pemda, 2026, admin_pemda)
    pkd.ubah_pk(pk, {"kepala_nama": "Budi"}, admin_pemda, versi=1)
    with pytest.raises(pkd.PkDaerahError):
        pkd.ubah_pk(pk, {"kepala_nama": "Ani"}, admin_pemda, versi=1)


def test_submitting_needs_every_target(iku, pemda, admin_pemda):
    pk = pkd.susun_pk(pemda, 2025, admin_pemda)   # no target for 2025
    with pytest.raises(pkd.PkDaerahError) as err:
        pkd.ajukan_pk(pk, admin_pemda, versi=pk.versi)
    assert "Baris 1" in str(err.value)
    pk.refresh_from_db()
    assert pk.status == "draft"


def _signed(pemda, user, tahun=2026):
    pk = pkd.susun_pk(pemda, tahun, user)
    pk = pkd.ajukan_pk(pk, user, versi=pk.versi)
    pada = timezone.make_aware(datetime(2026, 1, 5, 9, 0))
    return pkd.tandatangani_pk(pk, user, alasan="Ditandatangani basah oleh Wali Kota pada "
                               "5 Januari 2026; dicatat oleh Bagian Organisasi",
                               pada=pada, versi=pk.versi)


def test_signing_records_the_user_the_time_and_the_reason(iku, pemda, admin_pemda):
    pk = _signed(pemda, admin_pemda)
    assert pk.status == "ditandatangani" and pk.ditandatangani_oleh == admin_pemda
    assert pk.ditandatangani_pada.day == 5 and "basah" in pk.alasan_tanda_tangan
    assert Perubahan.objects.filter(kolom="ditandatangani_pada", oleh=admin_pemda).exists()


def test_signing_without_a_reason_is_refused(iku, pemda, admin_pemda):
    pk = pkd.susun_pk(pemda, 2026, admin_pemda)
    pk = pkd.ajukan_pk(pk, admin_pemda, versi=pk.versi)
    with pytest.raises(pkd.PkDaerahError) as err:
        pkd.tandatangani_pk(pk, admin_pemda, alasan=" ", versi=pk.versi)
    assert "alasan" in str(err.value).lower()
    pk.refresh_from_db()
    assert pk.status == "diajukan" and pk.ditandatangani_oleh is None


def test_a_signed_pk_cannot_be_edited(iku, pemda, admin_pemda):
    pk = _signed(pemda, admin_pemda)
    with pytest.raises(pkd.PkDaerahError):
        pkd.ubah_pk(pk, {"kepala_nama": "Ani"}, admin_pemda, versi=pk.versi)


def test_a_perubahan_is_a_new_version_and_keeps_the_signed_one(iku, pemda, admin_pemda):
    induk = _signed(pemda, admin_pemda)
    baru = pkd.susun_perubahan(pemda, 2026, admin_pemda, alasan="Refocusing anggaran")
    assert (baru.jenis, baru.status, baru.menggantikan) == ("perubahan", "draft", induk)
    assert baru.baris.get().target_teks == "200"
    induk.refresh_from_db()
    assert induk.status == "ditandatangani"
    assert pkd.pk_berlaku(list(pkd.pk_tahun(pemda, 2026))) == induk   # until it is signed


def test_a_perubahan_needs_a_signed_pk_and_a_reason(iku, pemda, admin_pemda):
    pkd.susun_pk(pemda, 2026, admin_pemda)
    with pytest.raises(pkd.PkDaerahError):
        pkd.susun_perubahan(pemda, 2026, admin_pemda, alasan="x")
    assert PkDaerah.objects.count() == 1


def test_the_budget_annex_sums_the_dpa_pagu_per_opd(iku, pemda, admin_pemda, dinsos, dinkes):
    for opd, pagu in ((dinsos, "1000000"), (dinsos, "500000"), (dinkes, "250000")):
        dpa = Dpa.objects.get_or_create(perangkat_daerah=opd, tahun=2026)[0]
        DpaSubKegiatan.objects.create(dpa=dpa, sub_kegiatan=make_sub_kegiatan(), pagu=pagu)
    rows = dict((o.pk, p) for o, p in pkd.anggaran_per_opd(pemda, 2026))
    assert rows == {dinsos.pk: Decimal("1500000"), dinkes.pk: Decimal("250000")}


def test_the_document_names_the_kepala_daerah_and_the_iku(iku, pemda, admin_pemda):
    pemda.kepala_daerah_jabatan, pemda.kepala_daerah_nama = "Wali Kota Uji", "Budi"
    pemda.save()
    pkd.susun_pk(pemda, 2026, admin_pemda)
    dok = pkd.dokumen_pk(pemda, 2026)
    text = repr(dok)
    assert "Wali Kota Uji" in text and "Jumlah PPKS yang ditangani" in text
    assert "masyarakat" in text and dok.pihak_kedua is None


def test_the_document_carries_the_pemdas_letterhead(iku, pemda, admin_pemda):
    pemda.kop_alamat = "Jl. Balai Kota No. 1"
    pemda.save()
    pkd.susun_pk(pemda, 2026, admin_pemda)
    dok = pkd.dokumen_pk(pemda, 2026)
    assert dok.kop is not None and dok.kop.alamat == "Jl. Balai Kota No. 1"
    assert dok.kop.pemda == f"PEMERINTAH {pemda.nama}".upper() and dok.kop.instansi == ""


def test_a_signed_perubahan_is_in_force_and_the_next_builds_on_it(iku, pemda, admin_pemda):
    induk = _signed(pemda, admin_pemda)
    baru = pkd.susun_perubahan(pemda, 2026, admin_pemda, alasan="Refocusing anggaran")
    row = baru.baris.get()
    pkd.ubah_pk(baru, {f"target_{row.pk}": "180"}, admin_pemda, versi=baru.versi)
    baru.refresh_from_db()
    baru = pkd.ajukan_pk(baru, admin_pemda, versi=baru.versi)
    pkd.tandatangani_pk(baru, admin_pemda, alasan="Ditandatangani basah", versi=baru.versi)
    pks = list(pkd.pk_tahun(pemda, 2026))
    assert pkd.pk_berlaku(pks) == baru and induk.baris.get().target_teks == "200"
    ketiga = pkd.susun_perubahan(pemda, 2026, admin_pemda, alasan="Perubahan APBD")
    assert ketiga.menggantikan == baru and ketiga.baris.get().target_teks == "180"
    dok = pkd.dokumen_pk(pemda, 2026)
    assert "PERUBAHAN" in dok.judul and "180" in repr(dok)
