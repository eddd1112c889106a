"""The narrative editor: the LKjIP's sections as the editor lists them, and the edit form."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akuntabel.audit.services import history_for, record_change
from akuntabel.common.teks import karakter_kendali
from akuntabel.organizations.models import PerangkatDaerah
from akuntabel.reports.document import Angka
from akuntabel.reports.models import NARASI_KUNCI, Narasi
from akuntabel.reports.narasi import DEFAULTS, PLACEHOLDER, fill_placeholders
from akuntabel.revisi.services import naikkan_opd

# Number and title of each narrative section, as the LKjIP prints them (reports/lakip/).
JUDUL_NARASI: dict[str, tuple[str, str]] = {
    "kata_pengantar": ("", "Kata Pengantar"),
    "ikhtisar_eksekutif": ("", "Ikhtisar Eksekutif"),
    "latar_belakang": ("1.1", "Latar Belakang"),
    "maksud_tujuan": ("1.2", "Maksud dan Tujuan"),
    "dasar_hukum": ("1.3", "Dasar Hukum"),
    "gambaran_umum": ("1.4", "Gambaran Umum"),
    "isu_strategis": ("1.5", "Isu Strategis"),
    "perencanaan_kinerja": ("2.1", "Rencana Strategis"),
    "visi_misi": ("2.2", "Visi dan Misi"),
    "tujuan_sasaran": ("2.3", "Tujuan, Sasaran dan Indikator Kinerja Utama"),
    "program": ("2.5", "Program"),
    "perjanjian_kinerja": ("2.6", "Perjanjian Kinerja"),
    "capaian_kinerja_organisasi": ("3.1", "Capaian Kinerja Organisasi"),
    "realisasi_kinerja": ("3.2", "Realisasi Kinerja Program, Kegiatan dan Sub Kegiatan"),
    "perbandingan_tahun_lalu": ("3.3", "Perbandingan Realisasi dengan Tahun Lalu"),
    "perbandingan_renstra": ("3.4", "Perbandingan Realisasi dengan Target Renstra"),
    "perhitungan_iku": ("3.5", "Perhitungan Indikator Kinerja Utama"),
    "analisis_penyebab": ("3.6", "Analisis Penyebab Keberhasilan/Kegagalan dan Alternatif "
                                 "Solusi"),
    "analisis_efisiensi": ("3.7", "Analisis Efisiensi Penggunaan Sumber Daya"),
    "analisis_program": ("3.8", "Analisis Program/Kegiatan"),
    "realisasi_anggaran": ("3.9", "Realisasi Anggaran"),
    "penutup": ("BAB IV", "Penutup"),
}
assert set(JUDUL_NARASI) == set(NARASI_KUNCI)


def judul_narasi(kunci: str) -> str:
    nomor, judul = JUDUL_NARASI[kunci]
    return f"{nomor} {judul}".strip()


class NarasiForm(forms.Form):
    teks = forms.CharField(label=_("Text"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 16, "cols": 90}))
    # The version of the section the user read (0: nothing stored yet).
    versi = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def clean_teks(self) -> str:
        teks: str = self.cleaned_data["teks"]
        kendali = karakter_kendali(teks)
        if kendali is not None:
            raise forms.ValidationError(
                _("The text holds an invisible control character (%(kode)s) that no document "
                  "can carry; remove it."), params={"kode": kendali})
        return teks


# -- what the editor reads and writes --------------------------------------------------------
class Asal:
    """Where the text the LKjIP prints for a section comes from."""

    TERCETAK = "tercetak"  # the text as printed in a source document, used as is
    DISUNTING = "disunting"  # written in Akuntabel
    BAWAAN = "bawaan"  # drafted from the data (the default), no text of the user's
    KOSONG = "kosong"  # nothing: no text and no default


def figures_for(opd: PerangkatDaerah, tahun: int) -> dict[str, Angka | str]:
    """The placeholders a narrative may use, with their current values (NoRenstra without a
    plan). The same figures as the generated LKjIP."""
    from akuntabel.reports.lakip import _Builder

    return _Builder(opd, tahun, timezone.localdate()).figures()


def used_text(kunci: str, stored: Narasi | None) -> tuple[str, str]:
    """The text the LKjIP uses for a section and its origin (the rule of lakip/narrative.py:
    a text written in Akuntabel wins; a printed one gives way to the default draft)."""
    if stored is not None and (stored.asal == Narasi.Asal.DISUNTING or kunci not in DEFAULTS):
        return stored.teks, (Asal.DISUNTING if stored.asal == Narasi.Asal.DISUNTING
                             else Asal.TERCETAK)
    if kunci in DEFAULTS:
        return DEFAULTS[kunci], Asal.BAWAAN
    return "", Asal.KOSONG


def paragraphs(teks: str, figures: dict[str, Angka | str]) -> list[str]:
    """The section as the LKjIP prints it: placeholders filled, split into paragraphs."""
    return [p.strip() for p in fill_placeholders(teks, figures).split("\n\n") if p.strip()]


def unknown_placeholders(teks: str, figures: dict[str, Angka | str]) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(teks) if name not in figures})


class StaleNarasi(Exception):
    """Someone saved the section after the user opened it."""

    def __init__(self, narasi: Narasi | None, oleh: str):
        super().__init__("stale")
        self.narasi = narasi
        self.oleh = oleh


def _last_editor(narasi: Narasi) -> str:
    change = history_for(narasi).filter(kolom="teks").first()
    if change is None or change.oleh is None:
        return _("another user") if change else _("a data import")
    return change.oleh.get_full_name() or change.oleh.get_username()


def _locked(opd: PerangkatDaerah, tahun: int, kunci: str, versi: int) -> Narasi | None:
    narasi = (Narasi.objects.select_for_update()
              .filter(perangkat_daerah=opd, tahun=tahun, kunci=kunci).first())
    current = narasi.versi if narasi is not None else 0
    if current != versi:
        raise StaleNarasi(narasi, _last_editor(narasi) if narasi else _("another user"))
    return narasi


def save_narasi(opd: PerangkatDaerah, tahun: int, kunci: str, teks: str, versi: int,
                oleh: AbstractBaseUser) -> Narasi:
    """Store the user's text for a section if nobody saved it since version ``versi``
    (StaleNarasi otherwise); audited."""
    try:
        with transaction.atomic():
            naikkan_opd(opd)  # the revision of its documents
            narasi = _locked(opd, tahun, kunci, versi)
            lama, asal_lama = ("", "") if narasi is None else (narasi.teks, narasi.asal)
            if narasi is None:
                narasi = Narasi(perangkat_daerah=opd, tahun=tahun, kunci=kunci, versi=0)
            narasi.judul = judul_narasi(kunci)
            narasi.teks = teks
            narasi.asal = Narasi.Asal.DISUNTING
            narasi.versi += 1
            narasi.save()
            sumber = f"Narasi LKjIP {tahun}: {judul_narasi(kunci)}"
            record_change(opd, narasi, "teks", lama, teks, sumber=sumber, oleh=oleh)
            if asal_lama and asal_lama != narasi.asal:
                record_change(opd, narasi, "asal", asal_lama, narasi.asal, sumber=sumber,
                              oleh=oleh)
            return narasi
    except IntegrityError:  # created by someone else between the read and the write
        raise StaleNarasi(None, "pengguna lain") from None


def reset_narasi(opd: PerangkatDaerah, tahun: int, kunci: str, versi: int,
                 oleh: AbstractBaseUser) -> bool:
    """Drop the text written in Akuntabel so that the LKjIP drafts the section from the data
    again; audited. False when there is no default or no written text to drop."""
    with transaction.atomic():
        naikkan_opd(opd)  # the revision of its documents
        narasi = _locked(opd, tahun, kunci, versi)
        if narasi is None or kunci not in DEFAULTS or narasi.asal != Narasi.Asal.DISUNTING:
            return False
        record_change(opd, narasi, "teks", narasi.teks, DEFAULTS.get(kunci, ""),
                      sumber=f"Narasi LKjIP {tahun}: {judul_narasi(kunci)} dikembalikan ke "
                             "draf bawaan", oleh=oleh)
        narasi.delete()
        return True
