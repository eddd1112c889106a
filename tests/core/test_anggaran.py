"""Budget tree roll-up and serapan (akuntabel.core.anggaran)."""

import random
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from akuntabel.core.anggaran import (
    AnggaranError,
    BarisAnggaran,
    HasilNode,
    Jumlah,
    Selisih,
    compute_serapan,
    find_induk_tidak_sama,
    find_realisasi_melebihi_pagu,
    find_realisasi_tanpa_pagu,
    rollup,
)
from akuntabel.core.angka import format_persen, parse_rupiah

D = Decimal


def make_baris(
    kunci: str, induk: str | None = None, pagu: str | None = None, realisasi: str | None = None
) -> BarisAnggaran:
    """A budget row from Indonesian amount text, e.g. make_baris("A", None, "1.000", "-")."""
    return BarisAnggaran(
        kunci,
        induk,
        None if pagu is None else parse_rupiah(pagu),
        None if realisasi is None else parse_rupiah(realisasi),
    )


# Seed LAKIP 2023, Tabel 1.3: kegiatan "Administrasi Keuangan" and the five sub kegiatan
# listed under it. Keys are the names: the seed prints no codes for them.
ADMINISTRASI_KEUANGAN = [
    make_baris("Administrasi Keuangan", None, "2.845.000.000", "2.455.597.323"),
    make_baris("Penyediaan Gaji dan Tunjangan ASN", "Administrasi Keuangan",
               "2.500.000.000", "2.162.335.103"),
    make_baris("Penyediaan Administrasi Pelaksanaan Tugas ASN", "Administrasi Keuangan",
               "200.000.000", "217.800.000"),
    make_baris("Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
               "Administrasi Keuangan", "90.000.000", "62.560.000"),
    make_baris("Koordinasi dan Pelaksanaan Akuntansi SKPD", "Administrasi Keuangan",
               "40.000.000", "45.206.470"),
    make_baris("Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
               "Administrasi Keuangan", "6.000.000", "8.299.950"),
]


def test_seed_serapan_of_the_whole_budget_is_94_74_percent() -> None:
    serapan = compute_serapan(parse_rupiah("5.093.068.611"), parse_rupiah("4.825.424.420"))
    assert format_persen(serapan) == "94,74%"


@pytest.mark.parametrize(
    ("pagu", "realisasi", "hasil"),
    [
        pytest.param(D(200), D(150), D(75), id="three quarters spent -> 75%"),
        pytest.param(D(200), D(0), D(0), id="nothing spent -> 0%"),
        pytest.param(D(200), D(300), D(150), id="overspent -> above 100%"),
        pytest.param(D(0), D(10), None, id="no pagu -> no value"),
        pytest.param(None, D(10), None, id="missing pagu -> no value"),
        pytest.param(D(200), None, None, id="missing realisasi -> no value"),
    ],
)
def test_compute_serapan(
    pagu: Decimal | None, realisasi: Decimal | None, hasil: Decimal | None
) -> None:
    assert compute_serapan(pagu, realisasi) == hasil


def test_seed_printed_parent_is_not_the_sum_of_its_children() -> None:
    hasil = rollup(ADMINISTRASI_KEUANGAN)
    induk = hasil["Administrasi Keuangan"]
    assert induk.pagu == Jumlah(D("2836000000"), "data")
    assert induk.realisasi == Jumlah(D("2496201523"), "data")
    assert find_induk_tidak_sama(hasil) == [
        Selisih("Administrasi Keuangan", "pagu", D("2845000000"), D("2836000000")),
        Selisih("Administrasi Keuangan", "realisasi", D("2455597323"), D("2496201523")),
    ]


def test_seed_realisasi_above_pagu_is_found() -> None:
    hasil = rollup(ADMINISTRASI_KEUANGAN)
    assert find_realisasi_melebihi_pagu(hasil) == [
        "Penyediaan Administrasi Pelaksanaan Tugas ASN",
        "Koordinasi dan Pelaksanaan Akuntansi SKPD",
        "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
    ]


@pytest.mark.parametrize(
    ("baris", "kunci", "pagu", "realisasi"),
    [
        pytest.param([make_baris("A", None, "100", "40")], "A",
                     Jumlah(D(100), "data"), Jumlah(D(40), "data"),
                     id="a single leaf carries its own amounts"),
        pytest.param([make_baris("A", None, "100", None)], "A",
                     Jumlah(D(100), "data"), Jumlah(None, "tidak_ada"),
                     id="a leaf without realisasi -> tidak ada, not 0"),
        pytest.param([make_baris("A", None, "100", "-")], "A",
                     Jumlah(D(100), "data"), Jumlah(D(0), "data"),
                     id="a leaf with a dash realisasi -> 0 from data"),
        pytest.param([make_baris("A"), make_baris("A.1", "A", "60", "30"),
                      make_baris("A.2", "A", "40", "10")], "A",
                     Jumlah(D(100), "data"), Jumlah(D(40), "data"),
                     id="a parent without printed amounts -> the sum of its children"),
        pytest.param([make_baris("A", None, "999", "999"), make_baris("A.1", "A", "60", "30"),
                      make_baris("A.2", "A", "40", "10")], "A",
                     Jumlah(D(100), "data"), Jumlah(D(40), "data"),
                     id="complete children win over the printed parent"),
        pytest.param([make_baris("A", None, "100", "45"), make_baris("A.1", "A", "60", "30"),
                      make_baris("A.2", "A", "40", None)], "A",
                     Jumlah(D(100), "data"), Jumlah(D(45), "tercetak"),
                     id="a child without realisasi -> the parent's printed realisasi"),
        pytest.param([make_baris("A", None, "100"), make_baris("A.1", "A", "60", "30"),
                      make_baris("A.2", "A", "40", None)], "A",
                     Jumlah(D(100), "data"), Jumlah(None, "tidak_ada"),
                     id="a child without realisasi and nothing printed -> tidak ada, not 30"),
        pytest.param([make_baris("A", None, None, "77"), make_baris("A.1", "A"),
                      make_baris("A.1.1", "A.1", "10", None)], "A",
                     Jumlah(D(10), "data"), Jumlah(D(77), "tercetak"),
                     id="incompleteness two levels down reaches the top"),
        pytest.param([make_baris("A", None, None, "77"), make_baris("A.1", "A", None, "50"),
                      make_baris("A.1.1", "A.1", "10", None)], "A",
                     Jumlah(D(10), "data"), Jumlah(D(77), "tercetak"),
                     id="a printed child does not make its parent's sum data"),
    ],
)
def test_rollup_amount_and_source(
    baris: list[BarisAnggaran], kunci: str, pagu: Jumlah, realisasi: Jumlah
) -> None:
    node = rollup(baris)[kunci]
    assert (node.pagu, node.realisasi) == (pagu, realisasi)


def test_rollup_node_keeps_printed_amounts_tree_and_serapan() -> None:
    hasil = rollup([make_baris("A", None, "120", "50"), make_baris("A.1", "A", "60", "30"),
                    make_baris("A.2", "A", "40", "10")])
    assert hasil["A"] == HasilNode(
        kunci="A",
        pagu=Jumlah(D(100), "data"),
        realisasi=Jumlah(D(40), "data"),
        pagu_tercetak=D(120),
        realisasi_tercetak=D(50),
        serapan=D(40),
        induk=None,
        anak=("A.1", "A.2"),
    )
    assert hasil["A.1"].induk == "A"
    assert hasil["A.1"].serapan == D(50)
    assert list(hasil) == ["A", "A.1", "A.2"]


def test_rollup_accepts_children_before_their_parent() -> None:
    hasil = rollup([make_baris("A.1", "A", "60", "30"), make_baris("A", None, None, None)])
    assert hasil["A"].pagu == Jumlah(D(60), "data")
    assert list(hasil) == ["A.1", "A"]


def test_rollup_of_nothing_is_empty() -> None:
    assert rollup([]) == {}


@pytest.mark.parametrize(
    ("baris", "pesan"),
    [
        pytest.param([make_baris("A"), make_baris("A")], "Baris 'A' muncul lebih dari sekali",
                     id="duplicate key"),
        pytest.param([make_baris("A"), make_baris("B", "X")],
                     "Baris 'B' menunjuk induk 'X' yang tidak ada", id="unknown parent"),
        pytest.param([make_baris("A", "A")], "siklus induk: A → A",
                     id="a row that is its own parent"),
        pytest.param([make_baris("R"), make_baris("A", "B"), make_baris("B", "A")],
                     "siklus induk: A → B → A", id="two rows that are each other's parent"),
        pytest.param([make_baris("C", "A"), make_baris("A", "B"), make_baris("B", "A")],
                     "siklus induk: A → B → A", id="a row hanging below a cycle names the cycle"),
    ],
)
def test_rollup_rejects_rows_that_are_not_a_tree(baris: list[BarisAnggaran], pesan: str) -> None:
    with pytest.raises(AnggaranError, match=pesan):
        rollup(baris)


def test_anggaran_error_is_a_value_error() -> None:
    assert issubclass(AnggaranError, ValueError)


def test_induk_tidak_sama_skips_leaves_incomplete_sums_and_unprinted_parents() -> None:
    hasil = rollup([
        make_baris("A", None, "100", "50"),      # pagu matches, realisasi incomplete below
        make_baris("A.1", "A", "100", None),
        make_baris("B", None, None, None),       # nothing printed: nothing to compare
        make_baris("B.1", "B", "5", "5"),
    ])
    assert find_induk_tidak_sama(hasil) == []


@pytest.mark.parametrize(
    ("baris", "kunci"),
    [
        pytest.param([make_baris("A", None, "100", "101")], ["A"], id="overspent leaf"),
        pytest.param([make_baris("A", None, "100", "100")], [], id="exactly spent -> fine"),
        pytest.param([make_baris("A", None, None, "100")], [], id="no pagu -> not this check"),
        pytest.param([make_baris("A", None, "90", "80"), make_baris("A.1", "A", "50", "60"),
                      make_baris("A.2", "A", "50", "20")], ["A.1"],
                     id="computed parent within pagu although one child is over"),
    ],
)
def test_find_realisasi_melebihi_pagu(baris: list[BarisAnggaran], kunci: list[str]) -> None:
    assert find_realisasi_melebihi_pagu(rollup(baris)) == kunci


@pytest.mark.parametrize(
    ("baris", "kunci"),
    [
        pytest.param([make_baris("A", None, None, "10")], ["A"], id="realisasi without pagu"),
        pytest.param([make_baris("A", None, "0", "10")], ["A"], id="realisasi with pagu zero"),
        pytest.param([make_baris("A", None, "-", "10")], ["A"], id="realisasi with pagu dash"),
        pytest.param([make_baris("A", None, None, "0")], [], id="zero realisasi -> fine"),
        pytest.param([make_baris("A", None, None, None)], [], id="nothing at all -> fine"),
        pytest.param([make_baris("A", None, "10", "10")], [], id="realisasi with pagu -> fine"),
    ],
)
def test_find_realisasi_tanpa_pagu(baris: list[BarisAnggaran], kunci: list[str]) -> None:
    assert find_realisasi_tanpa_pagu(rollup(baris)) == kunci


def test_rollup_handles_a_chain_deeper_than_the_recursion_limit() -> None:
    baris = [make_baris("0", None)]
    baris += [make_baris(str(i), str(i - 1)) for i in range(1, 5000)]
    baris[-1] = make_baris("4999", "4998", "7", "3")
    hasil = rollup(baris)
    assert hasil["0"].pagu == Jumlah(D(7), "data")
    assert hasil["0"].serapan == compute_serapan(D(7), D(3))


def test_rollup_of_a_50000_row_tree_completes() -> None:
    # Six levels like a DPA (program > kegiatan > sub kegiatan > rekening ...), fan-out 6,
    # plus a long chain so the depth is well beyond 10.
    acak = random.Random(2023)
    baris = [BarisAnggaran("root", None, None, None)]
    lapisan = ["root"]
    while len(baris) < 50_000:
        berikut = []
        for induk in lapisan:
            for j in range(6):
                if len(baris) >= 50_000:
                    break
                kunci = f"{induk}.{j}"
                baris.append(BarisAnggaran(kunci, induk, None, None))
                berikut.append(kunci)
        lapisan = berikut
    for i in range(20):
        baris.append(BarisAnggaran(f"rantai.{i}", "root" if i == 0 else f"rantai.{i - 1}",
                                   None, None))
    punya_anak = {b.induk for b in baris}
    baris = [
        b if b.kunci in punya_anak
        else BarisAnggaran(b.kunci, b.induk, D(acak.randint(0, 10**9)), D(acak.randint(0, 10**9)))
        for b in baris
    ]
    hasil = rollup(baris)
    daun = [b for b in baris if b.kunci not in punya_anak]
    assert len(hasil) == len(baris)
    assert hasil["root"].pagu == Jumlah(sum((b.pagu for b in daun if b.pagu), D(0)), "data")


# --- properties --------------------------------------------------------------------------

_JUMLAH = st.decimals(min_value=0, max_value=10**15, places=2, allow_nan=False,
                      allow_infinity=False)


@st.composite
def pohon(draw: st.DrawFn) -> list[BarisAnggaran]:
    """A random tree with one root: row i hangs under one of the rows before it."""
    n = draw(st.integers(min_value=1, max_value=60))
    induk = [None] + [f"k{draw(st.integers(0, i - 1))}" for i in range(1, n)]
    punya_anak = {i for i in induk if i is not None}
    baris = []
    for i in range(n):
        kunci = f"k{i}"
        if kunci in punya_anak:  # parents may carry any printed amount, or none
            pagu = draw(st.none() | _JUMLAH)
            realisasi = draw(st.none() | _JUMLAH)
        else:
            pagu, realisasi = draw(_JUMLAH), draw(_JUMLAH)
        baris.append(BarisAnggaran(kunci, induk[i], pagu, realisasi))
    return baris


@given(pohon())
def test_root_total_equals_the_sum_of_all_leaves(baris: list[BarisAnggaran]) -> None:
    hasil = rollup(baris)
    daun = [b for b in baris if not hasil[b.kunci].anak]
    assert hasil["k0"].pagu == Jumlah(sum((b.pagu for b in daun if b.pagu is not None), D(0)),
                                      "data")
    assert hasil["k0"].realisasi.nilai == sum(
        (b.realisasi for b in daun if b.realisasi is not None), D(0)
    )


@given(pohon(), st.randoms(use_true_random=False))
def test_rollup_does_not_depend_on_input_order(
    baris: list[BarisAnggaran], acak: random.Random
) -> None:
    diacak = list(baris)
    acak.shuffle(diacak)

    def ringkas(h: dict[str, HasilNode]) -> dict[str, tuple[object, ...]]:
        return {
            k: (n.pagu, n.realisasi, n.pagu_tercetak, n.realisasi_tercetak, n.serapan,
                n.induk, frozenset(n.anak))
            for k, n in h.items()
        }

    assert ringkas(rollup(diacak)) == ringkas(rollup(baris))
