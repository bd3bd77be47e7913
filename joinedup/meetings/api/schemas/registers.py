"""Schemas of the forward plan, urgency report, dispensations, registers and votes API.

No `from __future__ import annotations`: Ninja and pydantic read these annotations at runtime.
"""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from joinedup.api.schemas import GovernedIn, GovernedOut
from joinedup.core.models import ExemptParagraph
from joinedup.meetings.api.schemas.meetings import _request
from joinedup.meetings.models import Dispensation, KeyDecisionNotice, RegisterEntry, Vote
from joinedup.meetings.models.interests import InterestCategory


class NoticeOut(GovernedOut):
    id: int
    body: str = Field(..., description="Body slug")
    matter: str
    details: str
    decision_maker: str
    first_published_on: dt.date | None
    expected_decision_on: dt.date
    documents: list[str]
    private: bool
    private_paragraph: int | None
    private_reasons: str
    route: KeyDecisionNotice.Route
    os_chair_informed_on: dt.date | None
    exception_notice_published_on: dt.date | None
    urgency_agreed_on: dt.date | None
    urgency_agreed_by: str
    urgency_reasons: str
    forward_plan_due: dt.date | None = Field(None, description="28 clear days before (derived)")
    general_exception_due: dt.date | None = Field(None, description="5 clear days (derived)")

    @staticmethod
    def resolve_body(obj: KeyDecisionNotice) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_documents(obj: KeyDecisionNotice) -> list[str]:
        return obj.document_list()

    @staticmethod
    def resolve_forward_plan_due(obj: KeyDecisionNotice, context: dict | None = None) -> dt.date:
        from joinedup.meetings.clocks import shared_calendar
        from joinedup.meetings.selectors.notices import notice_clock

        with shared_calendar(_request(context)):
            return notice_clock(obj).forward_plan_due

    @staticmethod
    def resolve_general_exception_due(
        obj: KeyDecisionNotice, context: dict | None = None
    ) -> dt.date:
        from joinedup.meetings.clocks import shared_calendar
        from joinedup.meetings.selectors.notices import notice_clock

        with shared_calendar(_request(context)):
            return notice_clock(obj).general_exception_due


class NoticeFields(Schema):
    details: str = ""
    decision_maker: str = ""
    first_published_on: dt.date | None = None
    documents: str = Field("", description="One document a line")
    private: bool = False
    private_paragraph: ExemptParagraph | None = None
    private_reasons: str = ""
    route: KeyDecisionNotice.Route = KeyDecisionNotice.Route.FORWARD_PLAN
    os_chair_informed_on: dt.date | None = None
    exception_notice_published_on: dt.date | None = None
    urgency_agreed_on: dt.date | None = None
    urgency_agreed_by: str = ""
    urgency_reasons: str = ""


class NoticeIn(GovernedIn, NoticeFields):
    body: str = Field(..., description="Body slug")
    matter: str
    expected_decision_on: dt.date


class NoticePatch(Schema):
    matter: str | None = None
    expected_decision_on: dt.date | None = None
    details: str | None = None
    decision_maker: str | None = None
    first_published_on: dt.date | None = None
    documents: str | None = None
    private: bool | None = None
    private_paragraph: ExemptParagraph | None = None
    private_reasons: str | None = None
    route: KeyDecisionNotice.Route | None = None
    os_chair_informed_on: dt.date | None = None
    exception_notice_published_on: dt.date | None = None
    urgency_agreed_on: dt.date | None = None
    urgency_agreed_by: str | None = None
    urgency_reasons: str | None = None
    reason: str = ""


class UrgencyRowOut(Schema):
    decision_id: int
    decided_on: dt.date
    decision_maker: str
    title: str
    route: str
    agreed_by: str
    agreed_on: dt.date | None
    why: str


class UrgencyReportOut(Schema):
    organisation: str
    start: dt.date
    end: dt.date
    special_urgency: list[UrgencyRowOut]
    general_exception: list[UrgencyRowOut]


class DispensationOut(GovernedOut):
    id: int
    person_id: int
    person: str
    organisation: str
    interest_id: int | None
    scope: str
    granted_by: str
    grounds: str
    granted_on: dt.date
    valid_from: dt.date
    valid_to: dt.date
    revoked_on: dt.date | None
    revocation_reason: str

    @staticmethod
    def resolve_person(obj: Dispensation) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_organisation(obj: Dispensation) -> str:
        return obj.organisation.slug


class DispensationIn(Schema):
    person_id: int
    organisation: str = Field(..., description="Organisation slug (whose scheme)")
    interest_id: int | None = None
    scope: str = Field(..., description="The business it covers")
    granted_by: str = ""
    grounds: str = ""
    granted_on: dt.date
    valid_from: dt.date
    valid_to: dt.date
    reason: str = ""


class DispensationRevokeIn(Schema):
    revoked_on: dt.date
    revocation_reason: str
    reason: str = ""


class InterestOut(GovernedOut):
    id: int
    person_id: int
    person: str
    organisation: str
    category: InterestCategory
    dpi_kind: str
    subject: str = Field(..., description="Withheld for a sensitive interest (s.32)")
    details: str
    sensitive: bool
    spouse_partner: bool
    notified_on: dt.date | None
    published_on: dt.date | None

    @staticmethod
    def resolve_person(obj: RegisterEntry) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_organisation(obj: RegisterEntry) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_subject(obj: RegisterEntry) -> str:
        return obj.public_subject

    @staticmethod
    def resolve_details(obj: RegisterEntry) -> str:
        return "" if obj.sensitive else obj.details


class InterestIn(GovernedIn):
    person_id: int
    organisation: str = Field(..., description="Organisation slug (whose scheme)")
    category: InterestCategory
    dpi_kind: RegisterEntry.DpiKind | None = None
    subject: str
    details: str = ""
    sensitive: bool = False
    spouse_partner: bool = False
    notified_on: dt.date | None = None
    published_on: dt.date | None = None


class GiftOut(GovernedOut):
    id: int
    person_id: int
    person: str
    organisation: str
    received_on: dt.date
    donor: str
    description: str
    estimated_value: Decimal
    accepted: bool
    registrable: bool = False
    register_by: dt.date | None = None

    @staticmethod
    def resolve_person(obj) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_registrable(obj, context: dict | None = None) -> bool:
        from joinedup.meetings.clocks import shared_calendar
        from joinedup.meetings.selectors.interests import gift_registration

        with shared_calendar(_request(context)):
            return gift_registration(obj)[0]

    @staticmethod
    def resolve_register_by(obj, context: dict | None = None) -> dt.date | None:
        from joinedup.meetings.clocks import shared_calendar
        from joinedup.meetings.selectors.interests import gift_registration

        with shared_calendar(_request(context)):
            return gift_registration(obj)[1]


class GiftIn(Schema):
    person_id: int
    organisation: str = Field(..., description="Organisation slug (whose scheme)")
    received_on: dt.date
    donor: str
    description: str
    estimated_value: Decimal
    accepted: bool = True
    reason: str = ""


class VoteListOut(Schema):
    id: int
    person_id: int
    person: str
    choice: Vote.Choice
    casting: bool

    @staticmethod
    def resolve_person(obj: Vote) -> str:
        return str(obj.person)


class TallyOut(Schema):
    votes_for: int
    against: int
    abstentions: int
    eligible: int | None = Field(None, description="Voting members present who may vote")
    casting: str
    tied: bool
    carried: bool


class CastingVoteIn(Schema):
    person_id: int
    choice: Vote.Choice


class DecisionLinksIn(Schema):
    programme_actions: list[int] = Field(..., description="Ids of work-programme actions")
    reason: str = ""


class OrganisationMinimum(Schema):
    organisation: str = Field(..., description="Organisation slug")
    minimum: int = Field(..., ge=1, description="Voting members needed present from it")


class ProcedureOut(Schema):
    chair_casting_vote: bool
    quorum: list[OrganisationMinimum]


class ProcedureIn(Schema):
    chair_casting_vote: bool = False
    quorum: list[OrganisationMinimum] = []
    reason: str = ""
