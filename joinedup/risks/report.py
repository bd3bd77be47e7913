"""The risk board report: one typed context, rendered as DOCX, PDF or HTML by joinedup.reports.

The narrative (cause, event, effect, controls, actions, latest commentary) comes with the scores,
so the board reads more than a RAG rating; the numbers are the register table's own rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from joinedup.core.permissions import scope
from joinedup.reports.document import (
    Bullets,
    Document,
    Header,
    Paragraph,
    Section,
    Table,
    TableRow,
)
from joinedup.reports.render import render as render_document
from joinedup.risks import selectors
from joinedup.risks.models import Control, Register, Review

FORMATS = ("docx", "pdf", "html")


@dataclass(frozen=True)
class RiskItem:
    reference: str
    title: str
    lead: str
    owner: str
    category: str
    inherent: str
    current: str
    target: str
    movement: str
    status: str
    divergent: bool
    escalated_to: tuple[str, ...]
    cause: str
    event: str
    effect: str
    controls: tuple[str, ...]
    actions: str
    commentary: str
    work_actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskReport:
    """Everything the board report says, built once from what the user may see."""

    partnership: str
    register: str
    body: str
    date: dt.date
    counts: tuple[tuple[str, int], ...]
    items: tuple[RiskItem, ...]
    exceptions: tuple[str, ...]
    filename: str


def _score(pair: tuple[int, int] | None, row: selectors.Row) -> str:
    if pair is None:
        return "not scored"
    from joinedup.risks.scoring import score

    found = score(row.matrix, *pair)
    return f"{found.value} {found.band.name} (L{pair[0]} × C{pair[1]})"


def _item(row: selectors.Row, user: Any) -> RiskItem:
    r = row.risk
    target = (r.target_likelihood, r.target_consequence) if r.target_likelihood else None
    latest = next(iter(getattr(r, "visible_reviews", [])), None)
    controls = tuple(
        f"{c.description} ({c.owner_organisation}"
        + (f"; {c.get_effectiveness_display().lower()}" if c.effectiveness else "")
        + ")"
        for c in getattr(r, "visible_controls", [])
    )
    return RiskItem(
        reference=r.reference,
        title=r.title,
        lead=str(r.lead_organisation),
        owner=str(r.owner) if r.owner_id else "no owner named",
        category=r.get_category_display(),
        inherent=_score(row.inherent_pair, row),
        current=_score(row.current_pair, row),
        target=_score(target, row),  # type: ignore[arg-type]
        movement=row.movement,
        status=row.status_label,
        divergent=row.divergent,
        escalated_to=tuple(str(b) for b in row.escalations),
        cause=r.cause,
        event=r.event,
        effect=r.effect,
        controls=controls,
        actions=r.actions,
        commentary=latest.commentary if latest else "",
        work_actions=tuple(_action_line(a) for a in row.actions),
    )


def _action_line(action: Any) -> str:
    status = str(action.status) if action.status_id else "Not started"
    due = f", due {action.due_date:%d %B %Y}" if action.due_date else ""
    return f"{action.reference} {action.title} ({action.plan.name}): {status}{due}"


def build_context(*, user: Any, register: Register, today: dt.date) -> RiskReport:
    qs = selectors.register_rows(user=user, register=register, today=today).prefetch_related(
        Prefetch(
            "controls",
            queryset=scope(Control.objects.all(), user).select_related("owner_organisation"),
            to_attr="visible_controls",
        ),
        Prefetch(
            "reviews",
            queryset=scope(Review.objects.order_by("-reviewed_on", "-pk"), user),
            to_attr="visible_reviews",
        ),
    )
    rows = selectors.rows_for(qs, register=register, today=today, user=user)
    counts: dict[str, int] = {b.name: 0 for b in selectors.matrix_for(register).bands}
    for row in rows:
        if row.band:
            counts[row.band.name] += 1
    report = selectors.exceptions(user=user, register=register, today=today)
    flagged = [
        f"{row.risk.reference} {row.risk.title}: {label}"
        for key, label in (("escalated", "escalated"), ("overdue", "review overdue"))
        for row in report[key]
    ]
    return RiskReport(
        partnership=str(register.partnership),
        register=register.name,
        body=str(register.governing_body or "the partnership"),
        date=today,
        counts=tuple(counts.items()),
        items=tuple(_item(row, user) for row in rows),
        exceptions=tuple(flagged),
        filename=f"{register.slug}-board-report",
    )


def _narrative(item: RiskItem) -> Section:
    blocks: list[Any] = [
        Paragraph(
            f"Lead: {item.lead}; owner: {item.owner}; category: {item.category}; "
            f"status: {item.status}.",
            numbered=False,
        ),
        Paragraph(
            f"Inherent {item.inherent}; current {item.current}; target {item.target}. "
            f"Movement since the last review: {item.movement}."
            + (" Partners' assessments differ; the highest is shown." if item.divergent else "")
            + (f" Escalated to {', '.join(item.escalated_to)}." if item.escalated_to else "")
        ),
    ]
    if item.cause or item.event or item.effect:
        blocks.append(
            Paragraph(
                f"Because of {item.cause or '…'}, there is a risk that {item.event or '…'}, "
                f"which would lead to {item.effect or '…'}"
            )
        )
    if item.controls:
        blocks += [Paragraph("Controls in place:", numbered=False), Bullets(item.controls)]
    if item.actions:
        blocks.append(Paragraph(f"Actions: {item.actions}"))
    if item.work_actions:
        blocks += [
            Paragraph("Work-programme actions and their status:", numbered=False),
            Bullets(item.work_actions),
        ]
    if item.commentary:
        blocks.append(Paragraph(f"Commentary at the last review: {item.commentary}"))
    return Section(f"{item.reference} {item.title}", tuple(blocks))


def to_document(context: RiskReport) -> Document:
    summary = Table(
        headers=("Ref", "Risk", "Lead", "Current", "Movement", "Status"),
        rows=tuple(
            TableRow((i.reference, i.title, i.lead, i.current, i.movement, i.status))
            for i in context.items
        ),
        caption="Risks on the register, highest current score first",
        widths=(2, 6, 4, 4, 2, 3),
    )
    counts = ", ".join(f"{name}: {n}" for name, n in context.counts)
    overview = [
        Paragraph(f"The register holds {len(context.items)} open risks ({counts})."),
        summary,
    ]
    if context.exceptions:
        overview += [Paragraph("For the board's attention:"), Bullets(context.exceptions)]
    sections = [Section("Summary", tuple(overview))]
    sections += [_narrative(item) for item in context.items]
    return Document(
        header=Header(
            organisation=context.partnership,
            committee=context.body,
            date=context.date,
            title=f"Risk register: {context.register}",
            purpose="To review the risks on the register, their controls and the actions.",
        ),
        sections=tuple(sections),
        filename=context.filename,
    )


def render(context: RiskReport, fmt: str) -> tuple[bytes, str]:
    """(content, media type) of the report in `fmt` (docx, pdf or html)."""
    if fmt not in FORMATS:
        from django.http import Http404

        raise Http404("No such report format")
    rendered = render_document(to_document(context), fmt)
    return rendered.content, rendered.content_type
