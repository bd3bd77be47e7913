"""Writes for minutes, actions arising, and their approval (after which they are read-only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.lookups import refuse
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


def _minutes_for(meeting: Meeting, actor: Actor, reason: str) -> Minutes:
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
    actor: Actor,
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
    actor: Actor,
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
    actor: Actor,
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
