"""The Django admin asks for a second factor: a TOTP code from an enrolled device."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from joinedup.accounts.tests.factories import UserFactory

ADMIN = reverse("admin:index")
ADMIN_LOGIN = reverse("admin:login")


@pytest.fixture
def staff(db: None) -> Any:
    return UserFactory(username="sysadmin", is_staff=True, is_superuser=True)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _admin_sign_in(client: Client, **extra: str) -> Any:
    # The admin's sign-in form: username, password, then the device and its current code.
    data = {"username": "sysadmin", "password": PASSWORD, "next": ADMIN, **extra}
    return client.post(ADMIN_LOGIN, data)


def test_it_sends_a_staff_user_signed_in_with_a_password_only_to_the_admin_sign_in(
    client: Client, staff: Any
) -> None:
    client.force_login(staff)

    response = client.get(ADMIN)

    assert response.status_code == 302
    assert response["Location"].startswith(ADMIN_LOGIN)


def test_it_refuses_a_staff_user_without_a_device(client: Client, staff: Any) -> None:
    response = _admin_sign_in(client, otp_token="123456")

    assert response.status_code == 200  # the sign-in form again, with the error
    assert client.get(ADMIN).status_code == 302


def test_it_refuses_a_wrong_code(client: Client, staff: Any) -> None:
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"

    _admin_sign_in(client, otp_device=device.persistent_id, otp_token=wrong)

    assert client.get(ADMIN).status_code == 302


def test_it_refuses_a_password_without_a_code(client: Client, staff: Any) -> None:
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)

    _admin_sign_in(client)

    assert client.get(ADMIN).status_code == 302


def test_it_lets_a_staff_user_in_with_a_verified_code(client: Client, staff: Any) -> None:
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)

    response = _admin_sign_in(client, otp_device=device.persistent_id, otp_token=_code(device))

    assert response.status_code == 302 and response["Location"] == ADMIN
    page = client.get(ADMIN)
    assert page.status_code == 200
    assert "Joined-Up administration" in page.content.decode()


def test_it_enrols_a_device_and_prints_its_otpauth_uri(staff: Any) -> None:
    out, err = io.StringIO(), io.StringIO()

    call_command("otp_enrol", "sysadmin", "--name", "Work phone", stdout=out, stderr=err)

    uri = out.getvalue().strip()
    parsed = urlparse(uri)
    device = TOTPDevice.objects.get(user=staff)
    assert parsed.scheme == "otpauth" and parsed.netloc == "totp"
    assert parse_qs(parsed.query)["issuer"] == ["Joined-Up"]
    assert parse_qs(parsed.query)["secret"][0]
    assert device.name == "Work phone" and device.confirmed
    assert "not shown again" in err.getvalue()


def test_the_enrolled_device_opens_the_admin(client: Client, staff: Any) -> None:
    call_command("otp_enrol", "sysadmin", stdout=io.StringIO(), stderr=io.StringIO())
    device = TOTPDevice.objects.get(user=staff)

    _admin_sign_in(client, otp_device=device.persistent_id, otp_token=_code(device))

    assert client.get(ADMIN).status_code == 200


def test_it_replaces_old_devices_when_asked(staff: Any) -> None:
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("otp_enrol", "sysadmin", **quiet)
    call_command("otp_enrol", "sysadmin", "--replace", **quiet)

    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_it_refuses_to_enrol_someone_who_is_not_staff(world: Any) -> None:
    with pytest.raises(CommandError, match="not an active staff user"):
        call_command("otp_enrol", "viewer", stdout=io.StringIO(), stderr=io.StringIO())

    assert not TOTPDevice.objects.exists()


def test_it_refuses_to_enrol_an_unknown_user(db: None) -> None:
    with pytest.raises(CommandError, match="No user is called"):
        call_command("otp_enrol", "nobody", stdout=io.StringIO(), stderr=io.StringIO())


def test_it_refuses_another_users_device_and_code(client: Client, staff: Any) -> None:
    other = UserFactory(username="othersysadmin", is_staff=True)
    device = TOTPDevice.objects.create(user=other, name="theirs", confirmed=True)

    _admin_sign_in(client, otp_device=device.persistent_id, otp_token=_code(device))

    assert client.get(ADMIN).status_code == 302
