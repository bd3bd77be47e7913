"""Plans, their workstreams, actions, milestones, priorities and progress (joinedup/programme)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from joinedup.partnerships.tests.factories import BodyFactory
from joinedup.programme.models import (
    Action,
    Milestone,
    Plan,
    PriorityActivity,
    ProgressUpdate,
    StatusVocabulary,
    StatusWord,
    Workstream,
)
from tests.isolation.providers import (
    Entity,
    Provider,
    by_slug,
    create,
    finish,
    governed_kwargs,
)


def _vocabulary() -> StatusVocabulary:
    """Any status vocabulary (the reference data migration loads them)."""
    vocabulary = StatusVocabulary.objects.order_by("pk").first()
    if vocabulary is None:
        vocabulary = StatusVocabulary.objects.create(slug="qx-words", name="Qx words")
    return vocabulary


def _status(vocabulary: StatusVocabulary) -> Any:
    return StatusWord.objects.filter(vocabulary=vocabulary).order_by("order", "pk").first()


ENTITIES = (
    Entity(
        "plan",
        model="programme.Plan",
        params=("plan", "plan_slug", "plan_id", "plan_pk"),
        segments=("plans", "plan"),
        render=by_slug,
        text_key="slug",
    ),
    Entity(
        "workstream",
        model="programme.Workstream",
        params=("workstream", "workstream_id", "workstream_pk"),
        segments=("workstreams", "workstream"),
        body_fields=("workstream",),
        text_key="name",  # the API names a plan's workstream by its name
    ),
    Entity(
        "action",
        model="programme.Action",
        params=("action", "action_id", "action_pk"),
        segments=("actions", "action"),
        body_fields=("action", "see_action", "work_actions", "programme_actions"),
    ),
    Entity(
        "milestone",
        model="programme.Milestone",
        params=("milestone", "milestone_id", "milestone_pk"),
        segments=("milestones", "milestone"),
    ),
    Entity(
        "progress",
        model="programme.ProgressUpdate",
        params=("update", "update_id", "update_pk", "progress_id", "progress_pk"),
        segments=("updates", "progress", "progress-updates"),
    ),
    Entity(
        "priority",
        model="programme.PriorityActivity",
        params=("priority", "priority_id", "priority_pk"),
        segments=("priorities", "priority-activities"),
    ),
)


def _plan_records(
    plan: Plan, level: str, owner: Any, marker: str, reference: str
) -> dict[str, Any]:
    """A workstream, an action, a milestone, a priority and a progress update of `plan`."""
    partnership = plan.partnership
    workstream = create(
        Workstream,
        level,
        partnership=partnership,
        plan=plan,
        name=f"{marker} workstream {reference}",
        description=f"{marker} workstream",
    )
    action = create(
        Action,
        level,
        partnership=partnership,
        plan=plan,
        workstream=workstream,
        reference=reference,
        title=f"{marker} action",
        description=f"{marker} action description",
        lead_organisation=owner,
        status=_status(plan.vocabulary),
        due_date=dt.date(2026, 3, 31),
    )
    milestone = create(
        Milestone,
        level,
        partnership=partnership,
        plan=plan,
        action=action,
        title=f"{marker} milestone",
        due_date=dt.date(2026, 1, 31),
    )
    priority = create(
        PriorityActivity, level, partnership=partnership, plan=plan, text=f"{marker} priority"
    )
    # A progress update is as visible as its action (it has no confidentiality of its own).
    progress = create(
        ProgressUpdate,
        level,
        partnership=partnership,
        action=action,
        date=dt.date(2025, 11, 1),
        narrative=f"{marker} progress narrative",
        status=action.status,
    )
    return {
        "workstream": workstream,
        "action": action,
        "milestone": milestone,
        "priority": priority,
        "progress": progress,
    }


def make(
    world: Any, partnership: Any, level: str, owner: Any, restricted_to: list[Any], marker: str
) -> dict[str, Any]:
    tag = marker.lower()
    common = governed_kwargs(level)
    owning_body = BodyFactory(
        partnership=partnership,
        slug=f"{tag}-plan-body",
        name=f"{marker} plan board",
        owner_organisation=owner,
        **common,
    )
    plan = create(
        Plan,
        level,
        partnership=partnership,
        slug=f"{tag}-plan",
        name=f"{marker} plan",
        description=f"{marker} plan description",
        owning_body=owning_body,
        vocabulary=_vocabulary(),
        period_start=dt.date(2025, 4, 1),
        period_end=dt.date(2026, 3, 31),
    )
    records = {"plan": plan, "plan_body": owning_body}
    records.update(_plan_records(plan, level, owner, marker, "QX1"))
    finish(list(records.values()), level, restricted_to, marker)
    return records


def nest(world: Any, sets: dict[str, Any]) -> None:
    """Restricted and exempt workstreams, actions (with their milestones and progress) and
    priorities in the public plan, and restricted and exempt milestones of its public action."""
    plan = sets["public"]["plan"]
    for level in ("restricted", "exempt"):
        marker = sets[level].marker
        nested = _plan_records(plan, level, world.nhs, f"{marker} nested", f"QX-{level}")
        nested["milestone_of_public_action"] = create(
            Milestone,
            level,
            partnership=plan.partnership,
            plan=plan,
            action=sets["public"]["action"],
            title=f"{marker} nested milestone of the public action",
        )
        finish(list(nested.values()), level, [world.nhs], marker)


PROVIDER = Provider(
    app="programme",
    entities=ENTITIES,
    make=make,
    nest=nest,
    # Its import, export and report pages and operations have their own namespace and tag.
    namespaces=("programme", "programme_io", "programme reports"),
    api_lists={
        "plans": "programme.Plan",
        "workstreams": "programme.Workstream",
        "actions": "programme.Action",
        "milestones": "programme.Milestone",
    },
)
