"""The risk registers of the `own` partnership: the partnership's, the council's and the trust's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from joinedup.partnerships.tests.factories import BodyFactory
from joinedup.risks import services


@dataclass
class Registers:
    joint: Any
    council: Any
    nhs: Any
    board: Any
    council_body: Any
    nhs_body: Any


@pytest.fixture
def registers(world: Any) -> Registers:
    po = world["programme_officer"]
    own = world.own
    board = BodyFactory(partnership=own, name="Partnership Board", slug="own-board")
    council_body = BodyFactory(
        partnership=own,
        name="Council Cabinet",
        slug="own-cabinet",
        owner_organisation=world.council,
    )
    nhs_body = BodyFactory(
        partnership=own, name="Trust Board", slug="own-trust-board", owner_organisation=world.nhs
    )

    def make(name: str, org: Any, body: Any) -> Any:
        return services.register_create(
            actor=po, partnership=own, name=name, organisation=org, governing_body=body
        )

    return Registers(
        joint=make("Partnership risks", None, board),
        council=make("Council corporate risks", world.council, council_body),
        nhs=make("Trust corporate risks", world.nhs, nhs_body),
        board=board,
        council_body=council_body,
        nhs_body=nhs_body,
    )
