"""Writes for attendance, and the quorum it gives (from the terms of reference)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from joinedup.core import permissions
from joinedup.meetings import quorum
from joinedup.meetings.models import Attendance, Meeting
from joinedup.meetings.services._common import UNSET, add_error, deny_unless, save_child
from joinedup.partnerships.models import BodyMembership, TermsOfReference

Role = BodyMembership.Role


def voting_seats(meeting: Meeting) -> Any:
    """The body's voting seats current on the day of the meeting (deputies stand in, not add)."""
    day = meeting.date
    return (
        BodyMembership.objects.filter(body=meeting.body, voting=True)
        .exclude(role=Role.DEPUTY)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
    )


def terms_in_force(meeting: Meeting) -> TermsOfReference | None:
    """The approved terms of reference in force on the meeting day (or the latest approved)."""
    approved = TermsOfReference.objects.filter(
        body=meeting.body, approved_on__isnull=False
    ).exclude(status=TermsOfReference.Status.DRAFT)
    return (
        approved.filter(approved_on__lte=meeting.date).order_by("-approved_on").first()
        or approved.order_by("-approved_on").first()
    )


def meeting_quorum(
    meeting: Meeting, *, absent: set[int] = frozenset()
) -> quorum.QuorumResult | None:
    """Quorum at the meeting, leaving out `absent` people (e.g. those who left for an item).

    None when the body has no voting seats recorded: there is nothing to count against.
    """
    seats = list(voting_seats(meeting))
    if not seats:
        return None
    seat_people = {seat.person_id for seat in seats}
    seat_ids = {seat.pk for seat in seats}
    present = Attendance.objects.filter(
        meeting=meeting, status=Attendance.Status.PRESENT, in_person=True
    ).exclude(person_id__in=absent)
    counted = {
        row.person_id
        for row in present
        if row.person_id in seat_people or row.substitute_for_id in seat_ids
    }
    tor = terms_in_force(meeting)
    return quorum.quorum_check(
        voting_members=len(seats),
        present_voting=len(counted),
        fraction=tor.quorum_fraction if tor else None,
        minimum=tor.quorum_minimum if tor else None,
    )


@transaction.atomic
def attendance_record(
    *,
    actor: Any,
    meeting: Meeting,
    person: Any,
    status: str = Attendance.Status.PRESENT,
    substitute_for: BodyMembership | None = None,
    in_person: bool = True,
    reason: str = "",
) -> Attendance:
    """Record (or change) one person's attendance at a meeting."""
    deny_unless(permissions.can_edit(actor, meeting), "You may not record attendance here.")
    row = Attendance.objects.filter(meeting=meeting, person=person).first()
    if row is None:
        row = Attendance(partnership=meeting.partnership, meeting=meeting, person=person)
    row.status, row.substitute_for, row.in_person = status, substitute_for, in_person
    errors: dict[str, list[str]] = {}
    if substitute_for is not None and substitute_for.body_id != meeting.body_id:
        add_error(errors, "substitute_for", "Choose a member of this meeting's body.")
    if substitute_for is not None and substitute_for.person_id == getattr(person, "pk", None):
        add_error(errors, "substitute_for", "A member cannot substitute for themselves.")
    save_child(
        row, parent=meeting, errors=errors, actor=actor, reason=reason, confidentiality=UNSET
    )
    return row
