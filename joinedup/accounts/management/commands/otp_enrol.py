"""Enrol a TOTP device for a staff user, for the admin's second factor.

    python manage.py otp_enrol USERNAME [--name "Phone"] [--replace]

Prints the otpauth:// URI once: open it on the device, or paste it into an authenticator app
(most accept the URI or its `secret` as a setup key). The device is confirmed at once, so the
next admin sign-in asks for its code. Only the command line can do this: a person who can sign
in with a password alone cannot add a device for themselves.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Enrol a TOTP authenticator for a staff user and print its otpauth:// URI."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="A name for the device.")
        parser.add_argument(
            "--replace", action="store_true", help="Remove the user's other TOTP devices first."
        )

    @transaction.atomic
    def handle(self, *args: Any, username: str, name: str, replace: bool, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        if not (user.is_active and user.is_staff):
            raise CommandError(f"{username} is not an active staff user; only staff use the admin.")
        if replace:
            TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(device.config_url)
        self.stderr.write(
            f"Enrolled {name!r} for {username}. Add the URI above to an authenticator app now: "
            "it is not shown again."
        )
