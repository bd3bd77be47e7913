"""Writes for partners: an organisation joining, changing its terms, and leaving."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from joinedup.accounts.models import Organisation
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.models import Confidentiality, Partnership
from joinedup.core.services import (
    UNSET,
    add_error,
    apply,
    check_and_save,
    deny_unless,
    is_set,
    save_governed,
    validate,
)
from joinedup.partnerships import permissions as partner_permissions
from joinedup.partnerships.models import MembershipType, Partner
from joinedup.partnerships.services._governance import check_term_changes


@transaction.atomic
def partner_create(
    *,
    actor: Actor,
    partnership: Partnership,
    organisation: Organisation,
    membership_type: str = MembershipType.FULL,
    voting: bool = True,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    commitments: str = "",
    notes: str = "",
    confidentiality: str = Confidentiality.PARTNERSHIP,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    reason: str = "",
) -> Partner:
    """Record that an organisation has joined the partnership (programme officers only)."""
    deny_unless(
        permissions.can_create_in(actor, partnership), "Only a programme officer adds partners."
    )
    partner = Partner(
        partnership=partnership,
        organisation=organisation,
        membership_type=membership_type,
        voting=voting,
        start_date=start_date,
        end_date=end_date,
        commitments=commitments,
        notes=notes,
        confidentiality=confidentiality,
        exempt_paragraph=exempt_paragraph,
    )
    errors: dict[str, list[str]] = {}
    if Partner.objects.filter(partnership=partnership, organisation=organisation).exists():
        add_error(errors, "organisation", f"{organisation} is already a partner.")
    # The joining organisation may itself be named on its own restricted record.
    check_and_save(
        partner,
        errors=errors,
        restricted_to=restricted_to,
        actor=actor,
        reason=reason,
        also_allowed=[organisation.pk],
    )
    return partner


@transaction.atomic
def partner_update(
    *,
    actor: Actor,
    partner: Partner,
    membership_type: str = UNSET,
    voting: bool = UNSET,
    start_date: dt.date | None = UNSET,
    end_date: dt.date | None = UNSET,
    commitments: str = UNSET,
    notes: str = UNSET,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Iterable[Organisation] | None = UNSET,
    reason: str = "",
) -> Partner:
    """Change a partner's details (programme officers, or the partner's own lead for its
    commitments, notes and dates); its membership type and voting rights are the partnership's
    decision, changed by a programme officer with the decision as the reason."""
    deny_unless(permissions.can_edit(actor, partner), "You may not change this partner.")
    terms = {"membership_type": membership_type, "voting": voting}
    given = {name: value for name, value in terms.items() if is_set(value)}
    errors: dict[str, list[str]] = {}
    check_term_changes(
        actor=actor,
        record=partner,
        changed=partner_permissions.partner_term_changes(partner, given),
        reason=reason,
        errors=errors,
    )
    apply(
        partner,
        {
            "membership_type": membership_type,
            "voting": voting,
            "start_date": start_date,
            "end_date": end_date,
            "commitments": commitments,
            "notes": notes,
            "confidentiality": confidentiality,
            "exempt_paragraph": exempt_paragraph,
        },
    )
    check_and_save(partner, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason)
    return partner


@transaction.atomic
def partner_end(*, actor: Actor, partner: Partner, end_date: dt.date, reason: str = "") -> Partner:
    """Record the date an organisation left the partnership; the record itself is kept."""
    deny_unless(permissions.can_edit(actor, partner), "You may not change this partner.")
    partner.end_date = end_date
    validate(partner)
    save_governed(partner, orgs=None, actor=actor, reason=reason)
    return partner
