"""akuntabel.core stays pure: no Django, no I/O, no clock, no float."""

import re
from pathlib import Path

import pytest

import akuntabel.core

CORE = Path(akuntabel.core.__file__).parent
SUMBER = sorted(CORE.rglob("*.py"))

LARANGAN = [
    pytest.param(re.compile(r"^\s*(from|import)\s+django\b", re.MULTILINE), id="no django import"),
    pytest.param(re.compile(r"\bopen\("), id="no file I/O with open("),
    pytest.param(re.compile(r"\bprint\("), id="no console output with print("),
    pytest.param(re.compile(r"datetime\.now|date\.today"), id="no clock: today is an argument"),
    pytest.param(re.compile(r"\bfloat\("), id="no float: Decimal only"),
]


def test_core_has_sources_to_scan() -> None:
    assert {p.name for p in SUMBER} >= {
        "__init__.py", "angka.py", "capaian.py", "peringkat.py", "anggaran.py", "efisiensi.py"
    }


@pytest.mark.parametrize("pola", LARANGAN)
def test_core_source_is_pure(pola: re.Pattern[str]) -> None:
    temuan = [
        f"{p.relative_to(CORE)}:{teks[: m.start()].count(chr(10)) + 1}: {m.group()}"
        for p in SUMBER
        for teks in [p.read_text(encoding="utf-8")]
        for m in pola.finditer(teks)
    ]
    assert temuan == []
