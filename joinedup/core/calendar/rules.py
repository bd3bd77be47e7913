"""Named deadline rules (reference data) and the pure engine that applies them to a calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from joinedup.core.calendar import counting
from joinedup.core.calendar.calendars import (
    CalendarError,
    WorkingCalendar,
    load_reference,
)
from joinedup.core.calendar.counting import Step

Start = dt.date | dt.datetime
CalendarFor = Callable[[str], WorkingCalendar]
KINDS = (
    "working_days_after",
    "clear_days_before",
    "calendar_days_after",
    "calendar_months_after",
    "hours_after",
)


class UnknownRuleError(CalendarError):
    """The rule name is not in the reference data."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name, self.known = name, known
        super().__init__(f"Unknown rule {name!r}. Known rules: {', '.join(known)}.")


@dataclass(frozen=True)
class Rule:
    """One named rule from calendar_rules.yaml: how to count, how far, on which calendar."""

    name: str
    description: str
    kind: str
    n: int
    profile: str
    source: str
    working_profile: str | None = None
    roll: str | None = None
    period_end: bool = False
    organisation_closures: bool = False
    variant_by: str | None = None
    variants: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    also_next_working_day: str | None = None

    def for_variant(self, variant: str | None) -> Rule:
        """This rule with a variant's overrides applied (e.g. working-day key decisions)."""
        if variant is None or not self.variants:
            return self
        if variant not in self.variants:
            raise CalendarError(
                f"Rule {self.name!r} has no variant {variant!r}; known: {', '.join(self.variants)}."
            )
        return replace(self, **dict(self.variants[variant]))


@dataclass(frozen=True)
class Deadline:
    """A computed deadline: the due date (or time), the profile used, and why."""

    rule: str
    start: dt.date | dt.datetime
    due: dt.date | dt.datetime
    profile: str
    steps: tuple[Step, ...]
    also: Mapping[str, dt.date] = field(default_factory=dict)

    @property
    def due_iso(self) -> str:
        """The due date as ISO 8601 (a date, or a date-time to the minute for clock rules)."""
        return iso(self.due)

    def explanation(self) -> list[str]:
        """The steps as readable lines, ending with the due date and any related dates."""
        lines = [str(step) for step in self.steps]
        lines.append(f"due: {self.due_iso}")
        lines.extend(f"{key}: {value.isoformat()}" for key, value in self.also.items())
        return lines


def parse_start(text: str) -> Start:
    """An ISO date (2025-12-19) or date-time (2025-12-19T10:00); ValueError otherwise."""
    text = text.strip()
    if "T" in text or " " in text:
        return dt.datetime.fromisoformat(text)
    return dt.date.fromisoformat(text)


def iso(value: Start) -> str:
    """ISO 8601 text for a date, or for a date-time to the minute unless it has seconds."""
    if isinstance(value, dt.datetime) and not (value.second or value.microsecond):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def load_rules() -> dict[str, Rule]:
    """Every named rule in the reference data, by name."""
    return dict(_rules())


@cache
def _rules() -> dict[str, Rule]:
    rules = {}
    for name, spec in load_reference()["rules"].items():
        text = " ".join(str(spec.get("description", "")).split())
        values = {key: value for key, value in spec.items() if key != "description"}
        rules[name] = Rule(name=name, description=text, **values)
        if rules[name].kind not in KINDS:
            raise CalendarError(f"Rule {name!r} has unknown kind {rules[name].kind!r}.")
    return rules


def get_rule(name: str) -> Rule:
    """The named rule, or UnknownRuleError listing the known ones."""
    rules = load_rules()
    if name not in rules:
        raise UnknownRuleError(name, sorted(rules))
    return rules[name]


def compute_deadline(
    rule: Rule | str,
    start: dt.date | dt.datetime,
    calendars: Mapping[str, WorkingCalendar],
    *,
    closures: Mapping[dt.date, str] | None = None,
    variant: str | None = None,
) -> Deadline:
    """Apply a rule to a start date using injected calendars (pure: no database, no clock)."""
    base = get_rule(rule) if isinstance(rule, str) else rule
    chosen = base.for_variant(variant)
    local = closures if chosen.organisation_closures else None

    def cal(profile: str) -> WorkingCalendar:
        if profile not in calendars:
            raise CalendarError(f"No calendar for profile {profile!r}.")
        found = calendars[profile]
        return found if found.counts_every_day or not local else found.with_closures(local)

    return _KIND_HANDLERS[chosen.kind](chosen, start, cal)


def _day(start: Start) -> dt.date:
    return start.date() if isinstance(start, dt.datetime) else start


def _working_days_after(rule: Rule, start: Start, cal: CalendarFor) -> Deadline:
    calendar = cal(rule.profile)
    due, steps = counting.count_forward(calendar, _day(start), rule.n)
    also = {}
    if rule.also_next_working_day:
        also[rule.also_next_working_day] = counting.next_working_day(calendar, due)
    return Deadline(rule.name, start, due, rule.profile, tuple(steps), also)


def _clear_days_before(rule: Rule, start: Start, cal: CalendarFor) -> Deadline:
    latest, steps = counting.clear_days_before(cal(rule.profile), _day(start), rule.n)
    due = latest
    if rule.working_profile:
        due, moved = counting.back_to_working_day(cal(rule.working_profile), latest)
        steps.extend(moved)
    also = {"latest_calendar_day": latest}
    return Deadline(rule.name, start, due, rule.profile, tuple(steps), also)


def _calendar_days_after(rule: Rule, start: Start, cal: CalendarFor) -> Deadline:
    day = _day(start)
    cal(rule.profile).check(day)
    due = day + dt.timedelta(days=rule.n)
    cal(rule.profile).check(due)
    steps = (Step(day, "start", "day 0"), Step(due, "counted", f"{rule.n} calendar days later"))
    return Deadline(rule.name, start, due, rule.profile, steps)


def _calendar_months_after(rule: Rule, start: Start, cal: CalendarFor) -> Deadline:
    day = _day(start)
    cal(rule.profile).check(day)
    due, clipped = counting.add_months(day, rule.n)
    reason = f"{rule.n} calendar month(s) later: the corresponding date"
    if clipped:
        reason = f"{rule.n} calendar month(s) later: no day {day.day}, so the last day of the month"
    steps = [Step(day, "start", "day 0"), Step(due, "counted", reason)]
    if rule.period_end:
        due -= counting.ONE_DAY
        steps.append(Step(due, "note", "the period commencing on day 0 ends the day before"))
    if rule.roll == "next_working_day":
        rolled, moved = counting.forward_to_working_day(cal(rule.working_profile or "eng"), due)
        steps.extend(moved)
        due = rolled
    cal(rule.profile).check(due)
    return Deadline(rule.name, start, due, rule.profile, tuple(steps))


def _hours_after(rule: Rule, start: Start, cal: CalendarFor) -> Deadline:
    cal(rule.profile).check(_day(start))
    at = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    # Elapsed hours: an aware time is counted in UTC so a clock change does not shift it.
    if at.tzinfo is not None:
        due = (at.astimezone(dt.UTC) + dt.timedelta(hours=rule.n)).astimezone(at.tzinfo)
    else:
        due = at + dt.timedelta(hours=rule.n)
    cal(rule.profile).check(due.date())
    note = "clock hours, weekends and bank holidays included"
    steps = (
        Step(at.date(), "start", f"at {iso(at)}"),
        Step(due.date(), "counted", f"{rule.n} {note}"),
    )
    return Deadline(rule.name, start, due, rule.profile, steps)


_KIND_HANDLERS = {
    "working_days_after": _working_days_after,
    "clear_days_before": _clear_days_before,
    "calendar_days_after": _calendar_days_after,
    "calendar_months_after": _calendar_months_after,
    "hours_after": _hours_after,
}
