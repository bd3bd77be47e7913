"""Lookups for plans, actions and workstreams (joinedup/core/lookups.py): an id from a URL, a
request body, a form or the command line names a record of the partnership it is used in, or
is answered as one that does not exist."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from joinedup.core.lookups import (
    check_in_partnership,
    scoped_all_or_error,
    scoped_or_error,
    scoped_or_none,
)
from joinedup.core.models import Partnership
from joinedup.programme.models import Action, Plan, Workstream

PLAN = "plan"
ACTION = "action"
WORKSTREAM = "workstream"


def plan_in_partnership(partnership: Partnership, slug: Any, *, user: Any = None) -> Plan | None:
    return scoped_or_none(Plan.objects.all(), partnership, user=user, slug=slug)


def plan_or_error(
    partnership: Partnership, slug: Any, *, field: str, user: Any = None
) -> Plan | None:
    return scoped_or_error(
        Plan.objects.all(), partnership, field=field, noun=PLAN, user=user, slug=slug
    )


def action_in_partnership(
    partnership: Partnership, pk: Any, *, user: Any = None, plan: Plan | None = None
) -> Action | None:
    """The action with this id in the partnership (in `plan`, if given)."""
    actions = Action.objects.all() if plan is None else Action.objects.filter(plan=plan)
    return scoped_or_none(actions, partnership, user=user, pk=pk)


def action_or_error(
    partnership: Partnership,
    pk: Any,
    *,
    field: str,
    user: Any = None,
    plan: Plan | None = None,
) -> Action | None:
    actions = Action.objects.all() if plan is None else Action.objects.filter(plan=plan)
    return scoped_or_error(actions, partnership, field=field, noun=ACTION, user=user, pk=pk)


def actions_or_error(
    partnership: Partnership, pks: Iterable[Any] | None, *, field: str, user: Any = None
) -> list[Action] | None:
    """The actions named by id, each of the partnership (and visible to `user`)."""
    return scoped_all_or_error(
        Action.objects.select_related("plan"), partnership, pks, field=field, noun=ACTION, user=user
    )


def workstream_or_error(
    plan: Plan, name: Any, *, field: str, user: Any = None
) -> Workstream | None:
    """A workstream of the plan, by name (case as written)."""
    return scoped_or_error(
        Workstream.objects.filter(plan=plan),
        plan.partnership,
        field=field,
        noun=WORKSTREAM,
        user=user,
        name=name,
    )


def check_action(
    partnership: Partnership, action: Any, field: str, errors: dict[str, list[str]]
) -> None:
    if action is not None:
        check_in_partnership(errors, field, ACTION, action.partnership_id == partnership.pk)


def check_actions(
    partnership: Partnership, actions: Iterable[Any], field: str, errors: dict[str, list[str]]
) -> None:
    for action in actions:
        check_action(partnership, action, field, errors)
