"""Acceptance (issue "one truth per figure"): a year lived in the application.

From the demo's plans and targets without any realisasi, the operator enters TW I–IV in the
grid (one invalid cell on the way, seen at its cell, corrected), submitting each quarter, and
the verifikator verifies it; the kepala makes the final LKjIP. Every indicator's capaian in
that final equals what the grid showed at TW IV, and the IKU reads 101,39 %.

The quarters hold the demo's 2023 figures split by each indicator's ``agregasi``: a count
(kumulatif) in four parts that add up to the year's figure, a rate (nilai_akhir) rising to
the year's figure in TW IV. The IKU's realisasi is computed from its components (the demo's
``komponen_iku``, 13.415 ÷ 14.460 × 100), which the load keeps; its quarters rise to what the
components give, 92,77 (the LKjIP as printed wrote 92.78 %, a rounding slip of 92,7731).

Found while writing this test: the grid's "achievement so far" at TW IV is computed from the
quarters only, the LKjIP's from the components: with 92,78 typed in TW IV the grid reads
101,40 % and the final 101,39 %. ``test_the_grid_at_tw_iv_reads_an_iku_from_its_components``
below records it (expected to fail until the grid follows the rule of the LKjIP).

Screenshots of every step go to /tmp/akuntabel-tahun-penuh/.
"""

from __future__ import annotations

import io
import zipfile
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import yaml
from django.urls import reverse
from playwright.sync_api import Page

from akuntabel.accounts.models import Peran
from akuntabel.adapters.dataset.loader import load_dataset
from akuntabel.adapters.dataset.reader import read_dataset
from akuntabel.cli import DEMO_FILE
from akuntabel.core.angka import format_angka
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.plans.models import TAHUNAN, Indikator
from akuntabel.reporting.models import PelaporanTriwulan
from akuntabel.reports.final import dokumen_from_json
from akuntabel.reports.models import LaporanFinal
from akuntabel.results.capaian import compute_capaian_indikator
from akuntabel.results.grid import build_realisasi_grid
from akuntabel.results.models import Realisasi
from tests.builders import make_user

TAHUN = 2023
SHOTS = Path("/tmp/akuntabel-tahun-penuh")
IKU = "IKU-1"
IKU_KOMPONEN = Decimal("92.77")  # 13.415 ÷ 14.460 × 100, to the hundredth
FINAL_TIMEOUT_MS = 90_000  # the PDF and the Word file are rendered and frozen
TABEL_CAPAIAN = ("tabel-3-2-capaian-iku", "tabel-3-3-realisasi-kinerja")
# Each line of the grid as read on the page: its indicator, its node, and the figures "so far"
# and "achievement so far" (the 5th and 4th cells from the end: annual, note and evidence
# follow them whatever the number of earlier quarters shown).
# The figure so far is the cell's first line; at TW IV a second line may say where the year's
# figure comes from ("dihitung dari komponennya").
BACA_GRID = """rows => rows.map(r => ({
    pk: Number(r.dataset.indikator),
    sd: r.cells[r.cells.length - 5].innerText.trim().split("\\n")[0],
    sumber: r.cells[r.cells.length - 5].innerText.trim().split("\\n").slice(1).join(" "),
    capaian: r.cells[r.cells.length - 4].innerText.trim()}))"""


def _without_realisasi(node) -> None:
    """Every realisasi of performance removed, in place: an indicator's (``realisasi:`` keyed
    by year, ``realisasi_triwulan:``) and a node's (``realisasi_kinerja:`` keyed by year and
    its printed variant), which the loader also stores as an indicator's realisasi. Budget
    lines keep theirs (text amounts, not mappings by year)."""
    if isinstance(node, list):
        for item in node:
            _without_realisasi(item)
        return
    if not isinstance(node, dict):
        return
    for kunci in ("realisasi", "realisasi_kinerja"):
        if isinstance(node.get(kunci), dict):
            del node[kunci]
    node.pop("realisasi_triwulan", None)
    node.pop("realisasi_kinerja_tercetak_3_3", None)
    for value in node.values():
        _without_realisasi(value)


def _node_label(ind: Indikator) -> str:
    """The indicator's node as the LKjIP's tables and the grid name it."""
    node = ind.node
    nama = getattr(node, "nama", None)
    return f"{node.kode} {nama}".strip() if nama is not None else str(node.uraian)


def _kunci(indikator: list[Indikator]) -> dict[int, tuple[str, str, int]]:
    """pk -> the indicator's identity across a reload, where its pk and ``urutan`` change:
    its node, its wording and which of the node's indicators so worded it is."""
    seen: dict[tuple[str, str], int] = {}
    hasil = {}
    for ind in sorted(indikator, key=lambda i: (i.urutan, i.pk)):
        key = (_node_label(ind), ind.uraian)
        seen[key] = seen.get(key, -1) + 1
        hasil[ind.pk] = (*key, seen[key])
    return hasil


def _quarters(nilai: Decimal, agregasi: str) -> list[Decimal]:
    """The year's figure as four quarters. A count: four parts adding up to it (whole numbers
    for a whole figure, the first quarters taking the remainder). A rate: the value at each
    quarter's end, rising to the year's figure in TW IV."""
    if agregasi == "nilai_akhir":
        langkah = [Decimal("0.94"), Decimal("0.96"), Decimal("0.98")]
        return [(nilai * f).quantize(Decimal("0.01")) for f in langkah] + [nilai]
    if nilai == nilai.to_integral_value():
        n = int(nilai)
        return [Decimal(n // 4 + (1 if i < n % 4 else 0)) for i in range(4)]
    part = (nilai / 4).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [part, part, part, nilai - 3 * part]


def _typed(nilai: Decimal) -> str:
    """A number as an operator types it: decimal comma, no thousands separator."""
    teks = format(nilai.normalize(), "f")
    return teks.replace(".", ",")


def _shoot(page: Page, step: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{step}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _read_grid(page: Page) -> dict[int, dict]:
    return {r["pk"]: r for r in
            page.eval_on_selector_all("table.realisasi-grid tr[data-indikator]", BACA_GRID)}


def _save(page: Page) -> None:
    with page.expect_navigation():
        page.click("[data-testid=simpan]")


def _capaian_final(final: LaporanFinal) -> dict[tuple[str, str], tuple[str, Decimal | None]]:
    """(node, indicator) -> the capaian printed and the realisasi's value in the final's tables
    of the IKU and of every indicator, read from the document frozen with it."""
    dok = dokumen_from_json(final.data["dokumen"])
    hasil: dict[tuple[str, str], tuple[str, Decimal | None]] = {}
    for bagian in dok.bagian:
        for tabel in bagian.tabel:
            if tabel.kunci not in TABEL_CAPAIAN:
                continue
            for row in tabel.baris:
                key = (str(row[0]), str(row[1]))
                values = (row[4].teks, row[3].nilai)
                assert hasil.setdefault(key, values) == values, key  # one per indicator
    return hasil


def test_a_year_in_the_application_ends_in_an_lkjip_that_reads_as_the_grid(
        page, new_page, login, demo_opd_live, tmp_path):
    # The demo's 2023 figures, by indicator, before they are taken away.
    kunci_demo = _kunci(list(Indikator.objects.filter(perangkat_daerah=demo_opd_live)))
    demo = {kunci_demo[r.indikator_id]: r for r in Realisasi.objects.filter(
        indikator__perangkat_daerah=demo_opd_live, tahun=TAHUN, triwulan=TAHUNAN)}
    raw = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    raw.pop("jumlah", None)  # the counts change: a hand-edited dataset has none
    _without_realisasi(raw)
    path = tmp_path / "tanpa-realisasi.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_dataset(read_dataset(path), replace=True)
    opd = PerangkatDaerah.objects.get(pk=demo_opd_live.pk)
    assert not Realisasi.objects.filter(indikator__perangkat_daerah=opd).exists()

    indikator = {i.pk: i for i in Indikator.objects.filter(perangkat_daerah=opd)}
    kunci = _kunci(list(indikator.values()))
    entered: dict[int, list[Decimal]] = {}
    notes: dict[int, str] = {}  # figures the demo holds as text only: a note in TW IV
    for pk, ind in indikator.items():
        r = demo.get(kunci[pk])
        if r is None:
            continue
        if r.nilai is None:
            notes[pk] = r.teks
        else:
            entered[pk] = _quarters(IKU_KOMPONEN if ind.kode == IKU else r.nilai,
                                    ind.agregasi)
            assert sum(entered[pk]) == r.nilai or ind.agregasi == "nilai_akhir"
    iku = next(pk for pk, i in indikator.items() if i.kode == IKU)
    assert iku in entered and len(entered) > 45

    operator = make_user(Peran.OPERATOR_OPD, opd=opd, first_name="Sri", last_name="Wahyuni")
    verifikator = make_user(Peran.VERIFIKATOR, pemda=opd.pemda, first_name="Budi")
    kepala = make_user(Peran.KEPALA_OPD, opd=opd, first_name="Sri", last_name="Amanto")
    checker = new_page()
    login(page, operator.username)
    login(checker, verifikator.username)

    shown: dict[int, dict] = {}
    for tw in (1, 2, 3, 4):
        url = reverse("realisasi_grid", args=[opd.pk, TAHUN, tw])
        page.goto(url)
        assert page.locator(".status-pelaporan").first.get_attribute("data-status") == "draft"
        on_page = {int(pk) for pk in page.eval_on_selector_all(
            "#realisasi-grid tr[data-indikator]", "rows => rows.map(r => r.dataset.indikator)")}
        assert set(entered) <= on_page
        for pk, values in entered.items():
            page.fill(f"[name=nilai-{pk}]", _typed(values[tw - 1]))
        if tw == 4:
            for pk, teks in notes.items():
                page.fill(f"[name=catatan-{pk}]", teks)
        if tw == 1:  # one invalid cell: refused at the cell, the typing kept, nothing saved
            salah = next(pk for pk in entered if pk != iku)
            page.fill(f"[name=nilai-{salah}]", "12,5,3")
            _save(page)
            error = page.locator(f"tr[data-indikator='{salah}'] .cell-error[role=alert]")
            assert error.is_visible()
            assert "12,5,3" in error.inner_text()
            assert page.locator(".cell-error").count() == 1
            assert page.input_value(f"[name=nilai-{iku}]") == _typed(entered[iku][0])
            assert not Realisasi.objects.filter(indikator__perangkat_daerah=opd).exists()
            _shoot(page, "tw1-sel-salah")
            page.fill(f"[name=nilai-{salah}]", _typed(entered[salah][0]))
        _save(page)
        assert page.locator(".cell-error").count() == 0
        assert page.locator("ul.messages li.success").is_visible()
        stored = {r.indikator_id: r.nilai for r in Realisasi.objects.filter(
            indikator__perangkat_daerah=opd, tahun=TAHUN, triwulan=tw)}
        assert stored == ({pk: values[tw - 1] for pk, values in entered.items()}
                          | ({pk: None for pk in notes} if tw == 4 else {}))
        if tw == 4:
            shown = _read_grid(page)
        _shoot(page, f"tw{tw}-tersimpan")

        with page.expect_navigation():
            page.click("[data-testid=ajukan]")
        assert page.locator(".status-pelaporan").first.get_attribute("data-status") \
            == "diajukan"

        checker.goto(url)
        with checker.expect_navigation():
            checker.click("[data-testid=verifikasi]")
        assert checker.locator(".status-pelaporan").first.get_attribute("data-status") \
            == "diverifikasi"
        _shoot(checker, f"tw{tw}-diverifikasi")
        if tw == 4:  # the verifikator reads the figures the operator saw
            assert _read_grid(checker) == shown
    assert set(PelaporanTriwulan.objects.filter(perangkat_daerah=opd, tahun=TAHUN)
               .values_list("triwulan", "status")) == {(tw, "diverifikasi") for tw in range(1, 5)}

    head = new_page()
    login(head, kepala.username)
    head.goto(reverse("lakip", args=[opd.pk, TAHUN]))
    head.click("[data-testid=finalkan]")   # the open problems, and the note they need
    head.fill("[name=catatan]", "Temuan reviu diketahui; diterima untuk dokumen ini.")
    with head.expect_navigation(timeout=FINAL_TIMEOUT_MS):
        head.click("[data-testid=finalkan-kirim]", timeout=FINAL_TIMEOUT_MS)
    assert head.locator("ul.messages li.success").is_visible()
    _shoot(head, "lakip-final")
    finals = {f.format: f for f in LaporanFinal.objects.filter(
        perangkat_daerah=opd, tahun=TAHUN, dokumen="lakip")}
    assert set(finals) == {"pdf", "docx"}
    printed = _capaian_final(finals["docx"])
    assert finals["pdf"].data == finals["docx"].data  # both files from one document
    with zipfile.ZipFile(io.BytesIO(bytes(finals["docx"].isi))) as docx:
        assert "101,39%" in docx.read("word/document.xml").decode("utf-8")

    # Every indicator of the final's tables is a line of the grid, with the capaian the grid
    # showed at TW IV; the quarters became the year's figure, the demo's.
    by_kunci = {(_node_label(i), i.uraian): pk for pk, i in indikator.items()}
    assert len(by_kunci) == len(indikator)
    assert len(printed) > 45
    differ = {key: (capaian, shown[by_kunci[key]]["capaian"])
              for key, (capaian, _r) in printed.items()
              if capaian != shown[by_kunci[key]]["capaian"]}
    assert differ == {}, "LKjIP vs grid TW IV: " + repr(differ)
    year = {pk: sum(v) if indikator[pk].agregasi == "kumulatif" else v[-1]
            for pk, v in entered.items()}
    assert {pk: shown[pk]["sd"] for pk in entered} == \
        {pk: format_angka(v) for pk, v in year.items()}
    in_final = {by_kunci[key]: realisasi for key, (_c, realisasi) in printed.items()
                if by_kunci[key] in entered and by_kunci[key] != iku}
    assert in_final == {pk: demo[kunci[pk]].nilai for pk in in_final}
    computed = {by_kunci[key] for key, (capaian, _r) in printed.items() if capaian != "–"}
    assert len(computed) > 45 and computed <= set(entered)
    iku_key = (_node_label(indikator[iku]), indikator[iku].uraian)
    assert printed[iku_key][0] == "101,39%"
    assert printed[iku_key][1].quantize(Decimal("0.0001")) == Decimal("92.7732")
    assert shown[iku]["capaian"] == "101,39%"
    assert shown[iku]["sumber"] == "dihitung dari komponennya"


def test_the_grid_at_tw_iv_reads_an_iku_from_its_components(demo_opd):
    """The IKU with the demo's printed 92,78 in TW IV: the grid's achievement so far at TW IV
    is the year's, computed by the one rule the LKjIP uses (13.415 ÷ 14.460 × 100 ÷ 91,5)."""
    iku = Indikator.objects.get(perangkat_daerah=demo_opd, kode=IKU)
    Realisasi.objects.create(indikator=iku, tahun=TAHUN, triwulan=4, nilai=Decimal("92.78"),
                             teks="92,78")
    lakip = compute_capaian_indikator(iku, TAHUN)
    assert lakip.realisasi.sumber == "komponen"
    row = next(r for r in build_realisasi_grid(demo_opd, TAHUN, 4) if r.indikator.pk == iku.pk)
    assert row.capaian_sd.quantize(Decimal("0.01")) == lakip.capaian.quantize(Decimal("0.01"))
