"""Reviu rules over the narrative text of the LAKIP (``NAR``).

A LAKIP is often written by copying last year's report, or another OPD's: years, names and
titles of office survive the copy, and budget absorption is reported as performance. These
rules read ``ReviuData.narasi`` and quote the sentence they object to. They are built to be
precise rather than complete: a year is only checked where the report speaks of its own period,
a region only where it is not inside a regulation citation, and so on, because a reviewer
reads every finding.

The helpers at the top (where a section sits in the LAKIP, sentence spans, quoting, regulation
citations) are shared with :mod:`akuntabel.core.reviu.struktur`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from akuntabel.core.anggaran import AnggaranError, HasilNode, compute_serapan, rollup
from akuntabel.core.anggaran import BarisAnggaran as BarisRollup
from akuntabel.core.angka import (
    Angka,
    format_persen,
    format_rupiah,
    parse_angka,
    round_half_up,
)
from akuntabel.core.capaian import MetodeTurun, Polaritas, compute_capaian
from akuntabel.core.reviu.common import target_berlaku
from akuntabel.core.reviu.data import Finding, Indikator, Lokasi, Narasi, Nilai, ReviuData
from akuntabel.core.reviu.registry import aturan, temuan

# --------------------------------------------------------------------------------------------
# Where a section sits in the LAKIP
# --------------------------------------------------------------------------------------------

BAGIAN_NARASI: dict[str, str] = {
    "kata_pengantar": "Kata Pengantar",
    "ikhtisar_eksekutif": "Ikhtisar Eksekutif",
    "latar_belakang": "1.1 Latar Belakang",
    "maksud_tujuan": "1.2 Maksud dan Tujuan",
    "dasar_hukum": "1.3 Dasar Hukum",
    "gambaran_umum": "1.4 Gambaran Umum",
    "isu_strategis": "1.5 Isu Strategis",
    "perencanaan_kinerja": "2.1 Perencanaan Kinerja",
    "visi_misi": "2.2 Visi dan Misi",
    "tujuan_sasaran": "2.3 Tujuan dan Sasaran",
    "program": "2.4 Program",
    "perjanjian_kinerja": "2.5 Perjanjian Kinerja",
    "capaian_kinerja_organisasi": "3.1 Capaian Kinerja Organisasi",
    "realisasi_kinerja": "3.2 Realisasi Kinerja",
    "perbandingan_tahun_lalu": "3.3 Realisasi Kinerja Tahun Ini dan Tahun Lalu",
    "perbandingan_renstra": "3.4 Perbandingan Realisasi Kinerja dengan Target Renstra",
    "perhitungan_iku": "3.5 Perhitungan IKU",
    "analisis_penyebab": "3.6 Analisis Penyebab Keberhasilan/Kegagalan",
    "analisis_efisiensi": "3.7 Analisis Efisiensi Penggunaan Sumber Daya",
    "analisis_program": "3.8 Analisis Program/Kegiatan Penunjang Keberhasilan",
    "realisasi_anggaran": "3.9 Realisasi Anggaran",
    "penutup": "Bab IV Penutup",
}
"""Section key -> its heading in the LAKIP outline of Permenpan RB 53/2014 (numbered as the
usual Daftar Isi numbers them)."""


def bagian_narasi(narasi: Narasi) -> str:
    """Where a reader finds a narrative section: its LAKIP heading, else its own title."""
    return BAGIAN_NARASI.get(narasi.kunci) or narasi.judul or narasi.kunci


def lokasi_narasi(narasi: Narasi, kutipan: str) -> Lokasi:
    return Lokasi(bagian=bagian_narasi(narasi), kunci=f"narasi:{narasi.kunci}", uraian=kutipan)


# --------------------------------------------------------------------------------------------
# Sentences and quotes
# --------------------------------------------------------------------------------------------

_AKHIR_KALIMAT = re.compile(r"[.!?]+[\"'”’)]*\s+")
_PENANDA_DAFTAR = re.compile(r"\s*(?:[-•*]\s+)?(?:(?:[a-zA-Z]|\d{1,2})[.)]\s+)?")
_SINGKATAN = frozenset({
    "no", "nomor", "rp", "dr", "drs", "dra", "ir", "h", "hj", "st", "sh", "mh", "se", "mm",
    "msi", "si", "sos", "spd", "skm", "kab", "kec", "kel", "prov", "jl", "dll", "dsb", "dst",
    "yth", "sdr", "bpk", "tgl", "thn", "th", "a.n", "u.p", "s.d", "sd", "vs", "hal", "lamp",
})


def kalimat(teks: str) -> list[tuple[int, int]]:
    """Sentence spans ``(awal, akhir)`` of a text: a line is never joined to the next, and a
    line is split after ``.``/``!``/``?`` unless the word before is an abbreviation (``No.``,
    ``Rp.``), one letter or a list number of one or two digits."""
    spans: list[tuple[int, int]] = []
    awal_baris = 0
    for baris in teks.split("\n"):
        awal = awal_baris
        for m in _AKHIR_KALIMAT.finditer(baris):
            kata = re.search(r"([\w.]+)$", baris[: m.start()])
            token = kata.group(1).casefold().strip(".") if kata else ""
            if token in _SINGKATAN or (len(token) <= 2 and (token.isdigit() or token.isalpha())):
                continue
            if m.end() < len(baris) and not re.match(r"[\W\d_]|[A-Z]", baris[m.end()]):
                continue  # a lower-case word follows: not a new sentence
            spans.append((awal, awal_baris + m.end()))
            awal = awal_baris + m.end()
        if baris[awal - awal_baris :].strip():
            spans.append((awal, awal_baris + len(baris)))
        awal_baris += len(baris) + 1
    hasil = []
    for a, b in spans:
        penanda = _PENANDA_DAFTAR.match(teks, a, b)
        if penanda:
            a = penanda.end()
        if teks[a:b].strip():
            hasil.append((a, b))
    return hasil


def kalimat_di(teks: str, spans: list[tuple[int, int]], posisi: int) -> tuple[int, int]:
    """The span of the sentence holding character ``posisi``."""
    for a, b in spans:
        if a <= posisi < b:
            return a, b
    return 0, len(teks)


def kutip(teks: str, awal: int, akhir: int, mulai: int | None = None,
          selesai: int | None = None, batas: int = 200) -> str:
    """The sentence ``teks[awal:akhir]`` in quotes, cut to about ``batas`` characters around
    the match ``teks[mulai:selesai]`` when it is longer."""
    if len(" ".join(teks[awal:akhir].split())) <= batas:
        return f"“{' '.join(teks[awal:akhir].split())}”"
    mulai = awal if mulai is None else mulai
    selesai = mulai if selesai is None else selesai
    ruang = max(batas - (selesai - mulai), 40)
    kiri = max(awal, mulai - ruang // 2)
    kanan = min(akhir, selesai + ruang - (mulai - kiri))
    kiri = max(awal, min(kiri, kanan - batas))
    while awal < kiri < mulai and not teks[kiri - 1].isspace():
        kiri += 1  # start on a whole word
    while selesai < kanan < akhir and not teks[kanan].isspace():
        kanan -= 1  # end on a whole word
    awalan = "…" if kiri > awal else ""
    akhiran = "…" if kanan < akhir else ""
    return f"“{awalan}{' '.join(teks[kiri:kanan].split())}{akhiran}”"


def normalkan(teks: str) -> str:
    """Lower-case words and digits only, one space apart: for "is it mentioned" checks."""
    return " ".join(re.findall(r"[^\W_]+", teks.casefold()))


# A regulation citation: "Nomor 12 Tahun 1999", "No. 7 Tahun 1999", "No.050.5881 tahun 2021",
# "Nomor : 22/HUK/1997"; followed later by "tentang" for what it is about.
_REGULASI = re.compile(
    r"\b(?:Nomor|No)\b\.?\s*:?\s*[\w./-]*\d[\w./-]*(?:\s+Tahun\s+\d{4})?", re.IGNORECASE)
_JENIS_REGULASI = re.compile(
    r"\b(?:Undang[\s-]*Undang|UU|Peraturan|Perda|Perwal\w*|Perbup|Pergub|Perpres|Permen\w*|"
    r"Keputusan|Kepmen\w*|Instruksi|Inpres|Surat\s+Edaran)\b", re.IGNORECASE)


_AKHIR_JUDUL = re.compile(
    r"\b(?:yaitu|yakni|sehingga|maka|dengan\s+cara|sebagaimana|adalah|merupakan|menggunakan)\b"
    r"|[.;:]\s", re.IGNORECASE)
_PANJANG_JUDUL = 160


def _dalam_judul(sebelum: str) -> bool:
    """Whether the end of ``sebelum`` lies in the title after its last "tentang": close to it
    and with no clause of the sentence's own in between ("…, yaitu", "…, sehingga")."""
    tentang = list(re.finditer(r"\btentang\b", sebelum, re.IGNORECASE))
    if not tentang:
        return False
    judul = sebelum[tentang[-1].end():]
    return len(judul) <= _PANJANG_JUDUL and _AKHIR_JUDUL.search(judul) is None


def dalam_regulasi(teks: str, awal_kalimat: int, posisi: int) -> bool:
    """True when ``posisi`` lies in a regulation citation of its sentence: in the title after
    a number and its "tentang" (``Nomor 12 Tahun 1999 tentang Pembentukan Kabupaten …``), or
    inside the citation itself (``Peraturan Daerah Kota Metro Nomor 7 Tahun 2021``)."""
    sebelum = teks[awal_kalimat:posisi]
    nomor = list(_REGULASI.finditer(sebelum))
    if nomor and _dalam_judul(sebelum[nomor[-1].end():]):
        return True
    jenis = list(_JENIS_REGULASI.finditer(sebelum))
    if jenis:
        antara = sebelum[jenis[-1].end():]
        if _dalam_judul(antara):
            return True
        sesudah = teks[posisi:posisi + 80]
        if (len(antara) < 80 and re.search(r"[.;]\s", antara) is None
                and re.match(r"[^.;\n]*?\b(?:Nomor|No)\b", sesudah, re.IGNORECASE)):
            return True
    return False


# --------------------------------------------------------------------------------------------
# Years
# --------------------------------------------------------------------------------------------

_TAHUN = r"(?P<tahun>(?:19|20)\d{2})(?![\d])(?!\s*(?:-|–|—|s\.?\s?d\.?|sampai)\s*(?:19|20)\d{2})"
_SELA = (r"(?P<sela>(?:(?!LAKIP|LKjIP|LKIP|Laporan|Perjanjian|Penetapan|Tahun)"
         r"[^\n.;:!?\d]){0,120}?)")  # the nearest head before the year, never across another
_FRASA_PERIODE = (
    re.compile(r"\b(?:LAKIP|LKjIP|LKIP|Laporan\s+(?:Akuntabilitas\s+)?Kinerja"
               r"(?:\s+Instansi\s+Pemerintah(?:an)?)?(?:\s*\((?:LAKIP|LKjIP|LKIP)\))?)"
               + _SELA + r"\bTahun\s+(?:Anggaran\s+)?" + _TAHUN, re.IGNORECASE),
    re.compile(r"\b(?:Tahun\s+Anggaran|T\.A\.?|TA)\s*" + _TAHUN, re.IGNORECASE),
    re.compile(r"\b(?:Perjanjian|Penetapan)\s+Kinerja\b" + _SELA + r"\bTahun\s+" + _TAHUN,
               re.IGNORECASE),
    re.compile(r"\b(?:realisasi|capaian)(?:\s+kinerja)?\s+(?:pada\s+)?tahun\s+" + _TAHUN
               + r"\s+(?:di)?bandingkan\b", re.IGNORECASE),
)
"""Phrases that name the report's own period: the year in them must be the report year."""

_BUKAN_PERIODE_SENDIRI = re.compile(
    r"\b(?:di)?banding\w*|\bsebelum\w*|\btahun\s+lalu|\bperiode\s+lalu|\bmendatang|"
    r"\bberikutnya|\bakan\s+datang|\bevaluasi|\brekomendasi|\btindak\s*lanjut|\bLHE\b",
    re.IGNORECASE)
"""Words before a period phrase that make it refer to another year on purpose (last year's
report, its evaluation, next year's plan)."""
_SELA_REGULASI = re.compile(r"\bNomor\b|\btentang\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Kutipan:
    narasi: Narasi
    awal: int  # the match
    akhir: int
    kalimat: tuple[int, int]

    @property
    def teks(self) -> str:
        return self.narasi.teks[self.awal:self.akhir]

    def kutipan(self) -> str:
        a, b = self.kalimat
        return kutip(self.narasi.teks, a, b, self.awal, self.akhir)


def _tahun_periode_salah(data: ReviuData) -> Iterator[tuple[_Kutipan, int]]:
    tahun = data.identitas.tahun
    for n in data.narasi:
        spans = kalimat(n.teks)
        seen: set[int] = set()
        for pola in _FRASA_PERIODE:
            for m in pola.finditer(n.teks):
                posisi = m.start("tahun")
                if posisi in seen:
                    continue
                seen.add(posisi)
                ditemukan = int(m.group("tahun"))
                if ditemukan == tahun:
                    continue
                a, b = kalimat_di(n.teks, spans, m.start())
                jendela = n.teks[max(a, m.start() - 60):m.start()]
                sela = m.groupdict().get("sela") or ""
                if (_BUKAN_PERIODE_SENDIRI.search(jendela) or _BUKAN_PERIODE_SENDIRI.search(sela)
                        or _SELA_REGULASI.search(sela)):
                    continue
                if dalam_regulasi(n.teks, a, posisi):
                    continue
                yield _Kutipan(n, m.start(), m.end(), (a, b)), ditemukan


@aturan("NAR-001", "error", "narasi", "Tahun laporan keliru dalam narasi",
        "Wrong report year in the narrative",
        "Permenpan RB 53/2014 (Laporan Kinerja menyajikan kinerja tahun berkenaan)")
def tahun_laporan_keliru(data: ReviuData) -> list[Finding]:
    """A phrase that names the report's own period carries another year.

    "Laporan Kinerja … Tahun YYYY", "Tahun Anggaran YYYY", "Perjanjian Kinerja Tahun YYYY" and
    "realisasi kinerja pada tahun YYYY dibandingkan …" describe the year being reported, so
    the year must be the report year; a different one is almost always left over from a copied
    report. Other years (regulation citations, targets of other years, last year's values, the
    signature date) are not checked. Phrases preceded by words that point elsewhere on purpose
    ("dibandingkan", "sebelumnya", "evaluasi", "rekomendasi", "mendatang") are left alone.
    One finding per section and wrong year.
    """
    tahun = data.identitas.tahun
    hasil: dict[tuple[str, int], tuple[_Kutipan, list[str]]] = {}
    for kut, salah in _tahun_periode_salah(data):
        kunci = (kut.narasi.kunci, salah)
        frasa = " ".join(kut.teks.split())
        if kunci in hasil:
            hasil[kunci][1].append(frasa)
        else:
            hasil[kunci] = (kut, [frasa])
    findings = []
    for (_, salah), (kut, semua_frasa) in hasil.items():
        bagian = bagian_narasi(kut.narasi)
        daftar = "; ".join(f"“{f}”" for f in dict.fromkeys(semua_frasa))
        findings.append(temuan(
            "NAR-001",
            f"{bagian} menulis {daftar}, padahal laporan ini adalah Laporan Kinerja tahun "
            f"{tahun}: tahun {salah} semestinya {tahun}.",
            f"{bagian} writes {daftar}, but this is the performance report for {tahun}: "
            f"the year {salah} should be {tahun}.",
            lokasi_narasi(kut.narasi, kut.kutipan()), str(tahun), str(salah)))
    return findings


_RENTANG = re.compile(
    r"(?<![\d./])(?P<a>(?:19|20)\d{2})\s*(?:-|–|—|s\.?\s?d\.?|sampai(?:\s+dengan)?)\s*"
    r"(?P<b>(?:19|20)\d{2})(?!\d)", re.IGNORECASE)
_DOKUMEN_PERIODE = re.compile(
    r"(?P<renstra>\bRenstra\b|\bRencana\s+Strategis\b)|"
    r"(?P<rpjmd>\bRPJMD\b|\bRencana\s+Pembangunan\s+Jangka\s+Menengah(?!\s+Nasional)\b)|"
    r"(?P<lain>\bRPJMN\b|\bRPJPD?\b|\bJangka\s+Panjang\b|\bNasional\b)", re.IGNORECASE)
_PERIODE_LAMA = re.compile(r"\bsebelum\w*|\blalu\b|\blama\b|\bterdahulu\b", re.IGNORECASE)


@aturan("NAR-002", "error", "narasi", "Periode Renstra/RPJMD keliru dalam narasi",
        "Wrong Renstra/RPJMD period in the narrative",
        "Permendagri 86/2017 (periode Renstra Perangkat Daerah mengikuti periode RPJMD)")
def periode_renstra_keliru(data: ReviuData) -> list[Finding]:
    """A medium-term period quoted in the text is not the Renstra/RPJMD period in force.

    A range of years named as the Renstra ("Renstra Tahun 2016-2021") must be the Renstra
    period, one named as the RPJMD the RPJMD period. A range with no document named is checked
    only when it has the length of a Renstra/RPJMD period and does not contain the report year
    (e.g. "program prioritas pembangunan tahun 2016-2021" in a 2023 report). Ranges inside a
    regulation citation and those said to be an earlier period ("sebelumnya", "lalu") are
    legitimate.
    """
    ident = data.identitas
    periode = {"renstra": (ident.renstra_awal, ident.renstra_akhir),
               "rpjmd": (ident.rpjmd_awal, ident.rpjmd_akhir)}
    panjang = {b - a for a, b in periode.values()}
    hasil: dict[tuple[str, str], Finding] = {}
    for n in data.narasi:
        spans = kalimat(n.teks)
        for m in _RENTANG.finditer(n.teks):
            a, b = int(m.group("a")), int(m.group("b"))
            ka, kb = kalimat_di(n.teks, spans, m.start())
            if dalam_regulasi(n.teks, ka, m.start()):
                continue
            sebelum = n.teks[max(ka, m.start() - 100):m.start()]
            dokumen = list(_DOKUMEN_PERIODE.finditer(sebelum))
            if dokumen:
                jenis = dokumen[-1].lastgroup or "lain"
                if jenis == "lain" or _PERIODE_LAMA.search(sebelum[dokumen[-1].end():]):
                    continue
                benar = periode[jenis]
                nama = "Renstra" if jenis == "renstra" else "RPJMD"
            else:
                if (b - a) not in panjang or a <= ident.tahun <= b or _PERIODE_LAMA.search(
                        sebelum):
                    continue
                benar = periode["renstra"]
                nama = "Renstra/RPJMD"
            if (a, b) == benar or (not dokumen and (a, b) in periode.values()):
                continue
            found, expected = f"{a}-{b}", f"{benar[0]}-{benar[1]}"
            if (n.kunci, found) in hasil:
                continue
            bagian = bagian_narasi(n)
            kutipan = kutip(n.teks, ka, kb, m.start(), m.end())
            hasil[(n.kunci, found)] = temuan(
                "NAR-002",
                f"{bagian} menyebut periode {found} sebagai periode {nama}, padahal periode "
                f"{nama} yang berlaku adalah {expected}: {kutipan}",
                f"{bagian} gives {found} as the {nama} period, but the {nama} period in force "
                f"is {expected}.",
                lokasi_narasi(n, kutipan), expected, found)
    return list(hasil.values())


# --------------------------------------------------------------------------------------------
# Names of regions, agencies and offices
# --------------------------------------------------------------------------------------------

_JENIS_DAERAH = {"kabupaten": "kabupaten", "kab": "kabupaten", "kota": "kota",
                 "kotamadya": "kota", "provinsi": "provinsi", "propinsi": "provinsi"}
_DAERAH = re.compile(
    r"(?<![\w/])(?P<jenis>(?i:Kabupaten|Kab\.|Kotamadya|Kota|Provinsi|Propinsi))"
    r"(?!\s*/)\s+(?P<nama>[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,3})")
_BUKAN_NAMA = frozenset({
    # words that follow "Kabupaten"/"Kota" without being a name, or end a name
    "tahun", "dinas", "badan", "nomor", "daerah", "dan", "yang", "dalam", "pada", "sebagai",
    "untuk", "dengan", "di", "ke", "dari", "selaku", "tingkat", "kewenangan", "melalui",
    "sesuai", "secara", "se", "serta", "atau", "adalah", "ini", "itu", "tersebut", "telah",
    "sudah", "bidang", "kantor", "sekretariat", "pemerintah", "kepala", "wali", "bupati",
    "gubernur", "rsud", "rumah", "kecamatan", "kelurahan", "desa", "apbd", "dpa", "renstra",
    "rpjmd", "lakip", "no", "program", "kegiatan", "sub", "capaian", "misi", "visi",
    # "Kota Layak Anak", "Kabupaten Sehat" and other programme names
    "layak", "sehat", "tanpa", "pusaka", "cerdas", "kreatif", "hijau", "ramah", "inklusif",
    "inklusi", "lengkap", "administrasi", "madya", "besar", "kecil", "baru", "lama", "induk",
    "otonom", "mandiri", "berpendidikan", "sejahtera", "berbudaya", "religius",
})


def _nama_daerah(nama: str) -> list[str]:
    """The name words after "Kabupaten"/"Kota", cut at the first word that is not a name."""
    kata: list[str] = []
    for k in nama.split():
        if k.casefold().strip("'-") in _BUKAN_NAMA:
            break
        kata.append(k)
    return kata


def _pemda(data: ReviuData) -> tuple[str, list[str]]:
    """The pemda's kind and its name words without the kind ("Kota Metro" -> ["metro"])."""
    jenis = data.identitas.pemda_jenis.casefold()
    kata = data.identitas.pemda_nama.split()
    if kata and kata[0].casefold().rstrip(".") in _JENIS_DAERAH:
        kata = kata[1:]
    return jenis, [k.casefold() for k in kata]


def _nama_dasar_opd(data: ReviuData) -> str:
    """The OPD's name without its region: "Dinas Sosial Kota Metro" -> "dinas sosial"."""
    opd = normalkan(data.identitas.opd_nama)
    pemda = normalkan(data.identitas.pemda_nama)
    if pemda and opd.endswith(pemda):
        opd = opd[: -len(pemda)].strip()
    return opd


@dataclass(frozen=True)
class _DaerahLain:
    kut: _Kutipan
    jenis: str
    nama: str  # as written: "Kabupaten Kuningan"
    lembaga: str  # "Dinas Sosial Kabupaten Kuningan" when it names this OPD's agency, else ""


def _daerah_lain(data: ReviuData) -> Iterator[_DaerahLain]:
    jenis_pemda, nama_pemda = _pemda(data)
    dasar_opd = _nama_dasar_opd(data)
    for n in data.narasi:
        spans = kalimat(n.teks)
        for m in _DAERAH.finditer(n.teks):
            jenis = _JENIS_DAERAH[m.group("jenis").casefold().rstrip(".")]
            if jenis_pemda == "provinsi":
                if jenis != "provinsi":
                    continue  # a province's report names its kabupaten/kota
            elif jenis == "provinsi":
                continue  # the province of a kabupaten/kota is not in the data
            kata = _nama_daerah(m.group("nama"))
            if not kata:
                continue
            lipat = [k.casefold() for k in kata]
            sendiri = (lipat[: len(nama_pemda)] == nama_pemda
                       or nama_pemda[: len(lipat)] == lipat)
            if sendiri and jenis == jenis_pemda:
                continue
            akhir = m.start("nama") + len(" ".join(kata))
            ka, kb = kalimat_di(n.teks, spans, m.start())
            if dalam_regulasi(n.teks, ka, m.start()):
                continue
            ditulis = f"{m.group('jenis')} {' '.join(kata)}"
            sebelum = normalkan(n.teks[ka:m.start()])
            lembaga = ""
            if dasar_opd and sebelum.endswith(dasar_opd):
                awal = _awal_nama_lembaga(n.teks, m.start(), dasar_opd)
                lembaga = " ".join(n.teks[awal:akhir].split())
            yield _DaerahLain(_Kutipan(n, m.start(), akhir, (ka, kb)), jenis, ditulis, lembaga)


def _awal_nama_lembaga(teks: str, posisi: int, dasar: str) -> int:
    """Where the agency name that ends just before ``posisi`` starts (as many words back as
    the OPD's base name has)."""
    jumlah = len(dasar.split())
    kata = list(re.finditer(r"[^\W_]+", teks[:posisi]))
    return kata[-jumlah].start() if len(kata) >= jumlah else posisi


@aturan("NAR-003", "error", "narasi", "Nama perangkat daerah lain dalam narasi",
        "Another agency's name in the narrative",
        "Permenpan RB 53/2014 (reviu atas Laporan Kinerja: keandalan informasi)")
def nama_opd_lain(data: ReviuData) -> list[Finding]:
    """The OPD's own kind of agency is named with another region ("Dinas Sosial Kabupaten
    Kuningan" in the report of Dinas Sosial Kota Metro): text copied from another pemda's
    report, naming the wrong author of the report."""
    findings: dict[tuple[str, str], Finding] = {}
    for d in _daerah_lain(data):
        if not d.lembaga or (d.kut.narasi.kunci, d.lembaga) in findings:
            continue
        n = d.kut.narasi
        bagian = bagian_narasi(n)
        opd = data.identitas.opd_nama
        findings[(n.kunci, d.lembaga)] = temuan(
            "NAR-003",
            f"{bagian} menyebut “{d.lembaga}”, padahal laporan ini milik {opd} "
            f"({data.identitas.pemda_nama}): {d.kut.kutipan()}",
            f"{bagian} names “{d.lembaga}”, but this report belongs to {opd} "
            f"({data.identitas.pemda_nama}).",
            lokasi_narasi(n, d.kut.kutipan()), opd, d.lembaga)
    return list(findings.values())


@aturan("NAR-004", "warning", "narasi", "Nama daerah lain dalam narasi",
        "Another region's name in the narrative",
        "Permenpan RB 53/2014 (reviu atas Laporan Kinerja: keandalan informasi)")
def nama_daerah_lain(data: ReviuData) -> list[Finding]:
    """A "Kabupaten X" / "Kota X" (for a province: "Provinsi X") that is not this pemda.

    Often the trace of a copied report; sometimes a legitimate mention of a neighbour, hence a
    warning. Nomenclature ("Kabupaten/Kota", "Daerah Kabupaten / Kota"), programme names
    ("Kota Layak Anak") and regulation citations (UU 12/1999 naming the regions it formed) are
    not findings; a name attached to the OPD's own agency is NAR-003 instead.
    """
    findings: dict[tuple[str, str], Finding] = {}
    for d in _daerah_lain(data):
        n = d.kut.narasi
        if d.lembaga or (n.kunci, d.nama.casefold()) in findings:
            continue
        bagian = bagian_narasi(n)
        pemda = data.identitas.pemda_nama
        findings[(n.kunci, d.nama.casefold())] = temuan(
            "NAR-004",
            f"{bagian} menyebut “{d.nama}”, bukan {pemda}; periksa apakah kalimat ini "
            f"tersalin dari laporan daerah lain: {d.kut.kutipan()}",
            f"{bagian} names “{d.nama}”, not {pemda}; check whether the sentence was copied "
            "from another region's report.",
            lokasi_narasi(n, d.kut.kutipan()), pemda, d.nama)
    return list(findings.values())


_GELAR_KEPALA = {"kota": "Wali Kota", "kabupaten": "Bupati", "provinsi": "Gubernur"}
_JABATAN = re.compile(
    r"(?<![\w/])(?P<jabatan>(?:Wakil\s+)?(?:Bupati|Gubernur|Wali\s*kota|Walkot))\b(?!\s*/)",
    re.IGNORECASE)
_SEBAGAI_KEPALA = re.compile(
    r"(?:\bmembantu|\bdiberikan\s+oleh|\bbertanggung\s*jawab\s+kepada|\bvisi(?:\s+dan\s+misi)?|"
    r"\bmisi)\s+$", re.IGNORECASE)


def _jenis_jabatan(jabatan: str) -> str:
    j = re.sub(r"\s+", "", jabatan.casefold()).removeprefix("wakil")
    return {"bupati": "kabupaten", "gubernur": "provinsi"}.get(j, "kota")


@aturan("NAR-005", "error", "narasi", "Sebutan kepala daerah tidak sesuai jenis pemda",
        "Title of the head of region does not fit the pemda",
        "UU 23/2014 tentang Pemerintahan Daerah, Pasal 59 (kepala daerah provinsi disebut "
        "gubernur, kabupaten bupati, kota wali kota)")
def sebutan_kepala_daerah(data: ReviuData) -> list[Finding]:
    """A title of office that this pemda does not have.

    A kota has a Wali Kota, a kabupaten a Bupati, a province a Gubernur (UU 23/2014 Pasal 59).
    In a kota, "Bupati" anywhere is a finding (the seed: "yang diberikan oleh Bupati"), and
    "Wali Kota" in a kabupaten. "Gubernur" in a kota/kabupaten, and "Bupati"/"Wali Kota" in a
    province, are findings only where the title is used as the head of this pemda ("membantu
    Gubernur", "diberikan oleh …", "bertanggung jawab kepada …", "visi dan misi …") or followed
    by this pemda's name. The nomenclature "Bupati/Wali Kota" is not a finding.
    """
    jenis_pemda, nama_pemda = _pemda(data)
    benar = _judul_kepala(data)
    findings: dict[tuple[str, str], Finding] = {}
    for n in data.narasi:
        spans = kalimat(n.teks)
        for m in _JABATAN.finditer(n.teks):
            jenis = _jenis_jabatan(m.group("jabatan"))
            if jenis == jenis_pemda:
                continue
            kata_sesudah = re.findall(r"[^\W_]+", n.teks[m.end():m.end() + 60])
            sesudah = [k.casefold() for k in kata_sesudah]
            nama_sendiri = (bool(nama_pemda) and sesudah[: len(nama_pemda)] == nama_pemda
                            and (len(kata_sesudah) == len(nama_pemda)
                                 or not kata_sesudah[len(nama_pemda)][0].isupper()))
            sebagai_kepala = _SEBAGAI_KEPALA.search(n.teks[max(0, m.start() - 60):m.start()])
            jelas_salah = (jenis_pemda == "kota" and jenis == "kabupaten") or (
                jenis_pemda == "kabupaten" and jenis == "kota")
            if not (jelas_salah or nama_sendiri or sebagai_kepala):
                continue
            ka, kb = kalimat_di(n.teks, spans, m.start())
            if not nama_sendiri and dalam_regulasi(n.teks, ka, m.start()) and sesudah and (
                    sesudah[0] not in ("nomor", "no")):
                continue  # another region's regulation cited by name
            ditulis = " ".join(m.group("jabatan").split())
            if (n.kunci, ditulis.casefold()) in findings:
                continue
            bagian = bagian_narasi(n)
            kutipan = kutip(n.teks, ka, kb, m.start(), m.end())
            findings[(n.kunci, ditulis.casefold())] = temuan(
                "NAR-005",
                f"{bagian} menyebut “{ditulis}”, padahal kepala daerah "
                f"{data.identitas.pemda_nama} adalah {benar}: {kutipan}",
                f"{bagian} says “{ditulis}”, but the head of {data.identitas.pemda_nama} is "
                f"the {benar}.",
                lokasi_narasi(n, kutipan), benar, ditulis)
    return list(findings.values())


def _judul_kepala(data: ReviuData) -> str:
    """The head's title without the region: "Wali Kota Metro" -> "Wali Kota"."""
    jabatan = data.identitas.kepala_daerah_jabatan.strip()
    _, nama = _pemda(data)
    kata = jabatan.split()
    if nama and [k.casefold() for k in kata[-len(nama):]] == nama:
        kata = kata[: -len(nama)]
    return " ".join(kata) or _GELAR_KEPALA.get(data.identitas.pemda_jenis.casefold(), jabatan)


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------

_PERSEN = re.compile(r"(?<![\w.,])(?P<angka>\d+(?:[.,]\d+)*)\s*(?:%|persen\b|percent\b)",
                     re.IGNORECASE)
_BILANGAN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_KATA_SKALA = r"(?i:ribu|juta|miliar|milyar|triliun)"
# "Rp 4,83 miliar", "Rp4.825.424.420,-", "Rp 3,5 M"; or, without Rp, a number with a scale
# word followed by "rupiah" ("4,83 miliar rupiah").
_RUPIAH = re.compile(
    r"\bRp\.?\s*(?P<angka>" + _BILANGAN + r")(?:\s*,\s*-)?"
    r"(?:\s*(?P<skala>" + _KATA_SKALA + r"|(?i:jt)|M)\b)?"
    r"|(?<![\w.,])(?P<angka_kata>" + _BILANGAN + r")\s*(?P<skala_kata>" + _KATA_SKALA
    + r")\s+(?i:rupiah)\b")
# Abbreviations the core does not read as scales (``M`` is million in English), taken in
# a rupiah amount of a narrative: "jt" is juta, "M" miliar.
_SINGKATAN_SKALA = {"jt": Decimal(10) ** 6, "m": Decimal(10) ** 9}


def _skala(kata: str) -> Decimal | None:
    """The factor of a scale word: read by ``core.angka`` (ribu … triliun), or one of the
    abbreviations above; None without one."""
    if not kata:
        return None
    dibaca = parse_angka(f"1 {kata}")
    if isinstance(dibaca, Angka) and dibaca.kata_skala:
        return dibaca.nilai
    return _SINGKATAN_SKALA.get(kata.casefold())
_RUMUS = re.compile(r"(?:[x×*]|kali)\s*$", re.IGNORECASE)
_SELALU_BOLEH = (Decimal(0), Decimal(100))


def _desimal(teks: str) -> int:
    """Decimals written in a number as Indonesians write it ("94,74" -> 2, "5.093" -> 0)."""
    hasil = parse_angka(teks)
    if not isinstance(hasil, Angka):
        return 0
    eksponen = hasil.nilai.as_tuple().exponent
    return -eksponen if isinstance(eksponen, int) and eksponen < 0 else 0


def _satuan(nilai: Nilai, indikator: Indikator) -> str:
    satuan = (nilai.satuan or indikator.satuan or "").strip().casefold()
    return "%" if satuan in ("%", "persen") else satuan


@dataclass(frozen=True)
class CapaianIndikator:
    indikator: Indikator
    target: Decimal
    realisasi: Decimal
    satuan: str
    capaian: Decimal


def capaian_indikator(data: ReviuData, ind: Indikator, tahun: int) -> CapaianIndikator | None:
    """Capaian of an indicator in a year against the target in force, with the realisasi
    computed from components when there is one; None when the values are missing, not numbers,
    in different units, or the polaritas has its own formula."""
    berlaku = target_berlaku(data, ind, tahun)
    target = berlaku[1] if berlaku else None
    if target is None or target.nilai is None:
        return None
    satuan = _satuan(target, ind)
    if tahun in ind.realisasi_dihitung:
        realisasi = ind.realisasi_dihitung[tahun]
    else:
        nilai = ind.realisasi.get(tahun)
        if nilai is None or nilai.nilai is None or _satuan(nilai, ind) != satuan:
            return None
        realisasi = nilai.nilai
    if ind.polaritas not in (Polaritas.NAIK, Polaritas.TURUN):
        return None
    metode = (MetodeTurun(ind.metode_turun) if ind.metode_turun in tuple(MetodeTurun)
              else MetodeTurun.SELISIH)
    capaian = compute_capaian(target.nilai, realisasi, Polaritas(ind.polaritas), metode)
    if capaian is None:
        return None
    return CapaianIndikator(ind, target.nilai, realisasi, satuan, capaian)


def serapan_total(data: ReviuData, pohon: dict[str, HasilNode] | None = None) -> set[Decimal]:
    """Serapan of the whole budget (unrounded): from the tree and the totals printed
    elsewhere."""
    hasil: set[Decimal] = set()
    for _, pagu, realisasi in _total_anggaran(data, _rollup(data) if pohon is None else pohon):
        serapan = compute_serapan(pagu, realisasi)
        if serapan is not None:
            hasil.add(serapan)
    for lain in data.anggaran_lain:
        if lain.serapan_teks:
            dibaca = parse_angka(lain.serapan_teks)
            if isinstance(dibaca, Angka):
                hasil.add(dibaca.nilai)
    return hasil


def _total_anggaran(data: ReviuData, pohon: dict[str, HasilNode]
                    ) -> list[tuple[str, Decimal | None, Decimal | None]]:
    """(where, pagu, realisasi) of the whole budget: the tree's roots summed, and each total
    printed elsewhere."""
    totals: list[tuple[str, Decimal | None, Decimal | None]] = []
    akar = [h for h in pohon.values() if h.induk is None]
    if akar:
        pagu = [h.pagu.nilai for h in akar]
        realisasi = [h.realisasi.nilai for h in akar]
        totals.append((
            "pohon anggaran",
            sum((p for p in pagu if p is not None), Decimal(0)) if None not in pagu else None,
            sum((r for r in realisasi if r is not None), Decimal(0))
            if None not in realisasi else None))
    for lain in data.anggaran_lain:
        totals.append((lain.tempat, lain.pagu, lain.realisasi))
    return totals


def _rollup(data: ReviuData) -> dict[str, HasilNode]:
    """The budget tree rolled up; empty when the rows do not form a tree (ANG rules say why)."""
    try:
        return rollup(BarisRollup(b.kunci, b.induk, b.pagu, b.realisasi) for b in data.anggaran)
    except AnggaranError:
        return {}


@dataclass
class _Angka:
    """The figures the data holds, unrounded: percentages and rupiah amounts."""

    persen: set[Decimal]
    rupiah: set[Decimal]


def angka_data(data: ReviuData) -> _Angka:
    """Every percentage and rupiah amount a text may legitimately quote: budget amounts and
    serapan of every node (as printed and as rolled up) and their remaining balance, totals
    printed elsewhere, targets and realisasi of indicators (the computed realisasi in place of
    the printed one when there is one), capaian, PK and Renstra targets, the Renstra funding and
    the bounds of the rating scale. Serapan is taken for the nodes of the program tree, not for
    each rekening line."""
    persen: set[Decimal] = set(_SELALU_BOLEH)
    rupiah: set[Decimal] = set()

    def uang(pagu: Decimal | None, realisasi: Decimal | None, dengan_serapan: bool = True
             ) -> None:
        for v in (pagu, realisasi):
            if v is not None:
                rupiah.add(v)
        if pagu is not None and realisasi is not None:
            rupiah.add(pagu - realisasi)
            serapan = compute_serapan(pagu, realisasi)
            if serapan is not None and dengan_serapan:
                persen.add(serapan)

    # The serapan of rekening lines is left out: texts quote it for programs, kegiatan and sub
    # kegiatan, and hundreds of line percentages would match any misquoted figure by chance.
    pohon = _rollup(data)
    rekening = {b.kunci for b in data.anggaran if b.tingkat == "rekening"}
    for baris in data.anggaran:
        uang(baris.pagu, baris.realisasi, baris.kunci not in rekening)
    for h in pohon.values():
        uang(h.pagu.nilai, h.realisasi.nilai, h.kunci not in rekening)
    for _, pagu, realisasi in _total_anggaran(data, pohon):
        uang(pagu, realisasi)
    persen |= serapan_total(data, pohon)
    for ra in data.renstra_anggaran:
        uang(ra.target, ra.realisasi_dilaporkan)
    for ind in data.indikator:
        nilai_ind: list[Nilai] = [v for per_tahun in ind.target.values()
                                  for v in per_tahun.values()]
        nilai_ind += [v for t, v in ind.realisasi.items() if t not in ind.realisasi_dihitung]
        for v in nilai_ind:
            if v.nilai is not None:
                (rupiah if _satuan(v, ind) == "rp" else persen).add(v.nilai)
        persen.update(ind.realisasi_dihitung.values())
        for tahun in {*ind.realisasi, *ind.realisasi_dihitung}:
            c = capaian_indikator(data, ind, tahun)
            if c is not None:
                persen.add(c.capaian)
    for pk in data.perjanjian_kinerja:
        for b in pk.baris:
            if b.target is not None and b.target.nilai is not None:
                persen.add(b.target.nilai)
    for pita in data.skala.pita:
        if pita.batas_bawah is not None:
            persen.update((pita.batas_bawah, pita.batas_bawah - 1))
    return _Angka(persen, rupiah)


class _Pencocok:
    """Does a value written with ``desimal`` decimals match a figure rounded as much?"""

    def __init__(self, angka: set[Decimal]) -> None:
        self.angka = angka
        self._bulat: dict[int, set[Decimal]] = {}

    def cocok(self, nilai: Decimal, desimal: int) -> bool:
        if desimal not in self._bulat:
            self._bulat[desimal] = {round_half_up(a, desimal) for a in self.angka}
        return nilai in self._bulat[desimal]




def _terdekat(nilai: Decimal, angka: set[Decimal], batas: Decimal) -> Decimal | None:
    """The figure nearest to ``nilai`` when it is within ``batas`` of it."""
    calon = [a for a in angka if abs(a - nilai) <= batas]
    return min(calon, key=lambda a: (abs(a - nilai), a)) if calon else None


@aturan("NAR-006", "error", "narasi",
        "Serapan anggaran disebut sebagai capaian kinerja",
        "Budget absorption presented as performance achievement",
        "Permenpan RB 53/2014 (capaian kinerja = realisasi indikator dibanding target Perjanjian "
        "Kinerja; realisasi anggaran disajikan terpisah)")
def serapan_sebagai_kinerja(data: ReviuData) -> list[Finding]:
    """The budget's serapan (realisasi ÷ pagu) is quoted in a sentence about performance.

    The sentence speaks of "capaian", "kinerja", "kategori", "predikat" or "indikator" and
    quotes the percentage of the whole budget's absorption (94,74% in the seed: "Dari indikator
    kinerja sasaran yang di ukur (94,74 %) telah mencapai kategori sangat tinggi"). A sentence
    that also names the budget ("serapan anggaran sebesar 94,74%") is correct phrasing and not
    a finding; nor is a percentage that is also an indicator's value.
    """
    tahun = data.identitas.tahun
    angka_serapan = serapan_total(data)
    if not angka_serapan:
        return []
    nilai_kinerja: set[Decimal] = set()
    capaian_iku: list[Decimal] = []
    for ind in data.indikator:
        c = capaian_indikator(data, ind, tahun)
        if c is not None:
            nilai_kinerja.update((c.capaian, c.realisasi, c.target))
            if ind.iku:
                capaian_iku.append(c.capaian)
    serapan, kinerja_data = _Pencocok(angka_serapan), _Pencocok(nilai_kinerja)
    kinerja = re.compile(r"\b(?:capaian|kinerja|kategori|predikat|peringkat|indikator)\b",
                         re.IGNORECASE)
    anggaran = re.compile(
        r"\b(?:anggaran|serapan|penyerapan|terserap|keuangan|belanja|dana|pagu|APBD|DPA)\b|Rp",
        re.IGNORECASE)
    findings: dict[tuple[str, str], Finding] = {}
    for n in data.narasi:
        spans = kalimat(n.teks)
        for m in _PERSEN.finditer(n.teks):
            dibaca = parse_angka(m.group("angka"))
            if not isinstance(dibaca, Angka):
                continue
            desimal = _desimal(m.group("angka"))
            if not serapan.cocok(dibaca.nilai, desimal) or kinerja_data.cocok(dibaca.nilai,
                                                                             desimal):
                continue
            ka, kb = kalimat_di(n.teks, spans, m.start())
            isi = n.teks[ka:kb]
            if not kinerja.search(isi) or anggaran.search(isi):
                continue
            ditemukan = format_persen(dibaca.nilai, desimal)
            if (n.kunci, ditemukan) in findings:
                continue
            bagian = bagian_narasi(n)
            kutipan = kutip(n.teks, ka, kb, m.start(), m.end())
            diharapkan = (f"capaian kinerja {format_persen(capaian_iku[0])}"
                          if len(capaian_iku) == 1 else "capaian kinerja indikator")
            findings[(n.kunci, ditemukan)] = temuan(
                "NAR-006",
                f"{bagian} menyajikan {ditemukan} sebagai capaian kinerja, padahal angka itu "
                f"adalah serapan anggaran (realisasi ÷ pagu); capaian kinerja diukur dari "
                f"realisasi indikator terhadap targetnya: {kutipan}",
                f"{bagian} presents {ditemukan} as performance achievement, but it is the budget "
                "absorption (realisasi ÷ pagu); performance is measured by indicators against "
                "their targets.",
                lokasi_narasi(n, kutipan), diharapkan, f"{ditemukan} (serapan anggaran)")
    return list(findings.values())


@aturan("NAR-007", "warning", "narasi", "Angka dalam narasi tidak ada di data",
        "A figure in the narrative matches no figure in the data",
        "Permenpan RB 53/2014 (reviu atas Laporan Kinerja: keandalan informasi); prinsip "
        "akuntansi/aritmetika")
def angka_tanpa_dasar(data: ReviuData) -> list[Finding]:
    """A percentage or rupiah amount quoted in the text that no figure of the data gives.

    The figures are those of :func:`angka_data`; a quoted value matches one when the figure,
    rounded to as many decimals as the text writes, is that value (so "94,7%" matches
    94,7449…%). 0% and 100% and the "× 100%" of a formula are always allowed. Where a figure is
    close (within 1 point, or 0,1% of an amount), it is given as the expected value: "92.78%"
    against a computed 92,77%.
    """
    angka = angka_data(data)
    persen, rupiah = _Pencocok(angka.persen), _Pencocok(angka.rupiah)
    dalam_skala: dict[Decimal, _Pencocok] = {}
    findings: dict[tuple[str, str], Finding] = {}
    for n in data.narasi:
        spans = kalimat(n.teks)
        for m in _PERSEN.finditer(n.teks):
            if _RUMUS.search(n.teks[max(0, m.start() - 8):m.start()]):
                continue
            dibaca = parse_angka(m.group("angka"))
            if not isinstance(dibaca, Angka):
                continue
            desimal = _desimal(m.group("angka"))
            if persen.cocok(dibaca.nilai, desimal):
                continue
            dekat = _terdekat(dibaca.nilai, angka.persen, Decimal(1))
            _catat(findings, n, spans, m.start(), m.end(), m.group(0).strip(),
                   format_persen(dibaca.nilai, desimal),
                   format_persen(dekat) if dekat is not None else None, "persentase")
        for m in _RUPIAH.finditer(n.teks):
            tertulis = m.group("angka") or m.group("angka_kata")
            dibaca = parse_angka(tertulis)
            if not isinstance(dibaca, Angka):
                continue
            skala = _skala(m.group("skala") or m.group("skala_kata") or "")
            desimal = _desimal(tertulis)
            if skala is not None:
                if skala not in dalam_skala:
                    dalam_skala[skala] = _Pencocok({a / skala for a in angka.rupiah})
                if dalam_skala[skala].cocok(dibaca.nilai, desimal):
                    continue
                nilai = dibaca.nilai * skala
            else:
                nilai = dibaca.nilai
                if rupiah.cocok(nilai, desimal):
                    continue
            dekat = _terdekat(nilai, angka.rupiah, abs(nilai) / 1000)
            _catat(findings, n, spans, m.start(), m.end(), " ".join(m.group(0).split()),
                   format_rupiah(nilai), format_rupiah(dekat) if dekat is not None else None,
                   "jumlah rupiah")
    return list(findings.values())


def _catat(findings: dict[tuple[str, str], Finding], n: Narasi, spans: list[tuple[int, int]],
           awal: int, akhir: int, ditulis: str, ditemukan: str, diharapkan: str | None,
           jenis: str) -> None:
    if (n.kunci, ditemukan) in findings:
        return
    ka, kb = kalimat_di(n.teks, spans, awal)
    kutipan = kutip(n.teks, ka, kb, awal, akhir)
    bagian = bagian_narasi(n)
    jenis_en = "percentage" if jenis == "persentase" else "rupiah amount"
    if diharapkan is not None:
        saran = f"; angka data yang terdekat {diharapkan}"
        saran_en = f"; the nearest figure in the data is {diharapkan}"
    else:
        saran = saran_en = ""
    findings[(n.kunci, ditemukan)] = temuan(
        "NAR-007",
        f"{bagian} menyebut {jenis} “{ditulis}” yang tidak sesuai dengan angka mana pun di data "
        f"anggaran maupun kinerja{saran}: {kutipan}",
        f"{bagian} quotes the {jenis_en} “{ditulis}”, which matches no budget or performance "
        f"figure in the data{saran_en}.",
        lokasi_narasi(n, kutipan), diharapkan, ditemukan)


__all__ = ["BAGIAN_NARASI", "angka_data", "bagian_narasi", "capaian_indikator",
           "dalam_regulasi", "kalimat", "kalimat_di", "kutip", "lokasi_narasi",
           "normalkan", "serapan_total"]
