"""The template's consistency rules, suggested-grade bands and evidence map load with it from
its YAML, checked at their place, and an edition loaded before they were known gets them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from akuntabel.evaluasi.loader import DEFAULT_FILE, TemplateError, load_template
from akuntabel.evaluasi.models import TemplateLke

pytestmark = pytest.mark.django_db


def salinan(tmp_path: Path, ubah) -> Path:
    data = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    ubah(data)
    path = tmp_path / "lke.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_rules_load_with_the_template():
    load_template()
    aturan = TemplateLke.objects.get().aturan
    assert [a["kode"] for a in aturan["konsistensi"]][:3] == ["KON-01", "KON-02", "KON-03"]
    assert aturan["bukti"]["3.a.4"] == {"bukti": ["reviu"], "saran": "reviu"}
    assert [p["nilai"] for p in aturan["saran"]] == ["AA", "A", "BB", "B", "CC", "C", "D", "E"]
    assert not load_template().baru  # a rerun changes nothing


@pytest.mark.parametrize("ubah, pesan", [
    pytest.param(lambda d: d["aturan_konsistensi"][1].update(atas="manfaat"),
                 r"aturan_konsistensi\[1\]\.atas", id="an unknown perspective in a rule"),
    pytest.param(lambda d: d["bukti_kriteria"].update({"9.z.9": {"bukti": ["pk"]}}),
                 r"bukti_kriteria\.9\.z\.9", id="evidence mapped to a criterion not in it"),
    pytest.param(lambda d: d["saran_nilai"][0].update(nilai="Y"), r"saran_nilai\[0\]\.nilai",
                 id="a suggested grade not in the answer scale"),
])
def test_a_broken_rule_is_refused_at_its_place_with_nothing_written(tmp_path, ubah, pesan):
    with pytest.raises(TemplateError, match=pesan):
        load_template(salinan(tmp_path, ubah))
    assert not TemplateLke.objects.exists()


def test_an_edition_loaded_before_its_rules_were_known_gets_them(tmp_path):
    def tanpa_aturan(d):
        for kunci in ("aturan_konsistensi", "saran_nilai", "bukti_kriteria"):
            d.pop(kunci)
    load_template(salinan(tmp_path, tanpa_aturan))
    assert TemplateLke.objects.get().aturan == {}
    load_template()
    assert len(TemplateLke.objects.get().aturan["konsistensi"]) == 11


def test_changed_rules_under_the_same_key_are_refused(tmp_path):
    load_template()
    with pytest.raises(TemplateError, match="edisi baru"):
        load_template(salinan(tmp_path, lambda d: d["aturan_konsistensi"].pop()))
