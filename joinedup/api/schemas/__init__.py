"""Schemas more than one app's API uses: errors, organisations, people, governed-record fields.

No `from __future__ import annotations` here: Ninja and pydantic read these annotations at
runtime to validate requests and to write the OpenAPI document.
"""

import datetime as dt
from typing import Any

from django.db.models import Model, TextChoices
from ninja import Field, Schema

from joinedup.core.models import Confidentiality, ExemptParagraph


def api_choices(name: str, choices: type[TextChoices]) -> type[TextChoices]:
    """The same choices under a name of their own in the OpenAPI document.

    Model choices are often nested (`Body.Kind`, `Plan.Status`) and share a short name with
    another model's; the document names a component by that short name, so two would clash
    and one would describe both. The copy has the same values, labels and `str()`."""
    return TextChoices(name, [(m.name, (m.value, m.label)) for m in choices])  # type: ignore[return-value]


class ConflictOut(Schema):
    """409: someone saved the record since you read it; nothing was written."""

    detail: str
    current_version: int


class Message(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrors(Schema):
    detail: list[FieldError]


# The responses every operation may give besides its success (documented in OpenAPI).
READ_ERRORS: dict[int, Any] = {401: Message, 404: Message}
WRITE_ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: ValidationErrors}


class OrganisationOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    website: str


class GovernedOut(Schema):
    """What every governed record says about who may see it."""

    confidentiality: Confidentiality
    exempt_paragraph: ExemptParagraph | None = Field(
        None, description="Schedule 12A paragraph (1 to 7) when the record is exempt"
    )
    restricted_to: list[str] = Field(
        default_factory=list,
        description="Slugs of the partner organisations that may see a restricted record",
    )
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_restricted_to(obj: Model) -> list[str]:
        return [org.slug for org in obj.restricted_to.all()]  # type: ignore[attr-defined]


class GovernedIn(Schema):
    """Confidentiality fields of a new governed record."""

    confidentiality: Confidentiality | None = Field(
        None,
        description=(
            "Default: the level of the record it belongs to (a risk its register's, an item its"
            " meeting's...), or partnership for a record that belongs to none. Never wider than"
            " that record's level"
        ),
    )
    exempt_paragraph: ExemptParagraph | None = None
    restricted_to: list[str] | None = Field(
        None, description="Organisation slugs; required when confidentiality is restricted"
    )
    reason: str = Field("", description="Why the change was made (kept in the history)")


class GovernedPatch(Schema):
    """Confidentiality fields of a change: leave a field out to keep its value."""

    confidentiality: Confidentiality | None = None
    exempt_paragraph: ExemptParagraph | None = None
    restricted_to: list[str] | None = None
    reason: str = ""


class PartnershipOut(Schema):
    slug: str
    name: str
    short_name: str
    description: str
    area: str
    established_on: dt.date | None


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


class AuditEntryOut(Schema):
    id: int
    action: str
    at: dt.datetime
    actor: str = Field(..., description="Who made the change, as shown in the history")
    reason: str
    object_repr: str
    changes: dict[str, list[Any]] = Field(..., description="{field: [from, to]}")

    @staticmethod
    def resolve_actor(obj: Model) -> str:
        return obj.actor_repr  # type: ignore[attr-defined]
