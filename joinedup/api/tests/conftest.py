"""Fixtures for the API tests: token clients per persona and a small governed world in `own`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from joinedup.accounts.models import ApiToken, PartnershipRole
from joinedup.accounts.tests.factories import UserFactory
from joinedup.core.models import Confidentiality
from joinedup.partnerships.models import Partner
from joinedup.partnerships.tests.factories import (
    BodyFactory,
    BodyMembershipFactory,
    ReportingLineFactory,
    TermsOfReferenceFactory,
)

API = "/api/v1"


class ApiClient:
    """A Django test client that sends a bearer token and JSON bodies."""

    def __init__(self, raw_token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(API + path, params, headers=self.headers)

    def post(self, path: str, data: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            API + path, data or {}, content_type="application/json", headers=self.headers
        )

    def patch(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.patch(
            API + path, data, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def other_viewer(world: Any) -> Any:
    """A plain viewer in partnership `other`, who must never see anything of `own`."""
    user = UserFactory(username="otherviewer", organisation=world["outsider"].organisation)
    PartnershipRole.objects.create(
        user=user,
        partnership=world.other,
        role=PartnershipRole.Role.VIEWER,
        organisation=user.organisation,
    )
    return user


@pytest.fixture
def api_for(world: Any, other_viewer: Any) -> Any:
    """api_for("viewer") gives a client authenticated with a fresh token for that persona."""

    def make(persona: str) -> ApiClient:
        if persona == "anonymous":
            return ApiClient(None)
        user = other_viewer if persona == "other_viewer" else world[persona]
        _, raw = ApiToken.issue(user=user, name="test")
        return ApiClient(raw)

    return make


@dataclass
class Records:
    board: Any
    group: Any
    restricted: Any
    exempt: Any
    seat: Any
    line: Any
    tor: Any
    partner: Any


@pytest.fixture
def records(world: Any) -> Records:
    """In `own`: an open board and group, a body restricted to the NHS, an exempt one."""
    own = world.own
    board = BodyFactory(partnership=own, slug="board", name="Partnership Board")
    group = BodyFactory(partnership=own, slug="group", name="Delivery Group", kind="working_group")
    restricted = BodyFactory(
        partnership=own,
        slug="nhs-only",
        name="NHS Only Group",
        confidentiality=Confidentiality.RESTRICTED,
    )
    restricted.restricted_to.set([world.nhs])
    exempt = BodyFactory(
        partnership=own,
        slug="exempt",
        name="Exempt Panel",
        confidentiality=Confidentiality.EXEMPT,
        exempt_paragraph=3,
    )
    seat = BodyMembershipFactory(body=board, person=world["board_member"])
    line = ReportingLineFactory(child=group, parent=board)
    tor = TermsOfReferenceFactory(body=board, version=1)
    partner = Partner.objects.get(partnership=own, organisation=world.nhs)
    return Records(board, group, restricted, exempt, seat, line, tor, partner)
