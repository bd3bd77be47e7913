"""Admin for superusers only."""

from django.contrib import admin

from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("organisation", "partnership", "membership_type", "voting", "confidentiality")
    list_filter = ("partnership", "membership_type")


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "partnership", "owner_organisation")
    list_filter = ("partnership", "kind")
    search_fields = ("name", "slug")


admin.site.register(ReportingLine)
admin.site.register(BodyMembership)
admin.site.register(TermsOfReference)
