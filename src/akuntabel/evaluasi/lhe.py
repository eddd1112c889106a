"""The Laporan Hasil Evaluasi (LHE) of an evaluation, as a ``reports.document.Dokumen`` the
report renderers print (PDF, DOCX), so it looks like the other documents.

The outline is the common one of the LHE of the Evaluasi AKIP (PermenPAN-RB 88/2021; the
shipped template's notes): a cover with the LHE's number and date; I Pendahuluan (dasar hukum,
ruang lingkup, metodologi); II Hasil Evaluasi (the score and predikat, each component with its
score, last year's beside it, and what should be improved; the follow-up of last year's
recommendations); III Rekomendasi ("Agar …") grouped per component; IV Penutup; the
signature of the Inspektur. Every score is ``core.evaluasi``'s, read by ``services.skor``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from akuntabel.audit.services import record_change, record_pemda_change
from akuntabel.core.evaluasi import DASAR as DASAR_NILAI
from akuntabel.core.evaluasi import HasilEvaluasi, format_nilai
from akuntabel.core.rekomendasi import DASAR as DASAR_REKOMENDASI
from akuntabel.core.rekomendasi import perlu_disempurnakan, perubahan_nilai
from akuntabel.evaluasi.access import hak_evaluasi
from akuntabel.evaluasi.bukti import bukti_evaluasi
from akuntabel.evaluasi.models import Evaluasi, KriteriaLke, LaporanHasilEvaluasi, Rekomendasi
from akuntabel.evaluasi.rekomendasi import RekomendasiDitolak, rekomendasi_sebelumnya
from akuntabel.evaluasi.services import evaluasi_tahun_lalu, nama_unit, skor
from akuntabel.organizations.models import Pejabat, Pemda
from akuntabel.reports.document import Angka, Bagian, Dokumen, Penandatangan, Tabel
from akuntabel.reports.kop import kop_of
from akuntabel.reports.lakip.values import format_tanggal
from akuntabel.reports.pk import tempat_tanggal

DASAR_HUKUM = (
    "Undang-Undang Nomor 28 Tahun 1999 tentang Penyelenggaraan Negara yang Bersih dan Bebas "
    "dari Korupsi, Kolusi, dan Nepotisme;",
    "Peraturan Pemerintah Nomor 60 Tahun 2008 tentang Sistem Pengendalian Intern Pemerintah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 "
    "tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah.",
)
KOSONG = "…………………………"
# The follow-up statuses as the document prints them (an official document is written in
# Indonesian, not through the UI's catalogue).
STATUS = {
    Rekomendasi.Status.TERBUKA: "Belum ditindaklanjuti",
    Rekomendasi.Status.PROSES: "Dalam proses (menunggu penilaian Inspektorat)",
    Rekomendasi.Status.SELESAI: "Sudah ditindaklanjuti",
    Rekomendasi.Status.TIDAK_DITERIMA: "Tindak lanjut belum memadai",
}


@dataclass(frozen=True)
class TindakLanjut:
    """A recommendation of an earlier year and its follow-up, as the LHE and the worksheet
    list it."""

    tahun: int
    komponen: str
    uraian: str
    status: str   # Rekomendasi.Status
    tindak_lanjut: str
    bukti_tautan: str


def simpan_register(evaluasi: Evaluasi, nomor: str, tanggal: date | None, versi: int, *,
                    user: Any) -> LaporanHasilEvaluasi:
    """Register the LHE's number and date (the evaluator), with its history; a stale save
    (``versi`` not the one stored) is refused."""
    nomor = nomor.strip()
    nama = f"LHE {nama_unit(evaluasi)} {evaluasi.tahun}"
    hak = hak_evaluasi(user, evaluasi)
    if hak is None or not hak.nilai:
        raise RekomendasiDitolak([f"{nama}: " + _("only the evaluator records the LHE's "
                                                   "number and date.")])
    if len(nomor) > 100:
        raise RekomendasiDitolak([f"{nama}: " + _("the number is at most 100 characters "
                                                   "long.")])
    with transaction.atomic():
        lhe, _baru = LaporanHasilEvaluasi.objects.select_for_update().get_or_create(
            evaluasi=evaluasi)
        if lhe.versi != versi:
            raise RekomendasiDitolak([f"{nama}: " + _(
                "the number and date were changed by someone else after this page was "
                "opened; reload the page.")])
        for kolom, baru in (("nomor", nomor), ("tanggal", tanggal)):
            if evaluasi.perangkat_daerah_id:
                record_change(evaluasi.perangkat_daerah, lhe, kolom, getattr(lhe, kolom), baru,
                              sumber="Register LHE", oleh=user)
            else:
                record_pemda_change(evaluasi.pemda, lhe, kolom, getattr(lhe, kolom), baru,
                                    sumber="Register LHE", oleh=user)
            setattr(lhe, kolom, baru)
        lhe.versi += 1
        lhe.save()
    return lhe


def inspektur(pemda: Pemda) -> Penandatangan:
    """The head of the pemda's Inspektorat as its officials list him; the name and NIP left to
    fill when the Inspektorat or its head is not recorded."""
    kepala = (Pejabat.objects.filter(perangkat_daerah__pemda=pemda,
                                     perangkat_daerah__nama__icontains="inspektorat",
                                     peran=Pejabat.Peran.KEPALA)
              .order_by("urutan", "pk").first())
    jabatan = f"Inspektur {pemda.nama}"
    if kepala is None:
        return Penandatangan(jabatan, KOSONG, "", "", "")
    pangkat = ", ".join(x for x in (kepala.pangkat, kepala.golongan) if x)
    return Penandatangan(kepala.jabatan or jabatan, kepala.nama, pangkat, kepala.nip, "")


def tindak_lanjut_sebelumnya(evaluasi: Evaluasi) -> list[TindakLanjut]:
    return [TindakLanjut(r.evaluasi.tahun, r.komponen.kode, r.uraian, r.status,
                         r.tindak_lanjut, r.bukti_tautan)
            for r in rekomendasi_sebelumnya(evaluasi)]


def _nilai(nilai: Decimal | None, rumus: str = "") -> Angka:
    if nilai is None:
        return Angka(None, "angka", "–")
    return Angka(nilai, "angka", format_nilai(nilai), rumus)


def _perubahan(sekarang: Decimal | None, lalu: Decimal | None) -> Angka:
    beda = perubahan_nilai(sekarang, lalu)
    if beda is None:
        return Angka(None, "angka", "–")
    teks = format_nilai(beda)
    return Angka(beda, "angka", f"+{teks}" if beda > 0 else teks,
                 f"{format_nilai(sekarang or Decimal(0))} − {format_nilai(lalu or Decimal(0))}")


def build_lhe(evaluasi: Evaluasi) -> Dokumen:
    """The LHE of ``evaluasi`` with the grades set so far (a draft until the evaluation is
    locked: the cover says so)."""
    evaluasi = Evaluasi.objects.select_related("pemda", "perangkat_daerah", "template").get(
        pk=evaluasi.pk)   # read afresh: the lock may be newer than the caller's copy
    unit = nama_unit(evaluasi)
    pemda = evaluasi.pemda
    template = evaluasi.template
    hasil = skor(evaluasi)
    lalu = evaluasi_tahun_lalu(evaluasi)
    hasil_lalu = skor(lalu) if lalu is not None else None
    register = LaporanHasilEvaluasi.objects.filter(evaluasi=evaluasi).first()
    nomor = register.nomor if register and register.nomor else KOSONG
    tanggal: date | None = register.tanggal if register else None
    komponen = list(template.komponen.prefetch_related("sub__kriteria"))
    skala = {s.kode: s.persen for s in template.skala.all()}
    jawaban = {j.kriteria_id: j for j in evaluasi.jawaban.all()}
    rekomendasi = list(evaluasi.rekomendasi.select_related("komponen", "perangkat_daerah"))
    ttd = inspektur(pemda)
    ttd = Penandatangan(ttd.jabatan, ttd.nama, ttd.pangkat, ttd.nip,
                        tempat_tanggal(pemda, evaluasi.tahun + 1, tanggal))

    bagian = [
        Bagian("bab1", "BAB I", "PENDAHULUAN", 0),
        Bagian("dasar-hukum", "1.1", "Dasar Hukum", 1,
               tuple(f"- {d}" for d in (*DASAR_HUKUM,
                                         f"{template.nama} ({template.dasar_hukum})."))),
        Bagian("ruang-lingkup", "1.2", "Ruang Lingkup", 1, (
            f"Evaluasi dilakukan atas implementasi Sistem Akuntabilitas Kinerja Instansi "
            f"Pemerintah (SAKIP) pada {unit} tahun {evaluasi.tahun}, meliputi empat komponen "
            f"berikut beserta bobotnya:",
            *(f"- {k.kode}. {k.nama} ({format_nilai(k.bobot)})" for k in komponen))),
        Bagian("metodologi", "1.3", "Metodologi", 1, _metodologi(evaluasi, komponen, skala)),
        Bagian("bab2", "BAB II", "HASIL EVALUASI", 0),
        _ringkasan(unit, evaluasi, komponen, hasil, hasil_lalu),
    ]
    reviu = _reviu_lkjip(evaluasi)
    for i, k in enumerate(komponen, start=2):
        bagian.append(_komponen(f"2.{i}", k, hasil, hasil_lalu, jawaban, skala,
                                reviu.get(k.kode, ())))
    nomor_tl = f"2.{len(komponen) + 2}"
    bagian.append(_tindak_lanjut(nomor_tl, evaluasi, tindak_lanjut_sebelumnya(evaluasi)))
    bagian.append(Bagian("bab3", "BAB III", "REKOMENDASI", 0, (
        f"Berdasarkan hasil evaluasi tersebut, {unit} perlu menindaklanjuti rekomendasi "
        f"berikut dan melaporkan tindak lanjutnya kepada Inspektorat sesuai batas waktu "
        f"masing-masing:",)))
    for n, k in enumerate(komponen, start=1):
        milik = [r for r in rekomendasi if r.komponen_id == k.pk]
        bagian.append(Bagian(f"rekomendasi-{k.kode}", f"3.{n}", k.nama, 1,
                             tuple(_baris_rekomendasi(r, j, unit) for j, r in enumerate(milik, 1))
                             or ("Tidak ada rekomendasi untuk komponen ini.",)))
    bagian.append(Bagian("bab4", "BAB IV", "PENUTUP", 0, (
        f"Demikian Laporan Hasil Evaluasi atas Implementasi SAKIP {unit} Tahun "
        f"{evaluasi.tahun} ini disampaikan. Kami menghargai kerja sama {unit} selama "
        f"evaluasi. Tindak lanjut atas rekomendasi di atas akan dievaluasi pada evaluasi tahun "
        f"berikutnya.",), tanda_tangan=True))
    tgl = format_tanggal(tanggal) if tanggal else KOSONG
    # Two lines: the first is also the running header of every page (unit, year, and the
    # draft mark); the number and date, as long as an Inspektorat writes them, are for the
    # cover only, where they cannot push the header onto a second line.
    draf = ("", "") if evaluasi.terkunci else (" (DRAF)", " (evaluasi belum dikunci)")
    return Dokumen(
        jenis="lhe",
        judul="Laporan Hasil Evaluasi atas Implementasi SAKIP",
        subjudul=f"{unit} Tahun {evaluasi.tahun}{draf[0]}\nNomor {nomor} tanggal {tgl}{draf[1]}",
        instansi=f"Inspektorat {pemda.nama}", pemda=f"Pemerintah {pemda.nama}",
        tahun=evaluasi.tahun,
        penandatangan=ttd, bagian=tuple(bagian), kop=kop_of(pemda, "Inspektorat"),
        ringkasan={"nilai": _nilai(hasil.total),
                   "predikat": Angka(None, "teks", hasil.predikat.predikat
                                     if hasil.predikat else "–")})


def _metodologi(evaluasi: Evaluasi, komponen: list, skala: dict[str, Decimal]) -> tuple[str, ...]:
    template = evaluasi.template
    jumlah = sum(s.kriteria.count() for k in komponen for s in k.sub.all())
    jawaban = ", ".join(f"{kode} = {format_nilai(p)} %" for kode, p in skala.items())
    pita = "; ".join(
        f"{p.predikat} ({p.label}): {'lebih dari' if p.batas_bawah_eksklusif else 'paling sedikit'}"
        f" {format_nilai(p.batas_bawah)}" for p in template.pita.all())
    return (
        f"Evaluasi menggunakan Lembar Kriteria Evaluasi (LKE) {template.nama} dengan {jumlah} "
        f"kriteria. Setiap kriteria dijawab oleh unit yang dievaluasi (nilai usulan) beserta "
        f"bukti dukungnya, lalu dinilai oleh evaluator (nilai penetapan) berdasarkan reviu "
        f"dokumen, data dalam Akuntabel, dan wawancara.",
        f"Skala jawaban: {jawaban}.",
        "Nilai sub-komponen = bobot × rata-rata persentase jawaban kriterianya; nilai komponen "
        "= jumlah nilai sub-komponennya; nilai akhir = jumlah nilai keempat komponen (0–100), "
        "dibulatkan dua desimal.",
        f"Predikat: {pita}.",
        f"Dasar perhitungan: {DASAR_NILAI}",
        f"Kriteria yang perlu disempurnakan dan tindak lanjut: {DASAR_REKOMENDASI}",
    )


def _ringkasan(unit: str, evaluasi: Evaluasi, komponen: list, hasil: HasilEvaluasi,
               lalu: HasilEvaluasi | None) -> Bagian:
    predikat = hasil.predikat
    teks_predikat = f"{predikat.predikat} ({predikat.sebutan})" if predikat else "–"
    paragraf = [f"Hasil evaluasi atas implementasi SAKIP {unit} tahun {evaluasi.tahun} "
                f"menunjukkan nilai {format_nilai(hasil.total)} dengan predikat "
                f"{teks_predikat}."]
    if lalu is not None:
        paragraf.append(f"Nilai tahun sebelumnya {format_nilai(lalu.total)}"
                        f"{' dengan predikat ' + lalu.predikat.predikat if lalu.predikat else ''}"
                        f"; perubahan {_perubahan(hasil.total, lalu.total).teks}.")
    if hasil.tak_dijawab:
        paragraf.append(f"Sebanyak {len(hasil.tak_dijawab)} kriteria belum dinilai dan "
                        "dihitung 0.")
    def tahun_lalu(kode: str) -> Decimal | None:
        return lalu.nilai_komponen.get(kode) if lalu else None

    baris = tuple(
        (k.kode, k.nama, _nilai(k.bobot), _nilai(tahun_lalu(k.kode)),
         _nilai(hasil.nilai_komponen[k.kode]),
         _perubahan(hasil.nilai_komponen[k.kode], tahun_lalu(k.kode)))
        for k in komponen)
    total = ("", "Nilai Akhir", _nilai(sum((k.bobot for k in komponen), Decimal(0))),
             _nilai(lalu.total if lalu else None), _nilai(hasil.total),
             _perubahan(hasil.total, lalu.total if lalu else None))
    tabel = Tabel("tabel-nilai-komponen", f"Tabel 2.1 Nilai Evaluasi per Komponen Tahun "
                  f"{evaluasi.tahun}",
                  ("No", "Komponen", "Bobot", f"Nilai {evaluasi.tahun - 1}",
                   f"Nilai {evaluasi.tahun}", "Perubahan"),
                  (*baris, total), tebal=(*(False for _ in baris), True))
    return Bagian("nilai", "2.1", "Nilai dan Predikat", 1, tuple(paragraf), (tabel,))


def _reviu_lkjip(evaluasi: Evaluasi) -> dict[str, tuple[str, ...]]:
    """By component code: the reviu of the LKjIP as Akuntabel prints it (``evaluasi.bukti``),
    once, under the component of the first criterion whose evidence it is."""
    kriteria = {c.pk: (c.nomor, c.sub_komponen.komponen.kode) for c in KriteriaLke.objects
                .filter(sub_komponen__komponen__template=evaluasi.template_id)
                .select_related("sub_komponen__komponen")}
    for kid, b in sorted(bukti_evaluasi(evaluasi).items(),
                         key=lambda kv: kriteria[kv[0]][0] if kv[0] in kriteria else ""):
        for item in b.bukti:
            if item.jenis == "reviu" and kid in kriteria:
                nomor, kode = kriteria[kid]
                ringkas = (item.fakta[0] if item.fakta else item.label).rstrip(".")
                if not ringkas.startswith(item.label):
                    ringkas = f"{item.label}: {ringkas}"
                return {kode: (f"{ringkas} (bukti kriteria {nomor}; rinciannya pada halaman "
                               "reviu Akuntabel).",)}
    return {}


def _komponen(nomor: str, k, hasil: HasilEvaluasi, lalu: HasilEvaluasi | None,
              jawaban: dict, skala: dict[str, Decimal], reviu: tuple[str, ...]) -> Bagian:
    nilai = hasil.nilai_komponen[k.kode]
    paragraf = [f"Komponen {k.nama} memperoleh nilai {format_nilai(nilai)} dari bobot "
                f"{format_nilai(k.bobot)}"
                + (f" (tahun sebelumnya {format_nilai(lalu.nilai_komponen[k.kode])})."
                   if lalu is not None and k.kode in lalu.nilai_komponen else ".")]
    perbaikan = []
    for s in k.sub.all():
        for c in s.kriteria.all():
            j = jawaban.get(c.pk)
            kode = j.nilai_penetapan if j else ""
            if perlu_disempurnakan(skala.get(kode) if kode else None):
                catatan = f": {j.catatan_penetapan.strip()}" if j and j.catatan_penetapan.strip() \
                    else ""
                perbaikan.append(f"- {c.nomor} {c.uraian} (nilai {kode or 'belum dinilai'})"
                                 f"{catatan}")
    paragraf += reviu
    paragraf.append("Hal-hal yang perlu disempurnakan:" if perbaikan else
                    "Tidak ada kriteria dengan nilai di bawah B pada komponen ini.")
    paragraf += perbaikan
    baris = tuple((s.kode, s.nama, _nilai(s.bobot),
                   _nilai(lalu.nilai_sub.get(s.kode) if lalu else None),
                   _nilai(hasil.nilai_sub[s.kode])) for s in k.sub.all())
    tabel = Tabel(f"tabel-sub-komponen-{k.kode}", f"Tabel {nomor} Nilai Sub-komponen {k.nama}",
                  ("Kode", "Sub-komponen", "Bobot", "Nilai tahun lalu", "Nilai"), baris)
    return Bagian(f"komponen-{k.kode}", nomor, k.nama, 1, tuple(paragraf), (tabel,))


def _tindak_lanjut(nomor: str, evaluasi: Evaluasi, daftar: list[TindakLanjut]) -> Bagian:
    judul = "Tindak Lanjut Rekomendasi Tahun Sebelumnya"
    if not daftar:
        return Bagian("tindak-lanjut", nomor, judul, 1, (
            f"Tidak ada rekomendasi hasil evaluasi tahun {evaluasi.tahun - 1} yang tercatat "
            f"untuk ditindaklanjuti.",))
    selesai = sum(t.status == Rekomendasi.Status.SELESAI for t in daftar)
    tabel = Tabel("tabel-tindak-lanjut", f"Tabel {nomor} Tindak Lanjut Rekomendasi",
                  ("No", "Tahun", "Komponen", "Rekomendasi", "Tindak lanjut", "Status"),
                  tuple((str(i), str(t.tahun), t.komponen, t.uraian,
                         t.tindak_lanjut or "–", STATUS[t.status])
                        for i, t in enumerate(daftar, 1)))
    return Bagian("tindak-lanjut", nomor, judul, 1, (
        f"Dari {len(daftar)} rekomendasi evaluasi sebelumnya, {selesai} telah ditindaklanjuti "
        f"dan diterima.",), (tabel,))


def _baris_rekomendasi(r: Rekomendasi, nomor: int, unit: str) -> str:
    batas = f" (batas waktu {format_tanggal(r.batas_waktu)})" if r.batas_waktu else ""
    pemilik = f" [{r.perangkat_daerah.nama}]" if r.perangkat_daerah.nama != unit else ""
    return f"{nomor}. {r.uraian}{batas}{pemilik}"
