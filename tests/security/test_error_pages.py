"""With debug off (as `joinedup serve` runs), no traceback, setting or URL pattern ever reaches
a user: a server error is the plain 500 page and an unknown address the plain 404."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import DataError
from django.test import Client

from joinedup.accounts.models import ApiToken
from joinedup.core.middleware import UnstorableTextMiddleware

SECRET = "SECRET-INTERNAL-DETAIL"
INTERNALS = (SECRET, "Traceback", "RuntimeError", "URLconf", "urlpatterns", "settings.py")
PLAIN_500 = "Sorry, there is a problem with the service"


@pytest.fixture(autouse=True)
def debug_off(settings: Any) -> None:
    settings.DEBUG = False


def _shows_no_internals(response: Any) -> None:
    text = response.content.decode()
    assert not [word for word in INTERNALS if word in text], text[:500]


def _explode(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError(SECRET)


def test_a_page_that_fails_shows_the_plain_500_page(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("joinedup.partnerships.views.home.scope_public", _explode)

    response = Client(raise_request_exception=False).get("/public/own/")

    assert response.status_code == 500
    assert PLAIN_500 in response.content.decode()
    _shows_no_internals(response)


def test_an_api_call_that_fails_shows_no_traceback(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("joinedup.core.api.routes.deadline_calculate", _explode)
    _, raw = ApiToken.issue(user=world["viewer"], name="script")

    response = Client(raise_request_exception=False).get(
        "/api/v1/deadlines/foi-response?date=2025-01-06",
        headers={"Authorization": f"Bearer {raw}"},
    )

    assert response.status_code == 500
    _shows_no_internals(response)


@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/api/nothing/here", "/no/such/page/"])
def test_an_unknown_address_lists_no_url_patterns(path: str, db: None) -> None:
    response = Client().get(path)

    assert response.status_code == 404
    _shows_no_internals(response)
    assert "partnerships/" not in response.content.decode()
    if path.startswith("/api/"):
        assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(
    "error",
    [
        UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"),
        DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes"),
    ],
    ids=["surrogate", "nul"],
)
def test_text_that_reaches_the_database_anyway_is_a_422_not_a_500(
    error: Exception, rf: Any, db: None
) -> None:
    middleware = UnstorableTextMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
    from django.contrib.auth.models import AnonymousUser

    page = rf.post("/p/own/bodies/new/", {"name": "Board\x00"})
    api = rf.get("/api/v1/partnerships/own/bodies")
    page.user = api.user = AnonymousUser()

    page_response = middleware.process_exception(page, error)
    api_response = middleware.process_exception(api, error)

    assert page_response is not None and page_response.status_code == 422
    assert "name: the text holds" in page_response.content.decode()
    assert api_response is not None and api_response.status_code == 422
    assert json.loads(api_response.content)["detail"][0]["type"] == "unstorable_text"
    assert middleware.process_exception(page, RuntimeError(SECRET)) is None
