"""The tables and lists of Bab I (Pendahuluan)."""

from __future__ import annotations

from akuntabel.plans.models import IsuStrategis
from akuntabel.reports.document import Sel, Tabel
from akuntabel.reports.lakip.values import angka, teks


class TabelBab1:
    """Bab I Pendahuluan: tugas dan fungsi, Tabel 1.1 Isu Strategis."""

    def tugas_fungsi(self) -> tuple[str, ...]:
        out: list[str] = []
        if self.opd.tugas:
            out.append(f"Tugas {self.opd.nama}: {self.opd.tugas}")
        if self.opd.fungsi:
            out.append(f"Fungsi {self.opd.nama}:")
            out.extend(f"- {x}" for x in self.opd.fungsi)
        return tuple(out) if "gambaran_umum" not in self.stored else ()

    def tabel_isu(self) -> Tabel:
        rows: list[tuple[Sel, ...]] = []
        for isu in IsuStrategis.objects.filter(renstra=self.renstra):
            scores = [isu.urgensi, isu.keseriusan, isu.pertumbuhan]
            total = sum(scores) if all(s is not None for s in scores) else None  # type: ignore[arg-type]
            rows.append((isu.uraian, *(angka(s) for s in scores),
                         angka(total, "U + S + G") if total is not None else teks(""),
                         "prioritas" if isu.prioritas else ""))
        return Tabel("tabel-1-5-isu-strategis", "Tabel 1.1 Isu Strategis dan Skor USG",
                     ("Isu strategis", "Urgensi", "Keseriusan", "Pertumbuhan", "Skor USG",
                      "Keterangan"), tuple(rows),
                     catatan="Skor USG yang tidak tercantum dalam data ditulis “–”.")
