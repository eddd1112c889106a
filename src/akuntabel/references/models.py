"""Official code lists in dated, versioned editions (``EdisiReferensi``): the urusan / bidang /
program / kegiatan / sub kegiatan nomenclature (Kepmendagri 050-5889/2021 as amended, e.g.
900.1.15.5-1317/2023, and SIPD's own "pemutakhiran" lists), the kode rekening (Permendagri
90/2019 as amended) and the crosswalk between two numberings of the same nomenclature.

A pemda plans with one nomenclature edition (``Pemda.edisi_referensi``); a Renstra keeps the
edition it was made with. Editions and their provenance are listed in reference/edisi.toml.
"""

import re
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


def normalisasi(teks: str) -> str:
    """Lower case, punctuation as single spaces: what the search compares (``cari``)."""
    return " ".join(re.sub(r"[\W_]+", " ", teks.casefold()).split())


class EdisiReferensi(models.Model):
    """One dated edition of one code list, with its legal basis and where it was taken from."""

    class Daftar(models.TextChoices):
        NOMENKLATUR = "nomenklatur", _("programs, activities and sub-activities")
        REKENING = "rekening", _("account codes (kode rekening)")

    class Jenis(models.TextChoices):
        KABKOTA = "kabkota", _("regency/city (kabupaten/kota)")
        PROVINSI = "provinsi", _("province (provinsi)")
        SEMUA = "semua", _("every region")

    kode = models.SlugField(_("key"), max_length=80, unique=True)
    nama = models.CharField(_("name"), max_length=300)
    daftar = models.CharField(_("list"), max_length=16, choices=Daftar.choices)
    jenis = models.CharField(_("kind of region"), max_length=16, choices=Jenis.choices)
    dasar_hukum = models.CharField(_("legal basis"), max_length=300)
    berlaku_mulai = models.DateField(_("in force from"))
    sumber = models.TextField(_("source"), blank=True)
    catatan = models.TextField(_("note"), blank=True)
    bawaan = models.BooleanField(
        _("default"), default=False,
        help_text=_("Used by a region of this kind that has not chosen an edition."))

    class Meta:
        verbose_name = _("reference list edition")
        verbose_name_plural = _("reference list editions")
        ordering = ["daftar", "-berlaku_mulai", "kode"]

    def __str__(self) -> str:
        return self.nama


class KodeNomenklatur(models.Model):
    class Tingkat(models.TextChoices):
        URUSAN = "urusan", _("government affair (urusan)")
        BIDANG = "bidang", _("field of affairs (bidang urusan)")
        PROGRAM = "program", _("program")
        KEGIATAN = "kegiatan", _("activity (kegiatan)")
        SUB_KEGIATAN = "sub_kegiatan", _("sub-activity (sub kegiatan)")

    edisi = models.ForeignKey(EdisiReferensi, on_delete=models.CASCADE,
                              related_name="nomenklatur")
    kode = models.CharField(_("code"), max_length=40)
    tingkat = models.CharField(_("level"), max_length=16, choices=Tingkat.choices)
    nama = models.TextField(_("name"))
    kinerja = models.TextField(_("performance"), blank=True)
    indikator = models.TextField(_("indicator"), blank=True)
    satuan = models.CharField(_("unit"), max_length=100, blank=True)
    definisi = models.TextField(_("operational definition"), blank=True)
    meta = models.JSONField(_("other columns"), default=dict, blank=True)
    sumber = models.CharField(_("source"), max_length=300, blank=True)
    # The name folded for search (lower case, punctuation as spaces): see normalisasi above.
    cari = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("nomenclature code")
        verbose_name_plural = _("nomenclature codes")
        ordering = ["edisi", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["edisi", "kode"], name="nomenklatur_unique_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.cari = normalisasi(self.nama)
        super().save(*args, **kwargs)


class KodeRekening(models.Model):
    edisi = models.ForeignKey(EdisiReferensi, on_delete=models.CASCADE, related_name="rekening")
    kode = models.CharField(_("code"), max_length=40)
    tingkat = models.PositiveSmallIntegerField(_("level"))
    uraian = models.TextField(_("description"))
    keterangan = models.TextField(_("explanation"), blank=True)
    sumber = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("account code (kode rekening)")
        verbose_name_plural = _("account codes (kode rekening)")
        ordering = ["edisi", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["edisi", "kode"], name="rekening_unique_kode"),
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"


class PadananKode(models.Model):
    """One row of a crosswalk between two nomenclature editions: the same sub kegiatan under
    both codes (``sama`` or ``kode_berbeda``), or a code found in only one of them."""

    class Status(models.TextChoices):
        SAMA = "sama", _("same code")
        KODE_BERBEDA = "kode_berbeda", _("different code")
        HANYA_ASAL = "hanya_asal", _("only in the first edition")
        HANYA_TUJUAN = "hanya_tujuan", _("only in the second edition")

    edisi_asal = models.ForeignKey(EdisiReferensi, on_delete=models.CASCADE,
                                   related_name="padanan_asal")
    edisi_tujuan = models.ForeignKey(EdisiReferensi, on_delete=models.CASCADE,
                                     related_name="padanan_tujuan")
    kode_asal = models.CharField(_("code in the first edition"), max_length=40, blank=True)
    nama_asal = models.TextField(_("name in the first edition"), blank=True)
    kode_tujuan = models.CharField(_("code in the second edition"), max_length=40, blank=True)
    nama_tujuan = models.TextField(_("name in the second edition"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)

    class Meta:
        verbose_name = _("code crosswalk row")
        verbose_name_plural = _("code crosswalk")
        ordering = ["edisi_asal", "kode_asal", "kode_tujuan"]
        constraints = [
            models.UniqueConstraint(
                fields=["edisi_asal", "edisi_tujuan", "kode_asal", "kode_tujuan"],
                name="padanan_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.kode_asal or '–'} → {self.kode_tujuan or '–'}"


class SkalaPeringkat(models.Model):
    """A pemda's own rating scale for capaian (e.g. a 6-band scale set by Peraturan Kepala
    Daerah), dated and cited. Without one, the Permendagri 86/2017 scale applies."""

    pemda = models.ForeignKey("organizations.Pemda", on_delete=models.CASCADE,
                              related_name="skala_peringkat")
    kode = models.SlugField(_("key"), max_length=64)
    nama = models.CharField(_("name"), max_length=200)
    berlaku_mulai = models.DateField(_("in force from"))
    dasar_hukum = models.CharField(_("legal basis"), max_length=300)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")
        ordering = ["pemda", "-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kode", "berlaku_mulai"],
                                    name="skala_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} ({self.berlaku_mulai:%Y})"


class PitaPeringkat(models.Model):
    skala = models.ForeignKey(SkalaPeringkat, on_delete=models.CASCADE, related_name="pita")
    batas_bawah = models.DecimalField(_("lower bound"), max_digits=8, decimal_places=2,
                                      null=True, blank=True,
                                      help_text=_("Empty for the lowest band."))
    inklusif = models.BooleanField(_("lower bound included"), default=True)
    label = models.CharField(_("label"), max_length=100)

    class Meta:
        verbose_name = _("rating band")
        verbose_name_plural = _("rating bands")
        ordering = ["skala", models.F("batas_bawah").desc(nulls_last=True)]

    def __str__(self) -> str:
        return self.label
