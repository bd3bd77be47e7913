"""The API history operation: every governed record by its label, as visible as the record."""

from __future__ import annotations

from typing import Any

import pytest

from joinedup.core.audit import audited_save
from joinedup.core.models import Confidentiality
from joinedup.programme.tests.factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db


def _action(world: Any, level: str) -> Any:
    paragraph = 3 if level == Confidentiality.EXEMPT else None
    # An action is never more visible than its plan: the plan is at the action's level.
    plan = PlanFactory(partnership=world.own, confidentiality=level, exempt_paragraph=paragraph)
    action = ActionFactory.build(
        plan=plan, partnership=world.own, confidentiality=level, exempt_paragraph=paragraph
    )
    audited_save(action, actor=world["programme_officer"])
    return action


def test_it_gives_the_history_of_a_programme_action_by_its_label(world: Any, api_for: Any) -> None:
    action = _action(world, Confidentiality.PUBLIC)

    answer = api_for("viewer").get(f"/partnerships/own/history/programme.action/{action.pk}")

    assert answer.status_code == 200
    entries = answer.json()["items"]
    assert [e["action"] for e in entries] == ["create"]
    assert entries[0]["actor"]
    assert entries[0]["object_repr"] == str(action)


def test_it_answers_404_for_the_history_of_an_exempt_action_a_viewer_may_not_see(
    world: Any, api_for: Any
) -> None:
    action = _action(world, Confidentiality.EXEMPT)
    path = f"/partnerships/own/history/programme.action/{action.pk}"

    assert api_for("viewer").get(path).status_code == 404
    assert api_for("programme_officer").get(path).status_code == 200


@pytest.mark.parametrize("label", ["accounts.user", "core.auditentry", "nope", "a.b.c"])
def test_it_answers_404_for_anything_but_a_governed_record(
    world: Any, api_for: Any, label: str
) -> None:
    path = f"/partnerships/own/history/{label}/{world['viewer'].pk}"

    assert api_for("programme_officer").get(path).status_code == 404
