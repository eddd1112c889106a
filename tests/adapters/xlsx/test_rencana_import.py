"""A new OPD's plan from the plan workbook (adapters.xlsx.rencana -> plans.rencana_import): the
template filled by a planner builds the Renstra, its indicators, its program tree and the
Renja; a downloaded workbook edited and uploaded shows only the edit; bad input is refused at
its sheet, row and column with nothing written."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from akuntabel.adapters.xlsx.rencana import read_rencana, write_rencana
from akuntabel.audit.models import Perubahan
from akuntabel.cli import main
from akuntabel.plans.models import (
    Indikator,
    Kegiatan,
    Program,
    RenjaAnggaran,
    Renstra,
    RenstraAnggaran,
    Rpjmd,
    Sasaran,
    SubKegiatan,
    Target,
    Tujuan,
)
from akuntabel.plans.rencana_import import pratinjau_rencana, terapkan_rencana
from tests.builders import make_opd, make_pemda, make_user
from tests.plans.test_tree import make_edisi

pytestmark = pytest.mark.django_db

DAFTAR = [
    ("1.02.02", "program", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN "
     "MASYARAKAT", "", "", ""),
    ("1.02.02.2.01", "kegiatan", "Penyediaan Fasilitas Pelayanan Kesehatan", "", "", ""),
    ("1.02.02.2.01.0001", "sub_kegiatan", "Pembangunan Rumah Sakit beserta Sarana dan "
     "Prasarana Pendukungnya", "", "", ""),
    ("1.02.02.2.01.0002", "sub_kegiatan", "Pembangunan Puskesmas", "", "", ""),
    ("1.02.03", "program", "PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN",
     "", "", ""),
    ("1.02.03.2.01", "kegiatan", "Pemberian Izin Praktik Tenaga Kesehatan", "", "", ""),
    ("1.02.03.2.01.0001", "sub_kegiatan", "Pengendalian Perizinan Praktik Tenaga Kesehatan",
     "", "", ""),
]

TUJUAN = [("T1", "Meningkatkan derajat kesehatan masyarakat"),
          ("T2", "Meningkatkan mutu pelayanan kesehatan")]
SASARAN = [("S1", "T1", "Menurunnya angka kematian ibu", ""),
           ("S2", "T1", "Menurunnya prevalensi stunting", ""),
           ("S3", "T2", "Meningkatnya akreditasi puskesmas", "")]
PROGRAM = [("1.02.02", "", "S1", 1_000_000_000, 1_100_000_000),
           ("1.02.02.2.01", "", "", None, None),
           ("1.02.02.2.01.0001", "", "", None, None),
           ("1.02.02.2.01.0002", "", "", None, None),
           ("1.02.03", "", "S3", 500_000_000, None),
           ("1.02.03.2.01", "", "", None, None),
           ("1.02.03.2.01.0001", "", "", None, None)]
# tingkat, pemilik, uraian, definisi, formula, satuan, polaritas, metode, agregasi, sumber,
# kondisi awal, tahun, kondisi akhir, IKU, target 2025, target 2026
INDIKATOR = [
    ("tujuan", "T1", "Usia harapan hidup", "", "", "tahun", "naik", "", "", "BPS", "71,2",
     2024, "", "ya", "71,5", "15–16"),
    ("sasaran", "S2", "Prevalensi stunting", "Balita pendek / balita diukur",
     "(jumlah balita stunting / jumlah balita diukur) x 100", "%", "Turun", "selisih",
     "Nilai akhir", "e-PPGBM", "18,5", 2024, "14,5", "ya", "16", "14,5"),
    ("sasaran", "S3", "Puskesmas terakreditasi paripurna", "", "", "puskesmas", "naik", "",
     "", "", "", None, "", "", "4", "6"),
    ("program", "1.02.02", "Persentase fasilitas kesehatan sesuai standar", "", "", "%",
     "naik", "", "", "", "", None, "", "", "80", "85"),
    ("sub kegiatan", "1.02.02.2.01.0002", "Jumlah puskesmas dibangun", "", "", "unit",
     "naik", "", "", "", "", None, "", "", "1", "2"),
]
RENJA = [("sasaran", "S2", "Prevalensi stunting", 2025, "17,5", "17", "16,5", "16")]
PAGU_RENJA = [("1.02.02", 2025, 950_000_000), ("1.02.02.2.01.0002", 2025, 400_000_000)]


@pytest.fixture
def opd(db):
    pemda = make_pemda(edisi_referensi=make_edisi(DAFTAR))
    Rpjmd.objects.create(pemda=pemda, tahun_awal=2025, tahun_akhir=2026, visi="Visi")
    return make_opd(pemda, nama="Dinas Kesehatan")


@pytest.fixture
def user():
    return make_user(first_name="Rina", last_name="Perencana")


def filled(opd, tmp_path, change=None, name="rencana.xlsx"):
    """The OPD's template as downloaded, its sheets filled with the rows above (``change``
    may edit the rows first), saved at a path."""
    wb = load_workbook(io.BytesIO(write_rencana(opd, None)))
    rows = {"Tujuan": TUJUAN, "Sasaran": SASARAN, "Program": PROGRAM,
            "Indikator": INDIKATOR, "Renja": RENJA, "Pagu Renja": PAGU_RENJA}
    rows = {k: [list(r) for r in v] for k, v in rows.items()}
    if change:
        change(rows, wb)
    for sheet, values in rows.items():
        for r in values:
            wb[sheet].append(r)
    path = tmp_path / name
    wb.save(path)
    return path


def snapshot():
    return (Renstra.objects.count(), Tujuan.objects.count(), Sasaran.objects.count(),
            Program.objects.count(), Kegiatan.objects.count(), SubKegiatan.objects.count(),
            Indikator.objects.count(), Target.objects.count(),
            RenstraAnggaran.objects.count(), RenjaAnggaran.objects.count(),
            Perubahan.objects.count())


def apply_file(path, opd, user, alasan="Renstra awal"):
    p = pratinjau_rencana(read_rencana(path), opd, user)
    assert p.masalah == []
    return p, terapkan_rencana(p, user, alasan)


def test_a_filled_template_builds_the_renstra_tree_and_renja(opd, user, tmp_path):
    p, n = apply_file(filled(opd, tmp_path), opd, user)
    assert p.renstra_baru == "2025–2026"
    assert p.dibuat == {"tujuan": 2, "sasaran": 3, "program": 2, "kegiatan": 2,
                        "sub kegiatan": 3, "indikator": 5, "target": 14}
    assert p.jumlah["tambah"] > 0 and n == len(p.perubahan)
    renstra = Renstra.objects.get(perangkat_daerah=opd)
    assert (renstra.tahun_awal, renstra.tahun_akhir) == (2025, 2026)
    assert renstra.rpjmd.pemda == opd.pemda
    assert [t.uraian for t in renstra.tujuan.order_by("urutan")] == [u for _k, u in TUJUAN]
    assert Sasaran.objects.filter(tujuan__renstra=renstra).count() == 3
    assert (Program.objects.filter(renstra=renstra).count(),
            Kegiatan.objects.filter(program__renstra=renstra).count(),
            SubKegiatan.objects.filter(kegiatan__program__renstra=renstra).count()) == (2, 2, 3)
    program = Program.objects.get(renstra=renstra, kode="1.02.02")
    assert program.sasaran.kode == "S1" and program.nama.startswith("PROGRAM PEMENUHAN")
    assert RenstraAnggaran.objects.get(program=program, tahun=2026).target == Decimal(
        "1100000000")
    uhh = Indikator.objects.get(uraian="Usia harapan hidup")
    rentang = Target.objects.get(indikator=uhh, jenis="renstra", tahun=2026)
    assert (rentang.nilai, rentang.nilai_atas) == (Decimal("15"), Decimal("16"))
    stunting = Indikator.objects.get(uraian="Prevalensi stunting")
    assert (stunting.iku, stunting.polaritas, stunting.metode_turun) == (True, "turun",
                                                                       "selisih")
    assert stunting.kondisi_awal == Decimal("18.5") and stunting.kondisi_awal_tahun == 2024
    assert Target.objects.get(indikator=stunting, jenis="renstra", tahun=2026).nilai == \
        Decimal("14.5")
    tw = Target.objects.filter(indikator=stunting, jenis="renja", tahun=2025).order_by(
        "triwulan")
    assert [(t.triwulan, t.nilai) for t in tw] == [
        (1, Decimal("17.5")), (2, Decimal("17")), (3, Decimal("16.5")), (4, Decimal("16"))]
    assert stunting.kondisi_akhir == Decimal("14.5")
    assert RenjaAnggaran.objects.get(program=program, tahun=2025).pagu_indikatif == 950_000_000
    assert Indikator.objects.get(uraian="Jumlah puskesmas dibangun").sub_kegiatan.kode == \
        "1.02.02.2.01.0002"
    assert Perubahan.objects.filter(alasan="Renstra awal").count() == n


def test_the_preview_writes_nothing(opd, user, tmp_path):
    before = snapshot()
    p = pratinjau_rencana(read_rencana(filled(opd, tmp_path)), opd, user)
    assert p.masalah == [] and p.perubahan
    assert snapshot() == before


def test_download_edit_upload_shows_only_the_edit(opd, user, tmp_path):
    apply_file(filled(opd, tmp_path), opd, user)
    renstra = Renstra.objects.get(perangkat_daerah=opd)
    wb = load_workbook(io.BytesIO(write_rencana(opd, renstra)))
    path = tmp_path / "unduhan.xlsx"
    wb.save(path)
    p = pratinjau_rencana(read_rencana(path), opd, user)
    assert (p.masalah, p.perubahan) == ([], [])   # downloaded as is: nothing to write
    ws = wb["Indikator"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[2].value == "Prevalensi stunting")
    head = [c.value for c in ws[1]]
    row[head.index("Target 2026")].value = "14"
    wb.save(path)
    p = pratinjau_rencana(read_rencana(path), opd, user)
    assert p.masalah == []
    # the one target changed: its text as typed and its value, nothing else
    assert {(c.objek, c.lama, c.baru) for c in p.perubahan} == {
        ("Prevalensi stunting: target Renstra 2026: 14,5", "14,5", "14"),
        ("Prevalensi stunting: target Renstra 2026: 14,5", "14.5", "14")}
    terapkan_rencana(p, user, "Target direvisi")
    stunting = Indikator.objects.get(uraian="Prevalensi stunting")
    assert Target.objects.get(indikator=stunting, jenis="renstra", tahun=2026).nilai == 14


def test_a_renja_target_that_had_a_value_changes_only_with_a_reason(opd, user, tmp_path):
    from akuntabel.plans.rencana_import import RencanaRefused

    apply_file(filled(opd, tmp_path), opd, user)
    path = filled(opd, tmp_path, lambda r, wb: _row(r, "Renja", 0, 4, "17,8"), "ubah.xlsx")
    p = pratinjau_rencana(read_rencana(path), opd, user)
    assert p.masalah == [] and p.perlu_alasan
    before = snapshot()
    with pytest.raises(RencanaRefused, match=r"Lembar Renja, baris 2: .*alasan"):
        terapkan_rencana(p, user, "")
    assert snapshot() == before
    terapkan_rencana(p, user, "Hasil SSGI terbaru")
    change = Perubahan.objects.get(kolom="nilai", baru="17.8")
    assert change.alasan == "Hasil SSGI terbaru"


def test_a_plan_changed_after_the_preview_is_not_overwritten(opd, user, tmp_path):
    from akuntabel.plans import structure
    from akuntabel.plans.rencana_import import RencanaRefused

    apply_file(filled(opd, tmp_path), opd, user)
    path = filled(opd, tmp_path, lambda r, wb: _row(r, "Indikator", 1, 14, "14"), "ubah.xlsx")
    p = pratinjau_rencana(read_rencana(path), opd, user)
    stunting = Indikator.objects.get(uraian="Prevalensi stunting")
    structure.ubah(stunting, {"sumber_data": "SSGI"}, user=user, alasan="di layar")
    before = snapshot()
    with pytest.raises(RencanaRefused, match="setelah pratinjau"):
        terapkan_rencana(p, user, "Target direvisi")
    assert snapshot() == before


def _row(rows, sheet, index, column, value):
    rows[sheet][index][column] = value


BAD = [
    pytest.param(lambda r, wb: _row(r, "Program", 2, 0, "1.02.02.2.01.0099"),
                 "Lembar Program, baris 4, kolom A", id="a code not in the list"),
    pytest.param(lambda r, wb: _row(r, "Sasaran", 2, 1, "T9"),
                 "Lembar Sasaran, baris 4, kolom B", id="a sasaran under a missing tujuan"),
    pytest.param(lambda r, wb: _row(r, "Sasaran", 1, 2, "Menurunnya angka kematian ibu"),
                 "Lembar Sasaran, baris 3, kolom C", id="a duplicate sasaran"),
    pytest.param(lambda r, wb: wb["Indikator"].cell(1, 17, "Target 2031"),
                 "Lembar Indikator, kolom Q: tahun 2031 di luar periode",
                 id="a target year outside the period"),
    pytest.param(lambda r, wb: _row(r, "Indikator", 2, 14, "empat"),
                 "Lembar Indikator, baris 4, kolom O", id="a target that is no number"),
    pytest.param(lambda r, wb: _row(r, "Pagu Renja", 1, 0, "1.02.03.2.01.0009"),
                 "Lembar Pagu Renja, baris 3, kolom A", id="a Renja pagu of a node not listed"),
    pytest.param(lambda r, wb: _row(r, "Program", 0, 3, "satu miliar"),
                 "Lembar Program, baris 2, kolom D", id="a pagu that is no number"),
    pytest.param(lambda r, wb: _row(r, "Renja", 0, 3, 2030),
                 "Lembar Renja, baris 2, kolom D", id="a Renja year outside the period"),
    pytest.param(lambda r, wb: _row(r, "Indikator", 1, 11, "dua ribu"),
                 "Lembar Indikator, baris 3, kolom L", id="a baseline year that is no year"),
    pytest.param(lambda r, wb: _row(r, "Indikator", 1, 6, "menurun"),
                 "Lembar Indikator, baris 3, kolom G", id="a polarity that is none"),
    pytest.param(lambda r, wb: _row(r, "Indikator", 2, 13, "4"),
                 "Lembar Indikator, baris 4, kolom N", id="an IKU mark not ya nor empty"),
    pytest.param(lambda r, wb: _row(r, "Indikator", 0, 0, "misi"),
                 "Lembar Indikator, baris 2, kolom A", id="a level that is none"),
]


@pytest.mark.parametrize(("change", "place"), BAD)
def test_bad_input_is_refused_at_its_place_and_nothing_written(opd, user, tmp_path, change,
                                                                place):
    before = snapshot()
    p = pratinjau_rencana(read_rencana(filled(opd, tmp_path, change)), opd, user)
    assert any(m.startswith(place) for m in p.masalah), p.masalah
    assert snapshot() == before


def test_an_opd_whose_pemda_has_no_rpjmd_for_the_period_gets_no_renstra(opd, user, tmp_path):
    path = filled(opd, tmp_path)
    Rpjmd.objects.filter(pemda=opd.pemda).delete()
    before = snapshot()
    p = pratinjau_rencana(read_rencana(path), opd, user)
    assert len(p.masalah) == 1 and p.masalah[0].startswith("Lembar Renstra: ")
    assert "RPJMD" in p.masalah[0]
    assert snapshot() == before


def test_a_workbook_that_is_no_plan_is_not_read_as_one(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.title = "Tujuan"
    path = tmp_path / "lain.xlsx"
    wb.save(path)
    assert read_rencana(path) is None


def test_the_cli_exports_the_plan_workbook_without_a_year(opd, user, tmp_path):
    apply_file(filled(opd, tmp_path), opd, user)
    out = tmp_path / "keluar.xlsx"
    assert main(["export", "--pemda", opd.pemda.kode, "--opd", opd.kode, "--out",
                 str(out)]) == 0
    berkas = read_rencana(out)
    assert (berkas.tahun_awal, berkas.tahun_akhir) == (2025, 2026)
    assert len(berkas.lembar["Program"]) == 7 and len(berkas.lembar["Indikator"]) == 5


def test_the_cli_imports_the_workbook_all_or_nothing(opd, tmp_path, capsys):
    path = filled(opd, tmp_path)
    code = main(["import", str(path), "--pemda", opd.pemda.kode, "--opd", opd.kode,
                 "--dry-run"])
    assert code == 0 and not Renstra.objects.filter(perangkat_daerah=opd).exists()
    assert "ditambah" in capsys.readouterr().out
    assert main(["import", str(path), "--pemda", opd.pemda.kode, "--opd", opd.kode, "--ya",
                 "--alasan", "Renstra awal"]) == 0
    assert SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=opd).count() \
        == 3


def test_the_demo_plan_downloaded_and_uploaded_unchanged_has_nothing_to_apply(demo_opd,
                                                                              tmp_path):
    from akuntabel.plans.rencana_import import renstra_terakhir

    path = tmp_path / "demo.xlsx"
    path.write_bytes(write_rencana(demo_opd, renstra_terakhir(demo_opd)))
    p = pratinjau_rencana(read_rencana(path), demo_opd)
    assert "\n".join(p.masalah) == ""
    assert p.perubahan == []


def test_the_cli_asks_for_the_opd_of_a_plan_workbook(opd, tmp_path, capsys):
    assert main(["import", str(filled(opd, tmp_path))]) != 0
    assert "buku kerja Rencana" in capsys.readouterr().err


def test_the_rpjmd_sasaran_served_is_linked_by_code_or_text_and_kept_on_the_round_trip(
        opd, user, tmp_path):
    from akuntabel.plans.models import SasaranDaerah, TujuanDaerah

    rpjmd = Rpjmd.objects.get(pemda=opd.pemda)
    td = TujuanDaerah.objects.create(rpjmd=rpjmd, kode="TD1", uraian="Masyarakat sehat")
    SasaranDaerah.objects.create(tujuan_daerah=td, kode="SD1", uraian="Stunting turun")
    SasaranDaerah.objects.create(tujuan_daerah=td, kode="", uraian="Ibu selamat")

    def link(rows, wb):
        rows["Sasaran"][1][3] = "SD1"
        rows["Sasaran"][0][3] = "Ibu selamat"

    apply_file(filled(opd, tmp_path, link), opd, user)
    assert Sasaran.objects.get(kode="S2", tujuan__renstra__perangkat_daerah=opd) \
        .sasaran_daerah.kode == "SD1"
    assert Sasaran.objects.get(kode="S1", tujuan__renstra__perangkat_daerah=opd) \
        .sasaran_daerah.uraian == "Ibu selamat"
    path = tmp_path / "kembali.xlsx"
    path.write_bytes(write_rencana(opd, Renstra.objects.get(perangkat_daerah=opd)))
    p = pratinjau_rencana(read_rencana(path), opd, user)
    assert (p.masalah, p.perubahan) == ([], [])
