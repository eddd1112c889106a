from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from akuntabel.budget.models import AnggaranTercetak, Dpa, DpaLine, DpaSubKegiatan
from akuntabel.core.angka import format_rupiah


@admin.register(Dpa)
class DpaAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "tahun"]


class MoneyColumns:
    @admin.display(description=_("budget ceiling (pagu)"), ordering="pagu")
    def pagu_rupiah(self, obj: DpaSubKegiatan | DpaLine) -> str:
        return format_rupiah(obj.pagu)

    @admin.display(description=_("realisation"), ordering="realisasi")
    def realisasi_rupiah(self, obj: DpaSubKegiatan | DpaLine) -> str:
        return format_rupiah(obj.realisasi)


@admin.register(DpaSubKegiatan)
class DpaSubKegiatanAdmin(MoneyColumns, admin.ModelAdmin):
    list_display = ["sub_kegiatan", "dpa", "pagu_rupiah", "realisasi_rupiah"]
    list_filter = ["dpa"]
    search_fields = ["sub_kegiatan__nama", "sub_kegiatan__kode"]


@admin.register(DpaLine)
class DpaLineAdmin(MoneyColumns, admin.ModelAdmin):
    list_display = ["kode_rekening", "uraian", "pagu_rupiah", "realisasi_rupiah", "anggaran"]
    search_fields = ["uraian", "kode_rekening"]
    raw_id_fields = ["induk", "anggaran"]


@admin.register(AnggaranTercetak)
class AnggaranTercetakAdmin(admin.ModelAdmin):
    list_display = ["tempat", "tahun", "program", "kegiatan", "pagu_teks",
                    "realisasi_teks"]
    list_filter = ["tahun", "tempat"]
