"""Admin for superusers only: a read-mostly view of the meetings records."""

from django.contrib import admin

from joinedup.meetings.models import (
    ActionArising,
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    Declaration,
    Dispensation,
    GiftHospitality,
    InterestScheme,
    Meeting,
    MinuteItem,
    Minutes,
    RegisterEntry,
    Report,
    Vote,
)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("body", "start", "status", "partnership", "confidentiality")
    list_filter = ("partnership", "status")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("title", "body", "decided_on", "call_in_state")
    list_filter = ("partnership", "call_in_state")


@admin.register(InterestScheme)
class InterestSchemeAdmin(admin.ModelAdmin):
    list_display = ("organisation", "name", "gift_threshold")


for model in (
    ActionArising,
    AgendaItem,
    Attachment,
    Attendance,
    Declaration,
    Dispensation,
    GiftHospitality,
    MinuteItem,
    Minutes,
    RegisterEntry,
    Report,
    Vote,
):
    admin.site.register(model)
