"""Admin for superusers only. Reviews are snapshots: the admin shows them read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from joinedup.risks.models import (
    Acceptance,
    Appetite,
    Assurance,
    Contribution,
    Control,
    Register,
    RegisterEntry,
    RegisterReview,
    Review,
    Risk,
)


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "partnership", "organisation", "governing_body")
    list_filter = ("partnership", "level")
    search_fields = ("name", "slug")


@admin.register(Risk)
class RiskAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "register", "lead_organisation", "status")
    list_filter = ("partnership", "status", "category")
    search_fields = ("reference", "title")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("risk", "reviewed_on", "reviewer", "current_score", "status")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


for model in (
    Appetite,
    RegisterEntry,
    Contribution,
    Control,
    Assurance,
    RegisterReview,
    Acceptance,
):
    admin.site.register(model)
