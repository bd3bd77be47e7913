"""Reads of the decisions and risks linked to actions, only those the user may see.

A decision is linked to an action directly (Decision.programme_actions) or through the minutes:
an action arising that became the action (ActionArising.programme_action), either named by the
decision (Decision.actions) or minuted under the same agenda item. A risk is linked by
Risk.work_actions. Hidden decisions and risks are left out before anything is counted, so a page
never reveals that they exist.

`link_prefetches(user)` fetches the links of a whole list of actions in a fixed number of
queries (the API's action list); `decision_ids` and `risk_ids` read them back.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from joinedup.core.permissions import scope
from joinedup.meetings.models import ActionArising, Decision
from joinedup.programme.models import Action
from joinedup.risks.models import Risk

DECISIONS, RISKS, ARISING = "visible_decisions", "visible_risks", "visible_arising"
ARISING_DECISIONS, ITEM_DECISIONS = "visible_decisions", "visible_item_decisions"


def visible_decisions(user: Any) -> QuerySet[Decision]:
    return scope(Decision.objects.all(), user).select_related("body")


def visible_risks(user: Any) -> QuerySet[Risk]:
    return scope(Risk.objects.all(), user).select_related("register")


def link_prefetches(user: Any) -> list[Prefetch]:
    """Prefetches giving each action its visible decisions, risks and actions arising."""
    arising = scope(ActionArising.objects.all(), user).select_related("minute")
    return [
        Prefetch("decisions", queryset=visible_decisions(user), to_attr=DECISIONS),
        Prefetch("risks", queryset=visible_risks(user), to_attr=RISKS),
        Prefetch(
            "arising_from",
            queryset=arising.prefetch_related(
                Prefetch("decisions", queryset=visible_decisions(user), to_attr=ARISING_DECISIONS)
            ),
            to_attr=ARISING,
        ),
    ]


def with_links(actions: QuerySet[Action], user: Any) -> QuerySet[Action]:
    return actions.prefetch_related(*link_prefetches(user))


def _item_decisions(user: Any, arising: list[ActionArising]) -> list[Decision]:
    items = {a.minute.item_id for a in arising}
    if not items:
        return []
    return list(visible_decisions(user).filter(item_id__in=items))


def linked_decisions(action: Action, user: Any) -> list[dict[str, Any]]:
    """The action's visible decisions, newest first, each {decision, direct} (direct: may be
    unlinked here; otherwise it comes through the minutes)."""
    if not hasattr(action, DECISIONS):
        action = with_links(Action.objects.filter(pk=action.pk), user).get()
    found: dict[int, dict[str, Any]] = {
        d.pk: {"decision": d, "direct": True} for d in getattr(action, DECISIONS)
    }
    arising = getattr(action, ARISING)
    via = [d for a in arising for d in getattr(a, ARISING_DECISIONS)]
    for decision in via + _item_decisions(user, arising):
        found.setdefault(decision.pk, {"decision": decision, "direct": False})
    return sorted(found.values(), key=lambda x: (x["decision"].decided_on, x["decision"].pk))[::-1]


def linked_risks(action: Action, user: Any) -> list[Risk]:
    if not hasattr(action, RISKS):
        return list(visible_risks(user).filter(work_actions=action).order_by("reference"))
    return sorted(getattr(action, RISKS), key=lambda r: r.reference)


def decision_ids(action: Action) -> list[int]:
    """Ids of the visible decisions linked directly or through actions arising (prefetched)."""
    ids = {d.pk for d in getattr(action, DECISIONS, [])}
    for arising in getattr(action, ARISING, []):
        ids |= {d.pk for d in getattr(arising, ARISING_DECISIONS)}
    return sorted(ids)


def risk_ids(action: Action) -> list[int]:
    return sorted(r.pk for r in getattr(action, RISKS, []))


def visible_actions(*, user: Any, partnership: Any = None) -> QuerySet[Action]:
    """The work-programme actions the user may see, of the partnership (object or id) if given:
    the actions a risk or a decision may be linked to."""
    actions = Action.objects.all()
    if partnership is not None:
        actions = actions.filter(partnership=partnership)
    return scope(actions, user)


def actions_named(names: list[str]) -> list[Action]:
    """Work-programme actions named "plan-slug:reference", unknown ones left out (the demo)."""
    found = []
    for name in names:
        plan, _, reference = name.rpartition(":")
        action = Action.objects.filter(plan__slug=plan, reference=reference).first()
        if action is not None:
            found.append(action)
    return found


def decision_choices(action: Action, user: Any) -> QuerySet[Decision]:
    """Visible decisions of the action's partnership not yet linked to it directly."""
    return (
        visible_decisions(user)
        .filter(partnership_id=action.partnership_id)
        .exclude(programme_actions=action)
        .order_by("-decided_on", "id")
    )


def risk_choices(action: Action, user: Any) -> QuerySet[Risk]:
    """Visible risks of the action's partnership not yet linked to it."""
    return (
        visible_risks(user)
        .filter(partnership_id=action.partnership_id)
        .exclude(work_actions=action)
        .order_by("reference", "id")
    )
