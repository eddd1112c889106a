"""The tables and lists of Bab I (Pendahuluan)."""

from __future__ import annotations

from decimal import Decimal

from akuntabel.core.angka import format_angka
from akuntabel.core.usg import DASAR, nilai_usg
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
        """The Renstra's strategic issues with their USG total and rank from ``core.usg``,
        the priority with its reason."""
        issues = list(IsuStrategis.objects.filter(renstra=self.renstra).order_by("urutan", "pk"))
        usg = nilai_usg({i.pk: (i.urgensi, i.keseriusan, i.pertumbuhan) for i in issues})
        rows: list[tuple[Sel, ...]] = []
        for nomor, isu in enumerate(issues, start=1):
            scores = (isu.urgensi, isu.keseriusan, isu.pertumbuhan)
            h = usg[isu.pk]
            rumus = " + ".join(format_angka(s) for s in scores) if h.total is not None else ""
            keterangan = ""
            if isu.prioritas:
                keterangan = ("prioritas: " + isu.alasan_prioritas if isu.alasan_prioritas
                              else "prioritas")
            rows.append((str(nomor), isu.uraian, *(angka(s) for s in scores),
                         angka(h.total, rumus) if h.total is not None else teks(""),
                         angka(Decimal(h.peringkat)) if h.peringkat else teks(""),
                         keterangan))
        return Tabel("tabel-1-5-isu-strategis", "Tabel 1.1 Isu Strategis dan Skor USG",
                     ("No.", "Isu strategis", "Urgensi", "Keseriusan", "Pertumbuhan",
                      "Skor USG", "Peringkat", "Keterangan"), tuple(rows),
                     catatan="Skor USG = Urgensi + Keseriusan + Pertumbuhan; peringkat dari skor "
                     "tertinggi, skor sama berbagi peringkat. Skor yang tidak tercantum dalam "
                     "data ditulis “–”. " + DASAR)
