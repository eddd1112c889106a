"""The charts of the LKjIP."""

from __future__ import annotations

from collections.abc import Callable

from akuntabel.budget.services import ROOT
from akuntabel.reports.charts import chart_capaian_indikator, chart_iku_tren, chart_serapan_program
from akuntabel.reports.document import Grafik


class Charts:
    """The charts: the IKU against its Renstra targets, capaian per indicator, serapan per
    program."""

    def _chart(self, make: Callable[[], bytes], kunci: str, judul: str,
               ket: str) -> tuple[Grafik, ...]:
        return (Grafik(kunci, judul, make(), ket),)

    def grafik_tren(self) -> tuple[Grafik, ...]:
        iku = [i for i in self.indikator if i.iku]
        if not iku:
            return ()
        ind = iku[0]
        years = list(self.renstra.tahun)
        target = [t.nilai if (t := self.renstra_target(ind, y)) is not None else None
                  for y in years]
        real = [self.realisasi_of(ind, y).nilai if y <= self.tahun else None for y in years]

        def make() -> bytes:
            return chart_iku_tren(ind.uraian, years, target, real, satuan=ind.satuan)

        return self._chart(make, "grafik-iku-tren", f"Target dan realisasi {ind.uraian}",
                           f"Target Renstra dan realisasi {ind.uraian} {years[0]}–{years[-1]}")

    def grafik_capaian(self) -> tuple[Grafik, ...]:
        # The IKU and the program and kegiatan indicators: the sub kegiatan outputs (dozens,
        # mostly at 100%) are in Tabel 3.3.
        inds = [i for i in self.indikator
                if (i.iku or i.program_id or i.kegiatan_id)
                and self.capaian_of(i, self.tahun).nilai is not None]
        if not inds:
            return ()
        labels = [i.uraian or self.node_label(i) for i in inds]
        values = [self.capaian_of(i, self.tahun).nilai for i in inds]

        def make() -> bytes:
            return chart_capaian_indikator(labels, values)

        return self._chart(make, "grafik-capaian", "Capaian per indikator",
                           f"Capaian indikator kinerja tahun {self.tahun}")

    def grafik_serapan(self) -> tuple[Grafik, ...]:
        keys = self.budget.children(ROOT)
        labels = [self.budget.info[k].uraian for k in keys]
        values = [self.budget.hasil[k].serapan for k in keys]

        def make() -> bytes:
            return chart_serapan_program(labels, values)

        return self._chart(make, "grafik-serapan", "Serapan anggaran per program",
                           f"Serapan anggaran per program tahun {self.tahun}")
