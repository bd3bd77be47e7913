"""Schemas of the risks API.

No `from __future__ import annotations`: Ninja reads these annotations at runtime.
"""

import datetime as dt
from typing import Any

from ninja import Field, Schema

from joinedup.api.schemas import GovernedIn, GovernedOut
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


class RiskOut(Schema):
    id: int
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
