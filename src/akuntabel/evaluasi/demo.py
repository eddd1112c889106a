"""The demo's Evaluasi AKIP 2023 of Dinas Sosial Kota Metro: an ILLUSTRATION, not the result of
a real evaluation. The source of the demo (the LKjIP 2023 of Dinas Sosial Kota Metro) states no
LKE score nor predikat, so the grades here are made up to show the screens: every note says so,
and so does the LHE's number.

It goes through the same write services as a user (answers, grades, recommendations, the lock,
a follow-up), so the history shows it, and it is made only when the OPD has no 2023 evaluation
yet: a rerun of the demo never touches what a user entered."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from akuntabel.accounts.models import Membership, Peran
from akuntabel.evaluasi import lhe, services
from akuntabel.evaluasi import rekomendasi as rk
from akuntabel.evaluasi.bukti import bukti_evaluasi
from akuntabel.evaluasi.loader import load_template
from akuntabel.evaluasi.models import Evaluasi, TemplateLke
from akuntabel.organizations.models import PerangkatDaerah

TAHUN = 2023
LABEL = "Ilustrasi demo (bukan hasil evaluasi sebenarnya)"
NOMOR_LHE = "ILUSTRASI-DEMO/LHE/2024"
JENDELA = services.Jendela(
    mandiri_mulai=date(2024, 1, 8), mandiri_selesai=date(2024, 2, 9),
    evaluasi_mulai=date(2024, 2, 12), evaluasi_selesai=date(2024, 3, 8),
    tanggapan_mulai=date(2024, 3, 11), tanggapan_selesai=date(2024, 3, 22))
HARI_USULAN, HARI_PENETAPAN = date(2024, 2, 1), date(2024, 3, 1)
# The illustrative grades by perspective where Akuntabel suggests none: (answer, grade).
NILAI = {"keberadaan": ("A", "A"), "kualitas": ("A", "BB"), "pemanfaatan": ("BB", "B")}
REKOMENDASI = (
    ("1", "Agar setiap IKU dilengkapi definisi operasional, rumus dan sumber data yang "
          "ditetapkan, sehingga capaiannya dapat diukur dan diverifikasi."),
    ("2", "Agar hasil pengukuran kinerja triwulanan dibahas dalam rapat pimpinan dan dijadikan "
          "dasar penyesuaian kegiatan."),
    ("3", "Agar LKjIP membandingkan capaian dengan target jangka menengah Renstra dan dengan "
          "capaian tahun-tahun sebelumnya."),
    ("4", "Agar rekomendasi hasil evaluasi ditindaklanjuti dengan rencana aksi yang memuat "
          "penanggung jawab dan batas waktu."),
)


def _orang(opd: PerangkatDaerah, peran: str, **where: Any) -> Any:
    m = (Membership.objects.filter(pemda=opd.pemda, peran=peran, **where)
         .select_related("user").order_by("pk").first())
    return m.user if m else None


def muat_evaluasi_demo(opd: PerangkatDaerah) -> Evaluasi | None:
    """Make the illustrative 2023 evaluation of ``opd``; None (nothing written) when the OPD
    already has an evaluation of 2023 or the demo's reviewer or operator is missing."""
    if Evaluasi.objects.filter(perangkat_daerah=opd, tahun=TAHUN).exists():
        return None
    reviewer = _orang(opd, Peran.REVIEWER)
    operator = _orang(opd, Peran.OPERATOR_OPD, perangkat_daerah=opd)
    if reviewer is None or operator is None:
        return None
    template = TemplateLke.objects.get(kode=load_template().kode)
    with transaction.atomic():
        evaluasi = services.buat_evaluasi(opd.pemda, TAHUN, template, JENDELA, opd=opd,
                                          user=reviewer)
        for j in evaluasi.jawaban.select_related("kriteria__sub_komponen"):
            usulan = NILAI[j.kriteria.sub_komponen.perspektif][0]
            services.simpan_usulan(j, usulan, f"{LABEL}: jawaban unit.", j.versi,
                                   user=operator, hari_ini=HARI_USULAN)
        bukti = bukti_evaluasi(evaluasi)
        for j in evaluasi.jawaban.select_related("kriteria__sub_komponen"):
            saran = bukti[j.kriteria_id].saran
            nilai = saran.nilai if saran else NILAI[j.kriteria.sub_komponen.perspektif][1]
            alasan = f"sesuai saran Akuntabel: {saran.alasan}" if saran else \
                "nilai contoh untuk memperlihatkan layar evaluasi"
            services.simpan_penetapan(j, nilai, f"{LABEL}: {alasan}", j.versi, user=reviewer,
                                      hari_ini=HARI_PENETAPAN, saran=saran.nilai if saran else "")
        daftar = [rk.tambah_rekomendasi(evaluasi, komponen, uraian, date(2024, 6, 28),
                                        user=reviewer) for komponen, uraian in REKOMENDASI]
        lhe.simpan_register(evaluasi, NOMOR_LHE, date(2024, 3, 28), 1, user=reviewer)
        evaluasi = services.kunci_evaluasi(evaluasi, user=reviewer)
        pertama = daftar[0]
        tautan = next((i.url for b in bukti.values() for i in b.bukti
                       if i.jenis.startswith("iku") and i.url), "")
        rk.catat_tindak_lanjut(pertama, f"{LABEL}: definisi operasional dan rumus IKU "
                               "dilengkapi pada halaman IKU.", tautan, pertama.versi,
                               user=operator)
    return evaluasi
