"""The list of what changed since a final (reports.kesiapan.perbedaan) is read by a kepala: a
yes/no value reads "ya"/"tidak", a status code reads as words, never Python's True/False or a
snake_case code."""

import pytest

from akuntabel.reports.kesiapan import perbedaan


@pytest.mark.parametrize(("lama", "baru", "dibaca"), [
    pytest.param(False, True, ("tidak", "ya"), id="a flag that became true reads tidak then ya"),
    pytest.param("belum_diverifikasi", "terverifikasi", ("belum diverifikasi", "terverifikasi"),
                 id="a status code reads as words"),
    pytest.param("12.50", "13", ("12,5", "13"),
                 id="a number kept as text reads the Indonesian way"),
    pytest.param("Dinas_Sosial x", "y", ("Dinas_Sosial x", "y"),
                 id="a text with an underscore is kept"),
])
def test_a_changed_value_reads_in_indonesian(lama, baru, dibaca):
    (beda,) = perbedaan({"a": lama}, {"a": baru})
    assert (beda.tempat, beda.lama, beda.baru) == ("a", *dibaca)
