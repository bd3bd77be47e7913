"""The API's plumbing: the OpenAPI document, authentication, errors and pagination."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from joinedup.accounts.models import ApiToken
from joinedup.api.tests.conftest import API
from joinedup.partnerships.tests.factories import BodyFactory

pytestmark = pytest.mark.django_db


def test_it_serves_the_openapi_document_without_signing_in() -> None:
    response = Client().get(f"{API}/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert f"{API}/partnerships/{{slug}}/bodies" in document["paths"]
    assert f"{API}/partnerships/{{slug}}/history/{{model}}/{{pk}}" in document["paths"]
    assert "TokenAuth" in document["components"]["securitySchemes"]


def test_operation_ids_leave_out_the_routes_modules() -> None:
    """Ids stay those Ninja gave when each app's operations were one `api.py` (or `api_<part>.py`)
    module, so clients generated from the document keep working (joinedup/api/openapi.py)."""
    document = json.loads(Client().get(f"{API}/openapi.json").content)
    ids = {op["operationId"] for path in document["paths"].values() for op in path.values()}

    assert {
        "joinedup_partnerships_api_body_list",
        "joinedup_programme_api_reports_progress_report",
        "joinedup_meetings_api_registers_notice_list",
        "joinedup_risks_api_risks_risk_detail",
        "joinedup_core_api_deadline_get",
        "joinedup_api_history_record_history",
    } <= ids
    assert not [i for i in ids if "routes" in i]


def test_it_serves_the_interactive_docs() -> None:
    assert Client().get(f"{API}/docs").status_code == 200


def test_it_refuses_a_caller_with_no_credentials(api_for: Any) -> None:
    response = api_for("anonymous").get("/partnerships")

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_it_refuses_a_write_with_no_credentials_as_401_not_csrf(api_for: Any) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"{API}/partnerships/own/bodies", {}, content_type="application/json")

    assert response.status_code == 401


def test_it_refuses_an_unknown_or_revoked_token(world: Any) -> None:
    token, raw = ApiToken.issue(user=world["viewer"])
    token.revoked_at = dt.datetime.now(dt.UTC)
    token.save()

    for header in ("Bearer ju_not-a-token", f"Bearer {raw}", f"Token {raw}"):
        response = Client().get(f"{API}/partnerships", headers={"Authorization": header})
        assert response.status_code == 401, header


def test_it_accepts_a_bearer_token_and_notes_when_it_was_used(world: Any) -> None:
    cache.clear()
    token, raw = ApiToken.issue(user=world["viewer"])

    response = Client().get(f"{API}/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    assert response.json()["username"] == "viewer"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_writes_last_used_at_at_most_once_a_minute(world: Any) -> None:
    cache.clear()
    token, raw = ApiToken.issue(user=world["viewer"])
    headers = {"Authorization": f"Bearer {raw}"}
    Client().get(f"{API}/me", headers=headers)
    token.refresh_from_db()
    first = token.last_used_at

    Client().get(f"{API}/me", headers=headers)

    token.refresh_from_db()
    assert token.last_used_at == first


def test_it_refuses_a_deactivated_users_token(world: Any) -> None:
    _, raw = ApiToken.issue(user=world["viewer"])
    world["viewer"].is_active = False
    world["viewer"].save()

    response = Client().get(f"{API}/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_it_accepts_the_browser_session_for_reads(world: Any) -> None:
    client = Client()
    client.force_login(world["viewer"])

    response = client.get(f"{API}/partnerships")

    assert response.status_code == 200
    assert [p["slug"] for p in response.json()["items"]] == ["own"]


def test_it_demands_csrf_for_session_writes(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["programme_officer"])
    payload = {"name": "Session Board", "kind": "board"}

    response = client.post(
        f"{API}/partnerships/own/bodies", payload, content_type="application/json"
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_it_accepts_session_writes_with_the_csrf_token(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["programme_officer"])
    secret = "a" * 32  # what the page would read from the csrftoken cookie
    client.cookies["csrftoken"] = secret

    response = client.post(
        f"{API}/partnerships/own/bodies",
        {"name": "Session Board", "kind": "board"},
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )

    assert response.status_code == 201, response.content


def test_it_paginates_lists_with_next_and_previous(world: Any, api_for: Any) -> None:
    for n in range(5):
        BodyFactory(partnership=world.own, slug=f"b{n}", name=f"Body {n}")
    client = api_for("viewer")

    first = client.get("/partnerships/own/bodies", page_size=2).json()
    last = client.get("/partnerships/own/bodies", page_size=2, page=3).json()

    assert first["count"] == 5
    assert first["pages"] == 3
    assert [b["slug"] for b in first["items"]] == ["b0", "b1"]
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert [b["slug"] for b in last["items"]] == ["b4"]
    assert last["next"] is None
    assert "page=2" in last["previous"]


def test_it_answers_404_for_a_page_past_the_end(world: Any, api_for: Any) -> None:
    response = api_for("viewer").get("/partnerships/own/bodies", page=9)

    assert response.status_code == 404


def test_it_refuses_a_page_size_over_the_limit(world: Any, api_for: Any) -> None:
    response = api_for("viewer").get("/partnerships/own/bodies", page_size=1000)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "page_size"


def test_it_mounts_the_deadlines_calculator_behind_authentication(world: Any, api_for: Any) -> None:
    anonymous = api_for("anonymous").get("/deadlines/nhs-complaint-ack", date="2025-01-06")
    signed_in = api_for("viewer").get("/deadlines/nhs-complaint-ack", date="2025-01-06")

    assert anonymous.status_code == 401
    assert signed_in.status_code == 200, signed_in.content
    assert signed_in.json()["due"]


def test_it_describes_every_schema_it_refers_to() -> None:
    document = json.loads(Client().get(f"{API}/openapi.json").content)
    refs = set(re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(document)))

    assert refs
    assert refs <= set(document["components"]["schemas"])
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation.get("security"), f"{method} {path} is open"


def test_it_answers_json_404_for_an_api_path_no_route_matches(db: None) -> None:
    from django.test import Client

    response = Client().get("/api/v1/partnerships/own/actions/not-a-number")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not Found"}


def test_it_keeps_the_page_not_found_page_outside_the_api(db: None) -> None:
    from django.test import Client

    response = Client().get("/no/such/page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_it_answers_every_list_in_the_same_envelope() -> None:
    # A list answered as a bare array (as /risk-registers once was) breaks clients that follow
    # `next`: every GET whose answer is a list is paginated ({"items": [...], "count": ...}).
    document = json.loads(Client().get(f"{API}/openapi.json").content)
    bare = []
    for path, operations in document["paths"].items():
        answer = operations.get("get", {}).get("responses", {}).get("200", {})
        schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
        if schema.get("type") == "array":
            bare.append(path)
    assert bare == []


def test_it_lists_risk_registers_in_the_envelope(world: Any, api_for: Any) -> None:
    from joinedup.risks import services

    services.register_create(actor=world["programme_officer"], partnership=world.own, name="Risks")
    body = api_for("viewer").get("/partnerships/own/risk-registers").json()
    assert [r["name"] for r in body["items"]] == ["Risks"]
    assert (body["count"], body["page"], body["pages"], body["next"]) == (1, 1, 1, None)


@pytest.mark.parametrize("debug", [False, True])
def test_it_says_not_found_once_whatever_the_settings(
    api_for: Any, settings: Any, debug: bool
) -> None:
    settings.DEBUG = debug
    for path in ("/partnerships/own/risks/999999", "/partnerships/nowhere/bodies"):
        response = api_for("viewer").get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}, path
