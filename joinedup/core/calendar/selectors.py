"""The database-aware layer: national overrides and organisation closures from CalendarOverride."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from joinedup.core.calendar.calendars import WorkingCalendar, build_calendars
from joinedup.core.calendar.rules import Deadline, Start, compute_deadline, get_rule

if TYPE_CHECKING:
    from joinedup.accounts.models import Organisation


def national_overrides() -> dict[dt.date, str]:
    """Proclaimed non-working days for everyone (CalendarOverride rows with no organisation)."""
    from joinedup.core.models import CalendarOverride

    rows = CalendarOverride.objects.filter(organisation__isnull=True)
    return {row.date: f"{row.description} (national override)" for row in rows}


def organisation_closures(organisation: Organisation) -> dict[dt.date, str]:
    """An organisation's own closure days (CalendarOverride rows for that organisation)."""
    from joinedup.core.models import CalendarOverride

    rows = CalendarOverride.objects.filter(organisation=organisation)
    label = organisation.short_name or organisation.name
    return {row.date: f"{row.description} ({label} closure day)" for row in rows}


def calendars_current() -> dict[str, WorkingCalendar]:
    """Every profile's calendar: bank holidays plus the national overrides in the database."""
    return build_calendars(national=national_overrides())


def calendar_for(
    *, profile: str = "eng", organisation: Organisation | None = None
) -> WorkingCalendar:
    """One profile's calendar, with an organisation's closure days if one is given."""
    calendar = calendars_current()[profile]
    if organisation is None or calendar.counts_every_day:
        return calendar
    return calendar.with_closures(organisation_closures(organisation))


def deadline_calculate(
    *,
    rule: str,
    start: Start,
    organisation: Organisation | None = None,
    variant: str | None = None,
    calendars: dict[str, WorkingCalendar] | None = None,
    closures: dict[dt.date, str] | None = None,
) -> Deadline:
    """The deadline a named rule gives for `start`, on today's calendar and overrides.

    A caller computing many deadlines in one request may pass the `calendars` and the
    organisation's `closures` it has already read; otherwise they are read here."""
    chosen = get_rule(rule)
    if variant is None and chosen.variant_by and organisation is not None:
        variant = str(getattr(organisation, chosen.variant_by))
    if closures is None and organisation is not None:
        closures = organisation_closures(organisation)
    calendars = calendars if calendars is not None else calendars_current()
    return compute_deadline(chosen, start, calendars, closures=closures, variant=variant)
