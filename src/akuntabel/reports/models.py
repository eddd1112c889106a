"""Narrative sections of the LAKIP (Permenpan RB 53/2014 outline), stored text the user edits."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from akuntabel.organizations.models import PerangkatDaerah

# Section keys in the order of the Permenpan RB 53/2014 outline.
NARASI_KUNCI = (
    "kata_pengantar", "ikhtisar_eksekutif", "latar_belakang", "maksud_tujuan", "dasar_hukum",
    "gambaran_umum", "isu_strategis", "perencanaan_kinerja", "visi_misi", "tujuan_sasaran",
    "program", "perjanjian_kinerja", "capaian_kinerja_organisasi", "realisasi_kinerja",
    "perbandingan_tahun_lalu", "perbandingan_renstra", "perhitungan_iku", "analisis_penyebab",
    "analisis_efisiensi", "analisis_program", "realisasi_anggaran", "penutup",
)


# The name of each kind of final document, as lists and the verification page say it.
NAMA_DOKUMEN = {"lakip": "LKjIP", "pk": "Perjanjian Kinerja", "lkjip-pemda": "LKjIP pemda",
                "lhe": "LHE", "e81": "E.81"}

class Narasi(models.Model):
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE,
                                         related_name="narasi")
    tahun = models.PositiveSmallIntegerField(_("year"))
    kunci = models.CharField(_("section"), max_length=40,
                             choices=[(k, k.replace("_", " ")) for k in NARASI_KUNCI])
    class Asal(models.TextChoices):
        TERCETAK = "tercetak", _("as printed in a source document")
        DISUNTING = "disunting", _("written in Akuntabel")

    judul = models.CharField(_("title"), max_length=300)
    teks = models.TextField(_("text"))
    # A text imported as printed is kept (the reviu reads it), but the generated LAKIP drafts
    # the sections that have a default from the data; a text written in Akuntabel is used as is.
    asal = models.CharField(_("origin"), max_length=10, choices=Asal.choices,
                            default=Asal.DISUNTING)
    # Optimistic concurrency: a save names the version it read; a stale one is refused.
    versi = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("narrative section")
        verbose_name_plural = _("narrative sections")
        ordering = ["perangkat_daerah", "tahun", "id"]
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun", "kunci"],
                                    name="narasi_unique_section"),
        ]

    def __str__(self) -> str:
        return f"{self.judul} ({self.tahun})"


class LaporanFinal(models.Model):
    """A final document: the exact file as generated and the data it was generated from, with
    the SHA-256 of the file, so that it can be shown and checked later even after the data has
    changed. Never edited; a newer final supersedes an older one for the same document."""

    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE,
                                         related_name="laporan_final")
    tahun = models.PositiveSmallIntegerField(_("year"))
    dokumen = models.CharField(_("document"), max_length=10)  # "lakip" or "pk"
    format = models.CharField(_("format"), max_length=8)  # "pdf", "docx", "html", "xlsx"
    isi = models.BinaryField(_("file"))
    data = models.JSONField(_("data snapshot"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    dipublikasikan = models.BooleanField(_("published"), default=False)
    # Made with eyes open: the problems still open when it was made (reviu errors and
    # plausibility warnings, as listed to the maker) and the maker's note on them.
    masalah = models.JSONField(_("open problems"), default=list, blank=True)
    catatan = models.TextField(_("note"), blank=True)
    dibuat_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("final document")
        verbose_name_plural = _("final documents")
        ordering = ["perangkat_daerah", "-tahun", "-created_at"]
        indexes = [
            # the portal's listing of published finals, read from the index alone (no walk
            # through the rows' files and snapshots)
            models.Index(fields=["perangkat_daerah", "dokumen", "dipublikasikan", "tahun",
                                 "created_at", "format", "sha256"],
                         name="laporanfinal_terbit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.dokumen.upper()} {self.perangkat_daerah} {self.tahun} ({self.sha256[:12]})"

    @property
    def nama_dokumen(self) -> str:
        """What the document is called where it is listed: "LKjIP", not its code "lakip"."""
        return NAMA_DOKUMEN.get(self.dokumen, self.dokumen)


class RingkasFinal(models.Model):
    """What the public portal shows of a final LKjIP (``reports.ringkas``), computed from its
    snapshot once when it is made, so that no page parses the snapshot. A row of its own, not
    columns of the final's: on SQLite a column stored after the file and snapshot (megabytes)
    is read by walking them. In parts, each read alone: a page of IKU reads a few hundred
    bytes a final. Not part of the signed file or hash; a final without one (made before, or
    written by hand) is read from its snapshot."""

    final = models.OneToOneField(LaporanFinal, on_delete=models.CASCADE, primary_key=True,
                                 related_name="ringkas")
    # snapshot key -> [uraian, target, realisasi, capaian, peringkat], exact decimal text
    iku = models.JSONField(default=dict)           # the indicators the snapshot flags IKU
    indikator = models.JSONField(default=dict)     # the others
    anggaran = models.JSONField(null=True)         # [pagu, realisasi, serapan] as printed
    program = models.JSONField(default=list)       # [tingkat, kode, uraian, pagu, realisasi,
                                                   #  serapan] of each program, sub kegiatan

    class Meta:
        verbose_name = _("final document's public summary")
        verbose_name_plural = _("final documents' public summaries")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.final_id}"


class PengaturanDokumen(models.Model):
    """What the kepala chooses for one OPD-year document before signing it: the place and date
    printed above the signature (default: the document's due date, core.jadwal), and whether
    the appendix of differences from the source (transcription notes) is annexed."""

    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE,
                                         related_name="pengaturan_dokumen")
    tahun = models.PositiveSmallIntegerField(_("year"))
    dokumen = models.CharField(_("document"), max_length=10)  # "lakip" or "pk"
    tempat = models.CharField(_("signing place"), max_length=100, blank=True)
    tanggal = models.DateField(_("signing date"), null=True, blank=True)
    lampiran_perbedaan = models.BooleanField(_("annex the differences from the source"),
                                             default=False)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document settings")
        verbose_name_plural = _("document settings")
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "tahun", "dokumen"],
                                    name="pengaturan_dokumen_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dokumen} {self.perangkat_daerah} {self.tahun}"
