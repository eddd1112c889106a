"""Akuntabel core: every number of a SAKIP report, in pure Python.

This package has no Django import, no I/O and no clock, so it can be used on its own (a
script, a notebook, another system) and every figure an auditor may question is computed here
and nowhere else. Money and measures are ``Decimal``, never float. Results are unrounded; a
missing value or a zero denominator gives ``None`` (shown as "–"), never 0; rounding is
half-up to two decimals, at output only, in one helper (:func:`round_half_up`).

Modules
-------
``angka``
    Read Indonesian number text (``parse_angka``, ``parse_rupiah``) and write it
    (``format_angka``, ``format_rupiah``, ``format_persen``). What is not exactly one number
    comes back as ``BukanAngka`` with a reason in Indonesian.
``capaian``
    Capaian of an indicator: higher is better ``R / T × 100``; lower is better
    ``(2T − R) / T × 100`` (PermenPAN-RB 6/2022) or ``T / R × 100``; range and qualitative
    targets; aggregation over periods (kumulatif / nilai akhir); caps for averages only.
``peringkat``
    Dated rating scales with their legal basis: ``SKALA_PERMENDAGRI_86_2017`` (the default
    peringkat, bands made half-open) and ``SKALA_PREDIKAT_AKIP_88_2021``.
``anggaran``
    Budget tree roll-up (Permendagri 90/2019 structure), serapan per node, and the checks
    "printed parent is not the sum of its children", "realisasi above pagu",
    "realisasi without pagu".
``efisiensi``
    Capaian against serapan, as a difference (efisien above +5 points) or a ratio
    (efisien at 1 or more).

Example: the IKU of the demo LAKIP (Dinas Sosial Kota Metro 2023)
------------------------------------------------------------------
>>> from decimal import Decimal
>>> from akuntabel.core import (
...     compute_capaian, compute_persentase, compute_serapan, DEFAULT_SKALA,
...     format_persen, parse_angka, parse_rupiah,
... )
>>> realisasi = compute_persentase(Decimal(13415), Decimal(14460))
>>> format_persen(realisasi)        # the report printed 92,78%
'92,77%'
>>> target = parse_angka("91,5%").nilai
>>> capaian = compute_capaian(target, realisasi)
>>> format_persen(capaian), DEFAULT_SKALA.peringkat(capaian)
('101,39%', 'Sangat Tinggi')
>>> serapan = compute_serapan(parse_rupiah("5.093.068.611"), parse_rupiah("4.825.424.420"))
>>> format_persen(serapan)
'94,74%'
>>> parse_angka("UEP 10 org; sosialisasi 30 org").jenis
'majemuk'
"""

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
from akuntabel.core.angka import (
    TANPA_NILAI,
    Angka,
    AngkaError,
    BukanAngka,
    format_angka,
    format_persen,
    format_rupiah,
    parse_angka,
    parse_rupiah,
    round_half_up,
)
from akuntabel.core.capaian import (
    SKALA_KETERSEDIAAN,
    SKALA_OPINI_BPK,
    Agregasi,
    MetodeTurun,
    Polaritas,
    SkalaKualitatif,
    aggregate,
    average_capaian,
    cap_capaian,
    compute_capaian,
    compute_capaian_kualitatif,
    compute_capaian_rentang,
    compute_persentase,
    describe_rumus_capaian,
)
from akuntabel.core.efisiensi import Efisiensi, Varian, compute_efisiensi, describe_efisiensi
from akuntabel.core.peringkat import (
    DEFAULT_SKALA,
    SKALA_PERMENDAGRI_86_2017,
    SKALA_PREDIKAT_AKIP_88_2021,
    Pita,
    Skala,
    pilih_skala,
)

__all__ = [
    "DEFAULT_SKALA",
    "SKALA_KETERSEDIAAN",
    "SKALA_OPINI_BPK",
    "SKALA_PERMENDAGRI_86_2017",
    "SKALA_PREDIKAT_AKIP_88_2021",
    "TANPA_NILAI",
    "Agregasi",
    "AnggaranError",
    "Angka",
    "AngkaError",
    "BarisAnggaran",
    "BukanAngka",
    "Efisiensi",
    "HasilNode",
    "Jumlah",
    "MetodeTurun",
    "Pita",
    "Polaritas",
    "Selisih",
    "Skala",
    "SkalaKualitatif",
    "Varian",
    "aggregate",
    "average_capaian",
    "cap_capaian",
    "compute_capaian",
    "compute_capaian_kualitatif",
    "compute_capaian_rentang",
    "compute_efisiensi",
    "compute_persentase",
    "compute_serapan",
    "describe_efisiensi",
    "describe_rumus_capaian",
    "find_induk_tidak_sama",
    "find_realisasi_melebihi_pagu",
    "find_realisasi_tanpa_pagu",
    "format_angka",
    "format_persen",
    "format_rupiah",
    "parse_angka",
    "parse_rupiah",
    "pilih_skala",
    "rollup",
    "round_half_up",
]
