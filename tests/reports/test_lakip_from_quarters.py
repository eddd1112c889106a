"""Acceptance (issue "one truth per figure"): the demo loaded with every 2023 realisasi moved
to TW IV (no annual row) gives an LKjIP with as many computed capaian, and the same ones, as
the untouched demo: the year's figure comes from the quarters when none is reported for it."""

from datetime import date

import pytest
import yaml

from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import read_dataset
from akuntabel.cli import DEMO_FILE
from akuntabel.reports.lakip import build_lakip_context
from akuntabel.results.models import Realisasi

pytestmark = pytest.mark.django_db
TAHUN = 2023


def _moved_to_tw_iv(node, moved: list[int]) -> None:
    """Every indicator's annual realisasi of 2023 (a ``realisasi:`` mapping keyed by year)
    moved to ``realisasi_triwulan: {2023: {4: …}}``, in place."""
    if isinstance(node, list):
        for item in node:
            _moved_to_tw_iv(item, moved)
        return
    if not isinstance(node, dict):
        return
    realisasi = node.get("realisasi")
    if isinstance(realisasi, dict) and TAHUN in realisasi:
        node.setdefault("realisasi_triwulan", {}).setdefault(TAHUN, {})[4] = \
            realisasi.pop(TAHUN)
        moved.append(1)
        if not realisasi:
            del node["realisasi"]
    for value in node.values():
        _moved_to_tw_iv(value, moved)


def _capaian(dok) -> list[tuple[str, str]]:
    """The capaian printed in the tables of every indicator and of the IKU: (row, capaian)."""
    hasil = []
    for b in dok.bagian:
        for t in b.tabel:
            if t.kunci in ("tabel-3-2-capaian-iku", "tabel-3-3-realisasi-kinerja"):
                hasil += [(f"{t.kunci}|{row[0]}|{row[1]}", row[4].teks) for row in t.baris
                          if getattr(row[4], "nilai", None) is not None]
    return sorted(hasil)


def test_the_demo_with_its_2023_realisasi_in_tw_iv_gives_the_same_lkjip(demo_opd, tmp_path):
    before = _capaian(build_lakip_context(demo_opd, TAHUN, date(2024, 2, 29)))
    raw = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    raw.pop("jumlah", None)  # the counts change shape: a hand-edited dataset has none
    moved: list[int] = []
    _moved_to_tw_iv(raw, moved)
    path = tmp_path / "tw4.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_dataset(read_dataset(path), replace=True)

    opd = type(demo_opd).objects.get(kode=demo_opd.kode, pemda=demo_opd.pemda)
    # Every indicator's realisasi is now TW IV's; only the per-node values of the
    # year-on-year table (``realisasi_kinerja``, printed as such) stay annual.
    assert len(moved) > 50
    assert Realisasi.objects.filter(indikator__perangkat_daerah=opd, tahun=TAHUN,
                                    triwulan=4).count() > 50
    after = _capaian(build_lakip_context(opd, TAHUN, date(2024, 2, 29)))
    assert len(before) > 45
    assert after == before
