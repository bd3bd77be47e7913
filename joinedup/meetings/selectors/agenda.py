"""Reads for the agenda: the latest publication day and whether an item came in late (T6)."""

from __future__ import annotations

import datetime as dt

from joinedup.meetings import clocks
from joinedup.meetings.models import AgendaItem, Meeting


def item_is_late(item: AgendaItem) -> bool:
    """Added after the latest publication day under the body's rule (T6)."""
    return clocks.is_late(added_on=item.added_on, deadline=meeting_agenda_deadline(item.meeting))


def meeting_agenda_deadline(meeting: Meeting) -> dt.date | None:
    """The latest day the agenda could be published under the body's rule."""
    return clocks.agenda_deadline(
        rule=meeting.body.publication_rule,
        meeting_date=meeting.date,
        organisation=meeting.body.owner_organisation,
    )
