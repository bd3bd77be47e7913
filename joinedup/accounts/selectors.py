"""Reads for people: who has a role in a partnership, as the signed-in user may see them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from joinedup.accounts.models import Organisation, PartnershipRole, User
from joinedup.core.models import Partnership
from joinedup.core.permissions import is_member, scope


def _current_q(prefix: str = "") -> Q:
    today = timezone.localdate()
    return (
        Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today})
    ) & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today}))


def roles_in_partnership(partnership: Partnership) -> QuerySet[PartnershipRole]:
    return PartnershipRole.objects.filter(partnership=partnership).select_related("organisation")


def _seats_visible_to(user: Any, partnership: Partnership) -> QuerySet[Any]:
    from joinedup.partnerships.models import BodyMembership

    return scope(BodyMembership.objects.filter(partnership=partnership), user)


def person_list_for_partnership(
    *, user: Any, partnership: Partnership, organisation_id: int | None = None
) -> QuerySet[User]:
    """People with a current role in the partnership or a seat the user can see on one of its
    bodies, by role title, with their current roles."""
    if not is_member(user, partnership):
        return User.objects.none()
    current = roles_in_partnership(partnership).filter(_current_q())
    seated = _seats_visible_to(user, partnership).filter(_current_q())
    people = (
        User.objects.filter(
            Q(pk__in=current.values("user_id")) | Q(pk__in=seated.values("person_id")),
        )
        .select_related("organisation")
        .prefetch_related(Prefetch("partnership_roles", queryset=current, to_attr="current_roles"))
        .order_by("role_title", "last_name", "username")
    )
    if organisation_id:
        people = people.filter(organisation_id=organisation_id)
    return people


def organisations_of_people(*, user: Any, partnership: Partnership) -> QuerySet[Organisation]:
    """Organisations of the people listed for the partnership (for the filter)."""
    people = person_list_for_partnership(user=user, partnership=partnership)
    return Organisation.objects.filter(pk__in=people.values("organisation_id"))


def person_in_partnership_or_404(*, user: Any, partnership: Partnership, pk: int) -> User:
    """A person who has (or had) a role or a visible seat in the partnership, if the user
    belongs to it; else 404."""
    if not is_member(user, partnership):
        raise Http404("Not found")
    in_partnership = Q(pk__in=roles_in_partnership(partnership).values("user_id")) | Q(
        pk__in=_seats_visible_to(user, partnership).values("person_id")
    )
    person = User.objects.filter(in_partnership, pk=pk).select_related("organisation").first()
    if person is None:
        raise Http404("Not found")
    return person


def roles_of_person(*, person: User, partnership: Partnership) -> list[PartnershipRole]:
    """All the person's roles in the partnership, current and ended."""
    return list(roles_in_partnership(partnership).filter(user=person).order_by("role"))


def body_memberships_of_person(*, user: Any, person: User, partnership: Partnership) -> list[Any]:
    """The person's seats on bodies in the partnership that the user may see."""
    seats = _seats_visible_to(user, partnership).filter(person=person)
    return list(seats.select_related("body", "representing"))


def current_roles_qs(user: User, partnership: Partnership) -> Any:
    today = timezone.localdate()
    return (
        PartnershipRole.objects.filter(user=user, partnership=partnership)
        .exclude(start_date__gt=today)
        .exclude(end_date__lt=today)
    )
