"""Reads for the programme app: every selector takes the user and returns what they may see.

Lists fetch a fixed number of queries whatever their length (tests hold them to it): related
rows come by select_related, and each action's latest update comes in one further query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from joinedup.accounts.models import User
from joinedup.core.models import Partnership
from joinedup.core.permissions import get_visible_or_404, scope
from joinedup.programme.models import (
    Action,
    ActionDependency,
    Milestone,
    Plan,
    PriorityActivity,
    ProgressUpdate,
    StatusVocabulary,
    StatusWord,
    Workstream,
)
from joinedup.programme.status import (
    CLOSED_STATES,
    RAG_TAG,
    effective_rag,
    is_overdue,
    is_slipping,
    needs_update,
)


def plan_list(*, user: Any, partnership: Partnership, status: str | None = None) -> list[Plan]:
    """The partnership's plans the user may see, newest period first, each with `action_count`."""
    plans = scope(Plan.objects.filter(partnership=partnership), user).select_related(
        "owning_body", "reports_to", "vocabulary"
    )
    if status:
        plans = plans.filter(status=status)
    plans = list(plans)
    counts = dict(
        scope(Action.objects.filter(plan__in=[p.pk for p in plans]), user)
        .values_list("plan_id")
        .annotate(n=Count("id"))
        .values_list("plan_id", "n")
    )
    for plan in plans:
        plan.action_count = counts.get(plan.pk, 0)
    return plans


def plan_get(*, user: Any, partnership: Partnership, slug: str) -> Plan:
    """One visible plan of the partnership, else 404."""
    qs = Plan.objects.filter(partnership=partnership).select_related(
        "owning_body", "reports_to", "vocabulary", "previous_plan"
    )
    return get_visible_or_404(qs, user, slug=slug)


def owner_candidates(*, user: Any, partnership: Partnership) -> QuerySet[User]:
    """People who may own an action: the people of the partnership, as the API and the
    services find them (joinedup/accounts/lookups.py)."""
    from joinedup.accounts.lookups import people_of_partnership

    return people_of_partnership(partnership)


def workstreams(*, user: Any, plan: Plan) -> QuerySet[Workstream]:
    return scope(Workstream.objects.filter(plan=plan), user).order_by("order", "name")


def status_words(plan: Plan) -> QuerySet[StatusWord]:
    return StatusWord.objects.filter(vocabulary_id=plan.vocabulary_id).order_by("order")


def priorities(*, user: Any, plan: Plan) -> QuerySet[PriorityActivity]:
    return scope(PriorityActivity.objects.filter(plan=plan), user).order_by("order", "id")


def visible_actions(*, user: Any, plan: Plan) -> QuerySet[Action]:
    """The plan's actions the user may see, in plan order, with what a table row shows."""
    qs = scope(Action.objects.filter(plan=plan), user)
    return qs.select_related(
        "workstream", "status", "lead_organisation", "owner", "responsible_body"
    ).order_by(F("workstream__order").asc(nulls_first=True), "order", "id")


def action_list(
    *,
    user: Any,
    plan: Plan,
    workstream: int | None = None,
    state: str | None = None,
    lead_organisation: int | None = None,
    owner: int | None = None,
    q: str = "",
    overdue_only: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Action]:
    """The plan's visible actions, filtered; call `with_latest` on the page shown.

    Nothing here reads the progress updates: a join or a per-row subquery over them would be
    paid for every visible action before the page is cut (12 s of a 12.8 s plan page at
    100,000 actions); `with_latest` finds the newest update of the shown rows only."""
    qs = visible_actions(user=user, plan=plan)
    if workstream:
        qs = qs.filter(workstream_id=workstream)
    if state == "not_started":
        qs = qs.filter(Q(status__isnull=True) | Q(status__state=state))
    elif state:
        qs = qs.filter(status__state=state)
    if lead_organisation:
        qs = qs.filter(lead_organisation_id=lead_organisation)
    if owner:
        qs = qs.filter(owner_id=owner)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(reference__iexact=q) | Q(description__icontains=q))
    if overdue_only:
        qs = qs.filter(due_date__lt=today or timezone.localdate()).exclude(
            status__state__in=CLOSED_STATES
        )
    return qs


def with_latest(actions: Iterable[Action], *, today: dt.date | None = None) -> list[Action]:
    """Give each action `latest` (its newest update, or None), `rag` and `overdue` (one query)."""
    today = today or timezone.localdate()
    rows = list(actions)
    newest = latest_updates(rows)
    for action in rows:
        action.latest = newest.get(action.pk)
        decorate(action, today=today)
    return rows


def decorate(action: Action, *, today: dt.date) -> Action:
    """Set the derived `state`, `rag`, `overdue` and `slipping` of one action."""
    word = action.status
    state, rag = (word.state, word.rag) if word else (None, None)
    action.state = state or "not_started"
    action.rag = effective_rag(rag=rag, state=state, due_date=action.due_date, today=today)
    action.rag_tag = RAG_TAG[action.rag]
    action.overdue = is_overdue(due_date=action.due_date, state=state, today=today)
    action.slipping = is_slipping(rag=rag, state=state, due_date=action.due_date, today=today)
    return action


def latest_updates(
    actions: Iterable[Action], *, as_of: dt.date | None = None
) -> dict[int, ProgressUpdate]:
    """{action id: its newest update on or before `as_of`} for visible actions (one query)."""
    ids = [a.pk for a in actions]
    qs = ProgressUpdate.objects.filter(action_id__in=ids)
    if as_of is not None:
        qs = qs.filter(date__lte=as_of)
    newest: dict[int, ProgressUpdate] = {}
    for update in qs.select_related("status", "see_action", "author").order_by("-date", "-id"):
        newest.setdefault(update.action_id, update)
    return newest


def action_get(*, user: Any, partnership: Partnership, pk: int) -> Action:
    """One visible action of the partnership, else 404."""
    qs = Action.objects.filter(partnership=partnership).select_related(
        "plan",
        "workstream",
        "status",
        "lead_organisation",
        "owner",
        "responsible_body",
        "previous_action__plan",
    )
    return get_visible_or_404(qs, user, pk=pk)


def action_updates(*, action: Action) -> QuerySet[ProgressUpdate]:
    """The visible action's progress history, newest first."""
    return action.updates.select_related("status", "author", "see_action").order_by("-date", "-id")


def action_milestones(*, user: Any, action: Action) -> QuerySet[Milestone]:
    return scope(Milestone.objects.filter(action=action), user).order_by("due_date", "order")


def action_dependencies(*, user: Any, action: Action) -> dict[str, list[ActionDependency]]:
    """What the action waits on and what waits on it, leaving out actions the user cannot see."""
    visible = scope(Action.objects.filter(partnership_id=action.partnership_id), user)
    ids = set(
        visible.values_list("pk", flat=True).filter(
            Q(dependants__action=action) | Q(dependencies__depends_on=action)
        )
    )
    both = ActionDependency.objects.select_related("action__status", "depends_on__status").filter(
        Q(action=action) | Q(depends_on=action)
    )
    return {
        "waits_on": [d for d in both if d.action_id == action.pk and d.depends_on_id in ids],
        "blocks": [d for d in both if d.depends_on_id == action.pk and d.action_id in ids],
    }


def carried_forward_as(*, user: Any, action: Action) -> list[Action]:
    return list(scope(action.carried_forward_as.select_related("plan"), user))


def plan_milestones(*, user: Any, plan: Plan) -> QuerySet[Milestone]:
    """The plan's milestones the user may see (an action's only if the action is visible)."""
    actions = scope(Action.objects.filter(plan=plan), user).values("pk")
    qs = scope(Milestone.objects.filter(plan=plan), user)
    return (
        qs.filter(Q(action__isnull=True) | Q(action__in=actions))
        .select_related("action")
        .order_by("due_date", "order", "id")
    )


def actions_needing_update(plan: Plan, *, as_of: dt.date) -> list[Action]:
    """Every open action of the plan with no update since its last report (system-wide read,
    for reminders; pages use `updates_due`)."""
    qs = (
        Action.objects.filter(plan=plan)
        .select_related("status", "owner", "workstream")
        .annotate(last_update_on=Max("updates__date", filter=Q(updates__date__lte=as_of)))
        .order_by("owner_id", "order", "id")
    )
    return [a for a in qs if _needs(a, plan)]


def _needs(action: Action, plan: Plan) -> bool:
    state = action.status.state if action.status else None
    return needs_update(
        state=state, last_update_on=action.last_update_on, since=plan.last_reported_on
    )


def updates_due(*, user: Any, plan: Plan, owner: Any = None) -> list[Action]:
    """The visible open actions still needing an update before the next report."""
    qs = visible_actions(user=user, plan=plan).annotate(last_update_on=Max("updates__date"))
    if owner is not None:
        qs = qs.filter(owner=owner)
    return [a for a in qs.order_by("owner__role_title", "order", "id") if _needs(a, plan)]


# ---------------------------------------------------------------- reads the services share
# Not scoped by a user: the service that asks has checked the actor's rights already.


def next_reference(plan: Plan) -> str:
    """The next free number as a reference ("1", "2", ...) for an action added without one."""
    taken = set(Action.objects.filter(plan=plan).values_list("reference", flat=True))
    number = len(taken) + 1
    while str(number) in taken:
        number += 1
    return str(number)


def dependency_path(start: Action, target: Action) -> list[int] | None:
    """The chain of action ids by which `start` (directly or through others) waits on
    `target`, [start, ..., target]; None if it does not (one query per step)."""
    came_from: dict[int, int | None] = {start.pk: None}
    frontier = {start.pk}
    while frontier and target.pk not in came_from:
        edges = ActionDependency.objects.filter(action_id__in=frontier).values_list(
            "action_id", "depends_on_id"
        )
        frontier = set()
        for waiting, waited_on in edges:
            if waited_on not in came_from:
                came_from[waited_on] = waiting
                frontier.add(waited_on)
    if target.pk not in came_from:
        return None
    path, step = [], target.pk
    while step is not None:
        path.append(step)
        step = came_from[step]
    return path[::-1]


@dataclass
class Reminder:
    """The updates one owner (or nobody, for unowned actions) still has to give."""

    owner: Any
    actions: list[Action]

    @property
    def email(self) -> str:
        return getattr(self.owner, "email", "") or ""


def reminders_for(plan: Plan, *, as_of: dt.date) -> list[Reminder]:
    """Every update due for the plan's next report, grouped by owner (unowned actions last)."""
    by_owner: dict[int | None, Reminder] = {}
    for action in actions_needing_update(plan, as_of=as_of):
        reminder = by_owner.setdefault(action.owner_id, Reminder(action.owner, []))
        reminder.actions.append(action)
    return sorted(by_owner.values(), key=lambda r: (r.owner is None, str(r.owner or "")))


def vocabulary_latest(slug: str) -> StatusVocabulary:
    """The newest version of a vocabulary (DoesNotExist if there is none)."""
    found = StatusVocabulary.objects.filter(slug=slug).order_by("-version").first()
    if found is None:
        raise StatusVocabulary.DoesNotExist(f"No status vocabulary {slug!r}")
    return found
