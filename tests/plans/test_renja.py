"""The Renja of a year (plans.renja): copied from the Renstra's year (targets and indicative
funding), then adjusted with a reason for each changed value, through the one target write
path; refused values leave nothing written."""

from decimal import Decimal

import pytest

from akuntabel.audit.models import Perubahan
from akuntabel.plans import renja
from akuntabel.plans.models import PerjanjianKinerja, RenjaAnggaran, RenstraAnggaran, Target
from akuntabel.plans.targets import NilaiTarget, TargetBasi, TargetTerkunci
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_program,
    make_renstra,
    make_sasaran,
    make_sub_kegiatan,
    make_target,
    make_tujuan,
    make_user,
)

pytestmark = pytest.mark.django_db
TAHUN = 2026


@pytest.fixture
def plan():
    renstra = make_renstra(tahun_awal=2025, tahun_akhir=2029)
    sasaran = make_sasaran(make_tujuan(renstra))
    program = make_program(renstra, sasaran=sasaran)
    sub = make_sub_kegiatan(make_kegiatan(program))
    iku = make_indikator(sasaran=sasaran, satuan="%")
    output = make_indikator(sub_kegiatan=sub, satuan="Dokumen")
    make_target(iku, "80", jenis="renstra", tahun=TAHUN, teks="80 %")
    make_target(output, "12", jenis="renstra", tahun=TAHUN)
    make_target(output, "14", jenis="renstra", tahun=TAHUN + 1)
    RenstraAnggaran.objects.create(program=program, tahun=TAHUN, target=Decimal("1500000"))
    RenstraAnggaran.objects.create(sub_kegiatan=sub, tahun=TAHUN, target=Decimal("900000.50"))
    return {"renstra": renstra, "program": program, "sub": sub, "iku": iku, "output": output}


@pytest.fixture
def user():
    return make_user(first_name="Sri", last_name="Wahyuni")


def renja_targets(*indikator, tahun=TAHUN):
    return {(t.indikator_id, t.triwulan): (t.teks, t.nilai) for t in Target.objects.filter(
        indikator__in=indikator, jenis="renja", tahun=tahun)}


def targets(indikator, values, alasan="", tempat="alasan", tahun=TAHUN):
    """A TargetBaru for ``indikator`` from ``values`` by triwulan (text, number)."""
    rows = {t.triwulan: t for t in Target.objects.filter(indikator=indikator, jenis="renja",
                                                         tahun=tahun)}
    return renja.TargetBaru([
        NilaiTarget(indikator, "renja", tahun, tw, rows.get(tw),
                    rows[tw].versi if tw in rows else 0, teks,
                    None if nilai is None else Decimal(nilai))
        for tw, (teks, nilai) in values.items()], alasan, tempat)


def test_the_copy_gives_the_renstra_year_s_targets_and_funding(plan, user):
    assert renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user) == (2, 2)
    assert renja_targets(plan["iku"], plan["output"]) == {
        (plan["iku"].pk, 0): ("80 %", Decimal(80)), (plan["output"].pk, 0): ("12", Decimal(12))}
    assert {r.program_id or r.sub_kegiatan_id: r.pagu_indikatif
            for r in RenjaAnggaran.objects.filter(tahun=TAHUN)} == {
        plan["program"].pk: Decimal("1500000"), plan["sub"].pk: Decimal("900000.50")}
    assert Perubahan.objects.filter(sumber=renja.SUMBER_SALIN).count() == 4


def test_a_second_copy_keeps_the_values_already_adjusted(plan, user):
    renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user)
    renja.simpan_renja(plan["renstra"], TAHUN,
                       [targets(plan["output"], {0: ("10", "10")}, "Refocusing")], [],
                       user=user)
    assert renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user) == (0, 0)
    assert renja_targets(plan["output"])[plan["output"].pk, 0] == ("10", Decimal(10))


def test_a_year_outside_the_renstra_is_refused(plan, user):
    with pytest.raises(renja.RenjaRefused) as info:
        renja.salin_dari_renstra(plan["renstra"], 2031, user=user)
    assert "2025–2029" in info.value.errors["tahun"]


def test_a_changed_target_without_a_reason_is_refused_and_nothing_written(plan, user):
    renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user)
    before = (renja_targets(plan["iku"], plan["output"]), Perubahan.objects.count())
    with pytest.raises(renja.RenjaRefused) as info:
        renja.simpan_renja(plan["renstra"], TAHUN, [
            targets(plan["iku"], {1: ("20", "20")}, tempat="i1-alasan"),  # new: no reason needed
            targets(plan["output"], {0: ("10", "10")}, tempat="i2-alasan")], [], user=user)
    assert list(info.value.errors) == ["i2-alasan"]
    assert "alasan" in info.value.errors["i2-alasan"]
    assert (renja_targets(plan["iku"], plan["output"]), Perubahan.objects.count()) == before


def test_quarter_targets_and_a_changed_value_with_its_reason_are_written_and_recorded(plan, user):
    renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user)
    changed = renja.simpan_renja(plan["renstra"], TAHUN, [targets(plan["output"], {
        0: ("10", "10"), 1: ("2", "2"), 2: ("3", "3"), 3: ("3", "3"), 4: ("2", "2")},
        "Pagu dipotong")], [], user=user)
    assert changed == 5
    assert renja_targets(plan["output"]) == {
        (plan["output"].pk, tw): (str(v), Decimal(v)) for tw, v in
        {0: 10, 1: 2, 2: 3, 3: 3, 4: 2}.items()}
    year = Target.objects.get(indikator=plan["output"], jenis="renja", tahun=TAHUN, triwulan=0)
    assert list(Perubahan.objects.filter(model="Target", objek_id=year.pk, kolom="nilai")
                .order_by("id").values_list("lama", "baru", "alasan", "oleh")) == [
        ("", "12", "", user.pk), ("12", "10", "Pagu dipotong", user.pk)]


def test_a_changed_ceiling_needs_its_reason_and_is_recorded(plan, user):
    renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user)
    row = RenjaAnggaran.objects.get(program=plan["program"], tahun=TAHUN)
    baru = renja.PaguBaru(plan["program"], Decimal("1200000"), row.versi, "", "p-program")
    with pytest.raises(renja.RenjaRefused) as info:
        renja.simpan_renja(plan["renstra"], TAHUN, [], [baru], user=user)
    assert "alasan" in info.value.errors["p-program_alasan"]
    baru.alasan = "Efisiensi"
    assert renja.simpan_renja(plan["renstra"], TAHUN, [], [baru], user=user) == 1
    row.refresh_from_db()
    assert (row.pagu_indikatif, row.versi) == (Decimal("1200000"), 2)
    assert Perubahan.objects.filter(model="RenjaAnggaran", objek_id=row.pk, lama="1500000",
                                    baru="1200000", alasan="Efisiensi").exists()


@pytest.mark.parametrize(("nilai", "words"), [
    pytest.param("-1", "negatif", id="a negative ceiling"),
    pytest.param("1E+16", "terlalu besar", id="a ceiling beyond the bounds"),
    pytest.param("0.001", "belakang koma", id="a ceiling below the sen"),
])
def test_a_ceiling_out_of_bounds_is_refused(plan, user, nilai, words):
    with pytest.raises(renja.RenjaRefused) as info:
        renja.simpan_renja(plan["renstra"], TAHUN, [], [
            renja.PaguBaru(plan["sub"], Decimal(nilai), 0, "x", "p-sub")], user=user)
    assert words in info.value.errors["p-sub"]
    assert not RenjaAnggaran.objects.filter(tahun=TAHUN).exists()


def test_a_ceiling_saved_by_someone_else_meanwhile_is_refused(plan, user):
    renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user)
    stale = renja.PaguBaru(plan["program"], Decimal("1"), 0, "x", "p-program")
    with pytest.raises(renja.RenjaRefused) as info:
        renja.simpan_renja(plan["renstra"], TAHUN, [], [stale], user=user)
    assert "diubah" in info.value.errors["p-program"]


def test_a_target_saved_by_someone_else_meanwhile_is_refused(plan, user):
    t = targets(plan["iku"], {0: ("81", "81")})
    make_target(plan["iku"], "79", tahun=TAHUN)  # saved meanwhile
    with pytest.raises(TargetBasi):
        renja.simpan_renja(plan["renstra"], TAHUN, [t], [], user=user)


def test_a_signed_pk_locks_the_year_s_renja(plan, user):
    PerjanjianKinerja.objects.create(perangkat_daerah=plan["renstra"].perangkat_daerah,
                                     tahun=TAHUN, status="ditandatangani")
    with pytest.raises(TargetTerkunci):
        renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user)
    assert renja_targets(plan["iku"], plan["output"]) == {}
    assert not RenjaAnggaran.objects.filter(tahun=TAHUN).exists()


def test_a_reason_with_a_control_character_is_refused_at_its_row(plan, user):
    renja.salin_dari_renstra(plan["renstra"], TAHUN, user=user)
    row = RenjaAnggaran.objects.get(program=plan["program"], tahun=TAHUN)
    with pytest.raises(renja.RenjaRefused) as info:
        renja.simpan_renja(plan["renstra"], TAHUN, [
            targets(plan["output"], {0: ("10", "10")}, "Refocusing\x1f", "i2-alasan")], [
            renja.PaguBaru(plan["program"], Decimal(1), row.versi, "x\x00", "p-program")],
            user=user)
    assert set(info.value.errors) == {"i2-alasan", "p-program_alasan"}
    assert "U+001F" in info.value.errors["i2-alasan"]
    assert renja_targets(plan["output"])[plan["output"].pk, 0] == ("12", Decimal(12))
