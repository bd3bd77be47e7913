"""Writes for agenda items, their reports and attached files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.pdf_files import pdf_name, pdf_problem
from joinedup.meetings import clocks
from joinedup.meetings.models import AgendaItem, Attachment, Meeting, Report
from joinedup.meetings.selectors.agenda import item_is_late
from joinedup.meetings.services._common import (
    UNSET,
    add_error,
    apply,
    deny_unless,
    save_child,
)

KEY = AgendaItem.DecisionType.KEY_DECISION
Route = AgendaItem.NoticeRoute


def _check_key_decision(item: AgendaItem, errors: dict[str, list[str]]) -> None:
    """The notice route must be one the dates allow (T7; SI 2012/2089 regs 9 to 11)."""
    notice = item.key_decision_notice
    if notice is not None and notice.partnership_id != item.partnership_id:
        add_error(errors, "key_decision_notice", "Choose a notice of this partnership.")
    if notice is not None and item.decision_type != KEY:
        add_error(errors, "key_decision_notice", "Only a key decision has a key decision notice.")
    if item.decision_type != KEY or not item.notice_route:
        return
    if item.notice_route not in Route.values:
        add_error(errors, "notice_route", "Choose one of the notice routes.")
        return
    body = item.meeting.body
    clock = clocks.key_decision_clock(
        decision_date=item.meeting.date, organisation=body.owner_organisation
    )
    available = clock.route_available(item.notice_published_on)
    order: list[str] = [Route.FORWARD_PLAN, Route.GENERAL_EXCEPTION, Route.SPECIAL_URGENCY]
    if order.index(item.notice_route) < order.index(available):
        add_error(
            errors,
            "notice_route",
            f"The notice was published too late for the {Route(item.notice_route).label} route: "
            f"the forward-plan notice was due by {clock.forward_plan_due:%-d %B %Y} and the "
            f"general exception notice by {clock.general_exception_due:%-d %B %Y}.",
        )
    if item.notice_route == Route.GENERAL_EXCEPTION and not item.os_chair_informed_on:
        add_error(errors, "os_chair_informed_on", "Record when the O&S chair was informed.")
    if item.notice_route == Route.SPECIAL_URGENCY and not item.os_chair_agreed_on:
        add_error(errors, "os_chair_agreed_on", "Record when the O&S chair agreed it is urgent.")


@transaction.atomic
def agenda_item_create(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    order: int | None = None,
    decision_type: str = AgendaItem.DecisionType.FOR_DECISION,
    key_decision_notice: Any = None,
    notice_route: str = "",
    notice_published_on: dt.date | None = None,
    os_chair_informed_on: dt.date | None = None,
    os_chair_agreed_on: dt.date | None = None,
    public_interest_reasoning: str = "",
    added_on: dt.date | None = None,
    urgency_reason: str = "",
    lead_organisation: Any = None,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Any = UNSET,
    reason: str = "",
) -> AgendaItem:
    """Add an item to a meeting's agenda (exempt items need a paragraph and the public interest)."""
    deny_unless(permissions.can_edit(actor, meeting), "You may not change this agenda.")
    if order is None:
        order = (meeting.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem(partnership=meeting.partnership, meeting=meeting, order=order, title=title)
    apply(item, _item_values(locals()))
    errors: dict[str, list[str]] = {}
    if meeting.items.filter(order=order).exists():
        add_error(errors, "order", f"Item {order} is already on the agenda.")
    _check_key_decision(item, errors)
    save_child(
        item,
        parent=meeting,
        errors=errors,
        actor=actor,
        reason=reason,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
        restricted_to=restricted_to,
    )
    return item


ITEM_FIELDS = (
    "title",
    "decision_type",
    "key_decision_notice",
    "notice_route",
    "notice_published_on",
    "os_chair_informed_on",
    "os_chair_agreed_on",
    "public_interest_reasoning",
    "added_on",
    "urgency_reason",
    "lead_organisation",
)


def _item_values(given: dict[str, Any]) -> dict[str, Any]:
    return {name: given[name] for name in ITEM_FIELDS if name in given}


@transaction.atomic
def agenda_item_update(
    *,
    actor: Actor,
    item: AgendaItem,
    title: str = UNSET,
    decision_type: str = UNSET,
    key_decision_notice: Any = UNSET,
    notice_route: str = UNSET,
    notice_published_on: dt.date | None = UNSET,
    os_chair_informed_on: dt.date | None = UNSET,
    os_chair_agreed_on: dt.date | None = UNSET,
    public_interest_reasoning: str = UNSET,
    added_on: dt.date | None = UNSET,
    urgency_reason: str = UNSET,
    lead_organisation: Any = UNSET,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Any = UNSET,
    reason: str = "",
) -> AgendaItem:
    """Change an agenda item."""
    deny_unless(permissions.can_edit(actor, item), "You may not change this item.")
    apply(item, _item_values(locals()))
    errors: dict[str, list[str]] = {}
    _check_key_decision(item, errors)
    save_child(
        item,
        parent=item.meeting,
        errors=errors,
        actor=actor,
        reason=reason,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
        restricted_to=restricted_to,
    )
    return item


@transaction.atomic
def agenda_item_mark_considered(
    *, actor: Actor, item: AgendaItem, urgency_reason: str = UNSET, reason: str = ""
) -> AgendaItem:
    """Record that the meeting considered the item; a late item needs the chair's reason (M2)."""
    deny_unless(permissions.can_edit(actor, item), "You may not change this item.")
    if urgency_reason is not UNSET:
        item.urgency_reason = urgency_reason
    errors: dict[str, list[str]] = {}
    if item_is_late(item) and not item.urgency_reason.strip():
        add_error(
            errors,
            "urgency_reason",
            "This is a late item: give the chair's reason for considering it as a matter of "
            "urgency before marking it considered.",
        )
    item.considered = True
    save_child(item, parent=item.meeting, errors=errors, actor=actor, reason=reason)
    return item


REPORT_FIELDS = (
    "title",
    "author",
    "wards_affected",
    "purpose",
    "key_decision",
    "key_decision_statement",
    "recommendations",
    "reasons",
    "considerations",
    "financial_implications",
    "risk_management",
    "consultees",
    "alternative_options",
    "background_papers",
    "published_on",
)


@transaction.atomic
def report_create(
    *,
    actor: Actor,
    item: AgendaItem,
    title: str,
    author: str = "",
    wards_affected: str = "",
    purpose: str = "",
    key_decision: bool = False,
    key_decision_statement: str = "",
    recommendations: str = "",
    reasons: str = "",
    considerations: str = "",
    financial_implications: str = "",
    risk_management: str = "",
    consultees: str = "",
    alternative_options: str = "",
    background_papers: str = "",
    published_on: dt.date | None = None,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Any = UNSET,
    reason: str = "",
) -> Report:
    """Attach a report (in the standard sections) to an agenda item."""
    deny_unless(permissions.can_edit(actor, item), "You may not add reports to this item.")
    report = Report(partnership=item.partnership, item=item, title=title)
    given = locals()
    apply(report, {name: given[name] for name in REPORT_FIELDS})
    save_child(
        report,
        parent=item,
        errors={},
        actor=actor,
        reason=reason,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
        restricted_to=restricted_to,
    )
    return report


@transaction.atomic
def report_update(*, actor: Actor, report: Report, reason: str = "", **values: Any) -> Report:
    """Change a report's sections (any of the report fields)."""
    deny_unless(permissions.can_edit(actor, report), "You may not change this report.")
    errors: dict[str, list[str]] = {}
    unknown = set(values) - set(REPORT_FIELDS)
    for name in sorted(unknown):
        add_error(errors, name, "Not a field of a report.")
    apply(report, {k: v for k, v in values.items() if k in REPORT_FIELDS})
    save_child(report, parent=report.item, errors=errors, actor=actor, reason=reason)
    return report


@transaction.atomic
def attachment_add(
    *,
    actor: Actor,
    report: Report,
    title: str,
    file: Any = None,
    text: str = "",
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    reason: str = "",
) -> Attachment:
    """Attach an uploaded PDF (or an appendix as text) to a report; the file is checked by its
    content, not its name."""
    deny_unless(permissions.can_edit(actor, report), "You may not change this report.")
    attachment = Attachment(partnership=report.partnership, report=report, title=title, text=text)
    errors: dict[str, list[str]] = {}
    if file is not None:
        if problem := pdf_problem(file):
            add_error(errors, "file", problem)
        else:
            file.name = pdf_name(file.name)
            attachment.file = file
    elif not text.strip():
        add_error(errors, "file", "Choose a file to upload, or give the appendix as text.")
    save_child(
        attachment,
        parent=report,
        errors=errors,
        actor=actor,
        reason=reason,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
    )
    return attachment
