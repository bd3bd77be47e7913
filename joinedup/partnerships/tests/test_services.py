"""Stories for the partnerships services: who may write what, what is refused, what is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from joinedup.accounts.tests.factories import OrganisationFactory, UserFactory
from joinedup.core.audit import history_for
from joinedup.core.models import AuditEntry, Confidentiality
from joinedup.partnerships import services
from joinedup.partnerships.models import (
    Body,
    BodyMembership,
    Partner,
    ReportingLine,
    TermsOfReference,
)
from joinedup.partnerships.tests.factories import (
    BodyFactory,
    BodyMembershipFactory,
    ReportingLineFactory,
    TermsOfReferenceFactory,
)

Role = BodyMembership.Role


def _body(world, name="Steering Group", **kw):
    return services.body_create(
        actor=world["programme_officer"],
        partnership=world.own,
        name=name,
        kind=kw.pop("kind", Body.Kind.STEERING_GROUP),
        **kw,
    )


def test_it_creates_a_body_and_writes_its_history(world):
    body = _body(world, purpose="Steer the trust")

    entry = history_for(body).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == world["programme_officer"]
    assert entry.changes["name"] == [None, "Steering Group"]
    assert body.slug == "steering-group"


def test_it_records_the_fields_an_update_changed(world):
    body = _body(world)

    services.body_update(
        actor=world["programme_officer"], body=body, purpose="New purpose", reason="Refresh"
    )

    entry = history_for(body).first()
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.changes == {"purpose": ["", "New purpose"]}
    assert entry.reason == "Refresh"


def test_it_gives_a_second_body_of_the_same_name_a_free_slug(world):
    first = _body(world, name="Cabinet", kind=Body.Kind.CABINET)
    BodyFactory(partnership=world.other, slug="cabinet-2")
    second = _body(world, name="Cabinet", kind=Body.Kind.CABINET)

    assert first.slug == "cabinet"
    assert second.slug == "own-cabinet"


def test_it_writes_nothing_when_the_body_is_invalid(world):
    with pytest.raises(ValidationError) as exc:
        _body(world, established_on=dt.date(2008, 1, 1), dissolved_on=dt.date(2007, 1, 1))
    assert set(exc.value.message_dict) == {"dissolved_on"}
    with pytest.raises(ValidationError) as exc:
        _body(world, confidentiality=Confidentiality.EXEMPT)
    assert set(exc.value.message_dict) == {"exempt_paragraph"}

    assert not Body.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_denies_a_viewer(world):
    with pytest.raises(PermissionDenied):
        services.body_create(
            actor=world["viewer"], partnership=world.own, name="X", kind=Body.Kind.BOARD
        )
    assert not Body.objects.exists()


def test_it_lets_a_partner_lead_edit_their_own_partner_record_only(world):
    lead = world["partner_lead"]
    nhs = Partner.objects.get(partnership=world.own, organisation=world.nhs)
    council = Partner.objects.get(partnership=world.own, organisation=world.council)

    services.partner_update(actor=lead, partner=nhs, commitments="Two analysts, one day a week")

    nhs.refresh_from_db()
    assert nhs.commitments == "Two analysts, one day a week"
    with pytest.raises(PermissionDenied):
        services.partner_update(actor=lead, partner=council, commitments="Nothing")


def test_it_lets_only_a_programme_officer_add_a_partner(world):
    police = OrganisationFactory(slug="own-police", name="Own Police", kind="police")

    with pytest.raises(PermissionDenied):
        services.partner_create(
            actor=world["partner_lead"], partnership=world.own, organisation=police
        )
    partner = services.partner_create(
        actor=world["programme_officer"], partnership=world.own, organisation=police
    )

    assert history_for(partner).filter(action="create").exists()


def test_it_refuses_the_same_organisation_twice(world):
    with pytest.raises(ValidationError) as exc:
        services.partner_create(
            actor=world["programme_officer"], partnership=world.own, organisation=world.nhs
        )
    assert "organisation" in exc.value.message_dict


def test_it_ends_a_partnership_without_deleting_it(world):
    partner = Partner.objects.get(partnership=world.own, organisation=world.vcs)

    services.partner_end(
        actor=world["programme_officer"], partner=partner, end_date=dt.date(2015, 6, 16)
    )

    partner.refresh_from_db()
    assert partner.end_date == dt.date(2015, 6, 16)


def test_it_needs_named_organisations_for_a_restricted_record(world):
    with pytest.raises(ValidationError) as exc:
        _body(world, confidentiality=Confidentiality.RESTRICTED)
    assert "restricted_to" in exc.value.message_dict

    outsider_org = OrganisationFactory(slug="not-a-partner")
    with pytest.raises(ValidationError) as exc:
        _body(world, confidentiality=Confidentiality.RESTRICTED, restricted_to=[outsider_org])
    assert "restricted_to" in exc.value.message_dict
    assert not Body.objects.exists()


def test_it_records_the_organisations_a_restricted_record_names(world):
    body = _body(world, confidentiality=Confidentiality.RESTRICTED, restricted_to=[world.nhs])

    assert list(body.restricted_to.all()) == [world.nhs]
    assert history_for(body).filter(changes__has_key="restricted_to").exists()

    services.body_update(
        actor=world["programme_officer"], body=body, confidentiality=Confidentiality.PARTNERSHIP
    )
    assert not body.restricted_to.exists()


def test_it_allows_joint_chairs_from_different_organisations(world):
    """Herefordshire: the Leader of the Council and the PCT Chair jointly chair the group."""
    body = _body(world)
    leader = UserFactory(organisation=world.council, role_title="Leader of the Council")
    pct_chair = UserFactory(organisation=world.nhs, role_title="PCT Chair")
    po = world["programme_officer"]

    first = services.body_membership_create(
        actor=po, body=body, person=leader, role=Role.JOINT_CHAIR
    )
    second = services.body_membership_create(
        actor=po, body=body, person=pct_chair, role=Role.JOINT_CHAIR
    )

    assert {first.representing, second.representing} == {world.council, world.nhs}
    with pytest.raises(ValidationError) as exc:
        services.body_membership_create(
            actor=po, body=body, person=UserFactory(organisation=world.vcs), role=Role.CHAIR
        )
    assert "role" in exc.value.message_dict


def test_it_needs_a_deputy_to_name_the_member_they_deputise_for(world):
    body = _body(world)
    po = world["programme_officer"]
    chief = services.body_membership_create(
        actor=po, body=body, person=UserFactory(organisation=world.nhs, role_title="Chief Exec")
    )
    stand_in = UserFactory(organisation=world.nhs, role_title="Director of Finance")

    with pytest.raises(ValidationError) as exc:
        services.body_membership_create(actor=po, body=body, person=stand_in, role=Role.DEPUTY)
    assert "deputy_for" in exc.value.message_dict

    deputy = services.body_membership_create(
        actor=po, body=body, person=stand_in, role=Role.DEPUTY, deputy_for=chief
    )
    assert deputy.deputy_for == chief


def test_it_makes_advisers_and_observers_non_voting_unless_told(world):
    body = _body(world)
    po = world["programme_officer"]

    adviser = services.body_membership_create(
        actor=po, body=body, person=UserFactory(organisation=world.council), role=Role.ADVISER
    )
    observer = services.body_membership_create(
        actor=po,
        body=body,
        person=UserFactory(organisation=world.council),
        role=Role.OBSERVER,
        voting=True,
    )
    member = services.body_membership_create(
        actor=po, body=body, person=UserFactory(organisation=world.council)
    )

    assert (adviser.voting, observer.voting, member.voting) == (False, True, True)


def test_it_lets_a_partner_lead_seat_only_people_of_their_organisation(world):
    body = _body(world)
    lead = world["partner_lead"]

    seat = services.body_membership_create(
        actor=lead, body=body, person=UserFactory(organisation=world.nhs)
    )
    services.body_membership_end(actor=lead, membership=seat, end_date=dt.date(2030, 1, 1))
    with pytest.raises(PermissionDenied):
        services.body_membership_create(
            actor=lead, body=body, person=UserFactory(organisation=world.council)
        )


def test_it_rejects_a_reporting_loop(world):
    po = world["programme_officer"]
    board = _body(world, name="PSR Board", kind=Body.Kind.BOARD)
    executive = _body(world, name="Executive Group", kind=Body.Kind.EXECUTIVE_GROUP)
    operational = _body(world, name="Operational Group", kind=Body.Kind.OPERATIONAL_GROUP)
    services.reporting_line_create(actor=po, child=executive, parent=board)
    services.reporting_line_create(actor=po, child=operational, parent=executive)

    with pytest.raises(ValidationError) as exc:
        services.reporting_line_create(actor=po, child=board, parent=operational)

    assert "loop" in exc.value.message_dict["parent"][0]
    assert ReportingLine.objects.count() == 2


def test_it_rejects_a_line_to_another_partnership(world):
    body = _body(world)
    elsewhere = BodyFactory(partnership=world.other)

    with pytest.raises((ValidationError, PermissionDenied)) as exc:
        services.reporting_line_create(
            actor=world["programme_officer"], child=body, parent=elsewhere
        )

    assert isinstance(exc.value, ValidationError)
    assert "parent" in exc.value.message_dict
    assert not ReportingLine.objects.exists()


def test_it_allows_a_body_two_parents_and_removes_a_line_with_history(world):
    """HPS Steering Group: a working group of both the PCT Board and Cabinet."""
    po = world["programme_officer"]
    group = _body(world, name="HPS Steering Group")
    cabinet = _body(world, name="Cabinet", kind=Body.Kind.CABINET, owner_organisation=world.council)
    pct = _body(world, name="PCT Board", kind=Body.Kind.NHS_BOARD, owner_organisation=world.nhs)
    kind = ReportingLine.Kind.WORKING_GROUP_OF
    services.reporting_line_create(actor=po, child=group, parent=cabinet, kind=kind)
    line = services.reporting_line_create(actor=po, child=group, parent=pct, kind=kind)

    assert set(group.parents.all()) == {cabinet, pct}
    services.reporting_line_delete(actor=po, line=line, reason="Board dissolved")
    assert AuditEntry.objects.filter(action="delete", reason="Board dissolved").exists()


def test_it_numbers_tor_versions_and_copies_from_the_latest(world):
    po = world["programme_officer"]
    body = _body(world)
    first = services.tor_version_create(
        actor=po, body=body, purpose="Steer the PST", quorum_rule="Both chairs present"
    )
    second = services.tor_version_create(
        actor=po, body=body, copy_latest=True, purpose="Steer HPS as a working group"
    )

    assert (first.version, second.version) == (1, 2)
    assert second.quorum_rule == "Both chairs present"
    assert second.purpose == "Steer HPS as a working group"
    assert second.status == TermsOfReference.Status.DRAFT


def test_it_approves_a_version_and_supersedes_the_one_before(world):
    po = world["programme_officer"]
    body = _body(world)
    cabinet = _body(world, name="Cabinet", kind=Body.Kind.CABINET)
    first = services.tor_version_create(actor=po, body=body, purpose="Transitional")
    services.tor_version_approve(
        actor=po, tor=first, approved_on=dt.date(2008, 1, 15), approved_by=body
    )
    second = services.tor_version_create(actor=po, body=body, copy_latest=True, purpose="Revised")

    services.tor_version_approve(
        actor=po, tor=second, approved_on=dt.date(2008, 10, 2), approved_by=cabinet
    )

    first.refresh_from_db()
    assert first.status == TermsOfReference.Status.SUPERSEDED
    assert (second.status, second.approved_by) == (TermsOfReference.Status.APPROVED, cabinet)
    assert history_for(first).filter(action="update", changes__has_key="status").count() == 2
    with pytest.raises(ValidationError) as exc:
        services.tor_version_approve(
            actor=po, tor=second, approved_on=dt.date(2009, 1, 1), approved_by=cabinet
        )
    assert "status" in exc.value.message_dict


def test_it_refuses_to_edit_an_approved_version(world):
    tor = TermsOfReferenceFactory(
        body__partnership=world.own, status="approved", approved_on=dt.date(2008, 1, 1)
    )
    with pytest.raises(ValidationError) as exc:
        services.tor_version_update(actor=world["programme_officer"], tor=tor, purpose="Changed")
    assert "status" in exc.value.message_dict


def test_it_denies_a_viewer_every_write(world):
    viewer = world["viewer"]
    body = BodyFactory(partnership=world.own)
    seat = BodyMembershipFactory(body=body, person=world["board_member"])
    line = ReportingLineFactory(child=body, parent=BodyFactory(partnership=world.own))
    tor = TermsOfReferenceFactory(body=body)

    for call in (
        lambda: services.body_update(actor=viewer, body=body, name="X"),
        lambda: services.body_membership_update(actor=viewer, membership=seat, voting=False),
        lambda: services.reporting_line_delete(actor=viewer, line=line),
        lambda: services.tor_version_create(actor=viewer, body=body),
        lambda: services.tor_version_approve(
            actor=viewer, tor=tor, approved_on=dt.date(2020, 1, 1), approved_by=body
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not AuditEntry.objects.exists()
