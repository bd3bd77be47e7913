"""People and organisations of another partnership named in risk writes: refused as unknown
ones, never named (joinedup/core/lookups.py), by the API and by the services themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.accounts.models import ApiToken
from joinedup.api.tests.conftest import ApiClient
from joinedup.core.models import AuditEntry
from joinedup.risks import services
from joinedup.risks.tests.conftest import Registers

NO_SUCH = "There is no such {} in this partnership."


@pytest.fixture
def api_for(world: Any) -> Any:
    def make(persona: str) -> ApiClient:
        _, raw = ApiToken.issue(user=world[persona], name="test")
        return ApiClient(raw)

    return make


@pytest.fixture
def risk(world: Any, registers: Registers) -> Any:
    return services.risk_create(
        actor=world["programme_officer"],
        register=registers.council,
        title="Shared services fail to deliver savings",
        category="financial",
        owner=world["board_member"],
    )


def _writes(world: Any, registers: Registers, risk: Any) -> dict[str, Callable[[], Any]]:
    po, outsider = world["programme_officer"], world["outsider"]
    elsewhere = outsider.organisation
    return {
        "owner": lambda: services.risk_create(
            actor=po, register=registers.council, title="T", category="financial", owner=outsider
        ),
        "lead_organisation": lambda: services.risk_create(
            actor=po,
            register=registers.joint,
            title="T",
            category="financial",
            lead_organisation=elsewhere,
        ),
        "reviewer": lambda: services.risk_review_record(
            actor=po, risk=risk, reviewer=outsider, reviewed_on=dt.date(2025, 6, 2)
        ),
        "approver": lambda: services.risk_accept(
            actor=po,
            risk=risk,
            approver=outsider,
            justification="Within appetite",
            expires_on=dt.date(2026, 6, 2),
            accepted_on=dt.date(2025, 6, 2),
        ),
        "organisation": lambda: services.contribution_set(
            actor=po,
            risk=risk,
            organisation=elsewhere,
            owner=None,
            likelihood=None,
            consequence=None,
        ),
        "reviewed_by": lambda: services.register_review_at_meeting(
            actor=po,
            register=registers.council,
            meeting_date=dt.date(2025, 6, 2),
            reviewed_by=[world["board_member"], outsider],
        ),
    }


NOUNS = {
    "owner": "person",
    "reviewer": "person",
    "approver": "person",
    "reviewed_by": "person",
    "lead_organisation": "partner organisation",
    "organisation": "partner organisation",
}


@pytest.mark.parametrize("field", sorted(NOUNS))
def test_a_risk_service_refuses_an_outsider_without_naming_them(
    world: Any, registers: Registers, risk: Any, field: str
) -> None:
    outsider = world["outsider"]
    before = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        _writes(world, registers, risk)[field]()

    assert NO_SUCH.format(NOUNS[field]) in refused.value.message_dict[field]
    said = str(refused.value.message_dict)
    assert outsider.display_name not in said and outsider.organisation.name not in said
    assert AuditEntry.objects.count() == before


def test_the_api_refuses_a_reviewer_of_another_partnership_as_one_of_nobody(
    world: Any, risk: Any, api_for: Any
) -> None:
    url = f"/partnerships/own/risks/{risk.pk}/reviews"
    po = api_for("programme_officer")

    foreign = po.post(url, {"reviewer": world["outsider"].pk, "reviewed_on": "2025-06-02"})
    unknown = po.post(url, {"reviewer": 987654321, "reviewed_on": "2025-06-02"})

    assert foreign.status_code == unknown.status_code == 422
    assert foreign.json() == unknown.json()
