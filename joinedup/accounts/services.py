"""Writes for people: create, update, grant and end partnership roles, deactivate.

Who may manage whom comes from joinedup.core.permissions (can_administer, can_manage_person).
The one extra rule kept here is which roles a manager may hand out: programme officers grant
any role for any organisation; partner leads grant only contributor, viewer and partner lead,
and only for their own organisation. Every write is audited, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from joinedup.accounts.models import ApiToken, Organisation, PartnershipRole, User
from joinedup.core.audit import audited_delete, audited_save
from joinedup.core.models import Partnership
from joinedup.core.permissions import (
    can_administer,
    can_manage_person,
    forget_roles,
    is_superuser,
    led_organisations,
)

Role = PartnershipRole.Role
PARTNER_LEAD_GRANTABLE = (Role.CONTRIBUTOR, Role.VIEWER, Role.PARTNER_LEAD)
PERSON_FIELDS = ("username", "role_title", "first_name", "last_name", "email", "organisation")


def grantable_roles(actor: Any, partnership: Partnership) -> list[str]:
    """The roles the actor may hand out in this partnership (empty: none)."""
    if can_administer(actor, partnership):
        return list(Role.values)
    if Role.PARTNER_LEAD in _current_roles(actor, partnership):
        return [str(r) for r in PARTNER_LEAD_GRANTABLE]
    return []


def grantable_organisation_ids(actor: Any, partnership: Partnership) -> set[int] | None:
    """Organisations the actor may act on (None: any organisation)."""
    if can_administer(actor, partnership):
        return None
    return led_organisations(actor, partnership.pk)


def may_manage(actor: Any, partnership: Partnership, person: User) -> bool:
    """Can the actor edit or deactivate this person (not one holding a role they cannot grant)?"""
    if not can_manage_person(actor, partnership, person):
        return False
    held = set(_current_roles(person, partnership))
    return held <= set(grantable_roles(actor, partnership))


def _current_roles(user: Any, partnership: Partnership) -> list[str]:
    if not getattr(user, "pk", None):
        return []
    return list(current_roles_qs(user, partnership).values_list("role", flat=True))


def current_roles_qs(user: User, partnership: Partnership) -> Any:
    today = timezone.localdate()
    return (
        PartnershipRole.objects.filter(user=user, partnership=partnership)
        .exclude(start_date__gt=today)
        .exclude(end_date__lt=today)
    )


def _check_grant(
    actor: Any, partnership: Partnership, role: str, organisation: Organisation
) -> None:
    if role not in grantable_roles(actor, partnership):
        raise PermissionDenied("You cannot grant that role.")
    allowed = grantable_organisation_ids(actor, partnership)
    if allowed is not None and organisation.pk not in allowed:
        raise PermissionDenied("You can only grant roles for your own organisation.")


def _check_manage(actor: Any, partnership: Partnership, person: User) -> None:
    if not may_manage(actor, partnership, person):
        raise PermissionDenied("You cannot manage this person.")


def _set_password(user: User, password: str | None) -> None:
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
    elif not user.has_usable_password() or not user.password:
        user.set_unusable_password()


@transaction.atomic
def person_create(
    *,
    actor: Any,
    partnership: Partnership,
    username: str,
    organisation: Organisation,
    role: str,
    role_title: str = "",
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
    reason: str = "",
) -> User:
    """Add a person to the partnership with one role, acting for their organisation."""
    person = User(
        username=username,
        organisation=organisation,
        role_title=role_title,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    if not can_manage_person(actor, partnership, person):
        raise PermissionDenied("You cannot add people for that organisation.")
    _check_grant(actor, partnership, role, organisation)
    _set_password(person, password)
    audited_save(person, actor=actor, reason=reason)
    grant = PartnershipRole(
        user=person, partnership=partnership, role=role, organisation=organisation
    )
    audited_save(grant, actor=actor, reason=reason)
    return person


@transaction.atomic
def person_update(
    *,
    actor: Any,
    partnership: Partnership,
    person: User,
    password: str | None = None,
    reason: str = "",
    **fields: Any,
) -> User:
    """Change a person's details (fields from PERSON_FIELDS) and optionally set a password."""
    _check_manage(actor, partnership, person)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(person, name, value)
    # A partner lead may not move a person out of their own organisation.
    if not can_manage_person(actor, partnership, person):
        raise PermissionDenied("You can only manage people of your own organisation.")
    _set_password(person, password)
    return audited_save(person, actor=actor, reason=reason)


@transaction.atomic
def partnership_role_grant(
    *,
    actor: Any,
    partnership: Partnership,
    person: User,
    role: str,
    organisation: Organisation | None = None,
    start_date: dt.date | None = None,
    reason: str = "",
) -> PartnershipRole:
    """Give the person a role in the partnership (re-opening an ended one)."""
    organisation = organisation or person.organisation
    if organisation is None:
        raise ValidationError({"organisation": "Choose the organisation the person acts for."})
    if not can_manage_person(actor, partnership, person):
        raise PermissionDenied("You cannot manage this person.")
    _check_grant(actor, partnership, role, organisation)
    grant = PartnershipRole.objects.filter(user=person, partnership=partnership, role=role).first()
    grant = grant or PartnershipRole(user=person, partnership=partnership, role=role)
    grant.organisation = organisation
    grant.start_date = start_date or grant.start_date
    grant.end_date = None
    audited_save(grant, actor=actor, reason=reason)
    forget_roles(person)
    return grant


@transaction.atomic
def partnership_role_end(
    *, actor: Any, grant: PartnershipRole, reason: str = "", on: dt.date | None = None
) -> None:
    """End a role so that it no longer counts from today (a role not yet started is removed)."""
    partnership = grant.partnership
    if not can_manage_person(actor, partnership, grant.user):
        raise PermissionDenied("You cannot manage this person.")
    _check_grant(actor, partnership, grant.role, grant.organisation)
    last_day = on or timezone.localdate() - dt.timedelta(days=1)
    if grant.start_date and grant.start_date > last_day:
        audited_delete(grant, actor=actor, reason=reason)
    else:
        grant.end_date = last_day
        audited_save(grant, actor=actor, reason=reason)
    forget_roles(grant.user)


@transaction.atomic
def partnership_role_set(
    *, actor: Any, partnership: Partnership, person: User, role: str, reason: str = ""
) -> None:
    """Make `role` the person's only current role in the partnership."""
    current = list(current_roles_qs(person, partnership).select_related("organisation"))
    if [g.role for g in current] == [role] and current[0].organisation_id == person.organisation_id:
        return
    partnership_role_grant(
        actor=actor, partnership=partnership, person=person, role=role, reason=reason
    )
    for grant in current:
        if grant.role != role:
            partnership_role_end(actor=actor, grant=grant, reason=reason)


def _end_sessions(user: User) -> int:
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(
    *, actor: Any, user: User, reason: str, partnership: Partnership | None = None
) -> User:
    """Stop the person signing in: inactive, API tokens revoked, every session ended.

    With a partnership, the actor must be allowed to manage the person there; without one,
    only the system (actor None, e.g. the CLI) or a superuser may deactivate.
    """
    if partnership is not None:
        _check_manage(actor, partnership, user)
    elif actor is not None and not is_superuser(actor):
        raise PermissionDenied("Only an administrator can deactivate people.")
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise PermissionDenied("You cannot deactivate yourself.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the person is being deactivated."})
    user.is_active = False
    audited_save(user, actor=actor, reason=reason)
    now = timezone.now()
    for token in ApiToken.objects.filter(user=user, revoked_at__isnull=True):
        token.revoked_at = now
        audited_save(token, actor=actor, reason=reason)
    _end_sessions(user)
    forget_roles(user)
    return user
