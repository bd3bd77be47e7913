"""The Django admin behind a second factor: a staff user needs a verified TOTP device.

`joinedup.accounts.apps.TwoFactorAdminConfig` replaces "django.contrib.admin" in INSTALLED_APPS,
so `admin.site` (and every `@admin.register`) is this site. Its sign-in page asks for the
username, the password and the six-digit code from an authenticator app; a person signed in
through the ordinary sign-in page, without a code, is treated as not staff and sent to it.
Enrol a device with `python manage.py otp_enrol USERNAME`.
"""

from __future__ import annotations

from django_otp.admin import OTPAdminSite


class TwoFactorAdminSite(OTPAdminSite):
    site_header = "Joined-Up administration"
    site_title = "Joined-Up administration"

    def __init__(self, name: str = "admin") -> None:
        # Keep the usual "admin" namespace so reverse("admin:...") works as before.
        super().__init__(name)
