"""The Lembar Kriteria Evaluasi (LKE) of the Evaluasi AKIP (PermenPAN-RB 88/2021) as versioned
data: a template edition (``TemplateLke``) holds its components, sub-components, criteria,
answer scale and predikat bands. Templates differ between evaluators and years (76, 79, 80
criteria; Y/T, A–E or AA–E answers), so an evaluation keeps the edition it was made with and an
edition, once loaded, is not changed by a later load (see loader.py). The scoring itself is
:mod:`akuntabel.core.evaluasi`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TemplateLke(models.Model):
    """One dated edition of the LKE, with its legal basis, where it was taken from and how sure
    its items are."""

    kode = models.SlugField(_("key"), max_length=80, unique=True)
    nama = models.CharField(_("name"), max_length=300)
    dasar_hukum = models.CharField(_("legal basis"), max_length=300)
    berlaku_mulai = models.DateField(_("in force from"), null=True, blank=True)
    sumber = models.TextField(_("source"), blank=True)
    catatan_kepastian = models.TextField(_("how sure the items are"), blank=True)

    class Meta:
        verbose_name = _("LKE template")
        verbose_name_plural = _("LKE templates")

    def __str__(self) -> str:
        return self.nama


class KomponenLke(models.Model):
    template = models.ForeignKey(TemplateLke, on_delete=models.CASCADE, related_name="komponen")
    kode = models.CharField(_("code"), max_length=16)
    nama = models.CharField(_("name"), max_length=300)
    bobot = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    urutan = models.PositiveIntegerField(_("order"))

    class Meta:
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["template", "kode"],
                                               name="komponen_lke_kode_unik")]
        verbose_name = _("LKE component")
        verbose_name_plural = _("LKE components")

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"


class SubKomponenLke(models.Model):
    """One perspective of a component; its weight is its share of the 100 points (keberadaan
    20 %, kualitas 30 %, pemanfaatan 50 % of the component's weight in PermenPAN-RB 88/2021)."""

    class Perspektif(models.TextChoices):
        KEBERADAAN = "keberadaan", _("existence (keberadaan)")
        KUALITAS = "kualitas", _("quality (kualitas)")
        PEMANFAATAN = "pemanfaatan", _("use (pemanfaatan)")

    komponen = models.ForeignKey(KomponenLke, on_delete=models.CASCADE, related_name="sub")
    kode = models.CharField(_("code"), max_length=16)
    nama = models.CharField(_("name"), max_length=500)
    perspektif = models.CharField(_("perspective"), max_length=16, choices=Perspektif.choices)
    bobot = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    urutan = models.PositiveIntegerField(_("order"))

    class Meta:
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["komponen", "kode"],
                                               name="sub_komponen_lke_kode_unik")]
        verbose_name = _("LKE sub-component")
        verbose_name_plural = _("LKE sub-components")

    def __str__(self) -> str:
        return f"{self.kode}. {self.nama}"


class KriteriaLke(models.Model):
    """A criterion; its part (keberadaan, kualitas, pemanfaatan) is its sub-component's."""

    sub_komponen = models.ForeignKey(SubKomponenLke, on_delete=models.CASCADE,
                                     related_name="kriteria")
    nomor = models.CharField(_("number"), max_length=24)
    uraian = models.TextField(_("description"))
    penjelasan = models.TextField(_("explanation"), blank=True)
    urutan = models.PositiveIntegerField(_("order"))

    class Meta:
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["sub_komponen", "nomor"],
                                               name="kriteria_lke_nomor_unik")]
        verbose_name = _("LKE criterion")
        verbose_name_plural = _("LKE criteria")

    def __str__(self) -> str:
        return f"{self.nomor} {self.uraian}"

    @property
    def bagian(self) -> str:
        return self.sub_komponen.perspektif


class SkalaJawaban(models.Model):
    """One answer grade of the template and the percentage it is worth."""

    template = models.ForeignKey(TemplateLke, on_delete=models.CASCADE, related_name="skala")
    kode = models.CharField(_("code"), max_length=8)
    persen = models.DecimalField(_("percentage"), max_digits=6, decimal_places=2)
    urutan = models.PositiveIntegerField(_("order"))

    class Meta:
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["template", "kode"],
                                               name="skala_jawaban_kode_unik")]
        verbose_name = _("answer grade")
        verbose_name_plural = _("answer grades")

    def __str__(self) -> str:
        return f"{self.kode} = {self.persen} %"


class PitaPredikat(models.Model):
    """A predikat band: a total more than ``batas_bawah`` (or at least, when not exclusive)."""

    template = models.ForeignKey(TemplateLke, on_delete=models.CASCADE, related_name="pita")
    predikat = models.CharField(_("predicate"), max_length=8)
    batas_bawah = models.DecimalField(_("lower bound"), max_digits=6, decimal_places=2)
    batas_bawah_eksklusif = models.BooleanField(_("lower bound excluded"))
    batas_atas = models.DecimalField(_("upper bound"), max_digits=6, decimal_places=2,
                                     null=True, blank=True)
    label = models.CharField(_("label"), max_length=100)
    urutan = models.PositiveIntegerField(_("order"))

    class Meta:
        ordering = ["urutan"]
        constraints = [models.UniqueConstraint(fields=["template", "predikat"],
                                               name="pita_predikat_unik")]
        verbose_name = _("predicate band")
        verbose_name_plural = _("predicate bands")

    def __str__(self) -> str:
        return f"{self.predikat} ({self.label})"
