"""The reviu of the seed as printed finds what the reviu issue names, and more of the same
kinds; a consistent synthetic OPD of several sizes gives no finding at all."""

import pytest

from akuntabel.core.reviu import run_reviu
from akuntabel.reviews.services import review
from tests.core.reviu.builders import make_clean_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def findings(demo_opd):
    return [t.finding for t in review(demo_opd, 2023)]


def _find(findings, code, *words):
    return [f for f in findings if f.code == code
            and all(w in f"{f.pesan} {f.lokasi.uraian} {f.diharapkan} {f.ditemukan}"
                    for w in words)]


@pytest.mark.parametrize(("code", "words"), [
    ("HIT-001", ("92,77%", "92,78%")),
    ("HIT-004", ("07", "314", "284")),
    ("ANG-005", ("Pemberian Layanan Rujukan", "Rp 23.704.200", "Rp 2.288.200")),
    ("REN-010", ("Pekerja Sosial Masyarakat", "Rp 125.000", "Rp 235.776.750")),
    ("NAR-003", ("Kabupaten Kuningan",)),
    ("NAR-001", ("2024",)),
    ("NAR-001", ("2022",)),
    ("NAR-006", ("94,74%",)),
    ("STR-001", ("Ikhtisar Eksekutif",)),
], ids=[
    "92,78% printed where 13.415 / 14.460 gives 92,77%",
    "component 07 breakdown sums to 284, the line says 314",
    "Rujukan Belanja Operasi includes Belanja Modal: 23.704.200 vs 2.288.200",
    "Renstra target typo 125.000 against a realisasi of 235.776.750",
    "the closing names Dinas Sosial Kabupaten Kuningan",
    "2024 where the report year is 2023",
    "2022 where the report year is 2023",
    "94,74% budget absorption called a performance category",
    "the missing Ikhtisar Eksekutif",
])
def test_the_seed_errors_named_by_the_issue_are_found(findings, code, words):
    assert _find(findings, code, *words), f"{code} {words} not found"


@pytest.mark.parametrize(("code", "words"), [
    ("NAR-005", ("Bupati",)),
    ("NAR-002", ("2016-2021",)),
    ("REN-002", ("2024",)),
    ("REN-005", ("2020-2024",)),
    ("ANG-005", ("Kelembagaan Masyarakat", "Rp 9.003.350")),
    ("ANG-012", ("Penyediaan Komponen Instalasi Listrik", "Rp 9.168.000")),
    ("HIT-004", ("08", "171", "165")),
    ("REN-009", ("Penggandaan Surat",)),
    ("STR-004", ("1968042019930310009",)),
    ("STR-003", ("RKA-SKPD",)),
], ids=[
    "Bupati in a kota",
    "Renstra period quoted as 2016-2021",
    "the PK 2023 introduced as the PK 2024",
    "Renstra year columns printed 2020-2024 for a 2021-2026 period",
    "another rekening subtotal that is not the sum of its lines",
    "Renstra table realisasi that differs from the DPA",
    "another component breakdown that does not add up",
    "target and realisasi in different units",
    "a 19-digit NIP",
    "an indicator at 50% with no explanation in 3.6",
])
def test_other_seed_errors_of_the_same_kinds_are_found(findings, code, words):
    assert _find(findings, code, *words), f"{code} {words} not found"


def test_no_finding_is_reported_twice(findings):
    assert len({f.sidik_jari for f in findings}) == len(findings)


@pytest.mark.parametrize("size", [1, 2, 5, 10])
@pytest.mark.parametrize("seed", [0, 1])
def test_a_consistent_dataset_gives_no_finding(size, seed):
    assert run_reviu(make_clean_data(size, seed=seed)) == []
