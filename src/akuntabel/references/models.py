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
