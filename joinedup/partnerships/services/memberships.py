"""Writes for seats on bodies: chairs, joint chairs, members, deputies, advisers, observers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from joinedup.accounts.models import Organisation, User
from joinedup.core import permissions
from joinedup.core.actors import Actor
from joinedup.core.confidentiality import INHERIT
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
from joinedup.partnerships import permissions as seat_permissions
from joinedup.partnerships.models import Body, BodyMembership, MembershipType
from joinedup.partnerships.permissions import NON_VOTING_ROLES, default_voting
from joinedup.partnerships.services._governance import TERM_WORDS, check_term_changes

__all__ = [
    "NON_VOTING_ROLES",
    "body_membership_create",
    "body_membership_end",
    "body_membership_update",
    "default_voting",
]

Role = BodyMembership.Role


def _refuse_outsiders(body: Body, **named: Any) -> None:
    """A person, organisation or seat of another partnership is refused as an unknown one,
    before anything names it (joinedup/core/lookups.py)."""
    from joinedup.accounts.lookups import check_person
    from joinedup.core.lookups import refuse
    from joinedup.partnerships.lookups import check_organisation, check_seat

    outside: dict[str, list[str]] = {}
    partnership = body.partnership
    if "person" in named:
        check_person(partnership, named["person"], "person", outside)
    if is_set(named.get("representing")):
        check_organisation(partnership, named["representing"], "representing", outside)
    if is_set(named.get("deputy_for")):
        check_seat(partnership, named["deputy_for"], "deputy_for", outside)
    refuse(outside)


def _seat_errors(membership: BodyMembership) -> dict[str, list[str]]:
    """A body has one chair, or several joint chairs (from any organisations), never both."""
    errors: dict[str, list[str]] = {}
    if membership.role not in (Role.CHAIR, Role.JOINT_CHAIR) or membership.end_date:
        return errors
    today = timezone.localdate()
    others = (
        BodyMembership.objects.filter(body_id=membership.body_id)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(pk=membership.pk)
    )
    if (
        membership.role == Role.CHAIR
        and others.filter(role__in=[Role.CHAIR, Role.JOINT_CHAIR]).exists()
    ):
        add_error(
            errors,
            "role",
            "This body already has a chair. Record two or more chairs as joint chairs.",
        )
    if membership.role == Role.JOINT_CHAIR and others.filter(role=Role.CHAIR).exists():
        add_error(errors, "role", "This body has a sole chair; make them a joint chair first.")
    return errors


def _deputy_errors(membership: BodyMembership) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if membership.role != Role.DEPUTY and membership.deputy_for_id:
        add_error(errors, "deputy_for", "Only a deputy stands in for another member.")
    if membership.deputy_for_id and membership.deputy_for_id == membership.pk:
        add_error(errors, "deputy_for", "A member cannot deputise for themselves.")
    return errors


@transaction.atomic
def body_membership_create(
    *,
    actor: Actor,
    body: Body,
    person: User,
    representing: Organisation | None = None,
    role: str = Role.MEMBER,
    deputy_for: BodyMembership | None = None,
    membership_type: str = MembershipType.FULL,
    voting: bool | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    confidentiality: str | None = None,
    exempt_paragraph: int | None = None,
    restricted_to: Iterable[Organisation] | None = None,
    reason: str = "",
) -> BodyMembership:
    """Give a person a seat on a body, representing an organisation (default: their own).

    A partner lead seats their own organisation's people; a chair, voting rights other than
    the role's usual ones or a membership type other than full are the partnership's decision.
    """
    _refuse_outsiders(body, person=person, representing=representing, deputy_for=deputy_for)
    representing = representing or person.organisation
    deny_unless(
        permissions.can_view(actor, body)
        and permissions.can_create_in(
            actor, body.partnership, representing.pk if representing else None
        ),
        "You may not add members for this organisation.",
    )
    errors: dict[str, list[str]] = {}
    chosen = seat_permissions.new_seat_terms(
        role=role, voting=voting, membership_type=membership_type
    )
    if chosen:
        words = " and ".join(TERM_WORDS[name] for name in chosen)
        deny_unless(
            seat_permissions.can_change_governance_terms(actor, body),
            f"Only a programme officer may set {words}: the partnership decides them.",
        )
    membership = BodyMembership(
        partnership=body.partnership,
        body=body,
        person=person,
        representing=representing,
        role=role,
        deputy_for=deputy_for,
        membership_type=membership_type,
        voting=default_voting(role) if voting is None else voting,
        start_date=start_date,
        end_date=end_date,
        confidentiality=confidentiality or INHERIT,
        exempt_paragraph=exempt_paragraph,
    )
    errors |= _seat_errors(membership) | _deputy_errors(membership)
    if representing is None:
        add_error(errors, "representing", "Say which organisation this person represents.")
    check_and_save(
        membership, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason
    )
    return membership


@transaction.atomic
def body_membership_update(
    *,
    actor: Actor,
    membership: BodyMembership,
    representing: Organisation = UNSET,
    role: str = UNSET,
    deputy_for: BodyMembership | None = UNSET,
    membership_type: str = UNSET,
    voting: bool = UNSET,
    start_date: dt.date | None = UNSET,
    end_date: dt.date | None = UNSET,
    confidentiality: str = UNSET,
    exempt_paragraph: int | None = UNSET,
    restricted_to: Iterable[Organisation] | None = UNSET,
    reason: str = "",
) -> BodyMembership:
    """Change a seat: role, whom it represents, voting rights, dates or confidentiality."""
    _refuse_outsiders(membership.body, representing=representing, deputy_for=deputy_for)
    deny_unless(permissions.can_edit(actor, membership), "You may not change this membership.")
    if is_set(representing) and representing.pk != membership.representing_id:
        deny_unless(
            permissions.can_create_in(actor, membership.partnership, representing.pk),
            "You may not move this seat to that organisation.",
        )
    if is_set(role) and not is_set(voting) and role != membership.role:
        voting = default_voting(role)
    terms = {"role": role, "voting": voting, "membership_type": membership_type}
    errors: dict[str, list[str]] = {}
    check_term_changes(
        actor=actor,
        record=membership,
        changed=seat_permissions.seat_term_changes(
            membership, {name: value for name, value in terms.items() if is_set(value)}
        ),
        reason=reason,
        errors=errors,
    )
    apply(
        membership,
        {
            "representing": representing,
            "role": role,
            "deputy_for": deputy_for,
            "membership_type": membership_type,
            "voting": voting,
            "start_date": start_date,
            "end_date": end_date,
            "confidentiality": confidentiality,
            "exempt_paragraph": exempt_paragraph,
        },
    )
    errors |= _seat_errors(membership) | _deputy_errors(membership)
    check_and_save(
        membership, errors=errors, restricted_to=restricted_to, actor=actor, reason=reason
    )
    return membership


@transaction.atomic
def body_membership_end(
    *, actor: Actor, membership: BodyMembership, end_date: dt.date, reason: str = ""
) -> BodyMembership:
    """Record the date a person left a body; past seats stay in the record."""
    deny_unless(permissions.can_edit(actor, membership), "You may not change this membership.")
    membership.end_date = end_date
    validate(membership)
    save_governed(membership, orgs=None, actor=actor, reason=reason)
    return membership
