"""Admin for superusers only (emergencies); everyday work goes through the audited pages."""

from django.contrib import admin

from joinedup.core.models import AuditEntry, CalendarOverride, Partnership


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "area")
    search_fields = ("name", "slug")


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "description", "organisation")
    list_filter = ("organisation",)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "object_repr", "actor_repr", "partnership")
    list_filter = ("action", "partnership", "content_type")
    search_fields = ("object_repr", "actor_repr", "reason")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
