"""Lookups for meetings, key decision notices, dispensations and registered interests
(joinedup/core/lookups.py): an id from a URL, a request body, a form or the command line names
a record of the partnership it is used in, or is answered as one that does not exist."""

from __future__ import annotations

from typing import Any

from joinedup.core.lookups import check_in_partnership, scoped_or_error
from joinedup.core.models import Partnership
from joinedup.meetings.models import Dispensation, KeyDecisionNotice, Meeting, RegisterEntry

MEETING = "meeting"
NOTICE = "key decision notice"
DISPENSATION = "dispensation"
INTEREST = "registered interest"


def meeting_or_error(
    partnership: Partnership, pk: Any, *, field: str, user: Any = None, body: Any = None
) -> Meeting | None:
    """A meeting of the partnership (of `body`, if given)."""
    meetings = Meeting.objects.all() if body is None else Meeting.objects.filter(body=body)
    return scoped_or_error(meetings, partnership, field=field, noun=MEETING, user=user, pk=pk)


def notice_or_error(
    partnership: Partnership, pk: Any, *, field: str, user: Any = None
) -> KeyDecisionNotice | None:
    return scoped_or_error(
        KeyDecisionNotice.objects.all(), partnership, field=field, noun=NOTICE, user=user, pk=pk
    )


def dispensation_or_error(
    partnership: Partnership, pk: Any, *, field: str, user: Any = None
) -> Dispensation | None:
    return scoped_or_error(
        Dispensation.objects.all(), partnership, field=field, noun=DISPENSATION, user=user, pk=pk
    )


def interest_or_error(
    partnership: Partnership, pk: Any, *, field: str, user: Any = None
) -> RegisterEntry | None:
    """A registered interest (an entry of the register of interests) of the partnership."""
    return scoped_or_error(
        RegisterEntry.objects.all(), partnership, field=field, noun=INTEREST, user=user, pk=pk
    )


def check_record(
    partnership: Partnership, record: Any, field: str, noun: str, errors: dict[str, list[str]]
) -> None:
    """A service's check that a meetings record it was handed is of the partnership."""
    if record is not None:
        check_in_partnership(errors, field, noun, record.partnership_id == partnership.pk)
