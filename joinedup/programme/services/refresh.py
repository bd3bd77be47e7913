"""Plan refresh: the next plan from the current one (seed 002: "Refreshed Development Plan")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.programme.models import Action, Plan, Workstream
from joinedup.programme.services._common import deny_unless
from joinedup.programme.services.actions import action_create, action_update
from joinedup.programme.services.plans import plan_create, plan_update, workstream_create
from joinedup.programme.services.progress import milestone_create
from joinedup.programme.status import is_closed


@dataclass
class RefreshResult:
    plan: Plan
    carried: list[tuple[Action, Action]] = field(default_factory=list)
    closed: list[tuple[Action, str]] = field(default_factory=list)


def _closing_word(plan: Plan) -> Any:
    """The plan's word for a cancelled action ("Deleted"), if its vocabulary has one."""
    return plan.vocabulary.words.filter(state="cancelled").order_by("order").first()


def _copy_workstreams(actor: Actor, old: Plan, new: Plan) -> dict[int, Workstream]:
    return {
        stream.pk: workstream_create(
            actor=actor,
            plan=new,
            name=stream.name,
            description=stream.description,
            order=stream.order,
        )
        for stream in old.workstreams.all()
    }


def _carry(actor: Actor, action: Action, new: Plan, streams: dict[int, Workstream]) -> Action:
    carried = action_create(
        actor=actor,
        plan=new,
        title=action.title,
        reference=action.reference,
        order=action.order,
        workstream=streams.get(action.workstream_id) if action.workstream_id else None,
        description=action.description,
        lead_organisation=action.lead_organisation,
        owner=action.owner,
        responsible_body=action.responsible_body,
        start_date=action.start_date,
        due_date=action.due_date,
        status=action.status,
        previous_action=action,
        confidentiality=action.confidentiality,
        exempt_paragraph=action.exempt_paragraph,
        restricted_to=list(action.restricted_to.all()),
        reason=f"Carried forward from {action.plan}",
    )
    for milestone in action.milestones.filter(achieved_on__isnull=True):
        milestone_create(
            actor=actor,
            plan=new,
            action=carried,
            title=milestone.title,
            due_date=milestone.due_date,
            due_label=milestone.due_label,
        )
    return carried


def _close(actor: Actor, action: Action, reason: str, word: Any) -> None:
    changes: dict[str, Any] = {"closed_reason": reason}
    if word is not None and not is_closed(action.status.state if action.status else None):
        changes["status"] = word
    action_update(
        actor=actor, action=action, expected_version=action.version, reason=reason, **changes
    )


@transaction.atomic
def plan_refresh(
    *,
    actor: Actor,
    plan: Plan,
    slug: str,
    name: str,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    drop: Mapping[int, str] | None = None,
    reason: str = "",
) -> RefreshResult:
    """Create the next plan: open actions are carried forward (linked to the old ones), those in
    `drop` ({action id: why}) are closed with their reason, finished ones stay as they are, and
    the old plan is closed."""
    deny_unless(permissions.can_edit(actor, plan), "You may not refresh this plan.")
    drop = dict(drop or {})
    new = plan_create(
        actor=actor,
        partnership=plan.partnership,
        slug=slug,
        name=name,
        vocabulary=plan.vocabulary,
        owning_body=plan.owning_body,
        description=plan.description,
        period_start=period_start,
        period_end=period_end,
        reports_to=plan.reports_to,
        report_interval_months=plan.report_interval_months,
        last_reported_on=plan.last_reported_on,
        next_report_on=plan.next_report_on,
        previous_plan=plan,
        confidentiality=plan.confidentiality,
        exempt_paragraph=plan.exempt_paragraph,
        restricted_to=list(plan.restricted_to.all()),
        reason=reason or f"Refresh of {plan}",
    )
    result = RefreshResult(plan=new)
    streams = _copy_workstreams(actor, plan, new)
    word = _closing_word(plan)
    actions = plan.actions.select_related("status", "workstream").order_by("order", "id")
    for action in actions:
        state = action.status.state if action.status else None
        if action.pk in drop:
            why = drop[action.pk] or "Not carried forward"
            _close(actor, action, why, word)
            result.closed.append((action, why))
        elif is_closed(state):
            continue
        else:
            carried = _carry(actor, action, new, streams)
            _close(actor, action, f"Carried forward to {new} as {carried.reference}", None)
            result.carried.append((action, carried))
    plan_update(actor=actor, plan=plan, status=Plan.Status.CLOSED, reason=f"Refreshed as {new}")
    return result
