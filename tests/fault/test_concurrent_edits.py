"""Two people save the same action (or risk) at the same moment, both from the version they
read: exactly one save wins (200), the other gets 409 with a message saying why and the current
version, and the record holds the winner's change: no lost update.

The two requests run in two threads, each with its own database connection, released together
by a barrier, against committed data (transactional_db), so the database's own locking decides.
The web form's conflict page has its real-browser test in tests/e2e/test_programme.py.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from conftest import World
from joinedup.accounts.models import ApiToken
from joinedup.core.models import AuditEntry
from joinedup.programme.tests.factories import ActionFactory, PlanFactory
from joinedup.risks.tests.factories import RegisterFactory, RiskFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _patch_together(url: str, token: str, bodies: list[dict[str, Any]]) -> list[Any]:
    """PATCH each body to `url` from its own thread, all released at once; the answers."""
    barrier = threading.Barrier(len(bodies))
    answers: list[Any] = [None] * len(bodies)

    def send(index: int, body: dict[str, Any]) -> None:
        client = Client(headers={"Authorization": f"Bearer {token}"})
        try:
            barrier.wait(timeout=10)
            answers[index] = client.patch(url, data=body, content_type="application/json")
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def _one_winner(answers: list[Any], version: int) -> tuple[int, Any]:
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 409], statuses
    loser = next(a for a in answers if a.status_code == 409)
    payload = loser.json()
    assert payload["current_version"] == version + 1
    assert "changed" in payload["detail"].lower() or "since" in payload["detail"].lower(), payload
    return next(i for i, a in enumerate(answers) if a.status_code == 200), loser


@pytest.fixture
def token(world: World) -> str:
    return ApiToken.issue(user=world["programme_officer"], name="race")[1]


def test_it_keeps_one_of_two_simultaneous_action_edits_and_refuses_the_other(
    world: World, token: str
) -> None:
    plan = PlanFactory(partnership=world.own, slug="race-plan")
    action = ActionFactory(
        plan=plan, reference="1", title="Before", lead_organisation=world.council
    )
    titles = ["Edited by the first officer", "Edited by the second officer"]
    history_before = AuditEntry.objects.count()

    answers = _patch_together(
        f"/api/v1/partnerships/own/actions/{action.pk}",
        token,
        [{"version": action.version, "title": title} for title in titles],
    )

    winner, _ = _one_winner(answers, action.version)
    action.refresh_from_db()
    assert action.title == titles[winner]
    assert action.version == 2
    assert AuditEntry.objects.count() == history_before + 1


def test_it_keeps_one_of_two_simultaneous_risk_edits_and_refuses_the_other(
    world: World, token: str
) -> None:
    register = RegisterFactory(partnership=world.own, slug="race-register")
    risk = RiskFactory(register=register, title="Before", lead_organisation=world.council)
    titles = ["Edited by the first officer", "Edited by the second officer"]
    history_before = AuditEntry.objects.count()

    answers = _patch_together(
        f"/api/v1/partnerships/own/risks/{risk.pk}",
        token,
        [{"version": risk.version, "title": title} for title in titles],
    )

    winner, _ = _one_winner(answers, risk.version)
    risk.refresh_from_db()
    assert risk.title == titles[winner]
    assert risk.version == 2
    assert AuditEntry.objects.count() == history_before + 1


def test_it_refuses_a_save_from_a_version_read_before_the_last_save(
    world: World, token: str
) -> None:
    """The slow path: the second editor saves long after the first, still from version 1."""
    plan = PlanFactory(partnership=world.own, slug="late-plan")
    action = ActionFactory(
        plan=plan, reference="1", title="Before", lead_organisation=world.council
    )
    client = Client(headers={"Authorization": f"Bearer {token}"})
    url = f"/api/v1/partnerships/own/actions/{action.pk}"

    first = client.patch(
        url, data={"version": 1, "title": "First"}, content_type="application/json"
    )
    second = client.patch(
        url, data={"version": 1, "title": "Second"}, content_type="application/json"
    )

    assert (first.status_code, second.status_code) == (200, 409)
    assert second.json()["current_version"] == 2
    action.refresh_from_db()
    assert (action.title, action.version) == ("First", 2)
