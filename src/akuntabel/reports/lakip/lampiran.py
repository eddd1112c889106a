"""The annexes of the LKjIP beyond the Perjanjian Kinerja (Bab II)."""

from __future__ import annotations

from akuntabel.reports.document import Sel, Tabel


class TabelLampiran:
    """Lampiran 2: the automatic reviu's findings."""

    def tabel_reviu(self) -> Tabel:
        from akuntabel.reviews.services import review

        rows: list[tuple[Sel, ...]] = []
        for t in review(self.opd, self.tahun):
            f = t.finding
            rows.append((f.code, {"error": "kesalahan", "warning": "peringatan"}.get(
                f.tingkat, "informasi"), f.lokasi.bagian, f.pesan,
                f"Dijelaskan: {t.penjelasan.catatan}" if t.penjelasan else "Terbuka"))
        return Tabel("lampiran-reviu", f"Lampiran 2. Hasil Reviu Otomatis Tahun {self.tahun}",
                     ("Kode", "Tingkat", "Bagian", "Temuan", "Status"), tuple(rows),
                     catatan="Temuan dihitung dari data saat laporan dibuat; aturan dan dasar "
                             "hukumnya tercantum pada perintah akuntabel reviu.")
