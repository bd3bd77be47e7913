"""The permission layer against the written access policy.

The expected outcomes below are written out by hand from the policy in the docstring of
joinedup/core/permissions.py (and docs/adr/0003-access-policy.md); they are deliberately NOT
derived from the code under test, so the test is an independent oracle:

- only people with a current role in a partnership see anything of it;
- `public` and `partnership` records: every member;
- `restricted` records: programme officers, and people acting for an organisation named in
  `restricted_to`;
- `exempt` records: programme officers and board members;
- edit: programme officers edit everything they can see; partner leads edit what their own
  organisation owns; nobody else edits governance records.

Personas (root conftest.py): programme_officer, board_member, contributor and viewer act for the
council; partner_lead acts for the NHS trust; other_partner_viewer for the VCS network; outsider is
the programme officer of the `other` partnership only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PERSONAS, World
from joinedup.accounts.models import PartnershipRole, User
from joinedup.accounts.tests.factories import PartnershipRoleFactory, UserFactory
from joinedup.core.models import Confidentiality
from joinedup.core.permissions import can_edit, can_view, forget_roles, scope
from joinedup.partnerships.models import Body, BodyMembership, Partner, TermsOfReference
from joinedup.partnerships.tests.factories import (
    BodyFactory,
    BodyMembershipFactory,
    ReportingLineFactory,
    TermsOfReferenceFactory,
)

PO, BOARD, LEAD, CONTRIB, VIEWER, VCS_VIEWER, OUTSIDER, ANON = PERSONAS
MEMBERS = {PO, BOARD, LEAD, CONTRIB, VIEWER, VCS_VIEWER}

# A record variant: (confidentiality, organisations named in restricted_to).
VARIANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "public": (Confidentiality.PUBLIC, ()),
    "partnership": (Confidentiality.PARTNERSHIP, ()),
    "restricted-nhs": (Confidentiality.RESTRICTED, ("nhs",)),
    "restricted-vcs": (Confidentiality.RESTRICTED, ("vcs",)),
    "restricted-council": (Confidentiality.RESTRICTED, ("council",)),
    "restricted-council-nhs": (Confidentiality.RESTRICTED, ("council", "nhs")),
    "restricted-nobody": (Confidentiality.RESTRICTED, ()),
    "exempt": (Confidentiality.EXEMPT, ()),
}

# Who may see a record of `own`, by variant. Written from the policy, one line each.
SEES_IN_OWN: dict[str, set[str]] = {
    "public": MEMBERS,
    "partnership": MEMBERS,
    "restricted-nhs": {PO, LEAD},
    "restricted-vcs": {PO, VCS_VIEWER},
    "restricted-council": {PO, BOARD, CONTRIB, VIEWER},
    "restricted-council-nhs": {PO, BOARD, CONTRIB, VIEWER, LEAD},
    "restricted-nobody": {PO},
    "exempt": {PO, BOARD},
}
# Of `other`, only its own programme officer (the outsider) sees anything, and sees everything.
SEES_IN_OTHER: dict[str, set[str]] = {variant: {OUTSIDER} for variant in VARIANTS}

# Who may edit a record of `own`, by the organisation that owns it and the variant.
# Programme officer: everything they can see (everything). Partner lead (NHS): NHS-owned records
# they can see. Everyone else: nothing.
EDITS_IN_OWN: dict[tuple[str | None, str], set[str]] = {}
for _variant in VARIANTS:
    EDITS_IN_OWN[(None, _variant)] = {PO}
    EDITS_IN_OWN[("council", _variant)] = {PO}
    EDITS_IN_OWN[("nhs", _variant)] = {PO}
    EDITS_IN_OWN[("vcs", _variant)] = {PO}
for _variant in ("public", "partnership", "restricted-nhs", "restricted-council-nhs"):
    EDITS_IN_OWN[("nhs", _variant)] = {PO, LEAD}


def _user(world: World, persona: str) -> Any:
    if persona == ANON:
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    # A fresh instance: no cached roles from an earlier check.
    return User.objects.get(pk=world[persona].pk)


def _orgs(world: World, names: tuple[str, ...]) -> list[Any]:
    return [getattr(world, name) for name in names]


def _body(world: World, partnership: Any, variant: str, owner: str | None = None) -> Body:
    level, named = VARIANTS[variant]
    body = BodyFactory(
        partnership=partnership,
        confidentiality=level,
        exempt_paragraph=3 if level == Confidentiality.EXEMPT else None,
        owner_organisation=getattr(world, owner) if owner else None,
    )
    body.restricted_to.set(_orgs(world, named))
    return body


def _in_scope(user: Any, obj: Any) -> bool:
    return scope(type(obj).objects.all(), user).filter(pk=obj.pk).exists()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("where", ["own", "other"])
def test_it_shows_each_level_to_exactly_the_people_the_policy_names(
    world: World, persona: str, variant: str, where: str
) -> None:
    body = _body(world, getattr(world, where), variant)
    expected = persona in (SEES_IN_OWN if where == "own" else SEES_IN_OTHER)[variant]
    user = _user(world, persona)

    assert can_view(user, body) is expected
    assert _in_scope(user, body) is expected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("owner", [None, "council", "nhs", "vcs"])
def test_it_lets_only_the_policy_named_people_edit(
    world: World, persona: str, variant: str, owner: str | None
) -> None:
    body = _body(world, world.own, variant, owner=owner)

    assert can_edit(_user(world, persona), body) is (persona in EDITS_IN_OWN[(owner, variant)])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_it_lets_nobody_from_own_edit_records_of_other(
    world: World, persona: str, variant: str
) -> None:
    body = _body(world, world.other, variant)

    assert can_edit(_user(world, persona), body) is (persona == OUTSIDER)


def _governed_records(world: World, level: str, named: tuple[str, ...]) -> list[Any]:
    """One record of each governed partnerships model, at the given level, in `own`."""
    paragraph = 3 if level == Confidentiality.EXEMPT else None
    common = {"confidentiality": level, "exempt_paragraph": paragraph}
    body = BodyFactory(partnership=world.own, **common)
    records = [
        body,
        Partner.objects.create(
            partnership=world.own, organisation=UserFactory().organisation, **common
        ),
        ReportingLineFactory(child=body, parent=BodyFactory(partnership=world.own), **common),
        BodyMembershipFactory(body=body, **common),
        TermsOfReferenceFactory(body=body, **common),
    ]
    for record in records:
        record.restricted_to.set(_orgs(world, named))
    return records


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_it_scopes_every_governed_model_the_same_way(
    world: World, persona: str, variant: str
) -> None:
    level, named = VARIANTS[variant]
    expected = persona in SEES_IN_OWN[variant]
    user = _user(world, persona)

    for record in _governed_records(world, level, named):
        assert can_view(user, record) is expected, type(record).__name__
        assert _in_scope(user, record) is expected, type(record).__name__


def test_it_gives_an_inactive_user_nothing(world: World) -> None:
    User.objects.filter(pk=world[PO].pk).update(is_active=False)
    user = User.objects.get(pk=world[PO].pk)
    bodies = [_body(world, world.own, variant) for variant in VARIANTS]

    assert not any(can_view(user, body) for body in bodies)
    assert not any(can_edit(user, body) for body in bodies)
    assert not scope(Body.objects.all(), user).exists()


@pytest.mark.parametrize("persona", sorted(MEMBERS))
def test_it_gives_a_role_that_has_ended_nothing(world: World, persona: str) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    PartnershipRole.objects.filter(user=world[persona]).update(
        start_date=yesterday - dt.timedelta(days=30), end_date=yesterday
    )
    user = _user(world, persona)
    bodies = [_body(world, world.own, variant) for variant in VARIANTS]

    assert not any(can_view(user, body) for body in bodies)
    assert not any(can_edit(user, body) for body in bodies)
    assert not scope(Body.objects.all(), user).exists()


def test_it_gives_a_role_that_has_not_started_nothing(world: World) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    PartnershipRole.objects.filter(user=world[PO]).update(start_date=tomorrow)
    body = _body(world, world.own, "public")

    assert not can_view(_user(world, PO), body)


def test_it_still_counts_a_role_on_its_last_day(world: World) -> None:
    PartnershipRole.objects.filter(user=world[VIEWER]).update(end_date=timezone.localdate())
    body = _body(world, world.own, "partnership")

    assert can_view(_user(world, VIEWER), body)


def test_it_takes_away_access_once_the_cached_roles_are_forgotten(world: World) -> None:
    user = _user(world, VIEWER)
    body = _body(world, world.own, "partnership")
    assert can_view(user, body)

    PartnershipRole.objects.filter(user=user).delete()
    forget_roles(user)

    assert not can_view(user, body)


def test_it_does_not_let_a_role_elsewhere_open_own(world: World) -> None:
    # The outsider is a programme officer, but of `other`: that role gives nothing in `own`.
    body = _body(world, world.own, "public", owner="nhs")

    assert not can_view(_user(world, OUTSIDER), body)
    assert not can_edit(_user(world, OUTSIDER), body)


# Property-based: random people with random roles (possibly several, possibly for different
# organisations, possibly in the other partnership) against random records. The oracle is the
# written policy, spelt out again in `_policy_sees` / `_policy_edits`.

ROLES = [choice for choice, _ in PartnershipRole.Role.choices]
ORGS = ["council", "nhs", "vcs"]
LEVELS = [choice for choice, _ in Confidentiality.choices]

role_grants = st.lists(
    st.tuples(st.sampled_from(["own", "other"]), st.sampled_from(ROLES), st.sampled_from(ORGS)),
    max_size=3,
    unique_by=lambda grant: (grant[0], grant[1]),
)


def _policy_sees(grants: list[tuple[str, str, str]], level: str, named: set[str]) -> bool:
    mine = [(role, org) for where, role, org in grants if where == "own"]
    if not mine:
        return False
    roles = {role for role, _ in mine}
    if level in (Confidentiality.PUBLIC, Confidentiality.PARTNERSHIP):
        return True
    if "programme_officer" in roles:
        return True
    if level == Confidentiality.EXEMPT:
        return "board_member" in roles
    return bool({org for _, org in mine} & named)


def _policy_edits(
    grants: list[tuple[str, str, str]], level: str, named: set[str], owner: str | None
) -> bool:
    if not _policy_sees(grants, level, named):
        return False
    mine = [(role, org) for where, role, org in grants if where == "own"]
    if any(role == "programme_officer" for role, _ in mine):
        return True
    # "Partner leads edit the records their own organisation owns": the organisation they are
    # partner lead for, not one they happen to act for in some other role.
    lead_orgs = {org for role, org in mine if role == "partner_lead"}
    return owner is not None and owner in lead_orgs


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    grants=role_grants,
    level=st.sampled_from(LEVELS),
    named=st.sets(st.sampled_from(ORGS)),
    owner=st.one_of(st.none(), st.sampled_from(ORGS)),
)
def test_it_agrees_with_the_policy_for_any_mix_of_roles(
    world: World,
    grants: list[tuple[str, str, str]],
    level: str,
    named: set[str],
    owner: str | None,
) -> None:
    with transaction.atomic():
        person = UserFactory(organisation=world.council)
        for where, role, org in grants:
            PartnershipRoleFactory(
                user=person,
                partnership=getattr(world, where),
                role=role,
                organisation=getattr(world, org),
            )
        body = BodyFactory(
            partnership=world.own,
            confidentiality=level,
            exempt_paragraph=3 if level == Confidentiality.EXEMPT else None,
            owner_organisation=getattr(world, owner) if owner else None,
        )
        body.restricted_to.set(_orgs(world, tuple(sorted(named))))
        user = User.objects.get(pk=person.pk)

        expected_view = _policy_sees(grants, level, named)
        assert can_view(user, body) is expected_view
        assert _in_scope(user, body) is expected_view
        assert can_edit(user, body) is _policy_edits(grants, level, named, owner)
        transaction.set_rollback(True)


def test_it_counts_the_terms_of_reference_and_membership_owner_from_their_body(
    world: World,
) -> None:
    nhs_body = BodyFactory(partnership=world.own, owner_organisation=world.nhs)
    tor = TermsOfReferenceFactory(body=nhs_body)
    seat = BodyMembershipFactory(body=nhs_body, representing=world.council)
    lead = _user(world, LEAD)

    assert can_edit(lead, tor)
    # A seat is owned by the organisation the member represents, not the body's owner.
    assert not can_edit(lead, seat)
    assert isinstance(tor, TermsOfReference)
    assert isinstance(seat, BodyMembership)


def test_it_lets_a_partner_lead_edit_only_for_the_organisation_they_lead_for(world: World) -> None:
    """Being partner lead for one organisation must not make a person's other roles editing ones.

    can_edit() checks the owner against organisations_in() - every organisation the person acts
    for in any role - instead of only the organisation of their partner_lead role.
    """
    # Partner lead for the NHS trust, and also a viewer on behalf of the VCS network.
    person = UserFactory(organisation=world.nhs)
    PartnershipRoleFactory(
        user=person,
        partnership=world.own,
        role=PartnershipRole.Role.PARTNER_LEAD,
        organisation=world.nhs,
    )
    PartnershipRoleFactory(
        user=person,
        partnership=world.own,
        role=PartnershipRole.Role.VIEWER,
        organisation=world.vcs,
    )
    vcs_body = BodyFactory(partnership=world.own, owner_organisation=world.vcs)
    nhs_body = BodyFactory(partnership=world.own, owner_organisation=world.nhs)
    user = User.objects.get(pk=person.pk)

    assert can_edit(user, nhs_body)
    assert not can_edit(user, vcs_body)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("programme_officer", True),
        ("board_member", True),
        ("partner_lead", False),
        ("contributor", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_it_lets_editors_and_board_members_record_a_review(
    world: World, persona: str, expected: bool
) -> None:
    from joinedup.core.permissions import can_record_review

    body = BodyFactory(partnership=world.own, owner_organisation=world.council)
    assert can_record_review(world[persona], body) is expected
