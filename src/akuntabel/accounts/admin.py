from django.contrib import admin

from akuntabel.accounts.models import Membership, SecurityEvent
from akuntabel.audit.admin import RiwayatAdmin


@admin.register(Membership)
class MembershipAdmin(RiwayatAdmin, admin.ModelAdmin):
    list_display = ["user", "peran", "pemda", "perangkat_daerah"]
    list_filter = ["peran", "pemda"]
    search_fields = ["user__username"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(RiwayatAdmin, admin.ModelAdmin):
    """The whole security log, names of no account included; read-only (it is evidence)."""

    list_display = ["created_at", "kind", "username", "ip", "status", "path"]
    list_filter = ["kind", "created_at"]
    search_fields = ["username", "ip", "path"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
