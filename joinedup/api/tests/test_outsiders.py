"""People of another partnership get 404 for `own` and everything under it, reads and writes."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

OUTSIDERS = ["outsider", "other_viewer"]


def _read_paths(r: Any, world: Any) -> list[str]:
    body = "/partnerships/own/bodies/board"
    return [
        "/partnerships/own",
        "/partnerships/own/partners",
        f"/partnerships/own/partners/{r.partner.pk}",
        "/partnerships/own/bodies",
        body,
        f"{body}/members",
        f"{body}/members/{r.seat.pk}",
        f"{body}/reporting-lines",
        "/partnerships/own/reporting-lines",
        f"{body}/terms-of-reference",
        f"{body}/terms-of-reference/{r.tor.version}",
        "/partnerships/own/people",
        f"/partnerships/own/people/{world['board_member'].pk}",
        f"/partnerships/own/history/body/{r.board.pk}",
        f"/partnerships/own/history/partner/{r.partner.pk}",
        f"/partnerships/own/history/body-membership/{r.seat.pk}",
        f"/partnerships/own/history/terms-of-reference/{r.tor.pk}",
        f"/partnerships/own/history/reporting-line/{r.line.pk}",
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_answers_404_for_every_record_of_another_partnership(
    persona: str, api_for: Any, records: Any, world: Any
) -> None:
    client = api_for(persona)

    statuses = {path: client.get(path).status_code for path in _read_paths(records, world)}

    assert statuses == dict.fromkeys(statuses, 404)


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_answers_404_for_every_write_into_another_partnership(
    persona: str, api_for: Any, records: Any, world: Any
) -> None:
    client = api_for(persona)
    body = "/partnerships/own/bodies/board"
    writes = [
        client.post("/partnerships/own/partners", {"organisation": "other-council"}),
        client.patch(f"/partnerships/own/partners/{records.partner.pk}", {"notes": "x"}),
        client.post("/partnerships/own/bodies", {"name": "Sneaky", "kind": "board"}),
        client.patch(body, {"name": "Renamed"}),
        client.post(f"{body}/members", {"person": world["outsider"].pk}),
        client.patch(f"{body}/members/{records.seat.pk}", {"voting": False}),
        client.post(f"{body}/reporting-lines", {"parent": "group"}),
        client.post(f"{body}/terms-of-reference", {"title": "v2"}),
        client.patch(f"{body}/terms-of-reference/1", {"title": "v2"}),
        client.post(
            f"{body}/terms-of-reference/1/approve",
            {"approved_on": "2025-01-01", "approved_by": "board"},
        ),
    ]

    assert [w.status_code for w in writes] == [404] * len(writes)


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_it_leaves_other_partnerships_out_of_the_lists(
    persona: str, api_for: Any, records: Any
) -> None:
    client = api_for(persona)

    partnerships = client.get("/partnerships").json()["items"]
    organisations = client.get("/organisations").json()["items"]

    assert [p["slug"] for p in partnerships] == ["other"]
    assert [o["slug"] for o in organisations] == ["other-council"]


def test_it_answers_404_for_a_partnership_that_does_not_exist(api_for: Any) -> None:
    assert api_for("viewer").get("/partnerships/nowhere/bodies").status_code == 404


def test_it_answers_404_for_a_record_of_an_unknown_kind(api_for: Any, records: Any) -> None:
    response = api_for("programme_officer").get(f"/partnerships/own/history/user/{records.seat.pk}")

    assert response.status_code == 404
