"""Key decision notice routes: pure checks over the dates (SI 2012/2089 regs 9, 10 and 11).

`route_problems` says what is wrong with a notice for a decision on a given day, as
{field: [message]}; an empty answer means the route is valid. The clock (the latest forward-plan
and general exception days) comes from `clocks.key_decision_clock`, so the organisation's day
rule (calendar or working days) is already applied.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from joinedup.meetings.clocks import KeyDecisionClock

FORWARD_PLAN = "forward_plan"
GENERAL_EXCEPTION = "general_exception"
SPECIAL_URGENCY = "special_urgency"
ROUTES = (FORWARD_PLAN, GENERAL_EXCEPTION, SPECIAL_URGENCY)
URGENCY_AGREERS = ("os_chair", "chairman", "vice_chairman")


@dataclass(frozen=True)
class NoticeDates:
    """The stored inputs of a notice that decide whether its route holds."""

    route: str
    first_published_on: dt.date | None = None
    os_chair_informed_on: dt.date | None = None
    exception_notice_published_on: dt.date | None = None
    urgency_agreed_on: dt.date | None = None
    urgency_agreed_by: str = ""


def long_day(value: dt.date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def _forward_plan(
    dates: NoticeDates, clock: KeyDecisionClock, decided_on: dt.date
) -> dict[str, list[str]]:
    due = clock.forward_plan_due
    if dates.first_published_on is None:
        return {
            "first_published_on": [f"Give the day the notice was published (by {long_day(due)})."]
        }
    if dates.first_published_on > due:
        return {
            "route": [
                f"The notice was published on {long_day(dates.first_published_on)}, less than "
                f"28 clear days before the decision on {long_day(decided_on)}: the forward-plan "
                f"notice was due by {long_day(due)}. Use the general exception or special "
                "urgency route."
            ]
        }
    return {}


def _general_exception(dates: NoticeDates, clock: KeyDecisionClock) -> dict[str, list[str]]:
    due = clock.general_exception_due
    errors: dict[str, list[str]] = {}
    late = "under the general exception it was due by {} (5 clear days before the decision)."
    if dates.os_chair_informed_on is None:
        errors["os_chair_informed_on"] = [
            "Record when the chair of overview and scrutiny was informed in writing."
        ]
    elif dates.os_chair_informed_on > due:
        errors["os_chair_informed_on"] = [
            f"The chair of overview and scrutiny was informed on "
            f"{long_day(dates.os_chair_informed_on)}: " + late.format(long_day(due))
        ]
    published = dates.exception_notice_published_on
    if published is None:
        errors["exception_notice_published_on"] = ["Record when the public notice was published."]
    elif published > due:
        errors["exception_notice_published_on"] = [
            f"The public notice was published on {long_day(published)}: "
            + late.format(long_day(due))
            + " Only special urgency is left."
        ]
    return errors


def _special_urgency(dates: NoticeDates, decided_on: dt.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if dates.urgency_agreed_by not in URGENCY_AGREERS:
        errors["urgency_agreed_by"] = [
            "Special urgency needs the agreement of the chair of overview and scrutiny (or the "
            "chairman or vice-chairman of the council): say who agreed."
        ]
    if dates.urgency_agreed_on is None:
        errors["urgency_agreed_on"] = ["Record the day they agreed the decision is urgent."]
    elif dates.urgency_agreed_on > decided_on:
        errors["urgency_agreed_on"] = ["The agreement must be given before the decision is taken."]
    return errors


def route_problems(
    dates: NoticeDates, *, clock: KeyDecisionClock, decided_on: dt.date
) -> dict[str, list[str]]:
    """What stops the notice's route from covering a decision on `decided_on` (empty: valid)."""
    if dates.route == FORWARD_PLAN:
        return _forward_plan(dates, clock, decided_on)
    if dates.route == GENERAL_EXCEPTION:
        return _general_exception(dates, clock)
    if dates.route == SPECIAL_URGENCY:
        return _special_urgency(dates, decided_on)
    return {"route": [f"Choose one of: {', '.join(ROUTES)}."]}


def route_valid(dates: NoticeDates, *, clock: KeyDecisionClock, decided_on: dt.date) -> bool:
    return not route_problems(dates, clock=clock, decided_on=decided_on)
