"""Reviu rules of the budget arithmetic group (``ANG``).

The budget tree of ``ReviuData.anggaran`` has two parts, checked differently:

* **OPD > program > kegiatan > sub kegiatan.** A sub kegiatan's amounts are its DPA amounts,
  the truth for it and everything above it (Permendagri 77/2020: the DPA is issued per sub
  kegiatan). A program or kegiatan row carries the amounts printed for it, which must be the
  sum of its sub kegiatan (ANG-001, ANG-002). The OPD's total, the sum over all sub kegiatan,
  must be what the report prints elsewhere, with its serapan (ANG-010, ANG-011); the Renstra
  comparison table must print each node's DPA realisasi, and none for a node without DPA
  (ANG-012, ANG-015).
* **The rekening lines under a sub kegiatan** (kode rekening of Permendagri 90/2019). The kode
  rekening lines (leaves) must add up to the sub kegiatan's DPA amount (ANG-003, ANG-004); a
  line with children must print the sum of its direct children (ANG-005, ANG-006), so that a
  wrong subtotal is reported where it is wrong and not again at every line above it. Each
  line's kode extends its parent's, one level at a time (ANG-013, ANG-014).

Realisasi above pagu and realisasi without pagu (ANG-008, ANG-009) are reported on the sub
kegiatan and on the lowest rekening line that shows them, not on every line above.

Sums come from :func:`akuntabel.core.anggaran.rollup`. Where a leaf has no amount (not
printed), a sum that needs it is not known: no mismatch is claimed, and the incomplete
breakdown is reported once per sub kegiatan (ANG-007).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from akuntabel.core.anggaran import BarisAnggaran as BarisRollup
from akuntabel.core.anggaran import HasilNode, Jumlah, compute_serapan, rollup
from akuntabel.core.angka import Angka, format_persen, format_rupiah, parse_angka, round_half_up
from akuntabel.core.reviu.data import BarisAnggaran, Finding, Lokasi, ReviuData
from akuntabel.core.reviu.registry import aturan, temuan

BAGIAN_TABEL = "Tabel 3.2 Realisasi Anggaran"
BAGIAN_RENSTRA = "3.4 Perbandingan Realisasi dengan Renstra"

DASAR_ARITMETIKA = "Prinsip akuntansi/aritmetika"
DASAR_STRUKTUR = (
    "Permendagri 90/2019 (klasifikasi, kodefikasi dan nomenklatur program, kegiatan, "
    "sub kegiatan dan rekening); Prinsip akuntansi/aritmetika"
)
DASAR_DPA = "Permendagri 77/2020 (DPA per sub kegiatan sebagai dasar pelaksanaan belanja)"
DASAR_LAKIP = (
    "Permenpan RB 53/2014 (Laporan Kinerja, Bab III: realisasi anggaran); "
    "Prinsip akuntansi/aritmetika"
)
DASAR_KODE = "Permendagri 90/2019 (kodefikasi rekening belanja)"

_ATAS = frozenset({"opd", "program", "kegiatan", "sub_kegiatan"})
_LABEL = {"opd": "OPD", "program": "program", "kegiatan": "kegiatan",
          "sub_kegiatan": "sub kegiatan"}
_UKURAN_EN = {"pagu": "pagu", "realisasi": "realisation"}
_AKUN_BELANJA = "5"  # Permendagri 90/2019: akun 5 is Belanja Daerah


# --- the tree, built once per rule from the rows ------------------------------------------


@dataclass(frozen=True)
class _Pohon:
    """The rows as a tree: children in printed order, parents before children.

    Only rows reached from a root are in ``urutan`` (a cycle is left out, never raised on).
    """

    baris: dict[str, BarisAnggaran]
    anak: dict[str, tuple[str, ...]]
    urutan: tuple[str, ...]

    def sub_kegiatan_dari(self, kunci: str) -> BarisAnggaran | None:
        """The sub kegiatan a rekening line belongs to."""
        b: BarisAnggaran | None = self.baris.get(kunci)
        while b is not None and b.tingkat != "sub_kegiatan":
            b = self.baris.get(b.induk) if b.induk is not None else None
        return b

    def rekening_di_bawah(self, kunci: str) -> Iterator[tuple[str, int]]:
        """The rekening lines under ``kunci`` with their depth below it, parents first."""
        antrean = [(k, 1) for k in self.anak[kunci] if self.baris[k].tingkat == "rekening"]
        i = 0
        while i < len(antrean):
            k, d = antrean[i]
            yield k, d
            antrean.extend((c, d + 1) for c in self.anak[k] if self.baris[c].tingkat == "rekening")
            i += 1


@dataclass(frozen=True)
class _Analisis:
    pohon: _Pohon
    atas: dict[str, HasilNode]  # OPD > program > kegiatan > sub kegiatan (DPA)
    rekening: dict[str, HasilNode]  # each sub kegiatan with its rekening lines


# The rules of this module all read the same tree: it is built once per ``data.anggaran``.
# One slot, replaced in one assignment; it holds the rows it was built from, so the identity
# check cannot match a different tuple.
_terakhir: tuple[tuple[BarisAnggaran, ...], _Analisis] | None = None


def _analisis(data: ReviuData) -> _Analisis:
    global _terakhir
    simpanan = _terakhir
    if simpanan is not None and simpanan[0] is data.anggaran:
        return simpanan[1]
    pohon = _pohon(data.anggaran)
    hasil = _Analisis(pohon, _rollup_atas(pohon), _rollup_rekening(pohon))
    _terakhir = (data.anggaran, hasil)
    return hasil


def _pohon(anggaran: tuple[BarisAnggaran, ...]) -> _Pohon:
    baris: dict[str, BarisAnggaran] = {}
    for b in anggaran:
        baris.setdefault(b.kunci, b)
    anak: dict[str, list[str]] = {k: [] for k in baris}
    akar: list[str] = []
    for b in baris.values():
        if b.induk is None or b.induk not in baris or b.induk == b.kunci:
            akar.append(b.kunci)
        else:
            anak[b.induk].append(b.kunci)
    urutan = list(akar)
    i = 0
    while i < len(urutan):
        urutan.extend(anak[urutan[i]])
        i += 1
    return _Pohon(baris, {k: tuple(v) for k, v in anak.items()}, tuple(urutan))


def _rollup_atas(pohon: _Pohon) -> dict[str, HasilNode]:
    """OPD > program > kegiatan > sub kegiatan, with the sub kegiatan (DPA) as leaves."""
    rows = []
    for k in pohon.urutan:
        b = pohon.baris[k]
        if b.tingkat not in _ATAS:
            continue
        induk = pohon.baris.get(b.induk) if b.induk is not None else None
        if induk is None or induk.tingkat not in _ATAS or induk.tingkat == "sub_kegiatan":
            induk = None
        rows.append(BarisRollup(k, induk.kunci if induk else None, b.pagu, b.realisasi))
    return rollup(rows)


def _rollup_rekening(pohon: _Pohon) -> dict[str, HasilNode]:
    """Every sub kegiatan (its DPA amounts as printed) with its rekening lines below it."""
    rows = []
    for k in pohon.urutan:
        b = pohon.baris[k]
        if b.tingkat == "sub_kegiatan":
            rows.append(BarisRollup(k, None, b.pagu, b.realisasi))
            rows.extend(BarisRollup(r, pohon.baris[r].induk, pohon.baris[r].pagu,
                                    pohon.baris[r].realisasi)
                        for r, _ in pohon.rekening_di_bawah(k))
    return rollup(rows)


def _jumlah(node: HasilNode, ukuran: str) -> Jumlah:
    return node.pagu if ukuran == "pagu" else node.realisasi


def _tercetak(b: BarisAnggaran, ukuran: str) -> Decimal | None:
    return b.pagu if ukuran == "pagu" else b.realisasi


def _dari_data(jumlah: Jumlah) -> Decimal | None:
    """The amount when every leaf below is known, else None."""
    return jumlah.nilai if jumlah.sumber == "data" else None


def _nilai_baris(b: BarisAnggaran, node: HasilNode, ukuran: str) -> Decimal | None:
    """A line's amount as stated: printed, or else the sum of its leaves (None if unknown)."""
    tercetak = _tercetak(b, ukuran)
    return tercetak if tercetak is not None else _dari_data(_jumlah(node, ukuran))


def _nama_rekening(b: BarisAnggaran) -> str:
    return f"{b.uraian} ({b.kode})" if b.kode else b.uraian


def _tempat(pohon: _Pohon, b: BarisAnggaran) -> tuple[str, str]:
    """A rekening line named with its sub kegiatan, in Indonesian and English."""
    sub = pohon.sub_kegiatan_dari(b.kunci)
    if sub is None:
        return _nama_rekening(b), _nama_rekening(b)
    return (f"{_nama_rekening(b)} pada sub kegiatan {sub.uraian}",
            f"{_nama_rekening(b)} under sub kegiatan {sub.uraian}")


def _lokasi(b: BarisAnggaran) -> Lokasi:
    return Lokasi(BAGIAN_TABEL, b.kunci, b.jalur or b.uraian)


def _total(hasil: dict[str, HasilNode]) -> tuple[Decimal | None, Decimal | None]:
    """The tree's total pagu and realisasi: the sum over its roots (the OPD row), None when
    an amount below is not known."""
    akar = [node for node in hasil.values() if node.induk is None]
    total: list[Decimal | None] = []
    for ukuran in ("pagu", "realisasi"):
        nilai = [_dari_data(_jumlah(node, ukuran)) for node in akar]
        ada = [n for n in nilai if n is not None]
        total.append(sum(ada, Decimal(0)) if ada and len(ada) == len(nilai) else None)
    return total[0], total[1]


# --- ANG-001, ANG-002: program and kegiatan rows against their sub kegiatan ----------------


def _induk_tidak_sama(data: ReviuData, code: str, ukuran: str) -> list[Finding]:
    a = _analisis(data)
    pohon, hasil = a.pohon, a.atas
    findings = []
    for kunci, node in hasil.items():
        b = pohon.baris[kunci]
        tercetak = _tercetak(b, ukuran)
        dihitung = _dari_data(_jumlah(node, ukuran))
        if not node.anak or tercetak is None or dihitung is None or tercetak == dihitung:
            continue
        nama = f"{_LABEL[b.tingkat]} {b.uraian}"
        findings.append(temuan(
            code,
            f"{ukuran.capitalize()} {nama} tercetak {format_rupiah(tercetak)}, tetapi jumlah "
            f"{ukuran} DPA sub kegiatannya {format_rupiah(dihitung)}.",
            f"The {_UKURAN_EN[ukuran]} of {nama} prints {format_rupiah(tercetak)}, but the DPA "
            f"{_UKURAN_EN[ukuran]} of its sub kegiatan sum to {format_rupiah(dihitung)}.",
            _lokasi(b), format_rupiah(dihitung), format_rupiah(tercetak)))
    return findings


@aturan("ANG-001", "error", "anggaran", "Pagu program/kegiatan bukan jumlah sub kegiatannya",
        "Program/kegiatan pagu is not the sum of its sub kegiatan", DASAR_STRUKTUR)
def pagu_program_kegiatan(data: ReviuData) -> list[Finding]:
    """A program or kegiatan row prints a pagu that is not the sum of the DPA pagu of the sub
    kegiatan under it. The DPA is the truth; a printed subtotal that differs misstates what
    the program or kegiatan was given. Rows that print no pagu are not checked."""
    return _induk_tidak_sama(data, "ANG-001", "pagu")


@aturan("ANG-002", "error", "anggaran",
        "Realisasi program/kegiatan bukan jumlah sub kegiatannya",
        "Program/kegiatan realisation is not the sum of its sub kegiatan", DASAR_STRUKTUR)
def realisasi_program_kegiatan(data: ReviuData) -> list[Finding]:
    """As ANG-001, for realisasi: the printed realisasi of a program or kegiatan row must be
    the sum of the DPA realisasi of its sub kegiatan."""
    return _induk_tidak_sama(data, "ANG-002", "realisasi")


# --- ANG-003, ANG-004: a sub kegiatan against its kode rekening lines ----------------------


def _sub_tidak_sama(data: ReviuData, code: str, ukuran: str) -> list[Finding]:
    a = _analisis(data)
    pohon, hasil = a.pohon, a.rekening
    findings = []
    for kunci, node in hasil.items():
        b = pohon.baris[kunci]
        if b.tingkat != "sub_kegiatan" or not node.anak:
            continue
        dpa = _tercetak(b, ukuran)
        rincian = _dari_data(_jumlah(node, ukuran))
        if dpa is None or rincian is None or dpa == rincian:
            continue
        findings.append(temuan(
            code,
            f"Sub kegiatan {b.uraian} memiliki {ukuran} DPA {format_rupiah(dpa)}, tetapi "
            f"rincian kode rekeningnya berjumlah {format_rupiah(rincian)}.",
            f"Sub kegiatan {b.uraian} has a DPA {_UKURAN_EN[ukuran]} of {format_rupiah(dpa)}, "
            f"but its kode rekening lines sum to {format_rupiah(rincian)}.",
            _lokasi(b), format_rupiah(dpa), format_rupiah(rincian)))
    return findings


@aturan("ANG-003", "error", "anggaran", "Rincian rekening tidak sama dengan pagu sub kegiatan",
        "Kode rekening lines do not add up to the sub kegiatan's pagu", DASAR_STRUKTUR)
def pagu_sub_kegiatan_rincian(data: ReviuData) -> list[Finding]:
    """The kode rekening lines (the leaves) under a sub kegiatan do not add up to its DPA
    pagu: lines are missing from the breakdown, or an amount is wrong. Not checked when a
    line has no pagu (see ANG-007)."""
    return _sub_tidak_sama(data, "ANG-003", "pagu")


@aturan("ANG-004", "error", "anggaran",
        "Rincian rekening tidak sama dengan realisasi sub kegiatan",
        "Kode rekening lines do not add up to the sub kegiatan's realisation", DASAR_STRUKTUR)
def realisasi_sub_kegiatan_rincian(data: ReviuData) -> list[Finding]:
    """As ANG-003, for realisasi: the kode rekening lines must add up to the sub kegiatan's
    DPA realisasi."""
    return _sub_tidak_sama(data, "ANG-004", "realisasi")


# --- ANG-005, ANG-006: a rekening subtotal against its direct children ---------------------


def _rekening_tidak_sama(data: ReviuData, code: str, ukuran: str) -> list[Finding]:
    a = _analisis(data)
    pohon, hasil = a.pohon, a.rekening
    findings = []
    for kunci, node in hasil.items():
        b = pohon.baris[kunci]
        tercetak = _tercetak(b, ukuran)
        if b.tingkat != "rekening" or not node.anak or tercetak is None:
            continue
        nilai_anak = [_nilai_baris(pohon.baris[k], hasil[k], ukuran) for k in node.anak]
        ada = [n for n in nilai_anak if n is not None]
        if len(ada) != len(nilai_anak):
            continue  # incomplete: ANG-007
        rincian = sum(ada, Decimal(0))
        if tercetak in (rincian, _dari_data(_jumlah(node, ukuran))):
            continue  # agrees with its lines as printed, or with the kode rekening below
        tempat, tempat_en = _tempat(pohon, b)
        findings.append(temuan(
            code,
            f"{ukuran.capitalize()} {tempat} tercetak {format_rupiah(tercetak)}, tetapi "
            f"rinciannya berjumlah {format_rupiah(rincian)}.",
            f"The {_UKURAN_EN[ukuran]} of {tempat_en} prints {format_rupiah(tercetak)}, but "
            f"its lines sum to {format_rupiah(rincian)}.",
            _lokasi(b), format_rupiah(rincian), format_rupiah(tercetak)))
    return findings


@aturan("ANG-005", "error", "anggaran", "Subtotal pagu rekening bukan jumlah rinciannya",
        "Rekening subtotal pagu is not the sum of its lines", DASAR_STRUKTUR)
def pagu_rekening_induk(data: ReviuData) -> list[Finding]:
    """A rekening line with children (Belanja Operasi, Belanja Barang dan Jasa, …) prints a
    pagu that is neither the sum of its direct children as printed nor the sum of the kode
    rekening lines (leaves) below it. So a wrong subtotal is named once: not again at every
    line above it, and not at its parent when only the subtotal itself is mistyped."""
    return _rekening_tidak_sama(data, "ANG-005", "pagu")


@aturan("ANG-006", "error", "anggaran", "Subtotal realisasi rekening bukan jumlah rinciannya",
        "Rekening subtotal realisation is not the sum of its lines", DASAR_STRUKTUR)
def realisasi_rekening_induk(data: ReviuData) -> list[Finding]:
    """As ANG-005, for realisasi."""
    return _rekening_tidak_sama(data, "ANG-006", "realisasi")


# --- ANG-007: a breakdown with missing amounts ---------------------------------------------


@aturan("ANG-007", "info", "anggaran", "Rincian rekening tidak lengkap",
        "Incomplete kode rekening breakdown", DASAR_ARITMETIKA)
def rincian_tidak_lengkap(data: ReviuData) -> list[Finding]:
    """Some kode rekening lines of a sub kegiatan have no pagu or no realisasi (not printed),
    so the breakdown cannot be checked against the sub kegiatan or its subtotals. One finding
    per sub kegiatan and measure, instead of a mismatch that would be claimed falsely."""
    pohon = _analisis(data).pohon
    findings = []
    for kunci in pohon.urutan:
        b = pohon.baris[kunci]
        if b.tingkat != "sub_kegiatan":
            continue
        daun = [pohon.baris[r] for r, _ in pohon.rekening_di_bawah(kunci)
                if not any(pohon.baris[c].tingkat == "rekening" for c in pohon.anak[r])]
        for ukuran in ("pagu", "realisasi"):
            kosong = [d for d in daun if _tercetak(d, ukuran) is None]
            if not kosong:
                continue
            contoh = "; ".join(d.uraian for d in kosong[:3]) + ("; …" if len(kosong) > 3 else "")
            findings.append(temuan(
                "ANG-007",
                f"Rincian rekening sub kegiatan {b.uraian} tidak lengkap: {len(kosong)} dari "
                f"{len(daun)} baris rincian tidak mencetak {ukuran} ({contoh}), sehingga "
                f"jumlah {ukuran}nya tidak dapat diperiksa terhadap "
                f"{format_rupiah(_tercetak(b, ukuran))}.",
                f"The kode rekening breakdown of sub kegiatan {b.uraian} is incomplete: "
                f"{len(kosong)} of {len(daun)} lines print no {_UKURAN_EN[ukuran]} ({contoh}), "
                f"so it cannot be checked against {format_rupiah(_tercetak(b, ukuran))}.",
                _lokasi(b), f"{ukuran} pada setiap baris rincian",
                f"{len(kosong)} dari {len(daun)} baris tanpa {ukuran}"))
    return findings


# --- ANG-008, ANG-009: realisasi above pagu, realisasi without pagu ------------------------


def _per_baris(data: ReviuData, code: str, salah: str) -> list[Finding]:
    """Sub kegiatan (DPA) and rekening lines where ``salah`` holds: "melebihi" (realisasi
    above pagu) or "tanpa_pagu". A rekening line is not reported again when a line below it
    already is (the same excess)."""
    a = _analisis(data)
    pohon, hasil = a.pohon, a.rekening
    dilaporkan: set[str] = set()  # rekening lines reported or with a reported line below
    findings: list[Finding] = []
    for kunci in reversed(list(hasil)):  # rollup keeps parents before children: reverse it
        b = pohon.baris[kunci]
        node = hasil[kunci]
        if b.tingkat == "sub_kegiatan":
            pagu, realisasi = b.pagu, b.realisasi
        else:
            pagu, realisasi = _nilai_baris(b, node, "pagu"), _nilai_baris(b, node, "realisasi")
            if any(k in dilaporkan for k in node.anak):
                dilaporkan.add(kunci)
                continue
        if realisasi is None or realisasi == 0:
            continue
        if salah == "melebihi":
            if pagu is None or realisasi <= pagu:
                continue
        elif pagu is not None and pagu != 0:
            continue
        dilaporkan.add(kunci)
        findings.append(_temuan_per_baris(pohon, b, code, salah, pagu, realisasi))
    findings.reverse()
    return findings


def _temuan_per_baris(pohon: _Pohon, b: BarisAnggaran, code: str, salah: str,
                      pagu: Decimal | None, realisasi: Decimal) -> Finding:
    if b.tingkat == "sub_kegiatan":
        tempat, tempat_en = f"sub kegiatan {b.uraian}", f"sub kegiatan {b.uraian}"
    else:
        tempat, tempat_en = _tempat(pohon, b)
    if salah == "melebihi":
        return temuan(
            code,
            f"Realisasi {tempat} ({format_rupiah(realisasi)}) melebihi pagunya "
            f"({format_rupiah(pagu)}).",
            f"The realisation of {tempat_en} ({format_rupiah(realisasi)}) exceeds its pagu "
            f"({format_rupiah(pagu)}).",
            _lokasi(b), f"paling banyak {format_rupiah(pagu)}", format_rupiah(realisasi))
    return temuan(
        code,
        f"{tempat[0].upper()}{tempat[1:]} mencatat realisasi {format_rupiah(realisasi)} tanpa "
        f"pagu.",
        f"{tempat_en[0].upper()}{tempat_en[1:]} has a realisation of "
        f"{format_rupiah(realisasi)} but no pagu.",
        _lokasi(b), "pagu untuk realisasi ini", f"realisasi {format_rupiah(realisasi)}, pagu "
        f"{format_rupiah(pagu) if pagu is not None else 'tidak ada'}")


@aturan("ANG-008", "error", "anggaran", "Realisasi melebihi pagu",
        "Realisation above pagu", DASAR_DPA)
def realisasi_melebihi_pagu(data: ReviuData) -> list[Finding]:
    """A sub kegiatan or a rekening line whose realisasi exceeds its pagu. The DPA pagu is the
    ceiling of spending: either a number is wrong or the spending exceeded the budget. The
    sub kegiatan and the lowest lines with the excess are reported, not every line above."""
    return _per_baris(data, "ANG-008", "melebihi")


@aturan("ANG-009", "warning", "anggaran", "Realisasi tanpa pagu",
        "Realisation without pagu", DASAR_DPA)
def realisasi_tanpa_pagu(data: ReviuData) -> list[Finding]:
    """A sub kegiatan or a rekening line with a realisasi but no pagu (none, or 0): spending
    needs a budget line, so the pagu is missing from the data or the line is misplaced."""
    return _per_baris(data, "ANG-009", "tanpa_pagu")


# --- ANG-010, ANG-011: totals printed elsewhere ---------------------------------------------


@aturan("ANG-010", "error", "anggaran", "Total anggaran tercetak berbeda dengan DPA",
        "Budget total printed elsewhere differs from the DPA", DASAR_LAKIP)
def total_tercetak(data: ReviuData) -> list[Finding]:
    """A budget total printed outside the budget tree (the table's total line, the IKU table,
    a sentence of 3.9 or Bab IV) differs from the OPD's total: the sum of the DPA amounts of
    all its sub kegiatan. Pagu and realisasi are checked separately."""
    total = dict(zip(("pagu", "realisasi"), _total(_analisis(data).atas), strict=True))
    findings = []
    for lain in data.anggaran_lain:
        for ukuran in ("pagu", "realisasi"):
            tercetak = lain.pagu if ukuran == "pagu" else lain.realisasi
            benar = total[ukuran]
            if tercetak is None or benar is None or tercetak == benar:
                continue
            findings.append(temuan(
                "ANG-010",
                f"{lain.tempat} mencetak total {ukuran} {format_rupiah(tercetak)}, tetapi jumlah "
                f"{ukuran} DPA seluruh sub kegiatan {format_rupiah(benar)}.",
                f"{lain.tempat} prints a total {_UKURAN_EN[ukuran]} of "
                f"{format_rupiah(tercetak)}, but the DPA {_UKURAN_EN[ukuran]} of all sub "
                f"kegiatan sum to {format_rupiah(benar)}.",
                Lokasi(lain.tempat, f"anggaran_lain:{lain.tempat}", f"total {ukuran}"),
                format_rupiah(benar), format_rupiah(tercetak)))
    return findings


@aturan("ANG-011", "error", "anggaran", "Serapan anggaran tercetak tidak sesuai",
        "Printed budget absorption is wrong", DASAR_LAKIP)
def serapan_tercetak(data: ReviuData) -> list[Finding]:
    """A serapan (realisasi ÷ pagu × 100) printed with a total is not what the DPA gives,
    rounded half up to the decimals printed (at most two). 4.825.424.420 ÷ 5.093.068.611 is
    94,74%: "94,74 %" is right, "94,75%" is not. A serapan that the pagu and realisasi printed
    beside it give is consistent with its inputs (a wrong amount is ANG-010's finding)."""
    pagu, realisasi = _total(_analisis(data).atas)
    serapan = compute_serapan(pagu, realisasi)
    findings = []
    for lain in data.anggaran_lain:
        terbaca = parse_angka(lain.serapan_teks)
        if serapan is None or not isinstance(terbaca, Angka) or terbaca.satuan not in (None, "%"):
            continue
        eksponen = terbaca.nilai.as_tuple().exponent
        desimal = min(2, -eksponen) if isinstance(eksponen, int) and eksponen < 0 else 0
        benar = round_half_up(serapan, desimal)
        dari_tercetak = compute_serapan(lain.pagu, lain.realisasi)
        if terbaca.nilai in (benar, None if dari_tercetak is None
                             else round_half_up(dari_tercetak, desimal)):
            continue  # the DPA gives it, or the amounts printed beside it do
        findings.append(temuan(
            "ANG-011",
            f"{lain.tempat} mencetak serapan anggaran {lain.serapan_teks.strip()}, padahal "
            f"realisasi {format_rupiah(realisasi)} dari pagu {format_rupiah(pagu)} adalah "
            f"{format_persen(benar, desimal)}.",
            f"{lain.tempat} prints a budget absorption of {lain.serapan_teks.strip()}, but a "
            f"realisation of {format_rupiah(realisasi)} of a pagu of {format_rupiah(pagu)} is "
            f"{format_persen(benar, desimal)}.",
            Lokasi(lain.tempat, f"anggaran_lain:{lain.tempat}", "serapan anggaran"),
            format_persen(benar, desimal), lain.serapan_teks.strip()))
    return findings


# --- ANG-016: serapan printed on a row of the budget table ----------------------------------


def _serapan_baris(a: _Analisis, b: BarisAnggaran) -> list[Decimal]:
    """The serapan a row's printed figure may come from: the DPA's (the sum of the sub
    kegiatan, or of the kode rekening lines below a rekening subtotal) first, then the
    amounts printed on the row itself."""
    hasil = []
    node = (a.rekening if b.tingkat == "rekening" else a.atas).get(b.kunci)
    if node is not None:
        hasil.append(compute_serapan(_dari_data(node.pagu), _dari_data(node.realisasi)))
    hasil.append(compute_serapan(b.pagu, b.realisasi))
    return [s for s in hasil if s is not None]


def _desimal_tercetak(nilai: Decimal) -> int:
    eksponen = nilai.as_tuple().exponent
    return -eksponen if isinstance(eksponen, int) and eksponen < 0 else 0


@aturan("ANG-016", "error", "anggaran", "Serapan tercetak pada baris anggaran tidak sesuai",
        "Serapan printed on a budget row is wrong", DASAR_LAKIP)
def serapan_baris_tercetak(data: ReviuData) -> list[Finding]:
    """A serapan printed on a program, kegiatan, sub kegiatan or rekening row that is not
    realisasi ÷ pagu × 100 at the printed precision (rounded half up). A figure derived from
    rounded or printed inputs is compared within them: it is right when the DPA gives it or
    when the pagu and realisasi printed on the same row do (a wrong amount is then the finding
    of ANG-001 … ANG-006, not this one); a finding only when neither does."""
    a = _analisis(data)
    findings = []
    for kunci in a.pohon.urutan:
        b = a.pohon.baris[kunci]
        if b.serapan_tercetak is None:
            continue
        terbaca = parse_angka(b.serapan_tercetak.teks)
        if not isinstance(terbaca, Angka) or terbaca.satuan not in (None, "%"):
            continue
        kandidat = _serapan_baris(a, b)
        desimal = _desimal_tercetak(terbaca.nilai)
        if not kandidat or any(round_half_up(s, desimal) == terbaca.nilai for s in kandidat):
            continue
        ditulis = b.serapan_tercetak.teks.strip()
        benar = format_persen(kandidat[0], desimal)
        if b.tingkat == "rekening":
            tempat, tempat_en = _tempat(a.pohon, b)
        else:
            tempat = tempat_en = f"{_LABEL[b.tingkat]} {b.uraian}"
        findings.append(temuan(
            "ANG-016",
            f"Serapan {tempat} tercetak {ditulis}, padahal realisasi ÷ pagu × 100 adalah "
            f"{benar}.",
            f"The serapan of {tempat_en} prints {ditulis}, but realisation ÷ pagu × 100 is "
            f"{benar}.",
            _lokasi(b), benar, ditulis))
    return findings


# --- ANG-012: the Renstra comparison table ------------------------------------------------


@aturan("ANG-012", "error", "anggaran", "Realisasi di tabel Renstra berbeda dengan DPA",
        "Realisation in the Renstra table differs from the DPA", DASAR_LAKIP)
def realisasi_tabel_renstra(data: ReviuData) -> list[Finding]:
    """The realisasi the Renstra comparison table prints for a program, kegiatan or sub
    kegiatan of the report year is not its DPA realisasi (for a program or kegiatan, the sum
    over its sub kegiatan)."""
    a = _analisis(data)
    pohon, hasil = a.pohon, a.atas
    findings = []
    for r in data.renstra_anggaran:
        node = hasil.get(r.node_kunci)
        if r.tahun != data.identitas.tahun or node is None or r.realisasi_dilaporkan is None:
            continue
        dpa = _dari_data(node.realisasi)
        if dpa is None or dpa == r.realisasi_dilaporkan:
            continue
        b = pohon.baris[r.node_kunci]
        label = _LABEL[b.tingkat]
        findings.append(temuan(
            "ANG-012",
            f"Tabel perbandingan dengan Renstra mencetak realisasi {r.tahun} "
            f"{format_rupiah(r.realisasi_dilaporkan)} untuk {label} {b.uraian}, tetapi "
            f"realisasi DPA-nya {format_rupiah(dpa)}.",
            f"The Renstra comparison table prints a {r.tahun} realisation of "
            f"{format_rupiah(r.realisasi_dilaporkan)} for {label} {b.uraian}, but its DPA "
            f"realisation is {format_rupiah(dpa)}.",
            Lokasi(BAGIAN_RENSTRA, r.node_kunci, r.jalur or b.jalur),
            format_rupiah(dpa), format_rupiah(r.realisasi_dilaporkan)))
    return findings


@aturan("ANG-015", "warning", "anggaran", "Realisasi di tabel Renstra tanpa DPA",
        "Realisation in the Renstra table for a node without DPA", DASAR_LAKIP)
def realisasi_tabel_renstra_tanpa_dpa(data: ReviuData) -> list[Finding]:
    """The Renstra comparison table prints a realisasi (other than nil) for the report year
    against a program, kegiatan or sub kegiatan that has no DPA that year: the amount belongs
    to another row (a total printed on the wrong line) or the DPA is missing. Only checked
    when the year's DPA is there at all."""
    a = _analisis(data)
    if not any(b.tingkat == "sub_kegiatan" for b in a.pohon.baris.values()):
        return []
    findings = []
    for r in data.renstra_anggaran:
        if (r.tahun != data.identitas.tahun or r.node_kunci in a.atas
                or not r.realisasi_dilaporkan):
            continue
        tingkat = r.node_kunci.partition(":")[0]
        label = _LABEL.get(tingkat, "baris")
        nama = r.jalur.rpartition(" › ")[2]
        findings.append(temuan(
            "ANG-015",
            f"Tabel perbandingan dengan Renstra mencetak realisasi {r.tahun} "
            f"{format_rupiah(r.realisasi_dilaporkan)} untuk {label} {nama}, yang tidak "
            f"memiliki DPA tahun {r.tahun}.",
            f"The Renstra comparison table prints a {r.tahun} realisation of "
            f"{format_rupiah(r.realisasi_dilaporkan)} for {label} {nama}, which has no DPA "
            f"in {r.tahun}.",
            Lokasi(BAGIAN_RENSTRA, r.node_kunci, r.jalur),
            f"tanpa realisasi (tidak ada DPA {r.tahun})", format_rupiah(r.realisasi_dilaporkan)))
    return findings


# --- ANG-013, ANG-014: the kode rekening hierarchy -----------------------------------------


def _segmen(kode: str) -> list[str]:
    return [s for s in kode.strip().split(".") if s]


def _kode_rekening(
        data: ReviuData) -> Iterator[tuple[_Pohon, BarisAnggaran, BarisAnggaran, int, bool]]:
    """Each coded rekening line with the line its kode must extend, the levels between them
    and whether it does. That line is the nearest coded ancestor whose own kode fits (or else
    the sub kegiatan), so that the lines under a misfit are not all reported with it."""
    pohon = _analisis(data).pohon
    salah: set[str] = set()
    for kunci in pohon.urutan:  # parents before children
        b = pohon.baris[kunci]
        if b.tingkat != "rekening" or not _segmen(b.kode):
            continue
        jarak = 1
        induk = pohon.baris.get(b.induk) if b.induk is not None else None
        while induk is not None and induk.tingkat == "rekening" and (
                not _segmen(induk.kode) or induk.kunci in salah):
            induk = pohon.baris.get(induk.induk) if induk.induk is not None else None
            jarak += 1
        if induk is None or induk.tingkat not in ("rekening", "sub_kegiatan"):
            continue
        cocok = _memperluas(b, induk)
        if not cocok:
            salah.add(kunci)
        yield pohon, b, induk, jarak, cocok


def _memperluas(b: BarisAnggaran, induk: BarisAnggaran) -> bool:
    kode, kode_induk = _segmen(b.kode), _segmen(induk.kode)
    if induk.tingkat == "sub_kegiatan":
        return kode[0] == _AKUN_BELANJA
    return len(kode) > len(kode_induk) and kode[: len(kode_induk)] == kode_induk


@aturan("ANG-013", "warning", "anggaran", "Kode rekening tidak sesuai induknya",
        "Kode rekening does not extend its parent's", DASAR_KODE)
def kode_rekening_induk(data: ReviuData) -> list[Finding]:
    """A rekening line's kode does not extend the kode of the line it is printed under
    (``5.1.02.01`` under ``5.2``), or a line directly under a sub kegiatan is not a belanja
    account (akun 5): the line is misplaced or its kode is mistyped."""
    findings = []
    for pohon, b, induk, _, cocok in _kode_rekening(data):
        if cocok:
            continue
        tempat, tempat_en = _tempat(pohon, b)
        if induk.tingkat == "sub_kegiatan":
            harap = f"kode belanja {_AKUN_BELANJA}.…"
            pesan = f"Baris rekening {tempat} bukan kode belanja (akun {_AKUN_BELANJA})."
            pesan_en = f"Rekening line {tempat_en} is not a belanja account ({_AKUN_BELANJA})."
        else:
            harap = f"{induk.kode}.…"
            pesan = (f"Baris rekening {tempat} berkode {b.kode}, yang bukan rincian dari "
                     f"induknya {_nama_rekening(induk)}.")
            pesan_en = (f"Rekening line {tempat_en} has kode {b.kode}, which is not under its "
                        f"parent {_nama_rekening(induk)}.")
        findings.append(temuan("ANG-013", pesan, pesan_en, _lokasi(b), harap, b.kode))
    return findings


@aturan("ANG-014", "info", "anggaran", "Tingkat rekening terlewati",
        "A level of the account hierarchy is skipped", DASAR_KODE)
def tingkat_rekening_terlewati(data: ReviuData) -> list[Finding]:
    """Rekening lines sit directly under a line (or a sub kegiatan) more than one level above
    them in the account hierarchy, e.g. Belanja Barang dan Jasa (5.1.02) directly under a sub
    kegiatan with no Belanja Operasi (5.1): the subtotal of the skipped level is not shown.
    Only checked where the parent is coded (the level between is known); one finding per
    parent, naming the lines."""
    per_induk: dict[str, list[tuple[BarisAnggaran, list[str]]]] = {}
    induk_dari: dict[str, BarisAnggaran] = {}
    for _, b, induk, jarak, cocok in _kode_rekening(data):
        if jarak != 1 or not cocok:
            continue
        kode = _segmen(b.kode)
        awal = len(_segmen(induk.kode)) + 1 if induk.tingkat == "rekening" else 2
        hilang = [".".join(kode[:n]) for n in range(awal, len(kode))]
        if hilang:
            per_induk.setdefault(induk.kunci, []).append((b, hilang))
            induk_dari[induk.kunci] = induk
    pohon = _analisis(data).pohon
    findings = []
    for kunci, baris in per_induk.items():
        induk = induk_dari[kunci]
        if induk.tingkat == "sub_kegiatan":
            di, di_en = f"sub kegiatan {induk.uraian}", f"sub kegiatan {induk.uraian}"
        else:
            di, di_en = _tempat(pohon, induk)
        hilang = sorted({h for _, hs in baris for h in hs}, key=lambda h: (len(h), h))
        daftar = [_nama_rekening(b) for b, _ in baris]
        kode_baris = ", ".join(b.kode for b, _ in baris)
        atasnya = induk.kode if induk.tingkat == "rekening" else "sub kegiatan"
        findings.append(temuan(
            "ANG-014",
            f"Di bawah {di}, baris {_daftar(daftar, 'dan')} tercetak tanpa baris tingkat "
            f"{', '.join(hilang)} di antaranya.",
            f"Under {di_en}, the line(s) {_daftar(daftar, 'and')} are printed with no line "
            f"for level {', '.join(hilang)} between.",
            _lokasi(induk), f"baris {', '.join(hilang)} di antaranya",
            f"{kode_baris} langsung di bawah {atasnya}"))
    return findings


def _daftar(nama: list[str], dan: str) -> str:
    return nama[0] if len(nama) == 1 else f"{', '.join(nama[:-1])} {dan} {nama[-1]}"
