"""The shipped LKE template (reference/evaluasi/) loads with as many rows as its YAML has, a
rerun changes nothing, a changed edition under the same key or a broken file is refused at its
place with nothing written, and a full worksheet scores through core/evaluasi.py."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from akuntabel.core.evaluasi import format_nilai, hitung_evaluasi
from akuntabel.evaluasi.loader import DEFAULT_FILE, TemplateError, load_template
from akuntabel.evaluasi.models import (
    KomponenLke,
    KriteriaLke,
    PitaPredikat,
    SkalaJawaban,
    SubKomponenLke,
    TemplateLke,
)
from akuntabel.evaluasi.services import template_untuk_skor

pytestmark = pytest.mark.django_db

MODELS = [TemplateLke, KomponenLke, SubKomponenLke, KriteriaLke, SkalaJawaban, PitaPredikat]


def jumlah_baris() -> list[int]:
    return [m.objects.count() for m in MODELS]


def salinan(tmp_path: Path, ubah) -> Path:
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    ubah(data)
    path = tmp_path / "lke.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_template_loads_with_the_yaml_counts():
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    hasil = load_template()
    assert hasil.baru
    assert hasil.jumlah == {"komponen": 4, "sub_komponen": 12, "kriteria": 80,
                            "skala_jawaban": 8, "pita_predikat": 7}
    assert jumlah_baris() == [1, 4, 12, 80, 8, 7]
    assert KriteriaLke.objects.count() == sum(len(v) for v in data["kriteria"].values())
    t = TemplateLke.objects.get()
    assert t.kode == "lke-permenpanrb-88-2021-kl"
    assert "88 Tahun 2021" in t.dasar_hukum
    assert [k.bobot for k in t.komponen.all()] == [30, 30, 15, 25]
    sub = SubKomponenLke.objects.get(kode="3.b")
    assert (sub.bobot, sub.perspektif) == (Decimal("4.5"), "kualitas")
    kriteria = KriteriaLke.objects.get(nomor="3.a.4")
    assert kriteria.uraian == "Dokumen laporan kinerja telah direviu"
    assert kriteria.bagian == "keberadaan"
    aa, d = t.pita.get(predikat="AA"), t.pita.get(predikat="D")
    assert (aa.batas_bawah, aa.batas_bawah_eksklusif, aa.label) == (90, True, "Sangat Memuaskan")
    assert (d.batas_bawah, d.batas_bawah_eksklusif) == (0, False)


def test_a_rerun_changes_nothing():
    load_template()
    sebelum = jumlah_baris()
    hasil = load_template()
    assert not hasil.baru
    assert jumlah_baris() == sebelum


def test_a_changed_edition_under_the_same_key_is_refused(tmp_path):
    load_template()
    path = salinan(tmp_path, lambda d: d["kriteria"]["1.a"].append("Kriteria tambahan"))
    with pytest.raises(TemplateError, match=r"edisi\.kode: template lke-permenpanrb-88-2021-kl "
                                            r"sudah dimuat dengan isi berbeda"):
        load_template(path)
    assert jumlah_baris() == [1, 4, 12, 80, 8, 7]


def _bobot_salah(d):
    d["komponen"][2]["sub"][1]["bobot"] = 5


def _perspektif_salah(d):
    d["komponen"][0]["sub"][0]["perspektif"] = "ketersediaan"


def _kriteria_hilang(d):
    del d["kriteria"]["4.c"]


def _pita_tanpa_batas(d):
    del d["predikat"][1]["batas_bawah_lebih_dari"]


def _skala_bukan_angka(d):
    d["skala_jawaban"][3]["persen"] = "tujuh puluh"


@pytest.mark.parametrize("ubah, pesan", [
    pytest.param(_bobot_salah, r"komponen\[2\]\.bobot: bobot 15 tidak sama dengan jumlah bobot "
                               r"sub-komponennya \(15\.5\)", id="sub weights not summing up"),
    pytest.param(_perspektif_salah, r"komponen\[0\]\.sub\[0\]\.perspektif: 'ketersediaan' bukan",
                 id="an unknown perspective"),
    pytest.param(_kriteria_hilang, r"kriteria\.4\.c: sub-komponen tanpa daftar kriteria",
                 id="a sub-component without criteria"),
    pytest.param(_pita_tanpa_batas, r"predikat\[1\]: tulis tepat satu dari",
                 id="a band without its lower bound"),
    pytest.param(_skala_bukan_angka, r"skala_jawaban\[3\]\.persen: bukan angka",
                 id="an answer grade whose percentage is not a number"),
])
def test_a_broken_file_is_refused_at_its_place_with_nothing_written(tmp_path, ubah, pesan):
    path = salinan(tmp_path, ubah)
    with pytest.raises(TemplateError, match=pesan) as info:
        load_template(path)
    assert str(info.value).startswith(f"{path}: ")
    assert jumlah_baris() == [0] * len(MODELS)


def test_a_file_that_is_not_yaml_is_refused_naming_its_line(tmp_path):
    path = tmp_path / "rusak.yaml"
    path.write_text("edisi:\n  kode: x\n komponen: [\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"rusak\.yaml: baris \d+: bukan YAML yang sah"):
        load_template(path)
    assert jumlah_baris() == [0] * len(MODELS)


def test_a_full_worksheet_scores_from_the_loaded_template():
    load_template()
    komponen, skala, pita = template_untuk_skor(TemplateLke.objects.get())
    nomor = [c for k in komponen for s in k.sub for c in s.kriteria]
    assert len(nomor) == 80
    # B everywhere: 70 % of every weight -> exactly 70,00 -> B (the BB band starts above 70)
    hasil = hitung_evaluasi(komponen, skala, pita, dict.fromkeys(nomor, "B"))
    assert format_nilai(hasil.total) == "70,00"
    assert hasil.predikat is not None and hasil.predikat.predikat == "B"
    # AA everywhere but component 3 answered E: 100 - 15 = 85,00 -> A
    jawaban = {n: "E" if n.startswith("3.") else "AA" for n in nomor}
    hasil = hitung_evaluasi(komponen, skala, pita, jawaban)
    assert hasil.nilai_komponen == {"1": 30, "2": 30, "3": 0, "4": 25}
    assert format_nilai(hasil.total) == "85,00"
    assert hasil.predikat.predikat == "A" and hasil.predikat.sebutan == "Memuaskan"


def test_the_referensi_command_loads_the_template_once(capsys, tmp_path, monkeypatch):
    from akuntabel.cli import main

    monkeypatch.setenv("AKUNTABEL_VAR_DIR", str(tmp_path))
    assert main(["referensi"]) == 0
    assert ("Template LKE lke-permenpanrb-88-2021-kl dimuat: 4 komponen, 12 sub komponen, "
            "80 kriteria, 8 skala jawaban, 7 pita predikat.") in capsys.readouterr().out
    assert main(["referensi"]) == 0
    assert "Template LKE lke-permenpanrb-88-2021-kl sudah ada, tidak berubah" in \
        capsys.readouterr().out
    assert jumlah_baris() == [1, 4, 12, 80, 8, 7]
