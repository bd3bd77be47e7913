"""Partners, bodies, seats, reporting lines and terms of reference (joinedup/partnerships)."""

from __future__ import annotations

from typing import Any

from joinedup.accounts.tests.factories import OrganisationFactory, UserFactory
from joinedup.partnerships.tests.factories import (
    BodyFactory,
    BodyMembershipFactory,
    PartnerFactory,
    ReportingLineFactory,
    TermsOfReferenceFactory,
)
from tests.isolation.providers import (
    Entity,
    Provider,
    by_slug,
    finish,
    governed_kwargs,
    is_numeric,
    restrict,
)


def _partner(obj: Any, param: Any) -> str:
    return str(obj.pk) if is_numeric(param) else str(obj.organisation.slug)


def _tor(obj: Any, param: Any) -> str:
    """A terms-of-reference version: its number where the parameter says so, else its pk."""
    return str(obj.version) if "version" in param.name else str(obj.pk)


def _tor_version(obj: Any, param: Any) -> str:
    return str(obj.version)


ENTITIES = (
    Entity(
        "body",
        model="partnerships.Body",
        params=("body", "body_slug", "body_pk", "body_id"),
        segments=("bodies", "body"),
        page_model="partnerships.body",
        api_model="body",
        render=by_slug,
        # Bodies a write names: a meeting's or notice's body, a reporting line's parent, the body
        # that approved terms of reference, a plan's, a register's, an action's.
        body_fields=(
            "body",
            "parent",
            "approved_by",
            "governing_body",
            "owning_body",
            "reports_to",
            "responsible_body",
        ),
        text_key="slug",
    ),
    Entity(
        "partner",
        model="partnerships.Partner",
        params=("partner", "partner_id", "partner_pk"),
        segments=("partners",),
        # The partner row belongs to its own (marker) organisation, not the NHS trust.
        nhs_owned=False,
        page_model="partnerships.partner",
        api_model="partner",
        render=_partner,
    ),
    Entity(
        "membership",
        model="partnerships.BodyMembership",
        params=(
            "membership",
            "membership_id",
            "membership_pk",
            "member",
            "member_id",
            "member_pk",
            "seat",
            "seat_id",
            "seat_pk",
        ),
        segments=("members", "memberships", "seats"),
        body_fields=("deputy_for", "substitute_for"),
        page_model="partnerships.bodymembership",
        api_model="body-membership",
        # A seat has no text of its own: it is checked through the body pages it is shown on.
        marked=False,
    ),
    Entity(
        "line",
        model="partnerships.ReportingLine",
        params=(
            "line",
            "line_id",
            "line_pk",
            "reporting_line",
            "reporting_line_id",
            "reporting_line_pk",
        ),
        segments=("reporting-lines", "lines"),
        page_model="partnerships.reportingline",
        api_model="reporting-line",
    ),
    Entity(
        "tor",
        model="partnerships.TermsOfReference",
        params=("version", "tor", "tor_id", "tor_pk", "tor_version", "terms_id", "terms_pk"),
        segments=("terms-of-reference", "tor", "versions"),
        page_model="partnerships.termsofreference",
        api_model="terms-of-reference",
        render=_tor,
    ),
    # The two sides of a comparison of versions (both versions of the same body).
    Entity(
        "tor_a",
        params=("a", "v1", "from_version", "left", "old", "version_a", "base"),
        render=_tor_version,
    ),
    Entity(
        "tor_b",
        params=("b", "v2", "to_version", "right", "new", "version_b", "other"),
        render=_tor_version,
    ),
)


def make(
    world: Any, partnership: Any, level: str, owner: Any, restricted_to: list[Any], marker: str
) -> dict[str, Any]:
    tag = marker.lower()
    common = governed_kwargs(level)
    body = BodyFactory(
        partnership=partnership,
        slug=f"{tag}-body",
        name=f"{marker} body",
        owner_organisation=owner,
        purpose=f"{marker} purpose",
        **common,
    )
    parent = BodyFactory(
        partnership=partnership,
        slug=f"{tag}-parent",
        name=f"{marker} parent body",
        owner_organisation=owner,
        **common,
    )
    tor1 = TermsOfReferenceFactory(
        body=body, version=1, title=f"{marker} terms", purpose="To oversee the work.", **common
    )
    tor2 = TermsOfReferenceFactory(
        body=body,
        version=2,
        title=f"{marker} terms",
        purpose="To oversee and scrutinise the work.",
        **common,
    )
    # People are not governed records (a person picker may list anyone of a partner
    # organisation), so the seat holder's name carries no marker; the seat itself is checked
    # through the body pages it appears on.
    seat_holder = UserFactory(
        username=f"{tag}-seat", role_title=f"Seat holder {tag}", organisation=owner
    )
    membership = BodyMembershipFactory(body=body, person=seat_holder, representing=owner, **common)
    # Organisations are instance-wide reference data (GET /api/v1/organisations lists them all),
    # so only `own`'s partner organisations carry a marker: there, the name on a page says
    # "this organisation is a partner at this level".
    org_name = f"{marker} partner organisation" if partnership.slug == "own" else f"Org {tag}"
    org = OrganisationFactory(slug=f"{tag}-org", name=org_name)
    partner = PartnerFactory(
        partnership=partnership, organisation=org, notes=f"{marker} notes", **common
    )
    line = ReportingLineFactory(
        child=body, parent=parent, note=f"{marker} reporting line", **common
    )
    finish([body, parent, tor1, tor2, membership, partner, line], level, restricted_to, marker)
    return {
        "body": body,
        "parent_body": parent,
        "tor": tor1,
        "tor_a": tor1,
        "tor_b": tor2,
        "membership": membership,
        "partner": partner,
        "line": line,
    }


def nest(world: Any, sets: dict[str, Any]) -> None:
    """Restricted and exempt records hanging off the public body (seen only by some)."""
    public_body = sets["public"]["body"]
    for version, level in ((3, "restricted"), (4, "exempt")):
        marker = sets[level].marker
        common = governed_kwargs(level)
        tor = TermsOfReferenceFactory(
            body=public_body, version=version, title=f"{marker} nested terms", **common
        )
        person = UserFactory(
            username=f"qx-{level}-nested-seat",
            role_title=f"Nested seat holder {level}",
            organisation=world.nhs,
        )
        seat = BodyMembershipFactory(
            body=public_body, person=person, representing=world.nhs, **common
        )
        line = ReportingLineFactory(
            child=sets[level]["body"], parent=public_body, note=f"{marker} nested line", **common
        )
        for record in (tor, seat, line):
            restrict(record, level, [world.nhs])


PROVIDER = Provider(
    app="partnerships",
    entities=ENTITIES,
    make=make,
    nest=nest,
    api_lists={
        "partners": "partnerships.Partner",
        "bodies": "partnerships.Body",
        "members": "partnerships.BodyMembership",
        "reporting-lines": "partnerships.ReportingLine",
        "terms-of-reference": "partnerships.TermsOfReference",
    },
)
