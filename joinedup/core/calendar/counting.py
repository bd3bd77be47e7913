"""Pure day-counting primitives; each returns its answer and the steps that explain it."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from joinedup.core.calendar.calendars import WorkingCalendar

ONE_DAY = dt.timedelta(days=1)
Outcome = Literal["start", "counted", "skipped", "moved", "note"]


@dataclass(frozen=True)
class Step:
    """One line of an explanation: a day, what happened to it, and why."""

    day: dt.date
    outcome: Outcome
    reason: str

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.outcome}: {self.reason}"


def _unit(cal: WorkingCalendar) -> str:
    return "day" if cal.counts_every_day else "working day"


def count_forward(cal: WorkingCalendar, start: dt.date, n: int) -> tuple[dt.date, list[Step]]:
    """The Nth working day after `start` (day 0, not counted), with each day counted or skipped."""
    cal.check(start)
    steps = [Step(start, "start", "day 0, not counted")]
    day, counted = start, 0
    while counted < n:
        day += ONE_DAY
        reason = cal.why_closed(day)
        if reason is not None:
            steps.append(Step(day, "skipped", reason))
            continue
        counted += 1
        steps.append(Step(day, "counted", f"{_unit(cal)} {counted} of {n}"))
    return day, steps


def clear_days_before(cal: WorkingCalendar, event: dt.date, n: int) -> tuple[dt.date, list[Step]]:
    """The latest calendar day leaving N clear qualifying days before `event` (not counted)."""
    cal.check(event)
    steps = [Step(event, "start", "day of the meeting or decision, not counted")]
    day, counted = event, 0
    while counted < n:
        day -= ONE_DAY
        reason = cal.why_closed(day)
        if reason is not None:
            steps.append(Step(day, "skipped", reason))
            continue
        counted += 1
        steps.append(Step(day, "counted", f"clear {_unit(cal)} {counted} of {n}"))
    latest = day - ONE_DAY
    steps.append(Step(latest, "note", "latest calendar day: the day before the earliest clear day"))
    return latest, steps


def back_to_working_day(cal: WorkingCalendar, day: dt.date) -> tuple[dt.date, list[Step]]:
    """`day` if it is a working day, else the working day before it."""
    steps = []
    while (reason := cal.why_closed(day)) is not None:
        steps.append(Step(day, "skipped", f"{reason}; publication must be on a working day"))
        day -= ONE_DAY
    return day, steps


def forward_to_working_day(cal: WorkingCalendar, day: dt.date) -> tuple[dt.date, list[Step]]:
    """`day` if it is a working day, else the next working day after it."""
    steps = []
    while (reason := cal.why_closed(day)) is not None:
        steps.append(Step(day, "skipped", f"{reason}; moved to the next working day"))
        day += ONE_DAY
    return day, steps


def next_working_day(cal: WorkingCalendar, day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    return forward_to_working_day(cal, day + ONE_DAY)[0]


def add_months(day: dt.date, months: int) -> tuple[dt.date, bool]:
    """The corresponding date `months` later, or the month's last day if there is none (True)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = stdlib_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last)), day.day > last
