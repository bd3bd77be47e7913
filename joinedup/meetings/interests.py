"""Interests: pure tests from the Localism Act 2011, SI 2012/1464 and the LGA Model Code.

No database and no clock: callers pass the values and the scheme's threshold.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

SECURITIES_NOMINAL_LIMIT = Decimal("25000")
SECURITIES_CAPITAL_SHARE = Decimal("0.01")  # 1/100 of the issued share capital
DISPENSATION_MAX_YEARS = 4

# What a member with each kind of interest may do on the item (D3, D7).
ALLOWED_ACTIONS: dict[str, set[str]] = {
    "dpi": {"left_room", "did_not_vote", "dispensation"},
    "ori": {"spoke_only", "left_room", "did_not_vote", "dispensation"},
    "nri": {"spoke_only", "left_room", "did_not_vote", "dispensation"},
    "nhs_conflict": {"left_room", "did_not_vote", "spoke_only", "dispensation", "remained"},
    "other": {"left_room", "did_not_vote", "spoke_only", "dispensation", "remained"},
}
# Actions after which the member's vote does not count on the item.
NOT_VOTING = {"left_room", "did_not_vote", "spoke_only"}


def securities_is_dpi(
    *, nominal_value: Decimal, share_of_issued_capital: Decimal | None = None
) -> bool:
    """Securities are a DPI when the nominal value exceeds £25,000 or 1/100 of the capital."""
    if nominal_value > SECURITIES_NOMINAL_LIMIT:
        return True
    return (
        share_of_issued_capital is not None and share_of_issued_capital > SECURITIES_CAPITAL_SHARE
    )


def gift_registrable(*, value: Decimal, threshold: Decimal) -> bool:
    """A gift or hospitality must be registered at or above the scheme's threshold (D7)."""
    return value >= threshold


def dispensation_end_limit(valid_from: dt.date) -> dt.date:
    """The last day a dispensation starting on `valid_from` may run to (four years, s.33)."""
    try:
        anniversary = valid_from.replace(year=valid_from.year + DISPENSATION_MAX_YEARS)
    except ValueError:  # 29 February
        anniversary = valid_from.replace(year=valid_from.year + DISPENSATION_MAX_YEARS, day=28)
    return anniversary - dt.timedelta(days=1)


def dispensation_valid_on(
    valid_from: dt.date, valid_to: dt.date, day: dt.date, revoked_on: dt.date | None = None
) -> bool:
    """In its period, and not revoked on or before the day."""
    return valid_from <= day <= valid_to and (revoked_on is None or day < revoked_on)


def action_allowed(interest_type: str, action: str) -> bool:
    return action in ALLOWED_ACTIONS.get(interest_type, set())


def vote_counted(*, interest_type: str, action: str, dispensation_valid: bool) -> bool:
    """Whether the member's vote on the item counts: never for a DPI without a dispensation."""
    if interest_type == "dpi" and not dispensation_valid:
        return False
    if action == "dispensation":
        return dispensation_valid
    return action not in NOT_VOTING
