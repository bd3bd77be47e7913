"""Writes for key decision notices (the forward plan) and the checks a key decision must pass."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.meetings.models import KeyDecisionNotice
from joinedup.meetings.selectors.notices import notice_problems
from joinedup.meetings.services._common import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
)
from joinedup.partnerships.models import Body

NOTICE_FIELDS = (
    "matter",
    "details",
    "decision_maker",
    "first_published_on",
    "expected_decision_on",
    "documents",
    "private",
    "private_paragraph",
    "private_reasons",
    "route",
    "os_chair_informed_on",
    "exception_notice_published_on",
    "urgency_agreed_on",
    "urgency_agreed_by",
    "urgency_reasons",
)


def _check(notice: KeyDecisionNotice, errors: dict[str, list[str]]) -> None:
    if not (notice.matter or "").strip():
        add_error(errors, "matter", "Say what the matter to be decided is.")
    if notice.private and not notice.private_paragraph:
        add_error(
            errors,
            "private_paragraph",
            "A decision to be taken in private needs the Schedule 12A paragraph that applies.",
        )
    if notice.expected_decision_on is None:
        return
    for field, messages in notice_problems(notice).items():
        for message in messages:
            add_error(errors, field, message)


@transaction.atomic
def key_decision_notice_create(
    *,
    actor: Actor,
    body: Body,
    matter: str,
    expected_decision_on: dt.date,
    decision_maker: str = "",
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Any = UNSET,
    reason: str = "",
    **values: Any,
) -> KeyDecisionNotice:
    """Publish a key decision notice; its route must be one the dates allow (T7)."""
    allowed = permissions.can_view(actor, body) and permissions.can_create_in(
        actor, body.partnership, body.owner_organisation_id
    )
    deny_unless(allowed, "You may not publish key decision notices for this body.")
    notice = KeyDecisionNotice(
        partnership=body.partnership,
        body=body,
        matter=matter,
        expected_decision_on=expected_decision_on,
        decision_maker=decision_maker or body.name,
    )
    errors: dict[str, list[str]] = {}
    for name in sorted(set(values) - set(NOTICE_FIELDS)):
        add_error(errors, name, "Not a field of a key decision notice.")
    apply(notice, {k: v for k, v in values.items() if k in NOTICE_FIELDS})
    notice.confidentiality = body.confidentiality if confidentiality is UNSET else confidentiality
    notice.exempt_paragraph = None if exempt_paragraph is UNSET else exempt_paragraph
    _check(notice, errors)
    check_and_save(notice, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return notice


@transaction.atomic
def key_decision_notice_update(
    *, actor: Actor, notice: KeyDecisionNotice, reason: str = "", **values: Any
) -> KeyDecisionNotice:
    """Change a notice (e.g. record the O&S chair's agreement); the route is checked again."""
    deny_unless(permissions.can_edit(actor, notice), "You may not change this notice.")
    errors: dict[str, list[str]] = {}
    for name in sorted(set(values) - set(NOTICE_FIELDS)):
        add_error(errors, name, "Not a field of a key decision notice.")
    apply(notice, {k: v for k, v in values.items() if k in NOTICE_FIELDS})
    _check(notice, errors)
    check_and_save(notice, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return notice
