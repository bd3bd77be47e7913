"""Meeting schedules: the dates a series of meetings falls on (pure)."""

from __future__ import annotations

import datetime as dt

FREQUENCIES = {"weekly": 7, "fortnightly": 14, "four_weekly": 28}


MONTH_STEPS = {"monthly": 1, "bimonthly": 2, "quarterly": 3}


def schedule_dates(*, first: dt.date, frequency: str, count: int) -> list[dt.date]:
    """`count` dates from `first` at the frequency (pure)."""
    if frequency not in FREQUENCIES and frequency not in MONTH_STEPS:
        raise ValueError(frequency)
    dates = [first]
    while len(dates) < count:
        dates.append(_step(dates, frequency))
    return dates


def _step(dates: list[dt.date], frequency: str) -> dt.date:
    if frequency in FREQUENCIES:
        return dates[-1] + dt.timedelta(days=FREQUENCIES[frequency])
    from joinedup.core.calendar import add_months

    # Step from the first date so 31 January gives 28 February then 31 March, not 28 March.
    return add_months(dates[0], MONTH_STEPS[frequency] * len(dates))[0]
