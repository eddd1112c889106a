"""The check of a performance tree (akuntabel.core.pohon): every node serves one above it
(orphans), a sasaran, program or kegiatan has something below it and every node from the
tujuan down has an indicator (dead ends), and a cycle is refused with the nodes named."""

import pytest

from akuntabel.core.pohon import SiklusPohon, Simpul, periksa_pohon


def S(kunci, jenis, *induk, indikator=1, label=None):
    return Simpul(kunci, jenis, label or kunci, tuple(induk), indikator)


LENGKAP = [
    S("v", "visi", indikator=0), S("m", "misi", "v", indikator=0), S("t", "tujuan", "m"),
    S("s", "sasaran", "t"), S("p", "program", "s"), S("k", "kegiatan", "p"),
    S("sk", "subkegiatan", "k"),
]


def kunci(temuan):
    return [(t.kunci, t.kode) for t in temuan]


@pytest.mark.parametrize(
    ("tambahan", "yatim", "buntu"),
    [
        pytest.param([], [], [], id="a complete chain from visi to sub kegiatan -> nothing found"),
        pytest.param([S("p2", "program")], [("p2", "POH-YATIM")],
                     [("p2", "POH-BUNTU")],
                     id="a program linked to no sasaran -> orphan (and a dead end: no kegiatan)"),
        pytest.param([S("p2", "program", "hilang"), S("k2", "kegiatan", "p2"),
                      S("sk2", "subkegiatan", "k2")],
                     [("p2", "POH-YATIM")], [],
                     id="a program serving a node not in the tree -> orphan"),
        pytest.param([S("s2", "sasaran", "t")], [], [("s2", "POH-BUNTU")],
                     id="a sasaran with no program -> dead end"),
        pytest.param([S("p2", "program", "s")], [], [("p2", "POH-BUNTU")],
                     id="a program with no kegiatan -> dead end"),
        pytest.param([S("k2", "kegiatan", "p")], [], [("k2", "POH-BUNTU")],
                     id="a kegiatan with no sub kegiatan -> dead end"),
        pytest.param([S("sk2", "subkegiatan", "k", indikator=0)], [],
                     [("sk2", "POH-TANPA-INDIKATOR")],
                     id="a sub kegiatan without an indicator -> dead end, no indicator"),
        pytest.param([S("s2", "sasaran", "t", indikator=0), S("p2", "program", "s2"),
                      S("k2", "kegiatan", "p2"), S("sk2", "subkegiatan", "k2")],
                     [], [("s2", "POH-TANPA-INDIKATOR")],
                     id="a sasaran with programs but no indicator -> dead end, no indicator"),
        pytest.param([S("m2", "misi", "v", indikator=0)], [], [],
                     id="a misi without tujuan of this OPD and without indicator -> nothing"),
        pytest.param([S("t2", "tujuan", "m", "m"), S("s2", "sasaran", "t2"),
                      S("p2", "program", "s2"), S("k2", "kegiatan", "p2"),
                      S("sk2", "subkegiatan", "k2")], [], [],
                     id="a second complete branch, its tujuan naming its misi twice -> nothing"),
        pytest.param([S("v2", "visi", indikator=0)], [], [],
                     id="a visi is a root: it serves nothing above it and is no orphan"),
    ],
)
def test_orphans_and_dead_ends(tambahan, yatim, buntu) -> None:
    hasil = periksa_pohon(LENGKAP + tambahan)
    assert kunci(hasil.yatim) == yatim
    assert kunci(hasil.buntu) == buntu


def test_a_node_serving_two_nodes_above_is_no_orphan() -> None:
    hasil = periksa_pohon([*LENGKAP, S("m2", "misi", "v", indikator=0),
                           S("t2", "tujuan", "m", "m2"), S("s2", "sasaran", "t2"),
                           S("p2", "program", "s2"), S("k2", "kegiatan", "p2"),
                           S("sk2", "subkegiatan", "k2")])
    assert hasil.yatim == () and hasil.buntu == ()


def test_messages_name_the_node_in_indonesian() -> None:
    hasil = periksa_pohon([*LENGKAP, S("p2", "program", label="1.06.09 Program Tanpa Sasaran")])
    assert hasil.yatim[0].pesan == (
        "Program “1.06.09 Program Tanpa Sasaran” tidak melayani sasaran mana pun di atasnya.")
    assert hasil.buntu[0].pesan == (
        "Program “1.06.09 Program Tanpa Sasaran” tidak memiliki kegiatan di bawahnya.")


@pytest.mark.parametrize(
    ("simpul", "jalur"),
    [
        pytest.param([S("a", "sasaran", "b"), S("b", "sasaran", "a")], ["a", "b", "a"],
                     id="two sasaran serving each other -> cycle"),
        pytest.param([S("a", "program", "a")], ["a", "a"],
                     id="a program serving itself -> cycle"),
        pytest.param([*LENGKAP[:4], S("x", "sasaran", "s"), S("y", "sasaran", "x", "z"),
                      S("z", "sasaran", "y")], ["y", "z", "y"],
                     id="a cycle below a sound chain is found"),
    ],
)
def test_a_cycle_is_refused_naming_its_nodes(simpul, jalur) -> None:
    with pytest.raises(SiklusPohon) as err:
        periksa_pohon(simpul)
    assert err.value.jalur == tuple(jalur)
    assert "siklus" in str(err.value)
    assert " → ".join(f"“{k}”" for k in jalur) in str(err.value)


def test_two_nodes_with_one_key_are_refused() -> None:
    with pytest.raises(ValueError, match="dua kali"):
        periksa_pohon([S("a", "visi"), S("a", "misi")])
