"""T6, T7 and T8 of the governance rules, through the clocks and the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from joinedup.accounts.models import Organisation
from joinedup.meetings import clocks, selectors, services
from joinedup.meetings.models import AgendaItem, MinuteItem
from joinedup.meetings.tests.conftest import at

D = dt.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "meeting_day", "latest", "calendar_day"),
    [
        ("agenda-council", D(2026, 1, 6), D(2025, 12, 24), D(2025, 12, 28)),
        ("agenda-council", D(2026, 4, 8), D(2026, 3, 27), D(2026, 3, 29)),
        ("agenda-nhs-board", D(2026, 1, 8), D(2026, 1, 2), D(2026, 1, 4)),
    ],
)
def test_it_gives_the_latest_agenda_publication_day_t6(rule, meeting_day, latest, calendar_day):
    assert clocks.agenda_deadline(rule=rule, meeting_date=meeting_day) == latest
    from joinedup.core.calendar import deadline_calculate

    found = deadline_calculate(rule=rule, start=meeting_day)
    assert found.also["latest_calendar_day"] == calendar_day


def test_it_gives_no_deadline_for_a_body_without_a_rule(db):
    assert clocks.agenda_deadline(rule="none", meeting_date=D(2026, 1, 6)) is None


def test_it_flags_an_item_added_on_5_january_as_late_t6(world, meeting):
    late = services.agenda_item_create(
        actor=world["programme_officer"], meeting=meeting, title="Urgent", added_on=D(2026, 1, 5)
    )
    assert selectors.item_is_late(late)
    on_time = services.agenda_item_create(
        actor=world["programme_officer"], meeting=meeting, title="Usual", added_on=D(2025, 12, 24)
    )
    assert not selectors.item_is_late(on_time)


def test_it_refuses_to_mark_a_late_item_considered_without_the_urgency_reason(world, meeting):
    po = world["programme_officer"]
    late = services.agenda_item_create(
        actor=po, meeting=meeting, title="Urgent", added_on=D(2026, 1, 5)
    )
    with pytest.raises(ValidationError) as error:
        services.agenda_item_mark_considered(actor=po, item=late)
    assert "urgency_reason" in error.value.message_dict
    assert not AgendaItem.objects.get(pk=late.pk).considered


def test_it_carries_the_urgency_reason_into_the_minutes(world, meeting):
    po = world["programme_officer"]
    late = services.agenda_item_create(
        actor=po, meeting=meeting, title="Urgent", added_on=D(2026, 1, 5)
    )
    reason = "The grant offer expires before the next meeting."
    services.agenda_item_mark_considered(actor=po, item=late, urgency_reason=reason)
    minute = services.minute_record(actor=po, item=late, discussion="Discussed.")
    assert MinuteItem.objects.get(pk=minute.pk).urgency_reason == reason


@pytest.mark.django_db
def test_it_gives_both_key_decision_notice_dates_t7():
    calendar = clocks.key_decision_clock(decision_date=D(2026, 2, 4), variant="calendar")
    working = clocks.key_decision_clock(decision_date=D(2026, 2, 4), variant="working")
    assert calendar.forward_plan_due == D(2026, 1, 6)
    assert working.forward_plan_due == D(2025, 12, 22)
    assert calendar.general_exception_due == D(2026, 1, 27)
    assert calendar.route_available(D(2026, 1, 6)) == "forward_plan"
    assert calendar.route_available(D(2026, 1, 20)) == "general_exception"
    assert calendar.route_available(D(2026, 1, 28)) == "special_urgency"


def test_it_lets_the_organisation_setting_pick_the_day_rule_t7(db):
    council = Organisation.objects.create(slug="c", name="C", key_decision_day_rule="working")
    found = clocks.key_decision_clock(decision_date=D(2026, 2, 4), organisation=council)
    assert found.forward_plan_due == D(2025, 12, 22)


@pytest.mark.django_db
def test_it_gives_the_private_meeting_notices_t7():
    assert clocks.private_meeting_notices(meeting_date=D(2026, 2, 4)) == (
        D(2026, 1, 6),
        D(2026, 1, 27),
    )


def _key_item(world, committee, **kwargs):
    meeting = services.meeting_create(
        actor=world["programme_officer"], body=committee, start=at(D(2026, 2, 4)), venue="Hall"
    )
    return services.agenda_item_create(
        actor=world["programme_officer"],
        meeting=meeting,
        title="Close the day centre",
        decision_type="key_decision",
        **kwargs,
    )


def test_it_refuses_the_forward_plan_route_for_a_late_notice_t7(world, committee):
    with pytest.raises(ValidationError) as error:
        _key_item(world, committee, notice_route="forward_plan", notice_published_on=D(2026, 1, 7))
    assert "notice_route" in error.value.message_dict
    assert not AgendaItem.objects.filter(title="Close the day centre").exists()


def test_it_requires_the_os_chair_agreement_for_special_urgency_t7(world, committee):
    with pytest.raises(ValidationError) as error:
        _key_item(world, committee, notice_route="special_urgency")
    assert "os_chair_agreed_on" in error.value.message_dict
    item = _key_item(
        world, committee, notice_route="special_urgency", os_chair_agreed_on=D(2026, 1, 30)
    )
    assert item.notice_route == "special_urgency"


def test_it_accepts_a_general_exception_with_the_chair_informed_t7(world, committee):
    item = _key_item(
        world,
        committee,
        notice_route="general_exception",
        notice_published_on=D(2026, 1, 27),
        os_chair_informed_on=D(2026, 1, 27),
    )
    assert item.pk


@pytest.mark.django_db
def test_it_gives_the_call_in_window_t8():
    found = clocks.call_in_clock(published_on=D(2026, 4, 2))
    assert found.deadline == D(2026, 4, 13)
    assert found.implementable_from == D(2026, 4, 14)
