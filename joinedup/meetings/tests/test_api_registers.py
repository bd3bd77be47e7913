"""The API of the forward plan, the urgency report, dispensations, registers, votes and the
work-programme actions a decision led to."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.accounts.models import ApiToken
from joinedup.api.tests.conftest import ApiClient
from joinedup.meetings import services
from joinedup.meetings.models import Decision, KeyDecisionNotice
from joinedup.meetings.tests.conftest import at, present
from joinedup.partnerships import services as partnership_services

D = dt.date


@pytest.fixture
def api(world):
    def make(persona: str) -> ApiClient:
        _, raw = ApiToken.issue(user=world[persona])
        return ApiClient(raw)

    return make


@pytest.fixture
def cabinet(world):
    return partnership_services.body_create(
        actor=world["programme_officer"],
        partnership=world.own,
        name="Cabinet",
        kind="cabinet",
        owner_organisation=world.council,
        publication_rule="agenda-council",
        confidentiality="public",
    )


def _notice(**values):
    return {
        "body": "cabinet",
        "matter": "Close the day centre",
        "expected_decision_on": "2026-02-04",
    } | values


def test_it_publishes_a_notice_and_refuses_a_late_forward_plan_t7(api, cabinet):
    po = api("programme_officer")
    late = po.post("/partnerships/own/key-decisions", _notice(first_published_on="2026-01-07"))
    assert late.status_code == 422 and late.json()["detail"][0]["loc"] == ["body", "route"]
    assert not KeyDecisionNotice.objects.exists()
    made = po.post("/partnerships/own/key-decisions", _notice(first_published_on="2026-01-06"))
    assert made.status_code == 201, made.json()
    body = made.json()
    assert (body["forward_plan_due"], body["general_exception_due"]) == ("2026-01-06", "2026-01-27")
    assert body["confidentiality"] == "public"
    listed = api("viewer").get("/partnerships/own/key-decisions").json()
    assert [n["matter"] for n in listed["items"]] == ["Close the day centre"]


def test_it_moves_a_notice_to_special_urgency_with_the_agreement_t7(api, cabinet):
    po = api("programme_officer")
    made = po.post("/partnerships/own/key-decisions", _notice(first_published_on="2026-01-06"))
    url = f"/partnerships/own/key-decisions/{made.json()['id']}"
    refused = po.patch(url, {"route": "special_urgency"})
    assert refused.status_code == 422
    assert {tuple(d["loc"]) for d in refused.json()["detail"]} >= {("body", "urgency_agreed_by")}
    agreed = po.patch(
        url,
        {
            "route": "special_urgency",
            "urgency_agreed_by": "os_chair",
            "urgency_agreed_on": "2026-02-02",
            "urgency_reasons": "The grant lapses.",
        },
    )
    assert agreed.status_code == 200 and agreed.json()["route"] == "special_urgency"


def _key_meeting(world, cabinet, notice=None):
    po = world["programme_officer"]
    meeting = services.meeting_create(actor=po, body=cabinet, start=at(D(2026, 2, 4)), venue="Hall")
    for person in ("board_member", "contributor", "viewer"):
        partnership_services.body_membership_create(actor=po, body=cabinet, person=world[person])
    present(world, meeting, "board_member", "contributor", "viewer")
    return meeting


def test_it_refuses_a_key_decision_without_a_notice_and_reports_urgent_ones(api, world, cabinet):
    po = api("programme_officer")
    meeting = _key_meeting(world, cabinet)
    base = f"/partnerships/own/meetings/{meeting.pk}/items"
    item = po.post(base, {"title": "Close the centre", "decision_type": "key_decision"}).json()
    refused = po.post(f"{base}/{item['id']}/decisions", {"title": "Close", "text": "(a) close"})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "key_decision_notice"]
    assert not Decision.objects.exists()
    notice = po.post(
        "/partnerships/own/key-decisions",
        _notice(
            route="special_urgency",
            urgency_agreed_by="chairman",
            urgency_agreed_on="2026-02-03",
            urgency_reasons="The lease ends on 5 February.",
        ),
    ).json()
    linked = po.post(
        base,
        {
            "title": "Close the centre (urgent)",
            "decision_type": "key_decision",
            "key_decision_notice_id": notice["id"],
        },
    ).json()
    made = po.post(f"{base}/{linked['id']}/decisions", {"title": "Close", "text": "(a) close"})
    assert made.status_code == 201 and made.json()["notice_route"] == "special_urgency"
    report = po.get(
        "/partnerships/own/urgency-report",
        organisation="own-council",
        year=2026,
        quarter=1,
    ).json()
    assert [r["title"] for r in report["special_urgency"]] == ["Close"]
    assert report["special_urgency"][0]["agreed_by"] == "Chairman of the council"
    assert report["special_urgency"][0]["why"] == "The lease ends on 5 February."
    other = po.get(
        "/partnerships/own/urgency-report",
        organisation="own-council",
        year=2026,
        quarter=2,
    ).json()
    assert other["special_urgency"] == []


def test_it_grants_and_revokes_a_dispensation(api, world):
    po = api("programme_officer")
    granted = po.post(
        "/partnerships/own/dispensations",
        {
            "person_id": world["contributor"].pk,
            "organisation": "own-council",
            "scope": "Items about Acme Holdings",
            "granted_by": "Standards Committee",
            "granted_on": "2026-01-01",
            "valid_from": "2026-01-01",
            "valid_to": "2031-01-01",
        },
    )
    assert granted.status_code == 422 and granted.json()["detail"][0]["loc"] == ["body", "valid_to"]
    granted = po.post(
        "/partnerships/own/dispensations",
        {
            "person_id": world["contributor"].pk,
            "organisation": "own-council",
            "scope": "Items about Acme Holdings",
            "granted_by": "Standards Committee",
            "granted_on": "2026-01-01",
            "valid_from": "2026-01-01",
            "valid_to": "2027-01-01",
        },
    )
    assert granted.status_code == 201, granted.json()
    url = f"/partnerships/own/dispensations/{granted.json()['id']}/revoke"
    assert (
        api("viewer").post(url, {"revoked_on": "2026-03-01", "revocation_reason": "x"}).status_code
        == 403
    )
    revoked = po.post(url, {"revoked_on": "2026-03-01", "revocation_reason": "Shares sold"})
    assert revoked.status_code == 200 and revoked.json()["revoked_on"] == "2026-03-01"
    assert api("outsider").get("/partnerships/own/dispensations").status_code == 404


def test_it_keeps_the_registers_through_the_api_t9(api, world):
    po = api("programme_officer")
    entry = po.post(
        "/partnerships/own/interests",
        {
            "person_id": world["contributor"].pk,
            "organisation": "own-council",
            "category": "dpi",
            "dpi_kind": "securities",
            "subject": "Acme Holdings",
            "details": "Shares, nominal £30,000",
            "sensitive": True,
        },
    )
    assert entry.status_code == 201, entry.json()
    listed = api("viewer").get("/partnerships/own/interests").json()["items"]
    assert listed[0]["subject"] == "Sensitive interest (details withheld)"
    assert listed[0]["details"] == ""
    gift = po.post(
        "/partnerships/own/gifts",
        {
            "person_id": world["board_member"].pk,
            "organisation": "own-council",
            "received_on": "2026-03-01",
            "donor": "A supplier",
            "description": "Dinner",
            "estimated_value": "60.00",
        },
    )
    assert gift.status_code == 201
    assert (gift.json()["registrable"], gift.json()["register_by"]) == (True, "2026-03-29")
    small = po.post(
        "/partnerships/own/gifts",
        {
            "person_id": world["board_member"].pk,
            "organisation": "own-council",
            "received_on": "2026-03-01",
            "donor": "A supplier",
            "description": "Pen",
            "estimated_value": "40.00",
        },
    ).json()
    assert small["registrable"] is False and small["register_by"] is None
    assert (
        api("viewer")
        .post(
            "/partnerships/own/gifts",
            {
                "person_id": world["viewer"].pk,
                "organisation": "own-council",
                "received_on": "2026-03-01",
                "donor": "x",
                "description": "x",
                "estimated_value": "1",
            },
        )
        .status_code
        == 403
    )


def test_it_records_the_chairs_casting_vote_on_a_tie(api, world, committee, meeting, item):
    po_user = world["programme_officer"]
    tor = partnership_services.tor_version_create(actor=po_user, body=committee)
    partnership_services.tor_version_approve(
        actor=po_user, tor=tor, approved_on=D(2025, 1, 1), approved_by=committee
    )
    services.procedure_rules_set(actor=po_user, terms=tor, chair_casting_vote=True, quorum={})
    present(world, meeting, "board_member", "contributor", "viewer")
    po = api("programme_officer")
    base = f"/partnerships/own/meetings/{meeting.pk}/items/{item.pk}"
    for persona, choice in (("contributor", "for"), ("viewer", "against")):
        assert (
            po.post(base + "/votes", {"person_id": world[persona].pk, "choice": choice}).status_code
            == 201
        )
    assert po.get(base + "/tally").json()["tied"] is True
    bad = po.post(base + "/casting-vote", {"person_id": world["viewer"].pk, "choice": "for"})
    assert bad.status_code == 422
    cast = po.post(base + "/casting-vote", {"person_id": world["board_member"].pk, "choice": "for"})
    assert cast.status_code == 201 and cast.json()["casting"] is True
    tally = po.get(base + "/tally").json()
    assert (tally["votes_for"], tally["against"], tally["casting"], tally["carried"]) == (
        1,
        1,
        "for",
        True,
    )
    assert len(po.get(base + "/votes").json()["items"]) == 3


def test_it_links_a_decision_to_work_programme_actions(api, world, meeting, item):
    from joinedup.programme import services as programme_services
    from joinedup.programme.tests.factories import vocabulary

    po_user = world["programme_officer"]
    present(world, meeting, "board_member", "contributor", "viewer")
    decision = services.decision_record(actor=po_user, item=item, title="Go", text="(a) go")
    plan = programme_services.plan_create(
        actor=po_user, partnership=world.own, slug="plan", name="Plan", vocabulary=vocabulary()
    )
    action = programme_services.action_create(actor=po_user, plan=plan, title="Set it up")
    po = api("programme_officer")
    url = f"/partnerships/own/decisions/{decision.pk}/programme-actions"
    missing = po.client.put(
        "/api/v1" + url,
        {"programme_actions": [999999]},
        content_type="application/json",
        headers=po.headers,
    )
    assert missing.status_code == 422
    done = po.client.put(
        "/api/v1" + url,
        {"programme_actions": [action.pk]},
        content_type="application/json",
        headers=po.headers,
    )
    assert done.status_code == 200 and done.json()["programme_actions"] == [action.pk]


def test_it_sets_the_cross_organisation_quorum_through_the_api(api, world, committee):
    po_user = world["programme_officer"]
    partnership_services.body_membership_create(
        actor=po_user, body=committee, person=world["partner_lead"], representing=world.nhs
    )
    tor = partnership_services.tor_version_create(actor=po_user, body=committee)
    url = f"/partnerships/own/terms-of-reference/{tor.pk}/procedure"
    po = api("programme_officer")

    def put(client, data):
        return client.client.put(
            "/api/v1" + url, data, content_type="application/json", headers=client.headers
        )

    wanted = {
        "chair_casting_vote": True,
        "quorum": [
            {"organisation": "own-council", "minimum": 1},
            {"organisation": "own-nhs", "minimum": 1},
        ],
    }
    assert put(api("viewer"), wanted).status_code == 403
    done = put(po, wanted)
    assert done.status_code == 200, done.json()
    assert api("viewer").get(url).json() == wanted
    bad = put(po, {"quorum": [{"organisation": "other-council", "minimum": 1}]})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "quorum"]
    assert api("outsider").get(url).status_code == 404
