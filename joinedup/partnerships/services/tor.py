"""Writes for terms of reference: new versions, edits to drafts, and approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from joinedup.accounts.models import Organisation
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_save
from joinedup.core.confidentiality import INHERIT
from joinedup.core.services import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    is_set,
    validate,
)
from joinedup.partnerships import permissions as tor_permissions
from joinedup.partnerships.models import Body, TermsOfReference

Status = TermsOfReference.Status

# The text a new version carries over from the one before when asked to copy.
COPIED_FIELDS = (
    "title",
    "purpose",
    "responsibilities",
    "membership",
    "quorum_rule",
    "quorum_fraction",
    "quorum_minimum",
    "meeting_frequency",
    "reporting",
    "review_due",
    "confidentiality",
    "exempt_paragraph",
)


def _latest(body: Body) -> TermsOfReference | None:
    return TermsOfReference.objects.filter(body=body).order_by("-version").first()


@transaction.atomic
def tor_version_create(
    *,
    actor: Actor,
    body: Body,
    copy_latest: bool = False,
    title: str = UNSET,
    purpose: str = UNSET,
    responsibilities: str = UNSET,
    membership: str = UNSET,
    quorum_rule: str = UNSET,
    quorum_fraction: Decimal | None = UNSET,
    quorum_minimum: int | None = UNSET,
    meeting_frequency: str = UNSET,
    reporting: str = UNSET,
    review_due: dt.date | None = UNSET,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Iterable[Organisation] | None = UNSET,
    reason: str = "",
) -> TermsOfReference:
    """Start the next draft version of a body's terms of reference, optionally from the latest."""
    deny_unless(
        permissions.can_view(actor, body)
        and permissions.can_create_in(actor, body.partnership, body.owner_organisation_id),
        "You may not draft terms of reference for this body.",
    )
    latest = _latest(body)
    next_version = (
        TermsOfReference.objects.filter(body=body).aggregate(v=Max("version"))["v"] or 0
    ) + 1
    tor = TermsOfReference(
        partnership=body.partnership,
        body=body,
        version=next_version,
        status=Status.DRAFT,
        confidentiality=INHERIT,  # unless copied or given: the body's (core/confidentiality.py)
    )
    if copy_latest and latest is not None:
        for name in COPIED_FIELDS:
            setattr(tor, name, getattr(latest, name))
        if not is_set(restricted_to) and latest.confidentiality == "restricted":
            restricted_to = list(latest.restricted_to.all())
    _set_text(tor, locals())  # the keyword arguments named in COPIED_FIELDS
    errors: dict[str, list[str]] = {}
    check_and_save(tor, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return tor


def _set_text(tor: TermsOfReference, given: dict[str, Any]) -> None:
    apply(tor, {name: given[name] for name in COPIED_FIELDS})


@transaction.atomic
def tor_version_update(
    *,
    actor: Actor,
    tor: TermsOfReference,
    title: str = UNSET,
    purpose: str = UNSET,
    responsibilities: str = UNSET,
    membership: str = UNSET,
    quorum_rule: str = UNSET,
    quorum_fraction: Decimal | None = UNSET,
    quorum_minimum: int | None = UNSET,
    meeting_frequency: str = UNSET,
    reporting: str = UNSET,
    review_due: dt.date | None = UNSET,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Iterable[Organisation] | None = UNSET,
    reason: str = "",
) -> TermsOfReference:
    """Edit a draft version; approved and superseded versions are fixed (draft a new one)."""
    deny_unless(permissions.can_edit(actor, tor), "You may not change these terms of reference.")
    errors: dict[str, list[str]] = {}
    if tor.status != Status.DRAFT:
        add_error(errors, "status", "Only a draft can be changed; start a new version instead.")
    _set_text(tor, locals())  # the keyword arguments named in COPIED_FIELDS
    check_and_save(tor, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return tor


@transaction.atomic
def tor_version_approve(
    *,
    actor: Actor,
    tor: TermsOfReference,
    approved_on: dt.date,
    approved_by: Body,
    reason: str = "",
) -> TermsOfReference:
    """Approve a draft (by the named body, on a date); the version it replaces is superseded.

    Approval is the partnership's decision, recorded by a programme officer; drafting is open to
    the body's editors.
    """
    deny_unless(
        permissions.can_edit(actor, tor)
        and tor_permissions.can_approve_terms_of_reference(actor, tor),
        "Only a programme officer records the approval of terms of reference.",
    )
    errors: dict[str, list[str]] = {}
    if tor.status != Status.DRAFT:
        add_error(errors, "status", f"Version {tor.version} is not a draft.")
    if approved_by.partnership_id != tor.partnership_id:
        add_error(errors, "approved_by", "Choose a body of this partnership.")
    tor.status, tor.approved_on, tor.approved_by = Status.APPROVED, approved_on, approved_by
    validate(tor, errors)
    previous = TermsOfReference.objects.filter(body_id=tor.body_id, status=Status.APPROVED)
    for old in previous.exclude(pk=tor.pk):
        old.status = Status.SUPERSEDED
        audited_save(old, actor=actor, reason=f"Superseded by version {tor.version}")
    audited_save(tor, actor=actor, reason=reason)
    return tor
