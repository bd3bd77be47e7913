"""The board dashboard: one page a chair reads in a minute (a selector; no writes).

Every figure is counted in the database with a fixed number of queries, whatever the plan's size.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from joinedup.programme.models import Action, Milestone, Plan, ProgressUpdate
from joinedup.programme.selectors import decorate, plan_milestones, visible_actions
from joinedup.programme.status import CLOSED_STATES, SLIPPABLE_STATES, effective_rag

RAG_ORDER = ("red", "amber", "green", "blue", "grey")
RAG_LABELS = {
    "red": "Red (overdue or off track)",
    "amber": "Amber (at risk or not started)",
    "green": "Green (on track)",
    "blue": "Blue (complete)",
    "grey": "Grey (closed)",
}
LIST_LIMIT = 10


@dataclass
class Bar:
    """One row of the status chart: a workstream or a lead partner and its actions by colour."""

    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def segments(self, scale: float) -> list[dict[str, Any]]:
        """(colour, count, x, width) for the SVG bar, `scale` pixels per action."""
        x, out = 0.0, []
        for rag in RAG_ORDER:
            n = self.counts.get(rag, 0)
            if n:
                out.append({"rag": rag, "count": n, "x": round(x, 1), "width": round(n * scale, 1)})
                x += n * scale
        return out


@dataclass
class Dashboard:
    plan: Plan
    today: dt.date
    since: dt.date | None
    by_workstream: list[Bar]
    by_partner: list[Bar]
    totals: dict[str, int]
    overdue: list[Action]
    overdue_count: int
    slipping: list[Action]
    changed: list[ProgressUpdate]
    changed_count: int
    upcoming: list[Milestone]
    timeline: list[dict[str, Any]] = field(default_factory=list)

    @property
    def chart_max(self) -> int:
        return max([b.total for b in self.by_workstream + self.by_partner] or [1]) or 1

    @property
    def total_rows(self) -> list[tuple[str, str, int]]:
        return [(r, RAG_LABELS[r], self.totals.get(r, 0)) for r in RAG_ORDER]


def _overdue_q(today: dt.date) -> Q:
    return Q(due_date__lt=today) & ~Q(status__state__in=CLOSED_STATES)


def _bars(
    actions: QuerySet[Action], key: str, label: str, sort: str, today: dt.date, none: str
) -> list[Bar]:
    """Count actions by `key` and effective colour, in one grouped query, ordered by `sort`."""
    late = Case(
        When(_overdue_q(today), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    rows = (
        actions.annotate(late=late)
        .values(key, label, sort, "status__state", "status__rag", "late")
        .annotate(n=Count("pk"))
        .order_by(sort)
    )
    bars: dict[Any, Bar] = {}
    for row in rows:
        bar = bars.setdefault(row[key], Bar(label=row[label] or none, counts={}))
        day = today - dt.timedelta(days=1) if row["late"] else None
        rag = effective_rag(
            rag=row["status__rag"], state=row["status__state"], due_date=day, today=today
        )
        bar.counts[rag] = bar.counts.get(rag, 0) + row["n"]
    return list(bars.values())


def _changed(actions: QuerySet[Action], since: dt.date | None) -> QuerySet[ProgressUpdate]:
    qs = ProgressUpdate.objects.filter(action__in=actions.values("pk"))
    if since is not None:
        qs = qs.filter(date__gt=since)
    return qs.select_related("action", "status", "author").order_by("-date", "-id")


def _timeline(plan: Plan, milestones: list[Milestone], today: dt.date) -> list[dict[str, Any]]:
    events = [
        {"date": plan.period_start, "label": f"{plan} begins", "kind": "plan"},
        {"date": plan.period_end, "label": f"{plan} ends", "kind": "plan"},
        {
            "date": plan.last_reported_on,
            "label": f"Last report to {plan.reports_to}",
            "kind": "report",
        },
        {
            "date": plan.next_report_on,
            "label": f"Next report to {plan.reports_to}",
            "kind": "report",
        },
        {
            "date": today,
            "label": "Today" if today == timezone.localdate() else "As at",
            "kind": "today",
        },
    ]
    events += [
        {"date": m.due_date, "label": m.title, "kind": "milestone", "done": bool(m.achieved_on)}
        for m in milestones
    ]
    return sorted((e for e in events if e["date"]), key=lambda e: e["date"])


def board_dashboard(
    *, user: Any, plan: Plan, today: dt.date, since: dt.date | None = None
) -> Dashboard:
    """What a chair needs: status by workstream and partner, what is late or slipping, what
    changed since the last report (or `since`), the milestones ahead and a timeline."""
    since = since or plan.last_reported_on
    actions = visible_actions(user=user, plan=plan)
    stream = ("workstream_id", "workstream__name", "workstream__order")
    by_stream = _bars(actions, *stream, today, "No workstream")
    lead = ("lead_organisation_id", "lead_organisation__name", "lead_organisation__name")
    by_partner = _bars(actions, *lead, today, "Joint (no single lead partner)")
    totals = Counter[str]()
    for bar in by_stream:
        totals.update(bar.counts)
    late = actions.filter(_overdue_q(today))
    overdue = [decorate(a, today=today) for a in late.order_by("due_date", "order")[:LIST_LIMIT]]
    at_risk = (
        actions.exclude(_overdue_q(today))
        .filter(status__state__in=SLIPPABLE_STATES)
        .filter(Q(status__state="blocked") | Q(status__rag__in=["amber", "red"]))
    )
    changed = _changed(actions, since)
    milestones = list(plan_milestones(user=user, plan=plan))
    upcoming = [m for m in milestones if not m.achieved_on and (m.due_date or today) >= today]
    return Dashboard(
        plan=plan,
        today=today,
        since=since,
        by_workstream=by_stream,
        by_partner=by_partner,
        totals={r: totals.get(r, 0) for r in RAG_ORDER},
        overdue=overdue,
        overdue_count=late.count(),
        slipping=[decorate(a, today=today) for a in at_risk.order_by("due_date")[:LIST_LIMIT]],
        changed=list(changed[:LIST_LIMIT]),
        changed_count=changed.count(),
        upcoming=upcoming[:LIST_LIMIT],
        timeline=_timeline(plan, milestones, today),
    )
