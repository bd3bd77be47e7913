"""Working-day calendars: which days are closed, why, and how far ahead the calendar is known."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import holidays
import yaml

from joinedup.reference_data import reference_file

RULES_FILE = reference_file("calendar_rules.yaml")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class CalendarError(ValueError):
    """Base class for errors the calendar service reports to its callers."""


class CalendarHorizonError(CalendarError):
    """A date lies outside the years the calendar is known for; the service refuses to guess."""

    def __init__(self, day: dt.date, first: dt.date, last: dt.date) -> None:
        self.day, self.first, self.last = day, first, last
        super().__init__(
            f"{day.isoformat()} is outside the calendar's known horizon "
            f"({first.isoformat()} to {last.isoformat()}); bank holidays that far out are not "
            "known yet, so no deadline is computed."
        )


@dataclass(frozen=True)
class Profile:
    """A named way of telling working days from closed days (`eng`, `uk`, `calendar`)."""

    name: str
    description: str
    subdivisions: tuple[str, ...]
    weekend: frozenset[int]


@dataclass(frozen=True)
class WorkingCalendar:
    """Closed days with their reasons, the weekend, and the horizon beyond which it refuses."""

    name: str
    closed: Mapping[dt.date, str]
    first: dt.date
    last: dt.date
    weekend: frozenset[int] = field(default_factory=lambda: frozenset({5, 6}))

    def check(self, day: dt.date) -> None:
        """Raise CalendarHorizonError if `day` is outside the known horizon."""
        if not self.first <= day <= self.last:
            raise CalendarHorizonError(day, self.first, self.last)

    def why_closed(self, day: dt.date) -> str | None:
        """The reason `day` is not a working day, or None if it is one."""
        self.check(day)
        if day in self.closed:
            return self.closed[day]
        if day.weekday() in self.weekend:
            return DAY_NAMES[day.weekday()]
        return None

    @property
    def counts_every_day(self) -> bool:
        """Whether every day is a working day (a calendar-days profile)."""
        return not self.weekend and not self.closed

    def is_working_day(self, day: dt.date) -> bool:
        """Whether `day` is a working day in this calendar."""
        return self.why_closed(day) is None

    def with_closures(
        self, extra: Mapping[dt.date, str], *, name: str | None = None
    ) -> WorkingCalendar:
        """A copy with more closed days; days already closed keep their first reason."""
        if not extra:
            return self
        merged = {**extra, **self.closed}
        return replace(self, closed=merged, name=name or self.name)


def load_reference() -> dict[str, Any]:
    """The parsed calendar_rules.yaml (profiles, horizon, rules)."""
    return _load_reference(RULES_FILE)


@cache
def _load_reference(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def horizon() -> tuple[dt.date, dt.date]:
    """The first and last day the calendar service will compute with."""
    years = load_reference()["horizon"]
    return dt.date(int(years["first_year"]), 1, 1), dt.date(int(years["last_year"]), 12, 31)


def profiles() -> dict[str, Profile]:
    """The calendar profiles defined in the reference data, by name."""
    return {
        name: Profile(
            name=name,
            description=" ".join(str(spec.get("description", "")).split()),
            subdivisions=tuple(spec.get("subdivisions") or ()),
            weekend=frozenset(spec.get("weekend") or ()),
        )
        for name, spec in load_reference()["profiles"].items()
    }


def bank_holidays(subdivisions: Iterable[str], years: Iterable[int]) -> dict[dt.date, str]:
    """Bank holidays in any of the UK `subdivisions` (ENG, SCT, NIR, WLS), with their names.

    With several subdivisions, a holiday not shared by all of them is labelled with where it
    applies, e.g. "Saint Patrick's Day (NIR)".
    """
    wanted, year_list = tuple(subdivisions), list(years)
    found: dict[dt.date, dict[str, set[str]]] = {}
    for subdivision in wanted:
        # Always pass subdiv: GB with no subdiv omits Easter Monday and the August holiday.
        for day, label in holidays.country_holidays(
            "GB", subdiv=subdivision, years=year_list
        ).items():
            for name in (part.strip() for part in label.split(";")):
                found.setdefault(day, {}).setdefault(name, set()).add(subdivision)
    return {day: _label(names, wanted) for day, names in found.items()}


def _label(names: Mapping[str, set[str]], wanted: tuple[str, ...]) -> str:
    parts = []
    for name, where in sorted(names.items()):
        local = len(wanted) > 1 and len(where) < len(wanted)
        parts.append(f"{name} ({', '.join(sorted(where))})" if local else name)
    return "; ".join(parts)


@cache
def base_calendar(profile_name: str) -> WorkingCalendar:
    """The national calendar of a profile (bank holidays only, no database overrides)."""
    profile = _profile(profile_name)
    first, last = horizon()
    closed = bank_holidays(profile.subdivisions, range(first.year, last.year + 1))
    return WorkingCalendar(
        name=profile.name, closed=closed, first=first, last=last, weekend=profile.weekend
    )


def _profile(name: str) -> Profile:
    known = profiles()
    if name not in known:
        raise CalendarError(f"Unknown calendar profile {name!r}; known: {', '.join(known)}.")
    return known[name]


def build_calendars(*, national: Mapping[dt.date, str] | None = None) -> dict[str, WorkingCalendar]:
    """Every profile's calendar, with national overrides (proclaimed holidays) added."""
    return {
        name: base_calendar(name).with_closures(national or {})
        if spec.subdivisions
        else base_calendar(name)
        for name, spec in profiles().items()
    }
