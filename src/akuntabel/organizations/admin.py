from django.contrib import admin

from akuntabel.audit.admin import RiwayatAdmin, RiwayatInline
from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah


class PejabatInline(RiwayatInline, admin.TabularInline):
    model = Pejabat
    extra = 0


@admin.register(Pemda)
class PemdaAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["nama", "jenis", "provinsi", "kode"]
    search_fields = ["nama", "kode"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["nama", "pemda", "kode", "tipe"]
    list_filter = ["pemda"]
    search_fields = ["nama", "kode"]
    inlines = [PejabatInline]
