from django.contrib import admin

from akuntabel.budget.models import AnggaranTercetak, Dpa, DpaLine


@admin.register(Dpa)
class DpaAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun"]


@admin.register(DpaLine)
class DpaLineAdmin(admin.ModelAdmin):
    list_display = ["kode_rekening", "uraian", "pagu", "realisasi", "sub_kegiatan"]
    list_filter = ["dpa"]
    search_fields = ["uraian", "kode_rekening"]
    raw_id_fields = ["induk", "sub_kegiatan"]


@admin.register(AnggaranTercetak)
class AnggaranTercetakAdmin(admin.ModelAdmin):
    list_display = ["tempat", "tahun", "program", "kegiatan", "sub_kegiatan", "pagu_teks",
                    "realisasi_teks"]
    list_filter = ["tahun", "tempat"]
