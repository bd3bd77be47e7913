"""Admin for the programme's reference data; plans and actions are edited through the services."""

from __future__ import annotations

from django.contrib import admin

from joinedup.programme.models import StatusVocabulary, StatusWord


class StatusWordInline(admin.TabularInline):
    model = StatusWord
    extra = 0


@admin.register(StatusVocabulary)
class StatusVocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "version"]
    inlines = [StatusWordInline]
