"""The Lembar Kriteria Evaluasi (LKE) of the Evaluasi AKIP (PermenPAN-RB 88/2021) as versioned
data: a template edition (``TemplateLke``) holds its components, sub-components, criteria,
answer scale and predikat bands. Templates differ between evaluators and years (76, 79, 80
criteria; Y/T, A–E or AA–E answers), so an evaluation keeps the edition it was made with and an
edition, once loaded, is not changed by a later load (see loader.py). The scoring itself is
:mod:`akuntabel.core.evaluasi`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.organizations.models import Pemda, PerangkatDaerah


class TemplateLke(models.Model):
    """One dated edition of the LKE, with its legal basis, where it was taken from and how sure
    its items are."""

    kode = models.SlugField(_("key"), max_length=80, unique=True)
    nama = models.CharField(_("name"), max_length=300)
    dasar_hukum = models.CharField(_("legal basis"), max_length=300)
    berlaku_mulai = models.DateField(_("in force from"), null=True, blank=True)
    sumber = models.TextField(_("source"), blank=True)
    catatan_kepastian = models.TextField(_("how sure the items are"), blank=True)
    # What Akuntabel checks and suggests with this edition, read and checked by the loader
    # (core.lke): "konsistensi" (the warnings between criteria), "saran" (the suggested-grade
    # bands) and "bukti" (criterion number -> the evidence shown and the measure it suggests by).
    aturan = models.JSONField(_("rules and evidence map"), default=dict, blank=True)

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


class Evaluasi(models.Model):
    """The evaluation of one unit for one year with one template edition: an OPD evaluated by
    the Inspektorat, or (``perangkat_daerah`` empty) the pemda itself, self-assessed for
    KemenPAN-RB. The template is kept: an evaluation is never switched to another edition.

    Each role writes in its window (dates inclusive): the evaluated unit answers (nilai
    usulan) in the self-assessment window, the evaluator grades (nilai penetapan) in the
    evaluation window, the unit responds to the grades in the response window. Once locked,
    nothing is written (evaluasi.services)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="evaluasi_akip")
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, null=True,
                                         blank=True, related_name="evaluasi_akip")
    tahun = models.PositiveSmallIntegerField(_("year"))
    template = models.ForeignKey(TemplateLke, on_delete=models.PROTECT, related_name="evaluasi")
    mandiri_mulai = models.DateField(_("self-assessment from"))
    mandiri_selesai = models.DateField(_("self-assessment until"))
    evaluasi_mulai = models.DateField(_("evaluation from"))
    evaluasi_selesai = models.DateField(_("evaluation until"))
    tanggapan_mulai = models.DateField(_("response from"))
    tanggapan_selesai = models.DateField(_("response until"))
    dikunci_pada = models.DateTimeField(_("locked at"), null=True, blank=True)
    dikunci_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("AKIP evaluation")
        verbose_name_plural = _("AKIP evaluations")
        ordering = ["pemda", "tahun", "perangkat_daerah__nama"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun", "template"],
                                    condition=models.Q(perangkat_daerah__isnull=False),
                                    name="evaluasi_unik_opd_tahun_template"),
            models.UniqueConstraint(fields=["pemda", "tahun", "template"],
                                    condition=models.Q(perangkat_daerah__isnull=True),
                                    name="evaluasi_unik_pemda_tahun_template"),
        ]

    def __str__(self) -> str:
        return f"{self.perangkat_daerah or self.pemda} {self.tahun}"

    @property
    def terkunci(self) -> bool:
        return self.dikunci_pada is not None


class Jawaban(models.Model):
    """One criterion of an evaluation: the unit's answer (nilai usulan, a code of the
    template's scale) with its note and evidence, the evaluator's grade (nilai penetapan) with
    its note, and the unit's response. ``versi`` is for optimistic concurrency: a save names
    the version it read; a stale one is refused."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.ForeignKey(KriteriaLke, on_delete=models.PROTECT, related_name="jawaban")
    nilai_usulan = models.CharField(_("proposed grade"), max_length=8, blank=True)
    catatan_usulan = models.TextField(_("note of the unit"), blank=True)
    usulan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    usulan_pada = models.DateTimeField(null=True, blank=True)
    nilai_penetapan = models.CharField(_("set grade"), max_length=8, blank=True)
    catatan_penetapan = models.TextField(_("note of the evaluator"), blank=True)
    # The grade Akuntabel suggested when the grade was set (empty: none), kept so the record
    # shows whether the evaluator followed or overrode it.
    nilai_saran = models.CharField(_("suggested grade"), max_length=8, blank=True)
    penetapan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+")
    penetapan_pada = models.DateTimeField(null=True, blank=True)
    tanggapan = models.TextField(_("response of the unit"), blank=True)
    tanggapan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="+")
    tanggapan_pada = models.DateTimeField(null=True, blank=True)
    versi = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("LKE answer")
        verbose_name_plural = _("LKE answers")
        ordering = ["evaluasi", "kriteria__sub_komponen__komponen__urutan",
                    "kriteria__sub_komponen__urutan", "kriteria__urutan"]
        constraints = [models.UniqueConstraint(fields=["evaluasi", "kriteria"],
                                               name="jawaban_unik_kriteria")]

    def __str__(self) -> str:
        return f"{self.evaluasi} {self.kriteria.nomor}"


class BuktiJawaban(models.Model):
    """Evidence the evaluated unit gives for its answer: a link or a file (kept outside the web
    root, served only through an access check). Evidence Akuntabel holds itself is computed,
    not stored here (evaluasi.bukti)."""

    jawaban = models.ForeignKey(Jawaban, on_delete=models.CASCADE, related_name="bukti_dukung")
    nama = models.CharField(_("name"), max_length=200)
    tautan = models.URLField(_("link"), max_length=1000, blank=True)
    berkas = models.FileField(_("file"), upload_to="evaluasi/%Y/", blank=True)
    diunggah_pada = models.DateTimeField(auto_now_add=True)
    diunggah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("evidence of an answer")
        verbose_name_plural = _("evidence of answers")
        ordering = ["jawaban", "diunggah_pada", "id"]
        constraints = [models.CheckConstraint(
            condition=~models.Q(tautan="") | ~models.Q(berkas=""),
            name="bukti_jawaban_tautan_atau_berkas")]

    def __str__(self) -> str:
        return self.nama


class RekomendasiQuerySet(models.QuerySet["Rekomendasi"]):
    def belum_selesai(self) -> "RekomendasiQuerySet":
        """Not yet followed up to the reviewer's satisfaction: open, in progress, or with a
        follow-up the reviewer did not accept."""
        return self.exclude(status=Rekomendasi.Status.SELESAI)


class Rekomendasi(models.Model):
    """A recommendation of an evaluation ("Agar …"), under one component of the LKE, owned by
    an OPD who follows it up by a due date. The OPD records its follow-up with evidence (in
    progress); the reviewer accepts it (followed up) or not (not accepted: the OPD follows it
    up again). Written only through evaluasi.rekomendasi, which records the history."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("open")
        PROSES = "proses", _("in progress")
        SELESAI = "selesai", _("followed up")
        TIDAK_DITERIMA = "tidak_diterima", _("not accepted")

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="rekomendasi")
    komponen = models.ForeignKey(KomponenLke, on_delete=models.PROTECT,
                                 related_name="rekomendasi")
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE,
                                         related_name="rekomendasi_akip")
    uraian = models.TextField(_("recommendation"))
    batas_waktu = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.TERBUKA)
    tindak_lanjut = models.TextField(_("follow-up"), blank=True)
    bukti_tautan = models.CharField(_("evidence link"), max_length=1000, blank=True)
    tindak_lanjut_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                           null=True, blank=True, related_name="+")
    tindak_lanjut_pada = models.DateTimeField(null=True, blank=True)
    catatan_penilai = models.TextField(_("note of the reviewer"), blank=True)
    diputuskan_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                        null=True, blank=True, related_name="+")
    diputuskan_pada = models.DateTimeField(null=True, blank=True)
    urutan = models.PositiveIntegerField(_("order"), default=0)
    versi = models.PositiveIntegerField(_("version"), default=1)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    objects = RekomendasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["evaluasi", "komponen__urutan", "urutan", "id"]

    def __str__(self) -> str:
        return self.uraian[:80]


class LaporanHasilEvaluasi(models.Model):
    """The number and date of an evaluation's LHE, as the Inspektorat registers it; the
    document itself is built from the evaluation each time (evaluasi.lhe)."""

    evaluasi = models.OneToOneField(Evaluasi, on_delete=models.CASCADE, related_name="lhe")
    nomor = models.CharField(_("number"), max_length=100, blank=True)
    tanggal = models.DateField(_("date"), null=True, blank=True)
    versi = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("evaluation report (LHE)")
        verbose_name_plural = _("evaluation reports (LHE)")

    def __str__(self) -> str:
        return self.nomor or str(self.evaluasi)


class LheFinal(models.Model):
    """The LHE of a locked evaluation, frozen: the exact file as generated, the JSON snapshot
    of the document and of the scores, grades and recommendations it was made from, and the
    SHA-256 of the file; the PDF signed with the pemda's key. Never edited; a newer final
    supersedes an older one. Written by ``evaluasi.lhe_final``."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="lhe_final")
    tahun = models.PositiveSmallIntegerField(_("year"))
    dokumen = models.CharField(_("document"), max_length=10, default="lhe")
    format = models.CharField(_("format"), max_length=8)  # "pdf", "docx"
    isi = models.BinaryField(_("file"))
    data = models.JSONField(_("data snapshot"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Made with eyes open: the problems open when it was made and the maker's note on them.
    masalah = models.JSONField(_("open problems"), default=list, blank=True)
    catatan = models.TextField(_("note"), blank=True)
    # Readable by anyone and listed on the public pages once the reviewer or the admin pemda
    # publishes it (``evaluasi.lhe_final.set_publikasi``), as an LKjIP final.
    dipublikasikan = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("final evaluation report (LHE)")
        verbose_name_plural = _("final evaluation reports (LHE)")
        ordering = ["evaluasi", "-created_at"]

    def __str__(self) -> str:
        return f"LHE {self.evaluasi} ({self.sha256[:12]})"

    @property
    def pemda(self) -> Pemda:
        return self.evaluasi.pemda

    @property
    def perangkat_daerah(self) -> PerangkatDaerah | None:
        return self.evaluasi.perangkat_daerah
