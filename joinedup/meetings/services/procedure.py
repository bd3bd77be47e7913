"""Writes for a terms of reference version's procedure rules (cross-organisation quorum and the
chair's casting vote), and the archiving of a meeting's papers after the inspection period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_delete, audited_save
from joinedup.core.lookups import no_such
from joinedup.core.services import partner_organisation_ids as partner_ids
from joinedup.meetings.models import Meeting, ProcedureRules, QuorumRequirement
from joinedup.meetings.retention import meeting_retained_until
from joinedup.meetings.services._common import (
    UNSET,
    add_error,
    check_and_save,
    deny_unless,
)
from joinedup.partnerships.lookups import ORGANISATION
from joinedup.partnerships.models import TermsOfReference


@transaction.atomic
def procedure_rules_set(
    *,
    actor: Actor,
    terms: TermsOfReference,
    chair_casting_vote: bool,
    quorum: Mapping[Any, int],
    reason: str = "",
) -> ProcedureRules:
    """Set the cross-organisation quorum ({organisation: minimum}) and the casting vote."""
    deny_unless(permissions.can_edit(actor, terms), "You may not change these terms.")
    errors: dict[str, list[str]] = {}
    allowed = partner_ids(terms.partnership) | {terms.body.owner_organisation_id}
    seats = terms.body.memberships.filter(voting=True)
    for organisation, minimum in quorum.items():
        if organisation.pk not in allowed:
            # As the lookups answer an unknown one: an outsider is never named.
            add_error(errors, "quorum", no_such(ORGANISATION))
        elif minimum < 1:
            add_error(errors, "quorum", f"Give at least one member from {organisation}.")
        elif minimum > (held := seats.filter(representing=organisation).count()):
            add_error(
                errors,
                "quorum",
                f"The quorum asks for more members from {organisation} than have a vote "
                f"({held} voting seats).",
            )
    if errors:
        raise ValidationError(errors)
    rules = ProcedureRules.objects.filter(terms=terms).first() or ProcedureRules(terms=terms)
    rules.chair_casting_vote = chair_casting_vote
    audited_save(rules, actor=actor, reason=reason)
    wanted = {org.pk: (org, minimum) for org, minimum in quorum.items()}
    for row in rules.quorum.all():
        if row.organisation_id not in wanted:
            audited_delete(row, actor=actor, reason=reason)
    for org_id, (organisation, minimum) in wanted.items():
        row = rules.quorum.filter(organisation_id=org_id).first() or QuorumRequirement(
            rules=rules, organisation=organisation
        )
        row.minimum = minimum
        audited_save(row, actor=actor, reason=reason)
    return rules


@transaction.atomic
def meeting_archive(*, actor: Actor, meeting: Meeting, today: dt.date, reason: str = "") -> Meeting:
    """Archive a meeting whose minutes are approved, once its inspection period is over."""
    deny_unless(permissions.can_edit(actor, meeting), "You may not change this meeting.")
    errors: dict[str, list[str]] = {}
    if meeting.status != Meeting.Status.MINUTES_APPROVED:
        add_error(errors, "status", "Only a meeting whose minutes are approved can be archived.")
    until = meeting_retained_until(meeting)
    if today <= until:
        add_error(
            errors,
            "status",
            f"The papers stay open to inspection until {until:%-d %B %Y}; archive after that.",
        )
    meeting.status = Meeting.Status.ARCHIVED
    check_and_save(meeting, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return meeting
