"""The target in force (akuntabel.core.target)."""

from decimal import Decimal

import pytest

from akuntabel.core.reviu.data import Nilai
from akuntabel.core.target import ada, target_berlaku

D = Decimal
PK, RENJA, RENSTRA = Nilai("91,5", D("91.5")), Nilai("80", D(80)), Nilai("75", D(75))
KOSONG, STRIP = Nilai(""), Nilai("-")


@pytest.mark.parametrize(
    ("target", "pk", "hasil"),
    [
        pytest.param({"pk": PK, "renja": RENJA, "renstra": RENSTRA}, {}, ("pk", PK),
                     id="PK, Renja and Renstra -> the PK"),
        pytest.param({"renja": RENJA, "renstra": RENSTRA}, {"pk": PK}, ("pk", PK),
                     id="a row of the signed PK document counts as the PK target"),
        pytest.param({"pk": KOSONG, "renja": RENJA}, {}, ("renja", RENJA),
                     id="a blank PK target with a Renja target of 80 -> the Renja's 80"),
        pytest.param({"pk": STRIP, "renstra": RENSTRA}, {}, ("renstra", RENSTRA),
                     id="a PK target written as a dash is passed over"),
        pytest.param({"pk": PK, "pk_perubahan": Nilai("93", D(93))}, {},
                     ("pk_perubahan", Nilai("93", D(93))), id="a PK perubahan replaces the PK"),
        pytest.param({"renja": Nilai("WTP")}, {}, ("renja", Nilai("WTP")),
                     id="a target written as a label is a target"),
        pytest.param({}, {}, None, id="no target -> none in force"),
        pytest.param({"pk": KOSONG}, {"pk": STRIP}, None, id="only blanks -> none in force"),
    ],
)
def test_target_berlaku(target, pk, hasil):
    assert target_berlaku(target, pk) == hasil


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        pytest.param(None, False, id="missing"),
        pytest.param(Nilai(""), False, id="empty"),
        pytest.param(Nilai(" – "), False, id="a lone dash"),
        pytest.param(Nilai("0", D(0)), True, id="zero is given"),
        pytest.param(Nilai("tersedia"), True, id="a label is given"),
    ],
)
def test_ada(nilai, hasil):
    assert ada(nilai) is hasil
