"""Writes for actions and the dependencies between them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.accounts.models import Organisation
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_delete, audited_save, snapshot
from joinedup.core.confidentiality import INHERIT
from joinedup.core.lookups import check_in_partnership
from joinedup.partnerships.lookups import check_body, check_organisation
from joinedup.partnerships.models import Body
from joinedup.programme.lookups import WORKSTREAM
from joinedup.programme.models import Action, ActionDependency, Plan, StatusWord, Workstream
from joinedup.programme.selectors import dependency_path, next_reference
from joinedup.programme.services._common import (
    UNSET,
    StaleVersionError,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    is_set,
    validate,
)

_EDITABLE = (
    "workstream",
    "reference",
    "order",
    "title",
    "description",
    "lead_organisation",
    "owner",
    "responsible_body",
    "start_date",
    "due_date",
    "completed_on",
    "status",
    "closed_reason",
    "confidentiality",
    "exempt_paragraph",
)


def _check(action: Action, errors: dict[str, list[str]]) -> None:
    """The records an action names are of its partnership (as the lookups would find them)."""
    partnership = action.partnership
    check_organisation(partnership, action.lead_organisation, "lead_organisation", errors)
    check_body(partnership, action.responsible_body, "responsible_body", errors)
    check_person(partnership, action.owner, "owner", errors)
    if action.workstream is not None and action.workstream.plan_id != action.plan_id:
        check_in_partnership(errors, "workstream", WORKSTREAM, ok=False)


@transaction.atomic
def action_create(
    *,
    actor: Actor,
    plan: Plan,
    title: str,
    reference: str = "",
    workstream: Workstream | None = None,
    order: int | None = None,
    description: str = "",
    lead_organisation: Organisation | None = None,
    owner: Any = None,
    responsible_body: Body | None = None,
    start_date: dt.date | None = None,
    due_date: dt.date | None = None,
    completed_on: dt.date | None = None,
    status: StatusWord | None = None,
    previous_action: Action | None = None,
    confidentiality: str | None = None,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    reason: str = "",
) -> Action:
    """Add an action to a plan: programme officers for anyone, partner leads for their own."""
    lead_id = lead_organisation.pk if lead_organisation else None
    deny_unless(
        permissions.can_view(actor, plan)
        and permissions.can_create_in(actor, plan.partnership, lead_id),
        "You may not add an action for this organisation.",
    )
    action = Action(
        partnership_id=plan.partnership_id,
        plan=plan,
        workstream=workstream,
        reference=reference or next_reference(plan),
        order=order if order is not None else plan.actions.count() + 1,
        title=title,
        description=description,
        lead_organisation=lead_organisation,
        owner=owner,
        responsible_body=responsible_body,
        start_date=start_date,
        due_date=due_date,
        completed_on=completed_on,
        status=status,
        previous_action=previous_action,
        # None: the level (and Schedule 12A paragraph, and organisations) of the strictest of
        # its workstream and plan, set by check_and_save (joinedup/core/confidentiality.py).
        confidentiality=confidentiality or INHERIT,
        exempt_paragraph=exempt_paragraph,
    )
    errors: dict[str, list[str]] = {}
    if plan.status == Plan.Status.CLOSED:
        add_error(errors, "plan", "This plan is closed; add the action to its refreshed plan.")
    _check(action, errors)
    check_and_save(action, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return action


def _lock_version(action: Action, expected_version: int) -> None:
    """Refuse the write if someone saved the action since `expected_version` was read."""
    current = (
        Action.objects.select_for_update().filter(pk=action.pk).values_list("version", flat=True)
    ).first()
    if current != expected_version:
        raise StaleVersionError(current=current or 0, expected=expected_version)


def save_new_version(
    action: Action,
    *,
    actor: Actor,
    reason: str,
    restricted_to: Any = UNSET,
    errors: dict[str, list[str]] | None = None,
) -> bool:
    """Validate and save the action as its next version, if anything changed; return whether."""
    stored = Action.objects.get(pk=action.pk)
    same_m2m = not is_set(restricted_to) or restricted_to is None
    if not errors and snapshot(stored) == snapshot(action) and same_m2m:
        validate(action)
        return False
    action.version = stored.version + 1
    check_and_save(
        action, errors=errors or {}, restricted_to=restricted_to, actor=actor, reason=reason
    )
    return True


@transaction.atomic
def action_update(
    *,
    actor: Actor,
    action: Action,
    expected_version: int,
    restricted_to: Iterable[Organisation] | None = UNSET,
    reason: str = "",
    **changes: Any,
) -> Action:
    """Change an action. `expected_version` is the version the editor started from: if someone
    saved it since, StaleVersionError is raised and nothing is written.

    `changes` takes any of: workstream, reference, order, title, description, lead_organisation,
    owner, responsible_body, start_date, due_date, completed_on, status, closed_reason,
    confidentiality, exempt_paragraph.
    """
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise TypeError(f"action_update() got unexpected fields: {', '.join(sorted(unknown))}")
    deny_unless(permissions.can_edit(actor, action), "You may not change this action.")
    new_lead = changes.get("lead_organisation", UNSET)
    new_id = new_lead.pk if is_set(new_lead) and new_lead is not None else None
    if is_set(new_lead) and new_id != action.lead_organisation_id:
        # Handing an action on (or making it joint) needs the right to create it there.
        deny_unless(
            permissions.can_create_in(actor, action.partnership, new_id),
            "You may not hand the action to that organisation.",
        )
    _lock_version(action, expected_version)
    apply(action, changes)
    errors: dict[str, list[str]] = {}
    _check(action, errors)
    save_new_version(action, actor=actor, reason=reason, restricted_to=restricted_to, errors=errors)
    return action


def _cycle_message(action: Action, depends_on: Action, path: list[int]) -> str:
    if len(path) == 1:
        return "An action cannot wait on itself."
    refs = dict(Action.objects.filter(pk__in=path).values_list("pk", "reference"))
    chain = " → ".join(refs[pk] for pk in path)
    return (
        f"Action {depends_on.reference} already waits on action {action.reference} "
        f"({chain}), so {action.reference} cannot wait on {depends_on.reference}: "
        "the actions would wait on each other for ever."
    )


@transaction.atomic
def action_dependency_add(
    *, actor: Actor, action: Action, depends_on: Action, note: str = "", reason: str = ""
) -> ActionDependency:
    """Record that `action` cannot finish before `depends_on`; a cycle is refused."""
    deny_unless(permissions.can_edit(actor, action), "You may not change this action.")
    deny_unless(permissions.can_view(actor, depends_on), "You may not see that action.")
    dependency = ActionDependency(action=action, depends_on=depends_on, note=note)
    errors: dict[str, list[str]] = {}
    path = dependency_path(depends_on, action)
    if path is not None:
        add_error(errors, "depends_on", _cycle_message(action, depends_on, path))
    elif ActionDependency.objects.filter(action=action, depends_on=depends_on).exists():
        add_error(errors, "depends_on", f"Action {action.reference} already waits on it.")
    validate(dependency, errors)
    audited_save(dependency, actor=actor, reason=reason)
    return dependency


@transaction.atomic
def action_dependency_remove(
    *, actor: Actor, dependency: ActionDependency, reason: str = ""
) -> None:
    deny_unless(permissions.can_edit(actor, dependency.action), "You may not change this action.")
    audited_delete(dependency, actor=actor, reason=reason)
