"""Sessions end after 30 idle minutes and 8 hours after sign-in, whatever the activity."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import World
from joinedup.core import middleware

HOUR = 60 * 60


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    return now


def test_it_keeps_an_active_session(client_for: Any, world: World, clock: list[float]) -> None:
    client = client_for("viewer")
    for _ in range(10):
        assert client.get("/p/own/").status_code == 200
        clock[0] += 20 * 60
    assert client.get("/p/own/").status_code == 200


def test_it_ends_a_session_after_thirty_idle_minutes(
    client_for: Any, world: World, clock: list[float]
) -> None:
    client = client_for("viewer")
    assert client.get("/p/own/").status_code == 200
    clock[0] += 31 * 60
    response = client.get("/p/own/")
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_it_ends_even_an_active_session_after_eight_hours(
    client_for: Any, world: World, clock: list[float]
) -> None:
    client = client_for("viewer")
    assert client.get("/p/own/").status_code == 200
    for _ in range(8 * 4):
        clock[0] += 15 * 60
        client.get("/p/own/")
    clock[0] += 15 * 60
    assert client.get("/p/own/").status_code == 302
