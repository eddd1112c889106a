"""Year-over-year change of an indicator's realisasi (akuntabel.core.capaian.compute_perubahan).

DESIGN.md: ``(R_n − R_n−1) / |R_n−1| × 100``, read as an improvement or not by the polarity; a
zero or missing base gives no percentage ("–").
"""

from decimal import Decimal

import pytest

from akuntabel.core.capaian import Perubahan, Polaritas, compute_perubahan

D = Decimal


@pytest.mark.parametrize(("lalu", "kini", "polaritas", "persen", "membaik"), [
    pytest.param("80", "92", "naik", "15", True,
                 id="higher is better, realisasi up from 80 to 92 -> +15%, improved"),
    pytest.param("92", "80", "naik", "-13.04347826086956521739130435", False,
                 id="higher is better, realisasi down -> negative change, not improved"),
    pytest.param("12", "9", "turun", "-25", True,
                 id="lower is better (poverty rate), down from 12 to 9 -> -25%, improved"),
    pytest.param("9", "12", "turun", "33.33333333333333333333333333", False,
                 id="lower is better, up from 9 to 12 -> +33%, worse"),
    pytest.param("-10", "-5", "naik", "50", True,
                 id="negative base: -10 to -5 is up by 50% of |base|, the sign of the change kept"),
    pytest.param("-10", "-15", "naik", "-50", False,
                 id="negative base: -10 to -15 is down by 50%"),
    pytest.param("-10", "-15", "turun", "-50", True,
                 id="negative base, lower is better: -10 to -15 is an improvement"),
    pytest.param("0", "5", "naik", None, True,
                 id="zero base gives no percentage, the direction still reads as improved"),
    pytest.param("0", "0", "naik", None, False,
                 id="zero base and no change: no percentage, not improved"),
    pytest.param("50", "50", "naik", "0", False, id="no change is not an improvement"),
    pytest.param("50", "50", "turun", "0", False,
                 id="no change is not an improvement when lower is better either"),
    pytest.param(None, "50", "naik", None, None, id="no realisasi last year -> no value"),
    pytest.param("50", None, "naik", None, None, id="no realisasi this year -> no value"),
    pytest.param("60", "70", "rentang", "16.66666666666666666666666667", None,
                 id="range target: the change is computed, its direction says nothing"),
    pytest.param("1", "2", "kualitatif", "100", None,
                 id="qualitative indicator: no reading of the direction"),
])
def test_year_over_year_change(lalu, kini, polaritas, persen, membaik):
    hasil = compute_perubahan(D(lalu) if lalu else None, D(kini) if kini else None,
                              Polaritas(polaritas))
    assert hasil == Perubahan(D(persen) if persen is not None else None, membaik)
    pct, better = hasil  # unpacks as (persen, membaik)
    assert (pct, better) == (hasil.persen, hasil.membaik)


def test_plain_strings_from_the_database_are_accepted():
    assert compute_perubahan(D(10), D(12), "naik") == Perubahan(D(20), True)
