"""The planning structures in the dataset format (issue 13): the RPJMD's tujuan and sasaran
daerah, a Renstra's code list edition, indicators' operational definitions, strategic issues
and what answers them, the Renja's pagu indikatif and the PK cascade. Exported, loaded into an
empty database and exported again, a file comes back identical; an OPD before its plan too."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import DatasetError, parse_yaml, validate
from akuntabel.adapters.dataset.writer import export_dataset_yaml
from akuntabel.organizations.models import Pemda, PerangkatDaerah
from akuntabel.plans.models import (
    Indikator,
    IsuStrategis,
    PerjanjianKinerja,
    RenjaAnggaran,
    Renstra,
    RenstraAnggaran,
    Sasaran,
    SkalaUsg,
    Target,
)
from akuntabel.references.models import EdisiReferensi
from tests.builders import (
    make_indikator,
    make_kegiatan,
    make_opd,
    make_pejabat,
    make_program,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
)

pytestmark = pytest.mark.django_db

EDISI = "uji-kepmendagri-2023"

DINKES = """
format: akuntabel-dataset/1
pemda:
  kode: kota-uji-perencanaan
  nama: Kota Uji Perencanaan
  jenis: kota
  edisi_referensi: uji-kepmendagri-2023
  skala_usg: {nilai_min: 1, nilai_maks: 5}
opd:
  kode: dinas-kesehatan
  nama: Dinas Kesehatan Kota Uji
  pejabat:
    - {peran: kepala, nama: "dr. Ani", nip: "197001012000032001", jabatan: Kepala Dinas}
    - {peran: kepala_bidang, nama: "Budi", jabatan: Kepala Bidang Kesehatan Masyarakat}
rpjmd:
  tahun_awal: 2025
  tahun_akhir: 2029
  visi: Kota sehat
  misi:
    - {nomor: 1, uraian: Meningkatkan kualitas hidup}
  tujuan:
    - kode: TD1
      misi: 1
      uraian: Meningkatnya derajat kesehatan masyarakat
      sasaran:
        - {kode: SD1.1, uraian: Menurunnya angka kematian ibu}
        - {kunci: sasaran-daerah-1, uraian: Meningkatnya umur harapan hidup}
renstra:
  tahun_awal: 2025
  tahun_akhir: 2029
  misi: [1]
  edisi_referensi: uji-kepmendagri-2023
  tujuan:
    - kode: T1
      uraian: Meningkatnya derajat kesehatan
      sasaran:
        - kode: S1
          uraian: Menurunnya kematian ibu
          sasaran_daerah: SD1.1
          indikator:
            - kode: IKU-1
              uraian: Angka kematian ibu
              definisi_operasional: Kematian ibu per 100.000 kelahiran hidup
              satuan: per 100.000 KH
              polaritas: turun
              metode_turun: selisih
              agregasi: nilai_akhir
              iku: true
              formula: Jumlah kematian ibu / jumlah kelahiran hidup x 100.000
              target:
                renstra: {2025: "90", 2026: "85"}
                renja: {2025: "90"}
                pk: {2025: "90"}
              target_triwulan: {2025: {1: "95", 4: "90"}}
        - kunci: sasaran-1
          uraian: Meningkatnya cakupan imunisasi
          sasaran_daerah: sasaran-daerah-1
          indikator:
            - kunci: indikator-1
              uraian: Cakupan imunisasi dasar lengkap
              satuan: "%"
              polaritas: rentang
              agregasi: nilai_akhir
              target:
                renstra: {2025: "60–85 %"}
program:
  - kode: "1.02.02"
    nama: PROGRAM PEMENUHAN UPAYA KESEHATAN
    sasaran: S1
    indikator:
      - kode: IP-1
        uraian: Persentase fasilitas kesehatan terakreditasi
        satuan: "%"
    pagu_indikatif: {2025: "1.500.000.000", 2026: "1.250.000,5"}
    renstra_anggaran:
      2025: {target: "1.400.000.000"}
    kegiatan:
      - kode: "1.02.02.2.01"
        nama: Penyediaan Fasilitas Pelayanan Kesehatan
        pagu_indikatif: {2025: "900.000.000"}
perjanjian_kinerja:
  - tahun: 2025
    status: ditandatangani
    tanggal: "2025-01-15"
    ditandatangani_pada: "2025-01-15T09:30:00+07:00"
    pejabat: 1
    pihak_pertama: {nama: "dr. Ani", jabatan: Kepala Dinas}
    pihak_kedua: {jabatan: Wali Kota Uji}
    baris:
      - {sasaran: S1, indikator: IKU-1, target: "90"}
      - {sasaran: sasaran-1, indikator: indikator-1, target: "60–85 %"}
  - tahun: 2025
    tingkat: eselon_3
    atasan: 1
    pejabat: 2
    status: ditandatangani
    pihak_pertama: {nama: Budi, jabatan: Kepala Bidang Kesehatan Masyarakat}
    pihak_kedua: {nama: "dr. Ani", jabatan: Kepala Dinas}
    baris:
      - {sasaran_teks: Meningkatnya mutu fasilitas, indikator: IP-1, melayani: 1,
         target: "80 %"}
      - {sasaran_teks: Meningkatnya imunisasi, indikator_teks: Desa UCI, satuan: desa,
         melayani: 2, target: "12 desa"}
isu_strategis:
  - uraian: Angka kematian ibu masih tinggi
    urgensi: "5"
    keseriusan: "4"
    pertumbuhan: "3"
    prioritas: true
    alasan_prioritas: Skor USG tertinggi
    tujuan: [T1]
    sasaran: [S1, sasaran-1]
"""


@pytest.fixture
def edisi():
    return EdisiReferensi.objects.get_or_create(kode=EDISI, defaults={
        "nama": "Daftar uji", "daftar": "nomenklatur", "jenis": "kabkota",
        "dasar_hukum": "Kepmendagri 900.1.15.5-1317/2023", "berlaku_mulai": date(2023, 1, 1)})[0]


def _load(text: str, replace: bool = False) -> PerangkatDaerah:
    return load_dataset(validate(parse_yaml(text)), replace=replace).perangkat_daerah


def _remove_pemda(opd: PerangkatDaerah) -> None:
    """Remove the pemda of ``opd`` and all it holds: what is left is as an empty database."""
    pemda = opd.pemda
    Sasaran.objects.filter(tujuan__renstra__perangkat_daerah__pemda=pemda).delete()
    Renstra.objects.filter(perangkat_daerah__pemda=pemda).delete()
    pemda.delete()
    assert not Pemda.objects.filter(kode=pemda.kode).exists()


def _into_empty_database(text: str, opd: PerangkatDaerah) -> PerangkatDaerah:
    """Load ``text`` after removing the pemda it came from, as into an empty database."""
    _remove_pemda(opd)
    return _load(text)


def test_the_planning_structures_load_as_written(edisi):
    opd = _load(DINKES)
    assert opd.pemda.edisi_referensi == edisi
    assert SkalaUsg.objects.get(pemda=opd.pemda).nilai_maks == 5
    renstra = opd.renstra.get()
    assert renstra.edisi_referensi == edisi
    s1 = Sasaran.objects.get(tujuan__renstra=renstra, kode="S1")
    assert s1.sasaran_daerah.kode == "SD1.1"
    imunisasi = Sasaran.objects.get(tujuan__renstra=renstra, kode="")
    assert imunisasi.sasaran_daerah.uraian == "Meningkatnya umur harapan hidup"
    iku = Indikator.objects.get(perangkat_daerah=opd, kode="IKU-1")
    assert iku.definisi_operasional.startswith("Kematian ibu per 100.000")
    assert (iku.polaritas, iku.iku) == ("turun", True)
    rentang = Target.objects.get(indikator__perangkat_daerah=opd, indikator__kode="",
                                 jenis="renstra")
    assert (rentang.nilai, rentang.nilai_atas) == (Decimal(60), Decimal(85))
    isu = IsuStrategis.objects.get(renstra=renstra)
    assert isu.alasan_prioritas == "Skor USG tertinggi"
    assert {s.uraian for s in isu.sasaran.all()} == {"Menurunnya kematian ibu",
                                                     "Meningkatnya cakupan imunisasi"}
    assert [t.kode for t in isu.tujuan.all()] == ["T1"]
    assert sorted(RenjaAnggaran.objects.filter(program__renstra=renstra)
                  .values_list("tahun", "pagu_indikatif")) == [
        (2025, Decimal("1500000000.00")), (2026, Decimal("1250000.50"))]
    assert RenjaAnggaran.objects.get(kegiatan__program__renstra=renstra).pagu_indikatif == 900000000
    kepala = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tingkat="kepala")
    assert (kepala.status, kepala.tanggal, kepala.pejabat.nama) == (
        "ditandatangani", date(2025, 1, 15), "dr. Ani")
    assert kepala.ditandatangani_pada == datetime(2025, 1, 15, 2, 30, tzinfo=UTC)
    eselon = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tingkat="eselon_3")
    assert (eselon.atasan, eselon.pejabat.nama) == (kepala, "Budi")
    program_row, written_row = eselon.baris.order_by("urutan")
    assert program_row.indikator.kode == "IP-1"
    assert program_row.melayani.indikator == iku
    assert (written_row.indikator, written_row.indikator_teks, written_row.satuan) == (
        None, "Desa UCI", "desa")
    assert written_row.melayani.indikator.uraian == "Cakupan imunisasi dasar lengkap"


def test_export_load_into_an_empty_database_export_gives_the_same_file(edisi):
    first = export_dataset_yaml(_load(DINKES))
    for kept in ("definisi_operasional:", "sasaran_daerah: \"SD1.1\"", "edisi_referensi:",
                 "pagu_indikatif:", "\"1.250.000,5\"", "tingkat: \"eselon_3\"", "melayani: 2",
                 "alasan_prioritas:", "skala_usg:", "status: \"ditandatangani\""):
        assert kept in first, kept
    opd = PerangkatDaerah.objects.get(pemda__kode="kota-uji-perencanaan")
    again = _into_empty_database(first, opd)
    assert export_dataset_yaml(again) == first


def test_an_opd_before_its_plan_is_a_dataset():
    text = """
format: akuntabel-dataset/1
pemda: {kode: kota-baru, nama: Kota Baru, jenis: kota}
opd: {kode: dinas-kesehatan, nama: Dinas Kesehatan Kota Baru}
"""
    opd = _load(text)
    assert not opd.renstra.exists()
    first = export_dataset_yaml(opd)
    assert "renstra:" not in first and "rpjmd:" not in first
    assert export_dataset_yaml(_into_empty_database(first, opd)) == first


def test_a_plan_made_in_the_application_without_codes_reloads_identically(edisi):
    """Screens leave codes empty: an export names such elements by a key (kunci) wherever it
    refers to them, and amounts typed without a printed text are written as amounts."""
    opd = make_opd()
    kepala = make_pejabat(opd)
    kabid = make_pejabat(opd, peran="kepala_bidang", nama="Budi", jabatan="Kabid", urutan=1)
    renstra = make_renstra(opd, 2025, 2029)
    sasaran = make_sasaran(make_tujuan(renstra, kode=""), kode="")
    iku = make_indikator(sasaran=sasaran, kode="", polaritas="turun", iku=True)
    make_target(iku, "90", jenis="pk", tahun=2025)
    program = make_program(renstra, sasaran=sasaran)
    ind_program = make_indikator(program=program, kode="")
    kegiatan = make_kegiatan(program)
    RenstraAnggaran.objects.create(program=program, tahun=2025, target=Decimal("1500000000"))
    RenjaAnggaran.objects.create(kegiatan=kegiatan, tahun=2025, pagu_indikatif=Decimal("750000"))
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2025, pejabat=kepala,
                                          status="ditandatangani")
    row = pk.baris.create(sasaran=sasaran, indikator=iku, target_teks="90", target=90)
    turunan = PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2025, atasan=pk,
                                               tingkat="eselon_3", pejabat=kabid)
    turunan.baris.create(sasaran_teks="Mutu", indikator=ind_program, melayani=row,
                         target_teks="80 %")
    isu = IsuStrategis.objects.create(renstra=renstra, uraian="Isu")
    isu.sasaran.set([sasaran])
    first = export_dataset_yaml(opd)
    assert "kunci: \"sasaran-1\"" in first and "\"1.500.000.000\"" in first
    assert export_dataset_yaml(_into_empty_database(first, opd)) == first


BAD = [
    pytest.param(["rpjmd", "tujuan", 0, "misi"], 7, "rpjmd.tujuan[0].misi",
                 "misi 7 tidak ada dalam rpjmd.misi",
                 id="a tujuan daerah under a misi the rpjmd lacks is refused"),
    pytest.param(["renstra", "tujuan", 0, "sasaran", 0, "sasaran_daerah"], "SD9",
                 "renstra.tujuan[0].sasaran[0].sasaran_daerah",
                 "merujuk sasaran daerah 'SD9' yang tidak ada",
                 id="a sasaran serving an unknown sasaran daerah is refused"),
    pytest.param(["perjanjian_kinerja", 1, "atasan"], None, "perjanjian_kinerja[1].atasan",
                 "harus menyebut PK atasannya",
                 id="an eselon III PK without the PK above is refused"),
    pytest.param(["perjanjian_kinerja", 1, "baris", 0, "melayani"], None,
                 "perjanjian_kinerja[1].baris[0].melayani", "harus menyebut baris PK atasan",
                 id="a cascaded row that serves no row above is refused"),
    pytest.param(["perjanjian_kinerja", 1, "baris", 0, "melayani"], 3,
                 "perjanjian_kinerja[1].baris[0].melayani", "harus bilangan bulat dari 1 sampai 2",
                 id="a cascaded row serving a row the PK above lacks is refused"),
    pytest.param(["perjanjian_kinerja", 1, "baris", 0, "indikator"], "IKU-1",
                 "perjanjian_kinerja[1].baris[0].indikator", "bukan indikator tingkat PK ini",
                 id="an eselon III row holding a sasaran's indicator is refused"),
    pytest.param(["perjanjian_kinerja", 1, "tingkat"], "kepala", "perjanjian_kinerja[1]",
                 "PK induk 2025 untuk pejabat ini sudah ada",
                 id="a second kepala PK induk of a year is refused"),
    pytest.param(["perjanjian_kinerja", 0, "pejabat"], 3, "perjanjian_kinerja[0].pejabat",
                 "harus bilangan bulat dari 1 sampai 2",
                 id="a PK naming an official the opd lacks is refused"),
    pytest.param(["perjanjian_kinerja", 0, "tanggal"], "15 Januari",
                 "perjanjian_kinerja[0].tanggal", "harus berupa tanggal",
                 id="a PK date that is not a date is refused"),
    pytest.param(["perjanjian_kinerja", 1, "atasan"], 2, "perjanjian_kinerja[1].atasan",
                 "harus nomor urut PK sebelumnya dalam daftar ini (1 sampai 1)",
                 id="a PK naming itself or a later PK as the one above is refused"),
    pytest.param(["perjanjian_kinerja", 0, "atasan"], 1, "perjanjian_kinerja[0].atasan",
                 "PK pertama dalam daftar tidak dapat punya atasan",
                 id="the first PK of the list naming a PK above is refused"),
    pytest.param(["perjanjian_kinerja", 1, "tahun"], 2026, "perjanjian_kinerja[1].atasan",
                 "PK atasan adalah PK tahun 2025, bukan 2026",
                 id="a cascaded PK under a PK of another year is refused"),
    pytest.param(["perjanjian_kinerja", 0, "status"], "diajukan", "perjanjian_kinerja[1].status",
                 "PK atasannya belum",
                 id="a cascaded PK signed under a PK not signed is refused"),
    pytest.param(["perjanjian_kinerja", 0, "ditandatangani_pada"], "kemarin",
                 "perjanjian_kinerja[0].ditandatangani_pada", "harus berupa waktu",
                 id="a signing time that is not a time is refused"),
    pytest.param(["isu_strategis", 0, "urgensi"], "7", "isu_strategis[0].urgensi",
                 "di luar skala USG pemda",
                 id="a USG score outside the pemda's scale is refused"),
    pytest.param(["pemda", "skala_usg", "nilai_maks"], 1, "pemda.skala_usg",
                 "harus lebih besar dari nilai_min",
                 id="a USG scale whose top is not above its bottom is refused"),
    pytest.param(["isu_strategis", 0, "sasaran", 1], "S9", "isu_strategis[0].sasaran[1]",
                 "merujuk sasaran 'S9'", id="an issue answered by an unknown sasaran is refused"),
]


@pytest.mark.parametrize(("path", "value", "tempat", "pesan"), BAD)
def test_a_bad_planning_structure_is_refused_at_its_place(path, value, tempat, pesan):
    raw = parse_yaml(DINKES)
    node = raw
    for step in path[:-1]:
        node = node[step]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    with pytest.raises(DatasetError) as exc:
        validate(raw)
    assert any(m.startswith(tempat) and pesan in m for m in exc.value.masalah), \
        "\n".join(exc.value.masalah)


def test_program_and_issues_without_a_renstra_are_refused():
    raw = parse_yaml(DINKES)
    del raw["renstra"]
    with pytest.raises(DatasetError) as exc:
        validate(raw)
    assert any(m.startswith("program: membutuhkan renstra") for m in exc.value.masalah)


def test_an_edition_the_database_lacks_is_refused_and_nothing_is_written():
    with pytest.raises(DatasetError) as exc:
        _load(DINKES.replace("uji-kepmendagri-2023", "edisi-tidak-ada"))
    assert exc.value.masalah[0].startswith("pemda.edisi_referensi: edisi daftar nomenklatur "
                                           "'edisi-tidak-ada' tidak ada")
    assert not Pemda.objects.filter(kode="kota-uji-perencanaan").exists()


@pytest.mark.parametrize(("pemda", "opd"), [
    pytest.param("kota-metro", "dinas-sosial", id="the demo, exported and loaded by the command"),
    pytest.param("kota-uji-perencanaan", "dinas-kesehatan",
                 id="a Dinas Kesehatan with the planning structures, by the command"),
])
def test_akuntabel_export_then_load_into_an_empty_database_gives_the_same_file(
        capsys, tmp_path, request, pemda, opd):
    from tests.test_cli import run

    if pemda != "kota-metro":
        # Not for the demo: a Renstra loaded without an edition gets the edition its pemda
        # plans with when one is in the database (references.apps), which the demo's had not.
        request.getfixturevalue("edisi")
        _load(DINKES)
    first, second = tmp_path / "pertama.yaml", tmp_path / "kedua.yaml"
    assert run(capsys, "export", "--pemda", pemda, "--opd", opd, "--out", str(first))[0] == 0
    _remove_pemda(PerangkatDaerah.objects.get(pemda__kode=pemda, kode=opd))
    code, _, err = run(capsys, "load", str(first))
    assert code == 0, err
    assert run(capsys, "export", "--pemda", pemda, "--opd", opd, "--out", str(second))[0] == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")



def test_a_renstra_with_a_perubahan_is_exported_with_its_versions_and_reloads_identically(
        capsys, tmp_path):
    """(More in test_dataset_perubahan.py.) Through the command line, two bare versions."""
    from tests.test_cli import run

    opd = make_opd(nama="Dinas Kesehatan")
    awal = make_renstra(opd, 2025, 2029)
    make_renstra(opd, 2025, 2029, versi_dari=awal, berlaku_mulai=2027, rpjmd=awal.rpjmd,
                 dasar_hukum="Perwal 12/2026", alasan_perubahan="RPJMD berubah")
    first, second = tmp_path / "pertama.yaml", tmp_path / "kedua.yaml"
    pemda, kode = opd.pemda.kode, opd.kode
    assert run(capsys, "export", "--pemda", pemda, "--opd", kode, "--out", str(first))[0] == 0
    assert "berlaku_mulai: 2027" in first.read_text(encoding="utf-8")
    _remove_pemda(opd)
    code, _, err = run(capsys, "load", str(first))
    assert code == 0, err
    assert run(capsys, "export", "--pemda", pemda, "--opd", kode, "--out", str(second))[0] == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_a_pk_cascade_made_by_the_pk_services_and_signed_reloads_identically():
    """The kepala's PK composed from the Renstra, an eselon III PK and an eselon IV PK under it
    composed by the PK pages' services, all signed in the order of the cascade."""
    from akuntabel.plans import pk_services as svc
    from tests.plans.test_pk_cascade import Dunia

    dunia = Dunia()
    e3 = dunia.eselon_3()
    e4 = svc.compose_turunan(e3, dunia.kasi, [
        svc.BarisBaru(melayani=e3.baris.get(indikator=dunia.ind_program).pk,
                      indikator=dunia.ind_kegiatan.pk, target="300")], dunia.operator)
    for pk in (dunia.pk, e3, e4):
        dunia.sign(pk)
    first = export_dataset_yaml(dunia.opd)
    assert first.count("status: \"ditandatangani\"") == 3
    assert "tingkat: \"eselon_4\"" in first and "indikator_teks:" in first
    again = _into_empty_database(first, dunia.opd)
    assert export_dataset_yaml(again) == first
    e4_again = PerjanjianKinerja.objects.get(perangkat_daerah=again, tingkat="eselon_4")
    assert e4_again.atasan.atasan.tingkat == "kepala"
    assert e4_again.baris.get().melayani.indikator.uraian == "Jumlah PPKS yang direhabilitasi"


def test_a_plan_made_through_the_planning_services_reloads_identically():
    """What the screens write, written by the services they call: the RPJMD editor, the
    Renstra editor (an IKU lower-is-better with its definition and a range target), the
    program tree picked from the code list, the Renja copied from the Renstra with triwulan
    targets, the Renstra's funding, and a strategic issue chosen as a priority."""
    from akuntabel.plans import isu, renja, structure, tree
    from akuntabel.plans.targets import NilaiTarget, write_targets
    from tests.builders import make_pemda, make_user
    from tests.plans.test_tree import make_edisi

    user = make_user()
    opd = make_opd(pemda=make_pemda(edisi_referensi=make_edisi()), nama="Dinas Kesehatan")
    rpjmd = structure.buat_rpjmd(opd.pemda, tahun_awal=2025, tahun_akhir=2029,
                                 visi="Kota sehat", user=user)
    misi = structure.tambah(rpjmd, "misi", {"nomor": "1", "uraian": "Sehat"}, user=user)
    td = structure.tambah(rpjmd, "tujuan_daerah", {"uraian": "Derajat kesehatan naik",
                                                   "misi": misi.pk}, user=user)
    sd = structure.tambah(td, "sasaran_daerah", {"uraian": "AKI turun"}, user=user)
    renstra = structure.buat_renstra(opd, tahun_awal=2025, tahun_akhir=2029, user=user)
    tujuan = structure.tambah(renstra, "tujuan", {"uraian": "Kesehatan meningkat"}, user=user)
    sasaran = structure.tambah(tujuan, "sasaran", {"uraian": "AKI menurun",
                                                   "sasaran_daerah": sd.pk}, user=user)
    iku = structure.tambah(sasaran, "indikator", {
        "uraian": "Angka kematian ibu", "definisi_operasional": "Per 100.000 KH",
        "satuan": "per 100.000 KH", "polaritas": "turun", "metode_turun": "selisih",
        "agregasi": "nilai_akhir", "iku": "on", "formula": "Kematian ibu / KH x 100.000",
        "kondisi_awal_tahun": "2024", "kondisi_awal": "98"}, user=user)
    cakupan = structure.tambah(sasaran, "indikator", {"uraian": "Cakupan K4", "satuan": "%",
                                                      "polaritas": "rentang"}, user=user)
    structure.simpan_target_renstra(iku, {2025: "90", 2026: "85"}, {}, user=user)
    structure.simpan_target_renstra(cakupan, {2025: "60–85"}, {}, user=user)
    program = tree.tambah_program(renstra, "1.06.02", sasaran=sasaran, dengan_indikator=True,
                                  user=user)
    kegiatan = tree.tambah_kegiatan(program, "1.06.02.2.01", dengan_indikator=True, user=user)
    tree.tambah_sub_kegiatan(kegiatan, "1.06.02.2.01.0001", dengan_indikator=True, user=user)
    tree.tulis_pagu_indikatif(program, 2025, Decimal("1500000000"), user=user)
    renja.salin_dari_renstra(renstra, 2025, user=user)
    write_targets(opd, [NilaiTarget(iku, Target.Jenis.RENJA, 2025, tw, None, 0, teks,
                                    Decimal(teks), None)
                        for tw, teks in ((1, "97"), (2, "95"), (3, "92"), (4, "90"))],
                  oleh=user, alasan="", sumber="Renja")
    baru = isu.save_isu(renstra, isu.DataIsu(uraian="AKI tinggi", urgensi=Decimal(5),
                                             keseriusan=Decimal(4), pertumbuhan=Decimal(3),
                                             sasaran=frozenset({sasaran.pk})),
                        oleh=user, alasan="", sumber="Isu strategis")
    isu.set_prioritas(baru, True, "Skor tertinggi", baru.versi, oleh=user, sumber="Isu")

    first = export_dataset_yaml(opd)
    for kept in ("definisi_operasional: \"Per 100.000 KH\"", "\"60–85\"", "pagu_indikatif:",
                 "\"1.500.000.000\"", "sasaran_daerah: \"sasaran-daerah-1\"",
                 "alasan_prioritas: \"Skor tertinggi\"", "edisi_referensi: \"uji-"):
        assert kept in first, kept
    assert export_dataset_yaml(_into_empty_database(first, opd)) == first


def test_a_load_replacing_an_opd_whose_renstra_was_changed_replaces_every_version(edisi):
    opd = _load(DINKES)
    awal = opd.renstra.get()
    make_renstra(opd, 2025, 2029, versi_dari=awal, berlaku_mulai=2027, rpjmd=awal.rpjmd)
    again = _load(DINKES, replace=True)
    assert again.pk == opd.pk
    assert list(again.renstra.values_list("berlaku_mulai", flat=True)) == [2025]


def test_a_renstra_naming_an_account_code_edition_is_refused(edisi):
    EdisiReferensi.objects.create(kode="uji-rekening", nama="Rekening uji", daftar="rekening",
                                  jenis="semua", dasar_hukum="Permendagri 90/2019",
                                  berlaku_mulai=date(2023, 1, 1))
    text = DINKES.replace("  edisi_referensi: uji-kepmendagri-2023\n  tujuan:",
                          "  edisi_referensi: uji-rekening\n  tujuan:")
    with pytest.raises(DatasetError) as exc:
        _load(text)
    assert exc.value.masalah == [
        "renstra.edisi_referensi: edisi daftar nomenklatur 'uji-rekening' tidak ada di basis "
        "data; muat dulu daftar kode dengan 'akuntabel referensi'"]


def test_an_export_referring_to_an_earlier_renstra_is_refused_instead_of_unloadable():
    opd = make_opd()
    lama = make_sasaran(make_tujuan(make_renstra(opd, 2016, 2020)), uraian="Sasaran lama",
                        kode="S1")
    make_renstra(opd, 2021, 2025)
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2020)
    pk.baris.create(sasaran=lama, indikator=make_indikator(sasaran=lama), target_teks="1")
    with pytest.raises(DatasetError) as exc:
        export_dataset_yaml(opd)
    assert exc.value.masalah[0].startswith("sasaran “Sasaran lama” dirujuk")


def test_a_pk_range_target_loads_with_both_bounds(edisi):
    opd = _load(DINKES)
    baris = PerjanjianKinerja.objects.get(perangkat_daerah=opd, tingkat="kepala").baris.get(
        target_teks="60–85 %")
    assert (baris.target, baris.target_atas) == (Decimal(60), Decimal(85))
