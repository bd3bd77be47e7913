"""Who may manage whom: the named predicates of the people pages, the API and the CLI.

An account (username, e-mail, password, and whether it may sign in at all) spans partnerships:
one person may hold roles in several. So the rule is:

- **Credentials and the active flag belong to the person and to superusers.** The person
  changes their own e-mail and password on "Your account" (`/account/`, `PATCH /api/v1/me`),
  giving the current password to change the password (`is_account_holder`). A superuser may
  set them for anyone else (`can_manage_credentials`) and deactivates accounts
  (`can_set_active`).
- **A partnership's officers manage that partnership's roles of the person**: they grant,
  change and end them (`may_manage`, `grantable_roles`). "Deactivate" in a partnership ends the
  person's roles there and nothing else.
- **Exception: a person confined to the officer's partnership** (roles and seats in no other
  partnership, not staff, not a superuser: `is_confined_to`), typically someone just added who
  has never signed in. Their account is in effect the partnership's own, so an officer who may
  manage them may also set up their username, e-mail and password (to invite them or reset a
  forgotten password) and change their role title, names and organisation
  (`can_edit_person_details`). Once the person holds a role or a seat anywhere else, only they
  and superusers change those; an officer can still change their roles here.

Nobody sets their *own* credentials without the current password: a signed-in person's own
changes go through "Your account", never through the people pages.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from joinedup.accounts.models import PartnershipRole
from joinedup.core.models import Partnership
from joinedup.core.permissions import (
    can_administer,
    can_manage_person,
    is_superuser,
    led_organisations,
)

Role = PartnershipRole.Role
PARTNER_LEAD_GRANTABLE = (Role.CONTRIBUTOR, Role.VIEWER, Role.PARTNER_LEAD)


def held_roles(user: Any, partnership: Partnership) -> set[str]:
    """The roles the user holds in the partnership today (read afresh, active or not)."""
    if not getattr(user, "pk", None):
        return set()
    today = timezone.localdate()
    current = (
        PartnershipRole.objects.filter(user_id=user.pk, partnership=partnership)
        .exclude(start_date__gt=today)
        .exclude(end_date__lt=today)
    )
    return set(current.values_list("role", flat=True))


def grantable_roles(actor: Any, partnership: Partnership) -> list[str]:
    """The roles the actor may hand out in this partnership (empty: none)."""
    if can_administer(actor, partnership):
        return list(Role.values)
    if Role.PARTNER_LEAD in held_roles(actor, partnership):
        return [str(r) for r in PARTNER_LEAD_GRANTABLE]
    return []


def grantable_organisation_ids(actor: Any, partnership: Partnership) -> set[int] | None:
    """Organisations the actor may act on (None: any organisation)."""
    if can_administer(actor, partnership):
        return None
    return led_organisations(actor, partnership.pk)


def may_manage(actor: Any, partnership: Partnership, person: Any) -> bool:
    """May the actor manage this person's roles in the partnership (not one holding a role
    the actor cannot grant)?"""
    if not can_manage_person(actor, partnership, person):
        return False
    return held_roles(person, partnership) <= set(grantable_roles(actor, partnership))


def is_account_holder(actor: Any, person: Any) -> bool:
    """Is the actor the signed-in, active person themselves (self-service)?"""
    return bool(
        getattr(actor, "is_authenticated", False)
        and getattr(actor, "is_active", False)
        and getattr(person, "pk", None) is not None
        and actor.pk == person.pk
    )


def is_confined_to(person: Any, partnership: Partnership) -> bool:
    """Is this account the partnership's alone: no role (current, past or future) and no seat
    in any other partnership, and neither staff nor superuser?"""
    if getattr(person, "is_superuser", False) or getattr(person, "is_staff", False):
        return False
    if not getattr(person, "pk", None):
        return True  # being added now: it has nothing anywhere else
    elsewhere_roles = PartnershipRole.objects.filter(user_id=person.pk).exclude(
        partnership=partnership
    )
    elsewhere_seats = person.body_memberships.exclude(partnership=partnership)
    return not elsewhere_roles.exists() and not elsewhere_seats.exists()


def can_manage_credentials(actor: Any, person: Any, partnership: Partnership | None = None) -> bool:
    """May the actor set this person's username, e-mail and password for them?

    Superusers may, for anyone but themselves. An officer may only for a person confined to
    their partnership whom they may manage (see the module docstring). Nobody may for their
    own account: that is self-service with the current password (`is_account_holder`).
    """
    if is_account_holder(actor, person):
        return False
    if is_superuser(actor):
        return True
    if partnership is None:
        return False
    return may_manage(actor, partnership, person) and is_confined_to(person, partnership)


def can_edit_person_details(actor: Any, partnership: Partnership, person: Any) -> bool:
    """May the actor change the person's role title, names and organisation from this
    partnership? They are the account's own, so: superusers, or an officer who may manage a
    person confined to this partnership."""
    if is_superuser(actor):
        return True
    return may_manage(actor, partnership, person) and is_confined_to(person, partnership)


def can_set_active(actor: Any, person: Any) -> bool:
    """May the actor deactivate (or reactivate) the person's whole account? Superusers only,
    and not their own. Officers end roles in their partnership instead."""
    return is_superuser(actor) and not is_account_holder(actor, person)
