"""The meetings API: reads scoped like the pages, writes refused with field-level 422s (T6-T9)."""

from __future__ import annotations

import datetime as dt

import pytest

from joinedup.accounts.models import ApiToken
from joinedup.api.tests.conftest import ApiClient
from joinedup.meetings import services
from joinedup.meetings.models import Decision, MinuteItem, Vote
from joinedup.meetings.tests.conftest import at, present

D = dt.date


@pytest.fixture
def api(world):
    def make(persona: str) -> ApiClient:
        _, raw = ApiToken.issue(user=world[persona])
        return ApiClient(raw)

    return make


def _base(meeting) -> str:
    return f"/partnerships/own/meetings/{meeting.pk}"


def test_it_lists_meetings_and_hides_exempt_items_from_viewers(api, meeting, item, exempt_item):
    viewer = api("viewer")
    assert viewer.get("/partnerships/own/meetings").json()["count"] == 1
    titles = [i["title"] for i in viewer.get(_base(meeting) + "/items").json()["items"]]
    assert titles == ["Shared services update"]
    assert viewer.get(f"{_base(meeting)}/items/{exempt_item.pk}").status_code == 404
    board = api("board_member").get(f"{_base(meeting)}/items/{exempt_item.pk}")
    assert board.status_code == 200 and board.json()["exempt_paragraph"] == 4


def test_it_gives_the_outsider_404(api, meeting, item):
    outsider = api("outsider")
    assert outsider.get("/partnerships/own/meetings").status_code == 404
    assert outsider.get(f"{_base(meeting)}/items/{item.pk}").status_code == 404


def test_it_creates_a_meeting_and_reports_the_agenda_deadline_t6(api, committee):
    response = api("programme_officer").post(
        "/partnerships/own/meetings",
        {"body": committee.slug, "start": "2026-01-06T14:00:00Z", "venue": "Shire Hall"},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["agenda_deadline"] == "2025-12-24"


def test_it_flags_a_late_item_and_refuses_it_considered_without_reason_t6(api, meeting):
    po = api("programme_officer")
    made = po.post(_base(meeting) + "/items", {"title": "Urgent", "added_on": "2026-01-05"})
    assert made.status_code == 201 and made.json()["late"] is True
    url = f"{_base(meeting)}/items/{made.json()['id']}/considered"
    refused = po.post(url, {})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "urgency_reason"]
    assert po.post(url, {"urgency_reason": "Grant deadline"}).status_code == 200


def test_it_refuses_an_exempt_item_without_a_paragraph(api, meeting):
    response = api("programme_officer").post(
        _base(meeting) + "/items",
        {"title": "Secret", "confidentiality": "exempt", "public_interest_reasoning": "x"},
    )
    assert response.status_code == 422
    assert ["body", "exempt_paragraph"] in [d["loc"] for d in response.json()["detail"]]


def test_it_refuses_the_vote_of_a_member_with_an_undispensed_dpi_t9(api, world, item):
    po = api("programme_officer")
    base = f"{_base(item.meeting)}/items/{item.pk}"
    declared = po.post(
        base + "/declarations",
        {"person_id": world["contributor"].pk, "interest_type": "dpi", "action": "left_room"},
    )
    assert declared.status_code == 201
    assert declared.json()["vote_counted"] is False
    assert declared.json()["notify_monitoring_officer_by"] == "2026-02-03"
    vote = po.post(base + "/votes", {"person_id": world["contributor"].pk, "choice": "for"})
    assert vote.status_code == 422 and not Vote.objects.exists()
    bad = po.post(
        base + "/declarations",
        {"person_id": world["viewer"].pk, "interest_type": "dpi", "action": "remained"},
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "action"]


def test_it_refuses_a_decision_below_quorum_and_records_one_when_quorate(api, world, item):
    po = api("programme_officer")
    url = f"{_base(item.meeting)}/items/{item.pk}/decisions"
    present(world, item.meeting, "board_member")
    refused = po.post(url, {"title": "Noted", "text": "(a) noted"})
    assert refused.status_code == 422 and not Decision.objects.exists()
    present(world, item.meeting, "viewer", "contributor")
    made = po.post(url, {"title": "Noted", "text": "(a) noted\n(b) report back"})
    assert made.status_code == 201
    assert made.json()["resolutions"] == ["(a) noted", "(b) report back"]


def test_it_runs_the_call_in_window_t8(api, world):
    from joinedup.partnerships import services as partnership_services

    po_user = world["programme_officer"]
    cabinet = partnership_services.body_create(
        actor=po_user,
        partnership=world.own,
        name="Cabinet",
        kind="cabinet",
        owner_organisation=world.council,
        publication_rule="agenda-council",
    )
    meeting = services.meeting_create(
        actor=po_user, body=cabinet, start=at(D(2026, 4, 2)), venue="Hall"
    )
    item = services.agenda_item_create(actor=po_user, meeting=meeting, title="Shared services")
    decision = services.decision_record(actor=po_user, item=item, title="Go", text="(a) go")
    po = api("programme_officer")
    published = po.post(
        f"/partnerships/own/decisions/{decision.pk}/publish", {"published_on": "2026-04-02"}
    )
    assert published.json()["call_in_deadline"] == "2026-04-13"
    assert published.json()["implementable_from"] == "2026-04-14"
    called = po.post(
        f"/partnerships/own/decisions/{decision.pk}/call-in", {"called_in_on": "2026-04-10"}
    )
    assert called.json()["call_in_state"] == "called_in"
    assert called.json()["implementable_from"] is None


def test_it_refuses_minutes_edited_after_approval(api, world, committee, item):
    po_user = world["programme_officer"]
    services.minute_record(actor=po_user, item=item, resolutions="(a) noted")
    later = services.meeting_create(
        actor=po_user, body=committee, start=at(D(2026, 2, 3)), venue="Hall"
    )
    po = api("programme_officer")
    approved = po.post(
        f"{_base(item.meeting)}/minutes/approve",
        {"approved_at": later.pk, "signed_by": world["board_member"].pk, "signed_on": "2026-02-03"},
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    response = po.client.put(
        "/api/v1" + f"{_base(item.meeting)}/items/{item.pk}/minute",
        {"resolutions": "(a) changed"},
        content_type="application/json",
        headers=po.headers,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "minutes"]
    assert MinuteItem.objects.get(item=item).resolutions == "(a) noted"


def test_it_refuses_writes_from_a_viewer(api, meeting):
    response = api("viewer").post(_base(meeting) + "/items", {"title": "Mine"})
    assert response.status_code == 403


def test_it_shows_the_minutes_without_the_exempt_entries_to_a_viewer(api, world, item, exempt_item):
    po_user = world["programme_officer"]
    services.minute_record(actor=po_user, item=item, resolutions="(a) noted\n(b) agreed")
    services.minute_record(actor=po_user, item=exempt_item, resolutions="(a) secret")
    url = f"{_base(item.meeting)}/minutes"
    viewer = api("viewer").get(url).json()
    assert [e["resolutions"] for e in viewer["entries"]] == [["(a) noted", "(b) agreed"]]
    board = api("board_member").get(url).json()
    assert len(board["entries"]) == 2
