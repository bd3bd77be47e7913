"""Reads for decisions: the call-in clock and the first day a decision may be implemented."""

from __future__ import annotations

import datetime as dt

from joinedup.meetings import clocks
from joinedup.meetings.models import Decision

CallIn = Decision.CallIn


def decision_clock(decision: Decision) -> clocks.CallInClock | None:
    """Call-in deadline and implementation date, once the decision notice is published (T8)."""
    if decision.call_in_state == CallIn.NOT_APPLICABLE or decision.published_on is None:
        return None
    return clocks.call_in_clock(
        published_on=decision.published_on, organisation=decision.body.owner_organisation
    )


def decision_implementable_from(decision: Decision) -> dt.date | None:
    """The first day the decision may be implemented; None while blocked by a call-in."""
    if decision.call_in_state == CallIn.NOT_APPLICABLE:
        return decision.decided_on
    if decision.call_in_state == CallIn.URGENT:
        return decision.published_on or decision.decided_on
    if decision.call_in_state in (CallIn.CALLED_IN, CallIn.REFERRED_BACK):
        return None
    if decision.call_in_state in (CallIn.CONSIDERED, CallIn.CONFIRMED):
        return decision.considered_on
    clock = decision_clock(decision)
    return clock.implementable_from if clock else None
