"""Cross-check the England and Wales calendar against GOV.UK's own data (bundled, offline)."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.core.calendar import base_calendar

govuk = pytest.importorskip("govuk_bank_holidays.bank_holidays")


def test_it_agrees_with_govuk_on_england_and_wales_weekdays_2025_to_2028():
    data = govuk.BankHolidays(use_cached_holidays=True)
    ours = base_calendar("eng")
    for year in range(2025, 2029):
        theirs = {
            holiday["date"]
            for holiday in data.get_holidays(division=data.ENGLAND_AND_WALES, year=year)
        }
        days = [dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range(366)]
        weekdays = [day for day in days if day.year == year and day.weekday() < 5]
        closed = {day for day in weekdays if not ours.is_working_day(day)}
        assert closed == theirs, year
