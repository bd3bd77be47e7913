"""Quorum, decisions and call-in (T8), minutes approval and the meeting state machine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from joinedup.meetings import quorum, selectors, services
from joinedup.meetings.models import Decision, Meeting, MinuteItem, Minutes
from joinedup.meetings.tests.conftest import at, present
from joinedup.partnerships import services as partnership_services

D = dt.date


def test_it_computes_the_quorum_from_fraction_and_minimum():
    assert quorum.quorum_required(12) == 3
    assert quorum.quorum_required(20, fraction=Decimal("0.25"), minimum=3) == 5
    assert quorum.quorum_required(8, fraction=Decimal("0.5"), minimum=2) == 4
    assert quorum.quorum_required(2, minimum=3) == 2
    assert quorum.quorum_check(voting_members=8, present_voting=3).quorate


def test_it_uses_the_terms_of_reference_quorum(world, committee, meeting):
    po = world["programme_officer"]
    tor = partnership_services.tor_version_create(
        actor=po, body=committee, quorum_fraction=Decimal("0.5"), quorum_minimum=2
    )
    partnership_services.tor_version_approve(
        actor=po, tor=tor, approved_on=D(2025, 1, 1), approved_by=committee
    )
    present(world, meeting, "board_member")
    result = selectors.meeting_quorum(meeting)
    assert (result.required, result.present, result.quorate) == (2, 1, False)
    present(world, meeting, "viewer")
    assert selectors.meeting_quorum(meeting).quorate


def test_it_counts_a_substitute_but_not_a_remote_attendee(world, committee, meeting):
    seat = committee.memberships.get(person=world["viewer"])
    po = world["programme_officer"]
    services.attendance_record(
        actor=po, meeting=meeting, person=world["partner_lead"], substitute_for=seat
    )
    services.attendance_record(
        actor=po, meeting=meeting, person=world["board_member"], in_person=False
    )
    assert selectors.meeting_quorum(meeting).present == 1


def test_it_refuses_a_decision_below_quorum(world, item):
    present(world, item.meeting, "board_member")
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            actor=world["programme_officer"], item=item, title="X", text="(a) noted"
        )
    assert "item" in error.value.message_dict
    assert not Decision.objects.exists()


def _cabinet_decision(world, **kwargs):
    po = world["programme_officer"]
    cabinet = partnership_services.body_create(
        actor=po,
        partnership=world.own,
        name="Cabinet",
        kind="cabinet",
        owner_organisation=world.council,
        publication_rule="agenda-council",
    )
    meeting = services.meeting_create(
        actor=po, body=cabinet, start=at(D(2026, 4, 2)), venue="Brockington"
    )
    item = services.agenda_item_create(actor=po, meeting=meeting, title="Shared services")
    return services.decision_record(
        actor=po, item=item, title="Shared services", text="(a) approve", **kwargs
    )


def test_it_runs_the_call_in_window_t8(world):
    po = world["programme_officer"]
    decision = _cabinet_decision(world)
    assert decision.call_in_state == "open"
    services.decision_publish(actor=po, decision=decision, published_on=D(2026, 4, 2))
    assert selectors.decision_clock(decision).deadline == D(2026, 4, 13)
    assert selectors.decision_implementable_from(decision) == D(2026, 4, 14)
    services.decision_call_in(actor=po, decision=decision, called_in_on=D(2026, 4, 10))
    assert decision.call_in_state == "called_in"
    assert selectors.decision_implementable_from(decision) is None
    services.decision_call_in_resolve(
        actor=po, decision=decision, considered_on=D(2026, 4, 20), outcome="confirmed"
    )
    assert selectors.decision_implementable_from(decision) == D(2026, 4, 20)


def test_it_refuses_a_call_in_after_the_window_t8(world):
    po = world["programme_officer"]
    decision = _cabinet_decision(world, published_on=D(2026, 4, 2))
    with pytest.raises(ValidationError) as error:
        services.decision_call_in(actor=po, decision=decision, called_in_on=D(2026, 4, 14))
    assert "called_in_on" in error.value.message_dict
    assert Decision.objects.get(pk=decision.pk).call_in_state == "open"


def test_it_makes_an_urgent_decision_implementable_at_once_t8(world):
    decision = _cabinet_decision(
        world, published_on=D(2026, 4, 2), urgency_agreed_by="Chair of Overview and Scrutiny"
    )
    assert decision.call_in_state == "urgent"
    assert selectors.decision_implementable_from(decision) == D(2026, 4, 2)


def test_it_makes_approved_minutes_read_only(world, committee, item):
    po = world["programme_officer"]
    minute = services.minute_record(actor=po, item=item, resolutions="(a) noted")
    services.action_arising_create(
        actor=po,
        minute=minute,
        description="Report back",
        owner=world["board_member"],
        due_on=D(2026, 3, 1),
    )
    nxt = services.meeting_create(actor=po, body=committee, start=at(D(2026, 2, 3)), venue="Hall")
    services.minutes_approve(
        actor=po,
        minutes=minute.minutes,
        approved_at=nxt,
        signed_by=world["board_member"],
        signed_on=D(2026, 2, 3),
    )
    with pytest.raises(ValidationError) as error:
        services.minute_record(actor=po, item=item, resolutions="(a) rewritten")
    assert "minutes" in error.value.message_dict
    assert MinuteItem.objects.get(pk=minute.pk).resolutions == "(a) noted"
    with pytest.raises(ValidationError):
        services.action_arising_create(
            actor=po,
            minute=minute,
            description="Sneak in",
            owner_title="Clerk",
            due_on=D(2026, 3, 1),
        )


def test_it_refuses_approval_at_an_earlier_meeting(world, committee, item):
    po = world["programme_officer"]
    minute = services.minute_record(actor=po, item=item, resolutions="(a) noted")
    earlier = services.meeting_create(
        actor=po, body=committee, start=at(D(2025, 12, 1)), venue="Hall"
    )
    with pytest.raises(ValidationError) as error:
        services.minutes_approve(
            actor=po,
            minutes=minute.minutes,
            approved_at=earlier,
            signed_by=world["board_member"],
            signed_on=D(2026, 2, 3),
        )
    assert "approved_at" in error.value.message_dict
    assert Minutes.objects.get(pk=minute.minutes.pk).status == "draft"


def test_it_requires_an_owner_and_due_date_for_actions(world, item):
    minute = services.minute_record(actor=world["programme_officer"], item=item, discussion="x")
    with pytest.raises(ValidationError) as error:
        services.action_arising_create(
            actor=world["programme_officer"], minute=minute, description="Do it"
        )
    assert {"owner", "due_on"} <= set(error.value.message_dict)


def test_it_moves_a_meeting_through_its_states(world, meeting):
    po = world["programme_officer"]
    with pytest.raises(ValidationError):
        services.meeting_mark_held(actor=po, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"
    services.meeting_agenda_publish(actor=po, meeting=meeting, published_on=D(2025, 12, 23))
    services.meeting_mark_held(actor=po, meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == "held"


def test_it_refuses_an_exempt_item_without_a_paragraph(world, meeting):
    with pytest.raises(ValidationError) as error:
        services.agenda_item_create(
            actor=world["programme_officer"],
            meeting=meeting,
            title="Secret",
            confidentiality="exempt",
            public_interest_reasoning="Because",
        )
    assert "exempt_paragraph" in error.value.message_dict


def test_it_generates_a_schedule(world, committee):
    created = services.meeting_schedule_generate(
        actor=world["programme_officer"],
        body=committee,
        first=D(2026, 1, 31),
        frequency="monthly",
        count=3,
        venue="Hall",
    )
    assert [m.date for m in created] == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31)]
    again = services.meeting_schedule_generate(
        actor=world["programme_officer"],
        body=committee,
        first=D(2026, 1, 31),
        frequency="monthly",
        count=3,
        venue="Hall",
    )
    assert again == []


def test_it_refuses_a_council_meeting_without_a_venue(world, committee):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=world["programme_officer"], body=committee, start=at(D(2026, 5, 1))
        )
    assert "venue" in error.value.message_dict


def test_it_knows_no_quorum_until_attendance_is_recorded(world, meeting, item):
    unknown = selectors.meeting_quorum(meeting)
    assert not unknown.attendance_recorded
    assert unknown.explain() == "its attendance has not been recorded"
    with pytest.raises(ValidationError, match="Record the meeting's attendance first"):
        services.decision_record(
            actor=world["programme_officer"], item=item, title="X", text="(a) noted"
        )
    services.attendance_record(
        actor=world["programme_officer"],
        meeting=meeting,
        person=world["board_member"],
        status="apologies",
    )
    known = selectors.meeting_quorum(meeting)
    assert known.attendance_recorded and not known.quorate
    assert known.explain() == "0 voting members present, 3 needed"
