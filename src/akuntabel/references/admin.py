from django.contrib import admin

from akuntabel.references.models import KodeNomenklatur, KodeRekening


@admin.register(KodeNomenklatur)
class KodeNomenklaturAdmin(admin.ModelAdmin):
    list_display = ["kode", "tingkat", "nama", "satuan"]
    list_filter = ["tingkat"]
    search_fields = ["kode", "nama"]


@admin.register(KodeRekening)
class KodeRekeningAdmin(admin.ModelAdmin):
    list_display = ["kode", "tingkat", "uraian"]
    search_fields = ["kode", "uraian"]
