"""Writes go through the services: rights are 403, rule breaks are 422, and history is kept."""

from __future__ import annotations

from typing import Any

import pytest

from joinedup.core.models import AuditEntry
from joinedup.partnerships.models import Body, BodyMembership, ReportingLine, TermsOfReference

pytestmark = pytest.mark.django_db

BOARD = "/partnerships/own/bodies/board"


@pytest.mark.parametrize("persona", ["viewer", "contributor", "board_member"])
def test_it_refuses_a_viewer_who_tries_to_add_a_body(persona: str, api_for: Any) -> None:
    response = api_for(persona).post("/partnerships/own/bodies", {"name": "X", "kind": "board"})

    assert response.status_code == 403
    assert not Body.objects.filter(name="X").exists()


def test_it_refuses_a_viewer_who_tries_to_change_a_visible_body(api_for: Any, records: Any) -> None:
    response = api_for("viewer").patch(BOARD, {"name": "Renamed"})

    assert response.status_code == 403
    records.board.refresh_from_db()
    assert records.board.name == "Partnership Board"


def test_it_lets_a_programme_officer_add_a_body_and_keeps_the_history(
    api_for: Any, world: Any
) -> None:
    response = api_for("programme_officer").post(
        "/partnerships/own/bodies",
        {"name": "Health and Wellbeing Board", "kind": "board", "reason": "Agreed in May"},
    )

    assert response.status_code == 201, response.content
    created = response.json()
    assert created["slug"] == "health-and-wellbeing-board"
    assert created["confidentiality"] == "partnership"
    entry = AuditEntry.objects.get(object_id=str(created["id"]))
    assert entry.action == "create"
    assert entry.actor == world["programme_officer"]
    assert entry.reason == "Agreed in May"


def test_it_shows_the_history_of_a_visible_record(api_for: Any) -> None:
    client = api_for("programme_officer")
    body = client.post("/partnerships/own/bodies", {"name": "Board B", "kind": "board"}).json()
    client.patch(f"/partnerships/own/bodies/{body['slug']}", {"purpose": "To decide."})

    history = client.get(f"/partnerships/own/history/body/{body['id']}").json()

    assert [e["action"] for e in history["items"]] == ["update", "create"]
    assert history["items"][0]["changes"]["purpose"] == ["", "To decide."]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"established_on": "2024-05-01", "dissolved_on": "2024-01-01"}, "dissolved_on"),
        ({"confidentiality": "exempt"}, "exempt_paragraph"),
        ({"confidentiality": "restricted"}, "restricted_to"),
        ({"owner_organisation": "other-council"}, "owner_organisation"),
    ],
)
def test_it_answers_422_naming_the_field_and_writes_nothing(
    payload: dict[str, str], field: str, api_for: Any
) -> None:
    before = (Body.objects.count(), AuditEntry.objects.count())

    response = api_for("programme_officer").post(
        "/partnerships/own/bodies", {"name": "Closed Board", "kind": "board", **payload}
    )

    assert response.status_code == 422
    assert ["body", field] in [d["loc"] for d in response.json()["detail"]]
    assert all(d["msg"] for d in response.json()["detail"])
    assert (Body.objects.count(), AuditEntry.objects.count()) == before


def test_it_answers_422_for_a_schema_error(api_for: Any) -> None:
    response = api_for("programme_officer").post(
        "/partnerships/own/bodies", {"name": "B", "kind": "not-a-kind"}
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "kind"


def test_it_answers_422_for_an_unknown_organisation(api_for: Any) -> None:
    response = api_for("programme_officer").post(
        "/partnerships/own/bodies",
        {
            "name": "B",
            "kind": "board",
            "confidentiality": "restricted",
            "restricted_to": ["own-nhs", "nowhere"],
        },
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "restricted_to"],
            "msg": "There is no such partner organisation in this partnership.",
            "type": "validation_error",
        }
    ]


def test_it_takes_restricted_to_as_organisation_slugs(api_for: Any) -> None:
    response = api_for("programme_officer").post(
        "/partnerships/own/bodies",
        {
            "name": "NHS Board",
            "kind": "board",
            "confidentiality": "restricted",
            "restricted_to": ["own-nhs"],
        },
    )

    assert response.status_code == 201, response.content
    assert response.json()["restricted_to"] == ["own-nhs"]


def test_it_lets_a_partner_lead_change_their_own_partner_but_not_another(
    api_for: Any, world: Any, records: Any
) -> None:
    from joinedup.partnerships.models import Partner

    client = api_for("partner_lead")
    council = Partner.objects.get(partnership=world.own, organisation=world.council)

    mine = client.patch(f"/partnerships/own/partners/{records.partner.pk}", {"notes": "Ours"})
    theirs = client.patch(f"/partnerships/own/partners/{council.pk}", {"notes": "Theirs"})

    assert mine.status_code == 200
    assert mine.json()["notes"] == "Ours"
    assert mine.json()["organisation"]["slug"] == "own-nhs"
    assert theirs.status_code == 403


def test_it_changes_only_the_fields_a_patch_sends(api_for: Any, records: Any) -> None:
    records.board.purpose = "Kept"
    records.board.save()

    response = api_for("programme_officer").patch(BOARD, {"name": "The Board"})

    assert response.status_code == 200
    assert response.json()["purpose"] == "Kept"
    assert response.json()["name"] == "The Board"


def test_it_seats_a_person_and_changes_the_seat(api_for: Any, world: Any, records: Any) -> None:
    client = api_for("programme_officer")

    created = client.post(f"{BOARD}/members", {"person": world["partner_lead"].pk, "role": "chair"})
    seat_id = created.json()["id"]
    changed = client.patch(
        f"{BOARD}/members/{seat_id}", {"role": "vice_chair", "reason": "Board minute 4/2025"}
    )

    assert created.status_code == 201, created.content
    assert created.json()["representing"] == "own-nhs"
    assert changed.status_code == 200
    assert BodyMembership.objects.get(pk=seat_id).role == "vice_chair"


def test_it_refuses_to_seat_someone_from_outside_the_partnership(
    api_for: Any, world: Any, records: Any
) -> None:
    response = api_for("programme_officer").post(
        f"{BOARD}/members", {"person": world["outsider"].pk}
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "person"]


def test_it_adds_a_reporting_line_and_refuses_a_loop(api_for: Any, records: Any) -> None:
    client = api_for("programme_officer")

    added = client.post("/partnerships/own/bodies/exempt/reporting-lines", {"parent": "board"})
    loop = client.post(f"{BOARD}/reporting-lines", {"parent": "group"})

    assert added.status_code == 201, added.content
    assert added.json()["child"] == "exempt"
    assert loop.status_code == 422
    assert loop.json()["detail"][0]["loc"] == ["body", "parent"]
    assert ReportingLine.objects.count() == 2


def test_it_drafts_and_approves_terms_of_reference(api_for: Any, records: Any) -> None:
    client = api_for("programme_officer")

    draft = client.post(f"{BOARD}/terms-of-reference", {"copy_latest": True, "title": "Revised"})
    approved = client.post(
        f"{BOARD}/terms-of-reference/2/approve",
        {"approved_on": "2025-03-01", "approved_by": "board"},
    )

    assert draft.status_code == 201, draft.content
    assert draft.json()["version"] == 2
    assert draft.json()["purpose"] == records.tor.purpose
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    assert approved.json()["approved_by"] == "board"
    assert client.get(f"{BOARD}/terms-of-reference/2").json()["status"] == "approved"
    assert TermsOfReference.objects.filter(body=records.board).count() == 2


def test_it_refuses_to_approve_a_version_twice(api_for: Any, records: Any) -> None:
    client = api_for("programme_officer")
    approve = {"approved_on": "2025-03-01", "approved_by": "board"}
    client.post(f"{BOARD}/terms-of-reference/1/approve", approve)

    again = client.post(f"{BOARD}/terms-of-reference/1/approve", approve)

    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "status"]


def test_it_adds_a_partner(api_for: Any, world: Any) -> None:
    from joinedup.accounts.tests.factories import OrganisationFactory

    OrganisationFactory(slug="own-police", name="Own Police")

    response = api_for("programme_officer").post(
        "/partnerships/own/partners", {"organisation": "own-police", "voting": False}
    )

    assert response.status_code == 201, response.content
    assert response.json()["voting"] is False


def test_it_refuses_to_add_the_same_partner_twice(api_for: Any) -> None:
    response = api_for("programme_officer").post(
        "/partnerships/own/partners", {"organisation": "own-nhs"}
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "organisation"]


def test_it_changes_a_draft_but_not_an_approved_version(api_for: Any, records: Any) -> None:
    client = api_for("programme_officer")
    draft = client.patch(f"{BOARD}/terms-of-reference/1", {"quorum_minimum": 4})
    client.post(
        f"{BOARD}/terms-of-reference/1/approve",
        {"approved_on": "2025-03-01", "approved_by": "board"},
    )

    fixed = client.patch(f"{BOARD}/terms-of-reference/1", {"quorum_minimum": 5})

    assert draft.status_code == 200, draft.content
    assert draft.json()["quorum_minimum"] == 4
    assert fixed.status_code == 422
    assert fixed.json()["detail"][0]["loc"] == ["body", "status"]


@pytest.mark.parametrize("persona", ["viewer", "other_partner_viewer"])
def test_it_answers_403_for_every_write_a_viewer_tries_on_visible_records(
    persona: str, api_for: Any, world: Any, records: Any
) -> None:
    client = api_for(persona)
    before = AuditEntry.objects.count()
    approve = {"approved_on": "2025-01-01", "approved_by": "board"}

    writes = [
        client.post("/partnerships/own/partners", {"organisation": "other-council"}),
        client.patch(f"/partnerships/own/partners/{records.partner.pk}", {"notes": "x"}),
        client.post("/partnerships/own/bodies", {"name": "New", "kind": "board"}),
        client.patch(BOARD, {"name": "Renamed"}),
        client.post(f"{BOARD}/members", {"person": world["viewer"].pk}),
        client.patch(f"{BOARD}/members/{records.seat.pk}", {"voting": False}),
        client.post("/partnerships/own/bodies/group/reporting-lines", {"parent": "board"}),
        client.post(f"{BOARD}/terms-of-reference", {"title": "v2"}),
        client.patch(f"{BOARD}/terms-of-reference/1", {"title": "v2"}),
        client.post(f"{BOARD}/terms-of-reference/1/approve", approve),
    ]

    assert [w.status_code for w in writes] == [403] * len(writes)
    assert AuditEntry.objects.count() == before
