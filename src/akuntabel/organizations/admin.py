from django.contrib import admin

from akuntabel.organizations.models import Pejabat, Pemda, PerangkatDaerah


class PejabatInline(admin.TabularInline):
    model = Pejabat
    extra = 0


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "provinsi", "kode"]
    search_fields = ["nama", "kode"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["nama", "pemda", "kode", "tipe"]
    list_filter = ["pemda"]
    search_fields = ["nama", "kode"]
    inlines = [PejabatInline]
