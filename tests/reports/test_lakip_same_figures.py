"""The LKjIP prints the same target in force, realisasi, capaian and peringkat as the web pages:
every figure comes from ``results.capaian.compute_capaian_many``."""

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.core.angka import format_angka, format_persen
from akuntabel.plans.models import Indikator, PerjanjianKinerja, PerjanjianKinerjaBaris
from akuntabel.references.services import skala_for
from akuntabel.reports.document import Angka
from akuntabel.reports.lakip import build_lakip_context
from akuntabel.results.capaian import compute_capaian_many
from akuntabel.results.models import Realisasi
from tests.builders import (
    make_indikator,
    make_opd,
    make_program,
    make_renstra,
    make_sasaran,
    make_target,
    make_tujuan,
)

pytestmark = pytest.mark.django_db

TANGGAL = date(2024, 2, 29)


def _table(dok, kunci):
    return next(t for b in dok.bagian for t in b.tabel if t.kunci == kunci)


def _label(ind: Indikator) -> str:
    node = ind.node
    nama = getattr(node, "nama", None)
    return f"{node.kode} {nama}".strip() if nama is not None else str(node.uraian)


def _pages(opd, tahun):
    """What the pages compute: ``(node label, indikator uraian) -> [CapaianIndikator]``."""
    indikator = list(Indikator.objects.filter(perangkat_daerah=opd))
    capaian = compute_capaian_many(indikator, [tahun - 1, tahun],
                                   skala_for(opd.pemda, date(tahun, 12, 31)),
                                   where={"indikator__perangkat_daerah": opd})
    by_row: dict[tuple[str, str], list] = {}
    for ind in indikator:
        by_row.setdefault((_label(ind), ind.uraian), []).append(
            (capaian[ind.pk, tahun - 1], capaian[ind.pk, tahun]))
    return by_row


def _same_target(cell, c) -> bool:
    if c.target is not None:
        return (isinstance(cell, Angka) and cell.nilai == c.target
                and cell.teks.startswith(format_angka(c.target)))
    return cell.teks == (c.target_teks or "–")


def _same_realisasi(cell, c) -> bool:
    r = c.realisasi
    if r.nilai is not None:
        return cell.nilai == r.nilai and cell.teks.startswith(format_angka(r.nilai))
    return cell.nilai is None and cell.teks == (r.dilaporkan_teks or "–")


def _check(rows, pages, columns) -> int:
    """Every row's figures equal one indicator's figures on the pages; the number checked."""
    checked = 0
    for row in rows:
        candidates = pages[row[0], "" if row[1] == "–" else row[1]]  # "–": no uraian
        assert any(all(check(row[i], c) for i, check in columns)
                   for c in candidates), (row, candidates)
        checked += 1
    return checked


def _assert_lakip_is_the_pages(opd, tahun) -> int:
    dok = build_lakip_context(opd, tahun, TANGGAL)
    pages = _pages(opd, tahun)
    now = {k: [c for _before, c in v] for k, v in pages.items()}
    before = {k: [b for b, _now in v] for k, v in pages.items()}
    checked = 0
    for kunci in ("tabel-3-2-capaian-iku", "ringkasan-capaian-iku"):
        checked += _check(_table(dok, kunci).baris, now, [
            (2, _same_target), (3, _same_realisasi),
            (4, lambda cell, c: cell.teks == format_persen(c.capaian)),
            (5, lambda cell, c: cell == (c.peringkat or "–"))])
    checked += _check(_table(dok, "tabel-3-3-realisasi-kinerja").baris, now, [
        (2, _same_target), (3, _same_realisasi),
        (4, lambda cell, c: cell.teks == format_persen(c.capaian))])
    checked += _check(_table(dok, "tabel-3-4-tahun-lalu").baris, now,
                      [(3, _same_realisasi)])
    checked += _check(_table(dok, "tabel-3-4-tahun-lalu").baris, before,
                      [(2, _same_realisasi)])
    iku = {ind.uraian: c for (_label, uraian), cs in now.items() for c in cs
           for ind in [c.indikator] if ind.iku}
    for row in _table(dok, "tabel-3-5-renstra").baris:
        assert _same_realisasi(row[2], iku[row[0]]), row
        checked += 1
    if iku:
        first = next(c for c in sorted(iku.values(), key=lambda c: c.indikator.urutan))
        ringkasan = dok.ringkasan
        assert _same_target(ringkasan["iku_target"], first)
        assert _same_realisasi(ringkasan["iku_realisasi"], first)
        assert ringkasan["iku_capaian"].teks == format_persen(first.capaian)
    return checked


def test_every_indicator_of_the_demo_lkjip_has_the_pages_figures(demo_opd):
    assert _assert_lakip_is_the_pages(demo_opd, 2023) > 60


# --- Edge cases where the LKjIP once chose its own target --------------------------------------

@pytest.fixture
def opd():
    """A small agency: an IKU of a sasaran and an indicator of a program, 80% realised."""
    opd = make_opd()
    renstra = make_renstra(opd)
    sasaran = make_sasaran(make_tujuan(renstra), kode="S1")
    iku = make_indikator(sasaran=sasaran, uraian="Persentase layanan tuntas", satuan="%",
                         iku=True, kode="IKU-1")
    program = make_indikator(program=make_program(renstra), uraian="Jumlah keluarga dibina",
                             satuan="Keluarga")
    Realisasi.objects.create(indikator=iku, tahun=2023, teks="72", nilai=Decimal(72),
                             satuan="%")
    Realisasi.objects.create(indikator=program, tahun=2023, teks="90", nilai=Decimal(90),
                             satuan="Keluarga")
    return opd


def _row(dok, kunci, uraian):
    return next(r for r in _table(dok, kunci).baris if r[1] == uraian)


def test_a_pk_target_left_blank_falls_back_to_the_renja(opd):
    iku = Indikator.objects.get(perangkat_daerah=opd, iku=True)
    program = Indikator.objects.get(perangkat_daerah=opd, program__isnull=False)
    for ind, renja in ((iku, 80), (program, 100)):
        make_target(ind, None, jenis="pk", teks="-")
        make_target(ind, renja, jenis="renja")
    dok = build_lakip_context(opd, 2023, TANGGAL)

    row = _row(dok, "tabel-3-2-capaian-iku", iku.uraian)
    assert (row[2].teks, row[3].teks, row[4].teks, row[5]) == ("80,00%", "72,00%", "90,00%",
                                                                "Tinggi")
    assert dok.ringkasan["iku_target"].teks == "80,00%"
    assert dok.ringkasan["iku_capaian"].teks == "90,00%"
    row = _row(dok, "tabel-3-3-realisasi-kinerja", program.uraian)
    assert (row[2].teks, row[4].teks) == ("100 Keluarga", "90,00%")
    assert _assert_lakip_is_the_pages(opd, 2023) >= 4


def test_a_pk_document_row_without_a_pk_target_is_the_target_in_force(opd):
    iku = Indikator.objects.get(perangkat_daerah=opd, iku=True)
    make_target(iku, 80, jenis="renja")
    pk = PerjanjianKinerja.objects.create(perangkat_daerah=opd, tahun=2023)
    PerjanjianKinerjaBaris.objects.create(perjanjian_kinerja=pk, sasaran=iku.sasaran,
                                          indikator=iku, target_teks="90 %",
                                          target=Decimal(90))
    dok = build_lakip_context(opd, 2023, TANGGAL)

    row = _row(dok, "tabel-3-2-capaian-iku", iku.uraian)
    assert (row[2].teks, row[4].teks) == ("90,00%", "80,00%")
    assert "72 ÷ 90 × 100" == row[4].rumus
    assert dok.ringkasan["iku_target"].teks == "90,00%"
    assert _assert_lakip_is_the_pages(opd, 2023) >= 3


def test_capaian_over_differently_printed_units_is_computed_and_flagged(opd):
    program = Indikator.objects.get(perangkat_daerah=opd, program__isnull=False)
    make_target(program, 100, jenis="renja", satuan="Keluarga Miskin")
    dok = build_lakip_context(opd, 2023, TANGGAL)

    row = _row(dok, "tabel-3-3-realisasi-kinerja", program.uraian)
    assert (row[2].teks, row[3].teks, row[4].teks) == ("100 Keluarga Miskin", "90 Keluarga",
                                                       "90,00%")
    assert "satuan" in row[4].rumus
    # Flagged in the appendix of differences (issue 16: no "as printed" remark in the body).
    assert program.uraian not in _table(dok, "tabel-3-3-realisasi-kinerja").catatan
    annexed = build_lakip_context(opd, 2023, TANGGAL, lampiran_perbedaan=True)
    assert any(r[2].startswith(f"{program.uraian}: satuan target")
               for r in _table(annexed, "lampiran-perbedaan").baris)
