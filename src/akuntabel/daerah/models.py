"""The pemda level: the IKU of the pemda as set by a Perkada (versioned), their yearly
targets, and the cascade to the OPD: the links of an IKU to the OPD indicators that measure
it, proposed by the OPD and approved or rejected by Bappeda. Written by ``daerah.services``
only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.core.rumus import AgregasiIku
from akuntabel.plans.models import MEASURE, IndikatorDaerahBase


class Perkada(models.Model):
    """A Perkada (Peraturan Wali Kota / Bupati) setting the IKU of the pemda for an RPJMD; a
    later one replaces the earlier from its ``berlaku_mulai`` year."""

    rpjmd = models.ForeignKey("plans.Rpjmd", on_delete=models.CASCADE, related_name="perkada_iku")
    nomor = models.CharField(_("number"), max_length=100)
    tanggal = models.DateField(_("date"))
    tentang = models.TextField(_("subject (tentang)"))
    berlaku_mulai = models.PositiveSmallIntegerField(_("in force from year"))
    menggantikan = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("replaces"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Perkada on the IKU of the pemda")
        verbose_name_plural = _("Perkada on the IKU of the pemda")
        ordering = ["rpjmd", "berlaku_mulai", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "berlaku_mulai"],
                                    name="perkada_iku_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"Perkada {self.nomor}"


class IkuDaerah(IndikatorDaerahBase):
    """An IKU of the pemda under one sasaran daerah, in one Perkada (its code, wording, unit,
    polarity, data source and order: ``plans.IndikatorDaerahBase``)."""

    perkada = models.ForeignKey(Perkada, on_delete=models.CASCADE, related_name="iku")
    sasaran_daerah = models.ForeignKey("plans.SasaranDaerah", on_delete=models.PROTECT,
                                       related_name="iku_daerah")
    definisi = models.TextField(_("operational definition"), blank=True)
    rumus = models.CharField(_("formula"), max_length=500, blank=True)
    agregasi = models.CharField(_("aggregation of the OPD values"), max_length=10, choices=[
        (AgregasiIku.JUMLAH.value, _("sum (counts of the same unit)")),
        (AgregasiIku.NILAI.value, _("a rate, percentage or index")),
    ], default=AgregasiIku.JUMLAH.value)
    penanggung_jawab = models.ManyToManyField("organizations.PerangkatDaerah",
                                              related_name="iku_daerah",
                                              verbose_name=_("responsible agencies"))

    class Meta:
        verbose_name = _("IKU of the pemda")
        verbose_name_plural = _("IKU of the pemda")
        ordering = ["perkada", "urutan", "id"]


class TargetIku(models.Model):
    iku = models.ForeignKey(IkuDaerah, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField(_("year"))
    teks = models.CharField(_("as entered"), max_length=100, blank=True)
    nilai = models.DecimalField(_("value"), **MEASURE)

    class Meta:
        verbose_name = _("target of an IKU of the pemda")
        verbose_name_plural = _("targets of the IKU of the pemda")
        ordering = ["iku", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["iku", "tahun"], name="target_iku_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.iku} {self.tahun}: {self.teks}"


class TautanIku(models.Model):
    """An OPD indicator that measures an IKU of the pemda, under a short name the IKU's formula
    uses. Proposed by the OPD, approved or rejected by Bappeda with a note."""

    class Status(models.TextChoices):
        DIUSULKAN = "diusulkan", _("proposed")
        DISETUJUI = "disetujui", _("approved")
        DITOLAK = "ditolak", _("rejected")

    iku = models.ForeignKey(IkuDaerah, on_delete=models.CASCADE, related_name="tautan")
    indikator = models.ForeignKey("plans.Indikator", on_delete=models.CASCADE,
                                  related_name="tautan_iku_daerah")
    nama = models.CharField(_("name in the formula"), max_length=40)
    catatan = models.TextField(_("note of the agency"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DIUSULKAN)
    catatan_verifikasi = models.TextField(_("note of Bappeda"), blank=True)
    diusulkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+")
    diputuskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("link of an IKU of the pemda to an agency indicator")
        verbose_name_plural = _("links of the IKU of the pemda to agency indicators")
        ordering = ["iku", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["iku", "indikator"], name="tautan_iku_once"),
            models.UniqueConstraint(fields=["iku", "nama"], name="tautan_iku_nama_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.iku} ← {self.nama}: {self.indikator}"


class PkDaerah(models.Model):
    """The Perjanjian Kinerja of the kepala daerah for one year (PermenPAN-RB 53/2014): the
    IKU of the pemda in force that year with their targets, promised by the Wali Kota or
    Bupati. A perubahan is a new version; the signed one is kept. Written by ``daerah.pk``."""

    class Jenis(models.TextChoices):
        INDUK = "induk", _("original")
        PERUBAHAN = "perubahan", _("amended")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        DIAJUKAN = "diajukan", _("submitted")
        DITANDATANGANI = "ditandatangani", _("signed")

    pemda = models.ForeignKey("organizations.Pemda", on_delete=models.CASCADE,
                              related_name="pk_daerah")
    tahun = models.PositiveSmallIntegerField(_("year"))
    jenis = models.CharField(_("kind"), max_length=10, choices=Jenis.choices,
                             default=Jenis.INDUK)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.DRAFT)
    perkada = models.ForeignKey(Perkada, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("Perkada of the IKU"))
    menggantikan = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("replaces"))
    alasan_perubahan = models.TextField(_("reason for the amendment"), blank=True)
    tanggal = models.DateField(_("date"), null=True, blank=True)
    kepala_nama = models.CharField(_("head of region: name"), max_length=200, blank=True)
    kepala_jabatan = models.CharField(_("head of region: position"), max_length=200,
                                      blank=True)
    kepala_nip = models.CharField(_("head of region: NIP"), max_length=32, blank=True)
    ditandatangani_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                            null=True, blank=True, related_name="+")
    ditandatangani_pada = models.DateTimeField(_("signed at"), null=True, blank=True)
    alasan_tanda_tangan = models.TextField(_("signed in the app on behalf of the head of "
                                             "region, because"), blank=True)
    versi = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("performance agreement of the head of region")
        verbose_name_plural = _("performance agreements of the head of region")
        ordering = ["pemda", "tahun", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun"], condition=models.Q(jenis="induk"),
                                    name="pk_daerah_one_induk_per_year"),
        ]

    def __str__(self) -> str:
        return f"PK {self.pemda} {self.tahun} ({self.get_jenis_display()})"


class PkDaerahBaris(models.Model):
    """A row of the kepala daerah's PK: an IKU of the pemda (as it read when composed) and its
    target of the year."""

    pk_daerah = models.ForeignKey(PkDaerah, on_delete=models.CASCADE, related_name="baris")
    iku = models.ForeignKey(IkuDaerah, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+")
    uraian_sasaran = models.TextField(_("regional objective"))
    uraian_iku = models.TextField(_("IKU"))
    satuan = models.CharField(_("unit"), max_length=100, blank=True)
    target_teks = models.CharField(_("target as entered"), max_length=100, blank=True)
    target = models.DecimalField(_("target"), **MEASURE)
    target_atas = models.DecimalField(_("target upper bound"), **MEASURE)
    urutan = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("row of the head of region's performance agreement")
        verbose_name_plural = _("rows of the head of region's performance agreement")
        ordering = ["pk_daerah", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.uraian_iku}: {self.target_teks}"


class LaporanFinalPemda(models.Model):
    """A final document of the pemda (its LKjIP): the exact file as generated and the data
    it was generated from, with the SHA-256 of the file; never edited, a newer final
    supersedes an older one. The pemda's twin of ``reports.LaporanFinal``, which is keyed by
    an OPD (its access, history and file names all read the OPD). Written by
    ``daerah.lkjip_final``."""

    pemda = models.ForeignKey("organizations.Pemda", on_delete=models.CASCADE,
                              related_name="laporan_final")
    tahun = models.PositiveSmallIntegerField(_("year"))
    dokumen = models.CharField(_("document"), max_length=16)  # "lkjip-pemda"
    format = models.CharField(_("format"), max_length=8)  # "pdf", "docx"
    isi = models.BinaryField(_("file"))
    data = models.JSONField(_("data snapshot"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # "Final with eyes open": the problems open when it was made and the maker's note on them.
    masalah = models.JSONField(_("open problems"), default=list, blank=True)
    catatan = models.TextField(_("note"), blank=True)
    # Published: readable by anyone and listed on the public portal (as an OPD's final).
    dipublikasikan = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("final document of the pemda")
        verbose_name_plural = _("final documents of the pemda")
        ordering = ["pemda", "-tahun", "-created_at"]

    def __str__(self) -> str:
        return f"{self.dokumen.upper()} {self.pemda} {self.tahun} ({self.sha256[:12]})"
