"""Reads for interests: gift thresholds and registration dates, dispensations in force, whether
a declarer's vote counts, and the register entries an item may touch."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from joinedup.meetings import clocks, interests
from joinedup.meetings.models import (
    AgendaItem,
    Declaration,
    Dispensation,
    GiftHospitality,
    InterestScheme,
    RegisterEntry,
)
from joinedup.meetings.models.interests import DEFAULT_GIFT_THRESHOLD


def gift_threshold(organisation: Any) -> Decimal:
    """The organisation's gift and hospitality threshold (the £50 default if it set none).

    Read once per organisation inside `clocks.shared_calendar()` (a list of gifts)."""

    def read() -> Decimal:
        scheme = InterestScheme.objects.filter(organisation=organisation).first()
        return scheme.gift_threshold if scheme else DEFAULT_GIFT_THRESHOLD

    return clocks.memoised(("gift_threshold", organisation.pk), read)


def gift_registration(gift: GiftHospitality) -> tuple[bool, dt.date | None]:
    """Whether the gift must be registered, and by when (28 days of receipt)."""
    required = interests.gift_registrable(
        value=gift.estimated_value, threshold=gift_threshold(gift.organisation)
    )
    due = clocks.gift_register_due(received_on=gift.received_on) if required else None
    return required, due


def dispensation_valid_on(dispensation: Dispensation | None, day: dt.date) -> bool:
    d = dispensation
    return d is not None and interests.dispensation_valid_on(
        d.valid_from, d.valid_to, day, d.revoked_on
    )


def dispensation_valid(declaration: Declaration) -> bool:
    return dispensation_valid_on(declaration.dispensation, declaration.item.meeting.date)


def declaration_vote_counted(declaration: Declaration) -> bool:
    """Whether the declarer's vote on the item counts (T9)."""
    return interests.vote_counted(
        interest_type=declaration.interest_type,
        action=declaration.action,
        dispensation_valid=dispensation_valid(declaration),
    )


def declaration_notify_due(declaration: Declaration) -> dt.date | None:
    """For a DPI not on the register: notify the monitoring officer within 28 days (s.31)."""
    if declaration.interest_type != "dpi" or declaration.register_entry_id:
        return None
    return clocks.interest_notify_due(meeting_date=declaration.item.meeting.date)


def register_prompts(item: AgendaItem) -> list[RegisterEntry]:
    """Register entries of the people attending whose subject the item's title or reports name."""
    people = item.meeting.attendance.values_list("person_id", flat=True)
    text = " ".join([item.title, *item.reports.values_list("title", flat=True)]).lower()
    entries = RegisterEntry.objects.filter(partnership=item.partnership, person_id__in=people)
    return [entry for entry in entries if entry.subject.lower() in text]
