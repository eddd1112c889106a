"""Official code lists: the program / kegiatan / sub kegiatan nomenclature
(Kepmendagri 050-5889/2021) and the kode rekening (Permendagri 90/2019)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KodeNomenklatur(models.Model):
    class Tingkat(models.TextChoices):
        PROGRAM = "program", _("program")
        KEGIATAN = "kegiatan", _("activity (kegiatan)")
        SUB_KEGIATAN = "sub_kegiatan", _("sub-activity (sub kegiatan)")

    kode = models.CharField(_("code"), max_length=40, unique=True)
    tingkat = models.CharField(_("level"), max_length=16, choices=Tingkat.choices)
    nama = models.TextField(_("name"))
    kinerja = models.TextField(_("performance"), blank=True)
    indikator = models.TextField(_("indicator"), blank=True)
    satuan = models.CharField(_("unit"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("nomenclature code")
        verbose_name_plural = _("nomenclature codes")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class KodeRekening(models.Model):
    kode = models.CharField(_("code"), max_length=40, unique=True)
    tingkat = models.PositiveSmallIntegerField(_("level"))
    uraian = models.TextField(_("description"))

    class Meta:
        verbose_name = _("account code (kode rekening)")
        verbose_name_plural = _("account codes (kode rekening)")
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}"
