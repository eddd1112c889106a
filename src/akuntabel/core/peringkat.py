"""Rating scales as data: dated, with their legal basis, configurable per pemda.

A :class:`Skala` is a list of bands (:class:`Pita`), highest first, each with a lower bound.
``Peringkat`` is the band of a capaian (Sangat Tinggi …, Permendagri 86/2017); ``Predikat``
is the grade of an AKIP evaluation score (AA … D, Permenpan RB 88/2021). Both use the same
mechanism, so a pemda can add its own scale without code.

Bands are half-open: a value belongs to the first band (from the top) whose lower bound it
reaches (``>=`` when ``inklusif``, ``>`` otherwise); the last band has no lower bound. So
every value, including 90,5 which the printed Permendagri table leaves out, gets exactly one
band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

__all__ = [
    "DEFAULT_SKALA",
    "SKALA_PERMENDAGRI_86_2017",
    "SKALA_PREDIKAT_AKIP_88_2021",
    "Pita",
    "Skala",
    "pilih_skala",
]


@dataclass(frozen=True)
class Pita:
    """One band of a scale: values from ``batas_bawah`` up (to the band above) get ``label``.

    ``inklusif=True`` means ``nilai >= batas_bawah``, ``False`` means ``nilai > batas_bawah``.
    ``batas_bawah=None`` is the open-ended bottom band.
    """

    batas_bawah: Decimal | None
    label: str
    inklusif: bool = True

    def memuat(self, nilai: Decimal) -> bool:
        """True when ``nilai`` reaches this band's lower bound."""
        if self.batas_bawah is None:
            return True
        return nilai >= self.batas_bawah if self.inklusif else nilai > self.batas_bawah


@dataclass(frozen=True)
class Skala:
    """A dated rating scale with its legal basis (``dasar_hukum``).

    ``pita`` lists the bands highest first, with strictly descending lower bounds and exactly
    one open bottom band, last; labels are unique. A scale that breaks this raises
    ``ValueError`` when it is created.
    """

    kode: str
    nama: str
    berlaku_mulai: date
    dasar_hukum: str
    pita: tuple[Pita, ...]
    catatan: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "pita", tuple(self.pita))
        if not self.pita or self.pita[-1].batas_bawah is not None:
            raise ValueError(f"Skala {self.kode}: pita terakhir harus tanpa batas bawah.")
        batas: list[Decimal] = []
        for pita in self.pita[:-1]:
            if pita.batas_bawah is None:
                raise ValueError(
                    f"Skala {self.kode}: hanya pita terakhir yang boleh tanpa batas bawah."
                )
            batas.append(pita.batas_bawah)
        if any(atas <= bawah for atas, bawah in pairwise(batas)):
            raise ValueError(f"Skala {self.kode}: batas bawah pita harus menurun tegas.")
        label = [p.label for p in self.pita]
        if len(set(label)) != len(label):
            raise ValueError(f"Skala {self.kode}: label pita harus unik.")

    def peringkat(self, capaian: Decimal | None) -> str | None:
        """The label of the band holding ``capaian``; None when capaian is None.

        Use the unrounded capaian: 90,996 is "Tinggi" under Permendagri 86/2017 even though
        it prints as 91,00.
        """
        if capaian is None:
            return None
        for pita in self.pita:
            if pita.memuat(capaian):
                return pita.label
        raise AssertionError("unreachable: the last band has no lower bound")  # pragma: no cover


SKALA_PERMENDAGRI_86_2017 = Skala(
    kode="PERMENDAGRI_86_2017",
    nama="Kriteria tingkat capaian kinerja",
    berlaku_mulai=date(2017, 1, 1),
    dasar_hukum=(
        "Permendagri 86/2017 tentang Tata Cara Perencanaan, Pengendalian dan Evaluasi "
        "Pembangunan Daerah, Lampiran (evaluasi hasil RKPD)"
    ),
    pita=(
        Pita(Decimal(91), "Sangat Tinggi"),
        Pita(Decimal(76), "Tinggi"),
        Pita(Decimal(66), "Sedang"),
        Pita(Decimal(51), "Rendah"),
        Pita(None, "Sangat Rendah"),
    ),
    catatan=(
        "Tabel tercetak (91 ≥; 76–90; 66–75; 51–65; ≤ 50) memiliki celah (antara 90 dan 91, "
        "75 dan 76, 65 dan 66, 50 dan 51). Akuntabel menutupnya dengan pita setengah terbuka "
        "[91, ∞), [76, 91), [66, 76), [51, 66), (−∞, 51). Tanggal berlaku_mulai diisi "
        "1 Januari 2017 (tahun peraturan), bukan tanggal pengundangan."
    ),
)
"""The default peringkat scale, as printed in the seed's Tabel 3.1, with its gaps closed."""

SKALA_PREDIKAT_AKIP_88_2021 = Skala(
    kode="PERMENPANRB_88_2021",
    nama="Predikat hasil evaluasi AKIP",
    berlaku_mulai=date(2021, 1, 1),
    dasar_hukum="Permenpan RB 88/2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
    pita=(
        Pita(Decimal(90), "AA", inklusif=False),
        Pita(Decimal(80), "A", inklusif=False),
        Pita(Decimal(70), "BB", inklusif=False),
        Pita(Decimal(60), "B", inklusif=False),
        Pita(Decimal(50), "CC", inklusif=False),
        Pita(Decimal(30), "C", inklusif=False),
        Pita(None, "D"),
    ),
    catatan=(
        "Predikat atas nilai evaluasi AKIP (0–100), bukan atas capaian indikator: AA > 90, "
        "A > 80, BB > 70, B > 60, CC > 50, C > 30, D selebihnya. Tanggal berlaku_mulai diisi "
        "1 Januari 2021 (tahun peraturan), bukan tanggal pengundangan."
    ),
)
"""The AKIP evaluation grade (predikat), strict lower bounds."""

DEFAULT_SKALA = SKALA_PERMENDAGRI_86_2017


def pilih_skala(skala: Sequence[Skala], tanggal: date) -> Skala | None:
    """The scale in force on ``tanggal``: the latest ``berlaku_mulai`` not after it.

    Pass the versions of one kind of scale (e.g. a pemda's own peringkat scales and the
    default). None when none is in force yet; ``ValueError`` when two of them start on the
    same latest date, since choosing would be a guess. Core takes the date as an argument and
    never reads the clock.
    """
    berlaku = [s for s in skala if s.berlaku_mulai <= tanggal]
    if not berlaku:
        return None
    terbaru = max(s.berlaku_mulai for s in berlaku)
    calon = [s for s in berlaku if s.berlaku_mulai == terbaru]
    if len(calon) > 1:
        kode = ", ".join(s.kode for s in calon)
        raise ValueError(f"Lebih dari satu skala berlaku mulai {terbaru.isoformat()}: {kode}.")
    return calon[0]
