"""Who sees which partnerships records: confidentiality levels, outsiders, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from joinedup.core.models import Confidentiality
from joinedup.partnerships import selectors
from joinedup.partnerships.models import Body, ReportingLine
from joinedup.partnerships.tests.factories import (
    BodyFactory,
    BodyMembershipFactory,
    ReportingLineFactory,
    TermsOfReferenceFactory,
)


@pytest.fixture
def bodies(world):
    open_body = BodyFactory(partnership=world.own, name="Open board", slug="open")
    restricted = BodyFactory(
        partnership=world.own,
        name="NHS-only group",
        slug="nhs-only",
        confidentiality=Confidentiality.RESTRICTED,
    )
    restricted.restricted_to.set([world.nhs])
    exempt = BodyFactory(
        partnership=world.own,
        name="Staffing panel",
        slug="staffing",
        confidentiality=Confidentiality.EXEMPT,
        exempt_paragraph=4,
    )
    BodyFactory(partnership=world.other, name="Elsewhere board", slug="elsewhere")
    return {"open": open_body, "restricted": restricted, "exempt": exempt}


def _names(user, world):
    return {b.name for b in selectors.body_list(user=user, partnership=world.own)}


def test_it_shows_a_restricted_body_only_to_the_named_organisation_and_officers(world, bodies):
    assert "NHS-only group" in _names(world["partner_lead"], world)  # acts for the NHS trust
    assert "NHS-only group" in _names(world["programme_officer"], world)
    assert "NHS-only group" not in _names(world["viewer"], world)  # council
    assert "NHS-only group" not in _names(world["other_partner_viewer"], world)  # VCS


def test_it_shows_an_exempt_body_to_board_members_and_officers_only(world, bodies):
    assert "Staffing panel" in _names(world["board_member"], world)
    assert "Staffing panel" in _names(world["programme_officer"], world)
    for persona in ("partner_lead", "contributor", "viewer", "other_partner_viewer"):
        assert "Staffing panel" not in _names(world[persona], world), persona


def test_it_shows_an_outsider_nothing(world, bodies):
    outsider = world["outsider"]

    assert _names(outsider, world) == set()
    assert not selectors.partner_list(user=outsider, partnership=world.own).exists()
    with pytest.raises(Http404):
        selectors.body_get(user=outsider, partnership=world.own, slug="open")


def test_it_404s_a_body_of_another_partnership_even_for_its_own_officer(world, bodies):
    with pytest.raises(Http404):
        selectors.body_get(user=world["outsider"], partnership=world.own, slug="elsewhere")
    with pytest.raises(Http404):
        selectors.body_get(user=world["programme_officer"], partnership=world.own, slug="elsewhere")


def test_it_filters_bodies_by_kind(world, bodies):
    BodyFactory(partnership=world.own, name="Cabinet", kind=Body.Kind.CABINET)

    found = selectors.body_list(user=world["viewer"], partnership=world.own, kind=Body.Kind.CABINET)

    assert [b.name for b in found] == ["Cabinet"]


def test_it_hides_lines_to_bodies_the_user_cannot_see(world, bodies):
    ReportingLineFactory(child=bodies["exempt"], parent=bodies["open"])
    ReportingLineFactory(child=bodies["restricted"], parent=bodies["open"])

    viewer_lines = selectors.reporting_lines(user=world["viewer"], partnership=world.own)
    board_lines = selectors.body_children(user=world["board_member"], body=bodies["open"])

    assert not viewer_lines.exists()
    assert [line.child.name for line in board_lines] == ["Staffing panel"]


def test_it_lists_members_chairs_first_and_current_only_on_request(world, bodies):
    import datetime as dt

    body = bodies["open"]
    BodyMembershipFactory(body=body, role="member", person__role_title="A member")
    BodyMembershipFactory(body=body, role="joint_chair", person__role_title="PCT Chair")
    BodyMembershipFactory(body=body, role="joint_chair", person__role_title="Leader")
    BodyMembershipFactory(
        body=body, role="member", person__role_title="Gone", end_date=dt.date(2001, 1, 1)
    )

    seats = selectors.body_memberships(user=world["viewer"], body=body)
    current = selectors.body_memberships(user=world["viewer"], body=body, current_only=True)

    assert [s.role for s in seats][:2] == ["joint_chair", "joint_chair"]
    assert "Gone" not in {s.person.role_title for s in current}
    assert len(seats) == 4


def test_it_builds_the_graph_of_visible_bodies_with_two_parents(world):
    group = BodyFactory(partnership=world.own, name="HPS Steering Group")
    cabinet = BodyFactory(partnership=world.own, name="Cabinet")
    pct = BodyFactory(partnership=world.own, name="PCT Board")
    for parent in (cabinet, pct):
        ReportingLineFactory(child=group, parent=parent, kind=ReportingLine.Kind.WORKING_GROUP_OF)

    graph = selectors.accountability_graph(user=world["viewer"], partnership=world.own)

    assert {n.name for n in graph.nodes} == {"HPS Steering Group", "Cabinet", "PCT Board"}
    assert {(e.child, e.parent) for e in graph.edges} == {
        (group.pk, cabinet.pk),
        (group.pk, pct.pk),
    }


def test_it_returns_tor_versions_newest_first(world, bodies):
    body = bodies["open"]
    for version in (1, 2, 3):
        TermsOfReferenceFactory(body=body, version=version)

    versions = selectors.tor_versions(user=world["viewer"], body=body)

    assert [t.version for t in versions] == [3, 2, 1]
    assert selectors.tor_get(user=world["viewer"], body=body, version=2).version == 2
    with pytest.raises(Http404):
        selectors.tor_get(user=world["viewer"], body=body, version=9)


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx)


def test_it_reads_lists_in_a_fixed_number_of_queries(world):
    user = world["programme_officer"]
    body = BodyFactory(partnership=world.own)

    def read_all():
        seats = selectors.body_memberships(user=user, body=body)
        [(s.person.display_name, s.representing.name, s.deputy_for) for s in seats]
        lines = selectors.reporting_lines(user=user, partnership=world.own)
        [(line.child.name, line.parent.owner_organisation) for line in lines]
        [b.owner_organisation for b in selectors.body_list(user=user, partnership=world.own)]
        selectors.accountability_graph(user=user, partnership=world.own)

    BodyMembershipFactory(body=body)
    ReportingLineFactory(child=body, parent=BodyFactory(partnership=world.own))
    read_all()  # the user's roles are cached after the first read
    before = _count(read_all)
    for _ in range(5):
        BodyMembershipFactory(body=body)
        ReportingLineFactory(child=BodyFactory(partnership=world.own), parent=body)

    assert _count(read_all) == before
