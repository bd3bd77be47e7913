"""Fixtures of the isolation matrices: a record of every governed model at every level.

Every record's visible text carries a marker "Qx-<level>-<partnership>" so a page or API answer
can be searched for things the persona may not see. The public set also holds restricted and
exempt records nested under its public body (a terms-of-reference version, a seat, a reporting
line), so a page about a record a persona may see is also checked for what it lists.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import World
from joinedup.accounts.models import ApiToken, PartnershipRole
from joinedup.accounts.tests.factories import (
    OrganisationFactory,
    PartnershipRoleFactory,
    UserFactory,
)
from joinedup.core.audit import write_entry
from joinedup.core.models import AuditEntry
from joinedup.partnerships.tests.factories import (
    BodyFactory,
    BodyMembershipFactory,
    PartnerFactory,
    ReportingLineFactory,
    TermsOfReferenceFactory,
)
from tests.isolation import policy
from tests.isolation.matrix import CELLS, RecordSet


def _governed(level: str, restricted_to: list[Any]) -> dict[str, Any]:
    return {
        "confidentiality": level,
        "exempt_paragraph": 3 if level == "exempt" else None,
    }


def _restrict(obj: Any, level: str, restricted_to: list[Any]) -> Any:
    if level == "restricted":
        obj.restricted_to.set(restricted_to)
    return obj


def make_record_set(
    world: World, partnership: Any, level: str, *, owner: Any, restricted_to: list[Any]
) -> RecordSet:
    """One record of every governed model at `level`, owned by `owner`, with marked names."""
    tag = f"qx-{level}-{partnership.slug}"
    marker = f"Qx-{level}-{partnership.slug}"
    common = _governed(level, restricted_to)
    body = BodyFactory(
        partnership=partnership,
        slug=f"{tag}-body",
        name=f"{marker} body",
        owner_organisation=owner,
        purpose=f"{marker} purpose",
        **common,
    )
    parent = BodyFactory(
        partnership=partnership,
        slug=f"{tag}-parent",
        name=f"{marker} parent body",
        owner_organisation=owner,
        **common,
    )
    tor1 = TermsOfReferenceFactory(
        body=body, version=1, title=f"{marker} terms", purpose="To oversee the work.", **common
    )
    tor2 = TermsOfReferenceFactory(
        body=body,
        version=2,
        title=f"{marker} terms",
        purpose="To oversee and scrutinise the work.",
        **common,
    )
    # People are not governed records (a person picker may list anyone of a partner
    # organisation), so the seat holder's name carries no marker; the seat itself is checked
    # through the body pages it appears on.
    seat_holder = UserFactory(
        username=f"{tag}-seat", role_title=f"Seat holder {tag}", organisation=owner
    )
    membership = BodyMembershipFactory(body=body, person=seat_holder, representing=owner, **common)
    # Organisations are instance-wide reference data (GET /api/v1/organisations lists them all),
    # so only `own`'s partner organisations carry a marker: there, the name on a page says
    # "this organisation is a partner at this level".
    org_name = f"{marker} partner organisation" if partnership.slug == "own" else f"Org {tag}"
    org = OrganisationFactory(slug=f"{tag}-org", name=org_name)
    partner = PartnerFactory(
        partnership=partnership, organisation=org, notes=f"{marker} notes", **common
    )
    line = ReportingLineFactory(
        child=body, parent=parent, note=f"{marker} reporting line", **common
    )
    records = [body, parent, tor1, tor2, membership, partner, line]
    for record in records:
        _restrict(record, level, restricted_to)
        write_entry(
            record,
            action=AuditEntry.Action.CREATE,
            changes={"note": [None, marker]},
            actor=None,
            reason=f"{marker} created",
        )
    return RecordSet(
        level=level,
        partnership=partnership,
        body=body,
        parent_body=parent,
        tor1=tor1,
        tor2=tor2,
        membership=membership,
        partner=partner,
        line=line,
        marker=marker,
    )


def _nest_hidden_records(world: World, public: RecordSet, sets: dict[str, RecordSet]) -> None:
    """Restricted and exempt records hanging off the public body (seen only by some)."""
    for version, level in ((3, "restricted"), (4, "exempt")):
        marker = sets[level].marker
        common = _governed(level, [world.nhs])
        tor = TermsOfReferenceFactory(
            body=public.body, version=version, title=f"{marker} nested terms", **common
        )
        person = UserFactory(
            username=f"qx-{level}-nested-seat",
            role_title=f"Nested seat holder {level}",
            organisation=world.nhs,
        )
        seat = BodyMembershipFactory(
            body=public.body, person=person, representing=world.nhs, **common
        )
        line = ReportingLineFactory(
            child=sets[level].body, parent=public.body, note=f"{marker} nested line", **common
        )
        for record in (tor, seat, line):
            _restrict(record, level, [world.nhs])


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
    _nest_hidden_records(world, sets["public"], sets)
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
