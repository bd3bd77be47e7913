"""Restricted and exempt records: shown to the right personas, 404 and absent for the rest."""

from __future__ import annotations

from typing import Any

import pytest

from joinedup.core.models import Confidentiality
from joinedup.partnerships.tests.factories import BodyMembershipFactory, TermsOfReferenceFactory

pytestmark = pytest.mark.django_db

# Who sees what: restricted to the NHS; exempt (Schedule 12A) for officers and board members.
SEES = {
    "programme_officer": {"board", "group", "nhs-only", "exempt"},
    "board_member": {"board", "group", "exempt"},
    "partner_lead": {"board", "group", "nhs-only"},
    "contributor": {"board", "group"},
    "viewer": {"board", "group"},
    "other_partner_viewer": {"board", "group"},
}


@pytest.mark.parametrize(("persona", "visible"), SEES.items())
def test_it_lists_only_the_bodies_the_persona_may_see(
    persona: str, visible: set[str], api_for: Any, records: Any
) -> None:
    listing = api_for(persona).get("/partnerships/own/bodies").json()

    assert {b["slug"] for b in listing["items"]} == visible
    assert listing["count"] == len(visible)


@pytest.mark.parametrize(("persona", "visible"), SEES.items())
def test_it_answers_404_for_the_details_of_a_hidden_body(
    persona: str, visible: set[str], api_for: Any, records: Any
) -> None:
    client = api_for(persona)
    hidden = {"nhs-only": records.restricted, "exempt": records.exempt}

    for slug, body in hidden.items():
        expected = 200 if slug in visible else 404
        base = f"/partnerships/own/bodies/{slug}"
        assert client.get(base).status_code == expected, slug
        assert client.get(f"{base}/members").status_code == expected, slug
        assert client.get(f"{base}/terms-of-reference").status_code == expected, slug
        assert client.get(f"/partnerships/own/history/body/{body.pk}").status_code == expected


def test_it_shows_confidentiality_fields_to_those_who_may_see_them(
    api_for: Any, records: Any
) -> None:
    client = api_for("programme_officer")

    restricted = client.get("/partnerships/own/bodies/nhs-only").json()
    exempt = client.get("/partnerships/own/bodies/exempt").json()

    assert restricted["confidentiality"] == "restricted"
    assert restricted["restricted_to"] == ["own-nhs"]
    assert exempt["confidentiality"] == "exempt"
    assert exempt["exempt_paragraph"] == 3


def test_it_hides_an_exempt_seat_and_version_on_an_open_body(
    api_for: Any, records: Any, world: Any
) -> None:
    seat = BodyMembershipFactory(
        body=records.board,
        person=world["partner_lead"],
        confidentiality=Confidentiality.EXEMPT,
        exempt_paragraph=1,
    )
    hidden_seat = BodyMembershipFactory(
        body=records.exempt, person=world["viewer"], representing=world.council
    )
    TermsOfReferenceFactory(
        body=records.board, version=2, confidentiality=Confidentiality.EXEMPT, exempt_paragraph=3
    )
    base = "/partnerships/own/bodies/board"
    viewer, board_member = api_for("viewer"), api_for("board_member")

    assert {m["id"] for m in viewer.get(f"{base}/members").json()["items"]} == {records.seat.pk}
    assert viewer.get(f"{base}/members/{seat.pk}").status_code == 404
    assert viewer.get(f"{base}/terms-of-reference/2").status_code == 404
    assert [t["version"] for t in viewer.get(f"{base}/terms-of-reference").json()["items"]] == [1]
    assert board_member.get(f"{base}/members/{seat.pk}").status_code == 200
    assert board_member.get(f"{base}/terms-of-reference/2").json()["exempt_paragraph"] == 3
    viewer_as_person = f"/partnerships/own/people/{world['viewer'].pk}"
    assert viewer.get(viewer_as_person).json()["seats"] == []
    assert [s["id"] for s in board_member.get(viewer_as_person).json()["seats"]] == [hidden_seat.pk]
    seat_history = f"/partnerships/own/history/body-membership/{hidden_seat.pk}"
    assert viewer.get(seat_history).status_code == 404
    assert board_member.get(seat_history).status_code == 200


def test_it_hides_a_reporting_line_to_a_hidden_body(api_for: Any, records: Any) -> None:
    from joinedup.partnerships.tests.factories import ReportingLineFactory

    ReportingLineFactory(child=records.exempt, parent=records.board)

    seen_by_viewer = api_for("viewer").get("/partnerships/own/reporting-lines").json()["items"]
    seen_by_board = api_for("board_member").get("/partnerships/own/reporting-lines").json()["items"]

    assert [(line["child"], line["parent"]) for line in seen_by_viewer] == [("group", "board")]
    assert len(seen_by_board) == 2


def test_it_lists_people_with_roles_and_their_visible_seats(
    api_for: Any, records: Any, world: Any
) -> None:
    client = api_for("viewer")

    people = client.get("/partnerships/own/people", page_size=100).json()["items"]
    detail = client.get(f"/partnerships/own/people/{world['partner_lead'].pk}").json()

    assert {p["id"] for p in people} >= {world["programme_officer"].pk, world["viewer"].pk}
    assert world["outsider"].pk not in {p["id"] for p in people}
    assert detail["organisation"] == "own-nhs"
    assert detail["roles"] == [
        {"role": "partner_lead", "organisation": "own-nhs", "start_date": None, "end_date": None}
    ]
    board_member = client.get(f"/partnerships/own/people/{world['board_member'].pk}").json()
    assert [s["body"] for s in board_member["seats"]] == ["board"]


def test_it_answers_404_for_a_person_of_another_partnership(api_for: Any, world: Any) -> None:
    response = api_for("viewer").get(f"/partnerships/own/people/{world['outsider'].pk}")

    assert response.status_code == 404


def test_it_lists_the_organisations_partnering_in_my_partnerships(api_for: Any) -> None:
    organisations = api_for("viewer").get("/organisations").json()["items"]

    assert {o["slug"] for o in organisations} == {"own-council", "own-nhs", "own-vcs"}
