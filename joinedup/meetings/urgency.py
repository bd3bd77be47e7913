"""The leader's urgency report to council (SI 2012/2089 reg 19): the key decisions of a quarter
taken under special urgency (reg 11), and, for completeness, under the general exception (reg 10).

One typed context (`UrgencyReport`) built from what the user may see, rendered as HTML on the
page and as DOCX, PDF or HTML through joinedup.reports (ADR 0007).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from joinedup.core.permissions import scope
from joinedup.meetings.models import Decision, KeyDecisionNotice
from joinedup.meetings.selectors.notices import decision_route
from joinedup.reports.document import Document, Header, Paragraph, Section, Table, TableRow
from joinedup.reports.render import render as render_document

FORMATS = ("docx", "pdf", "html")
SPECIAL = KeyDecisionNotice.Route.SPECIAL_URGENCY
GENERAL = KeyDecisionNotice.Route.GENERAL_EXCEPTION


def quarter_dates(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a calendar quarter (1: January to March ... 4: October to December)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    first = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


@dataclass(frozen=True)
class UrgencyRow:
    decision_id: int
    decided_on: dt.date
    decision_maker: str
    title: str
    route: str
    agreed_by: str
    agreed_on: dt.date | None
    why: str


@dataclass(frozen=True)
class UrgencyReport:
    organisation: str
    start: dt.date
    end: dt.date
    special: tuple[UrgencyRow, ...]
    general: tuple[UrgencyRow, ...]
    filename: str

    @property
    def period(self) -> str:
        return f"{self.start.day} {self.start:%B %Y} to {self.end.day} {self.end:%B %Y}"


def _row(decision: Decision, route: str) -> UrgencyRow:
    notice = decision.item.key_decision_notice if decision.item else None
    item = decision.item
    agreed_by = (
        notice.get_urgency_agreed_by_display() if notice and notice.urgency_agreed_by else ""
    )
    agreed_on = notice.urgency_agreed_on if notice else None
    if route == GENERAL:
        agreed_by = "Chair of overview and scrutiny informed"
        agreed_on = notice.os_chair_informed_on if notice else item.os_chair_informed_on
    elif notice is None and item is not None:
        agreed_by, agreed_on = "Chair of overview and scrutiny", item.os_chair_agreed_on
    return UrgencyRow(
        decision_id=decision.pk,
        decided_on=decision.decided_on,
        decision_maker=decision.decision_maker,
        title=decision.title,
        route=route,
        agreed_by=agreed_by,
        agreed_on=agreed_on,
        why=(notice.urgency_reasons if notice else "") or decision.reasons,
    )


def urgency_report(
    *, user: Any, partnership: Any, organisation: Any, year: int, quarter: int
) -> UrgencyReport:
    """Key decisions in the quarter taken under an exception route: of `organisation`'s bodies,
    or (organisation None) of every body of the partnership."""
    start, end = quarter_dates(year, quarter)
    qs = Decision.objects.filter(
        partnership=partnership, key_decision=True, decided_on__range=(start, end)
    ).select_related("item__key_decision_notice", "body")
    if organisation is not None:
        qs = qs.filter(body__owner_organisation=organisation)
    rows: dict[str, list[UrgencyRow]] = {SPECIAL: [], GENERAL: []}
    for decision in scope(qs, user).order_by("decided_on", "id"):
        route = decision_route(decision)
        if route in rows:
            rows[route].append(_row(decision, route))
    who = organisation or partnership
    return UrgencyReport(
        organisation=who.name,
        start=start,
        end=end,
        special=tuple(rows[SPECIAL]),
        general=tuple(rows[GENERAL]),
        filename=f"urgency-report-{who.slug}-{year}-q{quarter}",
    )


def _table(rows: tuple[UrgencyRow, ...], caption: str, agreed: str) -> Table:
    return Table(
        headers=("Date", "Decision maker", "Decision", agreed, "Why it could not wait"),
        rows=tuple(
            TableRow(
                (
                    f"{r.decided_on.day} {r.decided_on:%B %Y}",
                    r.decision_maker,
                    r.title,
                    f"{r.agreed_by}, {r.agreed_on.day} {r.agreed_on:%B %Y}"
                    if r.agreed_on
                    else r.agreed_by,
                    r.why,
                )
            )
            for r in rows
        ),
        caption=caption,
        widths=(2, 3, 5, 3, 5),
    )


def to_document(context: UrgencyReport) -> Document:
    """The report as a council paper: a summary, then one table for each route."""
    special = Section(
        "Decisions taken under special urgency (regulation 11)",
        (
            Paragraph(
                f"{len(context.special)} key decisions were taken under special urgency between "
                f"{context.period}, each with the agreement that it was urgent and could not "
                "reasonably be deferred."
            ),
            _table(context.special, "Special urgency decisions", "Agreed by"),
        )
        if context.special
        else (Paragraph(f"No key decision was taken under special urgency in {context.period}."),),
    )
    general = Section(
        "Decisions taken under the general exception (regulation 10)",
        (
            Paragraph(
                f"{len(context.general)} key decisions were taken under the general exception."
            ),
            _table(context.general, "General exception decisions", "Notice"),
        )
        if context.general
        else (Paragraph("No key decision was taken under the general exception."),),
    )
    return Document(
        header=Header(
            organisation=context.organisation,
            committee="Council",
            date=context.end,
            title="Executive decisions taken as a matter of urgency",
            purpose=(
                "To report the key decisions taken under the special urgency and general "
                "exception provisions (Local Authorities (Executive Arrangements) (Meetings and "
                "Access to Information) (England) Regulations 2012, regulation 19)."
            ),
        ),
        sections=(special, general),
        filename=context.filename,
    )


def render(context: UrgencyReport, fmt: str) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the report in `fmt` (docx, pdf or html)."""
    rendered = render_document(to_document(context), fmt)
    return rendered.content, rendered.content_type, rendered.filename
