"""Writes for minutes, actions arising, and their approval (after which they are read-only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.core import permissions
from joinedup.core.confidentiality import RANK
from joinedup.core.lookups import refuse
from joinedup.core.models import Confidentiality
from joinedup.meetings.models import ActionArising, AgendaItem, Meeting, MinuteItem, Minutes
from joinedup.meetings.selectors.agenda import item_is_late
from joinedup.meetings.services._common import (
    UNSET,
    add_error,
    apply,
    deny_unless,
    is_set,
    save_child,
)
from joinedup.meetings.services.votes import _check_vote_numbers

READ_ONLY = "These minutes were approved and signed; they can no longer be changed."


def _minutes_for(meeting: Meeting, actor: Any, reason: str) -> Minutes:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None:
        minutes = Minutes(partnership=meeting.partnership, meeting=meeting)
        save_child(minutes, parent=meeting, errors={}, actor=actor, reason=reason)
    return minutes


def _guard(minutes: Minutes, errors: dict[str, list[str]]) -> None:
    if minutes.pk and Minutes.objects.filter(pk=minutes.pk, status="approved").exists():
        add_error(errors, "minutes", READ_ONLY)


@transaction.atomic
def minute_record(
    *,
    actor: Any,
    item: AgendaItem,
    discussion: str = UNSET,
    resolutions: str = UNSET,
    public_summary: str = UNSET,
    votes_for: int | None = UNSET,
    votes_against: int | None = UNSET,
    abstentions: int | None = UNSET,
    reason: str = "",
) -> MinuteItem:
    """Write (or change) the minute of one item; a late item's urgency reason goes in it (M2)."""
    deny_unless(permissions.can_edit(actor, item), "You may not write these minutes.")
    errors: dict[str, list[str]] = {}
    existing = Minutes.objects.filter(meeting=item.meeting).first()
    if existing is not None:
        _guard(existing, errors)
    if errors:
        from joinedup.meetings.services._common import validate

        validate(MinuteItem(partnership=item.partnership, item=item), errors)
    minutes = existing or _minutes_for(item.meeting, actor, reason)
    entry = MinuteItem.objects.filter(item=item).first() or MinuteItem(
        partnership=item.partnership, minutes=minutes, item=item
    )
    apply(
        entry,
        {
            "discussion": discussion,
            "resolutions": resolutions,
            "public_summary": public_summary,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "abstentions": abstentions,
        },
    )
    if any(is_set(n) for n in (votes_for, votes_against, abstentions)):
        _check_vote_numbers(item, (entry.votes_for, entry.votes_against, entry.abstentions), errors)
    if item_is_late(item) and item.urgency_reason:
        entry.urgency_reason = item.urgency_reason
    save_child(entry, parent=item, errors=errors, actor=actor, reason=reason)
    return entry


@transaction.atomic
def action_arising_create(
    *,
    actor: Any,
    minute: MinuteItem,
    description: str,
    owner: Any = None,
    owner_title: str = "",
    due_on: dt.date | None = None,
    reason: str = "",
) -> ActionArising:
    """Record an action arising from a minute, with its owner and due date."""
    deny_unless(permissions.can_edit(actor, minute), "You may not write these minutes.")
    errors: dict[str, list[str]] = {}
    _guard(minute.minutes, errors)
    if owner is None and not owner_title.strip():
        add_error(errors, "owner", "Say who owns the action.")
    if due_on is None:
        add_error(errors, "due_on", "Give the date the action is due.")
    action = ActionArising(
        partnership=minute.partnership,
        minute=minute,
        description=description,
        owner=owner,
        owner_title=owner_title,
        due_on=due_on,
    )
    save_child(action, parent=minute, errors=errors, actor=actor, reason=reason)
    return action


@transaction.atomic
def minutes_approve(
    *,
    actor: Any,
    minutes: Minutes,
    approved_at: Meeting,
    signed_by: Any,
    signed_on: dt.date,
    reason: str = "",
) -> Minutes:
    """Approve the minutes at a later meeting of the same body, signed by its chair (Sch 12 41)."""
    outside: dict[str, list[str]] = {}
    check_person(minutes.partnership, signed_by, "signed_by", outside)
    refuse(outside)
    deny_unless(permissions.can_edit(actor, minutes), "You may not approve these minutes.")
    errors: dict[str, list[str]] = {}
    _guard(minutes, errors)
    meeting = minutes.meeting
    if approved_at.body_id != meeting.body_id or approved_at.start <= meeting.start:
        add_error(errors, "approved_at", "Choose a later meeting of the same body.")
    if signed_on < approved_at.date:
        add_error(errors, "signed_on", "The minutes are signed at or after that meeting.")
    minutes.status, minutes.approved_at = Minutes.Status.APPROVED, approved_at
    minutes.signed_by, minutes.signed_on = signed_by, signed_on
    save_child(minutes, parent=meeting, errors=errors, actor=actor, reason=reason)
    if meeting.status == Meeting.Status.HELD:
        meeting.status = Meeting.Status.MINUTES_APPROVED
        save_child(
            meeting,
            parent=meeting.body,
            errors={},
            actor=actor,
            reason=reason,
            confidentiality=meeting.confidentiality,
            exempt_paragraph=meeting.exempt_paragraph,
        )
    return minutes


def _level_in_plan(action: ActionArising, plan: Any) -> dict[str, Any]:
    """The action arising's level for its work-programme action, unless the plan's is stricter
    (an action is never more visible than its plan): then the plan's (given as None)."""
    if RANK[action.confidentiality] < RANK[plan.confidentiality]:
        return {"confidentiality": None}
    orgs = None
    if action.confidentiality == Confidentiality.RESTRICTED:
        orgs = list(action.restricted_to.all())
        if plan.confidentiality == Confidentiality.RESTRICTED:
            allowed = set(plan.restricted_to.values_list("pk", flat=True))
            orgs = [o for o in orgs if o.pk in allowed]
    return {
        "confidentiality": action.confidentiality,
        "exempt_paragraph": action.exempt_paragraph,
        "restricted_to": orgs,
    }


@transaction.atomic
def action_arising_promote(
    *, actor: Any, action: ActionArising, plan: Any, reason: str = ""
) -> ActionArising:
    """Make an action arising a work-programme action of `plan` and link the two."""
    from joinedup.programme.services import action_create

    deny_unless(permissions.can_edit(actor, action), "You may not change this action.")
    errors: dict[str, list[str]] = {}
    if action.programme_action_id:
        add_error(errors, "programme_action", "This action is already on the work programme.")
    if plan.partnership_id != action.partnership_id:
        add_error(errors, "plan", "Choose a plan of this partnership.")
    if errors:
        save_child(action, parent=action.minute, errors=errors, actor=actor, reason=reason)
    meeting = action.minute.item.meeting
    created = action_create(
        actor=actor,
        plan=plan,
        title=action.description,
        description=f"Arising from {meeting}, item {action.minute.item.order}.",
        owner=action.owner,
        responsible_body=meeting.body,
        due_date=action.due_on,
        reason=reason or "Action arising from the minutes",
        **_level_in_plan(action, plan),
    )
    action.programme_action = created
    save_child(action, parent=action.minute, errors={}, actor=actor, reason=reason)
    return action
