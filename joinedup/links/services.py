"""Writes linking actions to decisions and risks.

The link is stored on the decision (Decision.programme_actions) or the risk (Risk.work_actions),
so its history is written there, through audited_set_m2m. Whoever may change the action may link
it to a decision or risk they can see in the same partnership.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from joinedup.core import permissions
from joinedup.core.audit import audited_set_m2m
from joinedup.meetings.models import Decision
from joinedup.programme.models import Action
from joinedup.programme.services._common import deny_unless
from joinedup.risks.models import Risk


def _check(actor: Any, action: Action, other: models.Model, field: str, noun: str) -> None:
    deny_unless(permissions.can_edit(actor, action), "You may not change this action.")
    deny_unless(permissions.can_view(actor, other), f"You may not see that {noun}.")
    if other.partnership_id != action.partnership_id:
        raise ValidationError({field: f"Choose a {noun} of the same partnership."})


def _set(other: models.Model, field: str, action: Action, *, add: bool, actor: Any, reason: str):
    current = list(getattr(other, field).all())
    present = any(a.pk == action.pk for a in current)
    if add and not present:
        audited_set_m2m(other, field, [*current, action], actor=actor, reason=reason)
    elif not add and present:
        kept = [a for a in current if a.pk != action.pk]
        audited_set_m2m(other, field, kept, actor=actor, reason=reason)


@transaction.atomic
def action_decision_link(
    *, actor: Any, action: Action, decision: Decision, reason: str = ""
) -> Decision:
    """Link the action to a decision that led to it or governs it (recorded on the decision)."""
    _check(actor, action, decision, "decision", "decision")
    _set(decision, "programme_actions", action, add=True, actor=actor, reason=reason)
    return decision


@transaction.atomic
def action_decision_unlink(
    *, actor: Any, action: Action, decision: Decision, reason: str = ""
) -> Decision:
    _check(actor, action, decision, "decision", "decision")
    _set(decision, "programme_actions", action, add=False, actor=actor, reason=reason)
    return decision


@transaction.atomic
def action_risk_link(*, actor: Any, action: Action, risk: Risk, reason: str = "") -> Risk:
    """Record that the action treats the risk (recorded on the risk)."""
    _check(actor, action, risk, "risk", "risk")
    _set(risk, "work_actions", action, add=True, actor=actor, reason=reason)
    return risk


@transaction.atomic
def action_risk_unlink(*, actor: Any, action: Action, risk: Risk, reason: str = "") -> Risk:
    _check(actor, action, risk, "risk", "risk")
    _set(risk, "work_actions", action, add=False, actor=actor, reason=reason)
    return risk
