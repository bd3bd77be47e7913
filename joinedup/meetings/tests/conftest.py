"""A council committee of the `own` partnership with a scheduled meeting, for the meetings tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from joinedup.meetings import services
from joinedup.partnerships import services as partnership_services


def at(day: dt.date, hour: int = 14) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@pytest.fixture
def committee(world: Any) -> Any:
    """A public council committee with three voting members (the board member chairs)."""
    po = world["programme_officer"]
    body = partnership_services.body_create(
        actor=po,
        partnership=world.own,
        name="Health Committee",
        kind="committee",
        owner_organisation=world.council,
        publication_rule="agenda-council",
        confidentiality="public",
    )
    for person, role in (
        (world["board_member"], "chair"),
        (world["contributor"], "member"),
        (world["viewer"], "member"),
    ):
        partnership_services.body_membership_create(actor=po, body=body, person=person, role=role)
    return body


@pytest.fixture
def meeting(world: Any, committee: Any) -> Any:
    """Tuesday 6 January 2026 (T6)."""
    return services.meeting_create(
        actor=world["programme_officer"],
        body=committee,
        start=at(dt.date(2026, 1, 6)),
        venue="Shire Hall",
    )


@pytest.fixture
def item(world: Any, meeting: Any) -> Any:
    return services.agenda_item_create(
        actor=world["programme_officer"],
        meeting=meeting,
        title="Shared services update",
        added_on=dt.date(2025, 12, 1),
    )


@pytest.fixture
def exempt_item(world: Any, meeting: Any) -> Any:
    return services.agenda_item_create(
        actor=world["programme_officer"],
        meeting=meeting,
        title="Staff consultation on the restructure",
        confidentiality="exempt",
        exempt_paragraph=4,
        public_interest_reasoning="Negotiations with staff are continuing.",
        added_on=dt.date(2025, 12, 1),
    )


def present(world: Any, meeting: Any, *names: str) -> None:
    for name in names:
        services.attendance_record(
            actor=world["programme_officer"], meeting=meeting, person=world[name]
        )
