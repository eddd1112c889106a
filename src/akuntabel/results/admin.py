from django.contrib import admin

from akuntabel.audit.admin import RiwayatAdmin, RiwayatInline
from akuntabel.results.models import KomponenPerhitungan, Perhitungan, Realisasi


@admin.register(Realisasi)
class RealisasiAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["indikator", "tahun", "triwulan", "teks", "nilai", "satuan"]
    list_filter = ["tahun", "triwulan"]
    raw_id_fields = ["indikator"]


class KomponenInline(RiwayatInline, admin.TabularInline):
    model = KomponenPerhitungan
    extra = 0
    raw_id_fields = ["induk", "sub_kegiatan"]


@admin.register(Perhitungan)
class PerhitunganAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["indikator", "tahun", "penyebut", "pembilang_tercetak", "hasil_tercetak"]
    inlines = [KomponenInline]
