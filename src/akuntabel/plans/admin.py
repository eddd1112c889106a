from django.contrib import admin

from akuntabel.audit.admin import RiwayatAdmin, RiwayatInline
from akuntabel.plans import models as m


class TargetInline(RiwayatInline, admin.TabularInline):
    model = m.Target
    extra = 0


@admin.register(m.Rpjmd)
class RpjmdAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["pemda", "tahun_awal", "tahun_akhir", "visi"]


@admin.register(m.Misi)
class MisiAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["rpjmd", "nomor", "uraian"]


@admin.register(m.Renstra)
class RenstraAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun_awal", "tahun_akhir", "berlaku_mulai"]
    # A version is made by ``plans.perubahan.buat_perubahan`` (its copy and checks), not here;
    # its penetapan and legal basis by ``plans.penetapan`` (the frozen document and its hash).
    readonly_fields = ["versi_dari", "berlaku_mulai", "asal_salinan", "dasar_hukum",
                       "tanggal_dasar_hukum", "status", "ditetapkan_oleh", "ditetapkan_pada",
                       "dokumen_tetap", "sha256"]


@admin.register(m.Tujuan)
class TujuanAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["uraian", "renstra", "kode"]


@admin.register(m.Sasaran)
class SasaranAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["uraian", "tujuan", "kode"]


@admin.register(m.Strategi, m.ArahKebijakan, m.IsuStrategis)
class UraianAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["uraian", "renstra"]


@admin.register(m.Program, m.Kegiatan, m.SubKegiatan)
class NomenklaturAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["kode", "nama", "urutan"]
    search_fields = ["kode", "nama"]


@admin.register(m.Indikator)
class IndikatorAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["__str__", "satuan", "polaritas", "agregasi", "iku", "tampil_publik",
                    "nomor_tercetak"]
    list_filter = ["iku", "tampil_publik", "polaritas", "agregasi", "perangkat_daerah"]
    search_fields = ["uraian", "kode"]
    inlines = [TargetInline]
    raw_id_fields = ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]


@admin.register(m.Target)
class TargetAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["indikator", "jenis", "tahun", "triwulan", "teks", "nilai"]
    list_filter = ["jenis", "tahun"]
    raw_id_fields = ["indikator"]


@admin.register(m.RenstraAnggaran)
class RenstraAnggaranAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["tahun", "program", "kegiatan", "sub_kegiatan", "target_teks",
                    "realisasi_teks", "realisasi_kinerja_teks"]


class PerjanjianKinerjaBarisInline(RiwayatInline, admin.TabularInline):
    model = m.PerjanjianKinerjaBaris
    extra = 0


class PerjanjianKinerjaProgramInline(RiwayatInline, admin.TabularInline):
    model = m.PerjanjianKinerjaProgram
    extra = 0


@admin.register(m.PerjanjianKinerja)
class PerjanjianKinerjaAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun", "jenis", "status"]
    inlines = [PerjanjianKinerjaBarisInline, PerjanjianKinerjaProgramInline]
