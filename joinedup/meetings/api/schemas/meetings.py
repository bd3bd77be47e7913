"""Schemas of the meetings API.

No `from __future__ import annotations`: Ninja and pydantic read these annotations at runtime.
People appear by role title (`str(user)`) and id.
"""

import datetime as dt

from ninja import Field, Schema

from joinedup.api.schemas import GovernedIn, GovernedOut, api_choices
from joinedup.meetings.models import AgendaItem, Attendance, Decision, Declaration, Meeting, Vote
from joinedup.meetings.models.interests import InterestCategory


def _request(context: dict | None) -> object:
    """The request being answered: the clocks share what they read across its rows."""
    return (context or {}).get("request")


MeetingStatus = api_choices("MeetingStatus", Meeting.Status)
AttendanceStatus = api_choices("AttendanceStatus", Attendance.Status)


class QuorumOut(Schema):
    voting_members: int
    required: int
    present: int
    quorate: bool
    attendance_recorded: bool = Field(
        True, description="False until anyone's attendance is recorded: the quorum is unknown"
    )


class MeetingOut(GovernedOut):
    id: int
    body: str = Field(..., description="Body slug")
    start: dt.datetime
    venue: str
    status: MeetingStatus
    agenda_published_on: dt.date | None
    agenda_deadline: dt.date | None = Field(None, description="Latest publication day (derived)")

    @staticmethod
    def resolve_body(obj: Meeting) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_agenda_deadline(obj: Meeting, context: dict | None = None) -> dt.date | None:
        from joinedup.meetings.clocks import shared_calendar
        from joinedup.meetings.selectors.agenda import meeting_agenda_deadline

        with shared_calendar(_request(context)):
            return meeting_agenda_deadline(obj)


class MeetingDetailOut(MeetingOut):
    quorum: QuorumOut | None = None

    @staticmethod
    def resolve_quorum(obj: Meeting) -> QuorumOut | None:
        from joinedup.meetings.selectors.attendance import meeting_quorum

        result = meeting_quorum(obj)
        if result is None:
            return None
        return QuorumOut(
            voting_members=result.voting_members,
            required=result.required,
            present=result.present,
            quorate=result.quorate,
            attendance_recorded=result.attendance_recorded,
        )


class MeetingIn(GovernedIn):
    body: str = Field(..., description="Body slug")
    start: dt.datetime
    venue: str = ""
    notes: str = ""


class ItemOut(GovernedOut):
    id: int
    order: int
    title: str
    decision_type: AgendaItem.DecisionType
    key_decision_notice_id: int | None
    notice_route: str
    notice_published_on: dt.date | None
    os_chair_informed_on: dt.date | None
    os_chair_agreed_on: dt.date | None
    public_interest_reasoning: str
    added_on: dt.date | None
    late: bool = False
    urgency_reason: str
    considered: bool

    @staticmethod
    def resolve_late(obj: AgendaItem, context: dict | None = None) -> bool:
        from joinedup.meetings.clocks import shared_calendar
        from joinedup.meetings.selectors.agenda import item_is_late

        with shared_calendar(_request(context)):
            return item_is_late(obj)


class ItemIn(GovernedIn):
    title: str
    order: int | None = None
    decision_type: AgendaItem.DecisionType = AgendaItem.DecisionType.FOR_DECISION
    key_decision_notice_id: int | None = None
    notice_route: str = ""
    notice_published_on: dt.date | None = None
    os_chair_informed_on: dt.date | None = None
    os_chair_agreed_on: dt.date | None = None
    public_interest_reasoning: str = ""
    added_on: dt.date | None = None
    urgency_reason: str = ""


class ConsideredIn(Schema):
    urgency_reason: str | None = None


class AttendanceOut(Schema):
    id: int
    person_id: int
    person: str
    status: AttendanceStatus
    substitute_for: int | None = Field(None, description="Seat (body membership) id")
    in_person: bool

    @staticmethod
    def resolve_person(obj: Attendance) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_substitute_for(obj: Attendance) -> int | None:
        return obj.substitute_for_id


class AttendanceIn(Schema):
    person_id: int
    status: Attendance.Status = Attendance.Status.PRESENT
    substitute_for: int | None = None
    in_person: bool = True


class DeclarationOut(Schema):
    id: int
    item_id: int
    person_id: int
    person: str
    interest_type: InterestCategory
    description: str
    action: Declaration.Action
    dispensation_id: int | None
    vote_counted: bool = False
    notify_monitoring_officer_by: dt.date | None = None

    @staticmethod
    def resolve_person(obj: Declaration) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_vote_counted(obj: Declaration) -> bool:
        from joinedup.meetings.selectors.interests import declaration_vote_counted

        return declaration_vote_counted(obj)

    @staticmethod
    def resolve_notify_monitoring_officer_by(obj: Declaration) -> dt.date | None:
        from joinedup.meetings.selectors.interests import declaration_notify_due

        return declaration_notify_due(obj)


class DeclarationIn(Schema):
    person_id: int
    interest_type: InterestCategory
    action: Declaration.Action
    description: str = ""
    dispensation_id: int | None = None
    register_entry_id: int | None = None


class VoteIn(Schema):
    person_id: int
    choice: Vote.Choice


class VoteOut(Schema):
    id: int
    person_id: int
    choice: Vote.Choice


class ActionArisingOut(Schema):
    id: int
    description: str
    owner: str
    due_on: dt.date | None

    @staticmethod
    def resolve_owner(obj) -> str:
        return obj.owner_display


class MinuteOut(Schema):
    item_id: int
    discussion: str
    resolutions: list[str]
    public_summary: str
    urgency_reason: str
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    actions: list[ActionArisingOut]

    @staticmethod
    def resolve_resolutions(obj) -> list[str]:
        return obj.resolution_list()

    @staticmethod
    def resolve_actions(obj, context: dict | None = None) -> list:
        from joinedup.meetings.selectors import action_list

        if hasattr(obj, "visible_actions"):
            return obj.visible_actions
        return list(action_list(user=context["request"].auth, minute=obj))


class MinutesOut(Schema):
    status: str
    approved_at: int | None = Field(None, description="Id of the meeting that approved them")
    signed_by: str | None
    signed_on: dt.date | None
    entries: list[MinuteOut] = []

    @staticmethod
    def resolve_approved_at(obj) -> int | None:
        return obj.approved_at_id

    @staticmethod
    def resolve_signed_by(obj) -> str | None:
        return str(obj.signed_by) if obj.signed_by else None

    @staticmethod
    def resolve_entries(obj, context: dict) -> list:
        from joinedup.meetings.selectors import minute_entries

        return list(minute_entries(user=context["request"].auth, minutes=obj))


class MinuteIn(Schema):
    discussion: str | None = None
    resolutions: str | None = None
    public_summary: str | None = Field(
        None, description="For an exempt item: what the public minutes say instead"
    )
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None


class ApproveMinutesIn(Schema):
    approved_at: int = Field(..., description="Id of the later meeting of the same body")
    signed_by: int = Field(..., description="Id of the person who signed as chair")
    signed_on: dt.date


class DecisionOut(GovernedOut):
    id: int
    body: str
    item_id: int | None
    decided_on: dt.date
    title: str
    resolutions: list[str]
    reasons: str
    alternatives_rejected: str
    interests_declared: str
    decision_maker: str
    key_decision: bool
    published_on: dt.date | None
    call_in_state: Decision.CallIn
    call_in_deadline: dt.date | None = None
    implementable_from: dt.date | None = None
    tor_versions: list[str] = []
    notice_route: str = Field("", description="Key decisions: the notice route taken under")
    programme_actions: list[int] = Field(
        default_factory=list, description="Work-programme actions it led to (ids you may see)"
    )

    @staticmethod
    def resolve_notice_route(obj: Decision) -> str:
        from joinedup.meetings.selectors.notices import decision_route

        return decision_route(obj)

    @staticmethod
    def resolve_programme_actions(obj: Decision, context: dict) -> list[int]:
        from joinedup.core.permissions import scope

        if hasattr(obj, "visible_programme_actions"):  # selectors.decision_rows (scoped)
            return [action.pk for action in obj.visible_programme_actions]
        return list(
            scope(obj.programme_actions.all(), context["request"].auth).values_list("pk", flat=True)
        )

    @staticmethod
    def resolve_body(obj: Decision) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_resolutions(obj: Decision) -> list[str]:
        return obj.resolution_list()

    @staticmethod
    def resolve_call_in_deadline(obj: Decision, context: dict | None = None) -> dt.date | None:
        from joinedup.meetings.clocks import shared_calendar
        from joinedup.meetings.selectors.decisions import decision_clock

        with shared_calendar(_request(context)):
            clock = decision_clock(obj)
        return clock.deadline if clock else None

    @staticmethod
    def resolve_implementable_from(obj: Decision, context: dict | None = None) -> dt.date | None:
        from joinedup.meetings.clocks import shared_calendar
        from joinedup.meetings.selectors.decisions import decision_implementable_from

        with shared_calendar(_request(context)):
            return decision_implementable_from(obj)

    @staticmethod
    def resolve_tor_versions(obj: Decision, context: dict) -> list[str]:
        from joinedup.core.permissions import scope

        if hasattr(obj, "visible_tor_versions"):  # selectors.decision_rows (scoped)
            versions = obj.visible_tor_versions
        else:
            versions = scope(obj.tor_versions.select_related("body"), context["request"].auth)
        return [f"{t.body.slug} v{t.version}" for t in versions]


class DecisionIn(Schema):
    title: str
    text: str = Field(..., description="One resolution a line")
    reasons: str = ""
    alternatives_rejected: str = ""
    published_on: dt.date | None = None
    urgency_agreed_by: str = ""


class PublishIn(Schema):
    published_on: dt.date


class CallInIn(Schema):
    called_in_on: dt.date
