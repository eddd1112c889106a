"""A Renstra changed by a Renstra perubahan goes into the dataset with every version
(``renstra.perubahan``) and comes back the same: the versions, what each changed, the version
each year reads and the realisasi, PK and targets of each year on the version in force."""

from decimal import Decimal

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import DatasetError, parse_yaml, validate
from akuntabel.adapters.dataset.writer import export_dataset_yaml
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans import perubahan, structure
from akuntabel.plans.models import (
    TAHUNAN,
    Indikator,
    PerjanjianKinerja,
    PerjanjianKinerjaBaris,
    Program,
    Renstra,
    RenstraAnggaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from akuntabel.plans.services import indikator_of, renstra_for
from akuntabel.results.grid import indikator_for_year
from akuntabel.results.models import Realisasi
from tests.builders import make_indikator, make_program, make_target
from tests.plans.conftest import opd, user  # noqa: F401
from tests.plans.test_perubahan import YEARS, _ubah, renstra  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(renstra, user, opd):  # noqa: F811
    """The Renstra with realisasi in its first year, then changed from 2027: the IKU's text and
    2028 target changed, a sasaran added, a program removed; a PK of 2027 on the new IKU."""
    gizi = make_program(renstra, kode="1.02.03", nama="Program Gizi")
    make_target(make_indikator(program=gizi, uraian="Balita ditimbang", satuan="%"), 80,
                jenis="renstra", tahun=2028)
    # an amount the dataset reads (the plan's own fixture prints "Rp 5 jt")
    RenstraAnggaran.objects.filter(target_teks="Rp 5 jt").update(target_teks="Rp 5.000.000")
    iku = Indikator.objects.get(perangkat_daerah=opd, kode="IKU-1")
    Realisasi.objects.create(indikator=iku, tahun=2025, triwulan=TAHUNAN, teks="23,9",
                             nilai=Decimal("23.9"), satuan="%")
    baru = _ubah(renstra, user, 2027)
    iku_baru = Indikator.objects.get(indikator_of(baru), kode="IKU-1")
    Indikator.objects.filter(pk=iku_baru.pk).update(uraian="Prevalensi stunting balita")
    Target.objects.filter(indikator=iku_baru, jenis="renstra", tahun=2028).update(
        teks="18,5", nilai=Decimal("18.5"))
    tujuan = Tujuan.objects.get(renstra=baru)
    s2 = structure.tambah(tujuan, "sasaran", {"kode": "S2", "uraian": "Naiknya imunisasi"},
                          user=user)
    make_target(make_indikator(sasaran=s2, kode="IKU-2", uraian="Imunisasi dasar lengkap",
                               satuan="%"), 95, jenis="renstra", tahun=2027)
    Program.objects.filter(renstra=baru, kode="1.02.03").delete()
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2027)
    PerjanjianKinerjaBaris.objects.create(perjanjian_kinerja=pk, sasaran=iku_baru.sasaran,
                                          indikator=iku_baru, target_teks="20", target=20)
    return Renstra.objects.get(pk=baru.pk)


def _state(opd):  # noqa: F811
    """What an auditor reads of the versions: each year's version, what each version changed,
    each year's grid (indicator, its node, target and realisasi)."""
    versions = [(r.berlaku_mulai, r.dasar_hukum, r.tanggal_dasar_hukum, r.alasan_perubahan,
                 r.versi_dari.berlaku_mulai if r.versi_dari else None)
                for r in Renstra.objects.filter(perangkat_daerah=opd).order_by("berlaku_mulai")]
    per_year = {t: renstra_for(opd, t).berlaku_mulai for t in YEARS}
    # (in an order of their own: the load numbers indicators across nodes in the file's order)
    beda = [sorted(perubahan.bandingkan(r), key=repr) for r in
            Renstra.objects.filter(perangkat_daerah=opd).order_by("berlaku_mulai")]
    grid = {t: [(*g.indikator[1:], g.node_jenis, g.node_label,
                 sorted(Target.objects.filter(indikator=g.indikator.pk).values_list(
                     "jenis", "tahun", "triwulan", "teks")),
                 sorted(Realisasi.objects.filter(indikator=g.indikator.pk).values_list(
                     "tahun", "teks")))
                for g in indikator_for_year(opd, t)] for t in YEARS}
    # each PK row on an indicator of the version in force in the PK's year
    pk = [(b.perjanjian_kinerja.tahun, b.indikator.kode, Indikator.objects.filter(
        indikator_of(renstra_for(opd, b.perjanjian_kinerja.tahun)), pk=b.indikator_id).exists())
          for b in PerjanjianKinerjaBaris.objects.filter(perjanjian_kinerja__perangkat_daerah=opd)]
    return versions, per_year, beda, grid, pk


def _reload(opd, text):  # noqa: F811
    """``text`` loaded after the OPD is deleted: into an OPD with nothing of its own."""
    pemda, kode = opd.pemda, opd.kode
    opd.delete()
    load_dataset(validate(parse_yaml(text)))
    return PerangkatDaerah.objects.get(pemda=pemda, kode=kode)


def _round_trip(opd, versions=2):  # noqa: F811
    first = export_dataset_yaml(opd)
    before = _state(opd)
    assert before[2][1], "the perubahan changed something"
    again = _reload(opd, first)
    assert Renstra.objects.filter(perangkat_daerah=again).count() == versions
    assert export_dataset_yaml(again) == first
    assert _state(again) == before
    return first


def test_a_changed_renstra_is_exported_with_every_version_and_loads_back_the_same(changed, opd):  # noqa: F811
    _round_trip(opd)


def test_a_changed_code_and_a_new_element_under_an_old_code_keep_their_counterparts(
        changed, opd):  # noqa: F811
    """A sub kegiatan renumbered in the perubahan is the same sub kegiatan (``asal``: its old
    code); a program added under the code of the one removed is a new program (``asal: null``)."""
    SubKegiatan.objects.filter(kegiatan__program__renstra=changed).update(
        kode="1.02.02.2.02.0002")
    make_program(changed, kode="1.02.03", nama="Program Gizi Masyarakat")
    text = _round_trip(opd)
    versi = parse_yaml(text)["renstra"]["perubahan"][0]
    sub = versi["program"][0]["kegiatan"][0]["sub_kegiatan"][0]
    assert (sub["kode"], sub["asal"]) == ("1.02.02.2.02.0002", "1.02.02.2.02.0001")
    assert versi["program"][1]["asal"] is None
    beda = {(b.jenis, b.status) for b in perubahan.bandingkan(Renstra.objects.get(
        perangkat_daerah__kode=opd.kode, perangkat_daerah__pemda=opd.pemda,
        versi_dari__isnull=False))}
    assert {("program", "tambah"), ("program", "hapus"), ("sub_kegiatan", "ubah")} <= beda


def test_a_third_version_names_its_counterparts_in_the_second(changed, opd, user):  # noqa: F811
    ketiga = _ubah(changed, user, 2029)
    Tujuan.objects.filter(renstra=ketiga).update(uraian="Derajat kesehatan masyarakat")
    text = _round_trip(opd, versions=3)
    assert [v["berlaku_mulai"] for v in parse_yaml(text)["renstra"]["perubahan"]] == [2027, 2029]


def test_the_file_names_each_version_and_its_counterparts_by_code(changed, opd):  # noqa: F811
    doc = parse_yaml(export_dataset_yaml(opd))
    versi = doc["renstra"]["perubahan"]
    assert [v["berlaku_mulai"] for v in versi] == [2027]
    assert versi[0]["dasar_hukum"] == "Peraturan Wali Kota Metro Nomor 12 Tahun 2026"
    kode = [p["kode"] for p in versi[0]["program"]]
    assert kode == ["1.02.02"]
    assert [p["kode"] for p in doc["program"]] == ["1.02.02", "1.02.03"]
    assert "2025" in str(doc["renstra"]["tujuan"][0]["sasaran"][0]["indikator"][0]["realisasi"])


def _bad(text, edit):
    doc = parse_yaml(text)
    edit(doc)
    with pytest.raises(DatasetError) as err:
        validate(doc)
    return str(err.value)


@pytest.mark.parametrize(("edit", "tempat", "pesan"), [
    pytest.param(lambda d: d["renstra"]["perubahan"][0].update(berlaku_mulai=2031),
                 "renstra.perubahan[0].berlaku_mulai", "di luar periode",
                 id="a version in force after the period is refused"),
    pytest.param(lambda d: d["renstra"]["perubahan"][0].update(berlaku_mulai=2025),
                 "renstra.perubahan[0].berlaku_mulai", "harus setelah",
                 id="a version in force from the first year is refused"),
    pytest.param(lambda d: d["renstra"]["perubahan"].append(
        {**d["renstra"]["perubahan"][0], "berlaku_mulai": 2026}),
                 "renstra.perubahan[1].berlaku_mulai", "harus setelah",
                 id="versions not in increasing years are refused"),
    pytest.param(lambda d: d["renstra"]["perubahan"][0]["tujuan"][0].update(asal="T9"),
                 "renstra.perubahan[0].tujuan[0].asal", "T9",
                 id="a counterpart missing from the version changed is refused"),
    pytest.param(lambda d: d["renstra"]["perubahan"][0]["program"][0].update(asal=["x"]),
                 "renstra.perubahan[0].program[0].asal", "tidak ada dalam versi yang diubah",
                 id="a counterpart named by something other than a key is refused"),
    pytest.param(lambda d: d["renstra"]["perubahan"][0]["strategi"][0].update(asal=2),
                 "renstra.perubahan[0].strategi[0].asal", "1 sampai 1",
                 id="a strategi naming a place the changed version lacks is refused"),
    pytest.param(lambda d: d["renstra"]["tujuan"][0].update(asal="T1"),
                 "renstra.tujuan[0].asal", "hanya untuk",
                 id="a counterpart named in the first version is refused"),
    pytest.param(lambda d: d["renstra"]["perubahan"][0].pop("dasar_hukum"),
                 "renstra.perubahan[0].dasar_hukum", "wajib diisi",
                 id="a version without its legal basis is refused"),
    pytest.param(
        lambda d: d["perjanjian_kinerja"][0]["baris"][0].update(indikator="IKU-2") or
        d["perjanjian_kinerja"][0].update(tahun=2025),
        "perjanjian_kinerja[0].baris[0].indikator", "IKU-2",
        id="a PK row naming an indicator its year's version lacks is refused"),
])
def test_a_bad_version_is_refused_at_its_place_and_nothing_written(changed, opd, edit, tempat,  # noqa: F811
                                                                   pesan):
    before = Renstra.objects.filter(perangkat_daerah=opd).count()
    message = _bad(export_dataset_yaml(opd), edit)
    line = next((m for m in message.splitlines() if tempat in m), "")
    assert pesan in line, message
    assert Renstra.objects.filter(perangkat_daerah=opd).count() == before


def test_a_pk_row_on_an_element_its_years_version_removed_is_refused_naming_it(renstra, user,  # noqa: F811
                                                                              opd):  # noqa: F811
    """A draft PK of 2027 made before the perubahan names an indicator of the program the
    perubahan removed: the file could not name it in 2027's version, so it is not written."""
    gizi = make_program(renstra, kode="1.02.03", nama="Program Gizi")
    ditimbang = make_indikator(program=gizi, uraian="Balita ditimbang", satuan="%")
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2027)
    PerjanjianKinerjaBaris.objects.create(perjanjian_kinerja=pk, indikator=ditimbang,
                                          sasaran_teks="Gizi", target_teks="80", target=80)
    RenstraAnggaran.objects.filter(target_teks="Rp 5 jt").update(target_teks="Rp 5.000.000")
    baru = _ubah(renstra, user, 2027)
    Program.objects.filter(renstra=baru, kode="1.02.03").delete()
    with pytest.raises(DatasetError) as err:
        export_dataset_yaml(opd)
    assert err.value.masalah[0].startswith(
        "PK 2027 baris 1: indikator “Balita ditimbang” (indikator-")
    assert "tidak ada dalam Renstra versi yang berlaku tahun 2027 (berlaku mulai 2027)" in str(
        err.value)
    PerjanjianKinerjaBaris.objects.filter(perjanjian_kinerja=pk).update(
        indikator=Indikator.objects.get(indikator_of(renstra), kode="IKU-1"))
    # The same key names the counterpart in 2027's version: written, and loaded onto it.
    text = export_dataset_yaml(opd)
    again = _reload(opd, text)
    row = PerjanjianKinerjaBaris.objects.get(perjanjian_kinerja__perangkat_daerah=again)
    assert Indikator.objects.filter(indikator_of(renstra_for(again, 2027)),
                                    pk=row.indikator_id).exists()
