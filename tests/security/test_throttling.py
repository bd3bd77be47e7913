"""Sign-in throttling (django-axes): failed sign-ins per username and address lock that pair out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from joinedup.accounts.models import ApiToken

LOGIN = reverse("accounts:login")
HOME = reverse("core:home")


def _sign_in(client: Client, username: str, password: str, ip: str = "192.0.2.10") -> Any:
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


def _fail(client: Client, username: str, times: int, ip: str = "192.0.2.10") -> Any:
    response = None
    for _ in range(times):
        response = _sign_in(client, username, "wrong password", ip)
    return response


def test_it_locks_out_at_or_before_ten_failures_as_cyber_essentials_asks() -> None:
    assert 1 < settings.AXES_FAILURE_LIMIT <= 10
    assert dt.timedelta(minutes=5) <= settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_it_shows_the_form_error_before_the_limit(client: Client, world: Any) -> None:
    response = _fail(client, "po", settings.AXES_FAILURE_LIMIT - 1)

    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_it_locks_the_username_and_address_out_with_a_page_of_our_own(
    client: Client, world: Any
) -> None:
    response = _fail(client, "po", settings.AXES_FAILURE_LIMIT)

    body = response.content.decode()
    assert response.status_code == 429
    assert "You cannot sign in for now" in body
    assert "15 minutes" in body
    assert 'class="govuk-header"' in body and "Traceback" not in body
    assert response["Content-Security-Policy"]


def test_it_refuses_even_the_right_password_while_locked_out(client: Client, world: Any) -> None:
    _fail(client, "po", settings.AXES_FAILURE_LIMIT)

    response = _sign_in(client, "po", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(HOME).status_code == 302  # still signed out: sent to sign in


def test_it_lets_the_same_person_in_from_another_address(client: Client, world: Any) -> None:
    _fail(client, "po", settings.AXES_FAILURE_LIMIT, ip="192.0.2.10")

    response = _sign_in(Client(), "po", PASSWORD, ip="198.51.100.7")

    assert response.status_code == 302


def test_it_lets_another_person_in_from_the_same_address(client: Client, world: Any) -> None:
    _fail(client, "po", settings.AXES_FAILURE_LIMIT)

    assert _sign_in(Client(), "viewer", PASSWORD).status_code == 302


def test_it_lets_the_person_in_again_after_the_cool_off(client: Client, world: Any) -> None:
    _fail(client, "po", settings.AXES_FAILURE_LIMIT)
    later = timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    AccessAttempt.objects.filter(username="po").update(attempt_time=later)

    assert _sign_in(client, "po", PASSWORD).status_code == 302


def test_it_clears_the_count_after_a_successful_sign_in(client: Client, world: Any) -> None:
    _fail(client, "po", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, "po", PASSWORD).status_code == 302
    client.logout()

    response = _fail(client, "po", settings.AXES_FAILURE_LIMIT - 1)

    assert response.status_code == 200  # counting from zero again, so not yet locked


def test_it_counts_admin_sign_ins_too(client: Client, world: Any) -> None:
    admin_login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            admin_login, {"username": "po", "password": "nope"}, REMOTE_ADDR="192.0.2.10"
        )

    assert response.status_code == 429
    assert _sign_in(client, "po", PASSWORD).status_code == 429


def test_it_leaves_api_tokens_working_while_the_sign_in_is_locked(
    client: Client, world: Any
) -> None:
    _fail(client, "po", settings.AXES_FAILURE_LIMIT)
    _, raw = ApiToken.issue(user=world["programme_officer"], name="script")

    response = Client().get(
        "/api/v1/partnerships/own/bodies",
        headers={"Authorization": f"Bearer {raw}"},
        REMOTE_ADDR="192.0.2.10",
    )

    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["programme_officer", "viewer"])
def test_it_still_lets_tests_sign_people_in_with_force_login(client_for: Any, persona: str) -> None:
    assert client_for(persona).get(HOME).status_code == 200


def test_it_keeps_a_record_of_every_sign_in_decision(client: Client, world: Any) -> None:
    _fail(client, "po", 2)
    _sign_in(client, "po", PASSWORD)

    failures = AccessFailureLog.objects.filter(username="po", ip_address="192.0.2.10")
    assert failures.count() == 2  # kept, though the attempt counter was cleared
    assert not AccessAttempt.objects.filter(username="po").exists()
    assert AccessLog.objects.filter(username="po", ip_address="192.0.2.10").count() == 1
