"""REST endpoints for meetings, agenda items, attendance, declarations, minutes and decisions.

Every path starts with a partnership the caller must belong to (else 404). Reads go through
`joinedup.meetings.selectors` (only what the caller may see: an exempt item is a 404 to a
viewer); writes go through `joinedup.meetings.services` (403 for rights, 422 for rules).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate

from joinedup.accounts.lookups import person_or_error
from joinedup.api.lookups import partnership_or_404
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.core.models import Partnership
from joinedup.core.permissions import scope
from joinedup.meetings import lookups, selectors, services
from joinedup.meetings.api.schemas.meetings import (
    ApproveMinutesIn,
    AttendanceIn,
    AttendanceOut,
    CallInIn,
    ConsideredIn,
    DecisionIn,
    DecisionOut,
    DeclarationIn,
    DeclarationOut,
    ItemIn,
    ItemOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MinuteIn,
    MinuteOut,
    MinutesOut,
    PublishIn,
    VoteIn,
    VoteOut,
)
from joinedup.meetings.api.schemas.registers import VoteListOut
from joinedup.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MinuteItem,
    Minutes,
    Vote,
)
from joinedup.partnerships import lookups as partnership_lookups
from joinedup.partnerships import selectors as partnership_selectors

router = Router(tags=["meetings"])

MEETINGS = "/partnerships/{slug}/meetings"
MEETING = MEETINGS + "/{int:meeting_id}"
ITEM = MEETING + "/items/{int:item_id}"
DECISIONS = "/partnerships/{slug}/decisions"


def _governed(request: HttpRequest, partnership: Partnership, data: dict[str, Any]) -> dict:
    if data.get("restricted_to") is not None:
        data["restricted_to"] = partnership_lookups.organisations_or_error(
            partnership, data["restricted_to"], field="restricted_to", user=request.auth
        )
    else:
        data.pop("restricted_to", None)
    if data.get("exempt_paragraph") is None and data.get("confidentiality") != "exempt":
        data.pop("exempt_paragraph", None)
    return data


def _meeting(request: HttpRequest, slug: str, meeting_id: int) -> Meeting:
    partnership = partnership_or_404(request, slug)
    return selectors.meeting_get(user=request.auth, partnership=partnership, pk=meeting_id)


def _item(request: HttpRequest, slug: str, meeting_id: int, item_id: int) -> AgendaItem:
    meeting = _meeting(request, slug, meeting_id)
    return selectors.item_get(user=request.auth, meeting=meeting, pk=item_id)


def _person(partnership: Partnership, pk: int | None, field: str = "person_id") -> Any:
    """A person of the partnership named in the body; anyone else is a 422 naming nobody."""
    return person_or_error(partnership, pk, field=field)


# ---------------------------------------------------------------- meetings


@router.get(MEETINGS, response={200: list[MeetingOut], **READ_ERRORS})
@paginate(PageNumber)
def meeting_list(request: HttpRequest, slug: str, body: str | None = None) -> QuerySet[Meeting]:
    """Meetings the caller may see, newest first; `?body=SLUG` for one body's."""
    partnership = partnership_or_404(request, slug)
    chosen = None
    if body:
        chosen = partnership_selectors.body_get(
            user=request.auth, partnership=partnership, slug=body
        )
    meetings = selectors.meeting_list(user=request.auth, partnership=partnership, body=chosen)
    return meetings.prefetch_related("restricted_to")


@router.post(MEETINGS, response={201: MeetingDetailOut, **WRITE_ERRORS})
def meeting_create(request: HttpRequest, slug: str, payload: MeetingIn) -> tuple[int, Meeting]:
    partnership = partnership_or_404(request, slug)
    data = _governed(request, partnership, payload.model_dump())
    body = partnership_lookups.body_or_error(
        partnership, data.pop("body"), field="body", user=request.auth
    )
    return 201, services.meeting_create(actor=request.auth, body=body, **data)


@router.get(MEETING, response={200: MeetingDetailOut, **READ_ERRORS})
def meeting_detail(request: HttpRequest, slug: str, meeting_id: int) -> Meeting:
    return _meeting(request, slug, meeting_id)


# ---------------------------------------------------------------- agenda items


@router.get(MEETING + "/items", response={200: list[ItemOut], **READ_ERRORS})
@paginate(PageNumber)
def item_list(request: HttpRequest, slug: str, meeting_id: int) -> QuerySet[AgendaItem]:
    meeting = _meeting(request, slug, meeting_id)
    items = selectors.item_list(user=request.auth, meeting=meeting)
    return items.select_related("meeting__body__owner_organisation").prefetch_related(
        "restricted_to"
    )


@router.post(MEETING + "/items", response={201: ItemOut, **WRITE_ERRORS})
def item_create(
    request: HttpRequest, slug: str, meeting_id: int, payload: ItemIn
) -> tuple[int, AgendaItem]:
    meeting = _meeting(request, slug, meeting_id)
    data = _governed(request, meeting.partnership, payload.model_dump())
    data["key_decision_notice"] = lookups.notice_or_error(
        meeting.partnership,
        data.pop("key_decision_notice_id"),
        field="key_decision_notice_id",
        user=request.auth,
    )
    if "confidentiality" not in payload.model_fields_set:
        # Left out: the item takes the meeting's level, as on the page.
        data.pop("confidentiality")
        data.pop("exempt_paragraph", None)
    return 201, services.agenda_item_create(actor=request.auth, meeting=meeting, **data)


@router.get(ITEM, response={200: ItemOut, **READ_ERRORS})
def item_detail(request: HttpRequest, slug: str, meeting_id: int, item_id: int) -> AgendaItem:
    return _item(request, slug, meeting_id, item_id)


@router.post(ITEM + "/considered", response={200: ItemOut, **WRITE_ERRORS})
def item_considered(
    request: HttpRequest, slug: str, meeting_id: int, item_id: int, payload: ConsideredIn
) -> AgendaItem:
    """Mark the item considered; a late item needs `urgency_reason` (s.100B(4)(b))."""
    item = _item(request, slug, meeting_id, item_id)
    data = {k: v for k, v in payload.model_dump().items() if v is not None}
    return services.agenda_item_mark_considered(actor=request.auth, item=item, **data)


# ---------------------------------------------------------------- attendance


@router.get(MEETING + "/attendance", response={200: list[AttendanceOut], **READ_ERRORS})
@paginate(PageNumber)
def attendance_list(request: HttpRequest, slug: str, meeting_id: int) -> QuerySet[Attendance]:
    meeting = _meeting(request, slug, meeting_id)
    return selectors.attendance_list(user=request.auth, meeting=meeting)


@router.post(MEETING + "/attendance", response={201: AttendanceOut, **WRITE_ERRORS})
def attendance_record(
    request: HttpRequest, slug: str, meeting_id: int, payload: AttendanceIn
) -> tuple[int, Attendance]:
    meeting = _meeting(request, slug, meeting_id)
    data = payload.model_dump()
    person = _person(meeting.partnership, data.pop("person_id"))
    seat = partnership_lookups.seat_or_error(
        meeting.partnership,
        data.pop("substitute_for"),
        field="substitute_for",
        body=meeting.body,
        user=request.auth,
    )
    row = services.attendance_record(
        actor=request.auth, meeting=meeting, person=person, substitute_for=seat, **data
    )
    return 201, row


# ---------------------------------------------------------------- declarations and votes


@router.get(ITEM + "/declarations", response={200: list[DeclarationOut], **READ_ERRORS})
@paginate(PageNumber)
def declaration_list(
    request: HttpRequest, slug: str, meeting_id: int, item_id: int
) -> QuerySet[Declaration]:
    item = _item(request, slug, meeting_id, item_id)
    return scope(Declaration.objects.filter(item=item).select_related("person"), request.auth)


@router.post(ITEM + "/declarations", response={201: DeclarationOut, **WRITE_ERRORS})
def declaration_record(
    request: HttpRequest, slug: str, meeting_id: int, item_id: int, payload: DeclarationIn
) -> tuple[int, Declaration]:
    item = _item(request, slug, meeting_id, item_id)
    data = payload.model_dump()
    p = item.partnership
    person = _person(p, data.pop("person_id"))
    data["dispensation"] = lookups.dispensation_or_error(
        p, data.pop("dispensation_id"), field="dispensation_id", user=request.auth
    )
    data["register_entry"] = lookups.interest_or_error(
        p, data.pop("register_entry_id"), field="register_entry_id", user=request.auth
    )
    declaration = services.declaration_record(actor=request.auth, item=item, person=person, **data)
    return 201, declaration


@router.get(ITEM + "/votes", response={200: list[VoteListOut], **READ_ERRORS})
@paginate(PageNumber)
def vote_list(request: HttpRequest, slug: str, meeting_id: int, item_id: int) -> QuerySet[Vote]:
    """Recorded votes on the item (a casting vote is marked `casting`)."""
    item = _item(request, slug, meeting_id, item_id)
    return scope(Vote.objects.filter(item=item).select_related("person"), request.auth)


@router.post(ITEM + "/votes", response={201: VoteOut, **WRITE_ERRORS})
def vote_record(
    request: HttpRequest, slug: str, meeting_id: int, item_id: int, payload: VoteIn
) -> tuple[int, Vote]:
    """Record a member's vote; refused (422) if their declared interest bars them."""
    item = _item(request, slug, meeting_id, item_id)
    person = _person(item.partnership, payload.person_id)
    vote = services.vote_record(actor=request.auth, item=item, person=person, choice=payload.choice)
    return 201, vote


# ---------------------------------------------------------------- minutes


@router.get(MEETING + "/minutes", response={200: MinutesOut, **READ_ERRORS})
def minutes_detail(request: HttpRequest, slug: str, meeting_id: int) -> Any:
    meeting = _meeting(request, slug, meeting_id)
    minutes = selectors.minutes_get(user=request.auth, meeting=meeting)
    if minutes is None:
        raise Http404("Not found")
    return minutes


@router.put(ITEM + "/minute", response={200: MinuteOut, **WRITE_ERRORS})
def minute_record(
    request: HttpRequest, slug: str, meeting_id: int, item_id: int, payload: MinuteIn
) -> MinuteItem:
    """Write the item's minute; refused (422) once the minutes are approved."""
    item = _item(request, slug, meeting_id, item_id)
    data = payload.model_dump(exclude_unset=True)
    return services.minute_record(actor=request.auth, item=item, **data)


@router.post(MEETING + "/minutes/approve", response={200: MinutesOut, **WRITE_ERRORS})
def minutes_approve(
    request: HttpRequest, slug: str, meeting_id: int, payload: ApproveMinutesIn
) -> Minutes:
    meeting = _meeting(request, slug, meeting_id)
    minutes = selectors.minutes_get(user=request.auth, meeting=meeting)
    if minutes is None:
        raise Http404("Not found")
    later = lookups.meeting_or_error(
        meeting.partnership,
        payload.approved_at,
        field="approved_at",
        body=meeting.body,
        user=request.auth,
    )
    return services.minutes_approve(
        actor=request.auth,
        minutes=minutes,
        approved_at=later,
        signed_by=_person(meeting.partnership, payload.signed_by, "signed_by"),
        signed_on=payload.signed_on,
    )


# ---------------------------------------------------------------- decisions


@router.get(DECISIONS, response={200: list[DecisionOut], **READ_ERRORS})
@paginate(PageNumber)
def decision_list(request: HttpRequest, slug: str) -> QuerySet[Decision]:
    partnership = partnership_or_404(request, slug)
    decisions = selectors.decision_list(user=request.auth, partnership=partnership)
    return selectors.decision_rows(decisions, user=request.auth)


@router.get(DECISIONS + "/{int:decision_id}", response={200: DecisionOut, **READ_ERRORS})
def decision_detail(request: HttpRequest, slug: str, decision_id: int) -> Decision:
    partnership = partnership_or_404(request, slug)
    return selectors.decision_get(user=request.auth, partnership=partnership, pk=decision_id)


@router.post(ITEM + "/decisions", response={201: DecisionOut, **WRITE_ERRORS})
def decision_record(
    request: HttpRequest, slug: str, meeting_id: int, item_id: int, payload: DecisionIn
) -> tuple[int, Decision]:
    """Record a decision on the item; refused (422) when the meeting is not quorate."""
    item = _item(request, slug, meeting_id, item_id)
    return 201, services.decision_record(actor=request.auth, item=item, **payload.model_dump())


@router.post(DECISIONS + "/{int:decision_id}/publish", response={200: DecisionOut, **WRITE_ERRORS})
def decision_publish(
    request: HttpRequest, slug: str, decision_id: int, payload: PublishIn
) -> Decision:
    """Publish the decision notice: the call-in window starts (T8)."""
    decision = decision_detail(request, slug, decision_id)
    return services.decision_publish(
        actor=request.auth, decision=decision, published_on=payload.published_on
    )


@router.post(DECISIONS + "/{int:decision_id}/call-in", response={200: DecisionOut, **WRITE_ERRORS})
def decision_call_in(
    request: HttpRequest, slug: str, decision_id: int, payload: CallInIn
) -> Decision:
    decision = decision_detail(request, slug, decision_id)
    return services.decision_call_in(
        actor=request.auth, decision=decision, called_in_on=payload.called_in_on
    )


# The forward plan, urgency report, dispensations, registers and votes (same tag and rules).
from joinedup.meetings.api.routes_registers import router as registers_router  # noqa: E402

router.add_router("/", registers_router)
