"""A Renstra perubahan (``plans.perubahan``): a new version of the same period that copies the
whole plan, is in force from a year after which nothing has been measured against the old
version, and is what ``renstra_for`` reads from that year on; earlier years keep theirs."""

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.audit.models import Perubahan
from akuntabel.budget.models import Dpa, DpaSubKegiatan
from akuntabel.plans import perubahan, structure
from akuntabel.plans.models import (
    ArahKebijakan,
    Indikator,
    IsuStrategis,
    Kegiatan,
    PerjanjianKinerja,
    Program,
    RenjaAnggaran,
    Renstra,
    RenstraAnggaran,
    Rpjmd,
    Sasaran,
    SasaranDaerah,
    Strategi,
    SubKegiatan,
    Target,
    Tujuan,
    TujuanDaerah,
)
from akuntabel.plans.services import indikator_of, renstra_for
from akuntabel.plans.structure import StructureError
from akuntabel.reports.lakip.data import Data
from akuntabel.results.grid import indikator_for_year
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_program,
    make_sub_kegiatan,
    make_target,
)

pytestmark = pytest.mark.django_db

YEARS = range(2025, 2030)


@pytest.fixture
def renstra(opd, user):
    """A Renstra 2025–2029 with one of every kind of element, each linked as a planner would."""
    rpjmd = Rpjmd.objects.create(pemda=opd.pemda, tahun_awal=2025, tahun_akhir=2029,
                                 visi="Metro Sehat")
    sd = SasaranDaerah.objects.create(
        tujuan_daerah=TujuanDaerah.objects.create(rpjmd=rpjmd, uraian="Kota sehat"),
        kode="SD1", uraian="Meningkatnya umur harapan hidup")
    renstra = structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, user=user)
    tujuan = structure.tambah(renstra, "tujuan", {"kode": "T1", "uraian": "Derajat kesehatan"},
                              user=user)
    sasaran = structure.tambah(tujuan, "sasaran", {"kode": "S1", "uraian": "Turunnya stunting",
                                                   "sasaran_daerah": sd.pk}, user=user)
    structure.tambah(tujuan, "indikator", {"uraian": "Umur harapan hidup", "satuan": "tahun"},
                     user=user)
    iku = structure.tambah(sasaran, "indikator", {
        "kode": "IKU-1", "uraian": "Prevalensi stunting", "satuan": "%", "polaritas": "turun",
        "metode_turun": "rasio", "agregasi": "nilai_akhir", "iku": "on",
        "definisi_operasional": "Balita pendek per balita diukur", "formula": "A / B x 100",
        "sumber_data": "e-PPGBM", "kondisi_awal_tahun": "2024", "kondisi_awal": "24,5",
        "kondisi_akhir": "14"}, user=user)
    for tahun in YEARS:
        make_target(iku, 24 - (tahun - 2025) * 2, jenis="renstra", tahun=tahun, satuan="%")
    make_target(iku, "20.5", jenis="renja", tahun=2027, triwulan=2, teks="20,5")
    strategi = structure.tambah(renstra, "strategi", {"uraian": "Gizi terpadu",
                                                      "sasaran": sasaran.pk}, user=user)
    structure.tambah(renstra, "arah_kebijakan", {"uraian": "Posyandu aktif",
                                                 "strategi": strategi.pk}, user=user)
    program = make_program(renstra, kode="1.02.02", sasaran=sasaran,
                           nama_tercetak=["PROGRAM PEMENUHAN UPAYA KESEHATAN"])
    kegiatan = make_kegiatan(program, kode="1.02.02.2.02")
    sub = make_sub_kegiatan(kegiatan, kode="1.02.02.2.02.0001", aktif_tahun=[2026, 2027])
    for node in ({"program": program}, {"kegiatan": kegiatan}, {"sub_kegiatan": sub}):
        ind = make_indikator(**node, satuan="orang")
        make_target(ind, 100, jenis="renstra", tahun=2026)
        make_target(ind, 120, jenis="renstra", tahun=2028)
    for tahun in YEARS:
        RenstraAnggaran.objects.create(program=program, tahun=tahun,
                                       target=Decimal("1000000.50") * tahun)
        RenstraAnggaran.objects.create(sub_kegiatan=sub, tahun=tahun, target_teks="Rp 5 jt",
                                       target=Decimal("5000000"))
    RenjaAnggaran.objects.create(kegiatan=kegiatan, tahun=2028, pagu_indikatif=Decimal("7"))
    RenjaAnggaran.objects.create(kegiatan=kegiatan, tahun=2025, pagu_indikatif=Decimal("6"))
    isu = IsuStrategis.objects.create(renstra=renstra, uraian="Stunting tinggi", urgensi=5,
                                      keseriusan=4, pertumbuhan=3, prioritas=True,
                                      alasan_prioritas="Skor tertinggi")
    isu.tujuan.add(tujuan)
    isu.sasaran.add(sasaran)
    return Renstra.objects.get(pk=renstra.pk)


def _ubah(renstra, user, tahun=2027, **extra):
    return perubahan.buat_perubahan(
        renstra, berlaku_mulai=tahun, dasar_hukum="Peraturan Wali Kota Metro Nomor 12 Tahun "
        "2026", tanggal_dasar_hukum=date(2026, 11, 3),
        alasan="Penyesuaian dengan RPJMD perubahan", user=user, **extra)


def _counts(renstra):
    return {
        "tujuan": Tujuan.objects.filter(renstra=renstra).count(),
        "sasaran": Sasaran.objects.filter(tujuan__renstra=renstra).count(),
        "strategi": Strategi.objects.filter(renstra=renstra).count(),
        "arah_kebijakan": ArahKebijakan.objects.filter(renstra=renstra).count(),
        "program": Program.objects.filter(renstra=renstra).count(),
        "kegiatan": Kegiatan.objects.filter(program__renstra=renstra).count(),
        "sub_kegiatan": SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).count(),
        "indikator": Indikator.objects.filter(indikator_of(renstra)).count(),
        "isu_strategis": IsuStrategis.objects.filter(renstra=renstra).count(),
    }


def _targets(renstra, **where):
    return sorted(Target.objects.filter(indikator_of(renstra, "indikator__"), **where)
                  .values_list("indikator__uraian", "jenis", "tahun", "triwulan", "teks",
                               "nilai", "nilai_atas", "satuan"))


# --- The copy ---------------------------------------------------------------------------------

def test_every_kind_of_element_is_copied_into_the_new_version(renstra, user):
    baru = _ubah(renstra, user)
    assert _counts(baru) == _counts(renstra)
    assert all(n >= 1 for n in _counts(baru).values())
    assert (baru.versi_dari, baru.berlaku_mulai, baru.tahun_awal, baru.tahun_akhir,
            baru.rpjmd) == (renstra, 2027, 2025, 2029, renstra.rpjmd)
    assert baru.dasar_hukum.startswith("Peraturan Wali Kota Metro Nomor 12")
    assert baru.tanggal_dasar_hukum == date(2026, 11, 3)
    assert baru.alasan_perubahan == "Penyesuaian dengan RPJMD perubahan"


def test_the_copy_belongs_to_the_new_version_and_leaves_the_old_untouched(renstra, user):
    before = _counts(renstra), _targets(renstra)
    baru = _ubah(renstra, user)
    assert (_counts(renstra), _targets(renstra)) == before
    own = set(Indikator.objects.filter(indikator_of(renstra)).values_list("pk", flat=True))
    copied = set(Indikator.objects.filter(indikator_of(baru)).values_list("pk", flat=True))
    assert own.isdisjoint(copied)


def test_links_point_inside_the_new_version(renstra, user):
    baru = _ubah(renstra, user)
    sasaran = Sasaran.objects.get(tujuan__renstra=baru)
    assert sasaran.sasaran_daerah.kode == "SD1"
    assert Strategi.objects.get(renstra=baru).sasaran == sasaran
    arah = ArahKebijakan.objects.get(renstra=baru)
    assert arah.strategi == Strategi.objects.get(renstra=baru)
    assert Program.objects.get(renstra=baru).sasaran == sasaran
    isu = IsuStrategis.objects.get(renstra=baru)
    assert list(isu.sasaran.all()) == [sasaran]
    assert list(isu.tujuan.all()) == [Tujuan.objects.get(renstra=baru)]
    assert (isu.urgensi, isu.prioritas, isu.alasan_prioritas) == (5, True, "Skor tertinggi")


def test_indicators_keep_every_definition_field(renstra, user):
    baru = _ubah(renstra, user)
    skip = {"id", "tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"}
    names = [f.name for f in Indikator._meta.concrete_fields if f.name not in skip]

    def rows(r):
        return sorted(tuple(str(getattr(i, n)) for n in names)
                      for i in Indikator.objects.filter(indikator_of(r)))
    assert rows(baru) == rows(renstra)
    iku = Indikator.objects.get(indikator_of(baru), iku=True)
    assert (iku.kondisi_awal, iku.kondisi_awal_teks, iku.metode_turun) == (
        Decimal("24.5"), "24,5", "rasio")


def test_the_program_tree_keeps_its_codes_printed_names_and_years(renstra, user):
    baru = _ubah(renstra, user)
    program = Program.objects.get(renstra=baru)
    assert (program.kode, program.nama_tercetak) == (
        "1.02.02", ["PROGRAM PEMENUHAN UPAYA KESEHATAN"])
    sub = SubKegiatan.objects.get(kegiatan__program__renstra=baru)
    assert (sub.kode, sub.aktif_tahun, sub.kegiatan.kode) == (
        "1.02.02.2.02.0001", [2026, 2027], "1.02.02.2.02")


def test_targets_from_the_first_year_in_force_are_copied_and_earlier_ones_not(renstra, user):
    baru = _ubah(renstra, user)
    assert _targets(baru) == _targets(renstra, tahun__gte=2027)
    assert not Target.objects.filter(indikator_of(baru, "indikator__"), tahun__lt=2027).exists()
    assert {t[2] for t in _targets(baru)} == {2027, 2028, 2029}
    # the Renja's quarterly target and the row's own unit come along
    assert ("Prevalensi stunting", "renja", 2027, 2, "20,5") in {t[:5] for t in _targets(baru)}


def test_funding_from_the_first_year_in_force_is_copied(renstra, user):
    baru = _ubah(renstra, user)

    def funding(r):
        return sorted(RenstraAnggaran.objects.filter(
            program__renstra=r).values_list("tahun", "target")) + sorted(
            RenstraAnggaran.objects.filter(sub_kegiatan__kegiatan__program__renstra=r)
            .values_list("tahun", "target", "target_teks"))
    assert funding(baru) == [x for x in funding(renstra) if x[0] >= 2027]
    assert list(RenjaAnggaran.objects.filter(kegiatan__program__renstra=baru)
                .values_list("tahun", "pagu_indikatif")) == [(2028, Decimal("7.00"))]


def test_the_perubahan_is_recorded_with_its_user_and_reason(renstra, user):
    baru = _ubah(renstra, user)
    rows = Perubahan.objects.filter(model="Renstra", objek_id=baru.pk)
    assert {r.kolom for r in rows} >= {"versi_dari", "berlaku_mulai", "dasar_hukum"}
    assert {r.alasan for r in rows} == {"Penyesuaian dengan RPJMD perubahan"}
    assert {r.oleh for r in rows} == {user}
    targets = Perubahan.objects.filter(model="Target", alasan__contains="Penyesuaian")
    assert targets.count() == len(_targets(baru))


def test_a_failure_midway_writes_nothing(renstra, user, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(perubahan, "write_targets", boom)
    before = Renstra.objects.count(), Tujuan.objects.count(), Perubahan.objects.count()
    with pytest.raises(RuntimeError):
        _ubah(renstra, user)
    assert (Renstra.objects.count(), Tujuan.objects.count(),
            Perubahan.objects.count()) == before


# --- Refusals: a clear message at the field, nothing written --------------------------------

def _refused(renstra, user, tahun=2027, **extra):
    count = Renstra.objects.count()
    with pytest.raises(StructureError) as exc:
        _ubah(renstra, user, tahun, **extra)
    assert Renstra.objects.count() == count
    return exc.value.errors


@pytest.mark.parametrize(("tahun", "pesan"), [
    pytest.param(2025, "paling cepat tahun 2026", id="the first year of the period"),
    pytest.param(2030, "di luar periode", id="a year after the period"),
])
def test_a_year_the_perubahan_cannot_start_is_refused(renstra, user, tahun, pesan):
    assert pesan in _refused(renstra, user, tahun)["berlaku_mulai"]


def test_a_year_with_realisasi_on_the_old_version_is_refused_naming_it(renstra, user):
    iku = Indikator.objects.get(indikator_of(renstra), iku=True)
    Realisasi.objects.create(indikator=iku, tahun=2027, triwulan=1, nilai=Decimal("22"))
    message = _refused(renstra, user)["berlaku_mulai"]
    assert "tahun 2027: realisasi 1 indikator" in message and "2028" in message
    assert _ubah(renstra, user, 2028).berlaku_mulai == 2028


def test_a_year_with_a_dpa_on_the_old_version_is_refused(renstra, user, opd):
    sub = SubKegiatan.objects.get(kegiatan__program__renstra=renstra)
    DpaSubKegiatan.objects.create(dpa=Dpa.objects.create(perangkat_daerah=opd, tahun=2028),
                                  sub_kegiatan=sub, pagu=Decimal("100"))
    assert "tahun 2028: DPA" in _refused(renstra, user)["berlaku_mulai"]


def test_a_year_with_a_signed_pk_is_refused(renstra, user, opd):
    PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2027,
                                     status=PerjanjianKinerja.Status.DITANDATANGANI)
    assert "Perjanjian Kinerja" in _refused(renstra, user)["berlaku_mulai"]


def test_a_draft_pk_does_not_block(renstra, user, opd):
    PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2027)
    assert _ubah(renstra, user).berlaku_mulai == 2027


@pytest.mark.parametrize(("field", "extra"), [
    pytest.param("dasar_hukum", {"dasar_hukum": " "}, id="without a legal basis"),
    pytest.param("alasan", {"alasan": ""}, id="without a reason"),
])
def test_a_perubahan_without_its_basis_or_reason_is_refused(renstra, user, field, extra):
    count = Renstra.objects.count()
    with pytest.raises(StructureError) as exc:
        perubahan.buat_perubahan(renstra, berlaku_mulai=2027, user=user, **{
            "dasar_hukum": "Perwali 12/2026", "alasan": "Penyesuaian", **extra})
    assert field in exc.value.errors
    assert Renstra.objects.count() == count


def test_only_the_latest_version_can_be_changed(renstra, user):
    baru = _ubah(renstra, user, 2027)
    assert "versi terbaru" in _refused(renstra, user, 2028)["__all__"]
    assert "paling cepat tahun 2028" in _refused(baru, user, 2027)["berlaku_mulai"]
    assert _ubah(baru, user, 2028).versi_dari == baru


def test_an_older_version_is_no_longer_edited_through_the_structure_service(renstra, user):
    _ubah(renstra, user)
    tujuan = Tujuan.objects.get(renstra=renstra)
    with pytest.raises(StructureError) as exc:
        structure.ubah(tujuan, {"uraian": "Diubah"}, user=user)
    assert "versi terbaru" in exc.value.errors["__all__"]
    with pytest.raises(StructureError):
        structure.tambah(renstra, "tujuan", {"uraian": "Baru"}, user=user)
    assert Tujuan.objects.get(pk=tujuan.pk).uraian == "Derajat kesehatan"


# --- The version in force in a year ---------------------------------------------------------

def test_each_year_reads_the_version_it_is_measured_against(renstra, user, opd):
    baru = _ubah(renstra, user, 2027)
    ketiga = _ubah(baru, user, 2029)
    assert [renstra_for(opd, t) for t in YEARS] == [renstra, renstra, baru, baru, ketiga]


def test_the_grid_of_an_earlier_year_reads_the_old_version_and_a_later_one_the_new(renstra, user,
                                                                                  opd):
    baru = _ubah(renstra, user, 2027)
    old = set(Indikator.objects.filter(indikator_of(renstra)).values_list("pk", flat=True))
    new = set(Indikator.objects.filter(indikator_of(baru)).values_list("pk", flat=True))
    for tahun, expected in ((2026, old), (2027, new), (2028, new)):
        listed = {g.indikator.pk for g in indikator_for_year(opd, tahun)}
        assert listed and listed <= expected, tahun


def test_the_lkjip_of_an_earlier_year_reads_the_old_version_and_a_later_one_the_new(renstra,
                                                                                   user, opd):
    baru = _ubah(renstra, user, 2027)
    for tahun, versi in ((2026, renstra), (2028, baru)):
        data = Data(opd, tahun, date(tahun + 1, 2, 1))
        assert data.renstra == versi
        assert {i.pk for i in data.indikator} == set(
            Indikator.objects.filter(indikator_of(versi)).values_list("pk", flat=True))


def test_the_reviu_of_an_earlier_year_reads_the_old_version_and_a_later_one_the_new(renstra,
                                                                                   user, opd):
    from akuntabel.reviews.context import build_reviu_data
    from akuntabel.reviews.links import _Index

    baru = _ubah(renstra, user, 2027)
    for tahun, versi in ((2026, renstra), (2028, baru)):
        own = Indikator.objects.filter(indikator_of(versi))
        assert len(build_reviu_data(opd, tahun).indikator) == own.count()
        assert set(_Index(opd, tahun).indikator.values()) == set(
            own.values_list("pk", flat=True))


def test_an_older_versions_strategic_issues_are_no_longer_edited(renstra, user):
    from akuntabel.plans import isu as isu_service

    _ubah(renstra, user)
    old = IsuStrategis.objects.get(renstra=renstra)
    data = isu_service.DataIsu(uraian="Isu baru")
    how = {"oleh": user, "sumber": "uji"}
    with pytest.raises(isu_service.IsuTidakSah) as exc:
        isu_service.save_isu(renstra, data, alasan="", **how)
    assert "versi terbaru" in exc.value.galat["__all__"]
    with pytest.raises(isu_service.IsuTidakSah) as exc:
        isu_service.set_prioritas(old, False, "Bukan lagi", old.versi, **how)
    assert "versi terbaru" in exc.value.galat["alasan_prioritas"]
    with pytest.raises(isu_service.IsuTidakSah) as exc:
        isu_service.delete_isu(old, old.versi, alasan="Dihapus", **how)
    assert "versi terbaru" in exc.value.galat["alasan"]
    assert IsuStrategis.objects.filter(renstra=renstra).count() == 1
    assert IsuStrategis.objects.get(pk=old.pk).prioritas


def test_the_excel_workbook_of_a_year_holds_the_indicators_of_its_version(renstra, user, opd):
    import io

    from openpyxl import load_workbook

    from akuntabel.adapters.xlsx.workbook import SHEET_INDIKATOR, SHEET_RENSTRA, export_workbook

    baru = _ubah(renstra, user, 2027)
    for tahun, versi in ((2026, renstra), (2028, baru)):
        wb = load_workbook(io.BytesIO(export_workbook(opd, tahun)))
        own = {f"indikator:{pk}" for pk in Indikator.objects.filter(
            indikator_of(versi)).values_list("pk", flat=True)}
        for sheet in (SHEET_INDIKATOR, SHEET_RENSTRA):
            keys = {c.value for c in wb[sheet]["A"]
                    if isinstance(c.value, str) and c.value.startswith("indikator:")}
            assert keys and keys <= own, (tahun, sheet)


def test_the_pemda_overview_counts_and_lists_the_version_of_the_year(renstra, user, opd):
    from akuntabel.core.peringkat import SKALA_PERMENDAGRI_86_2017
    from akuntabel.reporting.kelengkapan import kelengkapan
    from akuntabel.web.ikhtisar import capaian_iku

    baru = _ubah(renstra, user, 2027)
    for tahun, versi in ((2026, renstra), (2028, baru)):
        bertarget = Indikator.objects.filter(indikator_of(versi), target__tahun=tahun).distinct()
        assert kelengkapan([opd.pk], tahun)[opd.pk, 1].diharapkan == bertarget.count()
        iku = capaian_iku([opd.pk], tahun, SKALA_PERMENDAGRI_86_2017)[opd.pk]
        assert [c.indikator.pk for c in iku] == list(
            Indikator.objects.filter(indikator_of(versi), iku=True).values_list("pk", flat=True))


def test_an_original_is_not_deleted_from_under_its_perubahan_but_the_whole_plan_can_be(
        renstra, user, opd):
    from django.db.models import RestrictedError

    baru = _ubah(renstra, user)
    with pytest.raises(RestrictedError):
        renstra.delete()
    Renstra.objects.filter(perangkat_daerah=opd).delete()   # as the dataset loader replaces it
    assert not Renstra.objects.filter(pk__in=[renstra.pk, baru.pk]).exists()


def test_an_agency_with_a_changed_renstra_can_be_removed(renstra, user, opd):
    _ubah(renstra, user)
    opd.delete()
    assert not Renstra.objects.filter(perangkat_daerah_id=opd.pk).exists()


def test_a_copy_not_yet_edited_differs_in_nothing(renstra, user):
    assert perubahan.bandingkan(_ubah(renstra, user)) == []
    assert perubahan.bandingkan(renstra) == []


def test_the_comparison_names_the_field_its_old_and_new_value(renstra, user):
    baru = _ubah(renstra, user)
    iku = Indikator.objects.get(indikator_of(baru), iku=True)
    structure.ubah(iku, {"satuan": "persen", "kondisi_akhir": "12"}, user=user)
    program = Program.objects.get(renstra=baru)
    RenstraAnggaran.objects.filter(program=program, tahun=2029).update(target=Decimal("9"))
    beda = {(b.jenis, b.status): b for b in perubahan.bandingkan(baru)}
    assert set(beda) == {("indikator", "ubah"), ("program", "ubah")}
    kolom = {k[0]: k[1:] for k in beda["indikator", "ubah"].kolom}
    assert kolom == {"satuan": ("%", "persen"), "kondisi akhir": ("14", "12")}
    assert ("Pagu indikatif 2029", "2.029.001.014,5", "9") in beda["program", "ubah"].kolom


def test_a_target_of_a_year_measured_by_the_newer_version_is_refused_on_the_older(renstra,
                                                                                  user, opd):
    from akuntabel.plans.targets import NilaiTarget, TahunDiLuarPeriode, write_targets

    _ubah(renstra, user, 2027)
    old = Indikator.objects.get(indikator_of(renstra), iku=True)

    def tulis(tahun):
        return write_targets(opd, [NilaiTarget(old, "renja", tahun, 0, None, 0, "9", Decimal(
            "9"))], oleh=user, alasan="", sumber="uji")
    with pytest.raises(TahunDiLuarPeriode) as exc:
        tulis(2028)
    assert "versi terbaru" in str(exc.value) and "2027" in str(exc.value)
    assert not Target.objects.filter(indikator=old, jenis="renja", tahun=2028).exists()
    assert tulis(2026) == 1   # a year still measured against the older version
