"""The Cabinet progress report: a selector that builds one typed `ProgressReport` for a user,
a plan and a date, and its conversion to the committee-report `Document` that the DOCX, PDF and
HTML renderers in `joinedup.reports` all draw from (so the three always agree).

Everything read goes through the permission layer: a report made for a user holds only the
actions, progress updates and priorities that user may see.

Progress to date, as seed 002 prints it: the status word and the latest update on or before the
report date ("Achieved. Took up post on 10 December 2007"). An update that points at another
action's progress prints as its own words ("See above") or, with none, "As above".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from joinedup.core.permissions import scope
from joinedup.programme.models import Action, Plan, PriorityActivity, ProgressUpdate, StatusWord
from joinedup.reports.chart import Series, StackedBarChart
from joinedup.reports.document import (
    Block,
    Bullets,
    Document,
    Figure,
    Header,
    Paragraph,
    Section,
    Table,
    TableRow,
)

RAG_COLOURS = {
    "red": "#d4351c",
    "amber": "#f47738",
    "green": "#00703c",
    "blue": "#1d70b8",
    "grey": "#b1b4b6",
}
NO_STATUS = "No status given"
NO_STATUS_COLOUR = "#505a5f"
SPARE_COLOURS = ("#28a197", "#4c2c92", "#85994b", "#912b88", "#f499be")
NUMBER_WORDS = {1: "month", 2: "two months", 3: "three months", 4: "four months", 6: "six months"}
AS_ABOVE = "As above"


@dataclass(frozen=True)
class ProgressRow:
    reference: str
    activity: str
    status_word: str
    state: str
    rag: str
    narrative: str
    progress: str
    updated_on: dt.date | None
    see_reference: str = ""


@dataclass(frozen=True)
class RowGroup:
    """A run of rows under one workstream ("" when the plan has none)."""

    heading: str
    rows: tuple[ProgressRow, ...]


@dataclass(frozen=True)
class StatusCount:
    word: str
    rag: str
    count: int


@dataclass(frozen=True)
class ProgressReport:
    partnership: str
    plan_slug: str
    plan_name: str
    committee: str
    as_of: dt.date
    period_label: str
    interval_label: str
    groups: tuple[RowGroup, ...]
    counts: tuple[StatusCount, ...]
    priorities: tuple[str, ...]
    chart: StackedBarChart
    prepared_for: str

    @property
    def rows(self) -> list[ProgressRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def total(self) -> int:
        return sum(count.count for count in self.counts)


# ---------------------------------------------------------------- pure rules


def progress_text(*, word: str, narrative: str, points_elsewhere: bool) -> str:
    """The "Progress to Date" cell, as the officer wrote it for the committee.

    The narrative is printed exactly as written: officers put the status word in the text when
    the committee should read it ("Achieved. Took up post on 10 December 2007") and leave it
    out when the text says more ("Transitional Terms of Reference ... were agreed"), as seed 002
    shows. With no narrative the cell is the word alone ("Achieved.") or, for an update that
    points at another action's progress, "As above".
    """
    narrative = narrative.strip()
    if narrative:
        return narrative
    if points_elsewhere:
        return AS_ABOVE
    return f"{word}." if word else ""


def period_label(start: dt.date | None, end: dt.date | None) -> str:
    """ "Oct 07 to Aug 08", as the seed's table heading gives the plan's period."""
    if not start or not end:
        return ""
    return f"{start:%b %y} to {end:%b %y}"


def group_rows(pairs: list[tuple[str, ProgressRow]]) -> tuple[RowGroup, ...]:
    """Consecutive rows of the same workstream form a group; plan order is never changed."""
    groups: list[RowGroup] = []
    for heading, row in pairs:
        if groups and groups[-1].heading == heading:
            groups[-1] = RowGroup(heading, (*groups[-1].rows, row))
        else:
            groups.append(RowGroup(heading, (row,)))
    return tuple(groups)


def count_by_status(rows: list[ProgressRow], words: list[StatusWord]) -> tuple[StatusCount, ...]:
    """How many rows carry each word of the vocabulary (in its order), then those with none."""
    counts = [
        StatusCount(w.word, w.rag, sum(1 for r in rows if r.status_word == w.word)) for w in words
    ]
    missing = sum(1 for r in rows if not r.status_word)
    if missing:
        counts.append(StatusCount(NO_STATUS, "", missing))
    return tuple(counts)


def series_colours(counts: tuple[StatusCount, ...]) -> dict[str, str]:
    """Each word's RAG colour, unless an earlier word has it: two words of one colour (Underway
    and Ongoing are both green) would be one blur in the chart, so the later takes a spare."""
    spare = iter(SPARE_COLOURS)
    chosen: dict[str, str] = {}
    for count in counts:
        colour = RAG_COLOURS.get(count.rag, NO_STATUS_COLOUR)
        if colour in chosen.values():
            colour = next(spare, NO_STATUS_COLOUR)
        chosen[count.word] = colour
    return chosen


def status_chart(
    groups: tuple[RowGroup, ...], counts: tuple[StatusCount, ...], plan_name: str
) -> StackedBarChart:
    """Actions by status for each workstream (one bar for the whole plan if it has none)."""
    by_heading: dict[str, list[ProgressRow]] = {}
    for group in groups:
        by_heading.setdefault(group.heading or plan_name, []).extend(group.rows)
    categories = tuple(by_heading)
    colours = series_colours(counts)
    series = tuple(
        Series(
            name=count.word,
            colour=colours[count.word],
            values=tuple(
                sum(1 for r in by_heading[c] if (r.status_word or NO_STATUS) == count.word)
                for c in categories
            ),
        )
        for count in counts
    )
    return StackedBarChart(
        title=f"Actions by status: {plan_name}", categories=categories, series=series
    )


# ---------------------------------------------------------------- the selector


def visible_actions(*, user: Any, plan: Plan) -> QuerySet[Action]:
    """The plan's actions the user may see, in plan order."""
    qs = Action.objects.filter(plan=plan).select_related("workstream", "status")
    # As the plan's own pages order them: by workstream, then the plan's order.
    order = (F("workstream__order").asc(nulls_first=True), "order", "id")
    return scope(qs, user).order_by(*order)


def actions_as_at(*, user: Any, plan: Plan, as_of: dt.date) -> QuerySet[Action]:
    """The visible actions the plan had on `as_of`: added on or before it, or (for a plan whose
    past was recorded later, as the demo's) with progress recorded on or before it."""
    progress_by_then = ProgressUpdate.objects.filter(action=OuterRef("pk"), date__lte=as_of)
    return visible_actions(user=user, plan=plan).filter(
        Q(created_at__date__lte=as_of) | Exists(progress_by_then)
    )


def latest_updates(*, user: Any, actions: list[Action], as_of: dt.date) -> dict[int, Any]:
    """{action id: its latest update on or before `as_of`} in one query (an update is exactly
    as visible as its action, and these actions are the visible ones)."""
    qs = (
        ProgressUpdate.objects.filter(action__in=[a.pk for a in actions], date__lte=as_of)
        .select_related("status", "see_action")
        .order_by("action_id", "-date", "-id")
    )
    latest: dict[int, Any] = {}
    for update in qs:
        latest.setdefault(update.action_id, update)
    return latest


def _row(action: Action, update: Any, *, later_updates: bool) -> ProgressRow:
    status = update.status if update is not None and update.status_id else None
    if status is None and not later_updates:
        status = action.status
    word = status.word if status else ""
    narrative = update.narrative if update is not None else ""
    elsewhere = update is not None and update.see_action_id is not None
    return ProgressRow(
        reference=action.reference,
        activity=action.title,
        status_word=word,
        state=status.state if status else "",
        rag=status.rag if status else "",
        narrative=narrative,
        progress=progress_text(word=word, narrative=narrative, points_elsewhere=elsewhere),
        updated_on=update.date if update is not None else None,
        see_reference=update.see_action.reference if elsewhere else "",
    )


def _priorities(*, user: Any, plan: Plan, as_of: dt.date) -> tuple[str, ...]:
    """The priorities stated for the latest report on or before `as_of` (or undated ones)."""
    qs = scope(PriorityActivity.objects.filter(plan=plan), user)
    dated = (
        qs.filter(stated_on__lte=as_of).order_by("-stated_on").values_list("stated_on", flat=True)
    )
    latest = dated.first()
    chosen = qs.filter(stated_on=latest) if latest else qs.filter(stated_on__isnull=True)
    return tuple(chosen.order_by("order", "id").values_list("text", flat=True))


def _committee(plan: Plan) -> str:
    body = plan.reports_to or plan.owning_body
    return body.name if body else plan.partnership.name


def progress_report_context(*, user: Any, plan: Plan, as_of: dt.date) -> ProgressReport:
    """The progress report on `plan` as at `as_of`, holding only what `user` may see.

    The caller has already fetched `plan` through the permission layer (a 404 otherwise).
    """
    actions = list(actions_as_at(user=user, plan=plan, as_of=as_of))
    latest = latest_updates(user=user, actions=actions, as_of=as_of)
    later = set(
        ProgressUpdate.objects.filter(action__in=[a.pk for a in actions], date__gt=as_of)
        .values_list("action_id", flat=True)
        .distinct()
    )
    pairs = [
        (
            a.workstream.name if a.workstream else "",
            _row(a, latest.get(a.pk), later_updates=a.pk in later),
        )
        for a in actions
    ]
    groups = group_rows(pairs)
    words = list(
        StatusWord.objects.filter(vocabulary_id=plan.vocabulary_id).order_by("order", "word")
    )
    rows = [row for _, row in pairs]
    counts = count_by_status(rows, words)
    interval = NUMBER_WORDS.get(
        plan.report_interval_months or 2, f"{plan.report_interval_months} months"
    )
    return ProgressReport(
        partnership=plan.partnership.name,
        plan_slug=plan.slug,
        plan_name=plan.name,
        committee=_committee(plan),
        as_of=as_of,
        period_label=period_label(plan.period_start, plan.period_end),
        interval_label=interval,
        groups=groups,
        counts=counts,
        priorities=_priorities(user=user, plan=plan, as_of=as_of),
        chart=status_chart(groups, counts, plan.name),
        prepared_for=str(getattr(user, "role_title", "") or user),
    )


# ---------------------------------------------------------------- the document


def _table_heading(report: ProgressReport) -> str:
    return (
        f"Proposed Activity: {report.period_label}" if report.period_label else "Proposed Activity"
    )


def progress_table(report: ProgressReport) -> Table:
    """The two-column table of seed 002, with workstream sub-headings when the plan has them."""
    rows: list[TableRow] = []
    for group in report.groups:
        if group.heading:
            rows.append(TableRow((group.heading,), group=True))
        rows.extend(TableRow((row.activity, row.progress)) for row in group.rows)
    return Table(
        headers=(_table_heading(report), "Progress to Date"), rows=tuple(rows), widths=(1, 1)
    )


def _summary(report: ProgressReport) -> str:
    parts = [
        f"{c.count} {c.word.lower() if c.word != NO_STATUS else 'with no status given'}"
        for c in report.counts
        if c.count
    ]
    listed = ", ".join(parts[:-1]) + (f" and {parts[-1]}" if len(parts) > 1 else "".join(parts))
    return f"Of the {report.total} actions in the plan, {listed}."


def to_document(report: ProgressReport) -> Document:
    """The committee report for the progress report: one object for DOCX, PDF and HTML."""
    intro = (
        f"The {report.plan_name} identified {report.total} actions"
        + (
            f" to be progressed between {report.period_label.replace(' to ', ' and ')}"
            if report.period_label
            else ""
        )
        + ". These are summarised below together with an outline of progress to date."
    )
    progress: list[Block] = [Paragraph(intro), progress_table(report)]
    priorities: list[Block] = [
        Paragraph(f"Priority activity for the next {report.interval_label} includes:")
    ]
    priorities.append(
        Bullets(report.priorities)
        if report.priorities
        else Paragraph("None recorded.", numbered=False)
    )
    counts = Table(
        headers=("Status", "Actions"),
        rows=(
            *(TableRow((c.word, str(c.count))) for c in report.counts),
            TableRow(("Total", str(report.total))),
        ),
        caption="Actions by status",
        widths=(3, 1),
    )
    summary: list[Block] = [
        Paragraph(_summary(report)),
        counts,
        Figure(report.chart, report.chart.title),
    ]
    header = Header(
        organisation=report.partnership,
        committee=report.committee,
        date=report.as_of,
        title=f"Progress against the {report.plan_name}",
        purpose=f"To note progress made against the agreed {report.plan_name}.",
    )
    return Document(
        header=header,
        sections=(
            Section("Progress to date", tuple(progress)),
            Section("Priority activity", tuple(priorities)),
            Section("Summary by status", tuple(summary)),
        ),
        footer_note=(
            f"Prepared with Joined-Up for {report.prepared_for}. It contains only the actions, "
            "progress and priorities this person may see."
        ),
        filename=f"{report.plan_slug}-progress-{report.as_of.isoformat()}",
    )
