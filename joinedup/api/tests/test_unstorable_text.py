"""Text that cannot be stored (a NUL character, an unpaired surrogate) gets a 422 that names the
field, from the API and on a page's form, on SQLite and PostgreSQL alike; never a 500."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from joinedup.accounts.models import ApiToken
from joinedup.core.models import AuditEntry
from joinedup.core.text import MESSAGE
from joinedup.partnerships.models import Body

SURROGATE = "\ud800"
NUL = "\x00"
BODIES = "/api/v1/partnerships/own/bodies"


def _written() -> tuple[int, int]:
    return Body.objects.count(), AuditEntry.objects.count()


@pytest.fixture
def token(world: Any) -> dict[str, str]:
    _, raw = ApiToken.issue(user=world["programme_officer"], name="script")
    return {"Authorization": f"Bearer {raw}"}


def _post_json(token: dict[str, str], raw: bytes, path: str = BODIES) -> Any:
    return Client().post(path, raw, content_type="application/json", headers=token)


def _locs(response: Any) -> list[list[Any]]:
    return [d["loc"] for d in response.json()["detail"]]


@pytest.mark.parametrize("bad", [SURROGATE, NUL], ids=["surrogate", "nul"])
@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        ({"name": "Board {bad}", "kind": "board"}, ["body", "name"]),
        ({"name": "Board", "kind": "board", "purpose": "To {bad} decide"}, ["body", "purpose"]),
        # A value used to look a record up, never saved: refused before the lookup.
        ({"name": "Board", "kind": "board", "owner_organisation": "x{bad}"}, None),
        (
            {
                "name": "Board",
                "kind": "board",
                "confidentiality": "restricted",
                "restricted_to": ["own-nhs", "{bad}"],
            },
            ["body", "restricted_to", 1],
        ),
    ],
)
def test_the_api_answers_422_naming_the_field(
    bad: str, payload: dict[str, Any], loc: list[Any] | None, token: dict[str, str]
) -> None:
    body = json.loads(json.dumps(payload).replace("{bad}", json.dumps(bad)[1:-1]))
    before = _written()

    response = _post_json(token, json.dumps(body).encode())

    assert response.status_code == 422, response.content
    field = loc or ["body", "owner_organisation"]
    assert _locs(response) == [field]
    assert response.json()["detail"][0]["msg"] == MESSAGE
    assert _written() == before


def test_the_api_refuses_a_surrogate_sent_as_raw_utf8_bytes(token: dict[str, str]) -> None:
    # Python's JSON reader decodes the UTF-8 form of a surrogate (ED A0 80) into one.
    response = _post_json(token, b'{"name": "Board \xed\xa0\x80", "kind": "board"}')

    assert response.status_code == 422
    assert _locs(response) == [["body", "name"]]


def test_the_api_refuses_an_update_with_a_nul(world: Any, token: dict[str, str]) -> None:
    created = _post_json(token, b'{"name": "Board", "kind": "board"}')
    slug = created.json()["slug"]

    response = Client().patch(
        f"{BODIES}/{slug}",
        '{"purpose": "a\\u0000b"}',
        content_type="application/json",
        headers=token,
    )

    assert response.status_code == 422
    assert _locs(response) == [["body", "purpose"]]
    assert Body.objects.get(slug=slug).purpose == ""


def test_the_api_refuses_a_nul_in_the_query_string(token: dict[str, str]) -> None:
    response = Client().get(BODIES + "?kind=%00", headers=token)

    assert response.status_code == 422
    assert _locs(response) == [["query", "kind"]]


def test_the_api_answers_400_not_500_for_a_body_that_is_not_utf8(token: dict[str, str]) -> None:
    response = _post_json(token, b'{"name": "Board \xff", "kind": "board"}')

    assert response.status_code == 400


# ------------------------------------------------------------------ pages


def _form(**values: str) -> dict[str, str]:
    return {"name": "Board", "kind": "board", "confidentiality": "partnership", **values}


@pytest.mark.parametrize("field", ["name", "purpose"])
def test_a_form_shows_a_nul_as_an_error_on_its_field(field: str, client_for: Any) -> None:
    url = reverse("partnerships:body_create", args=["own"])
    before = _written()

    page = client_for("programme_officer").post(url, _form(**{field: "Board\x00 of NUL"}))

    assert page.status_code == 200
    assert f'href="#id_{field}"' in page.content.decode()  # the error summary links the field
    assert _written() == before


def test_a_form_with_a_surrogate_is_refused_naming_the_field(client_for: Any) -> None:
    # No browser sends one, but a form declaring the raw_unicode_escape charset can.
    url = reverse("partnerships:body_create", args=["own"])
    fields = {"name": "Board \\ud800", "kind": "board", "confidentiality": "partnership"}
    body = "".join(
        f'--b\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    )
    before = _written()

    page = client_for("programme_officer").post(
        url,
        (body + "--b--\r\n").encode(),
        content_type="multipart/form-data; boundary=b; charset=raw_unicode_escape",
    )

    assert page.status_code == 422
    assert "name: the text holds a character that cannot be stored" in page.content.decode()
    assert _written() == before


def test_a_page_refuses_a_nul_in_its_address_naming_the_parameter(
    client_for: Any, world: Any
) -> None:
    url = reverse("meetings:decision_list", args=["own"])

    page = client_for("programme_officer").get(url + "?body=%00")

    assert page.status_code == 422
    assert "body: the text holds a character that cannot be stored" in page.content.decode()


def test_a_service_refuses_unstorable_text_naming_the_field(world: Any) -> None:
    from django.core.exceptions import ValidationError

    from joinedup.partnerships import services

    with pytest.raises(ValidationError) as refused:
        services.body_create(
            actor=world["programme_officer"],
            partnership=world.own,
            name="Board",
            kind="board",
            purpose=f"To {SURROGATE} decide",
        )

    assert refused.value.message_dict == {"purpose": [MESSAGE]}
