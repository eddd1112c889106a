"""Dated rating scales (akuntabel.core.peringkat)."""

from datetime import date
from decimal import Decimal

import pytest

from akuntabel.core.capaian import compute_capaian, compute_persentase
from akuntabel.core.peringkat import (
    DEFAULT_SKALA,
    SKALA_PERMENDAGRI_86_2017,
    SKALA_PREDIKAT_AKIP_88_2021,
    Pita,
    Skala,
    pilih_skala,
)

D = Decimal


@pytest.mark.parametrize(
    ("capaian", "label"),
    [
        pytest.param(D(150), "Sangat Tinggi", id="far above target -> Sangat Tinggi"),
        pytest.param(D(91), "Sangat Tinggi", id="exactly 91 -> Sangat Tinggi"),
        pytest.param(D("90.99"), "Tinggi", id="90,99 -> Tinggi"),
        pytest.param(D("90.5"), "Tinggi", id="in the printed gap between 90 and 91 -> Tinggi"),
        pytest.param(D(76), "Tinggi", id="exactly 76 -> Tinggi"),
        pytest.param(D("75.99"), "Sedang", id="75,99 -> Sedang"),
        pytest.param(D("75.5"), "Sedang", id="in the printed gap between 75 and 76 -> Sedang"),
        pytest.param(D(66), "Sedang", id="exactly 66 -> Sedang"),
        pytest.param(D("65.5"), "Rendah", id="in the printed gap between 65 and 66 -> Rendah"),
        pytest.param(D(51), "Rendah", id="exactly 51 -> Rendah"),
        pytest.param(D("50.99"), "Sangat Rendah", id="50,99 -> Sangat Rendah"),
        pytest.param(D(0), "Sangat Rendah", id="nothing achieved -> Sangat Rendah"),
        pytest.param(D(-20), "Sangat Rendah", id="negative capaian -> Sangat Rendah"),
        pytest.param(None, None, id="no capaian -> no peringkat"),
    ],
)
def test_permendagri_86_2017_bands(capaian: Decimal | None, label: str | None) -> None:
    assert SKALA_PERMENDAGRI_86_2017.peringkat(capaian) == label


def test_peringkat_uses_the_unrounded_capaian() -> None:
    # 90,996 prints as 91,00 but is below 91.
    assert DEFAULT_SKALA.peringkat(D("90.996")) == "Tinggi"


def test_seed_iku_is_sangat_tinggi() -> None:
    capaian = compute_capaian(D("91.5"), compute_persentase(D(13415), D(14460)))
    assert DEFAULT_SKALA.peringkat(capaian) == "Sangat Tinggi"


def test_default_scale_is_permendagri_86_2017_with_its_gaps_explained() -> None:
    assert DEFAULT_SKALA is SKALA_PERMENDAGRI_86_2017
    assert "Permendagri 86/2017" in DEFAULT_SKALA.dasar_hukum
    assert "celah" in DEFAULT_SKALA.catatan
    assert "[91, ∞), [76, 91), [66, 76), [51, 66), (−∞, 51)" in DEFAULT_SKALA.catatan


@pytest.mark.parametrize(
    ("nilai", "predikat"),
    [
        pytest.param(D(100), "AA", id="100 -> AA"),
        pytest.param(D("90.01"), "AA", id="just above 90 -> AA"),
        pytest.param(D(90), "A", id="exactly 90 is not above 90 -> A"),
        pytest.param(D(80), "BB", id="exactly 80 -> BB"),
        pytest.param(D(70), "B", id="exactly 70 -> B"),
        pytest.param(D(60), "CC", id="exactly 60 -> CC"),
        pytest.param(D(50), "C", id="exactly 50 -> C"),
        pytest.param(D("30.01"), "C", id="just above 30 -> C"),
        pytest.param(D(30), "D", id="exactly 30 -> D"),
        pytest.param(D(0), "D", id="0 -> D"),
    ],
)
def test_predikat_akip_88_2021_strict_bounds(nilai: Decimal, predikat: str) -> None:
    assert SKALA_PREDIKAT_AKIP_88_2021.peringkat(nilai) == predikat


def test_predikat_scale_cites_permenpanrb_88_2021() -> None:
    assert "88/2021" in SKALA_PREDIKAT_AKIP_88_2021.dasar_hukum


def _skala(*pita: Pita, berlaku_mulai: date = date(2024, 1, 1), kode: str = "UJI") -> Skala:
    return Skala(kode, "Skala uji", berlaku_mulai, "Peraturan Wali Kota uji", pita)


@pytest.mark.parametrize(
    "pita",
    [
        pytest.param((), id="no bands"),
        pytest.param((Pita(D(50), "Baik"),), id="no open bottom band"),
        pytest.param((Pita(None, "Kurang"), Pita(D(50), "Baik")), id="open band not last"),
        pytest.param((Pita(D(50), "Baik"), Pita(None, "Cukup"), Pita(None, "Kurang")),
                     id="two open bands"),
        pytest.param((Pita(D(50), "Cukup"), Pita(D(80), "Baik"), Pita(None, "Kurang")),
                     id="bands not descending"),
        pytest.param((Pita(D(50), "Baik"), Pita(D(50), "Cukup", inklusif=False),
                      Pita(None, "Kurang")), id="two bands with the same bound"),
        pytest.param((Pita(D(80), "Baik"), Pita(D(50), "Baik"), Pita(None, "Kurang")),
                     id="duplicate labels"),
    ],
)
def test_skala_rejects_invalid_bands(pita: tuple[Pita, ...]) -> None:
    with pytest.raises(ValueError, match="Skala UJI"):
        _skala(*pita)


def test_a_pemda_scale_is_data() -> None:
    skala = Skala(
        kode="METRO_2024",
        nama="Skala capaian Kota Metro",
        berlaku_mulai=date(2024, 1, 1),
        dasar_hukum="Peraturan Wali Kota (contoh)",
        pita=[Pita(D(100), "Tercapai"), Pita(None, "Belum tercapai")],  # type: ignore[arg-type]
    )
    assert isinstance(skala.pita, tuple)
    assert skala.peringkat(D(100)) == "Tercapai"
    assert skala.peringkat(D("99.99")) == "Belum tercapai"


LAMA = _skala(Pita(D(50), "Baik"), Pita(None, "Kurang"), berlaku_mulai=date(2017, 1, 1),
              kode="LAMA")
BARU = _skala(Pita(D(60), "Baik"), Pita(None, "Kurang"), berlaku_mulai=date(2024, 1, 1),
              kode="BARU")


@pytest.mark.parametrize(
    ("daftar", "tanggal", "kode"),
    [
        pytest.param([LAMA, BARU], date(2023, 12, 31), "LAMA",
                     id="before the new scale starts -> the old one"),
        pytest.param([LAMA, BARU], date(2024, 1, 1), "BARU",
                     id="on the day the new scale starts -> the new one"),
        pytest.param([BARU, LAMA], date(2025, 6, 1), "BARU",
                     id="order of the list does not matter"),
        pytest.param([LAMA, BARU], date(2016, 12, 31), None,
                     id="before any scale -> none"),
        pytest.param([], date(2024, 1, 1), None, id="no scales -> none"),
    ],
)
def test_pilih_skala(daftar: list[Skala], tanggal: date, kode: str | None) -> None:
    hasil = pilih_skala(daftar, tanggal)
    assert (hasil.kode if hasil else None) == kode


def test_pilih_skala_refuses_to_guess_between_two_scales_of_the_same_date() -> None:
    kembar = _skala(Pita(D(70), "Baik"), Pita(None, "Kurang"), kode="KEMBAR")
    with pytest.raises(ValueError, match="Lebih dari satu skala"):
        pilih_skala([LAMA, BARU, kembar], date(2024, 6, 1))
