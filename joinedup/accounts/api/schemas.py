"""Schemas of the accounts API: the caller, organisations, people and their roles and seats.

No `from __future__ import annotations`: Ninja and pydantic read these annotations at runtime.
"""

import datetime as dt
from typing import Any

from django.db.models import Model
from ninja import Field, Schema

from joinedup.accounts.models import User


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    organisation: str | None

    @staticmethod
    def resolve_organisation(obj: User) -> str | None:
        return obj.organisation.slug if obj.organisation else None


class AccountOut(MeOut):
    email: str


class AccountPatch(Schema):
    """Only what is sent changes. A new password needs the current one."""

    email: str | None = None
    current_password: str | None = None
    new_password: str | None = None


class OrganisationOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    website: str


class RoleOut(Schema):
    role: str
    organisation: str = Field(..., description="Slug of the organisation the person acts for")
    start_date: dt.date | None
    end_date: dt.date | None

    @staticmethod
    def resolve_organisation(obj: Model) -> str:
        return obj.organisation.slug  # type: ignore[attr-defined]


class PersonOut(Schema):
    id: int
    display_name: str
    role_title: str
    first_name: str
    last_name: str
    organisation: str | None = Field(None, description="Slug of the person's organisation")

    @staticmethod
    def resolve_organisation(obj: Model) -> str | None:
        org = obj.organisation  # type: ignore[attr-defined]
        return org.slug if org else None


class SeatOut(Schema):
    id: int
    body: str = Field(..., description="Body slug")
    role: str
    representing: str = Field(..., description="Organisation slug")
    start_date: dt.date | None
    end_date: dt.date | None

    @staticmethod
    def resolve_body(obj: Model) -> str:
        return obj.body.slug  # type: ignore[attr-defined]

    @staticmethod
    def resolve_representing(obj: Model) -> str:
        return obj.representing.slug  # type: ignore[attr-defined]


class PersonDetailOut(PersonOut):
    roles: list[RoleOut] = Field(
        default_factory=list, description="The person's roles in this partnership, past and present"
    )
    seats: list[SeatOut] = Field(
        default_factory=list, description="The person's seats on bodies the caller may see"
    )

    @staticmethod
    def resolve_roles(obj: Model) -> list[Any]:
        return list(getattr(obj, "roles_here", []))

    @staticmethod
    def resolve_seats(obj: Model) -> list[Any]:
        return list(getattr(obj, "seats_here", []))
