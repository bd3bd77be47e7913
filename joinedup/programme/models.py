"""Plans, workstreams, actions, milestones and the append-only progress updates on them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from joinedup.core.models import GovernedModel


class CanonicalState(models.TextChoices):
    """What every partnership's own status words mean, so plans can be compared and counted."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    ONGOING = "ongoing", "Ongoing"
    CANCELLED = "cancelled", "Cancelled"
    SUPERSEDED = "superseded", "Superseded"
    BLOCKED = "blocked", "Blocked"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue (complete)"
    GREY = "grey", "Grey (closed)"


class StatusVocabulary(models.Model):
    """A versioned set of status words (reference data from status_vocabularies.yaml)."""

    slug = models.SlugField(max_length=80)
    version = models.PositiveIntegerField(default=1)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where the words come from")

    class Meta:
        ordering = ["name", "-version"]
        verbose_name_plural = "status vocabularies"
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="status_vocabulary_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class StatusWord(models.Model):
    """One word of a vocabulary ("Achieved", "delayed < 3 months") with its meaning and colour."""

    vocabulary = models.ForeignKey(StatusVocabulary, on_delete=models.CASCADE, related_name="words")
    word = models.CharField(max_length=80)
    state = models.CharField(max_length=12, choices=CanonicalState.choices)
    rag = models.CharField(max_length=6, choices=Rag.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["vocabulary", "order", "word"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "word"], name="status_word_unique")
        ]

    def __str__(self) -> str:
        return self.word


class Plan(GovernedModel):
    """A development plan or work programme of a partnership for a period, owned by a body."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    slug = models.SlugField(unique=True, max_length=100)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    owning_body = models.ForeignKey(
        "partnerships.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="plans"
    )
    vocabulary = models.ForeignKey(StatusVocabulary, on_delete=models.PROTECT, related_name="+")
    reports_to = models.ForeignKey(
        "partnerships.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans_reported",
        help_text="The body that receives the progress report, e.g. Cabinet",
    )
    report_interval_months = models.PositiveSmallIntegerField(null=True, blank=True)
    last_reported_on = models.DateField(null=True, blank=True)
    next_report_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    previous_plan = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_plans"
    )

    class Meta:
        ordering = ["partnership", "-period_start", "name"]

    def owning_organisation_id(self) -> int | None:
        return self.owning_body.owner_organisation_id if self.owning_body_id else None

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The plan must end on or after it starts."})


class PriorityActivity(GovernedModel):
    """A line of "priority activity for the next period" stated when the plan was reported."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    stated_on = models.DateField(null=True, blank=True, help_text="The report date it is for")

    confidentiality_parent = "plan"

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name_plural = "priority activities"

    def owning_organisation_id(self) -> int | None:
        return self.plan.owning_organisation_id()

    def __str__(self) -> str:
        return self.text[:80]


class Workstream(GovernedModel):
    """A theme or work stream of a plan ("Integrated Locality Working", a working group)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="workstreams")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    closed_on = models.DateField(
        null=True, blank=True, help_text="When the workstream was closed (empty while it is open)"
    )

    confidentiality_parent = "plan"

    class Meta:
        ordering = ["plan", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="workstream_unique_per_plan")
        ]

    def owning_organisation_id(self) -> int | None:
        return self.plan.owning_organisation_id()

    def __str__(self) -> str:
        return self.name


class Action(GovernedModel):
    """One action of a plan: what will be done, by whom, by when, and its current status."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="actions")
    workstream = models.ForeignKey(
        Workstream, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    reference = models.CharField(max_length=40)
    order = models.PositiveIntegerField(default=0)
    title = models.TextField(help_text='The proposed activity, e.g. "A single Chief Executive…"')
    description = models.TextField(blank=True)
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_actions",
    )
    responsible_body = models.ForeignKey(
        "partnerships.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    start_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    status = models.ForeignKey(
        StatusWord, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Optimistic concurrency: every edit states the version it started from.
    version = models.PositiveIntegerField(default=1)
    previous_action = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_forward_as",
        help_text="The action of the previous plan this one carries forward",
    )
    closed_reason = models.TextField(blank=True, help_text="Why it was closed or deleted")

    confidentiality_parent = ("workstream", "plan")

    class Meta:
        ordering = ["plan", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "reference"], name="action_reference_per_plan")
        ]
        indexes = [models.Index(fields=["plan", "order"])]

    def owning_organisation_id(self) -> int | None:
        return self.lead_organisation_id

    def __str__(self) -> str:
        return f"{self.reference} {self.title[:80]}"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": "The due date must be on or after the start date."})
        if self.workstream_id and self.plan_id and self.workstream.plan_id != self.plan_id:
            raise ValidationError({"workstream": "Choose a workstream of the same plan."})
        if self.status_id and self.plan_id and self.status.vocabulary_id != self.plan.vocabulary_id:
            raise ValidationError({"status": "Choose a status word of the plan's vocabulary."})


class ActionDependency(models.Model):
    """`action` cannot finish before `depends_on` (both of the same partnership)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="dependencies")
    depends_on = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="dependants")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "depends_on__order"]
        verbose_name_plural = "action dependencies"
        constraints = [
            models.UniqueConstraint(fields=["action", "depends_on"], name="dependency_unique"),
            models.CheckConstraint(
                condition=~models.Q(action=models.F("depends_on")), name="dependency_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference} depends on {self.depends_on.reference}"

    def clean(self) -> None:
        if self.action_id and self.action_id == self.depends_on_id:
            raise ValidationError({"depends_on": "An action cannot depend on itself."})
        both = self.action_id and self.depends_on_id
        if both and self.action.partnership_id != self.depends_on.partnership_id:
            raise ValidationError({"depends_on": "Choose an action of the same partnership."})


class Milestone(GovernedModel):
    """A dated point in a plan or one of its actions; `due_label` keeps a paper's own wording."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="milestones"
    )
    title = models.TextField()
    due_date = models.DateField(null=True, blank=True)
    due_label = models.CharField(
        max_length=80, blank=True, help_text='The date as the paper gives it, e.g. "End 2008"'
    )
    achieved_on = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    confidentiality_parent = ("action", "plan")

    class Meta:
        ordering = ["plan", "due_date", "order", "id"]

    def owning_organisation_id(self) -> int | None:
        if self.action_id:
            return self.action.lead_organisation_id
        return self.plan.owning_organisation_id()

    def __str__(self) -> str:
        return self.title[:80]

    def clean(self) -> None:
        super().clean()
        if self.action_id and self.plan_id and self.action.plan_id != self.plan_id:
            raise ValidationError({"action": "Choose an action of the same plan."})


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Progress updates are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Progress updates are append-only.")


class ProgressUpdate(models.Model):
    """A dated, authored progress entry on an action; the latest is its "Progress to date".

    An update is exactly as visible as its action (it has no confidentiality of its own).
    `see_action` points at another action whose progress this one shares ("As above").
    """

    partnership = models.ForeignKey(
        "core.Partnership", on_delete=models.PROTECT, related_name="progress_updates"
    )
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    narrative = models.TextField(blank=True)
    status = models.ForeignKey(
        StatusWord, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    see_action = models.ForeignKey(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="referenced_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()
    # Its history page is as visible as the action (see partnerships/views/home.py).
    history_parent = "action"

    class Meta:
        ordering = ["action", "-date", "-id"]
        indexes = [models.Index(fields=["action", "-date", "-id"])]
        # Django's internal manager must refuse bulk update/delete too.
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.action.reference} {self.date:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Progress updates are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Progress updates are append-only.")

    def owning_organisation_id(self) -> int | None:
        return self.action.lead_organisation_id

    def clean(self) -> None:
        if self.action_id and self.partnership_id != self.action.partnership_id:
            raise ValidationError({"action": "The action belongs to another partnership."})
        if not self.narrative.strip() and not self.see_action_id:
            raise ValidationError({"narrative": "Say what progress has been made."})
        if self.see_action_id and self.see_action_id == self.action_id:
            raise ValidationError({"see_action": "Point to a different action."})
        both = self.see_action_id and self.action_id
        if both and self.see_action.plan_id != self.action.plan_id:
            raise ValidationError({"see_action": "Point to an action of the same plan."})
