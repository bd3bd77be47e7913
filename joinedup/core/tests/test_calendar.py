"""The calendar engine against the worked tests T1-T9 and T12 of the governance reference (pure)."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from joinedup.core.calendar import (
    CalendarHorizonError,
    UnknownRuleError,
    WorkingCalendar,
    add_months,
    bank_holidays,
    build_calendars,
    compute_deadline,
    get_rule,
    horizon,
    load_rules,
    parse_start,
)

D = dt.date

WORKED_CASES = [
    # T1: statutory acknowledgement, 3 wd after receipt.
    ("T1 19 Dec", "nhs-complaint-ack", D(2025, 12, 19), D(2025, 12, 24)),
    ("T1 23 Dec 2025", "nhs-complaint-ack", D(2025, 12, 23), D(2025, 12, 30)),
    ("T1 23 Dec 2026", "nhs-complaint-ack", D(2026, 12, 23), D(2026, 12, 30)),
    ("T1 Easter", "nhs-complaint-ack", D(2026, 4, 2), D(2026, 4, 9)),
    # T2: 12-month time limit from the later date; 6-month period commencing on receipt.
    ("T2 time limit", "nhs-complaint-time-limit", D(2025, 3, 1), D(2026, 3, 1)),
    ("T2 six months", "nhs-complaint-six-months", D(2025, 12, 19), D(2026, 6, 18)),
    # T3: oral complaint, next working day.
    ("T3 next working day", "nhs-oral-next-working-day", D(2026, 4, 2), D(2026, 4, 7)),
    # T4: Complaint Handling Code.
    ("T4 s1 ack", "code-stage1-ack", D(2025, 12, 22), D(2025, 12, 31)),
    ("T4 s1 response", "code-stage1-response", D(2025, 12, 31), D(2026, 1, 15)),
    ("T4 s1 extension", "code-stage1-extension", D(2026, 1, 15), D(2026, 1, 29)),
    ("T4 s2 ack", "code-stage2-ack", D(2026, 1, 16), D(2026, 1, 23)),
    ("T4 s2 response", "code-stage2-response", D(2026, 1, 23), D(2026, 2, 20)),
    ("T4 s2 extension", "code-stage2-extension", D(2026, 2, 20), D(2026, 3, 20)),
    # T5: cross-body complaint, each body's own clock.
    ("T5 council ack", "nhs-complaint-ack", D(2026, 1, 5), D(2026, 1, 8)),
    ("T5 trust ack", "nhs-complaint-ack", D(2026, 1, 6), D(2026, 1, 9)),
    # T6: agenda publication.
    ("T6 council 6 Jan", "agenda-council", D(2026, 1, 6), D(2025, 12, 24)),
    ("T6 council 8 Apr", "agenda-council", D(2026, 4, 8), D(2026, 3, 27)),
    ("T6 ICB board", "agenda-nhs-board", D(2026, 1, 8), D(2026, 1, 2)),
    # T7: key decision (calendar-day default), general exception, private meeting.
    ("T7 key decision", "key-decision-notice", D(2026, 2, 4), D(2026, 1, 6)),
    ("T7 general exception", "key-decision-general-exception", D(2026, 2, 4), D(2026, 1, 27)),
    ("T7 private intention", "private-meeting-intention", D(2026, 2, 4), D(2026, 1, 6)),
    ("T7 private notice", "private-meeting-notice", D(2026, 2, 4), D(2026, 1, 27)),
    # T8: call-in window.
    ("T8 call-in", "call-in", D(2026, 4, 2), D(2026, 4, 13)),
    # T9: interests.
    ("T9 notify MO", "interest-notify", D(2026, 2, 10), D(2026, 3, 10)),
    ("T9 gift", "gift-register", D(2026, 3, 1), D(2026, 3, 29)),
    # T12: information governance.
    ("T12 FOI", "foi", D(2026, 3, 16), D(2026, 4, 16)),
    ("T12 SAR", "sar", D(2026, 1, 31), D(2026, 3, 2)),
]


@pytest.fixture(scope="module")
def calendars() -> dict[str, WorkingCalendar]:
    return build_calendars()


@pytest.mark.parametrize(
    ("rule", "start", "due"), [case[1:] for case in WORKED_CASES], ids=[c[0] for c in WORKED_CASES]
)
def test_it_gives_the_worked_due_dates(calendars, rule, start, due):
    assert compute_deadline(rule, start, calendars).due == due


def test_it_gives_the_latest_calendar_day_for_agendas(calendars):
    cases = [
        ("agenda-council", D(2026, 1, 6), D(2025, 12, 28)),
        ("agenda-council", D(2026, 4, 8), D(2026, 3, 29)),
        ("agenda-nhs-board", D(2026, 1, 8), D(2026, 1, 4)),
    ]
    for rule, meeting, latest in cases:
        assert compute_deadline(rule, meeting, calendars).also["latest_calendar_day"] == latest


def test_it_counts_key_decisions_in_working_days_for_the_working_variant(calendars):
    result = compute_deadline("key-decision-notice", D(2026, 2, 4), calendars, variant="working")
    assert result.due == D(2025, 12, 22)
    assert result.profile == "eng"


def test_it_gives_implementable_from_the_working_day_after_call_in(calendars):
    result = compute_deadline("call-in", D(2026, 4, 2), calendars)
    assert result.also["implementable_from"] == D(2026, 4, 14)


def test_it_counts_breach_reports_in_clock_hours(calendars):
    result = compute_deadline("ico-breach", dt.datetime(2025, 12, 19, 10, 0), calendars)
    assert result.due == dt.datetime(2025, 12, 22, 10, 0)
    assert result.due_iso == "2025-12-22T10:00"


def test_it_treats_a_breach_date_as_midnight(calendars):
    result = compute_deadline("ico-breach", D(2025, 12, 19), calendars)
    assert result.due == dt.datetime(2025, 12, 22, 0, 0)


def test_it_counts_elapsed_hours_across_a_clock_change(calendars):
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    # Clocks go forward at 01:00 on Sun 29 Mar 2026, so 72 elapsed hours end at 11:00 local.
    result = compute_deadline("ico-breach", dt.datetime(2026, 3, 27, 10, tzinfo=london), calendars)
    assert result.due == dt.datetime(2026, 3, 30, 11, tzinfo=london)


def test_it_would_be_wrong_without_the_england_subdivision():
    first, last = horizon()
    uk_only = {day: name for day, name in holidays.UK(years=range(2025, 2027)).items()}
    trap = WorkingCalendar(name="uk-without-subdiv", closed=uk_only, first=first, last=last)
    assert compute_deadline("nhs-complaint-ack", D(2026, 4, 2), {"eng": trap}).due == D(2026, 4, 8)
    right = build_calendars()
    assert compute_deadline("nhs-complaint-ack", D(2026, 4, 2), right).due == D(2026, 4, 9)
    assert right["eng"].why_closed(D(2026, 4, 6)) == "Easter Monday"
    assert right["eng"].why_closed(D(2026, 8, 31)) == "Late Summer Bank Holiday"


def test_it_would_give_15_april_for_foi_with_an_england_only_calendar(calendars):
    wrong = {"uk": calendars["eng"]}
    assert compute_deadline("foi", D(2026, 3, 16), wrong).due == D(2026, 4, 15)


def test_it_labels_holidays_that_only_some_parts_of_the_uk_keep():
    found = bank_holidays(["ENG", "SCT", "NIR"], [2026])
    assert found[D(2026, 3, 17)] == "Saint Patrick's Day (NIR)"
    assert found[D(2026, 12, 25)] == "Christmas Day"


def test_it_explains_each_day_counted_or_skipped(calendars):
    lines = compute_deadline("nhs-complaint-ack", D(2025, 12, 23), calendars).explanation()
    assert lines == [
        "2025-12-23 start: day 0, not counted",
        "2025-12-24 counted: working day 1 of 3",
        "2025-12-25 skipped: Christmas Day",
        "2025-12-26 skipped: Boxing Day",
        "2025-12-27 skipped: Saturday",
        "2025-12-28 skipped: Sunday",
        "2025-12-29 counted: working day 2 of 3",
        "2025-12-30 counted: working day 3 of 3",
        "due: 2025-12-30",
    ]


def test_it_explains_publication_stepping_back_to_a_working_day(calendars):
    lines = compute_deadline("agenda-council", D(2026, 1, 6), calendars).explanation()
    assert "2025-12-29 counted: clear working day 5 of 5" in lines
    assert "2025-12-25 skipped: Christmas Day; publication must be on a working day" in lines
    assert lines[-2:] == ["due: 2025-12-24", "latest_calendar_day: 2025-12-28"]


def test_it_explains_the_end_of_a_short_month(calendars):
    lines = compute_deadline("sar", D(2026, 1, 31), calendars).explanation()
    assert any("no day 31, so the last day of the month" in line for line in lines)
    assert "2026-02-28 skipped: Saturday; moved to the next working day" in lines


def test_it_refuses_dates_beyond_the_horizon(calendars):
    first, last = horizon()
    assert (first, last) == (D(2000, 1, 1), D(2030, 12, 31))
    with pytest.raises(CalendarHorizonError, match="outside the calendar's known horizon"):
        compute_deadline("nhs-complaint-ack", D(2031, 1, 6), calendars)
    with pytest.raises(CalendarHorizonError):
        compute_deadline("sar", D(1999, 12, 1), calendars)


def test_it_refuses_a_count_that_runs_past_the_horizon(calendars):
    assert compute_deadline("foi", D(2030, 11, 1), calendars).due.year == 2030
    with pytest.raises(CalendarHorizonError) as caught:
        compute_deadline("foi", D(2030, 12, 20), calendars)
    assert caught.value.day == D(2031, 1, 1)


def test_it_refuses_an_unknown_rule_and_lists_the_known_ones(calendars):
    with pytest.raises(UnknownRuleError) as caught:
        compute_deadline("nhs-complaint-acknowledgement", D(2026, 1, 5), calendars)
    assert "nhs-complaint-ack" in caught.value.known
    assert "Known rules: agenda-council" in str(caught.value)


def test_it_loads_every_rule_with_a_source_and_a_known_profile():
    rules = load_rules()
    assert {"nhs-complaint-ack", "foi", "sar", "ico-breach", "call-in"} <= set(rules)
    profiles = set(build_calendars())
    for rule in rules.values():
        assert rule.source and rule.description and rule.n > 0
        assert rule.profile in profiles
        assert rule.working_profile in profiles | {None}


def test_it_keeps_statutory_rules_free_of_organisation_closures():
    for name in ("nhs-complaint-ack", "code-stage1-ack", "foi", "sar"):
        assert get_rule(name).organisation_closures is False
    assert get_rule("agenda-council").organisation_closures is True


def test_it_adds_months_with_the_corresponding_date_rule():
    assert add_months(D(2026, 1, 31), 1) == (D(2026, 2, 28), True)
    assert add_months(D(2024, 1, 31), 1) == (D(2024, 2, 29), True)
    assert add_months(D(2025, 12, 19), 6) == (D(2026, 6, 19), False)
    assert add_months(D(2025, 11, 30), 3) == (D(2026, 2, 28), True)


def test_it_parses_dates_and_date_times():
    assert parse_start("2025-12-19") == D(2025, 12, 19)
    assert parse_start("2025-12-19T10:00") == dt.datetime(2025, 12, 19, 10, 0)
    with pytest.raises(ValueError):
        parse_start("19/12/2025")
