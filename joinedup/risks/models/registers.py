"""Risk registers and their appetite statements."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from joinedup.core.models import GovernedModel
from joinedup.risks.models.choices import AppetiteLevel, Category, Level


class Register(GovernedModel):
    """A risk register: a partner organisation's (its top risks) or the partnership's own."""

    slug = models.SlugField(unique=True, max_length=100)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.PARTNERSHIP)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_registers",
        help_text="Leave empty for the partnership's own register",
    )
    governing_body = models.ForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risk_registers",
        help_text="The body that reviews the register and receives escalations",
    )
    matrix_slug = models.CharField(max_length=40, default="npsa-5x5")
    matrix_version = models.PositiveSmallIntegerField(default=1)
    escalation_threshold = models.PositiveSmallIntegerField(
        default=15, help_text="Escalate a risk whose current score is at or above this"
    )
    description = models.TextField(blank=True)
    # Optimistic concurrency: every edit states the version it started from (ADR 0008).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["organisation__name", "name"]

    def owning_organisation_id(self) -> int | None:
        return self.organisation_id

    def __str__(self) -> str:
        return self.name


class Appetite(GovernedModel):
    """The register's risk appetite for one category, with the maximum tolerable residual."""

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="appetites")
    category = models.CharField(max_length=20, choices=Category.choices)
    level = models.CharField(max_length=10, choices=AppetiteLevel.choices)
    max_residual = models.PositiveSmallIntegerField()
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who approved the appetite statement (a board or committee chair, say)",
    )
    review_due = models.DateField(null=True, blank=True, help_text="When it is next reviewed")

    confidentiality_parent = "register"

    class Meta:
        ordering = ["register", "category"]
        constraints = [
            models.UniqueConstraint(fields=["register", "category"], name="appetite_unique")
        ]

    def owning_organisation_id(self) -> int | None:
        return self.register.organisation_id

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.get_level_display()} (≤ {self.max_residual})"
