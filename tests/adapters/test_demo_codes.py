"""Issue 13 acceptance: after loading the demo, every sub kegiatan has an official code and
the only rekening lines without a code are those whose name is in no list.

The lists are the shipped complete lists in ``reference/``. A sub kegiatan's code counts as
official when it is in the OPD's edition (the Kepmendagri 900.1.15.5-1317/2023 annex the demo's
codes are drawn from; the support programme ``X.XX.01`` under the OPD's bidang) or when it is
that entry's counterpart in the crosswalk to SIPD's numbering: the LAKIP prints SIPD numbers
for three sub kegiatan (e.g. 1.06.05.2.02.0008, which the annex numbers .0002), and the demo
keeps codes as printed."""


import pytest

from akuntabel.adapters.dataset.writer import export_dataset_yaml
from akuntabel.budget.models import DpaLine
from akuntabel.plans.models import Kegiatan, SubKegiatan
from akuntabel.references.loader import load_reference_lists
from akuntabel.references.models import EdisiReferensi, KodeRekening, PadananKode
from akuntabel.references.services import nomenklatur, normalisasi

EDISI_OPD = "kepmendagri-900-1317-2023-kabkota"
REKENING = "rekening-belanja-900-1317-2023"

# Printed names no list holds, not even as a variant: their lines keep kode null (never
# guessed). "Honor Rohaniwan" (Honorarium Rohaniwan), "Personal Komputer" (Personal Computer),
# "Pakaian Dinas Lapangan" without "(PDL)", "Bahan-lsi" and "Tambahkan" are printed variants
# of listed names; the last three names are in no list at all.
IN_NO_LIST = {
    "Belanja Modal Personal Komputer": 1,
    "Belanja Modal Peralatan Personal Komputer": 1,
    "Tambahkan Penghasilan berdasarkan Pertimbangan Objektif Lainnya ASN": 3,
    "Belanja Pakaian Dinas Lapangan": 1,
    "Belanja Bahan-lsi Tabung Gas": 1,
    "Honor Rohaniwan": 1,
    "Belanja Sewa Sound System": 1,
    "Belanja Sewa Proyektor/OHV/Infocus/LCD/HDT V": 1,
    "Belanja Perjalanan Dinas Dalam Daerah": 1,
}


@pytest.fixture(scope="module")
def lists(django_db_blocker):
    """The shipped complete lists, loaded once for this module (as `akuntabel referensi`
    does) and removed after it."""
    with django_db_blocker.unblock():
        before = set(EdisiReferensi.objects.values_list("kode", flat=True))
        load_reference_lists()
    yield
    with django_db_blocker.unblock():
        EdisiReferensi.objects.exclude(kode__in=before).delete()


def _same(a: str, b: str) -> bool:
    """The same name once case, spacing and punctuation are set aside."""
    return normalisasi(a).replace(" ", "") == normalisasi(b).replace(" ", "")


def _official_name(kode: str) -> str | None:
    """The name of an official sub kegiatan code: in the OPD's edition, or the SIPD counterpart
    of one of its entries in the crosswalk."""
    edisi = EdisiReferensi.objects.get(kode=EDISI_OPD)
    found = nomenklatur(edisi, kode)
    if found is not None:
        return found.nama
    padanan = PadananKode.objects.filter(edisi_asal=edisi, kode_tujuan=kode,
                                         status=PadananKode.Status.KODE_BERBEDA).first()
    return padanan.nama_tujuan if padanan else None


def _rekening() -> dict[str, str]:
    return dict(KodeRekening.objects.filter(edisi__kode=REKENING).values_list("kode", "uraian"))


def test_every_sub_kegiatan_of_the_demo_has_an_official_code(demo_opd, lists):
    subs = SubKegiatan.objects.filter(kegiatan__program__renstra__perangkat_daerah=demo_opd)
    assert subs.count() == 53
    without = [s.nama for s in subs if _official_name(s.kode) is None]
    assert without == []


def test_each_code_names_the_sub_kegiatan_it_is_on(demo_opd, lists):
    wrong = [(s.kode, s.nama) for s in SubKegiatan.objects.filter(
                 kegiatan__program__renstra__perangkat_daerah=demo_opd)
             if not any(_same(_official_name(s.kode) or "", n)
                        for n in [s.nama, *s.nama_tercetak])]
    assert wrong == []


def test_sub_kegiatan_and_kegiatan_codes_nest(demo_opd):
    kegiatan = Kegiatan.objects.filter(program__renstra__perangkat_daerah=demo_opd)
    assert [k.nama for k in kegiatan if not k.kode.startswith(k.program.kode + ".")] == []
    subs = SubKegiatan.objects.filter(kegiatan__in=kegiatan).select_related("kegiatan")
    assert [s.nama for s in subs if s.kode.rsplit(".", 1)[0] != s.kegiatan.kode] == []


def _lines(opd):
    return DpaLine.objects.filter(anggaran__dpa__perangkat_daerah=opd)


def test_only_rekening_lines_whose_name_is_in_no_list_are_without_a_code(demo_opd, lists):
    uncoded: dict[str, int] = {}
    for line in _lines(demo_opd).filter(kode_rekening=""):
        uncoded[line.uraian] = uncoded.get(line.uraian, 0) + 1
    assert uncoded == IN_NO_LIST
    names = _rekening().values()
    assert [n for n in IN_NO_LIST if any(_same(n, listed) for listed in names)] == []


def test_every_rekening_code_is_listed_under_its_name(demo_opd, lists):
    listed = _rekening()
    wrong = [(line.kode_rekening, line.uraian) for line in
             _lines(demo_opd).exclude(kode_rekening="")
             if not _same(listed.get(line.kode_rekening, ""), line.uraian)]
    assert wrong == []


def test_a_rekening_code_extends_its_parents(demo_opd):
    wrong = [(line.induk.kode_rekening, line.kode_rekening) for line in
             _lines(demo_opd).exclude(kode_rekening="").exclude(induk__kode_rekening="")
             .filter(induk__isnull=False).select_related("induk")
             if not line.kode_rekening.startswith(line.induk.kode_rekening + ".")]
    assert wrong == []


def test_a_misprinted_account_name_keeps_its_printed_text_beside_the_official_one(demo_opd):
    printed = _lines(demo_opd).exclude(uraian_tercetak="")
    assert {(x.kode_rekening, x.uraian, x.uraian_tercetak) for x in printed} == {
        ("5.1.02.04", "Belanja Perjalanan Dinas", "Belana Perjalanan Dinas")}
    assert printed.count() == 17


def test_an_export_keeps_the_printed_name(demo_opd):
    assert export_dataset_yaml(demo_opd).count(
        'uraian_tercetak: "Belana Perjalanan Dinas"') == 17
