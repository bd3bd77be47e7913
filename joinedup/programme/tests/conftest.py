"""A plan of the `own` partnership (see the root conftest's personas) with a few actions."""

from __future__ import annotations

from typing import Any

import pytest

from joinedup.programme.tests.factories import ActionFactory, PlanFactory


@pytest.fixture
def plan(world: Any) -> Any:
    return PlanFactory(partnership=world.own, slug="dev-plan", name="Development Plan")


@pytest.fixture
def nhs_action(plan: Any, world: Any) -> Any:
    """An action the NHS trust leads (the partner lead's organisation)."""
    return ActionFactory(plan=plan, reference="1", lead_organisation=world.nhs)


@pytest.fixture
def council_action(plan: Any, world: Any) -> Any:
    return ActionFactory(plan=plan, reference="2", lead_organisation=world.council)


@pytest.fixture
def api_for(world: Any) -> Any:
    """api_for("viewer") gives an API client with a fresh token for that persona."""
    from joinedup.accounts.models import ApiToken
    from joinedup.api.tests.conftest import ApiClient

    def make(persona: str) -> Any:
        if persona == "anonymous":
            return ApiClient(None)
        _, raw = ApiToken.issue(user=world[persona], name="test")
        return ApiClient(raw)

    return make
