from django.contrib import admin

from akuntabel.accounts.models import Membership
from akuntabel.audit.admin import RiwayatAdmin


@admin.register(Membership)
class MembershipAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["user", "peran", "pemda", "perangkat_daerah"]
    list_filter = ["peran", "pemda"]
    search_fields = ["user__username"]
