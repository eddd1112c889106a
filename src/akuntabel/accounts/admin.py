from django.contrib import admin

from akuntabel.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "pemda", "perangkat_daerah"]
    list_filter = ["peran", "pemda"]
    search_fields = ["user__username"]
