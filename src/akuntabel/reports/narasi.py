"""Narrative sections: stored text with placeholders, and defaults drafted from the data.

A narrative never hard-codes a figure the data holds: it writes ``[[serapan_anggaran]]`` and
the figure is filled in when the document is rendered, from the same ``Angka`` the tables
show. A placeholder that names no known figure stays visible as ``[[?nama]]`` so that a
reader sees it rather than a wrong number.
"""

from __future__ import annotations

import re

from akuntabel.reports.document import Angka

PLACEHOLDER = re.compile(r"\[\[\s*([a-z0-9_]+)\s*\]\]")


def fill_placeholders(teks: str, angka: dict[str, Angka | str]) -> str:
    def replace(match: re.Match[str]) -> str:
        value = angka.get(match.group(1))
        if value is None:
            return f"[[?{match.group(1)}]]"
        return value.teks if isinstance(value, Angka) else value

    return PLACEHOLDER.sub(replace, teks)


# Defaults per section key: drafted from the data, in plain Indonesian, figures as placeholders.
DEFAULTS: dict[str, str] = {
    "kata_pengantar": (
        "Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa, karena Laporan Kinerja "
        "Instansi Pemerintah (LKjIP) [[instansi]] Tahun [[tahun]] dapat diselesaikan. Laporan "
        "ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas dan fungsi "
        "[[instansi]] dalam mencapai sasaran strategis yang ditetapkan dalam Rencana Strategis "
        "[[renstra_periode]] dan Perjanjian Kinerja Tahun [[tahun]], sebagaimana diamanatkan "
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014.\n\n"
        "Semoga laporan ini bermanfaat sebagai bahan evaluasi dan perbaikan kinerja pada tahun "
        "yang akan datang."),
    "ikhtisar_eksekutif": (
        "[[instansi]] menetapkan [[jumlah_iku]] Indikator Kinerja Utama (IKU) dalam Perjanjian "
        "Kinerja Tahun [[tahun]]. Capaian IKU [[iku_nama]] tahun [[tahun]] sebesar "
        "[[iku_capaian]] dengan kategori [[iku_peringkat]]: realisasi [[iku_realisasi]] "
        "terhadap target [[iku_target]].\n\n"
        "Untuk mencapai kinerja tersebut tersedia pagu anggaran sebesar [[pagu]] yang "
        "terealisasi [[realisasi]], atau serapan anggaran sebesar [[serapan_anggaran]]. Serapan "
        "anggaran mengukur belanja terhadap pagu, bukan capaian kinerja.\n\n"
        "Anggaran dilaksanakan melalui [[jumlah_program]] program, [[jumlah_kegiatan]] kegiatan "
        "dan [[jumlah_sub_kegiatan]] sub kegiatan."),
    "maksud_tujuan": (
        "Laporan Kinerja [[instansi]] Tahun [[tahun]] dimaksudkan untuk memberikan gambaran "
        "kinerja yang jelas, transparan dan dapat dipertanggungjawabkan atas pencapaian sasaran "
        "strategis selama tahun [[tahun]], serta menjadi bahan evaluasi untuk perbaikan kinerja "
        "pada tahun berikutnya."),
    "perencanaan_kinerja": (
        "Rencana Strategis [[instansi]] [[renstra_periode]] mengacu pada RPJMD [[pemda_nama]] "
        "[[rpjmd_periode]] dan dijabarkan setiap tahun dalam Rencana Kerja serta Perjanjian "
        "Kinerja."),
    "program": (
        "Pada tahun [[tahun]] [[instansi]] melaksanakan [[jumlah_program]] program, "
        "[[jumlah_kegiatan]] kegiatan dan [[jumlah_sub_kegiatan]] sub kegiatan, sebagaimana "
        "tercantum dalam DPA Tahun [[tahun]]."),
    "perjanjian_kinerja": (
        "Perjanjian Kinerja Tahun [[tahun]] merupakan kesepakatan antara [[pihak_kedua]] "
        "dan Kepala [[instansi]] tentang target kinerja yang akan dicapai selama tahun [[tahun]] "
        "dengan sumber daya yang tersedia."),
    "capaian_kinerja_organisasi": (
        "Pengukuran capaian kinerja tahun [[tahun]] membandingkan realisasi dengan target "
        "Perjanjian Kinerja. Capaian dihitung sebagai realisasi ÷ target × 100 untuk indikator "
        "yang semakin tinggi semakin baik, dan dinilai dengan skala [[skala_nama]] "
        "([[skala_dasar_hukum]]).\n\n"
        "Capaian IKU [[iku_nama]] tahun [[tahun]] sebesar [[iku_capaian]] dengan kategori "
        "[[iku_peringkat]].\n\n"
        "[[capaian_ringkas]]\n\n"
        "[[capaian_belum]]"),
    "realisasi_kinerja": (
        "Tabel berikut menyajikan indikator kinerja program, kegiatan dan sub kegiatan tahun "
        "[[tahun]] beserta target, realisasi dan capaiannya."),
    "perbandingan_tahun_lalu": (
        "Tabel berikut membandingkan realisasi kinerja tahun [[tahun]] dengan realisasi tahun "
        "[[tahun_lalu]]."),
    "perbandingan_renstra": (
        "Realisasi IKU [[iku_nama]] tahun [[tahun]] sebesar [[iku_realisasi]] dibandingkan "
        "dengan target akhir Renstra [[renstra_periode]] sebesar [[iku_kondisi_akhir]]."),
    "perhitungan_iku": (
        "IKU [[iku_nama]] dihitung dari komponennya: [[iku_rumus]] = [[iku_realisasi]]."),
    "analisis_efisiensi": (
        "Efisiensi penggunaan sumber daya dinilai dengan membandingkan capaian kinerja dengan "
        "serapan anggaran. [[efisiensi_varian]]\n\n"
        "Pada tingkat organisasi, capaian IKU [[iku_capaian]] dicapai dengan serapan anggaran "
        "[[serapan_anggaran]]. Kesimpulan tiap program beserta penjelasannya disajikan pada "
        "tabel berikut."),
    "realisasi_anggaran": (
        "Pagu anggaran [[instansi]] Tahun [[tahun]] sebesar [[pagu]] terealisasi [[realisasi]], "
        "atau serapan anggaran sebesar [[serapan_anggaran]]. Rincian per program, kegiatan, sub "
        "kegiatan dan kode rekening disajikan pada tabel berikut."),
    "penutup": (
        "Laporan Kinerja [[instansi]] Tahun [[tahun]] menyajikan capaian kinerja atas sasaran "
        "strategis yang ditetapkan dalam Perjanjian Kinerja. Capaian IKU [[iku_nama]] sebesar "
        "[[iku_capaian]] dengan kategori [[iku_peringkat]], dengan serapan anggaran sebesar "
        "[[serapan_anggaran]] dari pagu [[pagu]].\n\n"
        "[[capaian_ringkas]]\n\n"
        "[[capaian_belum]]\n\n"
        "[[hambatan]]\n\n"
        "Capaian dan kendala tersebut menjadi dasar perbaikan perencanaan dan pelaksanaan "
        "program dalam Rencana Kerja dan Perjanjian Kinerja Tahun [[tahun_depan]]."),
}
