"""Who reports: the pemda (regional government) and its perangkat daerah (OPD) with officials.

Everything in Akuntabel is keyed by pemda, so that one installation can host many.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Pemda(models.Model):
    class Jenis(models.TextChoices):
        KOTA = "kota", _("City (kota)")
        KABUPATEN = "kabupaten", _("Regency (kabupaten)")
        PROVINSI = "provinsi", _("Province (provinsi)")

    kode = models.SlugField(_("key"), max_length=64, unique=True)
    nama = models.CharField(_("name"), max_length=200)
    jenis = models.CharField(_("kind"), max_length=16, choices=Jenis.choices)
    provinsi = models.CharField(_("province"), max_length=100, blank=True)
    kepala_daerah_jabatan = models.CharField(_("title of the head of region"), max_length=200)
    kepala_daerah_nama = models.CharField(_("name of the head of region"), max_length=200,
                                          blank=True)
    kepala_daerah_nip = models.CharField(_("NIP of the head of region"), max_length=32, blank=True)
    # Session limits set by the pemda's administrator; empty: the installation's default
    # (settings.AKUNTABEL_SESI_MAKS_MENIT / _DIAM_MENIT). Enforced by accounts.session_limits.
    sesi_maks_menit = models.PositiveIntegerField(_("session lifetime (minutes)"), null=True,
                                                  blank=True)
    sesi_diam_menit = models.PositiveIntegerField(_("session idle timeout (minutes)"), null=True,
                                                  blank=True)
    # The second factor (TOTP) is required of the pemda's administrators and verifiers
    # (accounts.dua_faktor); off: optional.
    dua_faktor_wajib = models.BooleanField(_("second factor required"), default=False)
    # The nomenclature edition the pemda plans with (set by its administrator on the reference
    # page); empty: the default edition for its kind (references.services.edisi_pemda).
    edisi_referensi = models.ForeignKey(
        "references.EdisiReferensi", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("code list edition"),
        limit_choices_to={"daftar": "nomenklatur"})
    # The letterhead (kop surat) printed on every document, set by the pemda's administrator
    # (reports.kop): the logo as PNG or JPEG bytes, checked when uploaded.
    kop_logo = models.BinaryField(_("letterhead logo"), blank=True, default=b"")
    kop_alamat = models.CharField(_("letterhead address"), max_length=300, blank=True)
    kop_kontak = models.CharField(_("letterhead contact"), max_length=300, blank=True)
    # How the LKjIP judges efficiency (core.efisiensi): its method and, for the difference,
    # the threshold in percentage points.
    efisiensi_metode = models.CharField(_("efficiency method"), max_length=10,
                                        choices=[("selisih", _("difference")),
                                                 ("rasio", _("ratio"))], default="selisih")
    efisiensi_ambang = models.DecimalField(_("efficiency threshold (points)"), max_digits=5,
                                           decimal_places=2, default=Decimal("5"))

    class Meta:
        verbose_name = _("regional government (pemda)")
        verbose_name_plural = _("regional governments (pemda)")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama


class PerangkatDaerah(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="perangkat_daerah")
    kode = models.SlugField(_("key"), max_length=64)
    nama = models.CharField(_("name"), max_length=200)
    singkatan = models.CharField(_("abbreviation"), max_length=50, blank=True)
    bidang_urusan = models.JSONField(_("government affairs (bidang urusan)"), default=list)
    tipe = models.CharField(_("type"), max_length=10, blank=True)
    dasar_hukum = models.JSONField(_("legal basis"), default=list)
    tugas = models.TextField(_("duty"), blank=True)
    fungsi = models.JSONField(_("functions"), default=list)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("regional agency (OPD)")
        verbose_name_plural = _("regional agencies (OPD)")
        ordering = ["pemda", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "kode"], name="opd_kode_unique_per_pemda")
        ]

    def __str__(self) -> str:
        return self.nama


class Pejabat(models.Model):
    class Peran(models.TextChoices):
        KEPALA = "kepala", _("Head of agency")
        SEKRETARIS = "sekretaris", _("Secretary")
        KEPALA_BIDANG = "kepala_bidang", _("Head of division")
        LAINNYA = "lainnya", _("Other")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="pejabat"
    )
    peran = models.CharField(_("role"), max_length=20, choices=Peran.choices)
    nama = models.CharField(_("name"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=32, blank=True)
    pangkat = models.CharField(_("rank (pangkat)"), max_length=100, blank=True)
    golongan = models.CharField(_("grade (golongan)"), max_length=20, blank=True)
    jabatan = models.CharField(_("position (jabatan)"), max_length=200)
    urutan = models.PositiveIntegerField(_("order"), default=0)
    catatan = models.TextField(_("note"), blank=True)
    # Optimistic concurrency: the edit form names the version it read; a stale one is refused.
    versi = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("official (pejabat)")
        verbose_name_plural = _("officials (pejabat)")
        ordering = ["perangkat_daerah", "urutan"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.jabatan})"
