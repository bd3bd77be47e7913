"""How long a meeting's papers stay open to inspection (LGA 1972 s.100C; pure)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from joinedup.meetings.models import Meeting

# Agenda, reports and minutes stay open to inspection for six years (LGA 1972 s.100C).
DEFAULT_RETENTION_YEARS = 6


def retention_years() -> int:
    return int(getattr(settings, "JOINEDUP_MEETING_RETENTION_YEARS", DEFAULT_RETENTION_YEARS))


def meeting_retained_until(meeting: Meeting) -> dt.date:
    """The last day the papers must stay open to inspection (six years by default)."""
    day = meeting.date
    try:
        return day.replace(year=day.year + retention_years())
    except ValueError:  # 29 February
        return day.replace(year=day.year + retention_years(), day=28)
