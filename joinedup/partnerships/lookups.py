"""Lookups for partner organisations, bodies and seats (joinedup/core/lookups.py).

Organisations are reference data of the whole instance, but a record of a partnership may name
only that partnership's partner organisations (as its owner, lead, whom a seat represents, whose
scheme, who may see it...): any other organisation is as unknown as a slug that names none.
Only admitting a new partner names an organisation from outside (`organisation_to_admit`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from joinedup.accounts.models import Organisation
from joinedup.core.lookups import (
    check_in_partnership,
    scoped_all_or_error,
    scoped_or_error,
    scoped_or_none,
)
from joinedup.core.models import Partnership
from joinedup.core.permissions import scope
from joinedup.partnerships.models import Body, BodyMembership, Partner

ORGANISATION = "partner organisation"
BODY = "body"
SEAT = "seat"


# ---------------------------------------------------------------- partner organisations


def _partners(partnership: Partnership, user: Any = None) -> QuerySet[Partner]:
    partners = Partner.objects.filter(partnership=partnership)
    # With a user: only the partners they may see (a hidden partner is never offered).
    return scope(partners, user) if user is not None else partners


def _partner_q(partnership: Partnership, user: Any = None) -> Q:
    return Q(pk__in=_partners(partnership, user).values("organisation_id"))


def partner_organisations(partnership: Partnership, *, user: Any = None) -> QuerySet[Organisation]:
    """The partnership's partner organisations (given a user, those whose partner record they
    may see), by name: what an organisation picker offers."""
    return Organisation.objects.filter(_partner_q(partnership, user)).order_by("name")


def organisation_in_partnership(
    partnership: Partnership, slug: Any, *, user: Any = None
) -> Organisation | None:
    """The partner organisation with this slug; None for any other organisation."""
    return scoped_or_none(
        Organisation.objects.all(), partnership, within=_partner_q(partnership, user), slug=slug
    )


def organisation_or_error(
    partnership: Partnership, slug: Any, *, field: str, user: Any = None
) -> Organisation | None:
    """As `organisation_in_partnership`; none found is a ValidationError on `field`."""
    return scoped_or_error(
        Organisation.objects.all(),
        partnership,
        field=field,
        noun=ORGANISATION,
        within=_partner_q(partnership, user),
        slug=slug,
    )


def organisations_or_error(
    partnership: Partnership, slugs: Iterable[Any] | None, *, field: str, user: Any = None
) -> list[Organisation] | None:
    """The partner organisations named by slug (None stays None), else a ValidationError."""
    return scoped_all_or_error(
        Organisation.objects.all(),
        partnership,
        slugs,
        field=field,
        noun=ORGANISATION,
        key="slug",
        within=_partner_q(partnership, user),
    )


def organisation_to_admit(slug: Any, *, field: str) -> Organisation:
    """Any organisation of the instance, by slug: only for admitting a new partner (it is not a
    partner yet). Organisations are reference data every member may list."""
    found = Organisation.objects.filter(slug=slug).first() if isinstance(slug, str) else None
    if found is None:
        raise ValidationError({field: "There is no such organisation."})
    return found


def organisation_belongs(partnership: Partnership, organisation: Any) -> bool:
    pk = getattr(organisation, "pk", None)
    return Partner.objects.filter(partnership=partnership, organisation_id=pk).exists()


def check_organisation(
    partnership: Partnership, organisation: Any, field: str, errors: dict[str, list[str]]
) -> None:
    """A service's check that an organisation it was handed is a partner (None passes)."""
    if organisation is not None:
        ok = organisation_belongs(partnership, organisation)
        check_in_partnership(errors, field, ORGANISATION, ok)


# ---------------------------------------------------------------- bodies and seats


def body_in_partnership(partnership: Partnership, slug: Any, *, user: Any = None) -> Body | None:
    """The body of the partnership with this slug (given a user, if they may see it)."""
    return scoped_or_none(Body.objects.all(), partnership, user=user, slug=slug)


def body_or_error(
    partnership: Partnership, slug: Any, *, field: str, user: Any = None
) -> Body | None:
    """As `body_in_partnership`; none found is a ValidationError on `field` (None: none named)."""
    return scoped_or_error(
        Body.objects.all(), partnership, field=field, noun=BODY, user=user, slug=slug
    )


def check_body(
    partnership: Partnership, body: Any, field: str, errors: dict[str, list[str]]
) -> None:
    """A service's check that a body it was handed is of the partnership (None passes)."""
    if body is not None:
        check_in_partnership(errors, field, BODY, body.partnership_id == partnership.pk)


def seat_or_error(
    partnership: Partnership,
    pk: Any,
    *,
    field: str,
    body: Body | None = None,
    user: Any = None,
) -> BodyMembership | None:
    """A seat on a body of the partnership (on `body`, if given); else a ValidationError."""
    seats = (
        BodyMembership.objects.all() if body is None else BodyMembership.objects.filter(body=body)
    )
    return scoped_or_error(seats, partnership, field=field, noun=SEAT, user=user, pk=pk)


def check_seat(
    partnership: Partnership, seat: Any, field: str, errors: dict[str, list[str]]
) -> None:
    if seat is not None:
        check_in_partnership(errors, field, SEAT, seat.partnership_id == partnership.pk)
