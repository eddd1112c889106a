"""Every reviu rule, whatever its group: registered with what a reviewer needs to read it, and
silent on a consistent dataset of any size."""

import re

import pytest

from akuntabel.core.reviu import ATURAN, KELOMPOK
from tests.core.reviu.builders import clean, findings

PREFIX = {"anggaran": "ANG", "hitungan": "HIT", "perencanaan": "REN", "struktur": "STR",
          "narasi": "NAR"}


@pytest.mark.parametrize("code", sorted(ATURAN))
def test_every_rule_states_its_title_legal_basis_and_purpose(code):
    rule = ATURAN[code]
    assert re.fullmatch(r"[A-Z]{3}-\d{3}", code)
    assert code.startswith(PREFIX[rule.kelompok])
    assert rule.judul and rule.judul_en and rule.dasar_hukum
    assert rule.periksa.__doc__


@pytest.mark.parametrize("kelompok", sorted(KELOMPOK))
def test_codes_of_a_group_are_numbered_without_gaps(kelompok):
    codes = sorted(c for c, a in ATURAN.items() if a.kelompok == kelompok)
    assert codes == [f"{PREFIX[kelompok]}-{n:03d}" for n in range(1, len(codes) + 1)]


@pytest.mark.parametrize("size", [1, 3, 10], ids=lambda s: f"size {s}")
@pytest.mark.parametrize("code", sorted(ATURAN))
def test_a_consistent_dataset_gives_no_finding(code, size):
    assert findings(clean(size), code) == []
