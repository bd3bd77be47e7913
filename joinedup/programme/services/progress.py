"""Writes for progress updates (append-only) and milestones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_save
from joinedup.core.lookups import check_in_partnership, refuse
from joinedup.programme.lookups import ACTION, check_action
from joinedup.programme.models import Action, Milestone, Plan, ProgressUpdate, StatusWord
from joinedup.programme.permissions import can_add_progress, can_change_milestones
from joinedup.programme.services._common import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    validate,
)
from joinedup.programme.services.actions import save_new_version


@transaction.atomic
def action_progress_add(
    *,
    actor: Actor,
    action: Action,
    narrative: str = "",
    date: dt.date | None = None,
    status: StatusWord | None = None,
    see_action: Action | None = None,
    completed_on: dt.date | None = None,
    author: Any = None,
    reason: str = "",
) -> ProgressUpdate:
    """Add a dated progress entry; a new status word (and completion date) moves the action on.

    The entry can never be changed or removed afterwards: a correction is a further entry.
    `author` defaults to the actor (an officer may record an update given by someone else).
    """
    outside: dict[str, list[str]] = {}
    check_action(action.partnership, see_action, "see_action", outside)
    refuse(outside)
    deny_unless(can_add_progress(actor, action), "You may not report progress on this action.")
    if see_action is not None:
        deny_unless(permissions.can_view(actor, see_action), "You may not see that action.")
    update = ProgressUpdate(
        partnership_id=action.partnership_id,
        action=action,
        date=date or timezone.localdate(),
        author=author if author is not None else _user_or_none(actor),
        narrative=narrative,
        status=status,
        see_action=see_action,
    )
    errors: dict[str, list[str]] = {}
    if status is not None and status.vocabulary_id != action.plan.vocabulary_id:
        add_error(errors, "status", "Choose a status word of the plan's vocabulary.")
    validate(update, errors)
    audited_save(update, actor=actor, reason=reason)
    _move_action_on(action, update, completed_on=completed_on, actor=actor)
    return update


def _user_or_none(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _move_action_on(
    action: Action, update: ProgressUpdate, *, completed_on: dt.date | None, actor: Actor
) -> None:
    """Carry the update's status word (and a completion date) onto the action itself."""
    if update.status is None:
        return
    action.status = update.status
    if update.status.state == "complete":
        action.completed_on = completed_on or action.completed_on or update.date
    elif completed_on is not None:
        action.completed_on = completed_on
    if update.status.state in ("cancelled", "superseded") and not action.closed_reason:
        action.closed_reason = update.narrative
    save_new_version(action, actor=actor, reason=f"Progress update of {update.date:%d %B %Y}")


def _milestone_confidentiality(plan: Plan, action: Action | None) -> dict[str, Any]:
    source = action or plan
    return {"confidentiality": source.confidentiality, "exempt_paragraph": source.exempt_paragraph}


@transaction.atomic
def milestone_create(
    *,
    actor: Actor,
    plan: Plan,
    title: str,
    action: Action | None = None,
    due_date: dt.date | None = None,
    due_label: str = "",
    achieved_on: dt.date | None = None,
    order: int | None = None,
    reason: str = "",
) -> Milestone:
    """Add a milestone to a plan, or to one of its actions (as confidential as that record)."""
    outside: dict[str, list[str]] = {}
    check_in_partnership(outside, "action", ACTION, action is None or action.plan_id == plan.pk)
    refuse(outside)
    deny_unless(can_change_milestones(actor, plan, action), "You may not add a milestone here.")
    milestone = Milestone(
        partnership_id=plan.partnership_id,
        plan=plan,
        action=action,
        title=title,
        due_date=due_date,
        due_label=due_label,
        achieved_on=achieved_on,
        order=order if order is not None else plan.milestones.count() + 1,
        **_milestone_confidentiality(plan, action),
    )
    errors: dict[str, list[str]] = {}
    if not due_date and not due_label:
        add_error(errors, "due_date", "Give the date the milestone is due.")
    source = action or plan
    restricted = (
        list(source.restricted_to.all()) if source.confidentiality == "restricted" else None
    )
    check_and_save(milestone, errors=errors, restricted_to=restricted, actor=actor, reason=reason)
    return milestone


@transaction.atomic
def milestone_update(
    *,
    actor: Actor,
    milestone: Milestone,
    title: str = UNSET,
    due_date: dt.date | None = UNSET,
    due_label: str = UNSET,
    achieved_on: dt.date | None = UNSET,
    order: int = UNSET,
    reason: str = "",
) -> Milestone:
    deny_unless(
        can_change_milestones(actor, milestone.plan, milestone.action),
        "You may not change this milestone.",
    )
    apply(
        milestone,
        {
            "title": title,
            "due_date": due_date,
            "due_label": due_label,
            "achieved_on": achieved_on,
            "order": order,
        },
    )
    check_and_save(milestone, errors={}, restricted_to=UNSET, actor=actor, reason=reason)
    return milestone


def milestone_achieve(
    *, actor: Actor, milestone: Milestone, achieved_on: dt.date, reason: str = ""
) -> Milestone:
    """Record the day a milestone was reached."""
    return milestone_update(
        actor=actor, milestone=milestone, achieved_on=achieved_on, reason=reason
    )
