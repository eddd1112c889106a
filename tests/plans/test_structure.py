"""The one write path of a Renstra's structure (``plans.structure``): each write checked,
recorded in the history with its user and reason, all or nothing; each refusal names its
field and writes nothing."""

from decimal import Decimal

import pytest

from akuntabel.audit.models import Perubahan
from akuntabel.plans import structure
from akuntabel.plans.models import (
    ArahKebijakan,
    Indikator,
    Renstra,
    Rpjmd,
    Sasaran,
    SasaranDaerah,
    Strategi,
    Target,
    Tujuan,
    TujuanDaerah,
)
from akuntabel.plans.structure import StructureError
from akuntabel.plans.targets import NilaiTarget, TahunDiLuarPeriode, write_targets
from akuntabel.results.models import Realisasi
from tests.builders import make_pemda, make_renstra

pytestmark = pytest.mark.django_db


@pytest.fixture
def rpjmd(opd):
    return Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2025, tahun_akhir=2029,
                                visi="Metro Sehat")


@pytest.fixture
def renstra(opd, rpjmd, user):
    return structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, user=user,
                                  alasan="Renstra baru")


@pytest.fixture
def tujuan(renstra, user):
    return structure.tambah(renstra, "tujuan", {"uraian": "Meningkatnya derajat kesehatan"},
                            user=user)


@pytest.fixture
def sasaran(tujuan, user):
    return structure.tambah(tujuan, "sasaran", {"uraian": "Menurunnya angka stunting"},
                            user=user)


def history(obj):
    return {(p.kolom, p.lama, p.baru) for p in Perubahan.objects.filter(
        model=type(obj).__name__, objek_id=obj.pk)}


def refused(call, field):
    """Run ``call``; it must raise StructureError naming ``field``; nothing may be written."""
    before = (Perubahan.objects.count(), Sasaran.objects.count(), Indikator.objects.count(),
              Target.objects.count(), Renstra.objects.count(), Tujuan.objects.count())
    with pytest.raises(StructureError) as exc:
        call()
    assert field in exc.value.errors, exc.value.errors
    assert (Perubahan.objects.count(), Sasaran.objects.count(), Indikator.objects.count(),
            Target.objects.count(), Renstra.objects.count(), Tujuan.objects.count()) == before
    return exc.value.errors[field]


# --- Renstra --------------------------------------------------------------------------------

def test_a_renstra_is_made_under_the_pemdas_rpjmd_covering_its_first_year(opd, rpjmd, user):
    renstra = structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, user=user,
                                     alasan="Renstra baru")
    assert (renstra.rpjmd, list(renstra.tahun)) == (rpjmd, [2025, 2026, 2027, 2028, 2029])
    change = Perubahan.objects.get(model="Renstra", objek_id=renstra.pk, kolom="periode")
    assert (change.baru, change.oleh, change.alasan) == ("2025–2029", user, "Renstra baru")


def test_a_pemda_without_an_rpjmd_is_told_to_make_one_first(opd, user):
    pesan = refused(lambda: structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029,
                                                   user=user), "rpjmd")
    assert "RPJMD" in pesan and opd.pemda.nama in pesan


def test_an_rpjmd_of_another_pemda_is_refused(opd, user):
    other = Rpjmd.objects.create(pemda=make_pemda(), tahun_awal=2025, tahun_akhir=2029, visi="V")
    refused(lambda: structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, rpjmd=other,
                                           user=user), "rpjmd")


def test_a_renstra_overlapping_another_is_refused(renstra, opd, user):
    pesan = refused(lambda: structure.buat_renstra(opd, tahun_awal=2027, tahun_akhir=2029,
                                                   user=user), "tahun_awal")
    assert "2025–2029" in pesan


def test_a_period_backwards_is_refused(opd, rpjmd, user):
    refused(lambda: structure.buat_renstra(opd, tahun_awal=2029, tahun_akhir=2025, user=user),
            "tahun_akhir")


# --- Tujuan, sasaran, strategi, arah kebijakan ---------------------------------------------

def test_each_element_is_added_with_its_history(renstra, tujuan, sasaran, user):
    strategi = structure.tambah(renstra, "strategi", {"uraian": "Konvergensi stunting",
                                                      "sasaran": str(sasaran.pk)}, user=user,
                                alasan="Rancangan awal")
    arah = structure.tambah(renstra, "arah_kebijakan", {"uraian": "Intervensi spesifik",
                                                        "strategi": strategi.pk}, user=user)
    assert strategi.sasaran == sasaran and arah.strategi == strategi
    assert Strategi.objects.filter(renstra=renstra).count() == 1
    assert ArahKebijakan.objects.filter(renstra=renstra).count() == 1
    assert ("uraian", "", "Menurunnya angka stunting") in history(sasaran)
    change = Perubahan.objects.get(model="Strategi", objek_id=strategi.pk, kolom="uraian")
    assert (change.oleh, change.alasan, change.perangkat_daerah) == (
        user, "Rancangan awal", renstra.perangkat_daerah)


def test_a_sasaran_is_changed_and_the_history_holds_old_and_new(sasaran, user):
    assert structure.ubah(sasaran, {"uraian": "Menurunnya prevalensi stunting"}, user=user,
                          alasan="Istilah RPJMD") == 1
    sasaran.refresh_from_db()
    assert sasaran.uraian == "Menurunnya prevalensi stunting"
    assert ("uraian", "Menurunnya angka stunting", "Menurunnya prevalensi stunting") in history(
        sasaran)


@pytest.mark.parametrize("uraian", ["menurunnya angka stunting", "Menurunnya  angka stunting.",
                                    " MENURUNNYA ANGKA STUNTING "])
def test_a_duplicate_sasaran_is_refused_under_any_tujuan(renstra, sasaran, user, uraian):
    other = structure.tambah(renstra, "tujuan", {"uraian": "Tujuan lain"}, user=user)
    pesan = refused(lambda: structure.tambah(other, "sasaran", {"uraian": uraian}, user=user),
                    "uraian")
    assert "Renstra ini sudah memiliki sasaran 'Menurunnya angka stunting'" in pesan


def test_a_sasaran_changed_into_another_ones_words_is_refused(tujuan, sasaran, user):
    second = structure.tambah(tujuan, "sasaran", {"uraian": "Meningkatnya cakupan imunisasi"},
                              user=user)
    refused(lambda: structure.ubah(second, {"uraian": "Menurunnya Angka Stunting"}, user=user),
            "uraian")


def test_the_same_sasaran_in_another_renstra_is_accepted(sasaran, user):
    other = make_renstra(tahun_awal=2025, tahun_akhir=2029)
    t = structure.tambah(other, "tujuan", {"uraian": "T"}, user=user)
    assert structure.tambah(t, "sasaran", {"uraian": sasaran.uraian}, user=user).pk


@pytest.mark.parametrize("uraian", ["Menurunnya\x1fstunting", "Sasaran\x0c", "\x00"])
def test_a_control_character_is_refused_naming_it(tujuan, user, uraian):
    pesan = refused(lambda: structure.tambah(tujuan, "sasaran", {"uraian": uraian}, user=user),
                    "uraian")
    assert "U+00" in pesan


def test_an_empty_description_is_refused(tujuan, user):
    refused(lambda: structure.tambah(tujuan, "sasaran", {"uraian": "   "}, user=user), "uraian")


def test_a_sasaran_is_linked_to_the_rpjmd_sasaran_it_serves(rpjmd, sasaran, user):
    td = structure.tambah(rpjmd, "tujuan_daerah", {"uraian": "Meningkatnya kualitas SDM"},
                          user=user)
    sd = structure.tambah(td, "sasaran_daerah", {"uraian": "Meningkatnya derajat kesehatan"},
                          user=user)
    structure.ubah(sasaran, {"sasaran_daerah": str(sd.pk)}, user=user)
    sasaran.refresh_from_db()
    assert sasaran.sasaran_daerah == sd
    assert ("sasaran_daerah", "", str(sd)) in history(sasaran)


def test_an_rpjmd_sasaran_of_another_pemda_is_refused(sasaran, user):
    other = Rpjmd.objects.create(pemda=make_pemda(), tahun_awal=2025, tahun_akhir=2029, visi="V")
    sd = SasaranDaerah.objects.create(
        tujuan_daerah=TujuanDaerah.objects.create(rpjmd=other, uraian="T"), uraian="S")
    refused(lambda: structure.ubah(sasaran, {"sasaran_daerah": sd.pk}, user=user),
            "sasaran_daerah")
    refused(lambda: structure.ubah(sasaran, {"sasaran_daerah": "x"}, user=user),
            "sasaran_daerah")


def test_a_tujuan_with_sasaran_cannot_be_removed(tujuan, sasaran, user):
    pesan = refused(lambda: structure.hapus(tujuan, user=user), "__all__")
    assert "1" in pesan


def test_an_empty_sasaran_is_removed_with_its_history(sasaran, user):
    pk = sasaran.pk
    structure.hapus(sasaran, user=user, alasan="Digabung")
    assert not Sasaran.objects.filter(pk=pk).exists()
    change = Perubahan.objects.get(model="Sasaran", objek_id=pk, kolom="uraian",
                                   baru="")
    assert (change.lama, change.alasan) == ("Menurunnya angka stunting", "Digabung")


# --- Indicators -----------------------------------------------------------------------------

DEFINISI = {
    "kode": "IKU-1", "uraian": "Prevalensi stunting balita",
    "definisi_operasional": "Persentase balita dengan tinggi badan menurut umur < -2 SD",
    "formula": "Balita stunting / balita diukur x 100 %", "satuan": "%",
    "polaritas": "turun", "metode_turun": "rasio", "agregasi": "nilai_akhir",
    "sumber_data": "e-PPGBM", "kondisi_awal_tahun": "2024", "kondisi_awal": "18,5",
    "kondisi_akhir": "14", "iku": "on",
}


def test_an_indicator_is_added_with_its_full_definition(sasaran, user):
    ind = structure.tambah(sasaran, "indikator", DEFINISI, user=user, alasan="IKU dinas")
    ind.refresh_from_db()
    assert ind.sasaran == sasaran
    assert ind.perangkat_daerah == sasaran.tujuan.renstra.perangkat_daerah
    assert (ind.polaritas, ind.metode_turun, ind.agregasi, ind.iku) == (
        "turun", "rasio", "nilai_akhir", True)
    assert ind.definisi_operasional.startswith("Persentase balita")
    assert (ind.kondisi_awal_tahun, ind.kondisi_awal, ind.kondisi_awal_teks) == (
        2024, Decimal("18.5"), "18,5")
    assert ind.kondisi_akhir == Decimal(14)
    assert {("iku", "", "ya"), ("kondisi_awal", "", "18.5"),
            ("polaritas", "", "turun")} <= history(ind)


def test_an_indicator_of_a_tujuan_is_accepted(tujuan, user):
    ind = structure.tambah(tujuan, "indikator", {"uraian": "Usia harapan hidup"}, user=user)
    assert ind.tujuan == tujuan and ind.sasaran is None


def test_a_baseline_that_is_no_number_is_kept_as_printed(sasaran, user):
    ind = structure.tambah(sasaran, "indikator", {"uraian": "Opini BPK", "kondisi_awal": "WTP"},
                           user=user)
    assert (ind.kondisi_awal_teks, ind.kondisi_awal) == ("WTP", None)


@pytest.mark.parametrize(("field", "teks"), [
    pytest.param("kondisi_awal", "1.000.000.000.000.000", id="a baseline of 10^15 -> refused"),
    pytest.param("kondisi_akhir", "1,23456", id="an end target with 5 decimals -> refused"),
    pytest.param("kondisi_awal", "1.23.4", id="an ambiguous number -> refused"),
    pytest.param("kondisi_awal_tahun", "24", id="a baseline year of two digits -> refused"),
    pytest.param("polaritas", "naik-turun", id="a polarity not in the list -> refused"),
    pytest.param("satuan", "x" * 101, id="a unit longer than the field -> refused"),
    pytest.param("formula", "A\x1fB", id="a formula with a control character -> refused"),
])
def test_a_bad_definition_is_refused_at_its_field(sasaran, user, field, teks):
    refused(lambda: structure.tambah(sasaran, "indikator", {**DEFINISI, field: teks},
                                     user=user), field)


def test_every_bad_field_is_named_at_once(sasaran, user):
    with pytest.raises(StructureError) as exc:
        structure.tambah(sasaran, "indikator", {"uraian": "", "kondisi_awal": "1,23456",
                                                "kondisi_awal_tahun": "abc"}, user=user)
    assert set(exc.value.errors) == {"uraian", "kondisi_awal", "kondisi_awal_tahun"}


def test_an_indicator_is_changed_and_unticking_iku_is_recorded(sasaran, user):
    ind = structure.tambah(sasaran, "indikator", DEFINISI, user=user)
    changed = structure.ubah(ind, {**DEFINISI, "iku": "", "satuan": "persen"}, user=user,
                             alasan="Bukan IKU lagi")
    ind.refresh_from_db()
    assert (changed, ind.iku, ind.satuan) == (2, False, "persen")
    assert {("iku", "ya", "tidak"), ("satuan", "%", "persen")} <= history(ind)


# --- Targets --------------------------------------------------------------------------------

@pytest.fixture
def iku(sasaran, user):
    return structure.tambah(sasaran, "indikator", DEFINISI, user=user)


def test_renstra_targets_are_written_through_write_targets(iku, user):
    n = structure.simpan_target_renstra(iku, {2025: "17,5", 2026: "15–16 %", 2027: ""}, {},
                                        user=user, alasan="Target awal")
    assert n == 2
    rows = structure.renstra_targets(iku)
    assert (rows[2025].nilai, rows[2025].nilai_atas) == (Decimal("17.5"), None)
    assert (rows[2026].nilai, rows[2026].nilai_atas, rows[2026].teks) == (
        Decimal(15), Decimal(16), "15–16 %")
    change = Perubahan.objects.get(model="Target", objek_id=rows[2025].pk, kolom="nilai")
    assert (change.baru, change.oleh, change.alasan) == ("17.5", user, "Target awal")


def test_a_qualitative_target_is_kept_as_its_label(sasaran, user):
    ind = structure.tambah(sasaran, "indikator", {"uraian": "Opini", "polaritas": "kualitatif"},
                           user=user)
    structure.simpan_target_renstra(ind, {2025: "WTP"}, {}, user=user)
    t = structure.renstra_targets(ind)[2025]
    assert (t.teks, t.nilai) == ("WTP", None)


@pytest.mark.parametrize(("tahun", "teks"), [
    pytest.param(2030, "10", id="a year after the Renstra -> refused"),
    pytest.param(2024, "10", id="a year before the Renstra -> refused"),
    pytest.param(2025, "sekitar sepuluh", id="words -> refused"),
    pytest.param(2025, "-3", id="a negative target -> refused"),
    pytest.param(2025, "10 orang", id="another unit than the indicator's -> refused"),
    pytest.param(2025, "1.000.000.000.000.000", id="a target of 10^15 -> refused"),
    pytest.param(2025, "1\x1f0", id="a control character -> refused"),
])
def test_a_bad_renstra_target_is_refused_at_its_year(iku, user, tahun, teks):
    refused(lambda: structure.simpan_target_renstra(iku, {2026: "12", tahun: teks}, {},
                                                    user=user), f"target_{tahun}")


@pytest.mark.parametrize("jenis", ["renstra", "renja"])
def test_write_targets_refuses_a_year_outside_the_renstra(iku, user, jenis):
    before = Perubahan.objects.count()
    values = [NilaiTarget(iku, jenis, 2026, 0, None, 0, "12", Decimal(12)),
              NilaiTarget(iku, jenis, 2031, 0, None, 0, "10", Decimal(10))]
    with pytest.raises(TahunDiLuarPeriode) as exc:
        write_targets(iku.perangkat_daerah, values, oleh=user, alasan="", sumber="uji")
    assert exc.value.tahun == 2031 and "2025–2029" in str(exc.value)
    assert not Target.objects.filter(indikator=iku).exists()
    assert Perubahan.objects.count() == before


def test_an_indicator_with_targets_is_removed_its_targets_emptied_through_write_targets(
        iku, user):
    structure.simpan_target_renstra(iku, {2025: "17"}, {}, user=user)
    target = structure.renstra_targets(iku)[2025]
    pk = iku.pk
    structure.hapus(iku, user=user, alasan="Diganti")
    assert not Indikator.objects.filter(pk=pk).exists()
    assert ("nilai", "17", "") in history(target)
    change = Perubahan.objects.get(model="Indikator", objek_id=pk, kolom="uraian", baru="")
    assert (change.lama, change.baru, change.alasan) == (DEFINISI["uraian"], "", "Diganti")


def test_an_indicator_with_realisasi_cannot_be_removed(iku, user):
    Realisasi.objects.create(indikator=iku, tahun=2025, teks="17", nilai=Decimal(17))
    refused(lambda: structure.hapus(iku, user=user), "__all__")
    assert Indikator.objects.filter(pk=iku.pk).exists()


# --- Warnings -------------------------------------------------------------------------------

def test_the_warnings_of_a_renstra(renstra, tujuan, sasaran, user):
    assert [p.kode for p in structure.peringatan(renstra)] == ["REN-001"]
    ind = structure.tambah(sasaran, "indikator", {**DEFINISI, "satuan": ""}, user=user)
    assert sorted(p.kode for p in structure.peringatan(renstra)) == ["REN-002", "REN-003"]
    structure.ubah(ind, {**DEFINISI}, user=user)
    structure.simpan_target_renstra(ind, {t: "15" for t in renstra.tahun}, {}, user=user)
    assert structure.peringatan(renstra) == []


# --- RPJMD ----------------------------------------------------------------------------------

def test_an_rpjmd_is_made_with_its_misi_tujuan_and_sasaran_daerah(user):
    pemda = make_pemda()
    rpjmd = structure.buat_rpjmd(pemda, tahun_awal=2025, tahun_akhir=2029, visi="Metro Maju",
                                 user=user, alasan="Perda RPJMD")
    misi = structure.tambah(rpjmd, "misi", {"nomor": "1", "uraian": "SDM unggul"}, user=user)
    td = structure.tambah(rpjmd, "tujuan_daerah", {"uraian": "SDM sehat", "misi": misi.pk},
                          user=user)
    sd = structure.tambah(td, "sasaran_daerah", {"kode": "1.1", "uraian": "AHH naik"}, user=user)
    assert (td.misi, sd.tujuan_daerah, rpjmd.tujuan_daerah.get()) == (misi, td, td)
    change = Perubahan.objects.get(model="Rpjmd", objek_id=rpjmd.pk, kolom="visi")
    assert (change.pemda, change.baru, change.alasan) == (pemda, "Metro Maju", "Perda RPJMD")
    refused(lambda: structure.tambah(rpjmd, "misi", {"nomor": "1", "uraian": "Lagi"}, user=user),
            "nomor")
    with pytest.raises(StructureError):
        structure.buat_rpjmd(pemda, tahun_awal=2029, tahun_akhir=2033, visi="V", user=user)


def test_an_rpjmd_sasaran_served_by_an_opd_sasaran_cannot_be_removed(rpjmd, sasaran, user):
    td = structure.tambah(rpjmd, "tujuan_daerah", {"uraian": "T"}, user=user)
    sd = structure.tambah(td, "sasaran_daerah", {"uraian": "S"}, user=user)
    structure.ubah(sasaran, {"sasaran_daerah": sd.pk}, user=user)
    refused(lambda: structure.hapus(sd, user=user), "__all__")


def test_a_sasaran_that_a_program_or_a_strategy_serves_cannot_be_removed(renstra, sasaran, user):
    from tests.builders import make_program

    program = make_program(renstra, sasaran=sasaran)
    pesan = refused(lambda: structure.hapus(sasaran, user=user), "__all__")
    assert "1 program" in pesan
    program.delete()
    structure.tambah(renstra, "strategi", {"uraian": "S", "sasaran": sasaran.pk}, user=user)
    refused(lambda: structure.hapus(sasaran, user=user), "__all__")
    assert Sasaran.objects.filter(pk=sasaran.pk).exists()
