"""The tenant (Partnership), the confidentiality every record carries, and the audit history."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Partnership(models.Model):
    """The tenant: one multi-agency partnership (a Public Service Trust, a Reform Board...)."""

    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=80, blank=True)
    description = models.TextField(blank=True)
    area = models.CharField(max_length=120, blank=True, help_text="Place the partnership serves")
    established_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def partnership(self) -> Partnership:
        return self


class Confidentiality(models.TextChoices):
    PUBLIC = "public", "Public"
    PARTNERSHIP = "partnership", "Partnership (all partners)"
    RESTRICTED = "restricted", "Restricted to named partner organisations"
    EXEMPT = "exempt", "Exempt (Schedule 12A)"


class ExemptParagraph(models.IntegerChoices):
    """Local Government Act 1972 Schedule 12A Part 1 (England), paragraphs 1 to 7."""

    P1 = 1, "1 – Information relating to any individual"
    P2 = 2, "2 – Information likely to reveal the identity of an individual"
    P3 = 3, "3 – Financial or business affairs of any particular person"
    P4 = 4, "4 – Labour relations consultations or negotiations"
    P5 = 5, "5 – Legal professional privilege"
    P6 = 6, "6 – Proposed notice, order or direction"
    P7 = 7, "7 – Prevention, investigation or prosecution of crime"


class GovernedModel(models.Model):
    """A record that belongs to one partnership and carries a confidentiality level."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="%(app_label)s_%(class)s_set"
    )
    confidentiality = models.CharField(
        max_length=12, choices=Confidentiality.choices, default=Confidentiality.PARTNERSHIP
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        choices=ExemptParagraph.choices, null=True, blank=True
    )
    restricted_to = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="+",
        help_text="Partner organisations that may see a restricted record",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Fields the audit history leaves out (bookkeeping, not content).
    audit_exclude: tuple[str, ...] = ("created_at", "updated_at")

    # The record (field name, or names nearest first) this one lives in: it is never more
    # visible than that record, and a new one takes its level (joinedup/core/confidentiality.py).
    confidentiality_parent: str | tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.confidentiality == Confidentiality.EXEMPT and not self.exempt_paragraph:
            raise ValidationError(
                {"exempt_paragraph": "Choose the Schedule 12A paragraph (1 to 7) that applies."}
            )
        if self.confidentiality != Confidentiality.EXEMPT and self.exempt_paragraph:
            raise ValidationError(
                {"exempt_paragraph": "Only an exempt record has a Schedule 12A paragraph."}
            )
        from joinedup.core.confidentiality import wider_than_parents

        if errors := wider_than_parents(self):
            raise ValidationError(errors)


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit history is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit history is append-only.")


class AuditEntry(models.Model):
    """One create, update or delete of a governed record: who, when, what changed, why."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Updated"
        DELETE = "delete", "Deleted"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    action = models.CharField(max_length=8, choices=Action.choices)
    changes = models.JSONField(default=dict, help_text="{field: [old, new]}")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_repr = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]
        verbose_name_plural = "audit entries"
        # Django's internal manager must refuse bulk update/delete too.
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} by {self.actor_repr or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit history is append-only.")


class CalendarOverride(models.Model):
    """A day the national calendar does not know: a proclaimed holiday or an organisation closure.

    With no organisation, the day is a non-working day for everyone (e.g. a state funeral).
    With an organisation, it is a closure day for that organisation only.
    """

    date = models.DateField(db_index=True)
    description = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closure_days",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "organisation"], name="calendar_override_unique_per_org"
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(organisation__isnull=True),
                name="calendar_override_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.description}"
