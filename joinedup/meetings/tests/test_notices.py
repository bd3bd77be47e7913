"""Key decision notices (T7): the forward plan, the general exception and special urgency, and
the refusal of a key decision taken without a valid route."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from joinedup.meetings import keydecisions, selectors, services
from joinedup.meetings.clocks import KeyDecisionClock
from joinedup.meetings.models import Decision, KeyDecisionNotice
from joinedup.meetings.tests.conftest import at, present
from joinedup.partnerships import services as partnership_services

D = dt.date
DECISION_DAY = D(2026, 2, 4)
T7 = KeyDecisionClock(forward_plan_due=D(2026, 1, 6), general_exception_due=D(2026, 1, 27))


@pytest.fixture
def cabinet(world):
    return partnership_services.body_create(
        actor=world["programme_officer"],
        partnership=world.own,
        name="Cabinet",
        kind="cabinet",
        owner_organisation=world.council,
        publication_rule="agenda-council",
        confidentiality="public",
    )


def _notice(world, cabinet, **values):
    return services.key_decision_notice_create(
        actor=world["programme_officer"],
        body=cabinet,
        matter="Close the day centre",
        expected_decision_on=DECISION_DAY,
        **values,
    )


def _key_item(world, cabinet, notice=None):
    po = world["programme_officer"]
    meeting = services.meeting_create(
        actor=po, body=cabinet, start=at(DECISION_DAY), venue="Brockington"
    )
    for person in ("board_member", "contributor", "viewer"):
        partnership_services.body_membership_create(actor=po, body=cabinet, person=world[person])
    present(world, meeting, "board_member", "contributor", "viewer")
    return services.agenda_item_create(
        actor=po,
        meeting=meeting,
        title="Close the day centre",
        decision_type="key_decision",
        key_decision_notice=notice,
    )


def test_it_accepts_a_forward_plan_notice_28_clear_days_before_t7(world, cabinet):
    notice = _notice(world, cabinet, first_published_on=D(2026, 1, 6))
    assert notice.route == "forward_plan" and notice.decision_maker == "Cabinet"
    assert selectors.notice_clock(notice).forward_plan_due == D(2026, 1, 6)


def test_it_refuses_the_forward_plan_route_a_day_late_t7(world, cabinet):
    with pytest.raises(ValidationError) as error:
        _notice(world, cabinet, first_published_on=D(2026, 1, 7))
    message = error.value.message_dict["route"][0]
    assert "Tuesday 6 January 2026" in message and "general exception" in message
    assert not KeyDecisionNotice.objects.exists()


def test_it_checks_both_general_exception_steps_by_27_january_t7(world, cabinet):
    with pytest.raises(ValidationError) as error:
        _notice(
            world,
            cabinet,
            route="general_exception",
            first_published_on=D(2026, 1, 20),
            os_chair_informed_on=D(2026, 1, 28),
        )
    assert "Tuesday 27 January 2026" in error.value.message_dict["os_chair_informed_on"][0]
    assert "exception_notice_published_on" in error.value.message_dict
    notice = _notice(
        world,
        cabinet,
        route="general_exception",
        first_published_on=D(2026, 1, 27),
        os_chair_informed_on=D(2026, 1, 27),
        exception_notice_published_on=D(2026, 1, 27),
    )
    assert notice.route == "general_exception"


def test_it_needs_the_recorded_agreement_for_special_urgency_t7(world, cabinet):
    with pytest.raises(ValidationError) as error:
        _notice(world, cabinet, route="special_urgency", first_published_on=D(2026, 2, 2))
    assert {"urgency_agreed_by", "urgency_agreed_on"} <= set(error.value.message_dict)
    notice = _notice(
        world,
        cabinet,
        route="special_urgency",
        urgency_agreed_by="os_chair",
        urgency_agreed_on=D(2026, 2, 2),
        urgency_reasons="The grant offer lapses on 6 February.",
    )
    assert notice.pk


def test_it_refuses_a_private_notice_without_a_paragraph(world, cabinet):
    with pytest.raises(ValidationError) as error:
        _notice(world, cabinet, first_published_on=D(2026, 1, 2), private=True)
    assert "private_paragraph" in error.value.message_dict


def test_it_refuses_a_key_decision_without_a_notice(world, cabinet):
    item = _key_item(world, cabinet)
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            actor=world["programme_officer"], item=item, title="Close", text="(a) close"
        )
    message = error.value.message_dict["key_decision_notice"][0]
    assert "no valid notice route" in message and "Tuesday 6 January 2026" in message
    assert not Decision.objects.exists()


def test_it_records_a_key_decision_under_a_valid_notice(world, cabinet):
    notice = _notice(world, cabinet, first_published_on=D(2026, 1, 5))
    item = _key_item(world, cabinet, notice)
    decision = services.decision_record(
        actor=world["programme_officer"], item=item, title="Close", text="(a) close"
    )
    assert decision.key_decision and selectors.decision_route(decision) == "forward_plan"


def test_it_refuses_a_key_decision_when_the_meeting_moved_too_close_to_the_notice(world, cabinet):
    # Published 6 January for 4 February; the meeting is then brought forward to 3 February.
    notice = _notice(world, cabinet, first_published_on=D(2026, 1, 6))
    item = _key_item(world, cabinet, notice)
    services.meeting_update(
        actor=world["programme_officer"], meeting=item.meeting, start=at(D(2026, 2, 3))
    )
    item.meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            actor=world["programme_officer"], item=item, title="Close", text="(a) close"
        )
    assert "does not cover it" in error.value.message_dict["key_decision_notice"][0]


def test_it_refuses_a_notice_on_an_item_that_is_not_a_key_decision(world, cabinet, meeting):
    notice = _notice(world, cabinet, first_published_on=D(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        services.agenda_item_create(
            actor=world["programme_officer"],
            meeting=meeting,
            title="Noting",
            key_decision_notice=notice,
        )
    assert "key_decision_notice" in error.value.message_dict


def test_it_refuses_a_viewer_publishing_a_notice(world, cabinet):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.key_decision_notice_create(
            actor=world["viewer"],
            body=cabinet,
            matter="X",
            expected_decision_on=DECISION_DAY,
            first_published_on=D(2026, 1, 1),
        )


days = st.dates(min_value=D(2025, 10, 1), max_value=DECISION_DAY)


@given(published=days)
def test_the_forward_plan_holds_exactly_up_to_the_due_day(published):
    dates = keydecisions.NoticeDates(route="forward_plan", first_published_on=published)
    valid = keydecisions.route_valid(dates, clock=T7, decided_on=DECISION_DAY)
    assert valid == (published <= T7.forward_plan_due)


@given(informed=days, notice=days)
def test_the_general_exception_needs_both_steps_in_time(informed, notice):
    dates = keydecisions.NoticeDates(
        route="general_exception",
        os_chair_informed_on=informed,
        exception_notice_published_on=notice,
    )
    valid = keydecisions.route_valid(dates, clock=T7, decided_on=DECISION_DAY)
    assert valid == (max(informed, notice) <= T7.general_exception_due)


@given(agreed=days, who=st.sampled_from(["", "os_chair", "chairman", "vice_chairman", "leader"]))
def test_special_urgency_holds_with_a_recognised_agreement(agreed, who):
    dates = keydecisions.NoticeDates(
        route="special_urgency", urgency_agreed_on=agreed, urgency_agreed_by=who
    )
    valid = keydecisions.route_valid(dates, clock=T7, decided_on=DECISION_DAY)
    assert valid == (who in keydecisions.URGENCY_AGREERS)
