from django.contrib import admin

from akuntabel.audit.admin import RiwayatAdmin
from akuntabel.reviews.models import Penjelasan


@admin.register(Penjelasan)
class PenjelasanAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["code", "lokasi_kunci", "tahun", "perangkat_daerah", "created_by",
                    "created_at", "dicabut_at"]
    list_filter = ["code", "tahun", "perangkat_daerah"]
    search_fields = ["lokasi_kunci", "catatan"]
    readonly_fields = [f.name for f in Penjelasan._meta.fields]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # explanations are an audit record
