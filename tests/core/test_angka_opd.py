"""Which OPD figures count in the pemda's IKU (verified only), and the bidang urusan of a
sub kegiatan code (akuntabel.core.angka_opd)."""

import pytest

from akuntabel.core.angka_opd import StatusAngka, bidang_urusan, status_angka_opd

V, B, T = StatusAngka.TERVERIFIKASI, StatusAngka.BELUM_DIVERIFIKASI, StatusAngka.TIDAK_ADA


@pytest.mark.parametrize("sumber, agregasi, terisi, verified, status", [
    ("input", "kumulatif", (), {4}, V),
    ("input", "kumulatif", (1, 2, 3, 4), {1, 2, 3}, B),
    ("komponen", "nilai_akhir", (), {4}, V),
    ("komponen", "nilai_akhir", (), {1, 2, 3}, B),
    ("triwulan", "kumulatif", (1, 2), {1, 2}, V),
    ("triwulan", "kumulatif", (1, 2), {1}, B),
    ("triwulan", "kumulatif", (1, 3), {1, 2}, B),
    ("triwulan", "nilai_akhir", (1, 2, 3), {3}, V),
    ("triwulan", "nilai_akhir", (1, 2, 3), {1, 2}, B),
    ("tidak_ada", "kumulatif", (), {1, 2, 3, 4}, T),
], ids=[
    "annual figure, TW IV verified -> counts",
    "annual figure, TW IV not verified -> not verified, whatever the other quarters",
    "computed from components, TW IV verified -> counts",
    "computed from components, TW IV not verified -> not verified",
    "a count from its quarters, every filled quarter verified -> counts",
    "a count from its quarters, one filled quarter not verified -> not verified",
    "a count from its quarters, the verified quarter is not the filled one -> not verified",
    "a rate from its quarters, the last filled quarter verified -> counts",
    "a rate from its quarters, the last filled quarter not verified -> not verified",
    "no figure at all -> missing, never 0, even when every quarter is verified",
])
def test_status_of_an_opd_figure(sumber, agregasi, terisi, verified, status):
    assert status_angka_opd(sumber, agregasi, terisi, verified) == status


@pytest.mark.parametrize("kode, bidang", [
    ("1.06.04.2.01.0001", "1.06"),
    ("X.XX.01.2.01.0001", "X.XX"),
    ("x.xx.01.2.01.0001", "X.XX"),
    ("2.13", "2.13"),
    ("", None),
    ("Program penunjang", None),
], ids=[
    "a sub kegiatan of Sosial -> bidang 1.06",
    "a supporting sub kegiatan -> X.XX",
    "lower case x is read as X",
    "a bidang code alone -> itself",
    "no code -> no bidang",
    "a name, not a code -> no bidang",
])
def test_bidang_urusan_of_a_code(kode, bidang):
    assert bidang_urusan(kode) == bidang
