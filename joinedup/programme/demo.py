"""Demo plans from the seed papers (YAML in demo_data/), loaded through the services.

Idempotent: plans are found by slug, actions by reference, workstreams by name, milestones by
title and priorities by order; a record that exists is left as it is, and an action that already
has progress gets no more, so a second run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from joinedup.accounts.models import Organisation, User
from joinedup.core.models import Partnership
from joinedup.partnerships.models import Body
from joinedup.programme import selectors, services
from joinedup.programme.models import Action, Milestone, Plan, StatusWord, Workstream

DATA_DIR = Path(__file__).resolve().parent / "demo_data"
DEVELOPMENT_PLAN = "herefordshire-development-plan-2007-08"
CABINET_REPORT_DAY = dt.date(2008, 10, 2)


def read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def load(*, actor: Any) -> None:
    """Add the seed 002 development plan, seed 001's milestones and Chorley's 2015/16 work."""
    services.vocabularies_load()
    if not Partnership.objects.filter(slug="herefordshire").exists():
        return
    _development_plan(actor)
    _milestone_plan(actor, read("herefordshire_pst_milestones.yaml"))
    if Partnership.objects.filter(slug="chorley").exists():
        _work_programme(actor, read("chorley_work_programme.yaml"))


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _body(slug: str | None) -> Body | None:
    return Body.objects.get(slug=slug) if slug else None


def _plan(actor: Any, partnership: str, spec: dict[str, Any]) -> Plan:
    existing = Plan.objects.filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    return services.plan_create(
        actor=actor,
        partnership=Partnership.objects.get(slug=partnership),
        slug=spec["slug"],
        name=spec["name"],
        description=spec.get("description", "").strip(),
        vocabulary=selectors.vocabulary_latest(spec["vocabulary"]),
        owning_body=_body(spec.get("owning_body")),
        reports_to=_body(spec.get("reports_to")),
        report_interval_months=spec.get("report_interval_months"),
        last_reported_on=_date(spec.get("last_reported_on")),
        period_start=_date(spec.get("period_start")),
        period_end=_date(spec.get("period_end")),
        reason="Demo data from the seed papers",
    )


def _word(plan: Plan, word: str | None) -> StatusWord | None:
    return StatusWord.objects.get(vocabulary=plan.vocabulary, word=word) if word else None


def _action(actor: Any, plan: Plan, reference: str, **fields: Any) -> Action:
    existing = Action.objects.filter(plan=plan, reference=reference).first()
    if existing is not None:
        return existing
    return services.action_create(actor=actor, plan=plan, reference=reference, **fields)


def _progress(actor: Any, action: Action, **fields: Any) -> None:
    if not action.updates.exists():
        services.action_progress_add(actor=actor, action=action, **fields)


def _milestone(actor: Any, plan: Plan, spec: dict[str, Any], action: Action | None = None) -> None:
    title = " ".join(spec["title"].split())
    if Milestone.objects.filter(plan=plan, title=title).exists():
        return
    services.milestone_create(
        actor=actor,
        plan=plan,
        action=action,
        title=title,
        due_date=_date(spec.get("due_date") or spec.get("achieved_on")),
        due_label=spec.get("due_label", ""),
        achieved_on=_date(spec.get("achieved_on")),
    )


def _development_plan(actor: Any) -> None:
    """Seed 002: every row of the table reported to Cabinet on 2 October 2008, in order."""
    data = read("herefordshire_development_plan.yaml")
    plan = _plan(
        actor,
        "herefordshire",
        {
            "slug": DEVELOPMENT_PLAN,
            "name": "Development Plan Oct 07 – Aug 08",
            "description": (
                "The development plan approved by Cabinet and the PCT Board in September 2007: "
                "actions to be progressed between October 2007 and August 2008."
            ),
            "vocabulary": "herefordshire-development-plan",
            "owning_body": "herefordshire-hps-steering-group",
            "reports_to": "herefordshire-cabinet",
            "report_interval_months": 2,
            "last_reported_on": CABINET_REPORT_DAY,
            "period_start": dt.date(2007, 10, 1),
            "period_end": dt.date(2008, 8, 31),
        },
    )
    by_reference: dict[str, Action] = {}
    for order, row in enumerate(data["actions"], start=1):
        action = _action(
            actor,
            plan,
            row["reference"],
            order=order,
            title=row["activity"],
            lead_organisation=_organisation(row.get("lead_organisation")),
            owner=_user(row.get("owner")),
            start_date=plan.period_start,
            due_date=plan.period_end,
            reason="Demo data: Cabinet report, 2 October 2008",
        )
        by_reference[row["reference"]] = action
        _progress(
            actor,
            action,
            narrative=row["progress"],
            date=CABINET_REPORT_DAY,
            status=_word(plan, row.get("status")),
            see_action=by_reference.get(row.get("see_reference", "")),
            completed_on=_date(row.get("completed_on")),
            author=_user("pst-project-director"),
            reason=row.get("status_note", ""),
        )
        for spec in row.get("milestones", []):
            _milestone(actor, plan, spec, action)
    for order, text in enumerate(data["priorities"], start=1):
        if not plan.priorities.filter(order=order).exists():
            services.priority_activity_add(
                actor=actor, plan=plan, text=text, order=order, stated_on=CABINET_REPORT_DAY
            )


def _organisation(slug: str | None) -> Organisation | None:
    return Organisation.objects.get(slug=slug) if slug else None


def _user(username: str | None) -> User | None:
    return User.objects.get(username=username) if username else None


def _milestone_plan(actor: Any, data: dict[str, Any]) -> None:
    """Seed 001: the next key milestones of February 2006, as a plan of milestones."""
    plan = _plan(actor, "herefordshire", data["plan"])
    for spec in data["milestones"]:
        _milestone(actor, plan, spec)


def _work_programme(actor: Any, data: dict[str, Any]) -> None:
    """Seed 004: Chorley's 2015/16 priorities, with each partner's contribution as an action."""
    plan = _plan(actor, "chorley", data["plan"])
    streams = {}
    for order, name in enumerate(data["workstreams"], start=1):
        stream = Workstream.objects.filter(plan=plan, name=name).first()
        streams[name] = stream or services.workstream_create(
            actor=actor, plan=plan, name=name, order=order
        )
    for order, row in enumerate(data["actions"], start=1):
        action = _action(
            actor,
            plan,
            str(order),
            order=order,
            title=" ".join(row["title"].split()),
            workstream=streams[row["workstream"]],
            lead_organisation=_organisation(row["lead_organisation"]),
            owner=_user(row.get("owner")),
            start_date=plan.period_start,
            due_date=plan.period_end,
            reason="Demo data: PSR Board partnership summary, June 2015",
        )
        _progress(
            actor,
            action,
            narrative=" ".join(row["update"].split()),
            date=_date(row["update_on"]),
            status=_word(plan, row.get("status")),
            author=_user("psr-programme-officer"),
        )
