"""Reviews (immutable snapshots), register reviews at meetings, and acceptances."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from joinedup.core.models import GovernedModel
from joinedup.risks.models.choices import Status, _level_field
from joinedup.risks.models.registers import Register
from joinedup.risks.models.risks import Risk


class RegisterReview(GovernedModel):
    """A review of a whole register at a meeting of its governing body."""

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="reviews")
    body = models.ForeignKey("partnerships.Body", on_delete=models.PROTECT, related_name="+")
    meeting_date = models.DateField()
    reviewed_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    minute = models.TextField(blank=True)

    confidentiality_parent = "register"
    # The body that met is named with the review: hidden with it.
    visibility_depends_on = ("body",)

    class Meta:
        ordering = ["register", "-meeting_date"]

    def owning_organisation_id(self) -> int | None:
        return self.register.organisation_id

    def __str__(self) -> str:
        return f"{self.register} reviewed by {self.body} on {self.meeting_date:%d %B %Y}"


class Review(GovernedModel):
    """An immutable snapshot of a risk at a review: scores, commentary, reviewer, date."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    register_review = models.ForeignKey(
        RegisterReview, on_delete=models.PROTECT, null=True, blank=True, related_name="risk_reviews"
    )
    reviewed_on = models.DateField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    inherent_likelihood = _level_field()
    inherent_consequence = _level_field()
    current_likelihood = _level_field()
    current_consequence = _level_field()
    current_score = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The score shown at the review (highest if divergent)"
    )
    target_likelihood = _level_field()
    target_consequence = _level_field()
    status = models.CharField(max_length=14, choices=Status.choices)
    commentary = models.TextField(blank=True)

    confidentiality_parent = ("risk", "register_review")

    class Meta:
        ordering = ["risk", "-reviewed_on", "-pk"]

    def owning_organisation_id(self) -> int | None:
        return self.risk.lead_organisation_id

    def __str__(self) -> str:
        return f"Review of {self.risk.reference} on {self.reviewed_on:%d %B %Y}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Integrity, not workflow: a snapshot once written is never changed.
        if self.pk is not None:
            raise PermissionError("A risk review is an immutable snapshot.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Acceptance(GovernedModel):
    """A decision to tolerate a risk above appetite: approver, justification, expiry."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="acceptances")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    justification = models.TextField()
    accepted_on = models.DateField()
    expires_on = models.DateField()
    revoked_on = models.DateField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_reason = models.TextField(blank=True)

    confidentiality_parent = "risk"

    class Meta:
        ordering = ["risk", "-accepted_on", "-pk"]

    def owning_organisation_id(self) -> int | None:
        return self.risk.lead_organisation_id

    def __str__(self) -> str:
        return f"Acceptance of {self.risk.reference} until {self.expires_on:%d %B %Y}"

    def clean(self) -> None:
        super().clean()
        if self.accepted_on and self.expires_on and self.expires_on <= self.accepted_on:
            raise ValidationError({"expires_on": "The acceptance must expire after it is given."})
