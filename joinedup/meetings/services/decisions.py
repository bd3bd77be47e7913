"""Writes for the decision register: record, publish the notice, call in, link outcomes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_set_m2m
from joinedup.core.calendar import CalendarHorizonError
from joinedup.meetings.models import AgendaItem, Decision
from joinedup.meetings.selectors.attendance import meeting_quorum
from joinedup.meetings.selectors.decisions import decision_clock
from joinedup.meetings.selectors.notices import item_notice_problems
from joinedup.meetings.services._common import (
    UNSET,
    add_error,
    check_and_save,
    deny_unless,
    save_child,
)
from joinedup.partnerships.models import Body

CallIn = Decision.CallIn
EXECUTIVE_KINDS = {Body.Kind.CABINET}


def _absent_for_item(item: AgendaItem) -> set[int]:
    """People who left the room for the item do not count towards its quorum."""
    return set(item.declarations.filter(action="left_room").values_list("person_id", flat=True))


def _check_quorum(item: AgendaItem, errors: dict[str, list[str]]) -> None:
    result = meeting_quorum(item.meeting, absent=_absent_for_item(item))
    if result is not None and not result.attendance_recorded:
        add_error(
            errors,
            "item",
            "Record the meeting's attendance first: until then its quorum is not known, so it "
            "cannot record a decision.",
        )
    elif result is not None and not result.quorate:
        add_error(
            errors,
            "item",
            f"The meeting was not quorate for this item ({result.explain()}): it cannot "
            "record a decision.",
        )


def _interests_text(item: AgendaItem) -> str:
    return "\n".join(
        f"{d.person}: {d.get_interest_type_display()} ({d.get_action_display().lower()})"
        for d in item.declarations.select_related("person")
    )


@transaction.atomic
def decision_record(
    *,
    actor: Actor,
    item: AgendaItem,
    title: str,
    text: str,
    reasons: str = "",
    alternatives_rejected: str = "",
    decision_maker: str = "",
    published_on: dt.date | None = None,
    subject_to_call_in: bool | None = None,
    urgency_agreed_by: str = "",
    reason: str = "",
) -> Decision:
    """Record a decision taken on an item (E7); a meeting below quorum cannot take one."""
    deny_unless(permissions.can_edit(actor, item), "You may not record decisions here.")
    body = item.meeting.body
    errors: dict[str, list[str]] = {}
    _check_quorum(item, errors)
    for field, messages in item_notice_problems(item).items():
        for message in messages:
            add_error(errors, field, message)
    if not text.strip():
        add_error(errors, "text", "Give the text of the decision.")
    call_in = body.kind in EXECUTIVE_KINDS if subject_to_call_in is None else subject_to_call_in
    state = CallIn.OPEN if call_in else CallIn.NOT_APPLICABLE
    if urgency_agreed_by.strip():
        state = CallIn.URGENT
    decision = Decision(
        partnership=item.partnership,
        body=body,
        item=item,
        decided_on=item.meeting.date,
        title=title,
        text=text,
        reasons=reasons,
        alternatives_rejected=alternatives_rejected,
        interests_declared=_interests_text(item),
        decision_maker=decision_maker or body.name,
        key_decision=item.key_decision,
        published_on=published_on,
        call_in_state=state,
        urgency_agreed_by=urgency_agreed_by,
    )
    _check_clock(decision, errors)
    save_child(decision, parent=item, errors=errors, actor=actor, reason=reason)
    return decision


def _check_clock(decision: Decision, errors: dict[str, list[str]]) -> None:
    """A publication date the calendar cannot count call-in days from is refused, not a 500."""
    try:
        decision_clock(decision)
    except CalendarHorizonError as exc:
        add_error(errors, "published_on", str(exc))


def _save(decision: Decision, errors: dict[str, list[str]], actor: Actor, reason: str) -> Decision:
    check_and_save(decision, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return decision


@transaction.atomic
def decision_publish(
    *, actor: Actor, decision: Decision, published_on: dt.date, reason: str = ""
) -> Decision:
    """Publish the decision notice: the call-in window starts."""
    deny_unless(permissions.can_edit(actor, decision), "You may not change this decision.")
    errors: dict[str, list[str]] = {}
    if published_on < decision.decided_on:
        add_error(errors, "published_on", "The notice cannot be published before the decision.")
    decision.published_on = published_on
    _check_clock(decision, errors)
    return _save(decision, errors, actor, reason)


@transaction.atomic
def decision_call_in(
    *, actor: Actor, decision: Decision, called_in_on: dt.date, reason: str = ""
) -> Decision:
    """Record a valid call-in: implementation waits for overview and scrutiny (E8)."""
    deny_unless(permissions.can_edit(actor, decision), "You may not change this decision.")
    errors: dict[str, list[str]] = {}
    clock = decision_clock(decision)
    if decision.call_in_state != CallIn.OPEN or clock is None:
        add_error(errors, "call_in_state", "This decision is not open to call-in.")
    elif called_in_on > clock.deadline:
        add_error(
            errors,
            "called_in_on",
            f"The call-in window closed on {clock.deadline:%-d %B %Y}.",
        )
    decision.call_in_state, decision.called_in_on = CallIn.CALLED_IN, called_in_on
    return _save(decision, errors, actor, reason)


@transaction.atomic
def decision_call_in_resolve(
    *, actor: Actor, decision: Decision, considered_on: dt.date, outcome: str, reason: str = ""
) -> Decision:
    """Overview and scrutiny considered the call-in: confirmed or referred back."""
    deny_unless(permissions.can_edit(actor, decision), "You may not change this decision.")
    errors: dict[str, list[str]] = {}
    if decision.call_in_state != CallIn.CALLED_IN:
        add_error(errors, "call_in_state", "This decision has not been called in.")
    if outcome not in (CallIn.CONFIRMED, CallIn.REFERRED_BACK):
        add_error(errors, "outcome", "The outcome is confirmed or referred_back.")
    decision.call_in_state, decision.considered_on = outcome, considered_on
    return _save(decision, errors, actor, reason)


def _keep_hidden(decision: Decision, actor: Actor, chosen: Any) -> list[Any]:
    """The chosen actions plus the linked ones the actor cannot see (they keep those links)."""
    hidden = [a for a in decision.programme_actions.all() if not permissions.can_view(actor, a)]
    return [*chosen, *hidden]


@transaction.atomic
def decision_link(
    *,
    actor: Actor,
    decision: Decision,
    tor_versions: Any = None,
    actions: Any = None,
    programme_actions: Any = None,
    reason: str = "",
) -> Decision:
    """Link the terms of reference versions, actions arising and work-programme actions."""
    deny_unless(permissions.can_edit(actor, decision), "You may not change this decision.")
    errors: dict[str, list[str]] = {}
    for tor in tor_versions or []:
        if tor.partnership_id != decision.partnership_id:
            add_error(errors, "tor_versions", "Choose terms of reference of this partnership.")
    for action in programme_actions or []:
        if action.partnership_id != decision.partnership_id or not permissions.can_view(
            actor, action
        ):
            add_error(
                errors, "programme_actions", "Choose work-programme actions of this partnership."
            )
            break
    if errors:
        return _save(decision, errors, actor, reason)
    if tor_versions is not None:
        audited_set_m2m(decision, "tor_versions", list(tor_versions), actor=actor, reason=reason)
    if actions is not None:
        audited_set_m2m(decision, "actions", list(actions), actor=actor, reason=reason)
    if programme_actions is not None:
        audited_set_m2m(
            decision,
            "programme_actions",
            _keep_hidden(decision, actor, programme_actions),
            actor=actor,
            reason=reason,
        )
    return decision
