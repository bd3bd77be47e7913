"""GET /deadlines/{rule}: the calendar service over HTTP."""

from __future__ import annotations

import pytest
from ninja.testing import TestClient

from joinedup.core.api import router
from joinedup.core.models import CalendarOverride

pytestmark = pytest.mark.django_db
client = TestClient(router)


def test_it_returns_the_due_date():
    response = client.get("/deadlines/nhs-complaint-ack?date=2025-12-19")
    assert response.status_code == 200
    body = response.json()
    assert body["rule"] == "nhs-complaint-ack"
    assert body["input"] == "2025-12-19"
    assert body["due"] == "2025-12-24"
    assert body["explanation"] == []


def test_it_explains_when_asked():
    body = client.get("/deadlines/agenda-council?date=2026-01-06&explain=true").json()
    assert body["due"] == "2025-12-24"
    assert body["also"] == {"latest_calendar_day": "2025-12-28"}
    assert (
        "2025-12-25 skipped: Christmas Day; publication must be on a working day"
        in (body["explanation"])
    )


def test_it_returns_a_date_time_for_clock_hour_rules():
    body = client.get("/deadlines/ico-breach?date=2025-12-19T10:00").json()
    assert body["due"] == "2025-12-22T10:00"


def test_it_applies_the_organisation(world):
    CalendarOverride.objects.create(
        date="2025-12-24", description="Christmas Eve", organisation=world.council
    )
    world.council.key_decision_day_rule = "working"
    world.council.save()
    assert (
        client.get("/deadlines/agenda-council?date=2026-01-06&organisation=own-council").json()[
            "due"
        ]
        == "2025-12-23"
    )
    # Working days (22 Dec without closures), and Christmas Eve is not a clear day here either.
    assert (
        client.get(
            "/deadlines/key-decision-notice?date=2026-02-04&organisation=own-council"
        ).json()["due"]
        == "2025-12-19"
    )


@pytest.mark.parametrize(
    ("url", "loc", "message"),
    [
        ("/deadlines/nope?date=2026-01-05", ["path", "rule"], "Known rules: agenda-council"),
        ("/deadlines/foi?date=2031-01-06", ["query", "date"], "known horizon"),
        ("/deadlines/foi?date=5-1-2026", ["query", "date"], "not an ISO date"),
        ("/deadlines/foi?date=2026-01-05&organisation=x", ["query", "organisation"], "x"),
        (
            "/deadlines/key-decision-notice?date=2026-02-04&variant=fortnightly",
            ["query", "variant"],
            "no variant 'fortnightly'",
        ),
    ],
)
def test_it_returns_422_with_a_message(url, loc, message):
    response = client.get(url)
    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail["loc"] == loc
    assert message in detail["msg"]
