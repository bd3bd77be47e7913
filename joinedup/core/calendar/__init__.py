"""The one calendar service: every statutory clock, as a named rule over a working-day calendar.

Pure layer (no database): `compute_deadline(rule, start, calendars)` with calendars from
`build_calendars()` or built by hand in tests. Database layer: `deadline_calculate(...)` adds the
CalendarOverride table (national overrides, and an organisation's closure days).
"""

from __future__ import annotations

from joinedup.core.calendar.calendars import (
    CalendarError,
    CalendarHorizonError,
    Profile,
    WorkingCalendar,
    bank_holidays,
    base_calendar,
    build_calendars,
    horizon,
    profiles,
)
from joinedup.core.calendar.counting import Step, add_months
from joinedup.core.calendar.rules import (
    Deadline,
    Rule,
    UnknownRuleError,
    compute_deadline,
    get_rule,
    iso,
    load_rules,
    parse_start,
)
from joinedup.core.calendar.selectors import (
    calendar_for,
    calendars_current,
    deadline_calculate,
    national_overrides,
    organisation_closures,
)

__all__ = [
    "CalendarError",
    "CalendarHorizonError",
    "Deadline",
    "Profile",
    "Rule",
    "Step",
    "UnknownRuleError",
    "WorkingCalendar",
    "add_months",
    "bank_holidays",
    "base_calendar",
    "build_calendars",
    "calendar_for",
    "calendars_current",
    "compute_deadline",
    "deadline_calculate",
    "get_rule",
    "horizon",
    "iso",
    "load_rules",
    "national_overrides",
    "organisation_closures",
    "parse_start",
    "profiles",
]
