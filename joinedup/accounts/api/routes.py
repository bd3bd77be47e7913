"""REST operations for organisations, people and the caller themselves.

People are read here; the one write is the caller's own account (`PATCH /me`): an e-mail
address, and a new password after the current one. Nobody changes another person's sign-in
details through the API (joinedup.accounts.permissions).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY, update_session_auth_hash
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from joinedup.accounts import selectors, services
from joinedup.accounts.api.schemas import (
    AccountOut,
    AccountPatch,
    MeOut,
    OrganisationOut,
    PersonDetailOut,
    PersonOut,
)
from joinedup.accounts.models import Organisation, User
from joinedup.api.lookups import partnership_or_404
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.core.permissions import partnerships_for, scope
from joinedup.partnerships.models import Partner
from joinedup.partnerships.selectors import body_list

router = Router(tags=["people"])


@router.get("/me", response={200: MeOut, **READ_ERRORS}, summary="Who the API thinks you are")
def me(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@router.patch("/me", response={200: AccountOut, **WRITE_ERRORS}, summary="Change your own account")
def me_update(request: HttpRequest, payload: AccountPatch) -> Any:
    """The caller's own e-mail address and password (self-service: no one else's)."""
    person = request.auth  # type: ignore[attr-defined]
    with transaction.atomic():
        if payload.email is not None:
            services.account_email_change(actor=person, person=person, email=payload.email)
        if payload.new_password is not None:
            services.account_password_change(
                actor=person,
                person=person,
                current_password=payload.current_password or "",
                new_password=payload.new_password,
            )
    if payload.new_password is not None and request.session.get(SESSION_KEY) == str(person.pk):
        # Called from the signed-in browser: keep that session (the others end).
        update_session_auth_hash(request, person)
    return person


@router.get("/organisations", response={200: list[OrganisationOut], **READ_ERRORS})
@paginate(PageNumber)
def organisation_list(request: HttpRequest) -> QuerySet[Organisation]:
    """The organisations partnering in the caller's partnerships (as partners they may see)."""
    mine = [p.pk for p in partnerships_for(request.auth)]  # type: ignore[attr-defined]
    partners = scope(Partner.objects.filter(partnership_id__in=mine), request.auth)  # type: ignore[attr-defined]
    return Organisation.objects.filter(pk__in=partners.values("organisation_id"))


@router.get("/partnerships/{slug}/people", response={200: list[PersonOut], **READ_ERRORS})
@paginate(PageNumber)
def person_list(request: HttpRequest, slug: str) -> QuerySet[User]:
    """People with a current role in the partnership, by role title."""
    partnership = partnership_or_404(request, slug)
    return selectors.person_list_for_partnership(user=request.auth, partnership=partnership)


@router.get(
    "/partnerships/{slug}/people/{int:person_id}",
    response={200: PersonDetailOut, **READ_ERRORS},
)
def person_detail(request: HttpRequest, slug: str, person_id: int) -> User:
    """A person who has (or had) a role here, with those roles and the seats the caller may see."""
    partnership = partnership_or_404(request, slug)
    person = selectors.person_in_partnership_or_404(
        user=request.auth, partnership=partnership, pk=person_id
    )
    person.roles_here = selectors.roles_of_person(person=person, partnership=partnership)  # type: ignore[attr-defined]
    seats = selectors.body_memberships_of_person(
        user=request.auth, person=person, partnership=partnership
    )
    # A visible seat on a hidden body would reveal the body: keep seats on visible bodies only.
    bodies = set(body_list(user=request.auth, partnership=partnership).values_list("pk", flat=True))
    person.seats_here = [seat for seat in seats if seat.body_id in bodies]  # type: ignore[attr-defined]
    return person
