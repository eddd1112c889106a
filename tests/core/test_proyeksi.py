"""Early warning: the year-end projection of an indicator (akuntabel.core.proyeksi)."""

from decimal import Decimal

import pytest

from akuntabel.core.capaian import Agregasi, MetodeTurun, Polaritas
from akuntabel.core.peringkat import DEFAULT_SKALA, Pita, Skala
from akuntabel.core.proyeksi import (
    LEBAR_MIN,
    Akurasi,
    Kalibrasi,
    KasusUji,
    MetodeProyeksi,
    Proyeksi,
    RiwayatTahun,
    batas_sedang,
    kalibrasi_interval,
    proyeksi_capaian,
    proyeksi_realisasi,
    uji_balik,
)

D = Decimal
KUM, AKHIR = Agregasi.KUMULATIF, Agregasi.NILAI_AKHIR
M = MetodeProyeksi


@pytest.mark.parametrize(
    ("agregasi", "triwulan", "sampai", "kw", "titik", "bawah", "atas", "metode"),
    [
        pytest.param(KUM, {1: D(20), 2: D(25)}, 2,
                     {"rencana": {1: D(20), 2: D(25), 3: D(25), 4: D(30)},
                      "target_tahun": D(100)},
                     D(100), D("94.5"), D("105.5"), M.RENCANA_TRIWULAN,
                     id="count on plan at TW II -> the year's target, interval ±10 % of the "
                        "55 still to come"),
        pytest.param(KUM, {1: D(10), 2: D(25)}, 2,
                     {"rencana": {1: D(20), 2: D(25), 3: D(25), 4: D(30)},
                      "target_tahun": D(100)},
                     D("35") + D(35) / D(45) * D(55), D(35) + D("0.5") * D(55), D(90),
                     M.RENCANA_TRIWULAN,
                     id="count behind plan at TW II -> so far + pace 35/45 × the 55 to come, "
                        "interval from the quarters' paces 0,5 and 1"),
        pytest.param(KUM, {1: D(30)}, 1, {}, D(120), D(111), D(129), M.LINIER,
                     id="count without plan or history at TW I -> linear so far × 4, ±10 %"),
        pytest.param(KUM, {1: D(10), 2: None, 3: D(30)}, 3, {}, D(80),
                     D(40) + D("0.5") * D(40), D(40) + D("1.5") * D(40), M.LINIER,
                     id="count with TW II empty -> mean of the filled quarters × 4, the "
                        "quarters' spread"),
        pytest.param(KUM, {1: D(20)}, 1,
                     {"riwayat": [RiwayatTahun({1: D(20), 2: D(25), 3: D(25), 4: D(30)}),
                                  RiwayatTahun({1: D(25), 2: D(25), 3: D(25), 4: D(25)})]},
                     D(20) / D("0.225"), D(80), D(100), M.RIWAYAT_KUMULATIF,
                     id="count without plan, two earlier years -> so far ÷ their mean share "
                        "of the year at TW I, interval from the shares 0,20 and 0,25"),
        pytest.param(KUM, {1: D(20)}, 1,
                     {"rencana": {1: D(0), 2: D(50), 3: D(50), 4: D(0)},
                      "target_tahun": D(100)},
                     D(80), D(74), D(86), M.LINIER,
                     id="count whose plan so far is 0 -> no pace against it, linear, ±10 % of the "
                        "60 to come"),
        pytest.param(AKHIR, {1: D(80), 2: D(84), 3: D(88)}, 3, {}, D(92), D("82.8"),
                     D("101.2"), M.GARIS_TREN,
                     id="rate rising 4 a quarter -> the line at TW IV 92, interval from the "
                        "last value 88 to the line, widened to ±10 % of 92"),
        pytest.param(AKHIR, {1: D(80)}, 1, {}, D(80), D(72), D(88), M.NILAI_TERAKHIR,
                     id="rate at TW I without history -> the last value, ±10 %"),
        pytest.param(AKHIR, {1: D(70), 2: D(84)}, 2, {}, D(84), D("75.6"), D(112),
                     M.NILAI_TERAKHIR,
                     id="rate at TW II without history -> the last value (two points always "
                        "fit a line), the line's 112 at TW IV as the interval's end"),
        pytest.param(AKHIR, {1: D(80), 2: D(90)}, 2,
                     {"riwayat": [RiwayatTahun({2: D(50), 4: D(55)}),
                                  RiwayatTahun({2: D(60)}, tahunan=D(72))]},
                     D(90) * D("1.15"), D(90) * D("1.15") - D("10.35"),
                     D("113.85"), M.RASIO_RIWAYAT,
                     id="rate with history -> TW II × the mean year-end/TW II ratio (1,1 and "
                        "1,2; an annual figure reported counts as the year-end)"),
        pytest.param(KUM, {1: D(20), 2: D(25), 3: D(25), 4: D(30)}, 4, {}, D(100), D(100),
                     D(100), M.TAHUN_LENGKAP,
                     id="every quarter filled at TW IV -> the year's realisasi, no interval"),
    ],
)
def test_proyeksi_realisasi(agregasi, triwulan, sampai, kw, titik, bawah, atas, metode):
    p = proyeksi_realisasi(agregasi, triwulan, sampai, **kw)
    assert (p.realisasi, p.bawah, p.atas, p.metode) == (titik, bawah, atas, metode)
    assert p.bawah <= p.realisasi <= p.atas


@pytest.mark.parametrize(
    ("triwulan", "sampai"),
    [
        pytest.param({}, 2, id="no quarter entered -> no projection, with the reason"),
        pytest.param({1: None, 2: None}, 2, id="quarters present but empty -> no projection"),
        pytest.param({3: D(5)}, 2, id="only a later quarter than asked -> not used"),
    ],
)
def test_no_projection(triwulan, sampai):
    p = proyeksi_realisasi(KUM, triwulan, sampai)
    assert p.realisasi is None and p.metode is None
    assert "Belum ada realisasi" in p.alasan


def test_a_quarter_outside_1_to_4_is_a_programming_error():
    with pytest.raises(ValueError, match="Triwulan"):
        proyeksi_realisasi(KUM, {1: D(1)}, 5)


def test_the_interval_is_never_narrower_than_the_floor():
    p = proyeksi_realisasi(AKHIR, {1: D(50), 2: D(50)}, 2,
                           riwayat=[RiwayatTahun({2: D(50), 4: D(50)})])
    assert p.atas - p.realisasi == LEBAR_MIN * D(50)


def _p(titik, bawah, atas):
    return Proyeksi(D(titik), D(bawah), D(atas), M.LINIER, triwulan_terisi=(1,))


@pytest.mark.parametrize(
    ("proyeksi", "target", "polaritas", "kw", "capaian", "bawah", "atas", "peringkat",
     "di_bawah", "seluruh"),
    [
        pytest.param(_p(60, 50, 70), D(100), Polaritas.NAIK, {}, D(60), D(50), D(70), "Rendah",
                     True, False,
                     id="higher is better, projected 60 of 100 -> Rendah, likely below "
                        "Sedang, the interval reaches it"),
        pytest.param(_p(60, 50, 64), D(100), Polaritas.NAIK, {}, D(60), D(50), D(64), "Rendah",
                     True, True,
                     id="higher is better, even the interval's top below 66 -> whole interval "
                        "below"),
        pytest.param(_p(66, 60, 70), D(100), Polaritas.NAIK, {}, D(66), D(60), D(70), "Sedang",
                     False, False,
                     id="projected exactly on Sedang's lower bound 66 -> not below"),
        pytest.param(_p(14, 12, 16), D(10), Polaritas.TURUN, {}, D(60), D(40), D(80), "Rendah",
                     True, False,
                     id="lower is better, projected 14 against 10 -> (2×10−14)/10 = 60 %, the "
                        "interval's ends swap"),
        pytest.param(_p(14, 12, 16), D(10), Polaritas.TURUN, {"metode_turun": MetodeTurun.RASIO},
                     D(10) * 100 / D(14), D(10) * 100 / D(16), D(10) * 100 / D(12), "Sedang",
                     False, False,
                     id="lower is better by ratio T/R -> 71,4 %, Sedang"),
        pytest.param(_p(50, 40, 90), D(60), Polaritas.RENTANG, {"target_atas": D(85)},
                     D(50) * 100 / D(60), D(40) * 100 / D(60), D(100), "Tinggi", False, False,
                     id="range 60–85, interval spans the range -> its best is 100"),
    ],
)
def test_proyeksi_capaian(proyeksi, target, polaritas, kw, capaian, bawah, atas, peringkat,
                          di_bawah, seluruh):
    c = proyeksi_capaian(proyeksi, target, polaritas, skala=DEFAULT_SKALA, **kw)
    assert (c.capaian, c.bawah, c.atas, c.peringkat) == (capaian, bawah, atas, peringkat)
    assert (c.di_bawah_sedang, c.seluruh_interval_di_bawah) == (di_bawah, seluruh)


@pytest.mark.parametrize(
    ("proyeksi", "target", "polaritas", "alasan"),
    [
        pytest.param(_p(1, 1, 1), D(1), Polaritas.KUALITATIF, "kualitatif",
                     id="qualitative indicator -> no projected capaian, with the reason"),
        pytest.param(_p(10, 9, 11), None, Polaritas.NAIK, "Tidak ada target",
                     id="no target this year -> no capaian"),
        pytest.param(_p(10, 9, 11), D(0), Polaritas.NAIK, "target nol",
                     id="zero target -> no capaian (never a division by zero)"),
        pytest.param(Proyeksi(None, alasan="Belum ada realisasi triwulan."), D(10),
                     Polaritas.NAIK, "Belum ada realisasi",
                     id="no projection -> its reason is passed on"),
    ],
)
def test_no_projected_capaian(proyeksi, target, polaritas, alasan):
    c = proyeksi_capaian(proyeksi, target, polaritas, skala=DEFAULT_SKALA)
    assert c.capaian is None and not c.di_bawah_sedang
    assert alasan in c.alasan


def test_a_scale_without_a_sedang_band_flags_nothing():
    skala = Skala(kode="X", nama="X", berlaku_mulai=DEFAULT_SKALA.berlaku_mulai,
                  dasar_hukum="uji", pita=(Pita(D(50), "Baik"), Pita(None, "Kurang")))
    c = proyeksi_capaian(_p(10, 5, 15), D(100), Polaritas.NAIK, skala=skala)
    assert batas_sedang(skala) is None
    assert c.peringkat == "Kurang" and not c.di_bawah_sedang


def test_a_pemdas_own_sedang_bound_is_used():
    skala = Skala(kode="P", nama="P", berlaku_mulai=DEFAULT_SKALA.berlaku_mulai,
                  dasar_hukum="Perkada uji", pita=(Pita(D(80), "Tinggi"), Pita(D(70), "Sedang"),
                                                     Pita(None, "Rendah")))
    assert proyeksi_capaian(_p(68, 60, 75), D(100), Polaritas.NAIK, skala=skala).di_bawah_sedang


_RENCANA = {1: D(20), 2: D(25), 3: D(25), 4: D(30)}


@pytest.mark.parametrize(
    ("kasus", "sampai", "akurasi"),
    [
        pytest.param([KasusUji(KUM, {1: D(20), 2: D(25), 3: D(25), 4: D(30)}, rencana=_RENCANA,
                               target_tahun=D(100))], 2, Akurasi(2, 1, D(0), D(100)),
                     id="a year on plan projected at TW II -> no error, inside the interval"),
        pytest.param([KasusUji(KUM, {1: D(20), 2: D(25), 3: D(25), 4: D(50)}, rencana=_RENCANA,
                               target_tahun=D(100)),
                      KasusUji(KUM, {1: D(20), 2: D(25), 3: D(25), 4: D(30)}, rencana=_RENCANA,
                               target_tahun=D(100))], 3,
                     Akurasi(3, 2, D(20) * 100 / D(120) / 2, D(50)),
                     id="TW IV 20 above plan in one of two years -> its 16,7 % error halved, "
                        "half inside"),
        pytest.param([KasusUji(AKHIR, {1: D(80), 2: D(84), 3: D(88), 4: D(92)})], 3,
                     Akurasi(3, 1, D(0), D(100)),
                     id="a rate on its line projected at TW III -> no error"),
        pytest.param([KasusUji(KUM, {1: D(0), 2: D(0), 3: D(0), 4: D(0)}),
                      KasusUji(KUM, {2: D(5), 3: D(5), 4: D(5)})], 1, Akurasi(1, 0, None, None),
                     id="a year of 0 and a year without TW I -> nothing to measure"),
        pytest.param([KasusUji(KUM, {1: D(20), 2: D(25), 3: D(25)}, rencana=_RENCANA,
                               target_tahun=D(100))], 2, Akurasi(2, 0, None, None),
                     id="TW IV late and no annual figure -> the year is not complete, left out"),
    ],
)
def test_uji_balik(kasus, sampai, akurasi):
    assert uji_balik(kasus, sampai) == akurasi


def _tahun(tw4):
    """A past count on plan in TW I–III (20/25/25) whose TW IV came in at ``tw4``."""
    return KasusUji(KUM, {1: D(20), 2: D(25), 3: D(25), 4: D(tw4)}, rencana=_RENCANA,
                    target_tahun=D(100))


@pytest.mark.parametrize(
    ("tw4", "bawah", "atas"),
    [
        pytest.param(list(range(21, 41)), D("-0.07"), D("0.08"),
                     id="TW IV from 21 to 40 against 30 planned -> 20 errors −9 %…+10 %, the "
                        "3rd and 18th (nearest ranks of 10 % and 90 %) −7 % and +8 %"),
        pytest.param([40] * 12, D(0), D("0.1"),
                     id="always 10 above plan -> a one-sided interval, upwards only"),
    ],
)
def test_kalibrasi_interval_reads_the_quantiles_of_past_errors(tw4, bawah, atas):
    k = kalibrasi_interval([_tahun(v) for v in tw4], 3)
    assert (k.sampai, k.n, k.bawah, k.atas) == (3, len(tw4), bawah, atas)


def test_too_few_past_projections_give_no_calibration():
    assert kalibrasi_interval([_tahun(30)] * 9, 3) is None


@pytest.mark.parametrize(
    ("kalibrasi", "bawah", "atas"),
    [
        pytest.param(Kalibrasi(2, 20, D("-0.2"), D("0.3")), D(80), D(130),
                     id="past errors −20 %…+30 % -> the interval widened to 80–130"),
        pytest.param(Kalibrasi(2, 20, D("-0.9"), D(0)), D(45), D("105.5"),
                     id="never below the 45 already achieved, never narrower than before"),
    ],
)
def test_a_calibrated_interval_holds_the_past_errors(kalibrasi, bawah, atas):
    p = proyeksi_realisasi(KUM, {1: D(20), 2: D(25)}, 2, rencana=_RENCANA,
                           target_tahun=D(100), kalibrasi=kalibrasi)
    assert (p.realisasi, p.bawah, p.atas, p.dikalibrasi) == (D(100), bawah, atas, 20)
