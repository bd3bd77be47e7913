"""Properties of the engine that must hold for every date and every set of holidays."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.core.calendar import (
    WorkingCalendar,
    build_calendars,
    compute_deadline,
    load_rules,
)

CALENDARS = build_calendars()
RULES = load_rules()
FORWARD = [name for name, rule in RULES.items() if rule.kind != "clear_days_before"]
BACKWARD = [name for name, rule in RULES.items() if rule.kind == "clear_days_before"]
# Rules whose result must land on a working day of their calendar.
ON_WORKING_DAYS = [
    name
    for name, rule in RULES.items()
    if (rule.kind == "working_days_after" and rule.profile != "calendar") or rule.working_profile
]

starts = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2029, 6, 30))
extra_days = st.sets(
    st.dates(min_value=dt.date(2000, 6, 1), max_value=dt.date(2030, 6, 1)), max_size=8
)


def with_national(extra: set[dt.date]) -> dict[str, WorkingCalendar]:
    closed = dict.fromkeys(extra, "Injected holiday")
    return build_calendars(national=closed)


def landing_calendar(name: str, calendars: dict[str, WorkingCalendar]) -> WorkingCalendar:
    rule = RULES[name]
    return calendars[rule.working_profile or rule.profile]


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(ON_WORKING_DAYS), start=starts, extra=extra_days)
def test_it_never_lands_on_a_weekend_or_holiday_where_the_rule_forbids_it(name, start, extra):
    calendars = with_national(extra)
    due = compute_deadline(name, start, calendars).due
    assert isinstance(due, dt.date)
    assert due.weekday() < 5
    assert landing_calendar(name, calendars).why_closed(due) is None


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(FORWARD), start=starts, extra=extra_days)
def test_it_never_makes_a_deadline_earlier_when_a_holiday_is_added(name, start, extra):
    before = compute_deadline(name, start, CALENDARS).due
    after = compute_deadline(name, start, with_national(extra)).due
    assert after >= before


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(BACKWARD), meeting=starts, extra=extra_days)
def test_it_never_makes_a_publication_date_later_when_a_holiday_is_added(name, meeting, extra):
    before = compute_deadline(name, meeting, CALENDARS).due
    after = compute_deadline(name, meeting, with_national(extra)).due
    assert after <= before < meeting


@settings(max_examples=200, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=40), extra=extra_days)
def test_it_counts_exactly_n_working_days(start, n, extra):
    calendars = with_national(extra)
    rule = replace(RULES["foi"], n=n)
    due = compute_deadline(rule, start, calendars).due
    span = [start + dt.timedelta(days=i) for i in range(1, (due - start).days + 1)]
    working = [day for day in span if calendars["uk"].is_working_day(day)]
    assert len(working) == n
    assert working[-1] == due


@settings(max_examples=200, deadline=None)
@given(meeting=starts, n=st.integers(min_value=1, max_value=30))
def test_it_leaves_n_clear_working_days_between_publication_and_meeting(meeting, n):
    rule = replace(RULES["agenda-council"], n=n)
    published = compute_deadline(rule, meeting, CALENDARS).due
    between = [published + dt.timedelta(days=i) for i in range(1, (meeting - published).days)]
    assert sum(CALENDARS["eng"].is_working_day(day) for day in between) >= n
