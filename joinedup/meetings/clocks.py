"""Publication, key-decision and call-in clocks, all from the one calendar service.

Each function takes the stored inputs (a meeting date, a decision date, the day the decision
notice was published) and returns derived dates; nothing here is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from joinedup.core.calendar import deadline_calculate

NO_NOTICE = "none"


def agenda_deadline(
    *, rule: str, meeting_date: dt.date, organisation: Any = None
) -> dt.date | None:
    """The latest publication day of the agenda under the body's rule (None: no statutory rule)."""
    if not rule or rule == NO_NOTICE:
        return None
    return deadline_calculate(rule=rule, start=meeting_date, organisation=organisation).due


def is_late(*, added_on: dt.date | None, deadline: dt.date | None) -> bool:
    """An item added after the latest publication day is a late item (s.100B(4))."""
    return bool(added_on and deadline and added_on > deadline)


@dataclass(frozen=True)
class KeyDecisionClock:
    forward_plan_due: dt.date
    general_exception_due: dt.date

    def route_available(self, published_on: dt.date | None) -> str:
        """The route a notice published on that day allows: forward plan, exception or urgency."""
        if published_on is not None and published_on <= self.forward_plan_due:
            return "forward_plan"
        if published_on is not None and published_on <= self.general_exception_due:
            return "general_exception"
        return "special_urgency"


def key_decision_clock(
    *, decision_date: dt.date, organisation: Any = None, variant: str | None = None
) -> KeyDecisionClock:
    """Forward-plan notice (28 clear days, by the organisation's day rule) and general exception."""
    forward = deadline_calculate(
        rule="key-decision-notice", start=decision_date, organisation=organisation, variant=variant
    )
    exception = deadline_calculate(
        rule="key-decision-general-exception", start=decision_date, organisation=organisation
    )
    return KeyDecisionClock(forward.due, exception.due)


def private_meeting_notices(
    *, meeting_date: dt.date, organisation: Any = None
) -> tuple[dt.date, dt.date]:
    """The 28-clear-day intention notice and the 5-clear-day further notice (reg 5)."""
    intention = deadline_calculate(
        rule="private-meeting-intention", start=meeting_date, organisation=organisation
    )
    notice = deadline_calculate(
        rule="private-meeting-notice", start=meeting_date, organisation=organisation
    )
    return intention.due, notice.due


@dataclass(frozen=True)
class CallInClock:
    deadline: dt.date
    implementable_from: dt.date


def call_in_clock(*, published_on: dt.date, organisation: Any = None) -> CallInClock:
    """Last day to call in a decision, and the first day it may be implemented."""
    result = deadline_calculate(rule="call-in", start=published_on, organisation=organisation)
    return CallInClock(result.due, result.also["implementable_from"])


def interest_notify_due(*, meeting_date: dt.date) -> dt.date:
    """Notify the monitoring officer of an unregistered DPI within 28 days (s.31)."""
    return deadline_calculate(rule="interest-notify", start=meeting_date).due


def gift_register_due(*, received_on: dt.date) -> dt.date:
    return deadline_calculate(rule="gift-register", start=received_on).due
