"""Schemas every app's API shares and that know no app: errors, the 409 of a stale save, the
confidentiality fields of a governed record, and named choices.

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
