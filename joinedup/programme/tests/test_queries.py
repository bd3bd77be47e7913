"""Query budgets: the action list, plan page and dashboard cost the same at 10 and 200 actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joinedup.programme.models import Action, ProgressUpdate
from joinedup.programme.tests.factories import MilestoneFactory, WorkstreamFactory, word

pytestmark = pytest.mark.django_db


def _grow(plan, world, total: int) -> None:
    """Bring the plan up to `total` actions, each with two updates (one "As above")."""
    streams = list(plan.workstreams.all()) or [
        WorkstreamFactory(plan=plan, name=f"Stream {i}", order=i) for i in range(3)
    ]
    words = [word(w) for w in ("Achieved", "Underway", "Ongoing", "Deleted")]
    orgs = [world.council, world.nhs, world.vcs, None]
    have = plan.actions.count()
    actions = Action.objects.bulk_create(
        Action(
            partnership=plan.partnership,
            plan=plan,
            reference=f"R{n}",
            order=n,
            title=f"Action {n}",
            workstream=streams[n % 3],
            status=words[n % 4],
            lead_organisation=orgs[n % 4],
            owner=world["contributor"],
            due_date=dt.date(2008, 8, 31),
        )
        for n in range(have, total)
    )
    updates = []
    for action in actions:
        updates.append(
            ProgressUpdate(
                partnership=plan.partnership,
                action=action,
                date=dt.date(2008, 6, 1),
                narrative="Underway.",
            )
        )
        updates.append(
            ProgressUpdate(
                partnership=plan.partnership,
                action=action,
                date=dt.date(2008, 10, 2),
                narrative="As above.",
                see_action=actions[0],
            )
        )
    ProgressUpdate.objects.bulk_create(updates)
    MilestoneFactory(plan=plan, due_date=dt.date(2030, 1, 1))


def _count(client, url) -> int:
    client.get(url)  # warm up: the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["programme_officer", "viewer", "partner_lead"])
@pytest.mark.parametrize(
    "page",
    [
        "/p/own/programme/dev-plan/",
        "/p/own/programme/dev-plan/dashboard/",
        "/p/own/programme/dev-plan/updates-due/",
        "/p/own/programme/",
    ],
)
def test_it_costs_the_same_queries_at_10_and_200_actions(page, persona, plan, world, client_for):
    client = client_for(persona)
    _grow(plan, world, 10)
    small = _count(client, page)
    _grow(plan, world, 200)
    assert _count(client, page) == small


def test_it_costs_the_same_queries_for_the_api_action_list(plan, world, api_for):
    client = api_for("viewer")
    _grow(plan, world, 10)
    url = "/partnerships/own/plans/dev-plan/actions"
    client.get(url, page_size=100)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url, page_size=100).status_code == 200
    _grow(plan, world, 200)
    client.get(url, page_size=100)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url, page_size=100).status_code == 200
    assert len(large) == len(small)


def test_it_costs_the_same_queries_for_an_action_page_with_many_updates(plan, world, client_for):
    _grow(plan, world, 10)
    action = plan.actions.first()
    client = client_for("viewer")
    small = _count(client, f"/p/own/programme/actions/{action.pk}/")
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            partnership=plan.partnership,
            action=action,
            date=dt.date(2008, 1, n),
            narrative=f"Update {n}",
            status=word("Underway"),
            author=world["viewer"],
        )
        for n in range(1, 29)
    )
    assert _count(client, f"/p/own/programme/actions/{action.pk}/") == small
