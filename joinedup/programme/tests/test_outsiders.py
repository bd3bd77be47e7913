"""People, organisations and bodies of another partnership named in work-programme writes:
refused as unknown ones, never named (joinedup/core/lookups.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from joinedup.core.models import AuditEntry
from joinedup.partnerships.tests.factories import BodyFactory
from joinedup.programme import services
from joinedup.programme.models import Action


@pytest.fixture
def theirs(world: Any) -> dict[str, Any]:
    outsider = world["outsider"]
    return {
        "owner": outsider,
        "lead_organisation": outsider.organisation,
        "responsible_body": BodyFactory(partnership=world.other, name="Their Board"),
    }


@pytest.mark.parametrize(
    ("field", "noun"),
    [
        ("owner", "person"),
        ("lead_organisation", "partner organisation"),
        ("responsible_body", "body"),
    ],
)
def test_an_action_names_nothing_of_another_partnership(
    world: Any, plan: Any, theirs: dict[str, Any], field: str, noun: str
) -> None:
    before = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.action_create(
            actor=world["programme_officer"],
            plan=plan,
            title="Joint commissioning",
            **{field: theirs[field]},
        )

    assert refused.value.message_dict[field] == [f"There is no such {noun} in this partnership."]
    assert str(theirs[field]) not in str(refused.value.message_dict)
    assert AuditEntry.objects.count() == before


def test_the_api_answers_an_owner_of_another_partnership_as_one_of_nobody(
    world: Any, plan: Any, nhs_action: Any, api_for: Any
) -> None:
    po = api_for("programme_officer")
    url = f"/partnerships/own/actions/{nhs_action.pk}"
    version = nhs_action.version

    foreign = po.patch(url, {"version": version, "owner": world["outsider"].pk})
    unknown = po.patch(url, {"version": version, "owner": 987654321})

    assert foreign.status_code == unknown.status_code == 422
    assert foreign.json() == unknown.json()
    assert Action.objects.get(pk=nhs_action.pk).owner_id is None


def test_a_progress_update_points_at_no_action_of_another_partnership(
    world: Any, nhs_action: Any
) -> None:
    from joinedup.programme.tests.factories import ActionFactory, PlanFactory

    their_action = ActionFactory(plan=PlanFactory(partnership=world.other, slug="their-plan"))

    with pytest.raises(ValidationError) as refused:
        services.action_progress_add(
            actor=world["programme_officer"], action=nhs_action, see_action=their_action
        )

    assert refused.value.message_dict == {
        "see_action": ["There is no such action in this partnership."]
    }
