"""Writes linking actions to decisions and risks, and making an action arising in the minutes
a work-programme action.

The link is stored on the decision (Decision.programme_actions) or the risk (Risk.work_actions),
so its history is written there, through audited_set_m2m. Whoever may change the action may link
it to a decision or risk they can see in the same partnership.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_set_m2m
from joinedup.core.confidentiality import RANK
from joinedup.core.models import Confidentiality, GovernedModel
from joinedup.meetings.models import ActionArising, Decision
from joinedup.meetings.services._common import add_error, save_child
from joinedup.programme.models import Action
from joinedup.programme.services import action_create
from joinedup.programme.services._common import deny_unless
from joinedup.risks.models import Risk


def _check(actor: Actor, action: Action, other: GovernedModel, field: str, noun: str) -> None:
    deny_unless(permissions.can_edit(actor, action), "You may not change this action.")
    deny_unless(permissions.can_view(actor, other), f"You may not see that {noun}.")
    if other.partnership_id != action.partnership_id:
        raise ValidationError({field: f"Choose a {noun} of the same partnership."})


def _set(other: models.Model, field: str, action: Action, *, add: bool, actor: Actor, reason: str):
    current = list(getattr(other, field).all())
    present = any(a.pk == action.pk for a in current)
    if add and not present:
        audited_set_m2m(other, field, [*current, action], actor=actor, reason=reason)
    elif not add and present:
        kept = [a for a in current if a.pk != action.pk]
        audited_set_m2m(other, field, kept, actor=actor, reason=reason)


@transaction.atomic
def action_decision_link(
    *, actor: Actor, action: Action, decision: Decision, reason: str = ""
) -> Decision:
    """Link the action to a decision that led to it or governs it (recorded on the decision)."""
    _check(actor, action, decision, "decision", "decision")
    _set(decision, "programme_actions", action, add=True, actor=actor, reason=reason)
    return decision


@transaction.atomic
def action_decision_unlink(
    *, actor: Actor, action: Action, decision: Decision, reason: str = ""
) -> Decision:
    _check(actor, action, decision, "decision", "decision")
    _set(decision, "programme_actions", action, add=False, actor=actor, reason=reason)
    return decision


@transaction.atomic
def action_risk_link(*, actor: Actor, action: Action, risk: Risk, reason: str = "") -> Risk:
    """Record that the action treats the risk (recorded on the risk)."""
    _check(actor, action, risk, "risk", "risk")
    _set(risk, "work_actions", action, add=True, actor=actor, reason=reason)
    return risk


@transaction.atomic
def action_risk_unlink(*, actor: Actor, action: Action, risk: Risk, reason: str = "") -> Risk:
    _check(actor, action, risk, "risk", "risk")
    _set(risk, "work_actions", action, add=False, actor=actor, reason=reason)
    return risk


def _level_in_plan(action: ActionArising, plan: Any) -> dict[str, Any]:
    """The action arising's level for its work-programme action, unless the plan's is stricter
    (an action is never more visible than its plan): then the plan's (given as None)."""
    if RANK[action.confidentiality] < RANK[plan.confidentiality]:
        return {"confidentiality": None}
    orgs = None
    if action.confidentiality == Confidentiality.RESTRICTED:
        orgs = list(action.restricted_to.all())
        if plan.confidentiality == Confidentiality.RESTRICTED:
            allowed = set(plan.restricted_to.values_list("pk", flat=True))
            orgs = [o for o in orgs if o.pk in allowed]
    return {
        "confidentiality": action.confidentiality,
        "exempt_paragraph": action.exempt_paragraph,
        "restricted_to": orgs,
    }


@transaction.atomic
def action_arising_promote(
    *, actor: Actor, action: ActionArising, plan: Any, reason: str = ""
) -> ActionArising:
    """Make an action arising a work-programme action of `plan` and link the two."""
    deny_unless(permissions.can_edit(actor, action), "You may not change this action.")
    errors: dict[str, list[str]] = {}
    if action.programme_action_id:
        add_error(errors, "programme_action", "This action is already on the work programme.")
    if plan.partnership_id != action.partnership_id:
        add_error(errors, "plan", "Choose a plan of this partnership.")
    if errors:
        save_child(action, parent=action.minute, errors=errors, actor=actor, reason=reason)
    meeting = action.minute.item.meeting
    created = action_create(
        actor=actor,
        plan=plan,
        title=action.description,
        description=f"Arising from {meeting}, item {action.minute.item.order}.",
        owner=action.owner,
        responsible_body=meeting.body,
        due_date=action.due_on,
        reason=reason or "Action arising from the minutes",
        **_level_in_plan(action, plan),
    )
    action.programme_action = created
    save_child(action, parent=action.minute, errors={}, actor=actor, reason=reason)
    return action
