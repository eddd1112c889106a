from django.contrib import admin

from akuntabel.budget.models import AnggaranTercetak, Dpa, DpaLine, DpaSubKegiatan


@admin.register(Dpa)
class DpaAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun"]


@admin.register(DpaSubKegiatan)
class DpaSubKegiatanAdmin(admin.ModelAdmin):
    list_display = ["sub_kegiatan", "dpa", "pagu", "realisasi"]
    list_filter = ["dpa"]
    search_fields = ["sub_kegiatan__nama", "sub_kegiatan__kode"]


@admin.register(DpaLine)
class DpaLineAdmin(admin.ModelAdmin):
    list_display = ["kode_rekening", "uraian", "pagu", "realisasi", "anggaran"]
    search_fields = ["uraian", "kode_rekening"]
    raw_id_fields = ["induk", "anggaran"]


@admin.register(AnggaranTercetak)
class AnggaranTercetakAdmin(admin.ModelAdmin):
    list_display = ["tempat", "tahun", "program", "kegiatan", "pagu_teks",
                    "realisasi_teks"]
    list_filter = ["tahun", "tempat"]
