"""Publication, key-decision and call-in clocks, all from the one calendar service.

Each function takes the stored inputs (a meeting date, a decision date, the day the decision
notice was published) and returns derived dates; nothing here is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from joinedup.core.calendar import (
    Deadline,
    calendars_current,
    deadline_calculate,
    organisation_closures,
)

NO_NOTICE = "none"

# Inside `shared_calendar()`: what the clocks read from the database, read once.
_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("meetings_clock_memo", default=None)
_REQUEST_ATTR = "_joinedup_meetings_clock_memo"


@contextmanager
def shared_calendar(holder: Any = None) -> Iterator[None]:
    """Within the block every clock reads the national overrides, each organisation's closure
    days (and other per-organisation settings, `memoised`) once, not once a row of a list.

    `holder` (the request) keeps what was read for later blocks of the same request, e.g. each
    API schema resolver of a list. Never across requests: overrides may change between them.
    """
    memo = _MEMO.get()
    if memo is None and holder is not None:
        memo = getattr(holder, _REQUEST_ATTR, None)
        if memo is None:
            memo = {}
            setattr(holder, _REQUEST_ATTR, memo)
    token = _MEMO.set({} if memo is None else memo)
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoised(key: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`, once per `key` inside `shared_calendar()` (every time outside it)."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _deadline(
    *, rule: str, start: Any, organisation: Any = None, variant: str | None = None
) -> Deadline:
    """`deadline_calculate`, with the calendars and closure days shared inside the block."""
    closures = None
    if organisation is not None:
        closures = memoised(
            ("closures", organisation.pk), lambda: organisation_closures(organisation)
        )
    return deadline_calculate(
        rule=rule,
        start=start,
        organisation=organisation,
        variant=variant,
        calendars=memoised("calendars", calendars_current),
        closures=closures,
    )


def agenda_deadline(
    *, rule: str, meeting_date: dt.date, organisation: Any = None
) -> dt.date | None:
    """The latest publication day of the agenda under the body's rule (None: no statutory rule)."""
    if not rule or rule == NO_NOTICE:
        return None
    return _deadline(rule=rule, start=meeting_date, organisation=organisation).due


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
    forward = _deadline(
        rule="key-decision-notice", start=decision_date, organisation=organisation, variant=variant
    )
    exception = _deadline(
        rule="key-decision-general-exception", start=decision_date, organisation=organisation
    )
    return KeyDecisionClock(forward.due, exception.due)


def private_meeting_notices(
    *, meeting_date: dt.date, organisation: Any = None
) -> tuple[dt.date, dt.date]:
    """The 28-clear-day intention notice and the 5-clear-day further notice (reg 5)."""
    intention = _deadline(
        rule="private-meeting-intention", start=meeting_date, organisation=organisation
    )
    notice = _deadline(rule="private-meeting-notice", start=meeting_date, organisation=organisation)
    return intention.due, notice.due


@dataclass(frozen=True)
class CallInClock:
    deadline: dt.date
    implementable_from: dt.date


def call_in_clock(*, published_on: dt.date, organisation: Any = None) -> CallInClock:
    """Last day to call in a decision, and the first day it may be implemented."""
    result = _deadline(rule="call-in", start=published_on, organisation=organisation)
    return CallInClock(result.due, result.also["implementable_from"])


def interest_notify_due(*, meeting_date: dt.date) -> dt.date:
    """Notify the monitoring officer of an unregistered DPI within 28 days (s.31)."""
    return _deadline(rule="interest-notify", start=meeting_date).due


def gift_register_due(*, received_on: dt.date) -> dt.date:
    return _deadline(rule="gift-register", start=received_on).due
