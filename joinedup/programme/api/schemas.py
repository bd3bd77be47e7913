"""Schemas of the programme API: plans, actions, progress updates, milestones, vocabularies, and
the progress report and action import.

No `from __future__ import annotations`: Ninja and pydantic read these annotations at runtime.
"""

import datetime as dt
from typing import Any

from django.db.models import Model
from ninja import Field, Schema

from joinedup.api.schemas import ConflictOut as ConflictOut  # the 409 of PATCH, re-exported
from joinedup.api.schemas import (
    GovernedIn,
    GovernedOut,
    GovernedPatch,
    api_choices,
)
from joinedup.core import extensions
from joinedup.programme.models import Plan
from joinedup.programme.status import effective_rag, is_overdue

PlanStatus = api_choices("PlanStatus", Plan.Status)


def _no_links(obj: Any, user: Any) -> list[int]:
    return []


def _slug(related: Model | None) -> str | None:
    return related.slug if related is not None else None  # type: ignore[attr-defined]


class WordOut(Schema):
    word: str
    state: str
    rag: str
    order: int


class VocabularyOut(Schema):
    slug: str
    version: int
    name: str
    source: str
    words: list[WordOut]

    @staticmethod
    def resolve_words(obj: Any) -> list[Any]:
        return list(obj.words.all())


class PlanOut(GovernedOut):
    id: int
    slug: str
    name: str
    description: str
    period_start: dt.date | None
    period_end: dt.date | None
    owning_body: str | None = Field(None, description="Body slug")
    reports_to: str | None = Field(None, description="Body slug")
    report_interval_months: int | None
    last_reported_on: dt.date | None
    next_report_on: dt.date | None
    status: PlanStatus
    vocabulary: str = Field(..., description="Vocabulary slug and version, e.g. 'x@1'")
    previous_plan: str | None = Field(None, description="Slug of the plan this one refreshed")

    @staticmethod
    def resolve_owning_body(obj: Plan) -> str | None:
        return _slug(obj.owning_body)

    @staticmethod
    def resolve_reports_to(obj: Plan) -> str | None:
        return _slug(obj.reports_to)

    @staticmethod
    def resolve_vocabulary(obj: Plan) -> str:
        return f"{obj.vocabulary.slug}@{obj.vocabulary.version}"

    @staticmethod
    def resolve_previous_plan(obj: Plan) -> str | None:
        return _slug(obj.previous_plan)


class PlanIn(GovernedIn):
    slug: str
    name: str
    vocabulary: str = Field(..., description="Vocabulary slug (its newest version is used)")
    description: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    owning_body: str | None = Field(None, description="Body slug")
    reports_to: str | None = Field(None, description="Body slug")
    report_interval_months: int | None = Field(None, ge=1, le=24)
    last_reported_on: dt.date | None = None
    next_report_on: dt.date | None = None


class PlanPatch(GovernedPatch):
    name: str | None = None
    description: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    owning_body: str | None = None
    reports_to: str | None = None
    report_interval_months: int | None = Field(None, ge=1, le=24)
    last_reported_on: dt.date | None = None
    next_report_on: dt.date | None = None
    status: PlanStatus | None = None


class ActionOut(GovernedOut):
    id: int
    plan: str = Field(..., description="Plan slug")
    reference: str
    order: int
    title: str
    description: str
    workstream: str | None = Field(None, description="Workstream name")
    lead_organisation: str | None = Field(None, description="Organisation slug; null: joint")
    owner: int | None = Field(None, description="Person id")
    responsible_body: str | None = Field(None, description="Body slug")
    start_date: dt.date | None
    due_date: dt.date | None
    completed_on: dt.date | None
    status: str | None = Field(None, description="The plan's own status word")
    state: str = Field(..., description="Canonical state of the status word")
    rag: str = Field(..., description="Colour shown: red when overdue, else the word's")
    overdue: bool
    version: int = Field(..., description="Send it back with a PATCH (optimistic locking)")
    previous_action: int | None = Field(None, description="Action id carried forward")
    closed_reason: str
    decisions: list[int] = Field(
        default_factory=list, description="Ids of the linked decisions the caller may see"
    )
    risks: list[int] = Field(
        default_factory=list, description="Ids of the linked risks the caller may see"
    )

    @staticmethod
    def resolve_decisions(obj: Any, context: dict | None = None) -> list[int]:
        user = context["request"].auth if context else None
        return extensions.hook("programme.action_decision_ids", _no_links)(obj, user)

    @staticmethod
    def resolve_risks(obj: Any, context: dict | None = None) -> list[int]:
        user = context["request"].auth if context else None
        return extensions.hook("programme.action_risk_ids", _no_links)(obj, user)

    @staticmethod
    def resolve_plan(obj: Any) -> str:
        return obj.plan.slug

    @staticmethod
    def resolve_workstream(obj: Any) -> str | None:
        return obj.workstream.name if obj.workstream_id else None

    @staticmethod
    def resolve_lead_organisation(obj: Any) -> str | None:
        return _slug(obj.lead_organisation)

    @staticmethod
    def resolve_owner(obj: Any) -> int | None:
        return obj.owner_id

    @staticmethod
    def resolve_responsible_body(obj: Any) -> str | None:
        return _slug(obj.responsible_body)

    @staticmethod
    def resolve_status(obj: Any) -> str | None:
        return obj.status.word if obj.status_id else None

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return obj.status.state if obj.status_id else "not_started"

    @staticmethod
    def resolve_rag(obj: Any) -> str:
        word = obj.status if obj.status_id else None
        return effective_rag(
            rag=word.rag if word else None,
            state=word.state if word else None,
            due_date=obj.due_date,
            today=dt.date.today(),
        )

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        state = obj.status.state if obj.status_id else None
        return is_overdue(due_date=obj.due_date, state=state, today=dt.date.today())

    @staticmethod
    def resolve_previous_action(obj: Any) -> int | None:
        return obj.previous_action_id


class ActionListOut(ActionOut):
    progress_to_date: str | None = Field(None, description="Narrative of the newest update")
    progress_date: dt.date | None = None
    progress_see_action: int | None = Field(None, description='"As above": the action meant')


class ActionIn(GovernedIn):
    title: str
    reference: str = Field("", description="Leave empty to number it after the last one")
    order: int | None = None
    description: str = ""
    workstream: str | None = Field(None, description="Workstream name")
    lead_organisation: str | None = Field(None, description="Organisation slug")
    owner: int | None = Field(None, description="Person id")
    responsible_body: str | None = Field(None, description="Body slug")
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    completed_on: dt.date | None = None
    status: str | None = Field(None, description="A word of the plan's vocabulary")


class ActionPatch(GovernedPatch):
    version: int = Field(..., description="The version you read; a stale one gives 409")
    title: str | None = None
    reference: str | None = None
    order: int | None = None
    description: str | None = None
    workstream: str | None = None
    lead_organisation: str | None = None
    owner: int | None = None
    responsible_body: str | None = None
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    completed_on: dt.date | None = None
    status: str | None = None
    closed_reason: str | None = None


class ProgressOut(Schema):
    id: int
    action: int
    date: dt.date
    author: str | None = Field(None, description="Role title of the author")
    narrative: str
    status: str | None
    see_action: int | None = Field(None, description='"As above": the action it points at')
    created_at: dt.datetime

    @staticmethod
    def resolve_action(obj: Any) -> int:
        return obj.action_id

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.author.display_name if obj.author_id else None

    @staticmethod
    def resolve_status(obj: Any) -> str | None:
        return obj.status.word if obj.status_id else None

    @staticmethod
    def resolve_see_action(obj: Any) -> int | None:
        return obj.see_action_id


class ProgressIn(Schema):
    narrative: str = ""
    date: dt.date | None = Field(None, description="Defaults to today")
    status: str | None = Field(None, description="New status word, if it changed")
    see_action: int | None = Field(None, description='Action id for "As above"')
    completed_on: dt.date | None = None
    reason: str = ""


class MilestoneOut(GovernedOut):
    id: int
    plan: str
    action: int | None
    title: str
    due_date: dt.date | None
    due_label: str
    achieved_on: dt.date | None

    @staticmethod
    def resolve_plan(obj: Any) -> str:
        return obj.plan.slug

    @staticmethod
    def resolve_action(obj: Any) -> int | None:
        return obj.action_id


class MilestoneIn(Schema):
    title: str
    action: int | None = Field(None, description="Action id, for an action's milestone")
    due_date: dt.date | None = None
    due_label: str = Field("", description='The date as a paper gives it ("End 2008")')
    achieved_on: dt.date | None = None
    reason: str = ""


# ---------------------------------------------------------------- reports and import


class ReportRowOut(Schema):
    reference: str
    activity: str
    status_word: str
    state: str
    rag: str
    progress: str
    updated_on: dt.date | None
    see_reference: str


class ReportGroupOut(Schema):
    heading: str
    rows: list[ReportRowOut]


class StatusCountOut(Schema):
    word: str
    rag: str
    count: int


class ProgressReportOut(Schema):
    plan_slug: str
    plan_name: str
    committee: str
    as_of: dt.date
    period_label: str
    groups: list[ReportGroupOut]
    counts: list[StatusCountOut]
    priorities: list[str]
    total: int


class ImportOut(Schema):
    dry_run: bool
    rows: int
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    progress_added: list[str]
    summary: str
