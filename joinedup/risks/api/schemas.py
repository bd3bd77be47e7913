"""Schemas of the risks API.

No `from __future__ import annotations`: Ninja reads these annotations at runtime.
"""

import datetime as dt
from typing import Any

from ninja import Field, Schema

from joinedup.api.schemas import ConflictOut, GovernedIn, GovernedOut, GovernedPatch
from joinedup.core.models import Confidentiality

__all__ = ["ConflictOut"]  # the 409 answer of the PATCH operations, shared with programme
from joinedup.risks.models import (
    AppetiteLevel,
    Category,
    Level,
    Proximity,
    ReviewFrequency,
    Treatment,
)


class AppetiteOut(Schema):
    category: str
    level: str
    max_residual: int
    approved_on: dt.date | None = None
    approved_by: str | None = Field(None, description="Who approved the appetite statement")
    review_due: dt.date | None = None

    @staticmethod
    def resolve_approved_by(obj: Any) -> str | None:
        return str(obj.approved_by) if obj.approved_by_id else None


class RegisterOut(GovernedOut):
    id: int
    slug: str
    name: str
    level: str
    organisation: str | None = Field(None, description="Slug of the partner; null: partnership's")
    governing_body: str | None = Field(None, description="Slug of the governing body")
    matrix: str
    escalation_threshold: int
    description: str
    version: int = Field(..., description="Send it back with a change (PATCH); stale gives 409")
    appetites: list[AppetiteOut]

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return obj.organisation.slug if obj.organisation_id else None

    @staticmethod
    def resolve_governing_body(obj: Any) -> str | None:
        return obj.governing_body.slug if obj.governing_body_id else None

    @staticmethod
    def resolve_matrix(obj: Any) -> str:
        return f"{obj.matrix_slug}@{obj.matrix_version}"

    @staticmethod
    def resolve_appetites(obj: Any) -> list[Any]:
        return list(obj.appetites.all())


class RegisterIn(GovernedIn):
    name: str
    slug: str = ""
    level: Level = Level.PARTNERSHIP
    organisation: str | None = None
    governing_body: str | None = None
    matrix_slug: str = "npsa-5x5"
    escalation_threshold: int = 15
    description: str = ""


class AppetiteIn(Schema):
    category: Category
    level: AppetiteLevel
    max_residual: int
    approved_on: dt.date | None = None
    approved_by: int | None = Field(None, description="Id of the person who approved it")
    review_due: dt.date | None = None


class RegisterPatch(GovernedPatch):
    version: int = Field(..., description="The version you read; a stale one gives 409")
    name: str | None = None
    governing_body: str | None = Field(None, description="Slug of the governing body")
    escalation_threshold: int | None = None
    description: str | None = None
    appetites: list[AppetiteIn] | None = Field(None, description="Appetites to set or change")


class ScoreOut(Schema):
    likelihood: int
    consequence: int
    score: int
    band: str


class ContributionOut(Schema):
    organisation: str
    owner: str | None
    likelihood: int | None
    consequence: int | None
    score: int | None
    escalated_to: str | None
    closure_confirmed_on: dt.date | None


class LinkedActionOut(Schema):
    id: int
    reference: str
    plan: str = Field(..., description="Slug of the action's plan")
    title: str
    status: str


class RiskOut(Schema):
    id: int
    version: int = Field(..., description="Send it back with a change (PATCH); stale gives 409")
    reference: str
    title: str
    home_register: str = Field(..., description="Slug of the register that holds the risk")
    cause: str
    event: str
    effect: str
    category: str
    objective: str
    lead_organisation: str
    owner: str | None
    inherent: ScoreOut | None
    current: ScoreOut | None = Field(None, description="The agreed score; null if none agreed")
    target: ScoreOut | None
    target_date: dt.date | None
    shown_score: int | None = Field(None, description="Agreed score, else highest partner score")
    band: str | None
    divergent_assessments: bool
    status: str
    review_overdue: bool
    trend: str
    escalated_to: list[str]
    treatment: str
    proximity: str
    review_frequency: str
    last_reviewed_on: dt.date | None
    next_review_due: dt.date | None
    confidentiality: str
    contributions: list[ContributionOut]
    work_actions: list[LinkedActionOut] = Field(
        ..., description="Work-programme actions that treat the risk (those you may see)"
    )
    parent: int | None = Field(None, description="Id of the partnership risk this one feeds")


class RiskIn(GovernedIn):
    title: str
    category: Category
    reference: str = ""
    lead_organisation: str | None = Field(None, description="Slug; default the register's")
    owner: int | None = Field(None, description="Id of the owner")
    cause: str = ""
    event: str = ""
    effect: str = ""
    objective: str = ""
    treatment: Treatment = Treatment.TREAT
    actions: str = ""
    proximity: Proximity | str = ""
    review_frequency: ReviewFrequency = ReviewFrequency.QUARTERLY
    work_actions: list[int] = Field(default_factory=list, description="Ids of actions to link")
    parent: int | None = Field(None, description="Id of the partnership risk this one feeds")


class RiskPatch(GovernedPatch):
    version: int = Field(..., description="The version you read; a stale one gives 409")
    title: str | None = None
    cause: str | None = None
    event: str | None = None
    effect: str | None = None
    category: Category | None = None
    objective: str | None = None
    owner: int | None = Field(None, description="Id of the owner")
    treatment: Treatment | None = None
    actions: str | None = None
    proximity: Proximity | str | None = None
    review_frequency: ReviewFrequency | None = None
    work_actions: list[int] | None = Field(None, description="Ids of the actions to link")
    parent: int | None = Field(None, description="Id of the partnership risk this one feeds")


class AcceptanceRevokeIn(Schema):
    reason: str = ""


class WithdrawIn(Schema):
    reason: str = ""


class Pair(Schema):
    likelihood: int
    consequence: int


class AssessmentIn(Schema):
    inherent: Pair
    current: Pair | None = None
    target: Pair | None = None
    target_date: dt.date | None = None
    today: dt.date | None = None
    reason: str = ""


class AssessedOut(Schema):
    risk: RiskOut
    warnings: list[str]


class ContributionIn(Schema):
    organisation: str
    owner: int | None = None
    likelihood: int | None = None
    consequence: int | None = None
    today: dt.date | None = None


class StatusIn(Schema):
    status: str
    reason: str = ""


class AcceptanceIn(Schema):
    approver: int | None = None
    justification: str = ""
    expires_on: dt.date | None = None
    accepted_on: dt.date | None = None


class ShareIn(GovernedIn):
    to_register: str = Field(..., description="Slug of the register to show the risk on")
    confidentiality: Confidentiality = Field(
        Confidentiality.PARTNERSHIP,
        description="The level the risk is shared at: never wider than its own register's",
    )


class ReviewIn(Schema):
    reviewer: int | None = None
    reviewed_on: dt.date
    commentary: str = ""


class ReviewOut(Schema):
    id: int
    reviewed_on: dt.date
    reviewer: str
    current_score: int | None
    status: str
    commentary: str
    register_review: int | None = None

    @staticmethod
    def resolve_reviewer(obj: Any) -> str:
        return str(obj.reviewer)

    @staticmethod
    def resolve_register_review(obj: Any) -> int | None:
        return obj.register_review_id


class RegisterReviewIn(Schema):
    meeting_date: dt.date
    reviewed_by: list[int]
    body: str | None = None
    minute: str = ""


class RegisterReviewOut(Schema):
    id: int
    meeting_date: dt.date
    body: str
    reviewed_by: list[str]
    risks_reviewed: int

    @staticmethod
    def resolve_body(obj: Any) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_reviewed_by(obj: Any) -> list[str]:
        return [str(p) for p in obj.reviewed_by.all()]

    @staticmethod
    def resolve_risks_reviewed(obj: Any) -> int:
        return obj.risk_reviews.count()


class ExceptionsOut(Schema):
    escalated: list[RiskOut]
    above_appetite: list[RiskOut]
    tolerated: list[RiskOut]
    overdue: list[RiskOut]
