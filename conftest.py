"""Shared personas. Every test that needs people takes them from here.

`own` is the partnership under test ("Own Partnership"), with three partner organisations:
the council (`council`), the NHS trust (`nhs`) and a voluntary network (`vcs`). `other` is a
second partnership whose people must never see anything of `own`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from joinedup.accounts.models import PartnershipRole
from joinedup.accounts.tests.factories import (
    OrganisationFactory,
    PartnershipRoleFactory,
    UserFactory,
)
from joinedup.core.tests.factories import PartnershipFactory
from joinedup.partnerships.tests.factories import PartnerFactory

Role = PartnershipRole.Role
PASSWORD = "correct horse battery"


@dataclass
class World:
    own: Any
    other: Any
    council: Any
    nhs: Any
    vcs: Any
    people: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.people[name]


def _person(username: str, org: Any, partnership: Any, role: str | None, title: str) -> Any:
    user = UserFactory(username=username, organisation=org, role_title=title)
    if role:
        PartnershipRoleFactory(user=user, partnership=partnership, role=role, organisation=org)
    return user


@pytest.fixture
def world(db: None) -> World:
    own = PartnershipFactory(slug="own", name="Own Partnership")
    other = PartnershipFactory(slug="other", name="Other Partnership")
    council = OrganisationFactory(slug="own-council", name="Own Council")
    nhs = OrganisationFactory(slug="own-nhs", name="Own NHS Trust", kind="hospital_trust")
    vcs = OrganisationFactory(slug="own-vcs", name="Own VCS Network", kind="voluntary")
    elsewhere = OrganisationFactory(slug="other-council", name="Other Council")
    for org in (council, nhs, vcs):
        PartnerFactory(partnership=own, organisation=org)
    PartnerFactory(partnership=other, organisation=elsewhere)
    people = {
        "programme_officer": _person(
            "po", council, own, Role.PROGRAMME_OFFICER, "Programme Officer"
        ),
        "board_member": _person("board", council, own, Role.BOARD_MEMBER, "Leader of the Council"),
        "partner_lead": _person("lead", nhs, own, Role.PARTNER_LEAD, "Trust Partnership Lead"),
        "contributor": _person("contrib", council, own, Role.CONTRIBUTOR, "Project Officer"),
        "viewer": _person("viewer", council, own, Role.VIEWER, "Council Analyst"),
        "other_partner_viewer": _person("vcsviewer", vcs, own, Role.VIEWER, "Network Coordinator"),
        "outsider": _person("outsider", elsewhere, other, Role.PROGRAMME_OFFICER, "Other PO"),
    }
    return World(own=own, other=other, council=council, nhs=nhs, vcs=vcs, people=people)


PERSONAS = [
    "programme_officer",
    "board_member",
    "partner_lead",
    "contributor",
    "viewer",
    "other_partner_viewer",
    "outsider",
    "anonymous",
]


@pytest.fixture
def client_for(client: Any, world: World) -> Any:
    """client_for("viewer") gives a test client signed in as that persona."""

    def make(persona: str) -> Any:
        if persona != "anonymous":
            client.force_login(world[persona])
        return client

    return make
