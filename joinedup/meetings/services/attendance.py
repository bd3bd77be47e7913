"""Writes for attendance, and the quorum it gives (from the terms of reference)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.lookups import refuse
from joinedup.meetings.models import Attendance, Meeting
from joinedup.meetings.services._common import UNSET, add_error, deny_unless, save_child
from joinedup.partnerships.lookups import check_seat
from joinedup.partnerships.models import BodyMembership


@transaction.atomic
def attendance_record(
    *,
    actor: Actor,
    meeting: Meeting,
    person: Any,
    status: str = Attendance.Status.PRESENT,
    substitute_for: BodyMembership | None = None,
    in_person: bool = True,
    reason: str = "",
) -> Attendance:
    """Record (or change) one person's attendance at a meeting (a person of its partnership)."""
    outside: dict[str, list[str]] = {}
    check_person(meeting.partnership, person, "person", outside)
    check_seat(meeting.partnership, substitute_for, "substitute_for", outside)
    refuse(outside)
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
