"""Reads for attendance: the voting seats on the day, who is present, the terms in force and
the quorum they give."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Q

from joinedup.meetings import quorum
from joinedup.meetings.models import Attendance, Meeting, ProcedureRules
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
    seats = list(voting_seats(meeting).select_related("representing"))
    if not seats:
        return None
    counted = voters_present(meeting, absent=absent, seats=seats)
    tor = terms_in_force(meeting)
    by_org = Counter(org.name for org in counted.values())
    return quorum.quorum_check(
        voting_members=len(seats),
        present_voting=len(counted),
        fraction=tor.quorum_fraction if tor else None,
        minimum=tor.quorum_minimum if tor else None,
        organisation_minimums=organisation_minimums(tor),
        present_by_organisation=by_org,
        attendance_recorded=Attendance.objects.filter(meeting=meeting).exists(),
    )


def voters_present(
    meeting: Meeting, *, absent: set[int] = frozenset(), seats: list[Any] | None = None
) -> dict[int, Any]:
    """{person id: organisation represented} of the voting members present in person.

    A substitute counts for the seat they fill (and the organisation that seat represents).
    """
    seats = list(voting_seats(meeting).select_related("representing")) if seats is None else seats
    by_person = {seat.person_id: seat for seat in seats}
    by_id = {seat.pk: seat for seat in seats}
    present = Attendance.objects.filter(
        meeting=meeting, status=Attendance.Status.PRESENT, in_person=True
    ).exclude(person_id__in=absent)
    counted = {}
    for row in present:
        seat = by_person.get(row.person_id) or by_id.get(row.substitute_for_id)
        if seat is not None:
            counted[row.person_id] = seat.representing
    return counted


def procedure_rules(tor: TermsOfReference | None) -> ProcedureRules | None:
    if tor is None:
        return None
    return ProcedureRules.objects.filter(terms=tor).first()


def organisation_minimums(tor: TermsOfReference | None) -> dict[str, int]:
    """The cross-organisation quorum of the terms of reference: {organisation name: minimum}."""
    rules = procedure_rules(tor)
    if rules is None:
        return {}
    return {
        req.organisation.name: req.minimum for req in rules.quorum.select_related("organisation")
    }
