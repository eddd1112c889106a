from django.contrib import admin

from akuntabel.audit.models import Perubahan


@admin.register(Perubahan)
class PerubahanAdmin(admin.ModelAdmin):
    list_display = ["created_at", "perangkat_daerah", "objek", "kolom", "lama", "baru", "sumber",
                    "oleh"]
    list_filter = ["perangkat_daerah", "model"]
    search_fields = ["objek", "kolom", "lama", "baru", "sumber"]
    readonly_fields = [f.name for f in Perubahan._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
