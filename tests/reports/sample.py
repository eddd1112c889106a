"""A small hand-made document for the renderer tests (independent of the database)."""

import base64
from decimal import Decimal

from akuntabel.reports.document import Angka, Bagian, Dokumen, Grafik, Penandatangan, Tabel

# A 2x2 PNG (red, green / blue, white).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAA"
    "AABJRU5ErkJggg==")


def rp(value: str) -> Angka:
    from akuntabel.core.angka import format_rupiah

    return Angka(Decimal(value), "rupiah", format_rupiah(Decimal(value)))


def make_sample_dokumen() -> Dokumen:
    serapan = Angka(Decimal("94.7449"), "persen", "94,74%",
                    rumus="4.825.424.420 ÷ 5.093.068.611 × 100",
                    sumber=(("DPA 2023", "/opd/1/?tahun=2023"),))
    tabel = Tabel(
        kunci="tabel-3-9-realisasi-anggaran", judul="Tabel 3.9 Realisasi Anggaran Tahun 2023",
        kolom=("Uraian", "Pagu", "Realisasi", "Serapan"),
        baris=(("PROGRAM PENUNJANG", rp("3065150561"), rp("2931414904"),
                Angka(Decimal("95.64"), "persen", "95,64%")),
               ("Perencanaan, Penganggaran", rp("10003850"), rp("9961580"),
                Angka(Decimal("99.58"), "persen", "99,58%")),
               ("Jumlah", rp("5093068611"), rp("4825424420"), serapan)),
        tingkat=(0, 1, 0), tebal=(False, False, True),
        catatan="Serapan anggaran = realisasi ÷ pagu × 100; bukan ukuran capaian kinerja.")
    return Dokumen(
        jenis="lakip", judul="Laporan Kinerja Instansi Pemerintah (LKjIP)",
        subjudul="Dinas Sosial Kota Metro Tahun 2023", instansi="Dinas Sosial Kota Metro",
        pemda="Pemerintah Kota Metro", tahun=2023,
        penandatangan=Penandatangan("Kepala Dinas Sosial Kota Metro", "SRI AMANTO, S.H., M.H.",
                                    "Pembina Utama Muda", "196804201993031009",
                                    "Metro, 29 Februari 2024"),
        bagian=(
            Bagian("kata_pengantar", "", "Kata Pengantar", 0,
                   ("Puji syukur kami panjatkan.", "Laporan ini disusun."), tanda_tangan=True),
            Bagian("ikhtisar_eksekutif", "", "Ikhtisar Eksekutif", 0,
                   ("Serapan anggaran tahun 2023 sebesar 94,74%.",
                    "- Capaian IKU 101,39% (Sangat Tinggi)", "- Serapan anggaran 94,74%")),
            Bagian("bab3", "BAB III", "Akuntabilitas Kinerja", 0),
            Bagian("realisasi_anggaran", "3.9", "Realisasi Anggaran", 1,
                   ("Realisasi anggaran per program.",), tabel=(tabel,),
                   grafik=(Grafik("grafik-serapan", "Serapan per program", PNG,
                                  "Serapan anggaran per program tahun 2023"),)),
        ),
        ringkasan={"serapan": serapan},
    )
