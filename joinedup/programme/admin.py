"""Admin for the programme's reference data; plans and actions are edited through the services."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from joinedup.programme.models import StatusVocabulary, StatusWord


class ReadOnly:
    """Vocabularies are versioned reference data: the words of a version never change. New
    versions are published from the status vocabularies page (services.vocabulary_publish)."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class StatusWordInline(ReadOnly, admin.TabularInline):
    model = StatusWord
    extra = 0


@admin.register(StatusVocabulary)
class StatusVocabularyAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "slug", "version"]
    inlines = [StatusWordInline]
