"""Writes for meetings: create, reschedule, generate a schedule, publish, hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.meetings.models import Meeting
from joinedup.meetings.permissions import can_add_meeting
from joinedup.meetings.schedule import FREQUENCIES, MONTH_STEPS, schedule_dates
from joinedup.meetings.services._common import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    validate,
)
from joinedup.partnerships.models import Body

Status = Meeting.Status

# The statuses a meeting may move to from each one (section 2.3 of the governance rules).
TRANSITIONS = {
    Status.SCHEDULED: {Status.AGENDA_PUBLISHED, Status.CANCELLED},
    Status.AGENDA_PUBLISHED: {Status.HELD, Status.CANCELLED},
    Status.HELD: {Status.MINUTES_APPROVED},
    Status.MINUTES_APPROVED: {Status.ARCHIVED},
    Status.ARCHIVED: set(),
    Status.CANCELLED: set(),
}


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    body: Body,
    start: dt.datetime,
    venue: str = "",
    notes: str = "",
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Any = UNSET,
    reason: str = "",
) -> Meeting:
    """Schedule a meeting of a body."""
    deny_unless(can_add_meeting(actor, body), "You may not add meetings of this body.")
    meeting = Meeting(
        partnership=body.partnership, body=body, start=start, venue=venue, notes=notes
    )
    meeting.confidentiality = body.confidentiality if confidentiality is UNSET else confidentiality
    meeting.exempt_paragraph = None if exempt_paragraph is UNSET else exempt_paragraph
    if meeting.confidentiality == "exempt" and exempt_paragraph is UNSET:
        meeting.exempt_paragraph = body.exempt_paragraph
    errors: dict[str, list[str]] = {}
    if body.publication_rule == Body.PublicationRule.COUNCIL and not venue.strip():
        add_error(errors, "venue", "A council meeting must be held in person: give the venue.")
    check_and_save(meeting, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    start: dt.datetime = UNSET,
    venue: str = UNSET,
    notes: str = UNSET,
    reason: str = "",
) -> Meeting:
    """Change when or where a meeting is, or its notes."""
    deny_unless(permissions.can_edit(actor, meeting), "You may not change this meeting.")
    errors: dict[str, list[str]] = {}
    if meeting.status in (Status.HELD, Status.MINUTES_APPROVED) and start is not UNSET:
        add_error(errors, "start", "The meeting has been held; its date cannot change.")
    apply(meeting, {"start": start, "venue": venue, "notes": notes})
    check_and_save(meeting, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return meeting


@transaction.atomic
def meeting_schedule_generate(
    *,
    actor: Actor,
    body: Body,
    first: dt.date,
    frequency: str,
    count: int,
    time: dt.time = dt.time(14, 0),
    venue: str = "",
    reason: str = "Schedule of meetings",
) -> list[Meeting]:
    """Create a body's meetings at a frequency (weekly ... quarterly); skip dates already taken."""
    errors: dict[str, list[str]] = {}
    if frequency not in FREQUENCIES and frequency not in MONTH_STEPS:
        known = ", ".join([*FREQUENCIES, *MONTH_STEPS])
        add_error(errors, "frequency", f"Choose one of: {known}.")
    if not 1 <= count <= 52:
        add_error(errors, "count", "Generate between 1 and 52 meetings.")
    if errors:
        validate(Meeting(partnership=body.partnership, body=body, start=timezone.now()), errors)
    taken = {m.date for m in Meeting.objects.filter(body=body)}
    created = []
    for day in schedule_dates(first=first, frequency=frequency, count=count):
        if day in taken:
            continue
        start = timezone.make_aware(dt.datetime.combine(day, time))
        created.append(
            meeting_create(actor=actor, body=body, start=start, venue=venue, reason=reason)
        )
    return created


def _move(meeting: Meeting, to: str, errors: dict[str, list[str]]) -> None:
    if to not in TRANSITIONS[Status(meeting.status)]:
        add_error(
            errors,
            "status",
            f"A meeting that is {meeting.get_status_display().lower()} cannot become "
            f"{Status(to).label.lower()}.",
        )
    meeting.status = to


@transaction.atomic
def meeting_agenda_publish(
    *, actor: Actor, meeting: Meeting, published_on: dt.date, reason: str = ""
) -> Meeting:
    """Publish the agenda; items added after the body's deadline become late items."""
    deny_unless(permissions.can_edit(actor, meeting), "You may not publish this agenda.")
    errors: dict[str, list[str]] = {}
    _move(meeting, Status.AGENDA_PUBLISHED, errors)
    meeting.agenda_published_on = published_on
    check_and_save(meeting, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return meeting


@transaction.atomic
def meeting_mark_held(*, actor: Actor, meeting: Meeting, reason: str = "") -> Meeting:
    """Record that the meeting took place."""
    deny_unless(permissions.can_edit(actor, meeting), "You may not change this meeting.")
    errors: dict[str, list[str]] = {}
    _move(meeting, Status.HELD, errors)
    check_and_save(meeting, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return meeting
