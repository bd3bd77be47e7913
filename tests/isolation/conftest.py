"""Fixtures of the isolation matrices: a record of every governed model at every level.

The records come from the apps' providers (tests/isolation/providers/). Every record's visible
text carries a marker "Qx-<level>-<partnership>" so a page or API answer can be searched for
things the persona may not see. Providers also nest restricted and exempt records under the
public ones (a terms-of-reference version, a seat, a reporting line under the public body...),
so a page about a record a persona may see is also checked for what it lists.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import World
from joinedup.accounts.models import ApiToken, PartnershipRole
from joinedup.accounts.tests.factories import PartnershipRoleFactory, UserFactory
from tests.isolation import policy, providers
from tests.isolation.matrix import CELLS, CELLS_BY_APP, RecordSet


def make_record_set(
    world: World, partnership: Any, level: str, *, owner: Any, restricted_to: list[Any]
) -> RecordSet:
    """One record of every governed model of every app at `level`, owned by `owner`, marked."""
    marker = f"Qx-{level}-{partnership.slug}"
    records = providers.make_all(world, partnership, level, owner, restricted_to, marker)
    return RecordSet(level=level, partnership=partnership, marker=marker, records=records)


@pytest.fixture
def record_sets(world: World) -> dict[str, RecordSet]:
    """own: a record set per level (owned by the NHS trust, restricted ones to it)."""
    nhs_person = UserFactory(
        username="nhs-analyst", role_title="Trust Analyst", organisation=world.nhs
    )
    PartnershipRoleFactory(
        user=nhs_person,
        partnership=world.own,
        role=PartnershipRole.Role.VIEWER,
        organisation=world.nhs,
    )
    sets = {
        level: make_record_set(world, world.own, level, owner=world.nhs, restricted_to=[world.nhs])
        for level in policy.LEVELS
    }
    providers.nest_all(world, sets)
    for record_set in sets.values():
        # People pages: a council person and an NHS person, both members of `own`.
        record_set.people = [world["viewer"], nhs_person]
    return sets


@pytest.fixture
def other_set(world: World) -> RecordSet:
    """other: one partnership-level record set (for the cross-tenant IDOR checks)."""
    elsewhere = world["outsider"].organisation
    record_set = make_record_set(
        world, world.other, "partnership", owner=elsewhere, restricted_to=[elsewhere]
    )
    record_set.people = [world["outsider"]]
    return record_set


@pytest.fixture
def page_clients(world: World) -> dict[str, Client]:
    """A test client per persona, signed in (anonymous: not), never raising on a server error."""
    clients = {}
    for persona in policy.PERSONAS:
        client = Client(raise_request_exception=False)
        if persona != policy.ANON:
            client.force_login(world[persona])
        clients[persona] = client
    return clients


@pytest.fixture
def api_clients(world: World) -> dict[str, Client]:
    """A test client per persona carrying that persona's bearer token (anonymous: none)."""
    clients = {}
    for persona in policy.PERSONAS:
        headers = {}
        if persona != policy.ANON:
            _, raw = ApiToken.issue(user=world[persona], name="matrix")
            headers["Authorization"] = f"Bearer {raw}"
        clients[persona] = Client(raise_request_exception=False, headers=headers)
    return clients


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not CELLS:
        return
    parts = ", ".join(f"{count} {name}" for name, count in sorted(CELLS.items()))
    total = sum(CELLS.values())
    terminalreporter.write_line(f"isolation matrix: {total} cells checked ({parts})")
    for app in sorted({app for app, _ in CELLS_BY_APP}):
        mine = {matrix: n for (a, matrix), n in CELLS_BY_APP.items() if a == app}
        parts = ", ".join(f"{count} {name}" for name, count in sorted(mine.items()))
        terminalreporter.write_line(f"  {app}: {sum(mine.values())} ({parts})")
