"""Writes for people: create, update, grant and end partnership roles, deactivate, and the
signed-in person's own account.

Who may do what is in joinedup.accounts.permissions: a partnership's officers manage that
partnership's roles of a person; credentials (username, e-mail, password) and the active flag
belong to the person (self-service, the current password needed for a new one) and to
superusers, except for a person confined to the officer's partnership. Which roles a manager
may hand out: programme officers any role for any organisation; partner leads only
contributor, viewer and partner lead, and only for their own organisation. Every write is
audited, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from joinedup.accounts.models import ApiToken, Organisation, PartnershipRole, User
from joinedup.accounts.permissions import (
    can_edit_person_details,
    can_manage_credentials,
    can_set_active,
    grantable_organisation_ids,
    grantable_roles,
    is_account_holder,
    may_manage,
)
from joinedup.accounts.selectors import current_roles_qs
from joinedup.core.actors import Actor
from joinedup.core.audit import audited_delete, audited_save, write_entry
from joinedup.core.models import AuditEntry, Partnership
from joinedup.core.permissions import can_manage_person, forget_roles

Role = PartnershipRole.Role
# The account's sign-in details: the person's own (and superusers'), see permissions.py.
CREDENTIAL_FIELDS = ("username", "email")
# Details shown everywhere the person appears: changed from a partnership only when the
# account is confined to it.
DETAIL_FIELDS = ("role_title", "first_name", "last_name", "organisation")
PERSON_FIELDS = ("username", "role_title", "first_name", "last_name", "email", "organisation")
NOT_YOURS = (
    "Only the person themselves or an administrator can change this: they also have a role "
    "outside this partnership."
)


def _check_grant(
    actor: Actor, partnership: Partnership, role: str, organisation: Organisation
) -> None:
    if role not in grantable_roles(actor, partnership):
        raise PermissionDenied("You cannot grant that role.")
    allowed = grantable_organisation_ids(actor, partnership)
    if allowed is not None and organisation.pk not in allowed:
        raise PermissionDenied("You can only grant roles for your own organisation.")


def _check_manage(actor: Actor, partnership: Partnership, person: User) -> None:
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
    actor: Actor,
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
    actor: Actor,
    partnership: Partnership,
    person: User,
    password: str | None = None,
    reason: str = "",
    **fields: Any,
) -> User:
    """Change a person's details (fields from PERSON_FIELDS) and optionally set a password.

    Sign-in details (username, e-mail, password) need `can_manage_credentials`; role title,
    names and organisation `can_edit_person_details`. A field sent with its stored value is
    no change, so a form that shows it back does not need the right to change it.
    """
    _check_manage(actor, partnership, person)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    changed = {name for name, value in fields.items() if getattr(person, name) != value}
    sign_in_changes = bool(changed & set(CREDENTIAL_FIELDS)) or bool(password)
    if sign_in_changes and not can_manage_credentials(actor, person, partnership):
        raise PermissionDenied(NOT_YOURS)
    if changed & set(DETAIL_FIELDS) and not can_edit_person_details(actor, partnership, person):
        raise PermissionDenied(NOT_YOURS)
    for name, value in fields.items():
        setattr(person, name, value)
    # A partner lead may not move a person out of their own organisation.
    if not can_manage_person(actor, partnership, person):
        raise PermissionDenied("You can only manage people of your own organisation.")
    _set_password(person, password)
    audited_save(person, actor=actor, reason=reason)
    if password:
        _record_password_change(person, actor=actor, reason=reason)
    return person


def _record_password_change(person: User, *, actor: Actor, reason: str) -> None:
    # The hash is never in the history (core.audit leaves `password` out): say only that it
    # changed, and who changed it.
    changes = {"password": [None, "changed"]}
    write_entry(
        person, action=AuditEntry.Action.UPDATE, changes=changes, actor=actor, reason=reason
    )


@transaction.atomic
def partnership_role_grant(
    *,
    actor: Actor,
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
    *, actor: Actor, grant: PartnershipRole, reason: str = "", on: dt.date | None = None
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
    *, actor: Actor, partnership: Partnership, person: User, role: str, reason: str = ""
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
def person_deactivate_in_partnership(
    *, actor: Actor, partnership: Partnership, person: User, reason: str
) -> list[PartnershipRole]:
    """End every role the person holds (or is to hold) in this partnership, and nothing else.

    Their account, their sign-in and their roles in other partnerships are untouched: the
    account is the person's own (see joinedup.accounts.permissions). Returns the roles ended.
    """
    _check_manage(actor, partnership, person)
    if is_account_holder(actor, person):
        raise PermissionDenied("You cannot deactivate yourself.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the person is being deactivated."})
    today = timezone.localdate()
    grants = list(
        PartnershipRole.objects.filter(user=person, partnership=partnership)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("partnership", "organisation", "user")
    )
    for grant in grants:
        partnership_role_end(actor=actor, grant=grant, reason=reason)
    return grants


@transaction.atomic
def user_deactivate(*, actor: Actor, user: User, reason: str) -> User:
    """Stop the person signing in anywhere: inactive, API tokens revoked, every session ended.

    The whole account, so only the system (actor None: the command line) or a superuser
    (`can_set_active`); a partnership's officers use `person_deactivate_in_partnership`.
    """
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise PermissionDenied("You cannot deactivate yourself.")
    if actor is not None and not can_set_active(actor, user):
        raise PermissionDenied("Only an administrator can deactivate an account.")
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


# ---------------------------------------------------------------- the person's own account


def _check_own(actor: Actor, person: User) -> None:
    if not is_account_holder(actor, person):
        raise PermissionDenied("You can only change your own account here.")


@transaction.atomic
def account_email_change(*, actor: Actor, person: User, email: str) -> User:
    """The signed-in person changes their own e-mail address."""
    _check_own(actor, person)
    person.email = email.strip()
    return audited_save(person, actor=actor, reason="Changed by the person on Your account")


@transaction.atomic
def account_password_change(
    *, actor: Actor, person: User, current_password: str, new_password: str
) -> User:
    """The signed-in person changes their own password, giving the current one first."""
    _check_own(actor, person)
    if not current_password or not person.check_password(current_password):
        raise ValidationError({"current_password": "Your current password is not right."})
    if not new_password:
        raise ValidationError({"new_password": "Enter a new password."})
    try:
        validate_password(new_password, person)
    except ValidationError as error:
        raise ValidationError({"new_password": error.messages}) from error
    person.set_password(new_password)
    person.save(update_fields=["password"])
    _record_password_change(person, actor=actor, reason="Changed by the person on Your account")
    return person
