"""Risks, the registers they are shown on, and partners' parts in joint risks."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from joinedup.core.models import GovernedModel
from joinedup.risks.models.choices import (
    Category,
    Proximity,
    ReviewFrequency,
    Status,
    Treatment,
    _level_field,
)
from joinedup.risks.models.registers import Register


class Risk(GovernedModel):
    """One risk on its home register; it may also appear on others (RegisterEntry)."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="risks")
    reference = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    cause = models.TextField(blank=True)
    event = models.TextField(blank=True)
    effect = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    objective = models.CharField(max_length=300, blank=True, help_text="Objective or workstream")
    lead_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="led_risks"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_risks",
    )
    inherent_likelihood = _level_field()
    inherent_consequence = _level_field()
    current_likelihood = _level_field("Empty on a joint risk with no agreed joint score")
    current_consequence = _level_field()
    target_likelihood = _level_field()
    target_consequence = _level_field()
    target_date = models.DateField(null=True, blank=True)
    treatment = models.CharField(max_length=10, choices=Treatment.choices, default=Treatment.TREAT)
    actions = models.TextField(blank=True, help_text="Planned actions to reach the target")
    work_actions = models.ManyToManyField(
        "programme.Action",
        blank=True,
        related_name="risks",
        help_text="Work-programme actions that treat this risk",
    )
    proximity = models.CharField(max_length=10, choices=Proximity.choices, blank=True)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.DRAFT)
    review_frequency = models.CharField(
        max_length=12, choices=ReviewFrequency.choices, default=ReviewFrequency.QUARTERLY
    )
    last_reviewed_on = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalated_risks",
    )
    escalated_on = models.DateField(null=True, blank=True)
    escalation_notified_on = models.DateField(
        null=True, blank=True, help_text="When the governing body was told of the escalation"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The partnership (or BAF) risk this risk feeds",
    )
    # Optimistic concurrency: every edit states the version it started from (ADR 0008).
    version = models.PositiveIntegerField(default=1)

    # A risk lives in its home register and is never more visible than it; a partner may share
    # it on another register at a level of its choosing within that (RegisterEntry).
    confidentiality_parent = "register"

    class Meta:
        ordering = ["register", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["register", "reference"], name="risk_ref_unique")
        ]

    def owning_organisation_id(self) -> int | None:
        return self.lead_organisation_id

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        super().clean()
        pairs = [
            ("inherent_likelihood", "inherent_consequence"),
            ("current_likelihood", "current_consequence"),
            ("target_likelihood", "target_consequence"),
        ]
        for a, b in pairs:
            if (getattr(self, a) is None) != (getattr(self, b) is None):
                raise ValidationError({b: "Give both likelihood and consequence, or neither."})


class RegisterEntry(GovernedModel):
    """A risk shown on a register other than its home: shared by its owner, or a joint mirror.

    The entry's confidentiality is the level at which the owner shares it there; the owner keeps
    the risk itself.
    """

    class Kind(models.TextChoices):
        SHARED = "shared", "Shared by its owner"
        MIRROR = "mirror", "Mirror of a joint risk"

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="entries")
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.SHARED)

    visibility_depends_on = ("register", "risk")

    class Meta:
        ordering = ["register", "risk"]
        constraints = [
            models.UniqueConstraint(fields=["register", "risk"], name="register_entry_unique")
        ]

    def owning_organisation_id(self) -> int | None:
        return self.risk.lead_organisation_id

    def __str__(self) -> str:
        return f"{self.risk} on {self.register}"


class Contribution(GovernedModel):
    """A partner's part in a joint risk: its owner, its own assessment, its closure confirmation."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    likelihood = _level_field()
    consequence = _level_field()
    closure_confirmed_on = models.DateField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        "partnerships.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalation_notified_on = models.DateField(null=True, blank=True)

    confidentiality_parent = "risk"

    class Meta:
        ordering = ["risk", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["risk", "organisation"], name="contribution_unique")
        ]

    def owning_organisation_id(self) -> int | None:
        return self.organisation_id

    def __str__(self) -> str:
        return f"{self.organisation} on {self.risk.reference}"

    @property
    def score(self) -> int | None:
        if self.likelihood is None or self.consequence is None:
            return None
        return self.likelihood * self.consequence


class Control(GovernedModel):
    class Kind(models.TextChoices):
        PREVENTIVE = "preventive", "Preventive"
        DETECTIVE = "detective", "Detective"
        CORRECTIVE = "corrective", "Corrective"
        DIRECTIVE = "directive", "Directive"

    class Effectiveness(models.TextChoices):
        EFFECTIVE = "effective", "Effective"
        PARTIAL = "partial", "Partially effective"
        NOT_EFFECTIVE = "not_effective", "Not effective"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="controls")
    description = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PREVENTIVE)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    effectiveness = models.CharField(
        max_length=14, choices=Effectiveness.choices, blank=True, help_text="Not yet rated if empty"
    )

    confidentiality_parent = "risk"

    class Meta:
        ordering = ["risk", "pk"]

    def owning_organisation_id(self) -> int | None:
        return self.owner_organisation_id

    def __str__(self) -> str:
        return self.description[:80]


class Assurance(GovernedModel):
    class Line(models.TextChoices):
        FIRST = "1", "First line (management)"
        SECOND = "2", "Second line (oversight)"
        THIRD = "3", "Third line (internal audit)"
        EXTERNAL = "external", "External"

    class Result(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"
        PARTIAL = "partial", "Partial"

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="assurances")
    line = models.CharField(max_length=8, choices=Line.choices)
    source = models.CharField(max_length=300)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(max_length=8, choices=Result.choices)
    date = models.DateField(null=True, blank=True)

    confidentiality_parent = "risk"

    class Meta:
        ordering = ["risk", "line", "pk"]

    def owning_organisation_id(self) -> int | None:
        return self.organisation_id

    def __str__(self) -> str:
        return f"{self.get_line_display()}: {self.source}"
