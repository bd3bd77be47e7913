"""A body's meetings, their agenda items with reports and files, and who attended."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone

from joinedup.core.models import Confidentiality, GovernedModel


class Meeting(GovernedModel):
    """One meeting of a body: when, where, and how far it has got."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"
        ARCHIVED = "archived", "Archived (inspection period over)"
        CANCELLED = "cancelled", "Cancelled"

    body = models.ForeignKey("partnerships.Body", on_delete=models.PROTECT, related_name="meetings")
    start = models.DateTimeField()
    venue = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    agenda_published_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    confidentiality_parent = "body"

    class Meta:
        ordering = ["-start"]

    def owning_organisation_id(self) -> int | None:
        return self.body.owner_organisation_id

    def __str__(self) -> str:
        return f"{self.body} – {self.start:%d %B %Y}"

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.start).date()


class AgendaItem(GovernedModel):
    """An item on a meeting's agenda; exempt items carry their Schedule 12A paragraph."""

    class DecisionType(models.TextChoices):
        FOR_DECISION = "for_decision", "For decision"
        FOR_INFORMATION = "for_information", "For information"
        KEY_DECISION = "key_decision", "Key decision"

    class NoticeRoute(models.TextChoices):
        FORWARD_PLAN = "forward_plan", "Forward plan (28 clear days)"
        GENERAL_EXCEPTION = "general_exception", "General exception (5 clear days)"
        SPECIAL_URGENCY = "special_urgency", "Special urgency (O&S chair agreed)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    decision_type = models.CharField(
        max_length=16, choices=DecisionType.choices, default=DecisionType.FOR_DECISION
    )
    key_decision_notice = models.ForeignKey(
        "meetings.KeyDecisionNotice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        help_text="The forward-plan notice of this key decision",
    )
    notice_route = models.CharField(max_length=20, choices=NoticeRoute.choices, blank=True)
    notice_published_on = models.DateField(null=True, blank=True)
    os_chair_informed_on = models.DateField(null=True, blank=True)
    os_chair_agreed_on = models.DateField(null=True, blank=True)
    public_interest_reasoning = models.TextField(blank=True)
    added_on = models.DateField(
        null=True, blank=True, help_text="When the item was added to the agenda"
    )
    urgency_reason = models.TextField(
        blank=True, help_text="The chair's reason for considering a late item (minuted)"
    )
    considered = models.BooleanField(default=False)
    lead_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    confidentiality_parent = "meeting"

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="agenda_item_order_unique")
        ]

    def owning_organisation_id(self) -> int | None:
        return self.meeting.body.owner_organisation_id

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    @property
    def exempt(self) -> bool:
        return self.confidentiality == Confidentiality.EXEMPT

    @property
    def key_decision(self) -> bool:
        return self.decision_type == self.DecisionType.KEY_DECISION

    def clean(self) -> None:
        super().clean()
        if self.exempt and not self.public_interest_reasoning.strip():
            raise ValidationError(
                {
                    "public_interest_reasoning": "Say why the public interest in keeping it "
                    "exempt outweighs the public interest in disclosing it."
                }
            )
        if self.notice_route and not self.key_decision:
            raise ValidationError({"notice_route": "Only a key decision has a notice route."})


class Report(GovernedModel):
    """A paper for an agenda item, in the sections the council reports use."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, blank=True, help_text="Role title, e.g. Director")
    wards_affected = models.CharField(max_length=200, blank=True)
    purpose = models.TextField(blank=True)
    key_decision = models.BooleanField(default=False)
    key_decision_statement = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    considerations = models.TextField(blank=True)
    financial_implications = models.TextField(blank=True)
    risk_management = models.TextField(blank=True)
    consultees = models.TextField(blank=True)
    alternative_options = models.TextField(blank=True)
    background_papers = models.TextField(blank=True, help_text="One paper a line")
    published_on = models.DateField(null=True, blank=True)

    confidentiality_parent = "item"

    SECTIONS = (
        ("purpose", "Purpose"),
        ("key_decision_statement", "Key decision"),
        ("recommendations", "Recommendations"),
        ("reasons", "Reasons"),
        ("considerations", "Considerations"),
        ("financial_implications", "Financial implications"),
        ("risk_management", "Risk management"),
        ("consultees", "Consultees"),
        ("alternative_options", "Alternative options"),
        ("background_papers", "Background papers"),
    )

    class Meta:
        ordering = ["item", "id"]

    def owning_organisation_id(self) -> int | None:
        return self.item.meeting.body.owner_organisation_id

    def __str__(self) -> str:
        return self.title

    def sections(self) -> list[tuple[str, str]]:
        return [
            (label, getattr(self, name)) for name, label in self.SECTIONS if getattr(self, name)
        ]


def attachment_storage() -> FileSystemStorage:
    """Uploaded papers live under the var directory and are served only through a checked view."""
    return FileSystemStorage(location=Path(settings.VAR_DIR) / "media", base_url=None)


class Attachment(GovernedModel):
    """An uploaded file belonging to a report (an appendix, a background paper)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="meetings/%Y/", storage=attachment_storage, blank=True)
    text = models.TextField(blank=True, help_text="The appendix as text, when there is no file")

    confidentiality_parent = "report"

    class Meta:
        ordering = ["report", "id"]

    def owning_organisation_id(self) -> int | None:
        return self.report.owning_organisation_id()

    def __str__(self) -> str:
        return self.title


class Attendance(GovernedModel):
    """Whether a person attended a meeting, sent apologies or was absent; or substituted."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PRESENT)
    substitute_for = models.ForeignKey(
        "partnerships.BodyMembership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The member whose seat this person fills",
    )
    in_person = models.BooleanField(
        default=True, help_text="Remote attendance does not count towards quorum (M10)"
    )

    confidentiality_parent = "meeting"

    class Meta:
        ordering = ["meeting", "person__role_title"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique")
        ]

    def owning_organisation_id(self) -> int | None:
        return self.meeting.body.owner_organisation_id

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"
