from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from akuntabel.audit.admin import RiwayatAdmin
from akuntabel.budget.models import (
    AnggaranTercetak,
    Dpa,
    DpaLine,
    DpaSubKegiatan,
    RealisasiAnggaranTriwulan,
)
from akuntabel.core.angka import format_rupiah


@admin.register(Dpa)
class DpaAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun"]


class MoneyColumns:
    @admin.display(description=_("budget ceiling (pagu)"), ordering="pagu")
    def pagu_rupiah(self, obj: DpaSubKegiatan | DpaLine) -> str:
        return format_rupiah(obj.pagu)

    @admin.display(description=_("realisation"), ordering="realisasi")
    def realisasi_rupiah(self, obj: DpaSubKegiatan | DpaLine) -> str:
        return format_rupiah(obj.realisasi)


@admin.register(DpaSubKegiatan)
class DpaSubKegiatanAdmin(RiwayatAdmin, MoneyColumns, admin.ModelAdmin):
    list_display = ["sub_kegiatan", "dpa", "pagu_rupiah", "realisasi_rupiah"]
    list_filter = ["dpa"]
    search_fields = ["sub_kegiatan__nama", "sub_kegiatan__kode"]


@admin.register(DpaLine)
class DpaLineAdmin(RiwayatAdmin, MoneyColumns, admin.ModelAdmin):
    list_display = ["kode_rekening", "uraian", "pagu_rupiah", "realisasi_rupiah", "anggaran"]
    search_fields = ["uraian", "kode_rekening"]
    raw_id_fields = ["induk", "anggaran"]


@admin.register(AnggaranTercetak)
class AnggaranTercetakAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["tempat", "tahun", "program", "kegiatan", "pagu_teks",
                    "realisasi_teks"]
    list_filter = ["tahun", "tempat"]


@admin.register(RealisasiAnggaranTriwulan)
class RealisasiAnggaranTriwulanAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["dpa_sub_kegiatan", "triwulan", "nilai", "versi", "updated_at"]
    list_filter = ["triwulan"]
    raw_id_fields = ["dpa_sub_kegiatan", "diubah_oleh"]
