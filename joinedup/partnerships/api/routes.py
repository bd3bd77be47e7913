"""REST operations for partners, bodies, seats, reporting lines and terms of reference.

Every path starts with a partnership the caller must belong to (else 404). Reads go through
`joinedup.partnerships.selectors`, which return only what the caller may see; writes go through
`joinedup.partnerships.services`, which check the caller's rights (403) and the record's rules
(422) and write the audit history.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from joinedup.accounts.lookups import person_or_error
from joinedup.api.errors import field_error
from joinedup.api.lookups import changes_from, partnership_or_404
from joinedup.api.pagination import PageNumber
from joinedup.api.schemas import READ_ERRORS, WRITE_ERRORS
from joinedup.core.models import Partnership
from joinedup.core.permissions import partnerships_for
from joinedup.partnerships import lookups, selectors, services
from joinedup.partnerships.api.schemas import (
    ApproveIn,
    BodyIn,
    BodyOut,
    BodyPatch,
    MembershipIn,
    MembershipOut,
    MembershipPatch,
    PartnerIn,
    PartnerOut,
    PartnerPatch,
    PartnershipOut,
    ReportingLineIn,
    ReportingLineOut,
    TermsOfReferenceIn,
    TermsOfReferenceOut,
    TermsOfReferencePatch,
)
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)

router = Router(tags=["partnerships"])


# ---------------------------------------------------------------- helpers


def _governed_args(
    request: HttpRequest, partnership: Partnership, data: dict[str, Any]
) -> dict[str, Any]:
    """Payload fields → service kwargs: slugs of partner organisations become organisations."""
    if "restricted_to" in data:
        data["restricted_to"] = lookups.organisations_or_error(
            partnership, data["restricted_to"], field="restricted_to", user=request.auth
        )
    return data


def _organisation(
    request: HttpRequest, partnership: Partnership, slug: str | None, field: str
) -> Any:
    """A partner organisation of the partnership named in a payload (None stays None)."""
    return lookups.organisation_or_error(partnership, slug, field=field, user=request.auth)


def _body_or_404(request: HttpRequest, slug: str, body_slug: str) -> Body:
    partnership = partnership_or_404(request, slug)
    return selectors.body_get(user=request.auth, partnership=partnership, slug=body_slug)


def _seat(request: HttpRequest, body: Body, seat_id: int | None, *, field: str) -> Any:
    """A seat on this body the caller may see (None stays None)."""
    return lookups.seat_or_error(
        body.partnership, seat_id, field=field, body=body, user=request.auth
    )


def _visible_body(request: HttpRequest, partnership: Partnership, slug: str, field: str) -> Body:
    return lookups.body_or_error(partnership, slug, field=field, user=request.auth)


# ---------------------------------------------------------------- partnerships


@router.get("/partnerships", response={200: list[PartnershipOut], **READ_ERRORS})
@paginate(PageNumber)
def partnership_list(request: HttpRequest) -> Any:
    """The partnerships the caller has a current role in."""
    return partnerships_for(request.auth)


@router.get("/partnerships/{slug}", response={200: PartnershipOut, **READ_ERRORS})
def partnership_detail(request: HttpRequest, slug: str) -> Partnership:
    return partnership_or_404(request, slug)


# ---------------------------------------------------------------- partners


@router.get("/partnerships/{slug}/partners", response={200: list[PartnerOut], **READ_ERRORS})
@paginate(PageNumber)
def partner_list(request: HttpRequest, slug: str) -> QuerySet[Partner]:
    partnership = partnership_or_404(request, slug)
    return selectors.partner_list(user=request.auth, partnership=partnership)


@router.post("/partnerships/{slug}/partners", response={201: PartnerOut, **WRITE_ERRORS})
def partner_create(request: HttpRequest, slug: str, payload: PartnerIn) -> tuple[int, Partner]:
    partnership = partnership_or_404(request, slug)
    data = payload.model_dump()
    # The joining organisation is not a partner yet: any organisation of the instance may join,
    # and its own record may be restricted to it.
    joining = lookups.organisation_to_admit(data["organisation"], field="organisation")
    data["organisation"] = joining
    named = data["restricted_to"]
    if named is not None:
        others = [s for s in named if s != joining.slug]
        data["restricted_to"] = [joining] * (len(others) < len(named)) + (
            lookups.organisations_or_error(
                partnership, others, field="restricted_to", user=request.auth
            )
            or []
        )
    return 201, services.partner_create(actor=request.auth, partnership=partnership, **data)


@router.get(
    "/partnerships/{slug}/partners/{int:partner_id}", response={200: PartnerOut, **READ_ERRORS}
)
def partner_detail(request: HttpRequest, slug: str, partner_id: int) -> Partner:
    partnership = partnership_or_404(request, slug)
    return selectors.partner_get(user=request.auth, partnership=partnership, pk=partner_id)


@router.patch(
    "/partnerships/{slug}/partners/{int:partner_id}", response={200: PartnerOut, **WRITE_ERRORS}
)
def partner_update(
    request: HttpRequest, slug: str, partner_id: int, payload: PartnerPatch
) -> Partner:
    partner = partner_detail(request, slug, partner_id)
    data = _governed_args(request, partner.partnership, changes_from(payload))
    return services.partner_update(actor=request.auth, partner=partner, **data)


# ---------------------------------------------------------------- bodies


@router.get("/partnerships/{slug}/bodies", response={200: list[BodyOut], **READ_ERRORS})
@paginate(PageNumber)
def body_list(request: HttpRequest, slug: str) -> QuerySet[Body]:
    partnership = partnership_or_404(request, slug)
    return selectors.body_list(user=request.auth, partnership=partnership).prefetch_related(
        "restricted_to"
    )


@router.post("/partnerships/{slug}/bodies", response={201: BodyOut, **WRITE_ERRORS})
def body_create(request: HttpRequest, slug: str, payload: BodyIn) -> tuple[int, Body]:
    partnership = partnership_or_404(request, slug)
    data = _governed_args(request, partnership, payload.model_dump())
    data["owner_organisation"] = _organisation(
        request, partnership, data["owner_organisation"], "owner_organisation"
    )
    return 201, services.body_create(actor=request.auth, partnership=partnership, **data)


@router.get("/partnerships/{slug}/bodies/{body_slug}", response={200: BodyOut, **READ_ERRORS})
def body_detail(request: HttpRequest, slug: str, body_slug: str) -> Body:
    return _body_or_404(request, slug, body_slug)


@router.patch("/partnerships/{slug}/bodies/{body_slug}", response={200: BodyOut, **WRITE_ERRORS})
def body_update(request: HttpRequest, slug: str, body_slug: str, payload: BodyPatch) -> Body:
    body = _body_or_404(request, slug, body_slug)
    data = _governed_args(request, body.partnership, changes_from(payload))
    if data.get("owner_organisation") is not None:
        data["owner_organisation"] = _organisation(
            request, body.partnership, data["owner_organisation"], "owner_organisation"
        )
    return services.body_update(actor=request.auth, body=body, **data)


# ---------------------------------------------------------------- seats on a body

MEMBERS = "/partnerships/{slug}/bodies/{body_slug}/members"


@router.get(MEMBERS, response={200: list[MembershipOut], **READ_ERRORS})
@paginate(PageNumber)
def membership_list(request: HttpRequest, slug: str, body_slug: str) -> QuerySet[BodyMembership]:
    body = _body_or_404(request, slug, body_slug)
    return selectors.body_memberships(user=request.auth, body=body).prefetch_related(
        "restricted_to"
    )


@router.post(MEMBERS, response={201: MembershipOut, **WRITE_ERRORS})
def membership_create(
    request: HttpRequest, slug: str, body_slug: str, payload: MembershipIn
) -> tuple[int, BodyMembership]:
    body = _body_or_404(request, slug, body_slug)
    data = _governed_args(request, body.partnership, payload.model_dump())
    data["person"] = person_or_error(body.partnership, data["person"], field="person")
    data["deputy_for"] = _seat(request, body, data["deputy_for"], field="deputy_for")
    data["representing"] = _organisation(
        request, body.partnership, data["representing"], "representing"
    )
    membership = services.body_membership_create(actor=request.auth, body=body, **data)
    return 201, membership


@router.get(MEMBERS + "/{int:membership_id}", response={200: MembershipOut, **READ_ERRORS})
def membership_detail(
    request: HttpRequest, slug: str, body_slug: str, membership_id: int
) -> BodyMembership:
    body = _body_or_404(request, slug, body_slug)
    return selectors.membership_get(user=request.auth, body=body, pk=membership_id)


@router.patch(MEMBERS + "/{int:membership_id}", response={200: MembershipOut, **WRITE_ERRORS})
def membership_update(
    request: HttpRequest,
    slug: str,
    body_slug: str,
    membership_id: int,
    payload: MembershipPatch,
) -> BodyMembership:
    membership = membership_detail(request, slug, body_slug, membership_id)
    partnership = membership.partnership
    data = _governed_args(request, partnership, changes_from(payload))
    if "deputy_for" in data:
        data["deputy_for"] = _seat(request, membership.body, data["deputy_for"], field="deputy_for")
    if "representing" in data:
        if data["representing"] is None:
            raise field_error("representing", "Say which organisation this person represents.")
        data["representing"] = _organisation(
            request, partnership, data["representing"], "representing"
        )
    return services.body_membership_update(actor=request.auth, membership=membership, **data)


# ---------------------------------------------------------------- reporting lines


@router.get(
    "/partnerships/{slug}/reporting-lines",
    response={200: list[ReportingLineOut], **READ_ERRORS},
    summary="Every reporting line the caller can see: the governance structure as a graph",
)
@paginate(PageNumber)
def reporting_line_graph(request: HttpRequest, slug: str) -> QuerySet[ReportingLine]:
    partnership = partnership_or_404(request, slug)
    lines = selectors.reporting_lines(user=request.auth, partnership=partnership)
    return lines.prefetch_related("restricted_to")


LINES = "/partnerships/{slug}/bodies/{body_slug}/reporting-lines"


@router.get(LINES, response={200: list[ReportingLineOut], **READ_ERRORS})
@paginate(PageNumber)
def reporting_line_list(request: HttpRequest, slug: str, body_slug: str) -> QuerySet[ReportingLine]:
    """The lines up from and down to this body."""
    body = _body_or_404(request, slug, body_slug)
    lines = selectors.reporting_lines(user=request.auth, partnership=body.partnership)
    return lines.filter(Q(child=body) | Q(parent=body)).prefetch_related("restricted_to")


@router.post(LINES, response={201: ReportingLineOut, **WRITE_ERRORS})
def reporting_line_create(
    request: HttpRequest, slug: str, body_slug: str, payload: ReportingLineIn
) -> tuple[int, ReportingLine]:
    """This body (the child) reports to `parent`."""
    body = _body_or_404(request, slug, body_slug)
    data = _governed_args(request, body.partnership, payload.model_dump())
    data["parent"] = _visible_body(request, body.partnership, data["parent"], "parent")
    return 201, services.reporting_line_create(actor=request.auth, child=body, **data)


# ---------------------------------------------------------------- terms of reference

TOR = "/partnerships/{slug}/bodies/{body_slug}/terms-of-reference"


@router.get(TOR, response={200: list[TermsOfReferenceOut], **READ_ERRORS})
@paginate(PageNumber)
def tor_list(request: HttpRequest, slug: str, body_slug: str) -> QuerySet[TermsOfReference]:
    """Every version the caller can see, newest first."""
    body = _body_or_404(request, slug, body_slug)
    return selectors.tor_versions(user=request.auth, body=body).prefetch_related("restricted_to")


@router.post(TOR, response={201: TermsOfReferenceOut, **WRITE_ERRORS})
def tor_create(
    request: HttpRequest, slug: str, body_slug: str, payload: TermsOfReferenceIn
) -> tuple[int, TermsOfReference]:
    """Start the next draft version."""
    body = _body_or_404(request, slug, body_slug)
    data = _governed_args(request, body.partnership, changes_from(payload))
    return 201, services.tor_version_create(actor=request.auth, body=body, **data)


@router.get(TOR + "/{int:version}", response={200: TermsOfReferenceOut, **READ_ERRORS})
def tor_detail(request: HttpRequest, slug: str, body_slug: str, version: int) -> TermsOfReference:
    body = _body_or_404(request, slug, body_slug)
    return selectors.tor_get(user=request.auth, body=body, version=version)


@router.patch(TOR + "/{int:version}", response={200: TermsOfReferenceOut, **WRITE_ERRORS})
def tor_update(
    request: HttpRequest, slug: str, body_slug: str, version: int, payload: TermsOfReferencePatch
) -> TermsOfReference:
    """Change a draft version (approved and superseded versions are fixed)."""
    tor = tor_detail(request, slug, body_slug, version)
    data = _governed_args(request, tor.partnership, changes_from(payload))
    return services.tor_version_update(actor=request.auth, tor=tor, **data)


@router.post(TOR + "/{int:version}/approve", response={200: TermsOfReferenceOut, **WRITE_ERRORS})
def tor_approve(
    request: HttpRequest, slug: str, body_slug: str, version: int, payload: ApproveIn
) -> TermsOfReference:
    """Record that `approved_by` approved this draft on `approved_on`; the old one is superseded."""
    tor = tor_detail(request, slug, body_slug, version)
    approver = _visible_body(request, tor.partnership, payload.approved_by, "approved_by")
    return services.tor_version_approve(
        actor=request.auth,
        tor=tor,
        approved_on=payload.approved_on,
        approved_by=approver,
        reason=payload.reason,
    )
