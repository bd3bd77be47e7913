"""Stories for the terms the partnership decides: a partner's membership type and voting rights,
a seat's chairing, voting rights and membership type, the approval of terms of reference.

A partner lead changes their own organisation's records' content, never these terms; a
programme officer changes them, recording the decision as the reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from joinedup.accounts.models import ApiToken
from joinedup.core.audit import history_for
from joinedup.core.models import AuditEntry
from joinedup.partnerships import services
from joinedup.partnerships.models import BodyMembership, MembershipType, Partner, TermsOfReference
from joinedup.partnerships.tests.factories import (
    BodyFactory,
    BodyMembershipFactory,
    TermsOfReferenceFactory,
)

API = "/api/v1/partnerships/own"
Role = BodyMembership.Role


def _api(user: Any) -> Client:
    _, raw = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _patch(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.patch(API + path, data, content_type="application/json")


def _post(client: Client, path: str, data: dict[str, Any]) -> Any:
    return client.post(API + path, data, content_type="application/json")


@pytest.fixture
def nhs_partner(world: Any) -> Partner:
    """The NHS trust, an associate partner without a vote (its lead is `partner_lead`)."""
    partner = Partner.objects.get(partnership=world.own, organisation=world.nhs)
    Partner.objects.filter(pk=partner.pk).update(
        membership_type=MembershipType.ASSOCIATE, voting=False
    )
    partner.refresh_from_db()
    return partner


@pytest.fixture
def lead_seat(world: Any) -> BodyMembership:
    """The partner lead's own non-voting observer seat on an NHS-owned board."""
    board = BodyFactory(partnership=world.own, slug="board", owner_organisation=world.nhs)
    return BodyMembershipFactory(
        body=board, person=world["partner_lead"], role=Role.OBSERVER, voting=False
    )


def _unchanged(record: Any, **expected: Any) -> None:
    record.refresh_from_db()
    assert {name: getattr(record, name) for name in expected} == expected


# ---------------------------------------------------------------- partners


@pytest.mark.parametrize(
    "change",
    [{"membership_type": "full"}, {"voting": True}, {"membership_type": "full", "voting": True}],
)
def test_it_refuses_a_partner_lead_patching_their_own_partner_terms(
    world: Any, nhs_partner: Partner, change: dict[str, Any]
) -> None:
    before = AuditEntry.objects.count()

    response = _patch(
        _api(world["partner_lead"]),
        f"/partners/{nhs_partner.pk}",
        {**change, "reason": "We say so"},
    )

    assert response.status_code == 403
    _unchanged(nhs_partner, membership_type="associate", voting=False)
    assert AuditEntry.objects.count() == before


def test_it_lets_a_partner_lead_change_their_partner_record_s_content(
    world: Any, nhs_partner: Partner
) -> None:
    response = _patch(
        _api(world["partner_lead"]),
        f"/partners/{nhs_partner.pk}",
        # Restating the current terms is not a change of them.
        {"commitments": "Two analysts", "membership_type": "associate", "voting": False},
    )

    assert response.status_code == 200, response.content
    _unchanged(nhs_partner, commitments="Two analysts", membership_type="associate")


def test_it_lets_a_programme_officer_change_partner_terms_recording_the_decision(
    world: Any, nhs_partner: Partner
) -> None:
    client = _api(world["programme_officer"])
    path = f"/partners/{nhs_partner.pk}"

    missing = _patch(client, path, {"membership_type": "full", "voting": True})
    decided = _patch(
        client,
        path,
        {"membership_type": "full", "voting": True, "reason": "Board decision 12, 3 March 2025"},
    )

    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "reason"]
    assert decided.status_code == 200, decided.content
    _unchanged(nhs_partner, membership_type="full", voting=True)
    entry = history_for(nhs_partner).first()
    assert entry.reason == "Board decision 12, 3 March 2025"
    assert entry.changes["membership_type"] == ["Associate", "Full"]
    assert entry.changes["voting"] == ["False", "True"]
    assert entry.actor == world["programme_officer"]


def test_it_refuses_the_same_change_in_the_service_the_cli_and_imports_call(
    world: Any, nhs_partner: Partner
) -> None:
    with pytest.raises(PermissionDenied):
        services.partner_update(
            actor=world["partner_lead"], partner=nhs_partner, voting=True, reason="x"
        )
    _unchanged(nhs_partner, voting=False)


def test_it_shows_a_partner_lead_the_terms_as_fixed_on_the_page(
    client_for: Any, world: Any, nhs_partner: Partner
) -> None:
    client = client_for("partner_lead")
    url = f"/p/own/partners/{nhs_partner.pk}/edit/"

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "membership_type": "full",
            "voting": "on",
            "commitments": "Analyst time",
            "confidentiality": "partnership",
        },
    )

    assert 'name="membership_type"' in page and "disabled" in page
    assert response.status_code == 302
    _unchanged(nhs_partner, membership_type="associate", voting=False, commitments="Analyst time")


# ---------------------------------------------------------------- seats


@pytest.mark.parametrize(
    "change",
    [
        {"role": "chair"},
        {"role": "joint_chair"},
        {"voting": True},
        {"membership_type": "co_opted"},
        {"role": "chair", "voting": True},
    ],
)
def test_it_refuses_a_partner_lead_making_their_own_seat_a_voting_chair(
    world: Any, lead_seat: BodyMembership, change: dict[str, Any]
) -> None:
    before = AuditEntry.objects.count()

    response = _patch(
        _api(world["partner_lead"]),
        f"/bodies/board/members/{lead_seat.pk}",
        {**change, "reason": "Self-appointed"},
    )

    assert response.status_code == 403
    _unchanged(lead_seat, role="observer", voting=False, membership_type="full")
    assert AuditEntry.objects.count() == before


def test_it_lets_a_partner_lead_change_their_seat_s_other_details(
    world: Any, lead_seat: BodyMembership
) -> None:
    response = _patch(
        _api(world["partner_lead"]),
        f"/bodies/board/members/{lead_seat.pk}",
        {"start_date": "2025-04-01"},
    )

    assert response.status_code == 200, response.content
    _unchanged(lead_seat, start_date=dt.date(2025, 4, 1), voting=False)


@pytest.mark.parametrize(
    "seat",
    [{"role": "chair"}, {"role": "observer", "voting": True}, {"membership_type": "ex_officio"}],
)
def test_it_refuses_a_partner_lead_adding_a_seat_with_terms_the_partnership_decides(
    world: Any, lead_seat: BodyMembership, seat: dict[str, Any]
) -> None:
    seats = BodyMembership.objects.count()

    response = _post(
        _api(world["partner_lead"]),
        "/bodies/board/members",
        {"person": world["partner_lead"].pk, **seat},
    )

    assert response.status_code == 403
    assert BodyMembership.objects.count() == seats


def test_it_lets_a_partner_lead_seat_their_own_person_as_a_member(
    world: Any, lead_seat: BodyMembership
) -> None:
    response = _post(
        _api(world["partner_lead"]),
        "/bodies/board/members",
        {"person": world["partner_lead"].pk, "role": "deputy", "deputy_for": lead_seat.pk},
    )

    assert response.status_code == 201, response.content
    assert response.json()["voting"] is True  # a deputy's usual vote


def test_it_lets_a_programme_officer_make_a_voting_chair_recording_the_decision(
    world: Any, lead_seat: BodyMembership
) -> None:
    client = _api(world["programme_officer"])
    path = f"/bodies/board/members/{lead_seat.pk}"

    missing = _patch(client, path, {"role": "chair"})
    decided = _patch(client, path, {"role": "chair", "reason": "Elected chair, minute 3/2025"})

    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "reason"]
    assert decided.status_code == 200, decided.content
    _unchanged(lead_seat, role="chair", voting=True)
    entry = history_for(lead_seat).first()
    assert entry.reason == "Elected chair, minute 3/2025"
    assert entry.changes["role"] == ["Observer", "Chair"]
    assert entry.changes["voting"] == ["False", "True"]


def test_it_offers_a_partner_lead_no_chairing_role_on_the_seat_page(
    client_for: Any, world: Any, lead_seat: BodyMembership
) -> None:
    client = client_for("partner_lead")
    url = f"/p/own/bodies/board/members/{lead_seat.pk}/edit/"

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "representing": world.nhs.pk,
            "role": "chair",
            "membership_type": "full",
            "voting_choice": "yes",
            "confidentiality": "partnership",
        },
    )

    assert 'value="joint_chair"' not in page and 'value="member"' in page
    assert response.status_code == 200  # shown again: "chair" is not a choice offered
    _unchanged(lead_seat, role="observer", voting=False)


# ---------------------------------------------------------------- terms of reference


def test_it_leaves_the_approval_of_terms_of_reference_to_a_programme_officer(
    world: Any, client_for: Any
) -> None:
    board = BodyFactory(partnership=world.own, slug="board", owner_organisation=world.nhs)
    draft = TermsOfReferenceFactory(body=board, version=1)
    approve = {"approved_on": dt.date(2025, 3, 3), "approved_by": board}

    drafted = services.tor_version_update(
        actor=world["partner_lead"], tor=draft, purpose="Oversee the trust's part"
    )
    with pytest.raises(PermissionDenied):
        services.tor_version_approve(actor=world["partner_lead"], tor=draft, **approve)
    page = client_for("partner_lead").get("/p/own/bodies/board/tor/1/approve/")
    services.tor_version_approve(actor=world["programme_officer"], tor=draft, **approve)

    assert drafted.purpose == "Oversee the trust's part"
    assert page.status_code == 403
    draft.refresh_from_db()
    assert draft.status == TermsOfReference.Status.APPROVED


def test_it_needs_no_decision_for_a_change_that_leaves_the_terms_alone(
    world: Any, lead_seat: BodyMembership
) -> None:
    seat = services.body_membership_update(
        actor=world["programme_officer"], membership=lead_seat, role=Role.SECRETARY
    )

    assert seat.role == Role.SECRETARY and seat.voting is False


def test_it_still_validates_a_decided_change(world: Any, lead_seat: BodyMembership) -> None:
    BodyMembershipFactory(body=lead_seat.body, role=Role.CHAIR)

    with pytest.raises(ValidationError) as exc:
        services.body_membership_update(
            actor=world["programme_officer"], membership=lead_seat, role=Role.CHAIR, reason="x"
        )

    assert "role" in exc.value.message_dict
