"""Reads for key decision notices: the notice clock, what is wrong with a notice, the route."""

from __future__ import annotations

import datetime as dt
from typing import Any

from joinedup.meetings import clocks, keydecisions
from joinedup.meetings.models import AgendaItem, KeyDecisionNotice


def notice_clock(notice: KeyDecisionNotice, decided_on: dt.date | None = None) -> Any:
    """The forward-plan and general exception days for the decision (its expected day)."""
    return clocks.key_decision_clock(
        decision_date=decided_on or notice.expected_decision_on,
        organisation=notice.body.owner_organisation,
    )


def _dates(notice: KeyDecisionNotice) -> keydecisions.NoticeDates:
    return keydecisions.NoticeDates(
        route=notice.route,
        first_published_on=notice.first_published_on,
        os_chair_informed_on=notice.os_chair_informed_on,
        exception_notice_published_on=notice.exception_notice_published_on,
        urgency_agreed_on=notice.urgency_agreed_on,
        urgency_agreed_by=notice.urgency_agreed_by,
    )


def notice_problems(
    notice: KeyDecisionNotice, decided_on: dt.date | None = None
) -> dict[str, list[str]]:
    """What stops the notice's route covering a decision on `decided_on` (or its expected day)."""
    day = decided_on or notice.expected_decision_on
    return keydecisions.route_problems(
        _dates(notice), clock=notice_clock(notice, day), decided_on=day
    )


def item_notice_problems(item: AgendaItem) -> dict[str, list[str]]:
    """Why a key decision on this item may not be taken on the meeting day (empty: it may).

    The item's own notice (a linked forward-plan entry) is checked against the meeting date; an
    item that records its route directly was checked when it was saved.
    """
    if not item.key_decision:
        return {}
    day = item.meeting.date
    if item.key_decision_notice_id:
        found = notice_problems(item.key_decision_notice, day)
        if not found:
            return {}
        detail = " ".join(m for messages in found.values() for m in messages)
        return {"key_decision_notice": [f"The key decision notice does not cover it: {detail}"]}
    if item.notice_route:
        return {}
    clock = clocks.key_decision_clock(
        decision_date=day, organisation=item.meeting.body.owner_organisation
    )
    return {
        "key_decision_notice": [
            "This is a key decision with no valid notice route: publish a forward-plan notice "
            f"by {keydecisions.long_day(clock.forward_plan_due)} (28 clear days), or use the "
            "general exception (O&S chair informed and public notice by "
            f"{keydecisions.long_day(clock.general_exception_due)}) or special urgency (the "
            "agreement of the O&S chair, or the chairman or vice-chairman, recorded)."
        ]
    }


def decision_route(decision: Any) -> str:
    """The notice route a key decision was taken under ('' for a non-key decision)."""
    item = decision.item
    if not decision.key_decision or item is None:
        return ""
    if item.key_decision_notice_id:
        return item.key_decision_notice.route
    return item.notice_route
