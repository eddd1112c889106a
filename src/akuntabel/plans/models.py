"""The plan: RPJMD, Renstra (tujuan, sasaran, strategi, arah kebijakan), the program tree,
indicators with their targets, strategic issues and the Perjanjian Kinerja.

Legal basis: Permendagri 86/2017 (RPJMD, Renstra, Renja), Kepmendagri 050-5889/2021
(program / kegiatan / sub kegiatan nomenclature), Permenpan RB 53/2014 (Perjanjian Kinerja).
Values printed in a source document are kept as text (``teks``) next to the parsed value
(``nilai``); computed figures are never stored here.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from akuntabel.core.capaian import Agregasi, MetodeTurun, Polaritas
from akuntabel.core.pk import Tingkat as TingkatPk
from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah

MEASURE = {"max_digits": 24, "decimal_places": 4, "null": True, "blank": True}
MONEY = {"max_digits": 20, "decimal_places": 2, "null": True, "blank": True}
# triwulan 0 is the whole year; 1-4 are the quarters (TW I-IV). A number rather than NULL so
# that "one value per period" is a plain unique constraint on every database.
TAHUNAN = 0
QUARTER_OR_YEAR = Q(triwulan__in=[0, 1, 2, 3, 4])
TRIWULAN_CHOICES = [(0, _("whole year")), (1, "TW I"), (2, "TW II"), (3, "TW III"),
                    (4, "TW IV")]


class Rpjmd(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="rpjmd")
    tahun_awal = models.PositiveSmallIntegerField(_("first year"))
    tahun_akhir = models.PositiveSmallIntegerField(_("last year"))
    dasar_hukum = models.CharField(_("legal basis"), max_length=300, blank=True)
    visi = models.TextField(_("vision (visi)"))

    class Meta:
        verbose_name = "RPJMD"
        verbose_name_plural = "RPJMD"
        ordering = ["pemda", "-tahun_awal"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun_awal"], name="rpjmd_unique_period"),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")), name="rpjmd_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"RPJMD {self.pemda} {self.tahun_awal}–{self.tahun_akhir}"


class Misi(models.Model):
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="misi")
    nomor = models.PositiveSmallIntegerField(_("number"))
    uraian = models.TextField(_("description"))

    class Meta:
        verbose_name = _("mission (misi)")
        verbose_name_plural = _("missions (misi)")
        ordering = ["rpjmd", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "nomor"], name="misi_unique_number")
        ]

    def __str__(self) -> str:
        return f"Misi {self.nomor}: {self.uraian}"


class TujuanDaerah(models.Model):
    """A goal of the RPJMD (tujuan daerah), under one of its misi when known."""

    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="tujuan_daerah")
    misi = models.ForeignKey(Misi, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="tujuan_daerah")
    kode = models.CharField(_("code"), max_length=40, blank=True)
    uraian = models.TextField(_("description"))
    urutan = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("regional goal (tujuan daerah)")
        verbose_name_plural = _("regional goals (tujuan daerah)")
        ordering = ["rpjmd", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}".strip()


class SasaranDaerah(models.Model):
    """An objective of the RPJMD (sasaran daerah) that an OPD's sasaran serves."""

    tujuan_daerah = models.ForeignKey(TujuanDaerah, on_delete=models.CASCADE,
                                      related_name="sasaran_daerah")
    kode = models.CharField(_("code"), max_length=40, blank=True)
    uraian = models.TextField(_("description"))
    urutan = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("regional objective (sasaran daerah)")
        verbose_name_plural = _("regional objectives (sasaran daerah)")
        ordering = ["tujuan_daerah", "urutan", "id"]

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}".strip()


class IndikatorDaerahBase(models.Model):
    """What an indicator of the pemda itself holds, whatever it measures: an IKU of the pemda
    (``daerah.IkuDaerah``) or an indicator of a tujuan daerah (``IndikatorTujuanDaerah``):
    its code, wording, unit, polarity, lower-is-better method, data source and order. Each
    keeps its own definition field (an IKU's operational definition beside its formula; a
    tujuan indicator's definition and formula in one)."""

    kode = models.CharField(_("code"), max_length=40, blank=True)
    uraian = models.TextField(_("description"))
    satuan = models.CharField(_("unit"), max_length=100)
    polaritas = models.CharField(_("polarity"), max_length=12, choices=[
        (Polaritas.NAIK.value, _("higher is better")),
        (Polaritas.TURUN.value, _("lower is better")),
    ], default=Polaritas.NAIK.value)
    metode_turun = models.CharField(_("lower-is-better method"), max_length=10, choices=[
        (MetodeTurun.SELISIH.value, "(2T − R) / T × 100"),
        (MetodeTurun.RASIO.value, "T / R × 100"),
    ], default=MetodeTurun.SELISIH.value)
    sumber_data = models.CharField(_("data source"), max_length=300, blank=True)
    urutan = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kode} {self.uraian}".strip()


class IndikatorTujuanDaerah(IndikatorDaerahBase):
    """An indicator of a tujuan daerah in the RPJMD (IPM, laju pertumbuhan ekonomi, angka
    kemiskinan …): its definition, data source, baseline, a target per RPJMD year and the end
    target (kondisi akhir). Its yearly realisasi are figures Bappeda enters from their source
    (BPS …), not OPD entries. Written by ``daerah.tujuan`` only."""

    tujuan_daerah = models.ForeignKey(TujuanDaerah, on_delete=models.CASCADE,
                                      related_name="indikator")
    definisi = models.TextField(_("definition and formula"), blank=True)
    kondisi_awal_tahun = models.PositiveSmallIntegerField(_("baseline year"), null=True,
                                                          blank=True)
    kondisi_awal_teks = models.CharField(_("baseline as entered"), max_length=100, blank=True)
    kondisi_awal = models.DecimalField(_("baseline"), **MEASURE)
    kondisi_akhir_teks = models.CharField(_("end target as entered"), max_length=100,
                                          blank=True)
    kondisi_akhir = models.DecimalField(_("end target"), **MEASURE)
    versi = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("indicator of a regional goal")
        verbose_name_plural = _("indicators of the regional goals")
        ordering = ["tujuan_daerah", "urutan", "id"]


class TargetTujuanDaerah(models.Model):
    indikator = models.ForeignKey(IndikatorTujuanDaerah, on_delete=models.CASCADE,
                                  related_name="target")
    tahun = models.PositiveSmallIntegerField(_("year"))
    teks = models.CharField(_("as entered"), max_length=100)
    nilai = models.DecimalField(_("value"), **MEASURE)

    class Meta:
        verbose_name = _("target of an indicator of a regional goal")
        verbose_name_plural = _("targets of the indicators of the regional goals")
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"],
                                    name="target_tujuan_daerah_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}: {self.teks}"


class RealisasiTujuanDaerah(models.Model):
    """The figure of a year of an indicator of a tujuan daerah, as Bappeda took it from its
    source (``sumber``: the publication, e.g. "BPS Kota Contoh, Berita Resmi Statistik
    No. 12/02/Th. X, 2024")."""

    indikator = models.ForeignKey(IndikatorTujuanDaerah, on_delete=models.CASCADE,
                                  related_name="realisasi")
    tahun = models.PositiveSmallIntegerField(_("year"))
    teks = models.CharField(_("as entered"), max_length=100)
    nilai = models.DecimalField(_("value"), **MEASURE)
    sumber = models.CharField(_("source (publication)"), max_length=300)
    versi = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisasi of an indicator of a regional goal")
        verbose_name_plural = _("realisasi of the indicators of the regional goals")
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"],
                                    name="realisasi_tujuan_daerah_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}: {self.teks}"


class Renstra(models.Model):
    class Status(models.TextChoices):
        """A version is a draft until the Peraturan Kepala Daerah establishing it is recorded
        (``plans.penetapan``; Permendagri 86/2017); only an established version is public."""

        DRAFT = "draft", _("draft")
        DITETAPKAN = "ditetapkan", _("established")

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="renstra"
    )
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.PROTECT, related_name="renstra")
    tahun_awal = models.PositiveSmallIntegerField(_("first year"))
    tahun_akhir = models.PositiveSmallIntegerField(_("last year"))
    misi = models.ManyToManyField(Misi, blank=True, related_name="renstra")
    tabel_tahun_tercetak = models.JSONField(
        _("year columns as printed"), default=list, blank=True
    )
    catatan = models.TextField(_("note"), blank=True)
    # The code list edition the plan was made with: the pemda's choice when it was created.
    edisi_referensi = models.ForeignKey(
        "references.EdisiReferensi", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("code list edition"))
    # A Renstra perubahan is a new version of the same period (``plans.perubahan``): the
    # version it changes, the first year measured against it (the first version's is
    # ``tahun_awal``), its legal basis and reason. Earlier years keep the version they were
    # measured against (``plans.services.renstra_for``).
    # RESTRICT: a version is not deleted from under the one that changes it, but an OPD's
    # whole plan (every version at once) can be.
    versi_dari = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="perubahan",
        verbose_name=_("version it changes"))
    berlaku_mulai = models.PositiveSmallIntegerField(
        _("in force from (year)"), blank=True,
        help_text=_("Empty: the first year of the period."))
    dasar_hukum = models.CharField(_("legal basis"), max_length=300, blank=True)
    tanggal_dasar_hukum = models.DateField(_("date of the legal basis"), null=True, blank=True)
    alasan_perubahan = models.TextField(_("reason for the change"), blank=True)
    # For a version made by copying: each copied element's id -> the id of its original, by
    # kind ({"tujuan": {"12": 5}, ...}), read by the comparison of two versions.
    asal_salinan = models.JSONField(_("copied from"), default=dict, blank=True)
    # Penetapan (``plans.penetapan``): who recorded it and when, and the document as
    # established, frozen as canonical JSON with its SHA-256, so later edits never change it.
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    ditetapkan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+")
    ditetapkan_pada = models.DateTimeField(_("established at"), null=True, blank=True)
    dokumen_tetap = models.TextField(_("document as established (JSON)"), blank=True)
    sha256 = models.CharField(_("SHA-256 of the established document"), max_length=64,
                              blank=True)

    class Meta:
        verbose_name = "Renstra"
        verbose_name_plural = "Renstra"
        ordering = ["perangkat_daerah", "-tahun_awal", "-berlaku_mulai"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun_awal", "berlaku_mulai"],
                name="renstra_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")), name="renstra_period_order"
            ),
            models.CheckConstraint(
                condition=Q(berlaku_mulai__gte=models.F("tahun_awal"),
                            berlaku_mulai__lte=models.F("tahun_akhir")),
                name="renstra_berlaku_in_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.perangkat_daerah} {self.tahun_awal}–{self.tahun_akhir}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.berlaku_mulai is None:  # the first version is in force from the first year
            self.berlaku_mulai = self.tahun_awal
        super().save(*args, **kwargs)

    @property
    def tahun(self) -> range:
        return range(self.tahun_awal, self.tahun_akhir + 1)


class UraianNode(models.Model):
    """A plan element that is a sentence: tujuan, sasaran, strategi, arah kebijakan."""

    uraian = models.TextField(_("description"))
    urutan = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.uraian


class Tujuan(UraianNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    kode = models.CharField(_("code"), max_length=40, blank=True)
    uraian_tercetak = models.JSONField(_("other printed wordings"), default=list, blank=True)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("goal (tujuan)")
        verbose_name_plural = _("goals (tujuan)")
        ordering = ["renstra", "urutan"]


class Sasaran(UraianNode):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    sasaran_daerah = models.ForeignKey(SasaranDaerah, on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="sasaran_opd",
                                       verbose_name=_("RPJMD objective served"))
    kode = models.CharField(_("code"), max_length=40, blank=True)
    uraian_tercetak = models.JSONField(_("other printed wordings"), default=list, blank=True)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("objective (sasaran)")
        verbose_name_plural = _("objectives (sasaran)")
        ordering = ["tujuan", "urutan"]


class Strategi(UraianNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="strategi")
    sasaran = models.ForeignKey(
        Sasaran, on_delete=models.SET_NULL, null=True, blank=True, related_name="strategi"
    )

    class Meta:
        verbose_name = _("strategy (strategi)")
        verbose_name_plural = _("strategies (strategi)")
        ordering = ["renstra", "urutan"]


class ArahKebijakan(UraianNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="arah_kebijakan")
    strategi = models.ForeignKey(
        Strategi, on_delete=models.SET_NULL, null=True, blank=True, related_name="arah_kebijakan"
    )

    class Meta:
        verbose_name = _("policy direction (arah kebijakan)")
        verbose_name_plural = _("policy directions (arah kebijakan)")
        ordering = ["renstra", "urutan"]


class NomenklaturNode(models.Model):
    """A program, kegiatan or sub kegiatan (Kepmendagri 050-5889/2021)."""

    kode = models.CharField(_("code"), max_length=40, blank=True)
    nama = models.TextField(_("name"))
    nama_tercetak = models.JSONField(_("other printed names"), default=list, blank=True)
    aktif_tahun = models.JSONField(
        _("active only in years"), default=list, blank=True,
        help_text=_("Empty: active in every year of the Renstra."),
    )
    urutan = models.PositiveIntegerField(_("order"), default=0)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}".strip()

    def is_aktif(self, tahun: int) -> bool:
        return not self.aktif_tahun or tahun in self.aktif_tahun


class Program(NomenklaturNode):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="program")
    sasaran = models.ForeignKey(
        Sasaran, on_delete=models.SET_NULL, null=True, blank=True, related_name="program"
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["renstra", "urutan"]


class Kegiatan(NomenklaturNode):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kegiatan")

    class Meta:
        verbose_name = _("activity (kegiatan)")
        verbose_name_plural = _("activities (kegiatan)")
        ordering = ["program", "urutan"]


class SubKegiatan(NomenklaturNode):
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, related_name="sub_kegiatan")

    class Meta:
        verbose_name = _("sub-activity (sub kegiatan)")
        verbose_name_plural = _("sub-activities (sub kegiatan)")
        ordering = ["kegiatan", "urutan"]


def _exactly_one(*fields: str) -> Q:
    """A Q that holds when exactly one of the nullable foreign keys is set."""
    condition = Q()
    for field in fields:
        branch = Q(**{f"{field}__isnull": False})
        for other in fields:
            if other != field:
                branch &= Q(**{f"{other}__isnull": True})
        condition |= branch
    return condition


NODE_FIELDS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")


class Indikator(models.Model):
    """A performance indicator attached to exactly one tujuan, sasaran, program, kegiatan or
    sub kegiatan. How it is scored (polaritas, metode, agregasi) is stored with it and printed
    in reports (Permendagri 86/2017; PermenPAN-RB 6/2022 for lower-is-better)."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="indikator"
    )
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="indikator")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="indikator")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="indikator")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="indikator")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="indikator")
    kode = models.CharField(_("key"), max_length=40, blank=True)
    uraian = models.TextField(_("description"), blank=True,
                              help_text=_("Empty when the source prints no indicator text."))
    uraian_tercetak = models.JSONField(_("other printed wordings"), default=list, blank=True)
    satuan = models.CharField(_("unit"), max_length=100, blank=True)
    polaritas = models.CharField(_("polarity"), max_length=12, choices=[
        (Polaritas.NAIK.value, _("higher is better")),
        (Polaritas.TURUN.value, _("lower is better")),
        (Polaritas.RENTANG.value, _("within a range")),
        (Polaritas.KUALITATIF.value, _("qualitative")),
    ], default=Polaritas.NAIK.value)
    metode_turun = models.CharField(_("lower-is-better method"), max_length=10, choices=[
        (MetodeTurun.SELISIH.value, "(2T − R) / T × 100"),
        (MetodeTurun.RASIO.value, "T / R × 100"),
    ], default=MetodeTurun.SELISIH.value)
    agregasi = models.CharField(_("aggregation"), max_length=12, choices=[
        (Agregasi.KUMULATIF.value, _("cumulative (sum)")),
        (Agregasi.NILAI_AKHIR.value, _("last value")),
    ], default=Agregasi.KUMULATIF.value)
    iku = models.BooleanField(_("key performance indicator (IKU)"), default=False)
    # The public portal (akuntabel.portal) shows the indicator's verified figures unless its
    # agency hides it (e.g. a figure under embargo); hiding never hides it from the LKjIP.
    tampil_publik = models.BooleanField(_("shown on the public portal"), default=True)
    definisi_operasional = models.TextField(_("operational definition"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    sumber_data = models.CharField(_("data source"), max_length=300, blank=True)
    kondisi_awal_tahun = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    kondisi_awal_teks = models.CharField(_("baseline as printed"), max_length=200, blank=True)
    kondisi_awal = models.DecimalField(_("baseline"), **MEASURE)
    kondisi_akhir_teks = models.CharField(_("end target as printed"), max_length=200, blank=True)
    kondisi_akhir = models.DecimalField(_("end target"), **MEASURE)
    nomor_tercetak = models.PositiveIntegerField(_("printed row number"), null=True, blank=True)
    urutan = models.PositiveIntegerField(_("order"), default=0)
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("indicator (indikator)")
        verbose_name_plural = _("indicators (indikator)")
        ordering = ["perangkat_daerah", "urutan"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one(*NODE_FIELDS),
                                   name="indikator_attached_to_one_node"),
        ]

    def __str__(self) -> str:
        return self.uraian or str(_("(indicator not stated)"))

    @property
    def node(self) -> models.Model:
        for field in NODE_FIELDS:
            value = getattr(self, field)
            if value is not None:
                return value
        raise ValueError("indikator without node")


class Target(models.Model):
    class Jenis(models.TextChoices):
        RENSTRA = "renstra", _("Renstra")
        RENJA = "renja", _("Renja / RKT")
        PK = "pk", _("Perjanjian Kinerja")
        PK_PERUBAHAN = "pk_perubahan", _("Perjanjian Kinerja (amended)")

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="target")
    jenis = models.CharField(_("kind"), max_length=16, choices=Jenis.choices)
    tahun = models.PositiveSmallIntegerField(_("year"))
    triwulan = models.PositiveSmallIntegerField(_("quarter"), choices=TRIWULAN_CHOICES,
                                                default=TAHUNAN)
    teks = models.CharField(_("as printed"), max_length=500, blank=True)
    nilai = models.DecimalField(_("value"), **MEASURE)
    nilai_atas = models.DecimalField(_("upper bound (range targets)"), **MEASURE)
    satuan = models.CharField(_("unit"), max_length=100, blank=True)
    catatan = models.TextField(_("note"), blank=True)
    # Optimistic concurrency: a save names the version it read; a stale one is refused.
    versi = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indikator", "jenis", "tahun", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "jenis", "tahun", "triwulan"],
                                    name="target_unique_period"),
            models.CheckConstraint(condition=QUARTER_OR_YEAR,
                                   name="target_triwulan_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tahun}: {self.teks}"


class RenstraAnggaran(models.Model):
    """The Renstra's funding for a program, kegiatan or sub kegiatan in one year, and the
    realisasi the report printed against it (as reported; the truth is the DPA)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="renstra_anggaran")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="renstra_anggaran")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="renstra_anggaran")
    tahun = models.PositiveSmallIntegerField(_("year"))
    target_teks = models.CharField(_("target as printed"), max_length=100, blank=True)
    target = models.DecimalField(_("funding target"), **MONEY)
    realisasi_teks = models.CharField(_("realisation as printed"), max_length=100, blank=True)
    realisasi_dilaporkan = models.DecimalField(_("realisation as reported"), **MONEY)
    realisasi_kinerja_teks = models.CharField(_("performance as printed"), max_length=500,
                                              blank=True)

    class Meta:
        verbose_name = _("Renstra funding")
        verbose_name_plural = _("Renstra funding")
        ordering = ["tahun", "id"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one("program", "kegiatan", "sub_kegiatan"),
                                   name="renstra_anggaran_one_node"),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.tahun}: {self.target_teks}"


class RenjaAnggaran(models.Model):
    """The Renja's indicative ceiling (pagu indikatif) for a program, kegiatan or sub kegiatan
    in one year: copied from the Renstra's funding of that year, then adjusted (Permendagri
    86/2017, Renja). Written by ``plans.renja`` only."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="renja_anggaran")
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="renja_anggaran")
    sub_kegiatan = models.ForeignKey(SubKegiatan, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="renja_anggaran")
    tahun = models.PositiveSmallIntegerField(_("year"))
    pagu_indikatif = models.DecimalField(_("indicative ceiling (pagu indikatif)"), **MONEY)
    # Optimistic concurrency: a save names the version it read; a stale one is refused.
    versi = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("Renja indicative ceiling")
        verbose_name_plural = _("Renja indicative ceilings")
        ordering = ["tahun", "id"]
        constraints = [
            models.CheckConstraint(condition=_exactly_one("program", "kegiatan", "sub_kegiatan"),
                                   name="renja_anggaran_one_node"),
            *(models.UniqueConstraint(fields=[node, "tahun"],
                                      condition=Q(**{f"{node}__isnull": False}),
                                      name=f"renja_anggaran_unique_{node}")
              for node in ("program", "kegiatan", "sub_kegiatan")),
        ]

    def __str__(self) -> str:
        return f"Renja {self.tahun}: {self.pagu_indikatif}"


class IsuStrategis(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="isu_strategis")
    misi_nomor = models.PositiveSmallIntegerField(_("mission number"), null=True, blank=True)
    uraian = models.TextField(_("description"))
    urgensi = models.DecimalField(_("urgency (U)"), max_digits=6, decimal_places=2, null=True,
                                  blank=True)
    keseriusan = models.DecimalField(_("seriousness (S)"), max_digits=6, decimal_places=2,
                                     null=True, blank=True)
    pertumbuhan = models.DecimalField(_("growth (G)"), max_digits=6, decimal_places=2,
                                      null=True, blank=True)
    prioritas = models.BooleanField(_("priority"), default=False)
    alasan_prioritas = models.TextField(_("reason for the priority"), blank=True)
    # The Renstra's tujuan and sasaran that answer this issue.
    tujuan = models.ManyToManyField(Tujuan, blank=True, related_name="isu_strategis")
    sasaran = models.ManyToManyField(Sasaran, blank=True, related_name="isu_strategis")
    urutan = models.PositiveIntegerField(_("order"), default=0)
    catatan = models.TextField(_("note"), blank=True)
    # Optimistic concurrency: a save names the version it read; a stale one is refused.
    versi = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("strategic issue")
        verbose_name_plural = _("strategic issues")
        ordering = ["renstra", "urutan"]

    def __str__(self) -> str:
        return self.uraian


class SkalaUsg(models.Model):
    """The pemda's scale for the USG scores of strategic issues (each of U, S, G from
    ``nilai_min`` to ``nilai_maks``; 1–5 when the pemda has none): project convention,
    common Renstra practice."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="skala_usg")
    nilai_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    nilai_maks = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        verbose_name = _("USG scale")
        verbose_name_plural = _("USG scales")
        constraints = [
            models.CheckConstraint(condition=Q(nilai_maks__gt=models.F("nilai_min")),
                                   name="skala_usg_order"),
        ]

    def __str__(self) -> str:
        return f"USG {self.pemda}: {self.nilai_min}–{self.nilai_maks}"


class PerjanjianKinerja(models.Model):
    """Perjanjian Kinerja (Permenpan RB 53/2014): the annual performance agreement."""

    class Jenis(models.TextChoices):
        INDUK = "induk", _("original")
        PERUBAHAN = "perubahan", _("amended")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        DIAJUKAN = "diajukan", _("submitted")
        DITANDATANGANI = "ditandatangani", _("signed")

    class Tingkat(models.TextChoices):
        """Who promises (``core.pk.Tingkat``; PermenPAN-RB 53/2014, PK berjenjang)."""

        KEPALA = TingkatPk.KEPALA.value, "Kepala Perangkat Daerah"
        ESELON_III = TingkatPk.ESELON_III.value, "Eselon III (Kepala Bidang/Sekretaris)"
        ESELON_IV = TingkatPk.ESELON_IV.value, "Eselon IV (Kepala Seksi/Subbagian)"

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="perjanjian_kinerja"
    )
    tahun = models.PositiveSmallIntegerField(_("year"))
    jenis = models.CharField(_("kind"), max_length=10, choices=Jenis.choices,
                             default=Jenis.INDUK)
    tingkat = models.CharField(_("level"), max_length=10, choices=Tingkat.choices,
                               default=Tingkat.KEPALA)
    # Below the kepala's: the PK this one serves (its pihak kedua) and the official promising.
    atasan = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="turunan", verbose_name=_("agreement above"))
    pejabat = models.ForeignKey(Pejabat, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("official (first party)"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.DRAFT)
    tahun_tercetak = models.PositiveSmallIntegerField(_("year as printed"), null=True, blank=True)
    tanggal = models.DateField(_("date"), null=True, blank=True)
    pihak_pertama_nama = models.CharField(_("first party: name"), max_length=200, blank=True)
    pihak_pertama_jabatan = models.CharField(_("first party: position"), max_length=200,
                                             blank=True)
    pihak_pertama_nip = models.CharField(_("first party: NIP"), max_length=32, blank=True)
    pihak_pertama_pangkat = models.CharField(_("first party: rank"), max_length=100, blank=True)
    pihak_kedua_nama = models.CharField(_("second party: name"), max_length=200, blank=True)
    pihak_kedua_jabatan = models.CharField(_("second party: position"), max_length=200,
                                           blank=True)
    pihak_kedua_nip = models.CharField(_("second party: NIP"), max_length=32, blank=True)
    catatan = models.TextField(_("note"), blank=True)
    # Signing (by the kepala OPD) locks the year's targets; a PK perubahan changes them.
    ditandatangani_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                            null=True, blank=True, related_name="+")
    ditandatangani_pada = models.DateTimeField(_("signed at"), null=True, blank=True)
    # Optimistic concurrency: every form names the version it read; a stale one is refused.
    versi = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("performance agreement (PK)")
        verbose_name_plural = _("performance agreements (PK)")
        ordering = ["perangkat_daerah", "tahun", "jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun"],
                condition=Q(jenis="induk", tingkat=TingkatPk.KEPALA.value),
                name="pk_induk_kepala_unique"),
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun", "pejabat"],
                condition=Q(jenis="induk", pejabat__isnull=False)
                & ~Q(tingkat=TingkatPk.KEPALA.value),
                name="pk_induk_pejabat_unique"),
        ]

    def __str__(self) -> str:
        return f"PK {self.perangkat_daerah} {self.tahun} ({self.get_jenis_display()})"


class PerjanjianKinerjaBaris(models.Model):
    """A row of a PK: the kepala's name a Renstra sasaran and its indicator; a cascaded PK's
    name an indicator of a program (eselon III) or kegiatan (eselon IV), or one written for
    the PK as text, and the row of the PK above that it serves (``core.pk``)."""

    perjanjian_kinerja = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE,
                                           related_name="baris")
    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+")
    sasaran_teks = models.CharField(_("objective as written"), max_length=500, blank=True)
    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+")
    indikator_teks = models.CharField(_("indicator written for the agreement"), max_length=500,
                                      blank=True)
    satuan = models.CharField(_("unit"), max_length=100, blank=True)
    melayani = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="turunan", verbose_name=_("serves the row"))
    target_teks = models.CharField(_("target as printed"), max_length=200, blank=True)
    target = models.DecimalField(_("target"), **MEASURE)
    target_atas = models.DecimalField(_("upper bound (range targets)"), **MEASURE)
    urutan = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("PK row")
        verbose_name_plural = _("PK rows")
        ordering = ["perjanjian_kinerja", "urutan"]
        constraints = [
            models.CheckConstraint(condition=Q(indikator__isnull=False) | ~Q(indikator_teks=""),
                                   name="pk_baris_has_indikator"),
            models.CheckConstraint(condition=Q(sasaran__isnull=False) | ~Q(sasaran_teks=""),
                                   name="pk_baris_has_sasaran"),
        ]

    def __str__(self) -> str:
        return f"{self.uraian_indikator}: {self.target_teks}"

    @property
    def uraian_sasaran(self) -> str:
        return self.sasaran.uraian if self.sasaran is not None else self.sasaran_teks

    @property
    def uraian_indikator(self) -> str:
        return self.indikator.uraian if self.indikator is not None else self.indikator_teks

    @property
    def satuan_indikator(self) -> str:
        return self.indikator.satuan if self.indikator is not None else self.satuan


class PerjanjianKinerjaProgram(models.Model):
    perjanjian_kinerja = models.ForeignKey(PerjanjianKinerja, on_delete=models.CASCADE,
                                           related_name="program")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    anggaran = models.DecimalField(_("budget"), **MONEY)
    # Where the budget came from when composed: "DPA", "Renja" (pagu indikatif), "Renstra"
    # (its funding of the year), or "" (none yet).
    sumber_anggaran = models.CharField(_("source of the budget"), max_length=16, blank=True)
    urutan = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("PK program")
        verbose_name_plural = _("PK programs")
        ordering = ["perjanjian_kinerja", "urutan"]

    def __str__(self) -> str:
        return str(self.program)
