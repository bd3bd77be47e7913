"""Minutes (per item: discussion, resolutions, actions arising) and the decision register."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from joinedup.core.models import GovernedModel


class Minutes(GovernedModel):
    """The minutes of one meeting: a draft until approved at a later meeting and signed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved and signed"

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="minutes"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    draft_published_on = models.DateField(null=True, blank=True)
    approved_at = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_approved_here",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_on = models.DateField(null=True, blank=True)

    confidentiality_parent = "meeting"

    class Meta:
        verbose_name_plural = "minutes"

    def owning_organisation_id(self) -> int | None:
        return self.meeting.body.owner_organisation_id

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    @property
    def approved(self) -> bool:
        return self.status == self.Status.APPROVED


class MinuteItem(GovernedModel):
    """What the minutes say about one agenda item."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    item = models.OneToOneField(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="minute"
    )
    discussion = models.TextField(blank=True)
    resolutions = models.TextField(
        blank=True, help_text="One resolution a line; shown as RESOLVED that (a)… (b)…"
    )
    public_summary = models.TextField(
        blank=True,
        help_text="For an exempt item: the summary the public minutes show instead (s.100C)",
    )
    urgency_reason = models.TextField(
        blank=True, help_text="Carried from a late item: the chair's reason (s.100B(4)(b))"
    )
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)

    confidentiality_parent = ("item", "minutes")

    class Meta:
        ordering = ["item__order"]

    def owning_organisation_id(self) -> int | None:
        return self.minutes.owning_organisation_id()

    def __str__(self) -> str:
        return f"Minute: {self.item.title}"

    def resolution_list(self) -> list[str]:
        return [line.strip() for line in self.resolutions.splitlines() if line.strip()]


class ActionArising(GovernedModel):
    """An action arising from a minute, with its owner and due date."""

    minute = models.ForeignKey(MinuteItem, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_title = models.CharField(max_length=200, blank=True, help_text="If not a person here")
    due_on = models.DateField(null=True, blank=True)
    programme_action = models.ForeignKey(
        "programme.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="arising_from",
        help_text="The work-programme action it became",
    )

    confidentiality_parent = "minute"

    class Meta:
        ordering = ["minute", "due_on", "id"]
        verbose_name_plural = "actions arising"

    def owning_organisation_id(self) -> int | None:
        return self.minute.owning_organisation_id()

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def owner_display(self) -> str:
        return str(self.owner) if self.owner else self.owner_title


class Decision(GovernedModel):
    """One decision in the register: what, why, what was rejected, and its call-in state."""

    class CallIn(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", "Not subject to call-in"
        OPEN = "open", "Call-in window"
        CALLED_IN = "called_in", "Called in"
        CONSIDERED = "considered", "Considered by overview and scrutiny"
        CONFIRMED = "confirmed", "Confirmed after call-in"
        REFERRED_BACK = "referred_back", "Referred back for reconsideration"
        URGENT = "urgent", "Urgent: not subject to call-in"

    body = models.ForeignKey("partnerships.Body", on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    decided_on = models.DateField()
    title = models.CharField(max_length=300)
    text = models.TextField(help_text="One resolution a line")
    reasons = models.TextField(blank=True)
    alternatives_rejected = models.TextField(blank=True)
    interests_declared = models.TextField(blank=True)
    decision_maker = models.CharField(max_length=200, blank=True)
    key_decision = models.BooleanField(default=False)
    published_on = models.DateField(
        null=True, blank=True, help_text="When the decision notice was published"
    )
    call_in_state = models.CharField(
        max_length=16, choices=CallIn.choices, default=CallIn.NOT_APPLICABLE
    )
    called_in_on = models.DateField(null=True, blank=True)
    considered_on = models.DateField(null=True, blank=True)
    urgency_agreed_by = models.CharField(max_length=200, blank=True)
    tor_versions = models.ManyToManyField(
        "partnerships.TermsOfReference", blank=True, related_name="decisions"
    )
    actions = models.ManyToManyField(ActionArising, blank=True, related_name="decisions")
    programme_actions = models.ManyToManyField(
        "programme.Action",
        blank=True,
        related_name="decisions",
        help_text="Work-programme actions this decision led to or governs",
    )

    confidentiality_parent = ("item", "body")

    class Meta:
        ordering = ["-decided_on", "id"]

    def owning_organisation_id(self) -> int | None:
        return self.body.owner_organisation_id

    def __str__(self) -> str:
        return f"{self.body}, {self.decided_on:%d %B %Y}: {self.title}"

    def resolution_list(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]
