"""What was achieved: realisasi of indicators per year and triwulan, and the components from
which a computed indicator (an IKU such as "% PPKS tertangani") is derived.

A printed value is stored as reported (``teks`` and ``nilai``); a figure that can be computed
from components is computed in ``akuntabel.core`` at read time, never stored as truth.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.plans.models import (
    MEASURE,
    QUARTER_OR_YEAR,
    TAHUNAN,
    TRIWULAN_CHOICES,
    Indikator,
    SubKegiatan,
)


class Realisasi(models.Model):
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField(_("year"))
    triwulan = models.PositiveSmallIntegerField(_("quarter"), choices=TRIWULAN_CHOICES,
                                                default=TAHUNAN)
    teks = models.CharField(_("as printed or entered"), max_length=500, blank=True)
    nilai = models.DecimalField(_("value"), **MEASURE)
    satuan = models.CharField(_("unit"), max_length=100, blank=True)
    catatan = models.TextField(_("note"), blank=True)
    # Optimistic concurrency: a save names the version it read; a stale one is refused.
    versi = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisation (realisasi)")
        verbose_name_plural = _("realisations (realisasi)")
        ordering = ["indikator", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "triwulan"],
                                    name="realisasi_unique_period"),
            models.CheckConstraint(condition=QUARTER_OR_YEAR,
                                   name="realisasi_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        period = f"{self.tahun}" + (f" TW {self.triwulan}" if self.triwulan else "")
        return f"{period}: {self.teks}"


class CapaianTercetak(models.Model):
    """A capaian as a report printed it for an indicator's year (``teks`` and what could be read
    from it), kept to be compared with the capaian computed from target and realisasi (reviu
    HIT-005, HIT-006); never used as the truth."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE,
                                  related_name="capaian_tercetak")
    tahun = models.PositiveSmallIntegerField(_("year"))
    teks = models.CharField(_("as printed"), max_length=100)
    nilai = models.DecimalField(_("value"), **MEASURE)
    satuan = models.CharField(_("unit"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("printed capaian")
        verbose_name_plural = _("printed capaian")
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"],
                                    name="capaian_tercetak_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.tahun}: {self.teks}"


class Perhitungan(models.Model):
    """The computation of an indicator from components for one year, e.g.
    % PPKS tertangani = Σ PPKS handled by the sub kegiatan ÷ jumlah PPKS × 100."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE,
                                  related_name="perhitungan")
    tahun = models.PositiveSmallIntegerField(_("year"))
    penyebut_uraian = models.CharField(_("denominator"), max_length=300)
    penyebut_teks = models.CharField(_("denominator as printed"), max_length=100, blank=True)
    penyebut = models.DecimalField(_("denominator value"), **MEASURE)
    pembilang_tercetak_teks = models.CharField(_("numerator as printed"), max_length=100,
                                               blank=True)
    pembilang_tercetak = models.DecimalField(_("numerator as reported"), **MEASURE)
    hasil_tercetak_teks = models.CharField(_("result as printed"), max_length=100, blank=True)
    hasil_tercetak = models.DecimalField(_("result as reported"), **MEASURE)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("indicator computation")
        verbose_name_plural = _("indicator computations")
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"],
                                    name="perhitungan_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}"


class KomponenPerhitungan(models.Model):
    """One component of the numerator (``induk`` empty), or a printed breakdown line of one."""

    perhitungan = models.ForeignKey(Perhitungan, on_delete=models.CASCADE,
                                    related_name="komponen")
    induk = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="rincian")
    nomor = models.CharField(_("number"), max_length=10, blank=True)
    uraian = models.TextField(_("description"))
    teks = models.CharField(_("as printed"), max_length=100, blank=True)
    nilai = models.DecimalField(_("value"), **MEASURE)
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    urutan = models.PositiveIntegerField(_("order"), default=0)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("computation component")
        verbose_name_plural = _("computation components")
        ordering = ["perhitungan", "urutan"]

    def __str__(self) -> str:
        return f"{self.nomor} {self.uraian}".strip()


class BuktiDukung(models.Model):
    """Evidence (bukti dukung) for a realisasi: a document kept outside the web root and
    served only through an access check."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField(_("file"), upload_to="bukti/%Y/")
    nama = models.CharField(_("name"), max_length=200)
    keterangan = models.TextField(_("description"), blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("evidence (bukti dukung)")
        verbose_name_plural = _("evidence (bukti dukung)")
        ordering = ["realisasi", "uploaded_at"]

    def __str__(self) -> str:
        return self.nama
