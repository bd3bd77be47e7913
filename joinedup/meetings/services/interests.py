"""Writes for registers of interests, gifts, dispensations, declarations and recorded votes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from joinedup.accounts.lookups import check_person
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.lookups import refuse
from joinedup.core.models import Partnership
from joinedup.meetings import interests
from joinedup.meetings.models import (
    AgendaItem,
    Declaration,
    Dispensation,
    GiftHospitality,
    RegisterEntry,
)
from joinedup.meetings.permissions import can_keep_register
from joinedup.meetings.selectors.interests import dispensation_valid
from joinedup.meetings.services._common import (
    UNSET,
    add_error,
    check_and_save,
    deny_unless,
    save_child,
)


def _refuse_outsiders(
    partnership: Partnership, *, person: Any, organisation: Any = None, **records: Any
) -> None:
    """A person, organisation or register record of another partnership is refused as an
    unknown one would be, before anything names it (joinedup/core/lookups.py)."""
    from joinedup.meetings.lookups import DISPENSATION, INTEREST, check_record
    from joinedup.partnerships.lookups import check_organisation

    outside: dict[str, list[str]] = {}
    check_person(partnership, person, "person", outside)
    check_organisation(partnership, organisation, "organisation", outside)
    nouns = {"interest": INTEREST, "register_entry": INTEREST, "dispensation": DISPENSATION}
    for field, record in records.items():
        check_record(partnership, record, field, nouns[field], outside)
    refuse(outside)


@transaction.atomic
def register_entry_create(
    *,
    actor: Actor,
    partnership: Partnership,
    person: Any,
    organisation: Any,
    category: str,
    subject: str,
    dpi_kind: str = "",
    details: str = "",
    sensitive: bool = False,
    spouse_partner: bool = False,
    notified_on: dt.date | None = None,
    published_on: dt.date | None = None,
    confidentiality: str = "partnership",
    restricted_to: Any = UNSET,
    reason: str = "",
) -> RegisterEntry:
    """Add an entry to a person's register of interests."""
    _refuse_outsiders(partnership, person=person, organisation=organisation)
    deny_unless(
        can_keep_register(actor, partnership, organisation),
        "You may not keep this organisation's register of interests.",
    )
    entry = RegisterEntry(
        partnership=partnership,
        person=person,
        organisation=organisation,
        category=category,
        subject=subject,
        dpi_kind=dpi_kind,
        details=details,
        sensitive=sensitive,
        spouse_partner=spouse_partner,
        notified_on=notified_on,
        published_on=published_on,
        confidentiality=confidentiality,
    )
    errors: dict[str, list[str]] = {}
    if dpi_kind and category != "dpi":
        add_error(errors, "dpi_kind", "Only a disclosable pecuniary interest has a DPI category.")
    check_and_save(entry, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return entry


@transaction.atomic
def gift_record(
    *,
    actor: Actor,
    partnership: Partnership,
    person: Any,
    organisation: Any,
    received_on: dt.date,
    donor: str,
    description: str,
    estimated_value: Decimal,
    accepted: bool = True,
    reason: str = "",
) -> GiftHospitality:
    """Record a gift or hospitality offered to a member."""
    _refuse_outsiders(partnership, person=person, organisation=organisation)
    deny_unless(
        can_keep_register(actor, partnership, organisation),
        "You may not keep this organisation's register of gifts.",
    )
    gift = GiftHospitality(
        partnership=partnership,
        person=person,
        organisation=organisation,
        received_on=received_on,
        donor=donor,
        description=description,
        estimated_value=estimated_value,
        accepted=accepted,
    )
    errors: dict[str, list[str]] = {}
    if estimated_value is not None and estimated_value < 0:
        add_error(errors, "estimated_value", "The value cannot be negative.")
    check_and_save(gift, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return gift


@transaction.atomic
def dispensation_grant(
    *,
    actor: Actor,
    partnership: Partnership,
    person: Any,
    organisation: Any,
    scope: str,
    granted_on: dt.date,
    valid_from: dt.date,
    valid_to: dt.date,
    interest: RegisterEntry | None = None,
    granted_by: str = "",
    grounds: str = "",
    reason: str = "",
) -> Dispensation:
    """Grant a dispensation for a specified period of up to four years (s.33)."""
    _refuse_outsiders(partnership, person=person, organisation=organisation, interest=interest)
    deny_unless(
        can_keep_register(actor, partnership, organisation),
        "You may not grant dispensations for this organisation.",
    )
    errors: dict[str, list[str]] = {}
    if valid_to < valid_from:
        add_error(errors, "valid_to", "The end date must be on or after the start date.")
    elif valid_to > interests.dispensation_end_limit(valid_from):
        limit = interests.dispensation_end_limit(valid_from)
        add_error(
            errors,
            "valid_to",
            f"A dispensation may last at most four years: end it by {limit:%-d %B %Y}.",
        )
    dispensation = Dispensation(
        partnership=partnership,
        person=person,
        organisation=organisation,
        scope=scope,
        granted_on=granted_on,
        valid_from=valid_from,
        valid_to=valid_to,
        interest=interest,
        granted_by=granted_by,
        grounds=grounds,
    )
    if interest is not None and interest.person_id != getattr(person, "pk", None):
        add_error(errors, "interest", "Choose an interest registered by the same member.")
    if not scope.strip():
        add_error(errors, "scope", "Say what business the dispensation covers.")
    check_and_save(dispensation, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return dispensation


@transaction.atomic
def dispensation_revoke(
    *,
    actor: Actor,
    dispensation: Dispensation,
    revoked_on: dt.date,
    revocation_reason: str,
    reason: str = "",
) -> Dispensation:
    """Revoke a dispensation from a day on: it no longer covers meetings from that day."""
    deny_unless(permissions.can_edit(actor, dispensation), "You may not revoke this dispensation.")
    errors: dict[str, list[str]] = {}
    if dispensation.revoked_on is not None:
        add_error(errors, "revoked_on", "This dispensation has already been revoked.")
    if revoked_on < dispensation.granted_on:
        add_error(errors, "revoked_on", "It cannot be revoked before it was granted.")
    if not revocation_reason.strip():
        add_error(errors, "revocation_reason", "Say why the dispensation is revoked.")
    dispensation.revoked_on, dispensation.revocation_reason = revoked_on, revocation_reason
    check_and_save(dispensation, errors=errors, restricted_to=UNSET, actor=actor, reason=reason)
    return dispensation


@transaction.atomic
def declaration_record(
    *,
    actor: Actor,
    item: AgendaItem,
    person: Any,
    interest_type: str,
    action: str,
    description: str = "",
    register_entry: RegisterEntry | None = None,
    dispensation: Dispensation | None = None,
    reason: str = "",
) -> Declaration:
    """Record an interest declared on an item and what the member did (D3, D7)."""
    _refuse_outsiders(
        item.partnership,
        person=person,
        register_entry=register_entry,
        dispensation=dispensation,
    )
    deny_unless(permissions.can_edit(actor, item), "You may not record declarations here.")
    declaration = Declaration(
        partnership=item.partnership,
        item=item,
        person=person,
        interest_type=interest_type,
        action=action,
        description=description,
        register_entry=register_entry,
        dispensation=dispensation,
    )
    errors: dict[str, list[str]] = {}
    if not interests.action_allowed(interest_type, action):
        add_error(
            errors,
            "action",
            f"A member with a {dict(_labels())[interest_type].lower()} cannot "
            f"{Declaration.Action(action).label.lower()}: they must leave the room or not vote, "
            "unless they hold a dispensation.",
        )
    if action == Declaration.Action.DISPENSATION and dispensation is None:
        add_error(errors, "dispensation", "Name the dispensation the member relies on.")
    elif dispensation is not None and not dispensation_valid(declaration):
        add_error(errors, "dispensation", "The dispensation is not valid on the meeting day.")
    if dispensation is not None and dispensation.person_id != person.pk:
        add_error(errors, "dispensation", "The dispensation was granted to someone else.")
    save_child(declaration, parent=item, errors=errors, actor=actor, reason=reason)
    return declaration


def _labels() -> list[tuple[str, str]]:
    from joinedup.meetings.models.interests import InterestCategory

    return list(InterestCategory.choices)
