"""The people of a partnership, for every id that names a person (joinedup/core/lookups.py).

A person "of" a partnership is one with a current role in it, a seat (not ended) on one of its
bodies, or a post in one of its partner organisations (the people a seat, an action or a risk
may be given to before they ever sign in). Anyone else, however real, is as unknown here as an
id that names nobody: a vote, an attendance, a declaration, an owner, a signature... of an
outsider is refused with the same message as one of nobody, and never names them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from joinedup.accounts.models import PartnershipRole, User
from joinedup.core.lookups import check_in_partnership, scoped_all_or_error, scoped_or_error
from joinedup.core.lookups import scoped_or_none as _scoped_or_none
from joinedup.core.models import Partnership

NOUN = "person"


def _current(prefix: str = "") -> Q:
    today = timezone.localdate()
    started = Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today})
    not_ended = Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    return started & not_ended


def in_partnership_q(partnership: Partnership) -> Q:
    """People of the partnership: a current role, a seat not ended, or a partner's staff."""
    from joinedup.partnerships.models import BodyMembership, Partner

    roles = PartnershipRole.objects.filter(_current(), partnership=partnership)
    today = timezone.localdate()
    seats = BodyMembership.objects.filter(body__partnership=partnership).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    partners = Partner.objects.filter(partnership=partnership)
    return (
        Q(pk__in=roles.values("user_id"))
        | Q(pk__in=seats.values("person_id"))
        | Q(organisation_id__in=partners.values("organisation_id"))
    )


def people_of_partnership(partnership: Partnership) -> QuerySet[User]:
    """Every person of the partnership, by post: what a person picker offers."""
    return User.objects.filter(in_partnership_q(partnership)).order_by("role_title", "username")


def person_in_partnership(partnership: Partnership, pk: Any) -> User | None:
    """The person with this id if they are of the partnership; None for anyone else."""
    return _scoped_or_none(
        User.objects.all(), partnership, within=in_partnership_q(partnership), pk=pk
    )


def person_or_error(partnership: Partnership, pk: Any, *, field: str) -> User | None:
    """As `person_in_partnership`, but nobody found is a ValidationError on `field` (None: none
    was named)."""
    return scoped_or_error(
        User.objects.all(),
        partnership,
        field=field,
        noun=NOUN,
        within=in_partnership_q(partnership),
        pk=pk,
    )


def people_or_error(
    partnership: Partnership, pks: Iterable[Any] | None, *, field: str
) -> list[User] | None:
    """The people named by id, each of the partnership, else a ValidationError on `field`."""
    return scoped_all_or_error(
        User.objects.all(),
        partnership,
        pks,
        field=field,
        noun=NOUN,
        within=in_partnership_q(partnership),
    )


def person_belongs(partnership: Partnership, person: Any) -> bool:
    return person_in_partnership(partnership, getattr(person, "pk", None)) is not None


def check_person(
    partnership: Partnership, person: Any, field: str, errors: dict[str, list[str]]
) -> None:
    """A service's check that a person it was handed is of the partnership (None passes)."""
    if person is not None:
        check_in_partnership(errors, field, NOUN, person_belongs(partnership, person))


def check_people(
    partnership: Partnership, people: Iterable[Any], field: str, errors: dict[str, list[str]]
) -> None:
    for person in people:
        check_person(partnership, person, field, errors)
