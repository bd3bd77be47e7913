"""Writes for plans, their workstreams, priority activities and reporting cycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from joinedup.accounts.models import Organisation
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.models import Confidentiality, Partnership
from joinedup.partnerships.lookups import check_body
from joinedup.partnerships.models import Body
from joinedup.programme.models import Plan, PriorityActivity, StatusVocabulary, Workstream
from joinedup.programme.services._common import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    is_set,
)
from joinedup.programme.status import next_report_date

# Path segments the plan pages use after programme/, which no plan's slug may take.
RESERVED_SLUGS = frozenset({"new", "plans", "actions", "dashboard", "updates-due"})


def _check_bodies(plan: Plan, errors: dict[str, list[str]]) -> None:
    for field in ("owning_body", "reports_to"):
        check_body(plan.partnership, getattr(plan, field), field, errors)
    if plan.slug in RESERVED_SLUGS:
        add_error(errors, "slug", f"“{plan.slug}” is kept for the site's own pages.")


def _schedule(plan: Plan) -> None:
    """Work out the next report date from the last one when it is not given."""
    if plan.next_report_on is None:
        plan.next_report_on = next_report_date(plan.last_reported_on, plan.report_interval_months)


@transaction.atomic
def plan_create(
    *,
    actor: Actor,
    partnership: Partnership,
    slug: str,
    name: str,
    vocabulary: StatusVocabulary,
    owning_body: Body | None = None,
    description: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    reports_to: Body | None = None,
    report_interval_months: int | None = None,
    last_reported_on: dt.date | None = None,
    next_report_on: dt.date | None = None,
    previous_plan: Plan | None = None,
    confidentiality: str = Confidentiality.PARTNERSHIP,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    reason: str = "",
) -> Plan:
    """Start a development plan or work programme, owned by one of the partnership's bodies."""
    owner_org = owning_body.owner_organisation_id if owning_body else None
    deny_unless(
        permissions.can_create_in(actor, partnership, owner_org),
        "You may not add a plan for this body.",
    )
    plan = Plan(
        partnership=partnership,
        slug=slug,
        name=name,
        vocabulary=vocabulary,
        owning_body=owning_body,
        description=description,
        period_start=period_start,
        period_end=period_end,
        reports_to=reports_to,
        report_interval_months=report_interval_months,
        last_reported_on=last_reported_on,
        next_report_on=next_report_on,
        previous_plan=previous_plan,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
    )
    _schedule(plan)
    errors: dict[str, list[str]] = {}
    _check_bodies(plan, errors)
    check_and_save(plan, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return plan


@transaction.atomic
def plan_update(
    *,
    actor: Actor,
    plan: Plan,
    name: str = UNSET,
    description: str = UNSET,
    period_start: dt.date | None = UNSET,
    period_end: dt.date | None = UNSET,
    owning_body: Body | None = UNSET,
    reports_to: Body | None = UNSET,
    report_interval_months: int | None = UNSET,
    last_reported_on: dt.date | None = UNSET,
    next_report_on: dt.date | None = UNSET,
    status: str = UNSET,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Iterable[Organisation] | None = UNSET,
    reason: str = "",
) -> Plan:
    """Change a plan's details or reporting schedule."""
    deny_unless(permissions.can_edit(actor, plan), "You may not change this plan.")
    fields = {k: v for k, v in locals().items() if k not in ("actor", "plan", "reason")}
    fields.pop("restricted_to")
    apply(plan, fields)
    if is_set(last_reported_on) and not is_set(next_report_on):
        plan.next_report_on = None
        _schedule(plan)
    errors: dict[str, list[str]] = {}
    _check_bodies(plan, errors)
    check_and_save(plan, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return plan


@transaction.atomic
def plan_report_record(*, actor: Actor, plan: Plan, reported_on: dt.date, reason: str = "") -> Plan:
    """Note that progress was reported (e.g. to Cabinet) and set the next report date."""
    return plan_update(
        actor=actor,
        plan=plan,
        last_reported_on=reported_on,
        reason=reason or f"Progress reported on {reported_on:%d %B %Y}",
    )


def _child_kwargs(plan: Plan) -> dict[str, Any]:
    return {
        "partnership_id": plan.partnership_id,
        "plan": plan,
        "confidentiality": plan.confidentiality,
        "exempt_paragraph": plan.exempt_paragraph,
    }


def _restricted(plan: Plan) -> list[Organisation] | None:
    if plan.confidentiality != Confidentiality.RESTRICTED:
        return None
    return list(plan.restricted_to.all())


@transaction.atomic
def workstream_create(
    *,
    actor: Actor,
    plan: Plan,
    name: str,
    description: str = "",
    order: int | None = None,
    reason: str = "",
) -> Workstream:
    """Add a theme or work stream to a plan (as confidential as the plan)."""
    deny_unless(permissions.can_edit(actor, plan), "You may not change this plan.")
    if order is None:
        order = plan.workstreams.count() + 1
    stream = Workstream(name=name, description=description, order=order, **_child_kwargs(plan))
    check_and_save(stream, errors={}, restricted_to=_restricted(plan), actor=actor, reason=reason)
    return stream


@transaction.atomic
def workstream_update(
    *,
    actor: Actor,
    workstream: Workstream,
    name: str = UNSET,
    description: str = UNSET,
    order: int = UNSET,
    closed_on: dt.date | None = UNSET,
    reason: str = "",
) -> Workstream:
    """Change a workstream; `closed_on` closes it (None opens it again)."""
    deny_unless(permissions.can_edit(actor, workstream), "You may not change this workstream.")
    apply(
        workstream,
        {"name": name, "description": description, "order": order, "closed_on": closed_on},
    )
    errors: dict[str, list[str]] = {}
    stored = Workstream.objects.filter(pk=workstream.pk).values_list("name", flat=True).first()
    if is_set(name) and name != stored and _name_taken(workstream):
        add_error(errors, "name", "The plan already has a workstream of that name.")
    check_and_save(workstream, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return workstream


def _name_taken(workstream: Workstream) -> bool:
    others = Workstream.objects.filter(plan_id=workstream.plan_id, name__iexact=workstream.name)
    return others.exclude(pk=workstream.pk).exists()


@transaction.atomic
def workstream_close(
    *, actor: Actor, workstream: Workstream, closed_on: dt.date, reason: str = ""
) -> Workstream:
    """Close a workstream: its actions stay, with their history; the reason is recorded."""
    if workstream.closed_on is not None:
        raise ValidationError(
            {"closed_on": f"{workstream} was closed on {workstream.closed_on:%-d %B %Y}."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the workstream is closed."})
    return workstream_update(actor=actor, workstream=workstream, closed_on=closed_on, reason=reason)


@transaction.atomic
def priority_activity_add(
    *,
    actor: Actor,
    plan: Plan,
    text: str,
    stated_on: dt.date | None = None,
    order: int | None = None,
    reason: str = "",
) -> PriorityActivity:
    """Record a "priority activity for the next period" line of a progress report."""
    deny_unless(permissions.can_edit(actor, plan), "You may not change this plan.")
    if order is None:
        order = plan.priorities.count() + 1
    item = PriorityActivity(text=text, stated_on=stated_on, order=order, **_child_kwargs(plan))
    check_and_save(item, errors={}, restricted_to=_restricted(plan), actor=actor, reason=reason)
    return item
