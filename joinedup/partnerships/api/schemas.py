"""Schemas of the partnerships API: partnerships, partners, bodies, seats, reporting lines, terms
of reference.

No `from __future__ import annotations`: Ninja and pydantic read these annotations at runtime.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Model
from ninja import Field, Schema

from joinedup.accounts.api.schemas import OrganisationOut, PersonOut
from joinedup.api.schemas import GovernedIn, GovernedOut, GovernedPatch, api_choices
from joinedup.core.models import Confidentiality, ExemptParagraph
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    MembershipType,
    ReportingLine,
    TermsOfReference,
)

BodyKind = api_choices("BodyKind", Body.Kind)
ReportingLineKind = api_choices("ReportingLineKind", ReportingLine.Kind)
TermsStatus = api_choices("TermsOfReferenceStatus", TermsOfReference.Status)


def _slug_of(related: Model | None) -> str | None:
    return related.slug if related is not None else None  # type: ignore[attr-defined]


class PartnershipOut(Schema):
    slug: str
    name: str
    short_name: str
    description: str
    area: str
    established_on: dt.date | None


class PartnerOut(GovernedOut):
    id: int
    organisation: OrganisationOut
    membership_type: MembershipType
    voting: bool
    start_date: dt.date | None
    end_date: dt.date | None
    commitments: str
    notes: str


class PartnerIn(GovernedIn):
    organisation: str = Field(..., description="Slug of the joining organisation")
    membership_type: MembershipType = MembershipType.FULL
    voting: bool = True
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    commitments: str = ""
    notes: str = ""


class PartnerPatch(GovernedPatch):
    membership_type: MembershipType | None = None
    voting: bool | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    commitments: str | None = None
    notes: str | None = None


class BodyOut(GovernedOut):
    id: int
    slug: str
    name: str
    kind: BodyKind
    owner_organisation: str | None = Field(None, description="Organisation slug; null: ours")
    publication_rule: Body.PublicationRule
    purpose: str
    established_on: dt.date | None
    dissolved_on: dt.date | None

    @staticmethod
    def resolve_owner_organisation(obj: Body) -> str | None:
        return _slug_of(obj.owner_organisation)


class BodyIn(GovernedIn):
    name: str
    kind: BodyKind
    slug: str = Field("", description="Leave empty to derive one from the name")
    owner_organisation: str | None = Field(None, description="Organisation slug; null: ours")
    publication_rule: Body.PublicationRule = Body.PublicationRule.NONE
    purpose: str = ""
    established_on: dt.date | None = None
    dissolved_on: dt.date | None = None


class BodyPatch(GovernedPatch):
    name: str | None = None
    kind: BodyKind | None = None
    slug: str | None = None
    owner_organisation: str | None = None
    publication_rule: Body.PublicationRule | None = None
    purpose: str | None = None
    established_on: dt.date | None = None
    dissolved_on: dt.date | None = None


class MembershipOut(GovernedOut):
    id: int
    body: str = Field(..., description="Body slug")
    person: PersonOut
    representing: str = Field(..., description="Organisation slug")
    role: BodyMembership.Role
    deputy_for: int | None = Field(None, description="Id of the seat this deputy stands in for")
    membership_type: MembershipType
    voting: bool
    start_date: dt.date | None
    end_date: dt.date | None

    @staticmethod
    def resolve_body(obj: BodyMembership) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_representing(obj: BodyMembership) -> str:
        return obj.representing.slug

    @staticmethod
    def resolve_deputy_for(obj: BodyMembership) -> int | None:
        return obj.deputy_for_id


class MembershipIn(GovernedIn):
    person: int = Field(..., description="Id of a person in the partnership (see /people)")
    representing: str | None = Field(None, description="Organisation slug; default: theirs")
    role: BodyMembership.Role = BodyMembership.Role.MEMBER
    deputy_for: int | None = None
    membership_type: MembershipType = MembershipType.FULL
    voting: bool | None = Field(None, description="Default: advisers, observers, secretaries don't")
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class MembershipPatch(GovernedPatch):
    representing: str | None = None
    role: BodyMembership.Role | None = None
    deputy_for: int | None = None
    membership_type: MembershipType | None = None
    voting: bool | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class ReportingLineOut(GovernedOut):
    id: int
    child: str = Field(..., description="Slug of the body that reports")
    parent: str = Field(..., description="Slug of the body it reports to")
    kind: ReportingLineKind
    note: str

    @staticmethod
    def resolve_child(obj: ReportingLine) -> str:
        return obj.child.slug

    @staticmethod
    def resolve_parent(obj: ReportingLine) -> str:
        return obj.parent.slug


class ReportingLineIn(GovernedIn):
    parent: str = Field(..., description="Slug of the body this body reports to")
    kind: ReportingLineKind = ReportingLine.Kind.REPORTS_TO
    note: str = ""


class TermsOfReferenceOut(GovernedOut):
    id: int
    body: str
    version: int
    status: TermsStatus
    title: str
    purpose: str
    responsibilities: str
    membership: str
    quorum_rule: str
    quorum_fraction: Decimal | None
    quorum_minimum: int | None
    meeting_frequency: str
    reporting: str
    approved_on: dt.date | None
    approved_by: str | None = Field(None, description="Slug of the approving body")
    review_due: dt.date | None

    @staticmethod
    def resolve_body(obj: TermsOfReference) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_approved_by(obj: TermsOfReference) -> str | None:
        return _slug_of(obj.approved_by)


class TermsOfReferencePatch(Schema):
    """A change to a draft version: leave a field out to keep its value."""

    title: str | None = None
    purpose: str | None = None
    responsibilities: str | None = None
    membership: str | None = None
    quorum_rule: str | None = None
    quorum_fraction: Decimal | None = Field(None, ge=0, le=1)
    quorum_minimum: int | None = Field(None, ge=0)
    meeting_frequency: str | None = None
    reporting: str | None = None
    review_due: dt.date | None = None
    confidentiality: Confidentiality | None = None
    exempt_paragraph: ExemptParagraph | None = None
    restricted_to: list[str] | None = None
    reason: str = ""


class TermsOfReferenceIn(TermsOfReferencePatch):
    """A new draft version; leave fields out to start blank (or to copy, with copy_latest)."""

    copy_latest: bool = Field(False, description="Start from the latest version's text")


class ApproveIn(Schema):
    approved_on: dt.date
    approved_by: str = Field(..., description="Slug of the body that approved the version")
    reason: str = ""
