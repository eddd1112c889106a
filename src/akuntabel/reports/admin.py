from django.contrib import admin

from akuntabel.audit.admin import RiwayatAdmin
from akuntabel.reports.models import Narasi


@admin.register(Narasi)
class NarasiAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["judul", "kunci", "tahun", "perangkat_daerah", "updated_at"]
    list_filter = ["tahun", "kunci"]
