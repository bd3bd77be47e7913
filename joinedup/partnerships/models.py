"""Partners, governance bodies, their reporting lines, memberships and terms of reference."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from joinedup.core.models import GovernedModel


class MembershipType(models.TextChoices):
    FULL = "full", "Full"
    ASSOCIATE = "associate", "Associate"
    CO_OPTED = "co_opted", "Co-opted"
    EX_OFFICIO = "ex_officio", "Ex officio"


def _check_dates(start: object, end: object, field: str = "end_date") -> None:
    if start and end and end < start:
        raise ValidationError({field: "The end date must be on or after the start date."})


class Partner(GovernedModel):
    """An organisation's membership of a partnership."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="partnerships"
    )
    membership_type = models.CharField(
        max_length=12, choices=MembershipType.choices, default=MembershipType.FULL
    )
    voting = models.BooleanField(default=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    commitments = models.TextField(
        blank=True, help_text="What the partner commits to (staff time, funds, data...)"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="partner_unique_per_partnership"
            ),
        ]

    def owning_organisation_id(self) -> int | None:
        return self.organisation_id

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_membership_type_display()})"

    def clean(self) -> None:
        super().clean()
        _check_dates(self.start_date, self.end_date)


class Body(GovernedModel):
    """A board, group or committee: of the partnership itself, or of one organisation."""

    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        STRATEGIC_OVERSIGHT = "strategic_oversight", "Strategic oversight group"
        STEERING_GROUP = "steering_group", "Steering group"
        EXECUTIVE_GROUP = "executive_group", "Executive group"
        OPERATIONAL_GROUP = "operational_group", "Operational / implementation group"
        WORKING_GROUP = "working_group", "Working group"
        MANAGEMENT_TEAM = "management_team", "Management team"
        CABINET = "cabinet", "Cabinet"
        COUNCIL = "council", "Full council"
        SCRUTINY_COMMITTEE = "scrutiny_committee", "Scrutiny committee"
        COMMITTEE = "committee", "Committee"
        NHS_BOARD = "nhs_board", "NHS board"

    class PublicationRule(models.TextChoices):
        COUNCIL = "agenda-council", "Council committee: 5 clear working days"
        NHS_BOARD = "agenda-nhs-board", "NHS board: 3 clear days"
        NONE = "none", "No statutory notice"

    slug = models.SlugField(unique=True, max_length=100)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        help_text="Leave empty for a body of the partnership itself; set for Cabinet, PCT Board...",
    )
    publication_rule = models.CharField(
        max_length=20, choices=PublicationRule.choices, default=PublicationRule.NONE
    )
    purpose = models.TextField(blank=True)
    established_on = models.DateField(null=True, blank=True)
    dissolved_on = models.DateField(null=True, blank=True)
    parents = models.ManyToManyField(
        "self",
        through="ReportingLine",
        symmetrical=False,
        related_name="children",
        through_fields=("child", "parent"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def owning_organisation_id(self) -> int | None:
        return self.owner_organisation_id

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        _check_dates(self.established_on, self.dissolved_on, "dissolved_on")


class ReportingLine(GovernedModel):
    """The child body reports to (or is a working group of) the parent body."""

    class Kind(models.TextChoices):
        REPORTS_TO = "reports_to", "Reports to"
        WORKING_GROUP_OF = "working_group_of", "Is a working group of"
        SUB_GROUP_OF = "sub_group_of", "Is a sub-group of"
        ADVISES = "advises", "Advises"

    child = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="lines_up")
    parent = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="lines_down")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORTS_TO)
    note = models.CharField(max_length=300, blank=True)

    visibility_depends_on = ("child", "parent")

    class Meta:
        ordering = ["child__name", "parent__name"]
        constraints = [
            models.UniqueConstraint(fields=["child", "parent"], name="reporting_line_unique"),
            models.CheckConstraint(
                condition=~models.Q(child=models.F("parent")), name="reporting_line_not_self"
            ),
        ]

    def owning_organisation_id(self) -> int | None:
        return self.child.owner_organisation_id

    def __str__(self) -> str:
        return f"{self.child} {self.get_kind_display().lower()} {self.parent}"


class BodyMembership(GovernedModel):
    """A person's seat on a body: role, whom they represent, voting rights, dates."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        JOINT_CHAIR = "joint_chair", "Joint chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        ADVISER = "adviser", "Adviser"
        DEPUTY = "deputy", "Deputy"
        OBSERVER = "observer", "Observer"
        SECRETARY = "secretary", "Secretary"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="body_memberships"
    )
    representing = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    deputy_for = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="deputies"
    )
    membership_type = models.CharField(
        max_length=12, choices=MembershipType.choices, default=MembershipType.FULL
    )
    voting = models.BooleanField(default=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    confidentiality_parent = "body"

    class Meta:
        ordering = ["body", "role", "person__role_title"]

    def owning_organisation_id(self) -> int | None:
        return self.representing_id

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body}"

    def clean(self) -> None:
        super().clean()
        _check_dates(self.start_date, self.end_date)
        if self.role == self.Role.DEPUTY and not self.deputy_for_id:
            raise ValidationError({"deputy_for": "Say whose deputy this member is."})
        if self.deputy_for_id and self.deputy_for and self.deputy_for.body_id != self.body_id:
            raise ValidationError(
                {"deputy_for": "A deputy stands in for a member of the same body."}
            )


class TermsOfReference(GovernedModel):
    """One version of a body's terms of reference."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        SUPERSEDED = "superseded", "Superseded"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms_of_reference")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    purpose = models.TextField(blank=True)
    responsibilities = models.TextField(blank=True)
    membership = models.TextField(blank=True)
    quorum_rule = models.TextField(blank=True)
    quorum_fraction = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Share of voting members needed, e.g. 0.25",
    )
    quorum_minimum = models.PositiveSmallIntegerField(null=True, blank=True)
    meeting_frequency = models.CharField(max_length=120, blank=True)
    reporting = models.TextField(blank=True)
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="approved_tor"
    )
    review_due = models.DateField(null=True, blank=True)

    compare_fields = (
        "title",
        "purpose",
        "responsibilities",
        "membership",
        "quorum_rule",
        "meeting_frequency",
        "reporting",
    )

    confidentiality_parent = "body"

    class Meta:
        ordering = ["body", "-version"]
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"
        constraints = [
            models.UniqueConstraint(fields=["body", "version"], name="tor_version_unique"),
        ]

    def owning_organisation_id(self) -> int | None:
        return self.body.owner_organisation_id

    def __str__(self) -> str:
        return f"{self.body} terms of reference v{self.version}"

    def clean(self) -> None:
        super().clean()
        if self.status == self.Status.APPROVED and not self.approved_on:
            raise ValidationError({"approved_on": "An approved version needs its approval date."})
